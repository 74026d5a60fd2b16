import { AnnotationError } from './errors.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CACHE_SIZE = 16;

/**
 * Talks to the annotation service. Offsets default to utf16: JavaScript's string indices, what
 * `spansToRanges` needs. Requests time out after `timeoutMs` (rejecting with a DOMException
 * named TimeoutError) and stop when the caller's `signal` aborts (rejecting with its reason).
 */
export class AnnotationClient {
  #cache = new Map();

  constructor({
    baseUrl = '', apiKey = null, timeoutMs = DEFAULT_TIMEOUT_MS,
    cacheSize = DEFAULT_CACHE_SIZE,
    // Called as a plain function: window.fetch throws 'Illegal invocation' as a method of another object.
    fetch: fetchImpl = (...args) => globalThis.fetch(...args),
  } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.apiKey = apiKey;
    this.timeoutMs = timeoutMs;
    this.cacheSize = cacheSize;
    this.fetch = fetchImpl;
  }

  /**
   * Annotate one text. An answer seen before is revalidated with its ETag: the service answers
   * 304 without annotating again and the stored answer is returned.
   */
  async annotate(text, { offsets = 'utf16', layers, published, id, format, signal, timeoutMs } = {}) {
    const body = compact({ text, offsets, layers, published, id, format });
    const key = JSON.stringify(body);
    const cached = this.#cache.get(key);
    const headers = cached ? { 'If-None-Match': cached.etag } : {};
    const response = await this.#post('/v1/annotate', body, { signal, timeoutMs, headers });
    if (response.status === 304 && cached) {
      this.#remember(key, cached);
      return cached.answer;
    }
    const answer = await response.json();
    const etag = response.headers.get('ETag');
    if (etag) this.#remember(key, { etag, answer });
    return answer;
  }

  /** Annotate several texts (strings or request objects) in one call; one result per item. */
  async annotateBatch(items, { offsets = 'utf16', layers, signal, timeoutMs } = {}) {
    const defaults = compact({ offsets, layers });
    const body = {
      items: items.map((item) => (typeof item === 'string'
        ? { ...defaults, text: item } : { ...defaults, ...item })),
    };
    const response = await this.#post('/v1/annotate/batch', body, { signal, timeoutMs });
    return response.json();
  }

  /** Several reports of one event: merged actors and places, the claims ledger. */
  async stories(articles, { offsets = 'utf16', layers, signal, timeoutMs } = {}) {
    const body = compact({ articles, offsets, layers });
    const response = await this.#post('/v1/stories', body, { signal, timeoutMs });
    return response.json();
  }

  async #post(path, body, { signal, timeoutMs, headers = {} }) {
    const timeout = AbortSignal.timeout(timeoutMs ?? this.timeoutMs);
    const response = await this.fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...this.#auth(), ...headers },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.ok || response.status === 304) return response;
    throw await AnnotationError.fromResponse(response);
  }

  #auth() {
    return this.apiKey ? { 'X-API-Key': this.apiKey } : {};
  }

  #remember(key, entry) {
    if (this.cacheSize <= 0) return;
    // A Map iterates in insertion order: re-inserting marks the entry as the newest.
    this.#cache.delete(key);
    this.#cache.set(key, entry);
    while (this.#cache.size > this.cacheSize) {
      this.#cache.delete(this.#cache.keys().next().value);
    }
  }
}

function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** Hex SHA-256 of the text's UTF-8 bytes, as the service's `text_sha256`. */
export async function sha256Hex(text) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether `answer` was computed for `text` (the text the editor holds now): an answer for a
 * text edited since must be dropped, not applied.
 */
export async function isCurrent(answer, text) {
  return answer.text_sha256 === await sha256Hex(text);
}
