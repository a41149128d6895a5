import { newId } from '../db/ids.ts';
import type { Storage } from '../db/storage.ts';
import type { ActivityKind, ActivityRecord } from './activity.ts';

interface ActivityRow {
  id: string;
  firm_id: string;
  contact_id: string;
  kind: ActivityKind;
  title: string;
  notes: string | null;
  due_on: string | null;
  completed_at: string | null;
  starts_at: string | null;
  ends_at: string | null;
  all_day: number;
  location: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
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
export type ActivityFields = Pick<ActivityRecord, 'contactId' | 'title' | 'notes' | 'dueOn' | 'completedAt' | 'startsAt' | 'endsAt' | 'allDay' | 'location'> & {
  externalId?: string | null;
};

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
  constructor(private readonly storage: Storage) {}

  async find(firmId: string, id: string): Promise<ActivityRecord | undefined> {
    const row = await this.#activities().where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByExternalId(firmId: string, externalId: string): Promise<ActivityRecord | undefined> {
    const row = await this.#activities().where('firm_id', '=', firmId).where('external_id', '=', externalId).executeTakeFirst();
    return row && toRecord(row);
  }

  async findForContact(firmId: string, contactId: string, id: string): Promise<ActivityRecord | undefined> {
    const row = await this.#activities().where('firm_id', '=', firmId).where('contact_id', '=', contactId).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** All of a contact's tasks and events; the service groups and sorts them by the firm's date. */
  async listForContact(firmId: string, contactId: string): Promise<ActivityRecord[]> {
    const rows = await this.#activities().where('firm_id', '=', firmId).where('contact_id', '=', contactId).execute();
    return rows.map(toRecord);
  }

  async list(query: ActivityQuery): Promise<ActivityRecord[]> {
    let select = this.#activities().where('firm_id', '=', query.firmId);
    if (query.contactId !== undefined) select = select.where('contact_id', '=', query.contactId);
    if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
    if (query.externalId !== undefined) select = select.where('external_id', '=', query.externalId);
    const { after } = query;
    if (after) select = select.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)));
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async create(firmId: string, kind: ActivityKind, fields: ActivityFields, now: string): Promise<string> {
    const id = newId(kind === 'task' ? 'task' : 'evt');
    await this.storage.db
      .insertInto('activities')
      .values({ id, firm_id: firmId, kind, ...columnsOf(fields), created_at: now, updated_at: now })
      .execute();
    return id;
  }

  async update(firmId: string, id: string, fields: ActivityFields, now: string): Promise<void> {
    await this.storage.db
      .updateTable('activities')
      .set({ ...columnsOf(fields), updated_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .execute();
  }

  async setCompleted(firmId: string, contactId: string, id: string, completedAt: string | null, now: string): Promise<void> {
    await this.storage.db
      .updateTable('activities')
      .set({ completed_at: completedAt, updated_at: now })
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('id', '=', id)
      .where('kind', '=', 'task')
      .execute();
  }

  async delete(firmId: string, id: string): Promise<boolean> {
    const result = await this.storage.db.deleteFrom('activities').where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  #activities() {
    return this.storage.db.selectFrom('activities').selectAll().$castTo<ActivityRow>();
  }
}

/** The columns an activity's fields are written to. */
function columnsOf(fields: ActivityFields) {
  return {
    contact_id: fields.contactId,
    title: fields.title,
    notes: fields.notes,
    due_on: fields.dueOn,
    completed_at: fields.completedAt,
    starts_at: fields.startsAt,
    ends_at: fields.endsAt,
    all_day: fields.allDay ? 1 : 0,
    location: fields.location,
    external_id: fields.externalId ?? null,
  };
}
