// The demo page: send an article, show its spans highlighted by layer and the entries found.
// Offsets are asked in utf16, JavaScript's string unit, so text.slice(start, end) is each span.
import { AnnotationClient, AnnotationError } from '/client/index.js';
import { initStory } from './story.js';

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function options() {
  const layers = [...document.querySelectorAll('input[name=layer]:checked')].map((box) => box.value);
  const published = $('published').value || undefined;
  return { layers, published, format: $('format').value, offsets: 'utf16' };
}

// Every span to paint: {start, end, key (the panel entry it belongs to), role (its class)}.
function paintedSpans(answer) {
  const spans = [];
  const add = (span, key, role) => span && spans.push({ start: span.start, end: span.end, key, role });
  for (const layer of ['actors', 'locations']) {
    for (const entity of answer[layer] ?? []) entity.mentions.forEach((m) => add(m, entity.id, layer));
  }
  for (const record of answer.casualties ?? []) {
    add(record.count.span ?? record.evidence, record.id, 'casualties');
    add(record.evidence, record.id, 'evidence');
  }
  // Boilerplate the service left out (share prompts, bylines, captions): shown dimmed.
  for (const region of answer.ignored ?? []) add(region, 'ignored', 'ignored');
  for (const quote of answer.quotes ?? []) {
    add(quote.span, quote.id, 'quotes');
    add(quote.speaker?.mention, quote.id, 'speaker');
    add(quote.cue, quote.id, 'evidence');
  }
  return spans;
}

// The text cut at every span boundary; each piece covered by spans becomes one <mark> whose
// classes and data-keys list all of them, so nested and overlapping spans both show.
function renderArticle(container, text, spans) {
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])]
    .sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter((s) => s.start <= from && to <= s.end);
    const piece = text.slice(from, to);
    if (covering.length === 0) {
      pieces.push(piece);
      continue;
    }
    const classes = new Set(covering.map((s) => s.role));
    pieces.push(el('mark', {
      class: ['hl', ...classes].join(' '),
      'data-keys': [...new Set(covering.map((s) => s.key))].join(' '),
    }, piece));
  }
  container.replaceChildren(...pieces);
}

function select(key, button) {
  const article = $('article');
  for (const pressed of document.querySelectorAll('#panel [aria-pressed=true]')) {
    pressed.setAttribute('aria-pressed', 'false');
  }
  for (const mark of article.querySelectorAll('mark.selected')) mark.classList.remove('selected');
  button.setAttribute('aria-pressed', 'true');
  const marks = article.querySelectorAll(`mark[data-keys~="${key}"]`);
  marks.forEach((mark) => mark.classList.add('selected'));
  marks[0]?.scrollIntoView({ block: 'nearest' });
  $('status').textContent = `${button.dataset.label}: ${marks.length} highlighted pieces`;
}

function entry(list, key, label, details) {
  const button = el('button', { type: 'button', 'aria-pressed': 'false', 'data-key': key }, label);
  button.dataset.label = label;
  button.addEventListener('click', () => select(key, button));
  list.append(el('li', {}, button, el('span', { class: 'details' }, details)));
}

function geo(place) {
  if (!place.geo) return 'not resolved';
  const { lat, lon, geonames_id: id, country_code: country } = place.geo;
  return `${lat.toFixed(2)}, ${lon.toFixed(2)}${country ? ` ${country}` : ''}${id ? ` · GeoNames ${id}` : ''}`;
}

function count(record) {
  const { value, low, qualifier } = record.count;
  const shown = value ?? (low !== null ? `${low}+` : '?');
  return qualifier === 'exact' ? `${shown}` : `${qualifier.replace('_', ' ')} ${shown}`;
}

