import { randomInt, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { hashSecret, newId } from '../db/ids.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Firm } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { AuthLimits } from '../limits/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { Contact, ContactsRepository } from './contacts.repository.ts';
import { emailChangeBody, emailChangeConfirmBody, optionalEmails, profileChangesSchema, type OptionalEmail, type Profile } from './profile.contract.ts';
import { emailChangeCodeEmail, emailChangeNoticeEmail } from './profile.emails.ts';
import type { PendingEmailChange, ProfileRepository } from './profile.repository.ts';

export const emailChangeLifetimeMs = 10 * 60_000;
/** Wrong tries that burn an email change's code. */
export const emailChangeMaxTries = 5;
const pruneEmailChangesJob = 'contacts.prune_email_changes';

/** The client's password, as the auth component keeps it. */
export interface PasswordConfirmation {
  hasPassword(contactId: string): Promise<boolean>;
  /** Throws `password_not_set` or `password_incorrect` unless it is the contact's password. */
  confirmPassword(contact: Contact, password: string, ip: string): Promise<void>;
}

/** Which notices a client wants by email, for the components that send them. */
export interface EmailChoices {
  wantsEmail(firmId: string, contactId: string, kind: OptionalEmail): Promise<boolean>;
}

export interface ProfileServiceDeps {
  profiles: ProfileRepository;
  contacts: ContactsRepository;
  passwords: PasswordConfirmation;
  limits: AuthLimits;
  mailer: Mailer;
  jobs: JobQueue;
  unitOfWork: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

const changeExpired = (detail = 'This code can no longer be used. Ask for a new one.') => Problem.badRequest('email_change_expired', detail);

/** The signed-in client's own profile: name, language, which emails they get, and moving to a new address. */
export class ProfileService implements EmailChoices {
  constructor(private readonly deps: ProfileServiceDeps) {
    deps.jobs.register(pruneEmailChangesJob, async () => {
      await deps.profiles.prune(new Date(deps.clock().getTime() - 86_400_000).toISOString());
    });
    deps.jobs.every(pruneEmailChangesJob, 3_600_000);
  }

  /** Whether the contact wants this kind of notice by email. */
  async wantsEmail(firmId: string, contactId: string, kind: OptionalEmail): Promise<boolean> {
    return !(await this.deps.profiles.optedOut(firmId, contactId)).includes(kind);
  }

  async profileOf(contact: Contact): Promise<z.output<typeof Profile>> {
    const { profiles, passwords } = this.deps;
    // The choices come with the contact the request was authenticated with, not read again.
    const [hasPassword, pending] = await Promise.all([passwords.hasPassword(contact.id), profiles.openEmailChange(contact.firmId, contact.id)]);
    const notifications = Object.fromEntries(optionalEmails.map((kind) => [kind, !contact.emailOptOuts.includes(kind)])) as Record<OptionalEmail, boolean>;
    const now = this.#now();
    const live = pending && pending.expiresAt > now && pending.attempts < emailChangeMaxTries;
    return { notifications, hasPassword, pendingEmail: live ? { email: pending.newEmail, expiresAt: pending.expiresAt } : null };
  }

  /** `PATCH /me`: answers the contact as changed. */
  async update(contact: Contact, input: unknown): Promise<Contact> {
    const changes = parse(profileChangesSchema, input);
    const { profiles, contacts, audit } = this.deps;
    let optedOut: OptionalEmail[] | undefined;
    if (changes.notifications) {
      const current = await profiles.optedOut(contact.firmId, contact.id);
      optedOut = optionalEmails.filter((kind) => {
        const wanted = changes.notifications![kind];
        return wanted === undefined ? current.includes(kind) : !wanted;
      });
    }
    const now = this.#now();
    await profiles.update(contact.firmId, contact.id, { name: changes.name, locale: changes.locale, optedOut }, now);
    await audit.record(
      {
        firmId: contact.firmId,
        actor: { type: 'contact', id: contact.id },
        action: 'profile.updated',
        subject: { type: 'contact', id: contact.id },
        data: { fields: Object.keys(changes) },
      },
      now,
    );
    return (await contacts.find(contact.firmId, contact.id))!;
  }

  /**
   * Starts moving the contact to a new address: a 6-digit code goes to the new address (10
   * minutes, 5 tries) and a notice to the current one, both with the change, in one transaction.
   */
  async requestEmailChange(contact: Contact, firm: Firm, input: unknown, ip: string): Promise<{ email: string; expiresAt: string }> {
    const body = parse(emailChangeBody, input);
    const { profiles, contacts, passwords, limits, mailer, audit } = this.deps;
    const newEmail = body.newEmail.toLowerCase();
    if (newEmail === contact.email) {
      throw Problem.badRequest('email_unchanged', 'That is already your email address.', {
        errors: [{ field: 'newEmail', message: 'is your current address' }],
      });
    }
    await passwords.confirmPassword(contact, body.password, ip);
    await limits.emailCodeRequestPerAccount.consume(`email-change:${contact.id}`);
    if (await contacts.findByEmail(contact.firmId, newEmail)) throw emailInUse();
    const id = newId('emc');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.#now();
    const expiresAt = new Date(this.deps.clock().getTime() + emailChangeLifetimeMs).toISOString();
    const brand = { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors };
    const mail = { firmId: firm.id, fromName: firm.name, replyTo: firm.settings.inboxEmail };
    await this.deps.unitOfWork(async () => {
      await profiles.startEmailChange({ id, firmId: contact.firmId, contactId: contact.id, newEmail, codeHash: codeHash(id, code), expiresAt }, now);
      await mailer.queue(
        {
          ...mail,
          kind: 'email_change_code',
          to: newEmail,
          ...emailChangeCodeEmail({
            firm: brand,
            contactName: contact.name,
            code,
            expiresInMinutes: emailChangeLifetimeMs / 60_000,
            language: contact.emailLanguage,
          }),
        },
        `email_change_code:${id}`,
      );
      await mailer.queue(
        {
          ...mail,
          kind: 'email_change_notice',
          to: contact.email,
          ...emailChangeNoticeEmail({ firm: brand, contactName: contact.name, newEmail, language: contact.emailLanguage }),
        },
        `email_change_notice:${id}`,
      );
      await audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'email_change.requested', data: { newEmail }, ip }, now);
    });
    return { email: newEmail, expiresAt };
  }

  /** Moves the contact to the new address with the code sent there; answers the contact as changed. */
  async confirmEmailChange(contact: Contact, input: unknown, ip: string): Promise<Contact> {
    const { code } = parse(emailChangeConfirmBody, input);
    const { profiles, contacts, audit } = this.deps;
    const now = this.#now();
    const pending = await profiles.openEmailChange(contact.firmId, contact.id);
    if (!pending || pending.expiresAt <= now) throw changeExpired();
    const tries = await profiles.countTry(pending.id);
    if (tries === undefined || tries > emailChangeMaxTries) throw changeExpired();
    if (!sameHash(pending.codeHash, codeHash(pending.id, code))) {
      if (tries < emailChangeMaxTries) {
        const left = emailChangeMaxTries - tries;
        throw Problem.badRequest('email_change_invalid', `That code is not right. You can try ${left} more time${left === 1 ? '' : 's'}.`, {
          errors: [{ field: 'code', message: 'is not the code sent to the new address' }],
        });
      }
      await profiles.revokeEmailChange(pending.id, now);
      throw changeExpired('That code was entered wrong too many times, so it no longer works. Ask for a new one.');
    }
    if (await contacts.findByEmail(contact.firmId, pending.newEmail)) throw emailInUse();
    const moved = await this.#complete(pending, now);
    if (!moved) throw changeExpired();
    await audit.record(
      {
        firmId: contact.firmId,
        actor: { type: 'contact', id: contact.id },
        action: 'email_change.completed',
        subject: { type: 'contact', id: contact.id },
        data: { from: contact.email, to: pending.newEmail },
        ip,
      },
      now,
    );
    return (await contacts.find(contact.firmId, contact.id))!;
  }

  async #complete(pending: PendingEmailChange, now: string): Promise<boolean> {
    try {
      return await this.deps.profiles.completeEmailChange(pending, now);
    } catch (error) {
      // Another contact took the address between the check and the write.
      if (await this.deps.contacts.findByEmail(pending.firmId, pending.newEmail)) throw emailInUse();
      throw error;
    }
  }

  #now() {
    return this.deps.clock().toISOString();
  }
}

function emailInUse() {
  return Problem.conflict('email_in_use', 'Another account of the firm uses that email address. Choose another one.');
}

/** A code's hash, salted with its row's id. */
function codeHash(id: string, code: string): string {
  return hashSecret(`${id}:${code}`);
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
