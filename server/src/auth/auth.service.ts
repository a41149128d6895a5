import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Contact, ContactLocale, ContactsService } from '../contacts/index.ts';
import { hashSecret, newId, newSecret } from '../db/ids.ts';
import type { Firm } from '../firms/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { Problem } from '../http/problem.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { WebhookEvents } from '../webhooks/index.ts';
import { invitationEmail, passwordResetEmail } from '../mail/index.ts';
import type { AccessTokens } from './access-tokens.ts';
import { AssertionRejected, type AssertionVerifier, type VerifiedAssertion } from './assertions.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { EmailCode } from './email-codes.repository.ts';
import { signInCodeEmail } from './sign-in-code-email.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { refreshLifetimeMs, refreshReuseGraceMs, rotateRefreshToken } from './refresh-rotation.ts';
import type { AuthLimits } from '../limits/index.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { ClientTwoFactor, type FirstFactor, type GateOutcome, type SecondFactorAnswer } from './client-two-factor.ts';

const day = 86_400_000;
export const invitationLifetimeMs = 7 * day;
export const resetLifetimeMs = 60 * 60_000;
export const emailCodeLifetimeMs = 10 * 60_000;
/** Wrong tries that burn a sign-in code. */
export const emailCodeMaxTries = 5;
export { refreshLifetimeMs, refreshReuseGraceMs };

/** What a client gets on signing in: the access token for requests and the refresh cookie's value. */
export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  contact: { id: string; firmId: string; email: string; name: string };
}

export interface AuthServiceDeps {
  firms: FirmsService;
  contacts: ContactsService;
  auth: AuthRepository;
  tokens: AccessTokens;
  assertions: AssertionVerifier;
  limits: AuthLimits;
  mailer: Mailer;
  jobs: JobQueue;
  unitOfWork: UnitOfWork;
  webhooks: WebhookEvents;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string;
  /** Seals clients' authenticator-app secrets with SECRETS_KEY. */
  secrets: SecretBox;
}

/** What a first factor (password, emailed code or link, invitation, reset) leads to: a session, or a second factor first. */
export type SignInOutcome = GateOutcome<SignedIn>;

const passwordResetJob = 'auth.password_reset';
const pruneAssertionsJob = 'auth.prune_assertions';
const emailCodeJob = 'auth.email_code';
const pruneEmailCodesJob = 'auth.prune_email_codes';

interface PasswordResetRequest {
  firmId: string;
  email: string;
  ip: string;
  /** The language of the portal page that asked, when it said. */
  locale?: ContactLocale;
}
type EmailCodeRequest = PasswordResetRequest;

/** The emailed links whose state a client can ask about when opening one. */
export type LinkKind = 'invitation' | 'reset' | 'sign-in';
export type LinkState = 'usable' | 'used' | 'expired' | 'replaced' | 'unknown';

const invalidCredentials = () => Problem.unauthorized('invalid_credentials', 'The email or password is incorrect.');
const invitationInvalid = () => Problem.badRequest('invitation_invalid', 'This invitation link is invalid, used or expired. Ask the firm to send a new one.');
const resetInvalid = () => Problem.badRequest('reset_token_invalid', 'This password reset link is invalid, used or expired. Ask for a new one.');
const refreshInvalid = () => Problem.unauthorized('refresh_invalid', 'Your session has ended. Please sign in again.');
const emailCodeInvalid = (detail = 'That code is not right. Check the email and try again.') => Problem.unauthorized('email_code_invalid', detail);
const emailCodeExpired = (detail = 'This code or link can no longer be used. Ask for a new one.') => Problem.unauthorized('email_code_expired', detail);
/** One answer for every assertion refused, whatever was wrong with it. */
const invalidAssertion = () => Problem.unauthorized('invalid_assertion', "The sign-in from the firm's site could not be accepted. Please sign in again there.");

/** Why a verified assertion still signs nobody in. */
type ExchangeRefusal = 'replayed' | 'external_id_mismatch' | 'contact_not_found' | 'contact_archived';

/** Sign-in, refresh, invitations and password resets for a firm's clients. */
export class AuthService {
  /** Clients' second factors: setting them up, managing them, and the gate every sign-in passes. */
  readonly twoFactor: ClientTwoFactor;

