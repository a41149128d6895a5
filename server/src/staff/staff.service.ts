import type { AccessTokens, SecondFactorMethod, TokenKind, TotpEnrolmentDeps } from '../auth/index.ts';
import {
  MfaTokens,
  mfaTokenInvalid,
  answeredChallenge,
  authenticationOptions,
  challengeLifetimeMs,
  decoyHash,
  hashPassword,
  matchPendingTotp,
  matchTotp,
  mfaCodeInvalid,
  newRecoveryCodes,
  normalizeRecoveryCode,
  refreshLifetimeMs,
  registrationOptions,
  relyingParty,
  rotateRefreshToken,
  startTotpEnrolment,
  verifyAuthentication,
  verifyPassword,
  verifyRegistration,
} from '../auth/index.ts';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { hashSecret, newSecret } from '../db/ids.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import type { StaffPrincipal, StaffRole, StaffTokenClaims } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { AuthLimits } from '../limits/index.ts';
import { staffInvitationEmail, type Mailer } from '../mail/index.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { accessFor } from './roles.ts';
import { newStaffSchema } from './staff.contract.ts';
import type { StaffMember, StaffPasskey, StaffRepository } from './staff.repository.ts';

/** Staff access tokens: like a client's, but their own `typ` and audience, so neither works where the other is expected. */
export const staffTokenKind: TokenKind = { typ: 'staff-at+jwt', audience: 'portico-staff', seconds: 600 };
/** The hand-over between the password and the second factor (or its first set-up): five minutes. */
export const staffMfaTokenKind: TokenKind = { typ: 'staff-mfa+jwt', audience: 'portico-staff-mfa', seconds: 300 };

export const staffInvitationLifetimeMs = 7 * 86_400_000;

/** A staff member's sign-in: the access token, and the refresh cookie's value. */
export interface StaffSignedIn {
  accessToken: string;
  expiresIn: number;
  staff: PublicStaffMember;
  access: ReturnType<typeof accessFor>;
  refreshToken: string;
  refreshExpiresAt: Date;
}
export type { SecondFactorMethod };
/** What a correct password leads to. */
export type PasswordOutcome =
  { signedIn: StaffSignedIn } | { mfaRequired: true; mfaToken: string; methods: SecondFactorMethod[] } | { enrollmentRequired: true; mfaToken: string };

/** Who sets up a second factor: a signed-in member, or one holding an enrolment token right after their password. */
export type Enrollee = { principal: StaffPrincipal } | { mfaToken: string };

export interface StaffServiceDeps {
  staff: StaffRepository;
  firms: FirmsService;
  tokens: AccessTokens;
  secrets: SecretBox;
  limits: AuthLimits;
  mailer: Mailer;
  audit: AuditLog;
  unitOfWork: UnitOfWork;
  clock: Clock;
  publicUrl: string;
}

export type PublicStaffMember = ReturnType<typeof publicStaff>;

export function publicStaff(member: StaffMember) {
  const { id, email, name, role, status, lastSignInAt, createdAt } = member;
  return { id, email, name, role, status, lastSignInAt, createdAt };
}

const invalidCredentials = () => Problem.unauthorized('invalid_credentials', 'The email or password is incorrect.');
const invitationInvalid = () =>
  Problem.badRequest('invitation_invalid', 'This invitation link is invalid, used or expired. Ask an owner of the firm to send a new one.');
const refreshInvalid = () => Problem.unauthorized('refresh_invalid', 'Your session has ended. Please sign in again.');
const disabled = () => Problem.forbidden('staff_disabled', 'This console account is disabled. Ask an owner of the firm to enable it.');

/**
 * The firm's staff: invitations, sign-in with a password and a second factor (an authenticator
 * app, a passkey, or a recovery code), the refresh cookie, and managing the staff list.
 */
export class StaffService {
  readonly #serviceOrigin: string;
  readonly #mfaTokens: MfaTokens;
  readonly #factorDeps: TotpEnrolmentDeps;

  constructor(private readonly deps: StaffServiceDeps) {
    this.#serviceOrigin = new URL(deps.publicUrl).origin;
    this.#mfaTokens = new MfaTokens(deps.tokens, staffMfaTokenKind);
    this.#factorDeps = { factors: deps.staff.factors, secrets: deps.secrets, limits: deps.limits, clock: deps.clock };
  }

