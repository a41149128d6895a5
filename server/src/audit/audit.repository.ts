import type { Storage } from '../db/storage.ts';
import type { AuditEntry } from './audit.ts';

export class AuditRepository {
  constructor(private readonly storage: Storage) {}

  async append(entry: AuditEntry, now: string): Promise<void> {
    await this.storage.db
      .insertInto('audit_log')
      .values({
        firm_id: entry.firmId ?? null,
        actor_type: entry.actor.type,
        actor_id: entry.actor.id ?? null,
        action: entry.action,
        subject_type: entry.subject?.type ?? null,
        subject_id: entry.subject?.id ?? null,
        data: JSON.stringify(entry.data ?? {}),
        ip: entry.ip ?? null,
        created_at: now,
      })
      .execute();
  }
}