  constructor(private readonly deps: AuthServiceDeps) {
    this.twoFactor = new ClientTwoFactor({
      ...deps,
      factors: deps.auth.factors,
      passwordHash: (contactId) => deps.auth.passwordHash(contactId),
    });
    deps.jobs.register<PasswordResetRequest>(passwordResetJob, (job) => this.#sendPasswordReset(job.key, job.payload));
    deps.jobs.register(pruneAssertionsJob, async () => {
      await deps.auth.pruneUsedAssertions(this.#now());
    });
    deps.jobs.every(pruneAssertionsJob, 3_600_000);
    deps.jobs.register<EmailCodeRequest>(emailCodeJob, (job) => this.#sendEmailCode(job.key, job.payload));
    deps.jobs.register(pruneEmailCodesJob, async () => {
      await deps.auth.emailCodes.prune(new Date(deps.clock().getTime() - day).toISOString());
    });
    deps.jobs.every(pruneEmailCodesJob, 3_600_000);
  }

  async login(input: { firm: string; email: string; password: string; ip: string }): Promise<SignInOutcome> {
    const { limits, contacts, auth, audit } = this.deps;
    await limits.loginPerIp.consume(input.ip);
    const firm = await this.#firm(input.firm);
    const email = input.email.toLowerCase();
    const accountKey = `${firm.id}:${email}`;
    await limits.loginFailuresPerAccount.check(accountKey);

    const contact = await contacts.findByEmail(firm.id, email);
    const stored = contact ? await auth.passwordHash(contact.id) : undefined;
    const matches = await verifyPassword(input.password, stored ?? (await decoyHash));
    const now = this.#now();
    if (!contact || !stored || !matches) {
      await limits.loginFailuresPerAccount.consume(accountKey);
      await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact?.id }, action: 'login.failed', data: { email }, ip: input.ip }, now);
      throw invalidCredentials();
    }
    if (contact.status !== 'active') throw this.#archived();
    await limits.loginFailuresPerAccount.reset(accountKey);
    await auth.recordLogin(contact.id, now);
    await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'login.succeeded', ip: input.ip }, now);
    return this.#gate(firm, contact, 'password', input.ip);
  }

  /**
   * Token exchange: a firm whose own site signs its clients in hands one over with an assertion
   * its backend signed (see AssertionVerifier), and gets the same session as a password sign-in.
   * The client is the contact whose externalId is the assertion's `sub`; else the contact with
   * its email, who is then linked to that `sub`; else, when the firm allows it, a new contact.
   * Each assertion signs in once.
   */
  async exchangeAssertion(input: { firm: string; assertion: string; ip: string }): Promise<SignedIn> {
    const { limits, audit } = this.deps;
    await limits.tokenExchangePerIp.consume(input.ip);
    const firm = await this.#firm(input.firm);
    const identity = firm.settings.identity;
    if (!identity) {
      throw Problem.unauthorized('token_exchange_not_enabled', `${firm.name} does not sign clients in to the portal from its own site.`);
    }
    let claims: VerifiedAssertion;
    try {
      claims = await this.deps.assertions.verify(identity, input.assertion);
    } catch (error) {
      if (!(error instanceof AssertionRejected)) throw error;
      await audit.record(
        { firmId: firm.id, actor: { type: 'contact' }, action: 'login.failed', data: { method: 'token_exchange', reason: error.reason }, ip: input.ip },
        this.#now(),
      );
      throw invalidAssertion();
    }
    const now = this.#now();
    const outcome = await this.deps.unitOfWork(() => this.#resolveAssertedContact(firm, identity.autoProvision, claims, input.ip, now));
    if ('refused' in outcome) {
      const { refused, contactId } = outcome;
      await audit.record(
        {
          firmId: firm.id,
          actor: { type: 'contact', id: contactId },
          action: 'login.failed',
          data: { method: 'token_exchange', reason: refused, subject: claims.subject },
          ip: input.ip,
        },
        now,
      );
      if (refused === 'replayed') throw invalidAssertion();
      if (refused === 'external_id_mismatch') {
        throw Problem.unauthorized(
          'external_id_mismatch',
          'A portal account with this email address belongs to another client of the firm. Please contact the firm.',
        );
      }
      if (refused === 'contact_archived') throw this.#archived();
      throw new Problem(404, 'contact_not_found', `${firm.name} has not opened a portal account for you yet. Please contact the firm.`);
    }
    return this.#startSession(outcome.contact);
  }

  /**
   * Uses the assertion's jti and finds (or links, or creates) its contact, in one transaction:
   * a replay, or two first sign-ins at once, can never make two contacts or two activations.
   */
  async #resolveAssertedContact(
    firm: Firm,
    autoProvision: boolean,
    claims: VerifiedAssertion,
    ip: string,
    now: string,
  ): Promise<{ contact: Contact } | { refused: ExchangeRefusal; contactId?: string }> {
    const { contacts, auth, audit, webhooks } = this.deps;
    if (!(await auth.useAssertion(firm.id, claims.jti, claims.expiresAt.toISOString()))) return { refused: 'replayed' };
    let contact = await contacts.findByExternalId(firm.id, claims.subject);
    if (!contact) {
      const byEmail = await contacts.findByEmail(firm.id, claims.email);
      if (byEmail) {
        if (byEmail.externalId && byEmail.externalId !== claims.subject) return { refused: 'external_id_mismatch', contactId: byEmail.id };
        if (byEmail.status !== 'active') return { refused: 'contact_archived', contactId: byEmail.id };
        if (!(await contacts.linkExternalId(firm.id, byEmail.id, claims.subject))) return { refused: 'external_id_mismatch', contactId: byEmail.id };
        contact = (await contacts.find(firm.id, byEmail.id))!;
        await audit.record(
          {
            firmId: firm.id,
            actor: { type: 'contact', id: contact.id },
            action: 'contact.linked',
            subject: { type: 'contact', id: contact.id },
            data: { externalId: claims.subject },
            ip,
          },
          now,
        );
      } else if (autoProvision) {
        contact = await contacts.add(firm.id, { email: claims.email, name: claims.name ?? claims.email, externalId: claims.subject });
        await audit.record(
          {
            firmId: firm.id,
            actor: { type: 'contact', id: contact.id },
            action: 'contact.created',
            subject: { type: 'contact', id: contact.id },
            data: { method: 'token_exchange' },
            ip,
          },
          now,
        );
      } else {
        return { refused: 'contact_not_found' };
      }
    }
    if (contact.status !== 'active') return { refused: 'contact_archived', contactId: contact.id };
    if (await auth.recordAssertionSignIn(contact.id, firm.id, now)) {
      await webhooks.emit(firm.id, 'contact.activated', { contactId: contact.id, email: contact.email, name: contact.name, activatedAt: now });
    }
    await auth.recordLogin(contact.id, now);
    await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'login.succeeded', data: { method: 'token_exchange' }, ip }, now);
    return { contact };
  }

  /**
   * Rotates a refresh token. A token already rotated (outside the short grace) means it was
   * copied: the whole sign-in is revoked and every device holding it must sign in again.
   */
  async refresh(input: { refreshToken: string; origin?: string }): Promise<SignedIn> {
    const { auth, contacts, audit } = this.deps;
    const token = await auth.refreshByTokenHash(hashSecret(input.refreshToken));
    if (!token) throw refreshInvalid();
    await this.#checkOrigin(token.firmId, input.origin);
    const now = this.#now();
    if (token.familyRevokedAt || token.expiresAt <= now) throw refreshInvalid();

    const contact = await contacts.find(token.firmId, token.contactId);
    if (!contact || contact.status !== 'active') {
      await auth.revokeFamily(token.familyId, 'contact_archived', now);
      throw refreshInvalid();
    }

    const rotated = await rotateRefreshToken({ store: auth, unitOfWork: this.deps.unitOfWork, clock: this.deps.clock }, token, input.refreshToken);
    if (rotated.reused) {
      await audit.record(
        {
          firmId: token.firmId,
          actor: { type: 'contact', id: token.contactId },
          action: 'refresh.reused',
          subject: { type: 'refresh_family', id: token.familyId },
        },
        now,
      );
      throw Problem.unauthorized('refresh_reused', 'This sign-in was used from somewhere else, so it has been ended for safety. Please sign in again.');
    }
    return { ...(await this.#accessFor(contact)), refreshToken: rotated.refreshToken, refreshExpiresAt: rotated.refreshExpiresAt };
  }

  async logout(input: { refreshToken: string; origin?: string }): Promise<void> {
    const { auth } = this.deps;
    const token = await auth.refreshByTokenHash(hashSecret(input.refreshToken));
    if (!token) return;
    await this.#checkOrigin(token.firmId, input.origin);
    await auth.revokeFamily(token.familyId, 'logout', this.#now());
  }

  /** Emails the contact a single-use link to create their password; replaces any open invitation. */
  async invite(firmId: string, contactId: string, actor: Actor) {
    const { contacts, auth, firms, audit, mailer, clock } = this.deps;
    const contact = await contacts.find(firmId, contactId);
    if (!contact) throw Problem.notFound('contact');
    if (contact.status !== 'active') throw Problem.conflict('contact_archived', 'This contact is archived. Restore them before inviting.');
    const firm = (await firms.findById(firmId))!;
    const token = newSecret();
    const now = this.#now();
    const expiresAt = new Date(clock().getTime() + invitationLifetimeMs);
    const link = this.#portalLink(firm, 'invitation', token);
    // A client with a login is told so: the link then only lets them choose a new password.
    const hasLogin = (await auth.passwordHash(contactId)) !== undefined;
    // The invitation and its email commit together; the answer never waits on the mail server.
    const invitation = await this.deps.unitOfWork(async () => {
      const created = await auth.createInvitation({ firmId, contactId, tokenHash: hashSecret(token), expiresAt: expiresAt.toISOString() }, now);
      await mailer.queue(
        {
          firmId,
          kind: 'invitation',
          to: contact.email,
          fromName: firm.name,
          replyTo: firm.settings.inboxEmail,
          ...invitationEmail({
            firm: emailBrand(firm),
            contactName: contact.name,
            link,
            expiresAt,
            timeZone: firm.settings.timeZone,
            hasLogin,
            language: contact.emailLanguage,
          }),
        },
        `invitation:${created.id}`,
      );
      await audit.record({ firmId, actor, action: 'invitation.sent', subject: { type: 'contact', id: contactId } }, now);
      return created;
    });
    return { id: invitation.id, contactId, hasLogin, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt };
  }

  async acceptInvitation(input: { token: string; password: string; ip: string }): Promise<SignInOutcome> {
    const { limits, auth, contacts, audit } = this.deps;
    await limits.invitationPerIp.consume(input.ip);
    const invitation = await auth.invitationByTokenHash(hashSecret(input.token));
    const now = this.#now();
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw invitationInvalid();
    const contact = await contacts.find(invitation.firmId, invitation.contactId);
    if (!contact || contact.status !== 'active') throw invitationInvalid();

    const hash = await hashPassword(input.password);
    const accepted = await this.deps.unitOfWork(async () => {
      if (!(await auth.acceptInvitation(invitation.id, now))) return false;
      await auth.setPassword(contact.id, hash, now);
      await auth.recordLogin(contact.id, now);
      await this.deps.webhooks.emit(contact.firmId, 'contact.activated', { contactId: contact.id, email: contact.email, name: contact.name, activatedAt: now });
      return true;
    });
    if (!accepted) throw invitationInvalid();
    await audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'invitation.accepted', ip: input.ip }, now);
    return this.#gate((await this.deps.firms.findById(contact.firmId))!, contact, 'invitation', input.ip);
  }

  /**
   * Asks for a reset link. Whether the account exists is decided later, by a job: the request does
   * the same work (one queued job) for every address, so its answer and its time say nothing about
   * which addresses have accounts, and nothing about whether mail works.
   */
  async requestPasswordReset(input: { firm: string; email: string; ip: string; locale?: ContactLocale }): Promise<void> {
    const { limits, jobs } = this.deps;
    await limits.resetRequestPerIp.consume(input.ip);
    const firm = await this.#firm(input.firm);
    const email = input.email.toLowerCase();
    await limits.resetRequestPerAccount.consume(`${firm.id}:${email}`);
    await jobs.enqueue<PasswordResetRequest>({
      kind: passwordResetJob,
      key: `password-reset:${newId('req')}`,
      firmId: firm.id,
      payload: { firmId: firm.id, email, ip: input.ip, locale: input.locale },
    });
  }

  /** The reset link for an account that exists and may sign in, with its email, in one transaction. */
  async #sendPasswordReset(jobKey: string, request: PasswordResetRequest): Promise<void> {
    const { contacts, auth, mailer, clock, audit } = this.deps;
    const firm = await this.deps.firms.findById(request.firmId);
    const contact = firm && (await contacts.findByEmail(firm.id, request.email));
    if (!firm || !contact || contact.status !== 'active' || !(await auth.passwordHash(contact.id))) return;
    const language = await this.#emailLanguage(contact, request.locale);
    const token = newSecret();
    const now = this.#now();
    await this.deps.unitOfWork(async () => {
      await auth.createReset(
        { contactId: contact.id, tokenHash: hashSecret(token), expiresAt: new Date(clock().getTime() + resetLifetimeMs).toISOString() },
        now,
      );
      await mailer.queue(
        {
          firmId: firm.id,
          kind: 'password_reset',
          to: contact.email,
          fromName: firm.name,
          replyTo: firm.settings.inboxEmail,
          ...passwordResetEmail({
            firm: emailBrand(firm),
            contactName: contact.name,
            link: this.#portalLink(firm, 'reset', token),
            expiresInMinutes: resetLifetimeMs / 60_000,
            language,
          }),
        },
        jobKey,
      );
      await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'password_reset.requested', ip: request.ip }, now);
    });
  }

  /** Sets the new password, ends every other sign-in of the contact, and signs this one in. */
  async confirmPasswordReset(input: { token: string; password: string; ip: string }): Promise<SignInOutcome> {
    const { limits, auth, contacts, audit } = this.deps;
    await limits.resetConfirmPerIp.consume(input.ip);
    const reset = await auth.resetByTokenHash(hashSecret(input.token));
    const now = this.#now();
    if (!reset || reset.usedAt || reset.expiresAt <= now) throw resetInvalid();
    const contact = await contacts.findAnywhere(reset.contactId);
    if (!contact || contact.status !== 'active') throw resetInvalid();

    const hash = await hashPassword(input.password);
    const used = await this.deps.unitOfWork(async () => {
      if (!(await auth.useReset(reset.id, now))) return false;
      await auth.setPassword(contact.id, hash, now);
      await auth.revokeAllFamilies(contact.id, 'password_reset', now);
      return true;
    });
    if (!used) throw resetInvalid();
    await audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'password_reset.completed', ip: input.ip }, now);
    // A new password proves the mailbox, not the second factor: a reset does not skip it.
    return this.#gate((await this.deps.firms.findById(contact.firmId))!, contact, 'password_reset', input.ip);
  }

  /**
   * Asks for a sign-in code by email. Like a reset request, the request only queues a job, the
   * same for every address; the job writes a code for any address (so that checking a code
   * answers alike whether or not the address has an account) and mails it only to a contact
   * the portal is open to.
   */
  async requestEmailCode(input: { firm: string; email: string; ip: string; locale?: ContactLocale }): Promise<void> {
    const { limits, jobs } = this.deps;
    await limits.emailCodeRequestPerIp.consume(input.ip);
    const firm = await this.#firm(input.firm);
    const email = input.email.toLowerCase();
    await limits.emailCodeRequestPerAccount.consume(`${firm.id}:${email}`);
    await jobs.enqueue<EmailCodeRequest>({
      kind: emailCodeJob,
      key: `email-code:${newId('req')}`,
      firmId: firm.id,
      payload: { firmId: firm.id, email, ip: input.ip, locale: input.locale },
    });
  }

  /**
   * Who may sign in with a code: an active contact the firm opened the portal to, with a login,
   * a sign-in from the firm's site, or an invitation. An invited client who has not chosen a
   * password yet may: the code proves they read the address's mail, as accepting the
   * invitation would. The invitation stays open, so they can still choose a password later.
   */
  async #mayUseEmailCode(contact: Contact | undefined): Promise<boolean> {
    return Boolean(contact && contact.status === 'active' && (await this.deps.auth.hasPortalAccess(contact.id)));
  }

  /** A new code (replacing the address's open one), and its email when someone may use it, in one transaction. */
  async #sendEmailCode(jobKey: string, request: EmailCodeRequest): Promise<void> {
    const { contacts, auth, mailer, clock, audit } = this.deps;
    const firm = await this.deps.firms.findById(request.firmId);
    if (!firm) return;
    const found = await contacts.findByEmail(firm.id, request.email);
    const contact = (await this.#mayUseEmailCode(found)) ? found : undefined;
    const id = newId('esc');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const token = newSecret();
    const now = this.#now();
    const link = contact ? this.#portalLink(firm, 'sign-in', token) : '';
    const language = contact && (await this.#emailLanguage(contact, request.locale));
    await this.deps.unitOfWork(async () => {
      await auth.emailCodes.replace(
        {
          id,
          firmId: firm.id,
          email: request.email,
          contactId: contact?.id ?? null,
          codeHash: emailCodeHash(id, code),
          tokenHash: hashSecret(token),
          expiresAt: new Date(clock().getTime() + emailCodeLifetimeMs).toISOString(),
        },
        now,
      );
      if (!contact) return;
      await mailer.queue(
        {
          firmId: firm.id,
          kind: 'sign_in_code',
          to: contact.email,
          fromName: firm.name,
          replyTo: firm.settings.inboxEmail,
          ...signInCodeEmail({ firm: emailBrand(firm), contactName: contact.name, code, link, expiresInMinutes: emailCodeLifetimeMs / 60_000, language }),
        },
        jobKey,
      );
      await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'email_code.sent', ip: request.ip }, now);
    });
  }

  /**
   * Signs in with an emailed code (and the address it went to) or the email's link. A code is
   * the address's latest; each try counts, and the fifth wrong one burns it. Wrong answers
   * `email_code_invalid`; a code or link expired, used, replaced or burnt answers `email_code_expired`.
   */
  async verifyEmailCode(input: { firm: string; ip: string } & ({ email: string; code: string } | { token: string })): Promise<SignInOutcome> {
    const { limits, auth, audit } = this.deps;
    await limits.emailCodeVerifyPerIp.consume(input.ip);
    const firm = await this.#firm(input.firm);
    const now = this.#now();
    const method = 'token' in input ? 'email_link' : 'email_code';
    let stored: EmailCode | undefined;
    if ('token' in input) {
      stored = await auth.emailCodes.byTokenHash(hashSecret(input.token));
      if (!stored || stored.firmId !== firm.id) throw emailCodeInvalid('This sign-in link is not valid. Ask for a new one.');
      if (stored.usedAt || stored.revokedAt || stored.expiresAt <= now) throw emailCodeExpired();
    } else {
      stored = await auth.emailCodes.open(firm.id, input.email.toLowerCase());
      if (!stored || stored.expiresAt <= now) throw emailCodeExpired();
      const tries = await auth.emailCodes.countTry(stored.id);
      if (tries === undefined || tries > emailCodeMaxTries) throw emailCodeExpired();
      if (!sameHash(stored.codeHash, emailCodeHash(stored.id, input.code))) {
        await audit.record(
          {
            firmId: firm.id,
            actor: { type: 'contact', id: stored.contactId ?? undefined },
            action: 'login.failed',
            data: { method, email: stored.email },
            ip: input.ip,
          },
          now,
        );
        if (tries < emailCodeMaxTries) {
          const left = emailCodeMaxTries - tries;
          throw emailCodeInvalid(`That code is not right. You can try ${left} more time${left === 1 ? '' : 's'}.`);
        }
        await auth.emailCodes.revoke(stored.id, now);
        throw emailCodeExpired('That code was entered wrong too many times, so it no longer works. Ask for a new one.');
      }
    }
    const contact = stored.contactId ? await this.deps.contacts.find(firm.id, stored.contactId) : undefined;
    if (contact && contact.status !== 'active') throw this.#archived();
    if (!contact || !(await this.#mayUseEmailCode(contact))) throw emailCodeInvalid();
    const used = await this.deps.unitOfWork(async () => {
      if (!(await auth.emailCodes.use(stored.id, now))) return false;
      await auth.recordLogin(contact.id, now);
      await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'login.succeeded', data: { method }, ip: input.ip }, now);
      return true;
    });
    if (!used) throw emailCodeExpired();
    return this.#gate(firm, contact, method, input.ip);
  }

  /**
   * Whether an emailed link still works, so that the portal can say so when it is opened rather
   * than after the client typed a new password twice. Reads only; the token is found by its hash.
   */
  async linkStatus(input: { kind: LinkKind; token: string; ip: string }): Promise<LinkState> {
    const { limits, auth, contacts } = this.deps;
    await limits.linkStatusPerIp.consume(input.ip);
    const hash = hashSecret(input.token);
    const now = this.#now();
    const active = async (contact: Promise<Contact | undefined>) => (await contact)?.status === 'active';
    switch (input.kind) {
      case 'invitation': {
        const invitation = await auth.invitationByTokenHash(hash);
        if (!invitation || !(await active(contacts.find(invitation.firmId, invitation.contactId)))) return 'unknown';
        if (invitation.acceptedAt) return 'used';
        if (invitation.revokedAt) return 'replaced';
        return invitation.expiresAt <= now ? 'expired' : 'usable';
      }
      case 'reset': {
        const reset = await auth.resetByTokenHash(hash);
        if (!reset || !(await active(contacts.findAnywhere(reset.contactId)))) return 'unknown';
        if (reset.usedAt) return 'used';
        return reset.expiresAt <= now ? 'expired' : 'usable';
      }
      case 'sign-in': {
        const code = await auth.emailCodes.byTokenHash(hash);
        if (!code?.contactId || !(await active(contacts.find(code.firmId, code.contactId)))) return 'unknown';
        if (code.usedAt) return 'used';
        // A code burnt by wrong tries has run out, as an expired one has; otherwise a newer one replaced it.
        if (code.revokedAt) return code.attempts >= emailCodeMaxTries ? 'expired' : 'replaced';
        return code.expiresAt <= now ? 'expired' : 'usable';
      }
    }
  }

  /**
   * "Send me a new link" from a used or expired reset or sign-in link: a new one goes to the
   * address the old one went to, as if the client had typed it, within the same limits. The
   * answer is the same whatever the token, so it says nothing about it.
   */
  async renewLink(input: { kind: Exclude<LinkKind, 'invitation'>; token: string; ip: string }): Promise<void> {
    const { limits, auth, contacts, jobs } = this.deps;
    const reset = input.kind === 'reset';
    await (reset ? limits.resetRequestPerIp : limits.emailCodeRequestPerIp).consume(input.ip);
    const hash = hashSecret(input.token);
    let to: { firmId: string; email: string } | undefined;
    if (reset) {
      const found = await auth.resetByTokenHash(hash);
      const contact = found && (await contacts.findAnywhere(found.contactId));
      if (contact) to = { firmId: contact.firmId, email: contact.email };
    } else {
      const code = await auth.emailCodes.byTokenHash(hash);
      if (code?.contactId) to = { firmId: code.firmId, email: code.email };
    }
    if (!to) return;
    await (reset ? limits.resetRequestPerAccount : limits.emailCodeRequestPerAccount).consume(`${to.firmId}:${to.email}`);
    await jobs.enqueue<PasswordResetRequest>({
      kind: reset ? passwordResetJob : emailCodeJob,
      key: `${reset ? 'password-reset' : 'email-code'}:${newId('req')}`,
      firmId: to.firmId,
      payload: { ...to, ip: input.ip },
    });
  }

  /** Sets a password directly, for seeding and the CLI; clients set theirs through an invitation. */
  async setPasswordHash(contactId: string, hash: string, now: string): Promise<void> {
    await this.deps.auth.setPassword(contactId, hash, now);
  }

  /**
   * Finishes a sign-in with the second factor an MFA token asked for: a code from the app, a
   * recovery code or a passkey. Answers a session, as a sign-in without a second factor does.
   */
  async completeSecondFactor(input: { mfaToken: string; answer: SecondFactorAnswer; ip: string; origin?: string }): Promise<SignedIn> {
    const { contact, method } = await this.twoFactor.verify(input);
    return this.#signedInWith(contact, method, input.ip);
  }

  /** Signs in with a passkey alone: it is both factors (the device, and its screen lock). */
  async passkeySignIn(input: { firm: string; credential: { id: string; response?: unknown }; ip: string; origin?: string }): Promise<SignedIn> {
    const contact = await this.twoFactor.passkeySignIn({ ...input, firm: await this.#firm(input.firm) });
    return this.#signedInWith(contact, 'passkey', input.ip);
  }

  /** WebAuthn options to sign in with a passkey alone. */
  async passkeySignInOptions(input: { firm: string; email?: string; ip: string; origin?: string }) {
    return this.twoFactor.passkeySignInOptions({ ...input, firm: await this.#firm(input.firm) });
  }

  /** The sign-in an enrolment token was waiting for, once its first factor is set up. */
  async signInEnrolled(contact: Contact, method: 'totp' | 'passkey', ip: string): Promise<SignedIn> {
    return this.#signedInWith(contact, method, ip);
  }

  /** The claims of a client's access token, for routes that take one without requiring it. */
  verifyClientToken(token: string) {
    return this.deps.tokens.verify(token);
  }

  /** The active contact an access token's claims name, from one of the firm's pages. Runs in the claims' firm scope. */
  async authenticateClient(claims: { contactId: string; firmId: string }, origin: string | undefined): Promise<Contact> {
    const contact = await this.deps.contacts.find(claims.firmId, claims.contactId);
    if (!contact || contact.status !== 'active') throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    const firm = (await this.deps.firms.findById(claims.firmId))!;
    assertFirmOrigin(firm, origin, new URL(this.deps.publicUrl).origin);
    return contact;
  }

  #gate(firm: Firm, contact: Contact, via: FirstFactor, ip: string): Promise<SignInOutcome> {
    return this.twoFactor.gate(firm, contact, via, ip, () => this.#startSession(contact));
  }

  async #signedInWith(contact: Contact, method: string, ip: string): Promise<SignedIn> {
    const now = this.#now();
    await this.deps.auth.recordLogin(contact.id, now);
    await this.deps.audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'login.succeeded', data: { method }, ip }, now);
    return this.#startSession(contact);
  }

  async #startSession(contact: Contact): Promise<SignedIn> {
    const { auth, clock } = this.deps;
    const now = this.#now();
    const refreshToken = newSecret();
    const refreshExpiresAt = new Date(clock().getTime() + refreshLifetimeMs);
    await this.deps.unitOfWork(async () => {
      const familyId = await auth.startFamily(contact.id, contact.firmId, now);
      await auth.addRefreshToken(familyId, hashSecret(refreshToken), refreshExpiresAt.toISOString(), now);
    });
    return { ...(await this.#accessFor(contact)), refreshToken, refreshExpiresAt };
  }

  async #accessFor(contact: Contact) {
    const { token, expiresIn } = await this.deps.tokens.issue({ contactId: contact.id, firmId: contact.firmId });
    return { accessToken: token, expiresIn, contact: publicContact(contact) };
  }

  /** Refresh and logout run with the cookie alone: refuse them from pages the firm did not list. */
  async #checkOrigin(firmId: string, origin: string | undefined) {
    if (!origin || origin === new URL(this.deps.publicUrl).origin) return;
    const firm = await this.deps.firms.findById(firmId);
    if (!firm?.allowedOrigins.includes(origin)) {
      throw Problem.forbidden('origin_not_allowed', `The origin ${origin} is not allowed for this firm.`);
    }
  }

  async #firm(slug: string): Promise<Firm> {
    const firm = await this.deps.firms.findBySlug(slug);
    if (!firm) throw new Problem(404, 'firm_not_found', `No firm with the slug "${slug}".`);
    return firm;
  }

  #portalLink(firm: Firm, param: 'invitation' | 'reset' | 'sign-in', token: string): string {
    const base = firm.settings.portalUrl ?? firm.siteUrl;
    if (!base) {
      throw Problem.conflict('portal_url_missing', "Set the firm's portal URL (settings.portalUrl) so emails can link to the portal.");
    }
    const url = new URL(base);
    url.searchParams.set(param, token);
    return url.toString();
  }

  /**
   * The language of an email the contact just asked for from a portal page: the one they chose,
   * else the page's (noted, so that later emails follow it), else the last page's, else English.
   */
  async #emailLanguage(contact: Contact, pageLocale: ContactLocale | undefined): Promise<ContactLocale> {
    if (contact.locale) return contact.locale;
    if (!pageLocale) return contact.emailLanguage;
    await this.deps.contacts.notePortalLocale(contact.firmId, contact.id, pageLocale);
    return pageLocale;
  }

  #archived() {
    return Problem.forbidden('contact_archived', 'This portal account is closed. Please contact the firm.');
  }

  #now() {
    return this.deps.clock().toISOString();
  }
}

export function publicContact(contact: Contact) {
  return { id: contact.id, firmId: contact.firmId, email: contact.email, name: contact.name, locale: contact.locale };
}

function emailBrand(firm: Firm) {
  return { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors };
}

/** A code's hash, salted with its row's id: six digits alone would hash the same everywhere. */
function emailCodeHash(id: string, code: string): string {
  return hashSecret(`${id}:${code}`);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
