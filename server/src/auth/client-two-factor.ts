import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Contact, ContactsService } from '../contacts/index.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { Problem } from '../http/problem.ts';
import type { AuthLimits } from '../limits/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { AccessTokens, TokenKind } from './access-tokens.ts';
import type { ClientFactorsRepository, ClientPasskey } from './client-factors.repository.ts';
import { secondFactorEmail } from './second-factor-email.ts';
import {
  MfaTokens,
  answeredChallenge,
  authenticationOptions,
  challengeLifetimeMs,
  matchPendingTotp,
  matchTotp,
  mfaCodeInvalid,
  mfaTokenInvalid,
  newRecoveryCodes,
  recoveryCodeHash,
  registrationOptions,
  relyingParty,
  startTotpEnrolment,
  verifyAuthentication,
  verifyRegistration,
  type MfaTokenClaims,
  type SecondFactorMethod,
} from './second-factor/index.ts';
import { verifyPassword } from './passwords.ts';

/** The hand-over between a client's first factor and the second (or its first set-up): five minutes. */
export const clientMfaTokenKind: TokenKind = { typ: 'mfa+jwt', audience: 'portico-mfa', seconds: 300 };
/** Wrong codes one MFA token takes before it stops working: a new one needs the first factor again. */
export const mfaTokenMaxFailures = 5;

/** How a client gave their first factor: recorded with the sign-in the second one completes. */
export type FirstFactor = 'password' | 'email_code' | 'email_link' | 'invitation' | 'password_reset';

/** What a first factor leads to: a session, or the second factor to give (or set up) first. */
export type GateOutcome<S> =
  { signedIn: S } | { mfaRequired: true; mfaToken: string; methods: SecondFactorMethod[] } | { enrollmentRequired: true; mfaToken: string };

/** Who sets up or manages a factor: a signed-in client, or one holding an enrolment token right after their first factor. */
export type ClientEnrollee = { contactId: string; firmId: string } | { mfaToken: string };

/** A second factor as given to `/auth/mfa`. */
export type SecondFactorAnswer = { code: string } | { recoveryCode: string } | { credential: { id: string; response?: unknown } };

export interface ClientTwoFactorDeps {
  factors: ClientFactorsRepository;
  /** The contact's password hash, to confirm a sensitive change; undefined when they have none. */
  passwordHash: (contactId: string) => Promise<string | undefined>;
  contacts: ContactsService;
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

const attemptsExceeded = () => Problem.unauthorized('mfa_attempts_exceeded', 'Too many wrong codes. Please sign in again.');
const passkeyInvalid = (detail: string) => Problem.badRequest('passkey_invalid', detail);

/**
 * Clients' second factors: the gate every sign-in that proves an address or a password passes
 * (`gate`), giving the second factor (`verify`), setting factors up and managing them, and a
 * passkey as the whole sign-in. The firm's `clientTwoFactor` setting decides what is asked.
 * A session is started by the caller (AuthService) from the contact this answers.
 */
export class ClientTwoFactor {
  readonly #serviceOrigin: string;
  readonly #mfaTokens: MfaTokens;

  constructor(private readonly deps: ClientTwoFactorDeps) {
    this.#serviceOrigin = new URL(deps.publicUrl).origin;
    this.#mfaTokens = new MfaTokens(deps.tokens, clientMfaTokenKind);
  }

