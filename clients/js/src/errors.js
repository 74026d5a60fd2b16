/**
 * An answer that is not a success, thrown with its RFC 9457 problem object.
 *
 * The service answers every error as application/problem+json; anything else (a proxy's HTML
 * page, an empty body) is turned into a problem of the same shape, so callers read one thing.
 */
export class AnnotationError extends Error {
  constructor(problem, { retryAfter = null, requestId = null } = {}) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'AnnotationError';
    this.problem = problem;
    this.status = problem.status;
    /** Seconds to wait before retrying (429, 503), or null. */
    this.retryAfter = retryAfter;
    this.requestId = requestId;
  }

  static async fromResponse(response) {
    const body = await response.text();
    const problem = asProblem(parseJson(body), response, body);
    return new AnnotationError(problem, {
      retryAfter: seconds(response.headers.get('Retry-After')),
      requestId: response.headers.get('X-Request-ID'),
    });
  }
}

function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function asProblem(parsed, response, body) {
  if (parsed && typeof parsed === 'object' && typeof parsed.title === 'string') {
    return { status: response.status, ...parsed };
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: body.slice(0, 300),
  };
}

function seconds(value) {
  const number = Number.parseInt(value ?? '', 10);
  return Number.isFinite(number) ? number : null;
}
