// AnnotationClient against a local HTTP server that answers as the service does (or as a broken
// proxy would): bodies sent, ETag revalidation, problems, timeouts and aborts.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { AnnotationClient, AnnotationError, isCurrent, sha256Hex } from '../src/index.js';

const seen = [];
let server;
let baseUrl;

const routes = {
  '/v1/annotate': (request, body, response) => {
    if (request.headers['if-none-match'] === '"e1"') return send(response, 304, null, { ETag: '"e1"' });
    return send(response, 200, { text_sha256: 'x', echo: body }, { ETag: '"e1"' });
  },
  '/v1/annotate/batch': (request, body, response) => send(response, 200, { results: body.items }),
  '/v1/stories': (request, body, response) => send(response, 200, { echo: body }),
  '/problem': (request, body, response) => send(response, 429, {
    type: 'https://example.invalid/problems/too-many-requests', title: 'Too Many Requests',
    status: 429, detail: 'The rate limit is reached.' },
  { 'Content-Type': 'application/problem+json', 'Retry-After': '7', 'X-Request-ID': 'r-1' }),
  '/html-error': (request, body, response) => {
    response.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
    response.end('<h1>bad gateway</h1>');
  },
  '/slow': (request, body, response) => setTimeout(() => send(response, 200, {}), 2000),
};

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(body === null ? undefined : JSON.stringify(body));
}

before(async () => {
  server = createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const body = raw ? JSON.parse(raw) : null;
    seen.push({ url: request.url, headers: request.headers, body });
    const path = request.url.replace(/^\/prefix/, '');
    routes[path](request, body, response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function last() {
  return seen[seen.length - 1];
}

test('annotate sends JSON with utf16 offsets, the options and the API key', async () => {
  const client = new AnnotationClient({ baseUrl: `${baseUrl}/`, apiKey: 'k1' });
  const answer = await client.annotate('Hi 🚒', { layers: ['actors'], id: 'd1' });
  assert.deepEqual(answer.echo, { text: 'Hi 🚒', offsets: 'utf16', layers: ['actors'], id: 'd1' });
  assert.equal(last().headers['x-api-key'], 'k1');
  assert.equal(last().headers['content-type'], 'application/json');
});

test('a repeated request is revalidated with If-None-Match and a 304 returns the stored answer', async () => {
  const client = new AnnotationClient({ baseUrl });
  const first = await client.annotate('Same text.');
  assert.equal(last().headers['if-none-match'], undefined);
  const second = await client.annotate('Same text.');
  assert.equal(last().headers['if-none-match'], '"e1"');
  assert.deepEqual(second, first);
  await client.annotate('Same text.', { offsets: 'utf8' });
  assert.equal(last().headers['if-none-match'], undefined, 'other options are another answer');
});

test('the cache keeps at most cacheSize answers, dropping the oldest', async () => {
  const client = new AnnotationClient({ baseUrl, cacheSize: 1 });
  await client.annotate('one');
  await client.annotate('two');
  await client.annotate('one');
  assert.equal(last().headers['if-none-match'], undefined);
});

test('annotateBatch and stories post their bodies with the defaults applied', async () => {
  const client = new AnnotationClient({ baseUrl: `${baseUrl}/prefix` });
  const batch = await client.annotateBatch(['a', { text: 'b', offsets: 'codepoint' }], { layers: ['quotes'] });
  assert.deepEqual(batch.results, [
    { offsets: 'utf16', layers: ['quotes'], text: 'a' },
    { offsets: 'codepoint', layers: ['quotes'], text: 'b' }]);
  const story = await client.stories([{ id: 'r1', text: 'x' }]);
  assert.deepEqual(story.echo, { articles: [{ id: 'r1', text: 'x' }], offsets: 'utf16' });
});

async function post(client, path) {
  // The error path of every method goes through the same private request; reach it by URL.
  const url = `${client.baseUrl}${path}`;
  const probe = new AnnotationClient({ baseUrl: '', fetch: (_, init) => fetch(url, init) });
  return probe.annotate('x');
}

test('a problem answer is thrown as AnnotationError carrying the problem object', async () => {
  const error = await post(new AnnotationClient({ baseUrl }), '/problem').catch((e) => e);
  assert.ok(error instanceof AnnotationError);
  assert.equal(error.status, 429);
  assert.equal(error.problem.title, 'Too Many Requests');
  assert.equal(error.problem.detail, 'The rate limit is reached.');
  assert.equal(error.retryAfter, 7);
  assert.equal(error.requestId, 'r-1');
  assert.match(error.message, /Too Many Requests: The rate limit/);
});

test('an answer that is not a problem still becomes a problem-shaped AnnotationError', async () => {
  const error = await post(new AnnotationClient({ baseUrl }), '/html-error').catch((e) => e);
  assert.ok(error instanceof AnnotationError);
  assert.deepEqual(error.problem, {
    type: 'about:blank', title: 'Bad Gateway', status: 502, detail: '<h1>bad gateway</h1>' });
  assert.equal(error.retryAfter, null);
});

test('a request over its timeout rejects with TimeoutError', async () => {
  const url = `${baseUrl}/slow`;
  const client = new AnnotationClient({ timeoutMs: 100, fetch: (_, init) => fetch(url, init) });
  const started = Date.now();
  await assert.rejects(client.annotate('x'), { name: 'TimeoutError' });
  assert.ok(Date.now() - started < 1500);
});

test('aborting the signal rejects with the abort reason', async () => {
  const url = `${baseUrl}/slow`;
  const client = new AnnotationClient({ fetch: (_, init) => fetch(url, init) });
  const controller = new AbortController();
  const pending = client.annotate('x', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(pending, { name: 'AbortError' });
});

test('sha256Hex and isCurrent tell an answer for the text held from one for an older text', async () => {
  assert.equal(await sha256Hex('abc'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const answer = { text_sha256: await sha256Hex('東京 🚒') };
  assert.equal(await isCurrent(answer, '東京 🚒'), true);
  assert.equal(await isCurrent(answer, '東京 🚒 edited'), false);
});
