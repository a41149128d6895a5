import type { Request } from 'express';
import type { Actor } from '../audit/index.ts';
import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import { Problem } from './problem.ts';

/**
 * Who is calling: a signed-in client, or a firm through one of its API keys. A client's firm and
 * contact are those read to authenticate the request; the rest of the request uses them instead
 * of reading them again.
 */
export interface ClientPrincipal {
  kind: 'contact';
  contactId: string;
  firmId: string;
  firm: Firm;
  contact: Contact;
}
export interface FirmPrincipal {
  kind: 'api_key';
  apiKeyId: string;
  firmId: string;
}

declare global {
  namespace Express {
    interface Request {
      principal?: ClientPrincipal | FirmPrincipal;
    }
  }
}

export function clientOf(req: Request): ClientPrincipal {
  if (req.principal?.kind !== 'contact') throw Problem.unauthorized('token_missing', 'Sign in first.');
  return req.principal;
}

/** The firm an API-key request acts for, and the key as the actor for the audit log. */
export function firmOf(req: Request): FirmPrincipal & { actor: Actor } {
  if (req.principal?.kind !== 'api_key') throw Problem.unauthorized('api_key_missing', 'An API key is required.');
  return { ...req.principal, actor: { type: 'api_key', id: req.principal.apiKeyId } };
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