  // Signing in

  async login(input: { firm: string; email: string; password: string; ip: string }): Promise<PasswordOutcome> {
    const { limits, staff, audit } = this.deps;
    await limits.loginPerIp.consume(`staff:${input.ip}`);
    const firm = await this.deps.firms.bySlug(input.firm);
    const email = input.email.toLowerCase();
    const accountKey = `staff:${firm.id}:${email}`;
    await limits.loginFailuresPerAccount.check(accountKey);

    const member = await staff.findByEmail(firm.id, email);
    const stored = member ? await staff.passwordHash(member.id) : undefined;
    const matches = await verifyPassword(input.password, stored ?? (await decoyHash));
    const now = this.#now();
    if (!member || !stored || !matches) {
      await limits.loginFailuresPerAccount.consume(accountKey);
      await audit.record({ firmId: firm.id, actor: { type: 'staff', id: member?.id }, action: 'staff.login.failed', data: { email }, ip: input.ip }, now);
      throw invalidCredentials();
    }
    if (member.status === 'disabled') throw disabled();
    await limits.loginFailuresPerAccount.reset(accountKey);
    return this.#afterPassword(firm, member, input.ip, 'password');
  }

  async acceptInvitation(input: { token: string; password: string; ip: string }): Promise<PasswordOutcome> {
    const { limits, staff, audit } = this.deps;
    await limits.invitationPerIp.consume(`staff:${input.ip}`);
    const invitation = await staff.invitationByTokenHash(hashSecret(input.token));
    const now = this.#now();
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw invitationInvalid();
    const member = await staff.find(invitation.firmId, invitation.staffId);
    if (!member || member.status !== 'invited') throw invitationInvalid();
    const hash = await hashPassword(input.password);
    const accepted = await this.deps.unitOfWork(async () => {
      if (!(await staff.acceptInvitation(invitation.id, now))) return false;
      await staff.activate(member.id, hash, now);
      await audit.record(
        {
          firmId: member.firmId,
          actor: { type: 'staff', id: member.id },
          action: 'staff.invitation.accepted',
          subject: { type: 'staff', id: member.id },
          ip: input.ip,
        },
        now,
      );
      return true;
    });
    if (!accepted) throw invitationInvalid();
    const firm = (await this.deps.firms.findById(member.firmId))!;
    return this.#afterPassword(firm, { ...member, status: 'active' }, input.ip, 'invitation');
  }

  /** The second factor: a 6-digit code from the authenticator app, or one of the recovery codes. */
  async verifyCode(input: { mfaToken: string; code: string; ip: string; origin?: string }): Promise<StaffSignedIn> {
    const { limits, staff, audit } = this.deps;
    const { member, firm } = await this.#fromMfaToken(input.mfaToken, 'mfa', input.origin);
    const key = `staff-mfa:${member.id}`;
    await limits.loginPerIp.consume(`staff:${input.ip}`);
    await limits.loginFailuresPerAccount.check(key);
    const now = this.#now();
    const code = input.code.replace(/\s/g, '');
    let method: SecondFactorMethod | undefined;
    if (/^\d{6}$/.test(code)) {
      const totp = await staff.factors.totp(member.id);
      if (totp?.secret) {
        const step = await matchTotp(this.deps.secrets.open(totp.secret), code, this.deps.clock(), totp.lastStep);
        if (step !== null && (await staff.factors.useTotpStep(member.id, step, now))) method = 'totp';
      }
    } else if (await staff.factors.useRecoveryCode(member.id, hashSecret(normalizeRecoveryCode(code)), now)) {
      method = 'recovery_code';
    }
    if (!method) {
      await limits.loginFailuresPerAccount.consume(key);
      await audit.record({ firmId: firm.id, actor: { type: 'staff', id: member.id }, action: 'staff.mfa.failed', ip: input.ip }, now);
      throw mfaCodeInvalid();
    }
    await limits.loginFailuresPerAccount.reset(key);
    return this.#signIn(member, input.ip, method);
  }

