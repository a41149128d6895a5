import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { ActivityKind, ActivityRecord } from './activity.ts';

interface ActivityRow {
  id: string; firm_id: string; contact_id: string; kind: ActivityKind; title: string; notes: string | null;
  due_on: string | null; completed_at: string | null; starts_at: string | null; ends_at: string | null;
  all_day: number; location: string | null; external_id: string | null; created_at: string; updated_at: string;
}

function toRecord(row: ActivityRow): ActivityRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    kind: row.kind,
    title: row.title,
    notes: row.notes,
    dueOn: row.due_on,
    completedAt: row.completed_at,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    allDay: row.all_day === 1,
    location: row.location,
    externalId: row.external_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the firm writes; the fields of the other kind stay null, and so does an externalId left out. */
export type ActivityFields = Pick<
  ActivityRecord,
  'contactId' | 'title' | 'notes' | 'dueOn' | 'completedAt' | 'startsAt' | 'endsAt' | 'allDay' | 'location'
> & { externalId?: string | null };

export interface ActivityQuery {
  firmId: string;
  contactId?: string;
  kind?: ActivityKind;
  externalId?: string;
  limit: number;
  /** The position of the last activity on the previous page (pages are newest first). */
  after?: { createdAt: string; id: string };
}

/** Every lookup takes the firm, and the client's lookups the contact too: nothing leaks across. */
export class ActivitiesRepository {
  #find;
  #findByExternalId;
  #findForContact;
  #listForContact;
  #list;
  #insert;
  #update;
  #setCompleted;
  #delete;

  constructor(db: Db) {
    this.#find = db.prepare<{ firmId: string; id: string }, ActivityRow>('SELECT * FROM activities WHERE firm_id = @firmId AND id = @id');
    this.#findByExternalId = db.prepare<{ firmId: string; externalId: string }, ActivityRow>(
      'SELECT * FROM activities WHERE firm_id = @firmId AND external_id = @externalId',
    );
    this.#findForContact = db.prepare<{ firmId: string; contactId: string; id: string }, ActivityRow>(
      'SELECT * FROM activities WHERE firm_id = @firmId AND contact_id = @contactId AND id = @id',
    );
    this.#listForContact = db.prepare<{ firmId: string; contactId: string }, ActivityRow>(
      'SELECT * FROM activities WHERE firm_id = @firmId AND contact_id = @contactId',
    );
    this.#list = db.prepare<Record<string, unknown>, ActivityRow>(
      `SELECT * FROM activities
       WHERE firm_id = @firmId
         AND (@contactId IS NULL OR contact_id = @contactId)
         AND (@kind IS NULL OR kind = @kind)
         AND (@externalId IS NULL OR external_id = @externalId)
         AND (@afterId IS NULL OR (created_at, id) < (@afterCreatedAt, @afterId))
       ORDER BY created_at DESC, id DESC
       LIMIT @limit`,
    );
    this.#insert = db.prepare(
      `INSERT INTO activities (id, firm_id, contact_id, kind, title, notes, due_on, completed_at, starts_at, ends_at, all_day, location, external_id, created_at, updated_at)
       VALUES (@id, @firmId, @contactId, @kind, @title, @notes, @dueOn, @completedAt, @startsAt, @endsAt, @allDay, @location, @externalId, @now, @now)`,
    );
    this.#update = db.prepare(
      `UPDATE activities SET contact_id = @contactId, title = @title, notes = @notes, due_on = @dueOn, completed_at = @completedAt,
         starts_at = @startsAt, ends_at = @endsAt, all_day = @allDay, location = @location, external_id = @externalId, updated_at = @now
       WHERE firm_id = @firmId AND id = @id`,
    );
    this.#setCompleted = db.prepare(
      `UPDATE activities SET completed_at = @completedAt, updated_at = @now
       WHERE firm_id = @firmId AND contact_id = @contactId AND id = @id AND kind = 'task'`,
    );
    this.#delete = db.prepare('DELETE FROM activities WHERE firm_id = @firmId AND id = @id');
  }

  find(firmId: string, id: string): ActivityRecord | undefined {
    const row = this.#find.get({ firmId, id });
    return row && toRecord(row);
  }

  findByExternalId(firmId: string, externalId: string): ActivityRecord | undefined {
    const row = this.#findByExternalId.get({ firmId, externalId });
    return row && toRecord(row);
  }

  findForContact(firmId: string, contactId: string, id: string): ActivityRecord | undefined {
    const row = this.#findForContact.get({ firmId, contactId, id });
    return row && toRecord(row);
  }

  /** All of a contact's tasks and events; the service groups and sorts them by the firm's date. */
  listForContact(firmId: string, contactId: string): ActivityRecord[] {
    return this.#listForContact.all({ firmId, contactId }).map(toRecord);
  }

  list(query: ActivityQuery): ActivityRecord[] {
    return this.#list
      .all({
        firmId: query.firmId,
        contactId: query.contactId ?? null,
        kind: query.kind ?? null,
        externalId: query.externalId ?? null,
        afterCreatedAt: query.after?.createdAt ?? null,
        afterId: query.after?.id ?? null,
        limit: query.limit,
      })
      .map(toRecord);
  }

  create(firmId: string, kind: ActivityKind, fields: ActivityFields, now: string): string {
    const id = newId(kind === 'task' ? 'task' : 'evt');
    this.#insert.run({ id, firmId, kind, ...fields, externalId: fields.externalId ?? null, allDay: fields.allDay ? 1 : 0, now });
    return id;
  }

  update(firmId: string, id: string, fields: ActivityFields, now: string): void {
    this.#update.run({ id, firmId, ...fields, externalId: fields.externalId ?? null, allDay: fields.allDay ? 1 : 0, now });
  }

  setCompleted(firmId: string, contactId: string, id: string, completedAt: string | null, now: string): void {
    this.#setCompleted.run({ firmId, contactId, id, completedAt, now });
  }

  delete(firmId: string, id: string): boolean {
    return this.#delete.run({ firmId, id }).changes > 0;
  }
}
