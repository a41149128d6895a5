import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { withLogFields, type Logger } from '../logger.ts';

declare global {
  namespace Express {
    interface Request {
      /** This request's id: in the `X-Request-Id` response header, every log line and every problem. */
      requestId?: string;
    }
  }
}

/** An id from the caller or a proxy in front is kept when it is short and plain enough to echo and log. */
const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query parameters whose values stay out of the access log. */
const secretParameter = /token|secret|password|key|code|signature|assertion|session|auth/i;

/**
 * Gives each request its id (a sane incoming `X-Request-Id`, else a new one), echoes it in the
 * response, adds it to every line logged while the request runs, and writes one access-log line
 * when the response ends: method, path (secret query values hidden), status and duration.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && acceptableId.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.once('close', () => {
      const line: Record<string, unknown> = {
        requestId,
        method: req.method,
        path: loggedPath(req.originalUrl),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      // The client went away before the whole response was sent.
      if (!res.writableFinished) line.aborted = true;
      logger.info('request', line);
    });
    withLogFields({ requestId }, next);
  };
}

/** The URL as logged: the path, and the query with the values of secret-looking parameters hidden. */
export function loggedPath(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && secretParameter.test(safeDecode(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, mark)}?${query.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
