import { sql, type Selectable } from 'kysely';
import type { ContactsTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import { newId } from '../db/ids.ts';

export type ContactStatus = 'active' | 'archived';

export interface Contact {
  id: string;
  firmId: string;
  email: string;
  name: string;
  phone: string | null;
  status: ContactStatus;
  /** The firm's own id for the contact (its practice system's), unique in the firm; null when unset. */
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

const contactRows = (storage: Storage) => storage.db.selectFrom('contacts as c').selectAll('c');

type ContactRow = Selectable<ContactsTable>;

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firmId: row.firm_id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    status: row.status as ContactStatus,
    externalId: row.external_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ContactQuery {
  status: ContactStatus | 'all';
  q?: string;
  externalId?: string;
  limit: number;
  /** The id of the last contact on the previous page (pages are ordered by id). */
  after?: string;
}

/** Every lookup takes the firm: a contact of another firm is never found. */
export class ContactsRepository {
  constructor(private readonly storage: Storage) {}

  async find(firmId: string, id: string): Promise<Contact | undefined> {
    const row = await contactRows(this.storage).where('c.firm_id', '=', firmId).where('c.id', '=', id).executeTakeFirst();
    return row && toContact(row);
  }

  /** A contact by id alone, in the system scope: the owner of a secret whose firm is not known yet. */
  async findAnywhere(id: string): Promise<Contact | undefined> {
    const row = await contactRows(this.storage).where('c.id', '=', id).executeTakeFirst();
    return row && toContact(row);
  }

  async namesOf(firmId: string, ids: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
    if (ids.length === 0) return [];
    return this.storage.db
      .selectFrom('contacts')
      .select(['id', 'name', 'email'])
      .where('firm_id', '=', firmId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
  }

  async findByEmail(firmId: string, email: string): Promise<Contact | undefined> {
    const row = await contactRows(this.storage).where('c.firm_id', '=', firmId).where('c.email', '=', email.toLowerCase()).executeTakeFirst();
    return row && toContact(row);
  }

  async findByExternalId(firmId: string, externalId: string): Promise<Contact | undefined> {
    const row = await contactRows(this.storage).where('c.firm_id', '=', firmId).where('c.external_id', '=', externalId).executeTakeFirst();
    return row && toContact(row);
  }

  async list(firmId: string, query: ContactQuery): Promise<Contact[]> {
    let select = contactRows(this.storage).where('c.firm_id', '=', firmId);
    if (query.status !== 'all') select = select.where('c.status', '=', query.status);
    if (query.q) {
      const q = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      // LIKE is case-insensitive for ASCII on SQLite; lower() on both sides makes PostgreSQL agree.
      select = select.where(sql<boolean>`(lower(c.email) LIKE lower(${q}) ESCAPE '\\' OR lower(c.name) LIKE lower(${q}) ESCAPE '\\')`);
    }
    if (query.externalId !== undefined) select = select.where('c.external_id', '=', query.externalId);
    if (query.after) select = select.where('c.id', '>', query.after);
    const rows = await select.orderBy('c.id').limit(query.limit).execute();
    return rows.map(toContact);
  }

  async create(firmId: string, contact: { email: string; name: string; phone?: string | null; externalId?: string | null }, now: string): Promise<Contact> {
    const id = newId('con');
    await this.storage.db
      .insertInto('contacts')
      .values({
        id,
        firm_id: firmId,
        email: contact.email.toLowerCase(),
        name: contact.name,
        phone: contact.phone ?? null,
        external_id: contact.externalId ?? null,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.find(firmId, id))!;
  }

  async update(
    firmId: string,
    id: string,
    contact: { email: string; name: string; phone: string | null; externalId: string | null },
    now: string,
  ): Promise<Contact> {
    await this.storage.db
      .updateTable('contacts')
      .set({ email: contact.email.toLowerCase(), name: contact.name, phone: contact.phone, external_id: contact.externalId, updated_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .execute();
    return (await this.find(firmId, id))!;
  }

  /** Links a contact to the firm's own id for it; false when it already has another one. */
  async linkExternalId(firmId: string, id: string, externalId: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('contacts')
      .set({ external_id: externalId, updated_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('external_id', 'is', null), eb('external_id', '=', externalId)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setStatus(firmId: string, id: string, status: ContactStatus, now: string): Promise<Contact> {
    await this.storage.db.updateTable('contacts').set({ status, updated_at: now }).where('firm_id', '=', firmId).where('id', '=', id).execute();
    return (await this.find(firmId, id))!;
  }
}
