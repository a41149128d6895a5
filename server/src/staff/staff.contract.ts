import { z } from 'zod';
import { passwordRules, secondFactorContract } from '../auth/index.ts';
import { Instant, listOf } from '../http/schema.ts';
import { leastRoles } from './roles.ts';

// Requests

const email = z.email({ error: 'must be an email address' }).max(254);
const firm = z.string().min(1).max(63).meta({ description: "The firm's slug" });
const password = z.string().max(passwordRules.max, `must be at most ${passwordRules.max} characters`);
const role = z.enum(['owner', 'admin', 'staff']);
const { mfaToken, webAuthnResponse, SecondFactorChallenge, EnrollmentChallenge, PasskeyRequestOptions, PasskeyCreationOptions, TotpSetup } =
  secondFactorContract;
export { EnrollmentChallenge, PasskeyCreationOptions, PasskeyRequestOptions, SecondFactorChallenge, TotpSetup };

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

/** What a password (login or invitation) leads to: a sign-in, or the second factor to give or set up first. */
export const StaffPasswordResult = z.union([StaffSignIn, SecondFactorChallenge, EnrollmentChallenge]).meta({ id: 'StaffPasswordResult' });

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
