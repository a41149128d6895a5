import type { RequestHandler } from 'express';
import type { Firm } from '../firms/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { Problem, sendProblem } from './problem.ts';

const allowedHeaders = 'Authorization, Content-Type, Idempotency-Key';
const allowedMethods = 'GET, POST, PATCH, PUT, DELETE';

/**
 * Cross-origin access to the client API, for the firms' own sites only. A request from an origin
 * no firm lists is refused before it reaches a route; routes that know the firm then check that
 * the origin is that firm's (`assertFirmOrigin`), so one firm's site cannot use another's data.
 */
export function firmCors(firms: FirmsService, serviceOrigin: string): RequestHandler {
  return async (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin || origin === serviceOrigin) return next();
    res.vary('Origin');
    if ((await firms.firmIdsForOrigin(origin)).length === 0) {
      return sendProblem(res, 403, 'origin_not_allowed', `The origin ${origin} is not allowed to use this service.`);
    }
    res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    if (req.method === 'OPTIONS') {
      res.set({
        'Access-Control-Allow-Methods': allowedMethods,
        'Access-Control-Allow-Headers': allowedHeaders,
        'Access-Control-Max-Age': '600',
      });
      return res.status(204).end();
    }
    res.set('Access-Control-Expose-Headers', 'Retry-After, Idempotent-Replayed, Content-Disposition, X-Request-Id');
    next();
  };
}

/** Public, credential-free resources (the SDK, the JWKS) that any page may load. */
export const publicCors: RequestHandler = (req, res, next) => {
  res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
  if (req.method === 'OPTIONS') return res.status(204).end();
  next();
};

/** Throws unless the request comes from one of the firm's own origins (or has no Origin: not a browser). */
export function assertFirmOrigin(firm: Firm, origin: string | undefined, serviceOrigin: string): void {
  if (!origin || origin === serviceOrigin || firm.allowedOrigins.includes(origin)) return;
  throw Problem.forbidden('origin_not_allowed', `The origin ${origin} is not allowed for this firm.`);
}
