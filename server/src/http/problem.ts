import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import type { ProblemCode } from './problem-codes.ts';

/**
 * The one error type of the service. Thrown anywhere, it becomes an RFC 9457
 * `application/problem+json` response with a stable `code` a client can branch on.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Problem';
  }

  /** The document this problem is sent as. */
  toDocument() {
    return problemDocument(this.status, this.code, this.message, this.extra);
  }

  static badRequest(code: ProblemCode, message: string, extra?: Record<string, unknown>) {
    return new Problem(400, code, message, extra);
  }
  static unauthorized(code: ProblemCode, message: string) {
    return new Problem(401, code, message);
  }
  static forbidden(code: ProblemCode, message: string) {
    return new Problem(403, code, message);
  }
  static notFound(what = 'resource', code: ProblemCode = 'not_found') {
    return new Problem(404, code, `No such ${what}.`);
  }
  static conflict(code: ProblemCode, message: string) {
    return new Problem(409, code, message);
  }
  static unprocessable(code: ProblemCode, message: string, extra?: Record<string, unknown>) {
    return new Problem(422, code, message, extra);
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The problem document the service sends, also what an idempotency key keeps of a refusal to send it again. */
export function problemDocument(status: number, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title: titles[status] ?? 'Error', status, code, detail, ...extra };
}

type Response = Parameters<RequestHandler>[1];

export function sendProblem(res: Response, status: number, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}) {
  if (status === 429 && typeof extra.retryAfter === 'number') res.set('Retry-After', String(extra.retryAfter));
  sendReply(res, status, problemDocument(status, code, detail, extra));
}

/**
 * Sends a reply worked out earlier (an idempotent request's kept result, or a problem document):
 * a problem as `application/problem+json` with this request's `requestId`, which a stored
 * document never keeps, so a client quotes the id of the request it actually made.
 */
export function sendReply(res: Response, status: number, body: unknown) {
  if (status < 400) return res.status(status).type('application/json').send(JSON.stringify(body));
  const requestId = res.req.requestId;
  const problem = requestId && typeof body === 'object' && body !== null ? { ...body, requestId } : body;
  return res.status(status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Unknown routes get a JSON problem, never Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, 404, 'route_not_found', `No route for ${req.method} ${req.path}.`);
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Mounted last: turns every thrown error into a problem response; a 5xx never leaks internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof Problem) {
      return sendProblem(res, err.status, err.code, err.message, err.extra);
    }
    // Errors raised by body-parser and friends carry a status and a type.
    const e = (err ?? {}) as HttpishError;
    const status = e.status ?? e.statusCode;
    if (e.type === 'entity.parse.failed') return sendProblem(res, 400, 'malformed_json', 'The request body is not a valid JSON object.');
    if (e.type === 'entity.too.large') return sendProblem(res, 413, 'body_too_large', 'The request body is too large.');
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      return sendProblem(res, 415, 'unsupported_encoding', 'The request body encoding is not supported.');
    }
    if (status && status >= 400 && status < 500) {
      return sendProblem(res, status, 'bad_request', e.expose && e.message ? e.message : (titles[status] ?? 'Bad request.'));
    }
    logger.error('unhandled error', { requestId: req.requestId, method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    sendProblem(res, 500, 'internal_error', 'Something went wrong on our side. Please try again.');
  };
}