const LISTS = {
  actors: (actor) => [actor.name, `${actor.kind} · ${actor.mentions.length}× · salience ${actor.salience}`],
  locations: (place) => [place.name, `${place.kind} · ${geo(place)} · salience ${place.salience}`],
  casualties: (record) => [`${record.category}: ${count(record)}`,
    [record.victims && `victims: ${record.victims.text}`, record.source && `source: ${record.source.text}`,
      record.date].filter(Boolean).join(' · ')],
  quotes: (quote) => [`“${quote.text.length > 90 ? `${quote.text.slice(0, 90)}…` : quote.text}”`,
    `${quote.kind} · ${quote.speaker ? quote.speaker.name : 'no speaker'}`],
};

function renderPanel(answer) {
  for (const [layer, describe] of Object.entries(LISTS)) {
    const list = $(`list-${layer}`);
    list.replaceChildren();
    const items = answer[layer];
    list.closest('section').hidden = items === undefined;
    for (const item of items ?? []) entry(list, item.id, ...describe(item));
    if (items?.length === 0) list.append(el('li', { class: 'none' }, 'none found'));
  }
}

function showProblem(error) {
  const problem = error instanceof AnnotationError ? error.problem
    : { title: error.name, detail: error.message };
  $('problem-title').textContent = problem.title;
  $('problem-detail').textContent = problem.detail ?? '';
  $('problem-errors').replaceChildren(...Object.entries(problem.errors ?? {})
    .map(([field, messages]) => el('li', {}, `${field}: ${[].concat(messages).join(' ')}`)));
  $('problem').hidden = false;
}

let client;
function currentClient() {
  const apiKey = $('apikey').value || null;
  if (!client || client.apiKey !== apiKey) client = new AnnotationClient({ apiKey });
  return client;
}

async function annotate(event) {
  event.preventDefault();
  const text = $('text').value;
  $('problem').hidden = true;
  $('status').textContent = 'Annotating…';
  $('annotate').disabled = true;
  try {
    const answer = await currentClient().annotate(text, options());
    // For HTML input the offsets refer to the extracted text the answer returns.
    renderArticle($('article'), answer.text ?? text, paintedSpans(answer));
    renderPanel(answer);
    $('result').hidden = false;
    $('status').textContent = `${answer.text_length} UTF-16 units annotated by ${answer.model.name} ${answer.model.version}.`;
  } catch (error) {
    $('result').hidden = true;
    $('status').textContent = '';
    showProblem(error);
  } finally {
    $('annotate').disabled = false;
  }
}

function shellQuote(value) {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

async function copyCurl() {
  const body = { text: $('text').value, ...options() };
  if (!body.published) delete body.published;
  const key = $('apikey').value ? ` -H ${shellQuote(`X-API-Key: ${$('apikey').value}`)}` : '';
  const command = `curl -sS ${shellQuote(`${window.location.origin}/v1/annotate`)}`
    + ` -H 'Content-Type: application/json'${key} -d ${shellQuote(JSON.stringify(body))}`;
  const shown = $('curl-command');
  shown.textContent = command;
  shown.hidden = false;
  try {
    await navigator.clipboard.writeText(command);
    $('status').textContent = 'curl command copied.';
  } catch {
    $('status').textContent = 'Copy the curl command shown below the buttons.';
  }
}

async function loadFile(file) {
  if (!file) return;
  $('text').value = await file.text();
  $('format').value = /\.html?$/i.test(file.name) || file.type === 'text/html' ? 'html' : 'text';
  $('status').textContent = `${file.name} loaded as ${$('format').value}.`;
}

function init() {
  $('request').addEventListener('submit', annotate);
  $('curl').addEventListener('click', copyCurl);
  $('file').addEventListener('change', (event) => loadFile(event.target.files[0]));
  const area = $('text');
  area.addEventListener('dragover', (event) => event.preventDefault());
  area.addEventListener('drop', (event) => {
    event.preventDefault();
    loadFile(event.dataTransfer.files[0]);
  });
  // Clicking a highlight selects the entry it belongs to (the first, where spans overlap).
  $('article').addEventListener('click', (event) => {
    const key = event.target.closest('mark')?.dataset.keys?.split(' ')[0];
    const button = key && document.querySelector(`#panel button[data-key="${key}"]`);
    if (button) select(key, button);
  });
  initStory({ client: currentClient, options, showProblem, $ });
}

init();
