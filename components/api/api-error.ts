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
}

/** True for the `AbortError` a fetch or an aborted signal rejects with. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}
