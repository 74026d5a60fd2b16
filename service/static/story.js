// Several articles sent as one story (POST /v1/stories, see the contract's "Stories"): the
// claims ledger as a table, conflicting figures marked in words as well as colour.
const articles = [];

function cell(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

function figureText(figure) {
  const stated = figure.value ?? (figure.low !== null ? `${figure.low}+` : '?');
  const qualifier = figure.qualifier && figure.qualifier !== 'exact' ? `${figure.qualifier.replace('_', ' ')} ` : '';
  const source = figure.source?.text ? `, source: ${figure.source.text}` : '';
  const outlet = figure.outlet ? ` (${figure.outlet})` : ` (${figure.article})`;
  return `${qualifier}${stated}${source}${outlet}`;
}

function bounds(claim) {
  const low = claim.low ?? '?';
  const high = claim.high ?? '?';
  return low === high ? `${low}` : `${low}–${high}`;
}

/** Fill `table` (with a <tbody>) from a stories answer: one row per claim group. */
export function renderClaims(table, answer) {
  const rows = (answer.claims ?? []).map((claim) => {
    const row = document.createElement('tr');
    if (claim.agreement === 'conflicting') row.className = 'conflicting';
    const figures = cell('td', '');
    const list = document.createElement('ul');
    for (const figure of claim.figures ?? []) list.append(cell('li', figureText(figure)));
    figures.append(list);
    const agreement = claim.agreement === 'conflicting' ? '⚠ conflicting' : claim.agreement;
    row.append(cell('th', claim.id, { scope: 'row' }), cell('td', claim.category),
      cell('td', claim.victims?.text ?? ''), figures, cell('td', agreement),
      cell('td', bounds(claim)), cell('td', `${claim.conservative ?? ''}`));
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  const duplicates = (answer.duplicates ?? []).map((group) => group.join(' = '));
  return { claims: rows.length, duplicates };
}

function renderArticles(list, status) {
  list.replaceChildren(...articles.map((article, index) => {
    const item = cell('li', `${article.id}${article.outlet ? ` · ${article.outlet}` : ''}: ${article.text.slice(0, 60)}… `);
    const remove = cell('button', 'Remove', { type: 'button' });
    remove.addEventListener('click', () => {
      articles.splice(index, 1);
      renderArticles(list, status);
    });
    item.append(remove);
    return item;
  }));
  status.textContent = `${articles.length} article(s) in the story.`;
}

/** Wire the story controls: `client()` gives the AnnotationClient, `options()` the form's. */
export function initStory({ client, options, showProblem, $ }) {
  $('story-add').addEventListener('click', () => {
    const text = $('text').value;
    if (!text) return;
    const { format, published } = options();
    articles.push({ id: `r${articles.length + 1}`, text, format, published,
      outlet: $('outlet').value || undefined });
    renderArticles($('story-articles'), $('status'));
  });
  $('story-send').addEventListener('click', async () => {
    $('problem').hidden = true;
    try {
      const { offsets, layers } = options();
      const answer = await client().stories(articles, { offsets, layers });
      const { claims, duplicates } = renderClaims($('claims'), answer);
      $('story-result').hidden = false;
      $('status').textContent = `${claims} claim group(s)${duplicates.length ? `; copies: ${duplicates.join(', ')}` : ''}.`;
    } catch (error) {
      $('story-result').hidden = true;
      showProblem(error);
    }
  });
}
