import { z } from 'zod';

// What staff and clients share of the second-factor shapes: the MFA token, WebAuthn responses and
// options, and authenticator-app setup.

export const mfaToken = z.string().min(1).max(4096).meta({ description: 'From a SecondFactorChallenge or an EnrollmentChallenge' });

/** A WebAuthn response as @simplewebauthn/browser gives it; the service checks the rest. */
export const webAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({}),
});

export const SecondFactorChallenge = z
  .strictObject({
    mfaRequired: z.literal(true),
    mfaToken: z.string().meta({ description: 'Send it with the second factor, within five minutes' }),
    methods: z.array(z.enum(['totp', 'passkey', 'recovery_code'])),
  })
  .meta({ id: 'SecondFactorChallenge' });

export const EnrollmentChallenge = z
  .strictObject({
    enrollmentRequired: z.literal(true),
    mfaToken: z.string().meta({ description: 'Authorises setting up a first second factor, within five minutes' }),
  })
  .meta({ id: 'EnrollmentChallenge' });

const PublicKeyOptions = z.looseObject({ challenge: z.string() });
export const PasskeyRequestOptions = z
  .strictObject({ options: PublicKeyOptions.meta({ description: 'PublicKeyCredentialRequestOptionsJSON' }) })
  .meta({ id: 'PasskeyRequestOptions' });
export const PasskeyCreationOptions = z
  .strictObject({ options: PublicKeyOptions.meta({ description: 'PublicKeyCredentialCreationOptionsJSON' }) })
  .meta({ id: 'PasskeyCreationOptions' });

export const TotpSetup = z
  .strictObject({
    secret: z.string().meta({ description: 'Base32, for typing into an authenticator app' }),
    otpauthUri: z.string(),
    qrCode: z.strictObject({ size: z.number().int(), path: z.string().meta({ description: 'SVG path data, one unit per module' }) }),
  })
  .meta({ id: 'TotpSetup' });
