import type { Request } from 'express';
import type { Actor } from '../audit/index.ts';
import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import { Problem } from './problem.ts';

/**
 * Who is calling: a signed-in client, or a firm through one of its API keys or a staff member. A
 * client's firm and contact are those read to authenticate the request; the rest of the request
 * uses them instead of reading them again.
 */
export interface ClientPrincipal {
  kind: 'contact';
  contactId: string;
  firmId: string;
  firm: Firm;
  contact: Contact;
}
export interface ApiKeyPrincipal {
  kind: 'api_key';
  apiKeyId: string;
  firmId: string;
}
/** A firm's staff member, signed in to the console; what they may do depends on their role. */
export type StaffRole = 'owner' | 'admin' | 'staff';
export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  firmId: string;
  role: StaffRole;
}
/** What a staff access token says, once its signature, audience and expiry are checked. */
export interface StaffTokenClaims {
  staffId: string;
  firmId: string;
}
/** Who may call the firm-side API: one of the firm's API keys (every right) or a staff member. */
export type FirmPrincipal = ApiKeyPrincipal | StaffPrincipal;

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

/**
 * The firm a firm-side request acts for, and who acts for the audit log: the API key or the staff
 * member. `apiKeyId` is the API key's id, or null for a staff member.
 */
export function firmOf(req: Request): { firmId: string; apiKeyId: string | null; staffId: string | null; actor: Actor } {
  const principal = req.principal;
  if (principal?.kind === 'api_key') {
    return { firmId: principal.firmId, apiKeyId: principal.apiKeyId, staffId: null, actor: { type: 'api_key', id: principal.apiKeyId } };
  }
  if (principal?.kind === 'staff') {
    return { firmId: principal.firmId, apiKeyId: null, staffId: principal.staffId, actor: { type: 'staff', id: principal.staffId } };
  }
  throw Problem.unauthorized('api_key_missing', 'An API key or a staff sign-in is required.');
}

/** The signed-in staff member of a firm-side request, or a 401 (an API key is no one). */
export function staffOf(req: Request): StaffPrincipal {
  if (req.principal?.kind !== 'staff') throw Problem.unauthorized('token_missing', 'This request needs a staff sign-in, not an API key.');
  return req.principal;
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
