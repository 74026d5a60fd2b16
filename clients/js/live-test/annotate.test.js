// The client against a running service: ANNOTATION_URL=http://127.0.0.1:PORT node --test live-test/
// (tests/test_js_client.py starts the service and runs this).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AnnotationClient, AnnotationError, isCurrent } from '../src/index.js';

const baseUrl = process.env.ANNOTATION_URL;
if (!baseUrl) throw new Error('ANNOTATION_URL is not set: start the service and point it there');

const TEXT = '🚒 東京 Mayor Elena Vasquez visited Riverton on Monday. '
  + '"We will rebuild 𠀋 together," Vasquez said. Officials in Texas said 12 people were injured.';

function spans(value, found = []) {
  if (Array.isArray(value)) value.forEach((item) => spans(item, found));
  else if (value && typeof value === 'object') {
    if (Number.isInteger(value.start) && typeof value.text === 'string') found.push(value);
    Object.values(value).forEach((item) => spans(item, found));
  }
  return found;
}

test('annotate: every span slices back from the JavaScript string (UTF-16)', async () => {
  const client = new AnnotationClient({ baseUrl });
  const answer = await client.annotate(TEXT);
  assert.equal(answer.offsets, 'utf16');
  assert.equal(answer.text_length, TEXT.length);
  assert.ok(await isCurrent(answer, TEXT));
  const all = spans(answer);
  assert.ok(all.length >= 5, `only ${all.length} spans`);
  for (const span of all) assert.equal(TEXT.slice(span.start, span.end), span.text);
  assert.ok(answer.actors.some((actor) => actor.name === 'Elena Vasquez'));
  for (const entity of [...answer.actors, ...answer.locations]) {
    assert.ok(entity.salience >= 0 && entity.salience <= 1);
  }
});

test('annotate twice: the second answer comes from a 304 revalidation', async () => {
  const statuses = [];
  const counting = async (url, init) => {
    const response = await fetch(url, init);
    statuses.push(response.status);
    return response;
  };
  const client = new AnnotationClient({ baseUrl, fetch: counting });
  const first = await client.annotate(TEXT, { layers: ['actors', 'locations'] });
  const second = await client.annotate(TEXT, { layers: ['actors', 'locations'] });
  assert.deepEqual(statuses, [200, 304]);
  assert.deepEqual(second, first);
});

test('annotateBatch: one result per item, a problem for the invalid one', async () => {
  const client = new AnnotationClient({ baseUrl });
  const batch = await client.annotateBatch([TEXT, { text: '' }], { layers: ['actors'] });
  assert.equal(batch.results.length, 2);
  assert.equal(batch.results[0].status, 200);
  assert.equal(batch.results[1].status, 422);
  assert.equal(batch.results[1].problem.status, 422);
});

test('an invalid request is thrown as AnnotationError with the service\'s problem', async () => {
  const client = new AnnotationClient({ baseUrl });
  const error = await client.annotate(TEXT, { layers: [] }).catch((e) => e);
  assert.ok(error instanceof AnnotationError);
  assert.equal(error.status, 422);
  assert.equal(error.problem.title, 'Unprocessable Content');
  assert.ok(error.problem.errors.layers);
});