  async passkeySignInOptions(input: { mfaToken: string; origin?: string }) {
    const { member, firm } = await this.#fromMfaToken(input.mfaToken, 'mfa', input.origin);
    const passkeys = await this.deps.staff.factors.passkeys(member.id);
    if (passkeys.length === 0)
      throw Problem.badRequest('passkey_invalid', 'No passkey is set up for this account: use your authenticator app or a recovery code.');
    const rp = relyingParty(input.origin, firm.allowedOrigins, this.#serviceOrigin);
    const options = await authenticationOptions(rp, passkeys);
    await this.#keepChallenge(member, 'authentication', options.challenge, rp);
    return { options };
  }

  async passkeySignIn(input: { mfaToken: string; credential: { id: string; response?: unknown }; ip: string; origin?: string }): Promise<StaffSignedIn> {
    const { staff, limits, audit } = this.deps;
    const { member, firm } = await this.#fromMfaToken(input.mfaToken, 'mfa', input.origin);
    const key = `staff-mfa:${member.id}`;
    await limits.loginFailuresPerAccount.check(key);
    const now = this.#now();
    try {
      const passkey = await staff.factors.passkeyByCredentialId({ ownerId: member.id }, input.credential.id);
      const challenge = await staff.factors.takeChallenge({ ownerId: member.id }, 'authentication', answeredChallenge(input.credential), now);
      if (!passkey || !challenge)
        throw Problem.badRequest('passkey_invalid', 'This passkey is not one of your account’s, or the sign-in took too long. Try again.');
      const counter = await verifyAuthentication(input.credential, passkey, challenge);
      await staff.factors.usePasskey(passkey.id, counter, now);
    } catch (error) {
      if (error instanceof Problem && error.code === 'passkey_invalid') {
        await limits.loginFailuresPerAccount.consume(key);
        await audit.record(
          { firmId: firm.id, actor: { type: 'staff', id: member.id }, action: 'staff.mfa.failed', data: { method: 'passkey' }, ip: input.ip },
          now,
        );
      }
      throw error;
    }
    await limits.loginFailuresPerAccount.reset(key);
    return this.#signIn(member, input.ip, 'passkey');
  }

  async refresh(input: { refreshToken: string; origin?: string }): Promise<StaffSignedIn> {
    const { staff, audit, clock } = this.deps;
    const token = await staff.refreshByTokenHash(hashSecret(input.refreshToken));
    if (!token) throw refreshInvalid();
    await this.#checkOrigin(token.firmId, input.origin);
    const now = this.#now();
    if (token.familyRevokedAt || token.expiresAt <= now) throw refreshInvalid();
    const member = await staff.find(token.firmId, token.staffId);
    if (!member || member.status !== 'active') {
      await staff.revokeFamily(token.familyId, 'staff_disabled', now);
      throw refreshInvalid();
    }
    const rotated = await rotateRefreshToken({ store: staff, unitOfWork: this.deps.unitOfWork, clock }, token, input.refreshToken);
    if (rotated.reused) {
      await audit.record(
        {
          firmId: token.firmId,
          actor: { type: 'staff', id: token.staffId },
          action: 'staff.refresh.reused',
          subject: { type: 'staff_refresh_family', id: token.familyId },
        },
        now,
      );
      throw Problem.unauthorized('refresh_reused', 'This sign-in was used from somewhere else, so it has been ended for safety. Please sign in again.');
    }
    return { ...(await this.#access(member)), refreshToken: rotated.refreshToken, refreshExpiresAt: rotated.refreshExpiresAt };
  }

  async logout(input: { refreshToken: string; origin?: string }): Promise<void> {
    const token = await this.deps.staff.refreshByTokenHash(hashSecret(input.refreshToken));
    if (!token) return;
    await this.#checkOrigin(token.firmId, input.origin);
    await this.deps.staff.revokeFamily(token.familyId, 'logout', this.#now());
  }

  /** The firm an MFA token names: to open that firm's scope for the step it authorises. */
  firmOfMfaToken(token: string): Promise<string> {
    return this.#mfaTokens.firmOf(token);
  }

  /** The firm a staff access token names, before it is trusted: to open that firm's scope for `authenticate`. */
  /** The claims of a staff access token (signature, expiry, audience); `authenticate` then checks the member. */
  async verifyToken(token: string): Promise<StaffTokenClaims> {
    const { subject, firmId } = await this.deps.tokens.verifyAs(staffTokenKind, token);
    return { staffId: subject, firmId };
  }

  /**
   * The staff member an access token is for, with their current role, while they are active and
   * the page is one of the firm's. Read on every request, so disabling or demoting takes effect at once.
   */
  async authenticate(claims: StaffTokenClaims, origin: string | undefined): Promise<StaffPrincipal> {
    const member = await this.deps.staff.find(claims.firmId, claims.staffId);
    if (!member || member.status !== 'active') throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    const firm = (await this.deps.firms.findById(claims.firmId))!;
    assertFirmOrigin(firm, origin, this.#serviceOrigin);
    return { kind: 'staff', staffId: member.id, firmId: member.firmId, role: member.role };
  }

  // Second factors

  async totpSetup(enrollee: Enrollee, origin?: string) {
    const { member, firm } = await this.#enrollee(enrollee, origin);
    return startTotpEnrolment(this.#factorDeps, member, firm.name, this.#now());
  }

  /** Turns the pending secret on with a first code from the app; answers fresh recovery codes (and a sign-in, for an enrolment token). */
  async totpConfirm(enrollee: Enrollee, code: string, ip: string, origin?: string) {
    const { staff, audit } = this.deps;
    const { member, viaMfaToken } = await this.#enrollee(enrollee, origin);
    const { pending, step } = await matchPendingTotp(this.#factorDeps, member.id, `staff-mfa:${member.id}`, code);
    const now = this.#now();
    const recoveryCodes = newRecoveryCodes();
    const confirmed = await this.deps.unitOfWork(async () => {
      if (!(await staff.factors.confirmTotp(member.id, pending, step, now))) return false;
      await staff.factors.replaceRecoveryCodes(
        member.firmId,
        member.id,
        recoveryCodes.map((c) => hashSecret(normalizeRecoveryCode(c))),
        now,
      );
      await audit.record(
        { firmId: member.firmId, actor: { type: 'staff', id: member.id }, action: 'staff.totp.enabled', subject: { type: 'staff', id: member.id }, ip },
        now,
      );
      return true;
    });
    if (!confirmed) throw Problem.conflict('totp_setup_missing', 'This setup was replaced by a newer one: scan the newest QR code.');
    return { recoveryCodes, ...(viaMfaToken ? { signedIn: await this.#signIn(member, ip, 'totp') } : {}) };
  }

  async passkeyRegistrationOptions(enrollee: Enrollee, origin: string | undefined) {
    const { member, firm } = await this.#enrollee(enrollee, origin);
    const rp = relyingParty(origin, firm.allowedOrigins, this.#serviceOrigin);
    const options = await registrationOptions({
      rp,
      rpName: firm.name,
      userId: member.id,
      email: member.email,
      name: member.name,
      existing: await this.deps.staff.factors.passkeys(member.id),
    });
    await this.#keepChallenge(member, 'registration', options.challenge, rp);
    return { options };
  }

  async registerPasskey(enrollee: Enrollee, input: { credential: { response?: unknown }; name?: string; ip: string; origin?: string }) {
    const { staff, audit } = this.deps;
    const { member, viaMfaToken } = await this.#enrollee(enrollee, input.origin);
    const now = this.#now();
    const challenge = await staff.factors.takeChallenge({ ownerId: member.id }, 'registration', answeredChallenge(input.credential), now);
    if (!challenge) throw Problem.badRequest('passkey_invalid', 'The passkey set-up took too long or was already used. Start again.');
    const created = await verifyRegistration(input.credential, challenge);
    const firstFactor = !(await this.#hasSecondFactor(member.id));
    const recoveryCodes = firstFactor ? newRecoveryCodes() : undefined;
    const passkey = await this.deps.unitOfWork(async () => {
      const added = await staff.factors.addPasskey({ ...created, ownerId: member.id, firmId: member.firmId, name: input.name ?? 'Passkey' }, now);
      if (recoveryCodes)
        await staff.factors.replaceRecoveryCodes(
          member.firmId,
          member.id,
          recoveryCodes.map((c) => hashSecret(normalizeRecoveryCode(c))),
          now,
        );
      await audit.record(
        {
          firmId: member.firmId,
          actor: { type: 'staff', id: member.id },
          action: 'staff.passkey.added',
          subject: { type: 'passkey', id: added.id },
          ip: input.ip,
        },
        now,
      );
      return added;
    });
    return {
      passkey: publicPasskey(passkey),
      ...(recoveryCodes ? { recoveryCodes } : {}),
      ...(viaMfaToken ? { signedIn: await this.#signIn(member, input.ip, 'passkey') } : {}),
    };
  }

  async removeTotp(principal: StaffPrincipal): Promise<void> {
    const member = await this.#member(principal);
    await this.#assertNotLastFactor(member, 'totp');
    if (!(await this.deps.staff.factors.removeTotp(member.id))) throw Problem.notFound('authenticator app');
    await this.deps.audit.record(
      { firmId: member.firmId, actor: { type: 'staff', id: member.id }, action: 'staff.totp.removed', subject: { type: 'staff', id: member.id } },
      this.#now(),
    );
  }

  async removePasskey(principal: StaffPrincipal, passkeyId: string): Promise<void> {
    const member = await this.#member(principal);
    const passkeys = await this.deps.staff.factors.passkeys(member.id);
    if (!passkeys.some((passkey) => passkey.id === passkeyId)) throw Problem.notFound('passkey');
    await this.#assertNotLastFactor(member, 'passkey');
    await this.deps.staff.factors.removePasskey(member.id, passkeyId);
    await this.deps.audit.record(
      { firmId: member.firmId, actor: { type: 'staff', id: member.id }, action: 'staff.passkey.removed', subject: { type: 'passkey', id: passkeyId } },
      this.#now(),
    );
  }

  async me(principal: StaffPrincipal) {
    const member = await this.#member(principal);
    const firm = (await this.deps.firms.findById(member.firmId))!;
    const totp = await this.deps.staff.factors.totp(member.id);
    return {
      staff: publicStaff(member),
      firm: { slug: firm.slug, name: firm.name, staffTwoFactor: firm.settings.staffTwoFactor },
      twoFactor: {
        totp: Boolean(totp?.secret),
        passkeys: (await this.deps.staff.factors.passkeys(member.id)).map(publicPasskey),
        recoveryCodesLeft: await this.deps.staff.factors.recoveryCodesLeft(member.id),
      },
      access: accessFor(member.role),
    };
  }

  // The staff list (owners)

  list(firmId: string): Promise<StaffMember[]> {
    return this.deps.staff.list(firmId);
  }

  /** Adds a member (invited) and emails them the invitation, in one transaction. */
  async add(firmId: string, raw: { email: string; name: string; role: StaffRole }, actor: Actor): Promise<StaffMember> {
    const input = parse(newStaffSchema, raw);
    const email = input.email.toLowerCase();
    if (await this.deps.staff.findByEmail(firmId, email))
      throw Problem.conflict('staff_exists', `A staff member with the email ${email} is already in the firm.`);
    const firm = (await this.deps.firms.findById(firmId))!;
    this.#consoleUrl(firm);
    const now = this.#now();
    const member = await this.deps.unitOfWork(async () => {
      const created = await this.deps.staff.create({ firmId, email, name: input.name, role: input.role, status: 'invited' }, now);
      await this.deps.audit.record({ firmId, actor, action: 'staff.added', subject: { type: 'staff', id: created.id }, data: { role: input.role } }, now);
      await this.#sendInvitation(firm, created, actor, now);
      return created;
    });
    return member;
  }

  async resendInvitation(firmId: string, staffId: string, actor: Actor): Promise<void> {
    const member = await this.deps.staff.find(firmId, staffId);
    if (!member) throw Problem.notFound('staff member');
    if (member.status !== 'invited') throw Problem.conflict('staff_not_invited', `${member.name} has already set up their account.`);
    const firm = (await this.deps.firms.findById(firmId))!;
    this.#consoleUrl(firm);
    const now = this.#now();
    await this.deps.unitOfWork(() => this.#sendInvitation(firm, member, actor, now));
  }

  async update(firmId: string, staffId: string, changes: { role?: StaffRole; status?: 'active' | 'disabled' }, actor: Actor): Promise<StaffMember> {
    const { staff, audit } = this.deps;
    const member = await staff.find(firmId, staffId);
    if (!member) throw Problem.notFound('staff member');
    if (changes.status === 'active' && member.status === 'invited') {
      throw Problem.conflict('staff_not_invited', `${member.name} has not accepted their invitation yet: resend it instead.`);
    }
    const now = this.#now();
    const outcome = await this.deps.unitOfWork(async () => {
      const result = await staff.update(firmId, staffId, changes, now);
      if (result !== 'updated') return result;
      if (changes.status === 'disabled') await staff.revokeAllFamilies(staffId, 'staff_disabled', now);
      await audit.record({ firmId, actor, action: 'staff.updated', subject: { type: 'staff', id: staffId }, data: changes }, now);
      return result;
    });
    if (outcome === 'not_found') throw Problem.notFound('staff member');
    if (outcome === 'last_owner') {
      throw Problem.conflict('last_owner', 'The firm needs at least one active owner: make someone else an owner first.');
    }
    return (await staff.find(firmId, staffId))!;
  }

  /** Sets a password directly, for seeding: members otherwise set theirs through an invitation. */
  async addActive(firmId: string, input: { email: string; name: string; role: StaffRole; passwordHash: string }): Promise<StaffMember> {
    return this.deps.staff.create(
      { firmId, email: input.email.toLowerCase(), name: input.name, role: input.role, status: 'active', passwordHash: input.passwordHash },
      this.#now(),
    );
  }

  findByEmail(firmId: string, email: string) {
    return this.deps.staff.findByEmail(firmId, email.toLowerCase());
  }

  // Inside

  async #afterPassword(firm: Firm, member: StaffMember, ip: string, via: 'password' | 'invitation'): Promise<PasswordOutcome> {
    const totp = await this.deps.staff.factors.totp(member.id);
    const passkeys = await this.deps.staff.factors.passkeys(member.id);
    if (totp?.secret || passkeys.length > 0) {
      const methods: SecondFactorMethod[] = [];
      if (totp?.secret) methods.push('totp');
      if (passkeys.length > 0) methods.push('passkey');
      if ((await this.deps.staff.factors.recoveryCodesLeft(member.id)) > 0) methods.push('recovery_code');
      return { mfaRequired: true, mfaToken: await this.#mfaToken(member, 'mfa'), methods };
    }
    if (firm.settings.staffTwoFactor !== 'optional') return { enrollmentRequired: true, mfaToken: await this.#mfaToken(member, 'enroll') };
    return { signedIn: await this.#signIn(member, ip, via) };
  }

  #mfaToken(member: StaffMember, purpose: 'mfa' | 'enroll'): Promise<string> {
    return this.#mfaTokens.issue({ subject: member.id, firmId: member.firmId, purpose });
  }

  /** The active member an MFA token of `purpose` is for, from one of the firm's pages. */
  async #fromMfaToken(token: string, purpose: 'mfa' | 'enroll', origin: string | undefined): Promise<{ member: StaffMember; firm: Firm }> {
    const claims = await this.#mfaTokens.verify(token, purpose);
    const member = await this.deps.staff.find(claims.firmId, claims.subject);
    if (!member) throw mfaTokenInvalid();
    if (member.status !== 'active') throw disabled();
    const firm = (await this.deps.firms.findById(member.firmId))!;
    assertFirmOrigin(firm, origin, this.#serviceOrigin);
    return { member, firm };
  }

  /**
   * Who may set up a factor: the signed-in member, or the holder of an enrolment token while the
   * member has no second factor yet (once one is set up, the password alone adds no more).
   */
  async #enrollee(enrollee: Enrollee, origin: string | undefined): Promise<{ member: StaffMember; firm: Firm; viaMfaToken: boolean }> {
    if ('principal' in enrollee) {
      const member = await this.#member(enrollee.principal);
      return { member, firm: (await this.deps.firms.findById(member.firmId))!, viaMfaToken: false };
    }
    const { member, firm } = await this.#fromMfaToken(enrollee.mfaToken, 'enroll', origin);
    if (await this.#hasSecondFactor(member.id)) throw mfaTokenInvalid();
    return { member, firm, viaMfaToken: true };
  }

  async #member(principal: StaffPrincipal): Promise<StaffMember> {
    const member = await this.deps.staff.find(principal.firmId, principal.staffId);
    if (!member || member.status !== 'active') throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    return member;
  }

  async #hasSecondFactor(staffId: string): Promise<boolean> {
    return Boolean((await this.deps.staff.factors.totp(staffId))?.secret) || (await this.deps.staff.factors.passkeys(staffId)).length > 0;
  }

  async #assertNotLastFactor(member: StaffMember, removing: 'totp' | 'passkey') {
    const firm = (await this.deps.firms.findById(member.firmId))!;
    if (firm.settings.staffTwoFactor === 'optional') return;
    const totp = Boolean((await this.deps.staff.factors.totp(member.id))?.secret);
    const passkeys = (await this.deps.staff.factors.passkeys(member.id)).length;
    const left = (totp && removing !== 'totp' ? 1 : 0) + passkeys - (removing === 'passkey' ? 1 : 0);
    if (left < 1) {
      throw Problem.conflict('second_factor_required', `${firm.name} requires a second factor: set up another one before removing this one.`);
    }
  }

  async #keepChallenge(member: StaffMember, purpose: 'registration' | 'authentication', challenge: string, rp: { rpId: string; origin: string }) {
    const expiresAt = new Date(this.deps.clock().getTime() + challengeLifetimeMs).toISOString();
    await this.deps.staff.factors.addChallenge(
      { firmId: member.firmId, ownerId: member.id, purpose, challenge, rpId: rp.rpId, origin: rp.origin, expiresAt },
      this.#now(),
    );
  }

  async #signIn(member: StaffMember, ip: string, method: string): Promise<StaffSignedIn> {
    const { staff, audit, clock } = this.deps;
    const now = this.#now();
    const refreshToken = newSecret();
    const refreshExpiresAt = new Date(clock().getTime() + refreshLifetimeMs);
    await this.deps.unitOfWork(async () => {
      const familyId = await staff.startFamily(member.id, member.firmId, now);
      await staff.addRefreshToken(familyId, hashSecret(refreshToken), refreshExpiresAt.toISOString(), now);
      await staff.recordSignIn(member.id, now);
      await audit.record({ firmId: member.firmId, actor: { type: 'staff', id: member.id }, action: 'staff.login.succeeded', data: { method }, ip }, now);
    });
    return { ...(await this.#access({ ...member, lastSignInAt: now })), refreshToken, refreshExpiresAt };
  }

  async #access(member: StaffMember) {
    const { token, expiresIn } = await this.deps.tokens.issueAs(staffTokenKind, { subject: member.id, firmId: member.firmId });
    return { accessToken: token, expiresIn, staff: publicStaff(member), access: accessFor(member.role) };
  }

  async #sendInvitation(firm: Firm, member: StaffMember, actor: Actor, now: string) {
    const token = newSecret();
    const expiresAt = new Date(this.deps.clock().getTime() + staffInvitationLifetimeMs);
    const invitation = await this.deps.staff.createInvitation(
      { firmId: firm.id, staffId: member.id, tokenHash: hashSecret(token), expiresAt: expiresAt.toISOString() },
      now,
    );
    await this.deps.mailer.queue(
      {
        firmId: firm.id,
        kind: 'staff_invitation',
        to: member.email,
        fromName: firm.name,
        replyTo: firm.settings.inboxEmail,
        ...staffInvitationEmail({
          firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
          staffName: member.name,
          link: this.#consoleLink(firm, token),
          expiresAt,
          role: member.role,
          timeZone: firm.settings.timeZone,
        }),
      },
      `staff-invitation:${invitation.id}`,
    );
    await this.deps.audit.record({ firmId: firm.id, actor, action: 'staff.invitation.sent', subject: { type: 'staff', id: member.id } }, now);
  }

  /** Where invitations link to: checked before a member is added, so no one is added without one. */
  #consoleUrl(firm: Firm): URL {
    if (!firm.settings.consoleUrl) {
      throw Problem.conflict('console_url_missing', "Set the firm's console URL (settings.consoleUrl) so staff invitations can link to the console.");
    }
    return new URL(firm.settings.consoleUrl);
  }

  /** The console's page with the invitation token: `?invitation=…`. */
  #consoleLink(firm: Firm, token: string): string {
    const url = this.#consoleUrl(firm);
    url.searchParams.set('invitation', token);
    return url.toString();
  }

  /** Refresh and logout run with the cookie alone: refuse them from pages the firm did not list. */
  async #checkOrigin(firmId: string, origin: string | undefined) {
    if (!origin || origin === this.#serviceOrigin) return;
    const firm = await this.deps.firms.findById(firmId);
    if (!firm?.allowedOrigins.includes(origin)) throw Problem.forbidden('origin_not_allowed', `The origin ${origin} is not allowed for this firm.`);
  }

  #now() {
    return this.deps.clock().toISOString();
  }
}

function publicPasskey(passkey: StaffPasskey) {
  return { id: passkey.id, name: passkey.name, createdAt: passkey.createdAt };
}
