import { z } from 'zod';
import { Instant } from '../http/schema.ts';
import { Session } from './auth.contract.ts';
import { EnrollmentChallenge, SecondFactorChallenge, mfaToken, webAuthnResponse } from './second-factor/second-factor.contract.ts';

// Clients' second factors: the shapes of /api/v1/auth/mfa, /auth/passkey/… and /auth/two-factor/….

const firm = z.string().min(1).max(63).meta({ description: "The firm's slug" });
const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code the app shows');

// Requests

/** The second factor for an MFA token: one of a code from the app, a recovery code, or a passkey's assertion. */
export const mfaBody = z
  .union([
    z.strictObject({ mfaToken, code: z.string().trim().min(1, 'is required').max(20).meta({ description: 'The 6-digit code the authenticator app shows' }) }),
    z.strictObject({ mfaToken, recoveryCode: z.string().trim().min(1, 'is required').max(40).meta({ description: 'One of the recovery codes, used once' }) }),
    z.strictObject({ mfaToken, credential: webAuthnResponse.meta({ description: 'AuthenticationResponseJSON, for options from /auth/mfa/passkey/options' }) }),
  ])
  .meta({ id: 'SecondFactor' });
export const mfaTokenBody = z.strictObject({ mfaToken }).meta({ id: 'MfaToken' });

/** Options to sign in with a passkey alone: with an address, its passkeys are listed; without, the browser offers its own. */
export const passkeySignInOptionsBody = z
  .strictObject({ firm, email: z.email({ error: 'must be an email address' }).max(254).optional() })
  .meta({ id: 'PasskeySignInOptionsRequest' });
export const passkeySignInBody = z
  .strictObject({ firm, credential: webAuthnResponse.meta({ description: 'AuthenticationResponseJSON' }) })
  .meta({ id: 'PasskeySignIn' });

/** Setting a factor up: with the mfaToken of an EnrollmentChallenge, or signed in (no body needed). */
export const enrollmentBody = z.strictObject({ mfaToken: mfaToken.optional() }).meta({ id: 'ClientEnrollment' });
export const totpConfirmBody = z.strictObject({ code: totpCode, mfaToken: mfaToken.optional() }).meta({ id: 'ClientTotpConfirmation' });
export const passkeyRegistrationBody = z
  .strictObject({
    credential: webAuthnResponse.meta({ description: 'RegistrationResponseJSON' }),
    name: z.string().trim().min(1).max(100).optional().meta({ description: 'What the client calls this passkey' }),
    mfaToken: mfaToken.optional(),
  })
  .meta({ id: 'ClientPasskeyRegistration' });
/** New recovery codes need the password, or a current code from the app. */
export const recoveryCodesBody = z
  .union([z.strictObject({ password: z.string().min(1, 'is required').max(1024) }), z.strictObject({ code: totpCode })])
  .meta({ id: 'RecoveryCodesRequest' });

// Replies

/** What a first factor (password, emailed code or link, invitation, reset) leads to. */
export const SignInResult = z.union([Session, SecondFactorChallenge, EnrollmentChallenge]).meta({ id: 'SignInResult' });

export const ClientPasskey = z
  .strictObject({ id: z.string(), name: z.string(), createdAt: Instant, lastUsedAt: Instant.nullable() })
  .meta({ id: 'ClientPasskey' });

export const ClientTwoFactor = z
  .strictObject({
    setting: z.enum(['off', 'optional', 'required']).meta({ description: "The firm's `clientTwoFactor`" }),
    totp: z.strictObject({ enabledAt: Instant.nullable() }).nullable().meta({ description: 'The authenticator app, or null when none is set up' }),
    passkeys: z.array(ClientPasskey),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'ClientTwoFactor' });

export const ClientTotpConfirmed = z
  .strictObject({
    recoveryCodes: z.array(z.string()).meta({ description: 'Shown once: each signs in once instead of a code' }),
    signIn: Session.optional().meta({ description: 'With an enrolment token: the sign-in it was waiting for' }),
  })
  .meta({ id: 'ClientTotpConfirmed' });

export const ClientPasskeyRegistered = z
  .strictObject({
    passkey: ClientPasskey,
    recoveryCodes: z.array(z.string()).optional().meta({ description: 'With a first factor only: shown once' }),
    signIn: Session.optional().meta({ description: 'With an enrolment token: the sign-in it was waiting for' }),
  })
  .meta({ id: 'ClientPasskeyRegistered' });

export const RecoveryCodes = z
  .strictObject({ recoveryCodes: z.array(z.string()).meta({ description: 'Shown once; the earlier codes no longer work' }) })
  .meta({ id: 'RecoveryCodes' });
