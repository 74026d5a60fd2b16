/**
 * UTF-16 spans <-> DOM Ranges over the text of an element.
 *
 * The element's text (`root.textContent`: its Text nodes in document order) must be exactly the
 * text that was annotated with offsets=utf16; markup around or inside it does not matter, so a
 * plugin highlights spans in an editor's DOM without computing offsets itself.
 */

/**
 * Where a UTF-16 offset falls among consecutive text pieces: `{index, offset}` inside piece
 * `index`. `starts` holds each piece's first offset, `total` the text's length. A start boundary
 * (`atEnd` false) goes to the piece holding the next character; an end boundary to the piece
 * holding the previous one, so a range never begins or ends in a neighbouring node.
 */
export function locate(starts, total, offset, atEnd) {
  if (!Number.isInteger(offset) || offset < 0 || offset > total) {
    throw new RangeError(`offset ${offset} is outside the text (length ${total})`);
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    const before = atEnd ? starts[middle] < offset : starts[middle] <= offset;
    if (before) low = middle;
    else high = middle - 1;
  }
  return { index: low, offset: offset - starts[low] };
}

function textNodes(root) {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

/** One Range per span (`{start, end}` in UTF-16 units), in the order given; one walk of the DOM. */
export function spansToRanges(root, spans) {
  const nodes = textNodes(root);
  if (nodes.length === 0) nodes.push(root.appendChild(root.ownerDocument.createTextNode('')));
  const starts = [];
  let total = 0;
  for (const node of nodes) {
    starts.push(total);
    total += node.data.length;
  }
  return spans.map(({ start, end }) => {
    if (end < start) throw new RangeError(`span end ${end} is before its start ${start}`);
    const from = locate(starts, total, start, false);
    const to = locate(starts, total, end, true);
    const range = root.ownerDocument.createRange();
    range.setStart(nodes[from.index], from.offset);
    range.setEnd(nodes[to.index], to.offset);
    return range;
  });
}

export function spanToRange(root, span) {
  return spansToRanges(root, [span])[0];
}

/** The UTF-16 span `{start, end, text}` of a Range (e.g. the user's selection) inside `root`. */
export function rangeToSpan(root, range) {
  const before = root.ownerDocument.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const text = range.toString();
  return { start, end: start + text.length, text };
}
