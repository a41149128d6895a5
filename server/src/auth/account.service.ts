import type { AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Contact } from '../contacts/index.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import type { AuthLimits } from '../limits/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { AuthRepository } from './auth.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { passwordChangedEmail } from './password-changed-email.ts';

export interface AccountServiceDeps {
  auth: AuthRepository;
  firms: FirmsService;
  limits: AuthLimits;
  mailer: Mailer;
  unitOfWork: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

/**
 * What a signed-in client does to their own login: confirm a change with their password, choose
 * a new password, end every sign-in. Wrong passwords count as failed sign-ins of the account,
 * so a stolen session cannot be used to guess the password faster than the sign-in page allows.
 */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async hasPassword(contactId: string): Promise<boolean> {
    return (await this.deps.auth.passwordHash(contactId)) !== undefined;
  }

  /** Throws `password_not_set` or `password_incorrect` unless the password is the contact's. */
  async confirmPassword(contact: Contact, password: string, ip: string): Promise<void> {
    const { auth, limits, audit } = this.deps;
    const accountKey = `${contact.firmId}:${contact.email}`;
    await limits.loginFailuresPerAccount.check(accountKey);
    const stored = await auth.passwordHash(contact.id);
    if (!stored) {
      throw Problem.conflict('password_not_set', 'Your account has no password yet. Set one with “Forgot your password?” on the sign-in page first.');
    }
    if (!(await verifyPassword(password, stored))) {
      await limits.loginFailuresPerAccount.consume(accountKey);
      await audit.record(
        { firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'password.confirm_failed', ip },
        this.deps.clock().toISOString(),
      );
      throw Problem.badRequest('password_incorrect', 'Your current password is not right.', {
        errors: [{ field: 'password', message: 'is not your current password' }],
      });
    }
    await limits.loginFailuresPerAccount.reset(accountKey);
  }

  /** Sets a new password after checking the current one, and emails "your password was changed". */
  async changePassword(contact: Contact, input: { currentPassword: string; newPassword: string; ip: string }): Promise<void> {
    const { auth, firms, mailer, audit } = this.deps;
    await this.confirmPassword(contact, input.currentPassword, input.ip);
    const hash = await hashPassword(input.newPassword);
    const firm = (await firms.findById(contact.firmId))!;
    const now = this.deps.clock().toISOString();
    await this.deps.unitOfWork(async () => {
      await auth.setPassword(contact.id, hash, now);
      await mailer.queue(
        {
          firmId: firm.id,
          kind: 'password_changed',
          to: contact.email,
          fromName: firm.name,
          replyTo: firm.settings.inboxEmail,
          ...passwordChangedEmail({
            firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
            contactName: contact.name,
            changedAt: now,
            timeZone: firm.settings.timeZone,
            language: contact.emailLanguage,
          }),
        },
        `password_changed:${contact.id}:${now}`,
      );
      await audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'password.changed', ip: input.ip }, now);
    });
  }

  /**
   * Revokes every refresh family of the contact: every device, this one included, must sign in
   * again once its access token (at most 10 minutes) runs out.
   */
  async signOutEverywhere(contact: Contact, ip: string): Promise<void> {
    const now = this.deps.clock().toISOString();
    await this.deps.unitOfWork(async () => {
      await this.deps.auth.revokeAllFamilies(contact.id, 'sign_out_everywhere', now);
      await this.deps.audit.record({ firmId: contact.firmId, actor: { type: 'contact', id: contact.id }, action: 'sessions.revoked', ip }, now);
    });
  }
}
