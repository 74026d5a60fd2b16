// The offset arithmetic of spansToRanges (the DOM part runs in Chromium: tests/test_browser.py).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { locate } from '../src/ranges.js';

// Pieces 'ab', '', 'cde' (an empty text node in the middle): starts 0, 2, 2; length 5.
const starts = [0, 2, 2];

test('a start boundary goes to the piece holding the next character', () => {
  assert.deepEqual(locate(starts, 5, 0, false), { index: 0, offset: 0 });
  assert.deepEqual(locate(starts, 5, 2, false), { index: 2, offset: 0 });
  assert.deepEqual(locate(starts, 5, 4, false), { index: 2, offset: 2 });
});

test('an end boundary goes to the piece holding the previous character', () => {
  assert.deepEqual(locate(starts, 5, 2, true), { index: 0, offset: 2 });
  assert.deepEqual(locate(starts, 5, 5, true), { index: 2, offset: 3 });
  assert.deepEqual(locate(starts, 5, 0, true), { index: 0, offset: 0 });
});

test('offsets outside the text or not integers are a RangeError', () => {
  assert.throws(() => locate(starts, 5, 6, true), RangeError);
  assert.throws(() => locate(starts, 5, -1, false), RangeError);
  assert.throws(() => locate(starts, 5, 1.5, false), RangeError);
});

test('many pieces: every offset lands in the right piece', () => {
  const lengths = [3, 1, 0, 4, 2];
  const pieceStarts = lengths.map((_, i) => lengths.slice(0, i).reduce((a, b) => a + b, 0));
  const text = lengths.map((n, i) => String(i).repeat(n)).join('');
  for (let offset = 0; offset < text.length; offset += 1) {
    const { index, offset: within } = locate(pieceStarts, text.length, offset, false);
    assert.equal(String(index), text[offset]);
    assert.equal(pieceStarts[index] + within, offset);
  }
});
