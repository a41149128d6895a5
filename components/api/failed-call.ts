import { ApiError, type FieldError, type Problem } from './api-error.ts';

// The API client's own ways of making an `ApiError`, in a module apart from the class, so that an
// element that only tells errors apart (the sign-in form, until its client has loaded) does not
// carry them.

/** The service could not be reached (offline, DNS, CORS refusal, connection reset). */
export function networkError(cause: unknown): ApiError {
  return new ApiError({
    status: 0,
    code: 'network_error',
    title: 'Network error',
    detail: 'The portal service could not be reached. Check your connection and try again.',
    cause,
  });
}

/** The error for a non-2xx answer, from its parsed body (a problem document, or anything else). */
export function errorFromResponse(response: Response, body: unknown): ApiError {
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

const standardMembers = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'errors', 'retryAfter']);

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
