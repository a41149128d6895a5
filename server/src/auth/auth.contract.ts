import { z } from 'zod';
import { passwordRules } from './passwords.ts';

// Requests

const email = z.email({ error: 'must be an email address' }).max(254);
const firm = z.string().min(1).max(63).meta({ description: "The firm's slug" });
const token = z.string().min(16).max(200);
const password = z.string().max(passwordRules.max, `must be at most ${passwordRules.max} characters`);

export const loginBody = z.strictObject({ firm, email, password: password.min(1, 'is required') }).meta({ id: 'Login' });
/** An invitation or reset token from an email link, and the password the client chose. */
export const newPasswordBody = z
  .strictObject({ token, password: password.meta({ description: `At least ${passwordRules.min} characters` }) })
  .meta({ id: 'NewPassword' });
export const resetRequestBody = z.strictObject({ firm, email }).meta({ id: 'ResetRequest' });
/** The assertion's own checks (and their one answer, `invalid_assertion`) are the service's. */
export const tokenExchangeBody = z
  .strictObject({
    firm,
    assertion: z
      .string()
      .min(1, 'is required')
      .meta({ description: "A JWT from the firm's backend (ES256 or RS256): iss, aud, sub, email, exp ≤ 5 minutes, single-use jti" }),
  })
  .meta({ id: 'TokenExchange' });

// Replies

/** The client, as the portal knows them. */
export const ClientContact = z.strictObject({ id: z.string(), firmId: z.string(), email: z.string(), name: z.string() }).meta({ id: 'Contact' });

/** The answer to every request that signs a client in: login, refresh, invitation, reset, token exchange. */
export const Session = z
  .strictObject({
    accessToken: z.string().meta({ description: 'An ES256 JWT; send it as `Authorization: Bearer …`' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Lifetime of the access token, in seconds' }),
    contact: ClientContact,
  })
  .meta({ id: 'Session' });

/** A request the service took and acts on by email; the same answer whether or not the address is known. */
export const Accepted = z.strictObject({ accepted: z.literal(true) }).meta({ id: 'Accepted' });
