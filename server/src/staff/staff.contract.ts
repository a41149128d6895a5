import { z } from 'zod';
import { passwordRules } from '../auth/index.ts';
import { Instant, listOf } from '../http/schema.ts';
import { leastRoles } from './roles.ts';

// Requests

const email = z.email({ error: 'must be an email address' }).max(254);
const firm = z.string().min(1).max(63).meta({ description: "The firm's slug" });
const password = z.string().max(passwordRules.max, `must be at most ${passwordRules.max} characters`);
const role = z.enum(['owner', 'admin', 'staff']);
const mfaToken = z.string().min(1).max(4096).meta({ description: 'From a SecondFactorChallenge or an EnrollmentChallenge' });

export const staffLoginBody = z.strictObject({ firm, email, password: password.min(1, 'is required') }).meta({ id: 'StaffLogin' });
export const staffInvitationBody = z
  .strictObject({
    token: z.string().min(16).max(200),
    password: password.meta({ description: `At least ${passwordRules.min} characters` }),
  })
  .meta({ id: 'StaffInvitationAcceptance' });
export const mfaCodeBody = z
  .strictObject({
    mfaToken,
    code: z.string().trim().min(1, 'is required').max(40).meta({ description: 'A 6-digit authenticator code, or a recovery code' }),
  })
  .meta({ id: 'StaffMfaCode' });
export const mfaTokenBody = z.strictObject({ mfaToken }).meta({ id: 'StaffMfaToken' });
/** A WebAuthn response as @simplewebauthn/browser gives it; the service checks the rest. */
const webAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({}),
});
export const passkeyAssertionBody = z
  .strictObject({ mfaToken, credential: webAuthnResponse.meta({ description: 'AuthenticationResponseJSON' }) })
  .meta({ id: 'StaffPasskeyAssertion' });
export const enrollmentBody = z.strictObject({ mfaToken: mfaToken.optional() }).meta({ id: 'StaffEnrollment' });
export const totpConfirmBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the 6-digit code the app shows'),
    mfaToken: mfaToken.optional(),
  })
  .meta({ id: 'StaffTotpConfirmation' });
export const passkeyRegistrationBody = z
  .strictObject({
    credential: webAuthnResponse.meta({ description: 'RegistrationResponseJSON' }),
    name: z.string().trim().min(1).max(100).optional().meta({ description: 'What the staff member calls this passkey' }),
    mfaToken: mfaToken.optional(),
  })
  .meta({ id: 'StaffPasskeyRegistration' });

export const newStaffSchema = z.strictObject({ email, name: z.string().trim().min(1, 'is required').max(200), role }).meta({ id: 'NewStaffMember' });
export const staffChangesSchema = z
  .strictObject({ role: role.optional(), status: z.enum(['active', 'disabled']).optional() })
  .meta({ id: 'StaffMemberChanges' });

// Replies

export const StaffMember = z
  .strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    status: z.enum(['invited', 'active', 'disabled']),
    lastSignInAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'StaffMember' });

const GroupAccess = z.strictObject({ read: z.boolean(), write: z.boolean() }).meta({ id: 'StaffGroupAccess' });
/** One entry per group of the role table in roles.ts, so a client never ranks roles itself. */
export const StaffAccess = z
  .strictObject(Object.fromEntries(Object.keys(leastRoles).map((group) => [group, GroupAccess])))
  .meta({ id: 'StaffAccess', description: 'What the member may do in each group of `/api/v1/admin/<group>`: read (GET) and write (every other method)' });

export const StaffSignIn = z
  .strictObject({
    accessToken: z.string().meta({ description: 'An ES256 JWT for the firm-side API; send it as `Authorization: Bearer …`' }),
    expiresIn: z.number().int().meta({ description: 'Lifetime of the access token, in seconds' }),
    staff: StaffMember,
    access: StaffAccess,
  })
  .meta({ id: 'StaffSignIn' });

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

/** What a password (login or invitation) leads to: a sign-in, or the second factor to give or set up first. */
export const StaffPasswordResult = z.union([StaffSignIn, SecondFactorChallenge, EnrollmentChallenge]).meta({ id: 'StaffPasswordResult' });

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

export const TotpConfirmed = z
  .strictObject({
    recoveryCodes: z.array(z.string()).meta({ description: 'Shown once: each signs in once instead of a code' }),
    signIn: StaffSignIn.optional(),
  })
  .meta({ id: 'TotpConfirmed' });

export const Passkey = z.strictObject({ id: z.string(), name: z.string(), createdAt: Instant }).meta({ id: 'Passkey' });

export const PasskeyRegistered = z
  .strictObject({ passkey: Passkey, recoveryCodes: z.array(z.string()).optional(), signIn: StaffSignIn.optional() })
  .meta({ id: 'PasskeyRegistered' });

export const StaffMe = z
  .strictObject({
    staff: StaffMember,
    firm: z.strictObject({ slug: z.string(), name: z.string(), staffTwoFactor: z.enum(['required', 'optional']) }),
    twoFactor: z.strictObject({ totp: z.boolean(), passkeys: z.array(Passkey), recoveryCodesLeft: z.number().int() }),
    access: StaffAccess,
  })
  .meta({ id: 'StaffMe' });

export const StaffList = listOf(StaffMember).meta({ id: 'StaffList' });
