import type { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit.repository.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { assertSameExternalId, externalIdFromPath, externalIdTaken, guardExternalId } from '../external-id.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { contactChangesSchema, contactQuerySchema, newContactSchema } from './contacts.contract.ts';
import type { Contact, ContactQuery, ContactsRepository } from './contacts.repository.ts';

/** A firm's contacts, as its staff manage them through the API key. */
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(firmId: string, query: unknown): Promise<Page<Contact>> {
    const { cursor, ...rest } = parse(contactQuerySchema, query, 'query');
    const after = cursor === undefined ? undefined : (decodeCursor(cursor, ['after']).after as string);
    const page: ContactQuery = { ...rest, after, limit: rest.limit + 1 };
    const rows = await this.contacts.list(firmId, page);
    const data = rows.slice(0, rest.limit);
    return { data, nextCursor: rows.length > rest.limit ? encodeCursor({ after: data.at(-1)!.id }) : null };
  }

  async get(firmId: string, id: string): Promise<Contact> {
    const contact = await this.contacts.find(firmId, id);
    if (!contact) throw Problem.notFound('contact');
    return contact;
  }

  create(firmId: string, input: unknown, actor: Actor): Promise<Contact> {
    return this.#create(firmId, parse(newContactSchema, input), actor);
  }

  async update(firmId: string, id: string, input: unknown, actor: Actor): Promise<Contact> {
    const current = await this.get(firmId, id);
    return this.#update(firmId, current, parse(contactChangesSchema, input), actor);
  }

  /**
   * `PUT /contacts/by-external-id/:externalId`: the firm's practice system keeps a contact in step
   * by its own id. Creates the contact when no contact has that externalId, else changes the one
   * that has: the fields sent replace the stored ones, those left out stay.
   */
  async upsertByExternalId(firmId: string, externalIdParam: unknown, input: unknown, actor: Actor): Promise<{ created: boolean; contact: Contact }> {
    const externalId = externalIdFromPath(externalIdParam);
    const body = parse(newContactSchema, input);
    assertSameExternalId(externalId, body.externalId);
    const current = await this.contacts.findByExternalId(firmId, externalId);
    if (!current) return { created: true, contact: await this.#create(firmId, { ...body, externalId }, actor) };
    return { created: false, contact: await this.#update(firmId, current, { ...body, externalId }, actor) };
  }

  async #create(firmId: string, body: z.output<typeof newContactSchema>, actor: Actor): Promise<Contact> {
    if (await this.contacts.findByEmail(firmId, body.email)) {
      throw Problem.conflict('contact_exists', `A contact with the email ${body.email.toLowerCase()} already exists.`);
    }
    if (body.externalId && (await this.contacts.findByExternalId(firmId, body.externalId))) throw externalIdTaken('contact', body.externalId);
    const now = this.clock().toISOString();
    const contact = await guardExternalId('contact', body.externalId, () => this.contacts.create(firmId, body, now));
    await this.audit.record({ firmId, actor, action: 'contact.created', subject: { type: 'contact', id: contact.id } }, now);
    return contact;
  }

  async #update(firmId: string, current: Contact, changes: z.output<typeof contactChangesSchema>, actor: Actor): Promise<Contact> {
    const { id } = current;
    const next = {
      email: changes.email ?? current.email,
      name: changes.name ?? current.name,
      phone: changes.phone === undefined ? current.phone : changes.phone,
      externalId: changes.externalId === undefined ? current.externalId : changes.externalId,
    };
    const sameEmail = next.email.toLowerCase() === current.email;
    if (!sameEmail && (await this.contacts.findByEmail(firmId, next.email))) {
      throw Problem.conflict('contact_exists', `A contact with the email ${next.email.toLowerCase()} already exists.`);
    }
    if (next.externalId && next.externalId !== current.externalId && (await this.contacts.findByExternalId(firmId, next.externalId))) {
      throw externalIdTaken('contact', next.externalId);
    }
    const now = this.clock().toISOString();
    const updated = await guardExternalId('contact', next.externalId, () => this.contacts.update(firmId, id, next, now));
    await this.audit.record({ firmId, actor, action: 'contact.updated', subject: { type: 'contact', id }, data: { fields: Object.keys(changes) } }, now);
    return updated;
  }

  /** An archived contact can no longer sign in; their records stay. */
  async setArchived(firmId: string, id: string, archived: boolean, actor: Actor): Promise<Contact> {
    await this.get(firmId, id);
    const now = this.clock().toISOString();
    const contact = await this.contacts.setStatus(firmId, id, archived ? 'archived' : 'active', now);
    await this.audit.record({ firmId, actor, action: archived ? 'contact.archived' : 'contact.restored', subject: { type: 'contact', id } }, now);
    return contact;
  }
}
