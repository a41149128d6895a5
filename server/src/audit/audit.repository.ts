import type { Storage } from '../db/storage.ts';

/** Who did something: a client, a firm's API key, or the service itself (the CLI, seeding). */
export interface Actor {
  type: 'contact' | 'api_key' | 'system';
  id?: string | null;
}

export interface AuditEntry {
  firmId?: string | null;
  actor: Actor;
  action: string;
  subject?: { type: string; id: string };
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** An append-only record of who did what: sign-ins, invitations, changes made with API keys. */
export class AuditLog {
  constructor(private readonly storage: Storage) {}

  async record(entry: AuditEntry, now: string): Promise<void> {
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
