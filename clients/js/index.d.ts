// Types of the public API. The response shapes come from openapi.yaml, generated into
// types/openapi.d.ts by `npm run types` (a test fails when that file is stale).
import type { components } from './types/openapi.js';

type Schemas = components['schemas'];
export type AnnotateRequest = Schemas['AnnotateRequest'];
export type AnnotateResponse = Schemas['AnnotateResponse'];
export type BatchResponse = Schemas['BatchResponse'];
export type Problem = Schemas['Problem'];
export type Span = Schemas['Span'];
export type Actor = Schemas['Actor'];
export type Location = Schemas['Location'];
export type Casualty = Schemas['Casualty'];
export type Quote = Schemas['Quote'];
export type Offsets = NonNullable<AnnotateRequest['offsets']>;
export type Layer = NonNullable<AnnotateRequest['layers']>[number];

export interface CallOptions {
  /** Aborts the request; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's timeout; on expiry it rejects with a DOMException TimeoutError. */
  timeoutMs?: number;
}

export interface AnnotateOptions extends CallOptions {
  offsets?: Offsets;
  layers?: Layer[];
  published?: string;
  id?: string;
  format?: 'text' | 'html';
}

export interface ClientOptions {
  baseUrl?: string;
  apiKey?: string | null;
  timeoutMs?: number;
  /** Answers kept for revalidation with If-None-Match (0 turns it off). */
  cacheSize?: number;
  fetch?: typeof fetch;
}

export interface StoryArticle {
  id: string;
  text: string;
  format?: 'text' | 'html';
  published?: string;
  outlet?: string;
  url?: string;
}

export class AnnotationClient {
  constructor(options?: ClientOptions);
  annotate(text: string, options?: AnnotateOptions): Promise<AnnotateResponse>;
  annotateBatch(items: Array<string | AnnotateRequest>,
                options?: CallOptions & { offsets?: Offsets; layers?: Layer[] }): Promise<BatchResponse>;
  /** POST /v1/stories (see the contract's "Stories"); typed loosely until it is in openapi.yaml. */
  stories(articles: StoryArticle[],
          options?: CallOptions & { offsets?: Offsets; layers?: Layer[] }): Promise<Record<string, unknown>>;
}

export class AnnotationError extends Error {
  constructor(problem: Problem, extra?: { retryAfter?: number | null; requestId?: string | null });
  readonly problem: Problem;
  readonly status: number;
  readonly retryAfter: number | null;
  readonly requestId: string | null;
  static fromResponse(response: Response): Promise<AnnotationError>;
}

export function sha256Hex(text: string): Promise<string>;
export function isCurrent(answer: { text_sha256: string }, text: string): Promise<boolean>;

export function locate(starts: number[], total: number, offset: number, atEnd: boolean):
  { index: number; offset: number };
export function spansToRanges(root: Node, spans: Array<{ start: number; end: number }>): Range[];
export function spanToRange(root: Node, span: { start: number; end: number }): Range;
export function rangeToSpan(root: Node, range: Range): { start: number; end: number; text: string };
