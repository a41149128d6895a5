import { sql, type Selectable } from 'kysely';
import type { ContactsTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import { newId } from '../db/ids.ts';
import { QueryShapes } from '../db/query-shapes.ts';
import type { OptionalEmail } from './profile.contract.ts';
import { parseOptOuts } from './profile.repository.ts';

export type ContactStatus = 'active' | 'archived';

/** A language the portal and its emails are written in. */
export type ContactLocale = 'en' | 'es';

/** A contact's postal address (U.S.), each part null when unknown. */
export interface ContactAddress {
  line1: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
}

export interface Contact {
  id: string;
  firmId: string;
  email: string;
  name: string;
  phone: string | null;
  status: ContactStatus;
  /** The firm's own id for the contact (its practice system's), unique in the firm; null when unset. */
  externalId: string | null;
  /** The language the contact chose to read the portal and its emails in; null until chosen. */
  locale: ContactLocale | null;
  /**
   * The language the contact's emails are written in: the one they chose, else the language of the
   * portal page they last asked to sign in from, else English. The service's own: never in a reply.
   */
  emailLanguage: ContactLocale;
  /** The optional emails the contact turned off (their profile's choices). The service's own: never in a reply. */
  emailOptOuts: OptionalEmail[];
  /** The postal address, null when none is known; its state decides the card surcharge rules when a card gives no ZIP. */
  address: ContactAddress | null;
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
    locale: row.locale as ContactLocale | null,
    emailLanguage: ((row.locale ?? row.portal_locale) as ContactLocale | null) ?? 'en',
    emailOptOuts: parseOptOuts(row.email_opt_outs),
    address:
      (row.address_line1 ?? row.address_city ?? row.address_state ?? row.address_postal_code)
        ? { line1: row.address_line1, city: row.address_city, state: row.address_state, postalCode: row.address_postal_code }
        : null,
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
  readonly #byId = new QueryShapes<{ firmId: string; id: string }>();

  constructor(private readonly storage: Storage) {}

  /** Every request a client makes reads its contact: the statement is built once. */
  async find(firmId: string, id: string): Promise<Contact | undefined> {
    const statement = this.#byId.compile('find', { firmId, id }, (slots) =>
      contactRows(this.storage).where('c.firm_id', '=', slots.firmId).where('c.id', '=', slots.id),
    );
    const [row] = (await this.storage.db.executeQuery(statement)).rows;
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

  async create(
    firmId: string,
    contact: { email: string; name: string; phone?: string | null; externalId?: string | null; locale?: ContactLocale | null },
    now: string,
  ): Promise<Contact> {
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
        locale: contact.locale ?? null,
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
    contact: { email: string; name: string; phone: string | null; externalId: string | null; locale: ContactLocale | null },
    now: string,
  ): Promise<Contact> {
    await this.storage.db
      .updateTable('contacts')
      .set({
        email: contact.email.toLowerCase(),
        name: contact.name,
        phone: contact.phone,
        external_id: contact.externalId,
        locale: contact.locale,
        updated_at: now,
      })
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

  /** Replaces the contact's postal address; null clears it. */
  async setAddress(firmId: string, id: string, address: Partial<ContactAddress> | null, now: string): Promise<Contact> {
    await this.storage.db
      .updateTable('contacts')
      .set({
        address_line1: address?.line1 || null,
        address_city: address?.city || null,
        address_state: address?.state || null,
        address_postal_code: address?.postalCode || null,
        updated_at: now,
      })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .execute();
    return (await this.find(firmId, id))!;
  }

  /** Sets the language the contact chose; null forgets the choice. */
  async setLocale(firmId: string, id: string, locale: ContactLocale | null, now: string): Promise<Contact> {
    await this.storage.db.updateTable('contacts').set({ locale, updated_at: now }).where('firm_id', '=', firmId).where('id', '=', id).execute();
    return (await this.find(firmId, id))!;
  }

  /** The language of the portal page the contact last asked to sign in from. */
  async setPortalLocale(firmId: string, id: string, locale: ContactLocale): Promise<void> {
    await this.storage.db
      .updateTable('contacts')
      .set({ portal_locale: locale })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('portal_locale', 'is', null), eb('portal_locale', '<>', locale)]))
      .execute();
  }

  async setStatus(firmId: string, id: string, status: ContactStatus, now: string): Promise<Contact> {
    await this.storage.db.updateTable('contacts').set({ status, updated_at: now }).where('firm_id', '=', firmId).where('id', '=', id).execute();
    return (await this.find(firmId, id))!;
  }
}
