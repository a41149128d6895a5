import type { Db } from '../db/database.ts';

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
  #insert;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO audit_log (firm_id, actor_type, actor_id, action, subject_type, subject_id, data, ip, created_at)
       VALUES (@firmId, @actorType, @actorId, @action, @subjectType, @subjectId, @data, @ip, @now)`,
    );
  }

  record(entry: AuditEntry, now: string): void {
    this.#insert.run({
      firmId: entry.firmId ?? null,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      action: entry.action,
      subjectType: entry.subject?.type ?? null,
      subjectId: entry.subject?.id ?? null,
      data: JSON.stringify(entry.data ?? {}),
      ip: entry.ip ?? null,
      now,
    });
  }
}
