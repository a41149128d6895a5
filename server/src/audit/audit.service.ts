import type { AuditEntry } from './audit.ts';
import type { AuditRepository } from './audit.repository.ts';

/**
 * An append-only record of who did what: sign-ins, invitations, changes made with API keys.
 * An entry is written in the caller's transaction, so it exists exactly when the change does.
 */
export class AuditLog {
  constructor(private readonly repository: AuditRepository) {}

  async record(entry: AuditEntry, now: string): Promise<void> {
    await this.repository.append(entry, now);
  }
}
