import type { RequestHandler } from 'express';
import type { Storage } from '../db/storage.ts';

/**
 * Which firm a call chain acts for: on PostgreSQL, what row-level security lets it see. A scope is
 * taken with each connection, so it is set before a transaction opens, not inside one.
 */
export type Tenancy = Pick<Storage, 'asFirm' | 'asSystem'>;

/**
 * The rest of the request acts across firms: for routes that stand in for a processor or hear
 * from one (the sandbox, Stripe's webhooks) and the development pages. Each finds its firm's rows
 * by ids it was given, never by a client's say-so.
 */
export function actAsSystem(tenancy: Tenancy): RequestHandler {
  return (_req, _res, next) => tenancy.asSystem(next);
}