  /**
   * After a correct first factor: nothing more (`signIn`), the second factor, or setting one up
   * when the firm requires one and the client has none.
   */
  async gate<S>(firm: Firm, contact: Contact, via: FirstFactor, ip: string, signIn: () => Promise<S>): Promise<GateOutcome<S>> {
    const setting = firm.settings.clientTwoFactor;
    if (setting === 'off') return { signedIn: await signIn() };
    const methods = await this.#methods(contact.id);
    const subject = { subject: contact.id, firmId: contact.firmId, via };
    if (methods.length > 0) {
      await this.#record(contact, 'login.second_factor_asked', { via }, ip);
      return { mfaRequired: true, mfaToken: await this.#mfaTokens.issue({ ...subject, purpose: 'mfa' }), methods };
    }
    if (setting === 'required') {
      await this.#record(contact, 'login.enrollment_asked', { via }, ip);
      return { enrollmentRequired: true, mfaToken: await this.#mfaTokens.issue({ ...subject, purpose: 'enroll' }) };
    }
    return { signedIn: await signIn() };
  }

  /** The firm an MFA token names: to open that firm's scope for the step it authorises. */
  firmOfMfaToken(token: string): Promise<string> {
    return this.#mfaTokens.firmOf(token);
  }

  /**
   * The second factor for an MFA token: a code from the app, a recovery code (once each) or a
   * passkey. Every wrong answer counts on the token (five burn it) and on the client.
   */
  async verify(input: {
    mfaToken: string;
    answer: SecondFactorAnswer;
    ip: string;
    origin?: string;
  }): Promise<{ contact: Contact; method: SecondFactorMethod }> {
    const { factors, limits } = this.deps;
    const { contact, claims } = await this.#fromMfaToken(input.mfaToken, 'mfa', input.origin);
    const tokenKey = `client-mfa-token:${claims.tokenId}`;
    const accountKey = `client-mfa:${contact.id}`;
    await limits.loginPerIp.consume(input.ip);
    await limits.loginFailuresPerAccount.check(accountKey);
    if (await this.#tokenBurnt(tokenKey)) throw attemptsExceeded();
    const now = this.#now();
    let method: SecondFactorMethod | undefined;
    try {
      const { answer } = input;
      if ('credential' in answer) {
        await this.#checkPasskey(contact, answer.credential, 'authentication', now);
        method = 'passkey';
      } else if ('code' in answer) {
        const totp = await factors.totp(contact.id);
        const code = answer.code.replace(/\s/g, '');
        if (totp?.secret) {
          const step = await matchTotp(this.deps.secrets.open(totp.secret), code, this.deps.clock(), totp.lastStep);
          if (step !== null && (await factors.useTotpStep(contact.id, step, now))) method = 'totp';
        }
      } else if (await factors.useRecoveryCode(contact.id, recoveryCodeHash(answer.recoveryCode), now)) {
        method = 'recovery_code';
      }
    } catch (error) {
      if (!(error instanceof Problem && error.code === 'passkey_invalid')) throw error;
      await this.#failed(contact, tokenKey, accountKey, 'passkey', input.ip);
      throw error;
    }
    if (!method) {
      const tried = 'code' in input.answer ? 'totp' : 'recovery_code';
      await this.#failed(contact, tokenKey, accountKey, tried, input.ip);
      throw mfaCodeInvalid();
    }
    await limits.loginFailuresPerAccount.reset(accountKey);
    await this.#record(contact, 'login.second_factor_given', { method, via: claims.via }, input.ip);
    if (method === 'recovery_code') await this.#notify(contact, 'recovery_code_used', `recovery:${claims.tokenId}`);
    return { contact, method };
  }

  /** WebAuthn options to give a passkey as the second factor. */
  async passkeyOptions(input: { mfaToken: string; origin?: string }) {
    const { contact, firm } = await this.#fromMfaToken(input.mfaToken, 'mfa', input.origin);
    const passkeys = await this.deps.factors.passkeys(contact.id);
    if (passkeys.length === 0) throw passkeyInvalid('No passkey is set up for this account: use your authenticator app or a recovery code.');
    const rp = relyingParty(input.origin, firm.allowedOrigins, this.#serviceOrigin);
    const options = await authenticationOptions(rp, passkeys);
    await this.#keepChallenge(firm, contact.id, 'authentication', options.challenge, rp);
    return { options };
  }

  // A passkey as the whole sign-in

  /**
   * WebAuthn options for signing in with a passkey alone. With an address that has passkeys, they
   * are listed; otherwise none are, and the browser offers the passkeys it holds for the site
   * (discoverable credentials). The answer says nothing about whether the address has an account.
   */
  async passkeySignInOptions(input: { firm: Firm; email?: string; ip: string; origin?: string }) {
    const { firm } = input;
    await this.deps.limits.loginPerIp.consume(input.ip);
    this.#assertOn(firm);
    const rp = relyingParty(input.origin, firm.allowedOrigins, this.#serviceOrigin);
    const contact = input.email ? await this.deps.contacts.findByEmail(firm.id, input.email.toLowerCase()) : undefined;
    const passkeys = contact?.status === 'active' ? await this.deps.factors.passkeys(contact.id) : [];
    const options = await authenticationOptions(rp, passkeys);
    await this.#keepChallenge(firm, null, 'sign_in', options.challenge, rp);
    return { options };
  }

  /** The contact a passkey signs in alone; the caller starts the session. */
  async passkeySignIn(input: { firm: Firm; credential: { id: string; response?: unknown }; ip: string; origin?: string }): Promise<Contact> {
    const { firm } = input;
    const { factors, limits, audit } = this.deps;
    await limits.loginPerIp.consume(input.ip);
    this.#assertOn(firm);
    assertFirmOrigin(firm, input.origin, this.#serviceOrigin);
    const now = this.#now();
    const passkey = await factors.passkeyByCredentialId({ firmId: firm.id }, input.credential.id);
    const contact = passkey && (await this.deps.contacts.find(firm.id, passkey.ownerId));
    const accountKey = `client-mfa:${passkey?.ownerId ?? 'unknown'}`;
    if (contact) await limits.loginFailuresPerAccount.check(accountKey);
    try {
      const challenge = await factors.takeChallenge({ firmId: firm.id }, 'sign_in', answeredChallenge(input.credential), now);
      if (!passkey || !contact || !challenge) throw passkeyInvalid('This passkey is not one of this portal’s, or the sign-in took too long. Try again.');
      if (contact.status !== 'active') throw Problem.forbidden('contact_archived', 'This portal account is closed. Please contact the firm.');
      const counter = await verifyAuthentication(input.credential, passkey, challenge);
      await factors.usePasskey(passkey.id, counter, now);
    } catch (error) {
      if (error instanceof Problem && error.code === 'passkey_invalid') {
        if (contact) await limits.loginFailuresPerAccount.consume(accountKey);
        await audit.record(
          { firmId: firm.id, actor: { type: 'contact', id: contact?.id }, action: 'login.failed', data: { method: 'passkey' }, ip: input.ip },
          now,
        );
      }
      throw error;
    }
    await limits.loginFailuresPerAccount.reset(accountKey);
    return contact;
  }

  // Setting factors up and managing them

  /** The client's factors, for their profile. */
  async overview(contactId: string, firmId: string) {
    const { factors } = this.deps;
    const firm = (await this.deps.firms.findById(firmId))!;
    const totp = await factors.totp(contactId);
    return {
      setting: firm.settings.clientTwoFactor,
      totp: totp?.secret ? { enabledAt: totp.confirmedAt } : null,
      passkeys: (await factors.passkeys(contactId)).map(publicPasskey),
      recoveryCodesLeft: await factors.recoveryCodesLeft(contactId),
    };
  }

  async totpSetup(enrollee: ClientEnrollee, origin?: string) {
    const { contact, firm } = await this.#enrollee(enrollee, origin);
    return startTotpEnrolment(this.deps, { id: contact.id, firmId: firm.id, email: contact.email }, firm.name, this.#now());
  }

  /** Turns the pending secret on with a first code from the app; answers fresh recovery codes (and, for an enrolment token, the contact to sign in). */
  async totpConfirm(enrollee: ClientEnrollee, code: string, ip: string, origin?: string) {
    const { factors, audit } = this.deps;
    const { contact, viaMfaToken } = await this.#enrollee(enrollee, origin);
    const { pending, step } = await matchPendingTotp(this.deps, contact.id, `client-mfa:${contact.id}`, code);
    const now = this.#now();
    const recoveryCodes = newRecoveryCodes();
    const confirmed = await this.deps.unitOfWork(async () => {
      if (!(await factors.confirmTotp(contact.id, pending, step, now))) return false;
      await factors.replaceRecoveryCodes(contact.firmId, contact.id, recoveryCodes.map(recoveryCodeHash), now);
      await audit.record(
        {
          firmId: contact.firmId,
          actor: { type: 'contact', id: contact.id },
          action: 'two_factor.totp.enabled',
          subject: { type: 'contact', id: contact.id },
          ip,
        },
        now,
      );
      await this.#notify(contact, 'totp_added', `totp-added:${contact.id}:${now}`);
      return true;
    });
    if (!confirmed) throw Problem.conflict('totp_setup_missing', 'This setup was replaced by a newer one: scan the newest QR code.');
    return { recoveryCodes, signIn: viaMfaToken ? contact : undefined };
  }

  async passkeyRegistrationOptions(enrollee: ClientEnrollee, origin: string | undefined) {
    const { contact, firm } = await this.#enrollee(enrollee, origin);
    const rp = relyingParty(origin, firm.allowedOrigins, this.#serviceOrigin);
    const options = await registrationOptions({
      rp,
      rpName: firm.name,
      userId: contact.id,
      email: contact.email,
      name: contact.name,
      existing: await this.deps.factors.passkeys(contact.id),
    });
    await this.#keepChallenge(firm, contact.id, 'registration', options.challenge, rp);
    return { options };
  }

  /** Adds a passkey; the first factor a client sets up comes with recovery codes. */
  async registerPasskey(enrollee: ClientEnrollee, input: { credential: { response?: unknown }; name?: string; ip: string; origin?: string }) {
    const { factors, audit } = this.deps;
    const { contact, viaMfaToken } = await this.#enrollee(enrollee, input.origin);
    const now = this.#now();
    const challenge = await factors.takeChallenge({ firmId: contact.firmId, ownerId: contact.id }, 'registration', answeredChallenge(input.credential), now);
    if (!challenge) throw passkeyInvalid('The passkey set-up took too long or was already used. Start again.');
    const created = await verifyRegistration(input.credential, challenge);
    const firstFactor = (await this.#methods(contact.id)).length === 0;
    const recoveryCodes = firstFactor ? newRecoveryCodes() : undefined;
    const passkey = await this.deps.unitOfWork(async () => {
      const added = await factors.addPasskey({ ...created, ownerId: contact.id, firmId: contact.firmId, name: input.name ?? 'Passkey' }, now);
      if (recoveryCodes) await factors.replaceRecoveryCodes(contact.firmId, contact.id, recoveryCodes.map(recoveryCodeHash), now);
      await audit.record(
        {
          firmId: contact.firmId,
          actor: { type: 'contact', id: contact.id },
          action: 'two_factor.passkey.added',
          subject: { type: 'passkey', id: added.id },
          ip: input.ip,
        },
        now,
      );
      await this.#notify(contact, 'passkey_added', `passkey-added:${added.id}`);
      return added;
    });
    return { passkey: publicPasskey(passkey), recoveryCodes, signIn: viaMfaToken ? contact : undefined };
  }

  async removeTotp(contactId: string, firmId: string, ip: string): Promise<void> {
    const contact = await this.#contact(contactId, firmId);
    await this.#assertNotLastFactor(contact, 'totp');
    const now = this.#now();
    await this.deps.unitOfWork(async () => {
      if (!(await this.deps.factors.removeTotp(contact.id))) throw Problem.notFound('authenticator app');
      await this.#afterRemoval(contact);
      await this.deps.audit.record(
        { firmId, actor: { type: 'contact', id: contact.id }, action: 'two_factor.totp.removed', subject: { type: 'contact', id: contact.id }, ip },
        now,
      );
      await this.#notify(contact, 'totp_removed', `totp-removed:${contact.id}:${now}`);
    });
  }

  async removePasskey(contactId: string, firmId: string, passkeyId: string, ip: string): Promise<void> {
    const contact = await this.#contact(contactId, firmId);
    const passkeys = await this.deps.factors.passkeys(contact.id);
    if (!passkeys.some((passkey) => passkey.id === passkeyId)) throw Problem.notFound('passkey');
    await this.#assertNotLastFactor(contact, 'passkey');
    const now = this.#now();
    await this.deps.unitOfWork(async () => {
      await this.deps.factors.removePasskey(contact.id, passkeyId);
      await this.#afterRemoval(contact);
      await this.deps.audit.record(
        { firmId, actor: { type: 'contact', id: contact.id }, action: 'two_factor.passkey.removed', subject: { type: 'passkey', id: passkeyId }, ip },
        now,
      );
      await this.#notify(contact, 'passkey_removed', `passkey-removed:${passkeyId}`);
    });
  }

  /**
   * A new set of recovery codes (the old ones stop working), shown once. Asks again for the
   * password or a current code: a session left open on a shared computer is not enough.
   */
  async regenerateRecoveryCodes(contactId: string, firmId: string, proof: { password: string } | { code: string }, ip: string): Promise<string[]> {
    const { factors, limits, audit } = this.deps;
    const contact = await this.#contact(contactId, firmId);
    if ((await this.#methods(contact.id)).length === 0) {
      throw Problem.conflict('totp_setup_missing', 'Set up an authenticator app or a passkey first: recovery codes come with them.');
    }
    const key = `client-mfa:${contact.id}`;
    await limits.loginFailuresPerAccount.check(key);
    const now = this.#now();
    let proven = false;
    if ('password' in proof) {
      const stored = await this.deps.passwordHash(contact.id);
      proven = Boolean(stored) && (await verifyPassword(proof.password, stored!));
    } else {
      const totp = await factors.totp(contact.id);
      if (totp?.secret) {
        const step = await matchTotp(this.deps.secrets.open(totp.secret), proof.code.replace(/\s/g, ''), this.deps.clock(), totp.lastStep);
        proven = step !== null && (await factors.useTotpStep(contact.id, step, now));
      }
    }
    if (!proven) {
      await limits.loginFailuresPerAccount.consume(key);
      if ('password' in proof) throw Problem.unauthorized('invalid_credentials', 'The password is incorrect.');
      throw mfaCodeInvalid();
    }
    await limits.loginFailuresPerAccount.reset(key);
    const codes = newRecoveryCodes();
    await this.deps.unitOfWork(async () => {
      await factors.replaceRecoveryCodes(firmId, contact.id, codes.map(recoveryCodeHash), now);
      await audit.record({ firmId, actor: { type: 'contact', id: contact.id }, action: 'two_factor.recovery_codes.replaced', ip }, now);
    });
    return codes;
  }

  // Inside

  async #methods(contactId: string): Promise<SecondFactorMethod[]> {
    const { factors } = this.deps;
    const methods: SecondFactorMethod[] = [];
    if ((await factors.totp(contactId))?.secret) methods.push('totp');
    if ((await factors.passkeys(contactId)).length > 0) methods.push('passkey');
    if (methods.length > 0 && (await factors.recoveryCodesLeft(contactId)) > 0) methods.push('recovery_code');
    return methods;
  }

  /** The active contact an MFA token of `purpose` is for, from one of the firm's pages. */
  async #fromMfaToken(token: string, purpose: 'mfa' | 'enroll', origin: string | undefined): Promise<{ contact: Contact; firm: Firm; claims: MfaTokenClaims }> {
    const claims = await this.#mfaTokens.verify(token, purpose);
    const contact = await this.deps.contacts.find(claims.firmId, claims.subject);
    if (!contact) throw mfaTokenInvalid();
    if (contact.status !== 'active') throw Problem.forbidden('contact_archived', 'This portal account is closed. Please contact the firm.');
    const firm = (await this.deps.firms.findById(contact.firmId))!;
    assertFirmOrigin(firm, origin, this.#serviceOrigin);
    return { contact, firm, claims };
  }

  /**
   * Who may set up a factor: the signed-in client, or the holder of an enrolment token while the
   * client has no second factor yet (once one is set up, the first factor alone adds no more).
   */
  async #enrollee(enrollee: ClientEnrollee, origin: string | undefined): Promise<{ contact: Contact; firm: Firm; viaMfaToken: boolean }> {
    if ('contactId' in enrollee) {
      const contact = await this.#contact(enrollee.contactId, enrollee.firmId);
      const firm = (await this.deps.firms.findById(contact.firmId))!;
      this.#assertOn(firm);
      return { contact, firm, viaMfaToken: false };
    }
    const { contact, firm } = await this.#fromMfaToken(enrollee.mfaToken, 'enroll', origin);
    if ((await this.#methods(contact.id)).length > 0) throw mfaTokenInvalid();
    return { contact, firm, viaMfaToken: true };
  }

  async #contact(contactId: string, firmId: string): Promise<Contact> {
    const contact = await this.deps.contacts.find(firmId, contactId);
    if (!contact || contact.status !== 'active') throw Problem.unauthorized('token_invalid', 'The access token is not valid.');
    return contact;
  }

  #assertOn(firm: Firm) {
    if (firm.settings.clientTwoFactor === 'off') {
      throw Problem.conflict('two_factor_off', `${firm.name} has not turned on two-factor sign-in or passkeys for its clients.`);
    }
  }

  async #assertNotLastFactor(contact: Contact, removing: 'totp' | 'passkey') {
    const firm = (await this.deps.firms.findById(contact.firmId))!;
    if (firm.settings.clientTwoFactor !== 'required') return;
    const totp = Boolean((await this.deps.factors.totp(contact.id))?.secret);
    const passkeys = (await this.deps.factors.passkeys(contact.id)).length;
    const left = (totp && removing !== 'totp' ? 1 : 0) + passkeys - (removing === 'passkey' ? 1 : 0);
    if (left < 1) {
      throw Problem.conflict('second_factor_required', `${firm.name} requires a second factor: set up another one before removing this one.`);
    }
  }

  /** With no factor left, the recovery codes have nothing to stand in for: they go too. */
  async #afterRemoval(contact: Contact) {
    if ((await this.#methods(contact.id)).length === 0) await this.deps.factors.replaceRecoveryCodes(contact.firmId, contact.id, [], this.#now());
  }

  async #checkPasskey(contact: Contact, credential: { id: string; response?: unknown }, purpose: 'authentication', now: string) {
    const { factors } = this.deps;
    const passkey = await factors.passkeyByCredentialId({ firmId: contact.firmId }, credential.id);
    const challenge = await factors.takeChallenge({ firmId: contact.firmId, ownerId: contact.id }, purpose, answeredChallenge(credential), now);
    if (!passkey || passkey.ownerId !== contact.id || !challenge) {
      throw passkeyInvalid('This passkey is not one of your account’s, or the sign-in took too long. Try again.');
    }
    const counter = await verifyAuthentication(credential, passkey, challenge);
    await factors.usePasskey(passkey.id, counter, now);
  }

  async #tokenBurnt(tokenKey: string): Promise<boolean> {
    try {
      await this.deps.limits.mfaFailuresPerToken.check(tokenKey);
      return false;
    } catch (error) {
      if (error instanceof Problem && error.code === 'rate_limited') return true;
      throw error;
    }
  }

  async #failed(contact: Contact, tokenKey: string, accountKey: string, method: string, ip: string) {
    const { limits } = this.deps;
    await limits.loginFailuresPerAccount.consume(accountKey).catch(ignoreLimit);
    await limits.mfaFailuresPerToken.consume(tokenKey).catch(ignoreLimit);
    await this.#record(contact, 'login.second_factor_failed', { method }, ip);
  }

  async #keepChallenge(
    firm: Firm,
    contactId: string | null,
    purpose: 'registration' | 'authentication' | 'sign_in',
    challenge: string,
    rp: { rpId: string; origin: string },
  ) {
    const expiresAt = new Date(this.deps.clock().getTime() + challengeLifetimeMs).toISOString();
    await this.deps.factors.addChallenge({ firmId: firm.id, ownerId: contactId, purpose, challenge, rpId: rp.rpId, origin: rp.origin, expiresAt }, this.#now());
  }

  async #record(contact: Contact, action: string, data: Record<string, unknown>, ip: string) {
    await this.deps.audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action, data, ip }, this.#now());
  }

  /** Tells the client a factor was added, removed or a recovery code used: if it was not them, they should know at once. */
  async #notify(contact: Contact, change: Parameters<typeof secondFactorEmail>[0]['change'], key: string) {
    const firm = (await this.deps.firms.findById(contact.firmId))!;
    await this.deps.mailer.queue(
      {
        firmId: firm.id,
        kind: 'second_factor_changed',
        to: contact.email,
        fromName: firm.name,
        replyTo: firm.settings.inboxEmail,
        ...secondFactorEmail({
          firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
          contactName: contact.name,
          change,
          language: contact.emailLanguage,
        }),
      },
      `second-factor:${key}`,
    );
  }

  #now() {
    return this.deps.clock().toISOString();
  }
}

/** A limit already reached while counting a failure: the failure is answered as such all the same. */
function ignoreLimit(error: unknown) {
  if (!(error instanceof Problem && error.code === 'rate_limited')) throw error;
}

export function publicPasskey(passkey: ClientPasskey) {
  return { id: passkey.id, name: passkey.name, createdAt: passkey.createdAt, lastUsedAt: passkey.lastUsedAt };
}
