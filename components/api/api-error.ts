/** One invalid field of a `400 invalid_request` problem. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document as the token service sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldError[];
  retryAfter?: number;
}

export interface ApiErrorInit {
  status: number;
  code: string;
  detail: string;
  title?: string;
  errors?: readonly FieldError[];
  retryAfter?: number;
  /** The problem's other members, e.g. `field` and `openBalance` of `amount_exceeds_balance`. */
  extensions?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

/**
 * A failed call to the token service: a problem answer, an unexpected answer, or no answer at
 * all (`code: 'network_error'`, `status: 0`). Branch on `code`; show `detail`.
 */
export class ApiError extends Error {
  /** HTTP status; 0 when the service could not be reached. */
  readonly status: number;
  /** The service's stable error code, e.g. `invalid_credentials`, `rate_limited`, `network_error`. */
  readonly code: string;
  readonly title: string;
  /** A readable explanation, in English, from the service. */
  readonly detail: string;
  /** Invalid fields, for `invalid_request`. */
  readonly errors: readonly FieldError[];
  /** Seconds to wait before trying again, when the service said so (`rate_limited`). */
  readonly retryAfter: number | undefined;
  /** The problem's members beyond the standard ones, e.g. `{ field: 'allocations.0', openBalance: 5000 }`. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: ApiErrorInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
    this.extensions = init.extensions ?? {};
  }

  /** The service could not be reached (offline, DNS, CORS refusal, connection reset). */
  static network(cause: unknown): ApiError {
    return new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Network error',
      detail: 'The portal service could not be reached. Check your connection and try again.',
      cause,
    });
  }

  /** Builds the error for a non-2xx answer from its parsed body (a problem document, or anything else). */
  static fromResponse(response: Response, body: unknown): ApiError {
    const problem: Problem = isObject(body) ? (body as Problem) : {};
    const retryAfter = parseRetryAfter(response.headers.get('retry-after')) ?? numberOrUndefined(problem.retryAfter);
    return new ApiError({
      status: response.status,
      code: typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
      title: typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`,
      detail: typeof problem.detail === 'string' ? problem.detail : `The portal service answered with an unexpected error (HTTP ${response.status}).`,
      errors: Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [],
      retryAfter,
      extensions: Object.fromEntries(Object.entries(problem).filter(([key]) => !standardMembers.has(key))),
    });
  }
}

const standardMembers = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors', 'retryAfter']);

/** True for the `AbortError` a fetch or an aborted signal rejects with. */
export function isAbortError(error: unknown): boolean {
  return isObject(error) && (error as { name?: unknown }).name === 'AbortError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldError(value: unknown): value is FieldError {
  return isObject(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

// Retry-After is either a number of seconds or an HTTP date.
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
