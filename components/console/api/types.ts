import type * as schemas from '../../api/contract.ts';

export type { FetchFunction, RequestOptions, XhrFactory, DownloadedFile } from '../../api/types.ts';

/** A role on the firm's staff, from least to most: `staff` < `admin` < `owner`. */
export type StaffRole = 'owner' | 'admin' | 'staff';

/** A member of the firm's staff, as the console and the admin API show them. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  status: 'invited' | 'active' | 'disabled';
  lastSignInAt: string | null;
  createdAt: string;
}

/** What a member's role may do in each group of `/api/v1/admin/<group>`: read (GET) and write (every other method). */
export type StaffAccess = schemas.StaffAccess;

/** The answer to every request that signs a staff member in. */
export interface StaffSignIn {
  accessToken: string;
  expiresIn: number;
  staff: StaffMember;
  access: StaffAccess;
}

/** The signed-in staff member, with what their role may do. */
export interface SignedInStaff extends StaffMember {
  access: StaffAccess;
}

/** A password was right and a second factor is needed: `POST /staff/auth/mfa` finishes the sign-in. */
export interface SecondFactorChallenge {
  mfaRequired: true;
  mfaToken: string;
  methods: ('totp' | 'passkey' | 'recovery_code')[];
}

/** A password was right but the firm requires a second factor the staff member has not set up yet. */
export interface EnrollmentChallenge {
  enrollmentRequired: true;
  mfaToken: string;
}

/** What a password sign-in (or accepting an invitation) answers. */
export type StaffSignInAnswer = StaffSignIn | SecondFactorChallenge | EnrollmentChallenge;

/** A second factor being set up in an authenticator app: the secret, as a QR code too. */
export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  /** The QR code as one SVG path over a `size` × `size` grid. */
  qrCode: { size: number; path: string };
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
}

/** `GET /admin/staff/me`: who is signed in, their firm, their second factors, and what their role may do. */
export type StaffMe = schemas.StaffMe;

/** The firm's public branding (name, logo, colours), as the portal shows it. */
export type Branding = schemas.Branding;
