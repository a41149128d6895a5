import type { RequestHandler } from 'express';
import type { ApiKeysService } from '../api-keys/index.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { bearerToken } from '../http/principal.ts';
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
      const contact = await deps.contacts.find(claims.firmId, claims.contactId);
      if (!contact || contact.status !== 'active') throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
      const firm = (await deps.firms.findById(claims.firmId))!;
      assertFirmOrigin(firm, req.headers.origin, deps.serviceOrigin);
      req.principal = { kind: 'contact', contactId: claims.contactId, firmId: claims.firmId, firm, contact };
      next();
    });
  };
}

/** Requires one of a firm's API keys (`Authorization: Bearer pk_…`); the rest of the request acts for its firm. */
export function requireFirmKey(apiKeys: ApiKeysService, tenancy: Tenancy): RequestHandler {
  return async (req, _res, next) => {
    const key = bearerToken(req);
    if (!key) throw Problem.unauthorized('api_key_missing', 'This request needs an API key: Authorization: Bearer pk_…');
    // Found by its hash, before its firm is known.
    const apiKey = await tenancy.asSystem(() => apiKeys.authenticate(key));
    req.principal = { kind: 'api_key', apiKeyId: apiKey.id, firmId: apiKey.firmId };
    tenancy.asFirm(apiKey.firmId, next);
  };
}
