import { z } from 'zod';
import { contactsContract } from '../contacts/index.ts';
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
/** The language of the portal page asking: the email is written in it unless the contact chose one, and later emails follow it. */
const pageLocale = z
  .enum(contactsContract.contactLocales, { error: "must be 'en' or 'es'" })
  .optional()
  .meta({ description: "The language of the portal page asking, 'en' or 'es': the contact's emails are written in it until they choose one" });

export const resetRequestBody = z.strictObject({ firm, email, locale: pageLocale }).meta({ id: 'ResetRequest' });
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

/** Asks for a sign-in code by email. */
export const emailCodeRequestBody = z.strictObject({ firm, email, locale: pageLocale }).meta({ id: 'EmailCodeRequest' });
/** The six digits from the email, with the address they were sent to. */
export const emailCodeBody = z.strictObject({
  firm,
  email,
  code: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6 digits from the email')
    .meta({ description: 'The 6-digit code from the email' }),
});
/** The token of the email's one-click sign-in link. */
export const emailLinkBody = z.strictObject({ firm, token: token.meta({ description: "The token of the email's sign-in link" }) });
/** A code with its address, or the link's token: the body names which by carrying `token`. */
export const emailCodeVerifyBody = z.union([emailCodeBody, emailLinkBody]).meta({ id: 'EmailCodeVerify' });
/** Which emailed link a token comes from. */
export const linkKind = z.enum(['invitation', 'reset', 'sign-in']);
export const linkStatusBody = z.strictObject({ kind: linkKind, token }).meta({ id: 'LinkStatusRequest' });
/** A used or expired reset or sign-in link, to have a new one sent to the address it went to. */
export const linkRenewBody = z.strictObject({ kind: z.enum(['reset', 'sign-in']), token }).meta({ id: 'LinkRenewRequest' });

// Replies

/** The client, as the portal knows them. */
export const ClientContact = z
  .strictObject({ id: z.string(), firmId: z.string(), email: z.string(), name: z.string(), locale: contactsContract.ContactLocale })
  .meta({ id: 'Contact' });

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

/**
 * Whether an emailed link still works, asked when it is opened so that the client learns before
 * typing anything: `usable`; `used`; `expired`; `replaced` (a newer link was sent since);
 * `unknown` (no such link, or its account is closed).
 */
export const LinkStatus = z.strictObject({ kind: linkKind, status: z.enum(['usable', 'used', 'expired', 'replaced', 'unknown']) }).meta({ id: 'LinkStatus' });
