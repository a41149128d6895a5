import type { Db } from '../db/database.ts';
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
  hasLogin: boolean;
  createdAt: string;
  updatedAt: string;
}

interface ContactRow {
  id: string; firm_id: string; email: string; name: string; phone: string | null;
  status: ContactStatus; external_id: string | null; has_login: number; created_at: string; updated_at: string;
}

const select = `SELECT c.*, EXISTS (SELECT 1 FROM portal_logins l WHERE l.contact_id = c.id) AS has_login FROM contacts c`;

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    firmId: row.firm_id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    status: row.status,
    externalId: row.external_id,
    hasLogin: row.has_login === 1,
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
  #byId;
  #byEmail;
  #byExternalId;
  #insert;
  #update;
  #setStatus;

  constructor(private readonly db: Db) {
    this.#byId = db.prepare<[string, string], ContactRow>(`${select} WHERE c.firm_id = ? AND c.id = ?`);
    this.#byEmail = db.prepare<[string, string], ContactRow>(`${select} WHERE c.firm_id = ? AND c.email = ?`);
    this.#byExternalId = db.prepare<[string, string], ContactRow>(`${select} WHERE c.firm_id = ? AND c.external_id = ?`);
    this.#insert = db.prepare(
      `INSERT INTO contacts (id, firm_id, email, name, phone, external_id, status, created_at, updated_at)
       VALUES (@id, @firmId, @email, @name, @phone, @externalId, 'active', @now, @now)`,
    );
    this.#update = db.prepare(
      `UPDATE contacts SET email = @email, name = @name, phone = @phone, external_id = @externalId, updated_at = @now
       WHERE firm_id = @firmId AND id = @id`,
    );
    this.#setStatus = db.prepare('UPDATE contacts SET status = ?, updated_at = ? WHERE firm_id = ? AND id = ?');
  }

  find(firmId: string, id: string): Contact | undefined {
    const row = this.#byId.get(firmId, id);
    return row && toContact(row);
  }

  findByEmail(firmId: string, email: string): Contact | undefined {
    const row = this.#byEmail.get(firmId, email.toLowerCase());
    return row && toContact(row);
  }

  findByExternalId(firmId: string, externalId: string): Contact | undefined {
    const row = this.#byExternalId.get(firmId, externalId);
    return row && toContact(row);
  }

  list(firmId: string, query: ContactQuery): Contact[] {
    const where = ['c.firm_id = @firmId'];
    if (query.status !== 'all') where.push('c.status = @status');
    if (query.q) where.push("(c.email LIKE @q ESCAPE '\\' OR c.name LIKE @q ESCAPE '\\')");
    if (query.externalId !== undefined) where.push('c.external_id = @externalId');
    if (query.after) where.push('c.id > @after');
    const sql = `${select} WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT @limit`;
    const q = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined;
    return this.db
      .prepare<Record<string, unknown>, ContactRow>(sql)
      .all({ firmId, status: query.status, q, externalId: query.externalId, after: query.after, limit: query.limit })
      .map(toContact);
  }

  create(firmId: string, contact: { email: string; name: string; phone?: string | null; externalId?: string | null }, now: string): Contact {
    const id = newId('con');
    this.#insert.run({ id, firmId, email: contact.email.toLowerCase(), name: contact.name, phone: contact.phone ?? null, externalId: contact.externalId ?? null, now });
    return this.find(firmId, id)!;
  }

  update(firmId: string, id: string, contact: { email: string; name: string; phone: string | null; externalId: string | null }, now: string): Contact {
    this.#update.run({ id, firmId, email: contact.email.toLowerCase(), name: contact.name, phone: contact.phone, externalId: contact.externalId, now });
    return this.find(firmId, id)!;
  }

  /** Links a contact to the firm's own id for it; false when it already has another one. */
  linkExternalId(firmId: string, id: string, externalId: string, now: string): boolean {
    return (
      this.db
        .prepare('UPDATE contacts SET external_id = @externalId, updated_at = @now WHERE firm_id = @firmId AND id = @id AND (external_id IS NULL OR external_id = @externalId)')
        .run({ firmId, id, externalId, now }).changes === 1
    );
  }

  setStatus(firmId: string, id: string, status: ContactStatus, now: string): Contact {
    this.#setStatus.run(status, now, firmId, id);
    return this.find(firmId, id)!;
  }
}
