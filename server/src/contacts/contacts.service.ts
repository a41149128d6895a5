import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit.repository.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { Contact, ContactQuery, ContactsRepository } from './contacts.repository.ts';

const email = z.email({ error: 'must be an email address' }).max(254);
const name = z.string().trim().min(1, 'is required').max(200);
const phone = z.string().trim().max(40).regex(/^[+\d\s().-]*$/, 'must be a phone number').nullable();

export const newContactSchema = z.strictObject({ email, name, phone: phone.optional() });
export const contactChangesSchema = z.strictObject({ email: email.optional(), name: name.optional(), phone: phone.optional() });
export const contactQuerySchema = z.strictObject({
  status: z.enum(['active', 'archived', 'all']).default('active'),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});


/** A firm's contacts, as its staff manage them through the API key. */
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(firmId: string, query: unknown): Page<Contact> {
    const { cursor, ...rest } = parse(contactQuerySchema, query, 'query');
    const after = cursor === undefined ? undefined : (decodeCursor(cursor, ['after']).after as string);
    const page: ContactQuery = { ...rest, after, limit: rest.limit + 1 };
    const rows = this.contacts.list(firmId, page);
    const data = rows.slice(0, rest.limit);
    return { data, nextCursor: rows.length > rest.limit ? encodeCursor({ after: data.at(-1)!.id }) : null };
  }

  get(firmId: string, id: string): Contact {
    const contact = this.contacts.find(firmId, id);
    if (!contact) throw Problem.notFound('contact');
    return contact;
  }

  create(firmId: string, input: unknown, actor: Actor): Contact {
    const body = parse(newContactSchema, input);
    if (this.contacts.findByEmail(firmId, body.email)) {
      throw Problem.conflict('contact_exists', `A contact with the email ${body.email.toLowerCase()} already exists.`);
    }
    const now = this.clock().toISOString();
    const contact = this.contacts.create(firmId, body, now);
    this.audit.record({ firmId, actor, action: 'contact.created', subject: { type: 'contact', id: contact.id } }, now);
    return contact;
  }

  update(firmId: string, id: string, input: unknown, actor: Actor): Contact {
    const changes = parse(contactChangesSchema, input);
    const current = this.get(firmId, id);
    const next = { email: changes.email ?? current.email, name: changes.name ?? current.name, phone: changes.phone === undefined ? current.phone : changes.phone };
    const sameEmail = next.email.toLowerCase() === current.email;
    if (!sameEmail && this.contacts.findByEmail(firmId, next.email)) {
      throw Problem.conflict('contact_exists', `A contact with the email ${next.email.toLowerCase()} already exists.`);
    }
    const now = this.clock().toISOString();
    const updated = this.contacts.update(firmId, id, next, now);
    this.audit.record({ firmId, actor, action: 'contact.updated', subject: { type: 'contact', id }, data: { fields: Object.keys(changes) } }, now);
    return updated;
  }

  /** An archived contact can no longer sign in; their records stay. */
  setArchived(firmId: string, id: string, archived: boolean, actor: Actor): Contact {
    this.get(firmId, id);
    const now = this.clock().toISOString();
    const contact = this.contacts.setStatus(firmId, id, archived ? 'archived' : 'active', now);
    this.audit.record({ firmId, actor, action: archived ? 'contact.archived' : 'contact.restored', subject: { type: 'contact', id } }, now);
    return contact;
  }
}
