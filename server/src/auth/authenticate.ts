import type { RequestHandler } from 'express';
import type { ApiKeysService } from '../api-keys/index.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { bearerToken, type StaffPrincipal, type StaffTokenClaims } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import type { Tenancy } from '../http/tenancy.ts';
import type { AccessTokens } from './access-tokens.ts';

/**
 * Requires a client's access token; the contact must still be active and the page one of the
 * firm's. The rest of the request acts for the token's firm.
 */
export function requireClient(deps: {
  tokens: AccessTokens;
  contacts: ContactsService;
  firms: FirmsService;
  tenancy: Tenancy;
  serviceOrigin: string;
}): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (!token) throw Problem.unauthorized('token_missing', 'Sign in first: this request needs an access token.');
    if (token.startsWith('pk_')) throw Problem.unauthorized('token_invalid', 'API keys are for the firm-side API, not client requests.');
    const claims = await deps.tokens.verify(token);
    await deps.tenancy.asFirm(claims.firmId, async () => {
      // Both at once: on PostgreSQL each is a round trip of its own.
      const [contact, firm] = await Promise.all([deps.contacts.find(claims.firmId, claims.contactId), deps.firms.findById(claims.firmId)]);
      if (!contact || contact.status !== 'active' || !firm) throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
      assertFirmOrigin(firm, req.headers.origin, deps.serviceOrigin);
      req.principal = { kind: 'contact', contactId: claims.contactId, firmId: claims.firmId, firm, contact };
      next();
    });
  };
}

/** Checks a staff member's access token: the staff component's, handed in so auth need not know staff. */
export interface StaffAuthenticator {
  /** A staff access token's claims when its signature, audience and expiry hold; else a 401 problem. */
  verifyToken(token: string): Promise<StaffTokenClaims>;
  /** The staff member the claims name, while they may still act; else a 401 problem. Runs in the claims' firm scope. */
  authenticate(claims: StaffTokenClaims, origin: string | undefined): Promise<StaffPrincipal>;
}

/**
 * Requires one of a firm's API keys (`Authorization: Bearer pk_…`) or, when `staff` is given, a
 * staff member's access token; the rest of the request acts for the key's or the member's firm.
 */
export function requireFirmKey(apiKeys: ApiKeysService, tenancy: Tenancy, staff?: StaffAuthenticator): RequestHandler {
  return async (req, _res, next) => {
    const key = bearerToken(req);
    if (!key) {
      throw Problem.unauthorized(
        'api_key_missing',
        `This request needs an API key: Authorization: Bearer pk_…${staff ? ", or a staff member's access token" : ''}`,
      );
    }
    if (staff && !key.startsWith('pk_')) {
      // Anything that is neither a key nor a staff token (a client's token too) is refused as a bad key;
      // an expired staff token says so, so the console refreshes.
      const claims = await staff.verifyToken(key).catch((error: unknown) => {
        if (error instanceof Problem && error.code === 'token_invalid') {
          throw Problem.unauthorized('api_key_invalid', "The API key or staff member's access token is not valid.");
        }
        throw error;
      });
      await tenancy.asFirm(claims.firmId, async () => {
        req.principal = await staff.authenticate(claims, req.headers.origin);
        next();
      });
      return;
    }
    // Found by its hash, before its firm is known.
    const apiKey = await tenancy.asSystem(() => apiKeys.authenticate(key));
    req.principal = { kind: 'api_key', apiKeyId: apiKey.id, firmId: apiKey.firmId };
    tenancy.asFirm(apiKey.firmId, next);
  };
}
