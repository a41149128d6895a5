import type { z } from 'zod';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { assertSameExternalId, externalIdFromPath, externalIdTaken, guardExternalId } from '../external-id.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { contactChangesSchema, contactQuerySchema, newContactSchema } from './contacts.contract.ts';
import type { Contact, ContactLocale, ContactQuery, ContactsRepository } from './contacts.repository.ts';

/** A contact's portal access: the auth component knows it, as it keeps the logins, sign-ins and invitations. */
export interface PortalAccess {
  hasLogin: boolean;
  lastSignInAt: string | null;
  invitation: { sentAt: string; expiresAt: string; acceptedAt: string | null; revokedAt: string | null } | null;
}

/** Reads each contact's portal access, by contact id. */
export interface LoginDirectory {
  accessOf(contactIds: readonly string[]): Promise<Map<string, PortalAccess>>;
}

export type InvitationStatus = 'none' | 'pending' | 'expired' | 'accepted';

/** A contact as the firm sees it: whether they have a login, their invitation and their last sign-in. */
export type ContactView = Omit<Contact, 'emailLanguage' | 'emailOptOuts'> & {
  hasLogin: boolean;
  invitationStatus: InvitationStatus;
  invitedAt: string | null;
  lastSignInAt: string | null;
};

/**
 * A firm's contacts, as its staff manage them through the API key, and the lookups other
 * components make of them (each takes the firm: a contact of another firm is never found).
 */
export class ContactsService {
  constructor(
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logins: LoginDirectory,
  ) {}

  find(firmId: string, id: string): Promise<Contact | undefined> {
    return this.contacts.find(firmId, id);
  }

  findByEmail(firmId: string, email: string): Promise<Contact | undefined> {
    return this.contacts.findByEmail(firmId, email);
  }

  findByExternalId(firmId: string, externalId: string): Promise<Contact | undefined> {
    return this.contacts.findByExternalId(firmId, externalId);
  }

  /** A contact by id alone, in the system scope: the owner of a secret (a reset link) whose firm is not known yet. */
  findAnywhere(id: string): Promise<Contact | undefined> {
    return this.contacts.findAnywhere(id);
  }

  /** The name and email of each of these contacts of the firm, by id, for lists that name the client. */
  async namesOf(firmId: string, ids: readonly string[]): Promise<Map<string, { name: string; email: string }>> {
    return new Map((await this.contacts.namesOf(firmId, ids)).map(({ id, name, email }) => [id, { name, email }]));
  }

  /** Links a contact to the firm's own id for it; false when it already has another one. */
  linkExternalId(firmId: string, id: string, externalId: string): Promise<boolean> {
    return this.contacts.linkExternalId(firmId, id, externalId, this.clock().toISOString());
  }

  /** Adds a contact the caller has already checked and audits itself (a first sign-in by token exchange, seeding). */
  add(
    firmId: string,
    contact: { email: string; name: string; phone?: string | null; externalId?: string | null; locale?: ContactLocale | null },
  ): Promise<Contact> {
    return this.contacts.create(firmId, contact, this.clock().toISOString());
  }

  /** Sets the language a contact chose for the portal and its emails (the client's own profile); null forgets it. */
  setLocale(firmId: string, id: string, locale: ContactLocale | null): Promise<Contact> {
    return this.contacts.setLocale(firmId, id, locale, this.clock().toISOString());
  }

  /** Notes the language of the portal page a contact asked to sign in from: their emails follow it until they choose one. */
  notePortalLocale(firmId: string, id: string, locale: ContactLocale): Promise<void> {
    return this.contacts.setPortalLocale(firmId, id, locale);
  }

  async list(firmId: string, query: unknown): Promise<Page<ContactView>> {
    const { cursor, ...rest } = parse(contactQuerySchema, query, 'query');
    const after = cursor === undefined ? undefined : (decodeCursor(cursor, ['after']).after as string);
    const page: ContactQuery = { ...rest, after, limit: rest.limit + 1 };
    const rows = await this.contacts.list(firmId, page);
    const data = rows.slice(0, rest.limit);
    return { data: await this.#views(data), nextCursor: rows.length > rest.limit ? encodeCursor({ after: data.at(-1)!.id }) : null };
  }

  async get(firmId: string, id: string): Promise<ContactView> {
    return this.#view(await this.#get(firmId, id));
  }

  async create(firmId: string, input: unknown, actor: Actor): Promise<ContactView> {
    return this.#view(await this.#create(firmId, parse(newContactSchema, input), actor));
  }

  async update(firmId: string, id: string, input: unknown, actor: Actor): Promise<ContactView> {
    const current = await this.#get(firmId, id);
    return this.#view(await this.#update(firmId, current, parse(contactChangesSchema, input), actor));
  }

  /**
   * `PUT /contacts/by-external-id/:externalId`: the firm's practice system keeps a contact in step
   * by its own id. Creates the contact when no contact has that externalId, else changes the one
   * that has: the fields sent replace the stored ones, those left out stay.
   */
  async upsertByExternalId(firmId: string, externalIdParam: unknown, input: unknown, actor: Actor): Promise<{ created: boolean; contact: ContactView }> {
    const externalId = externalIdFromPath(externalIdParam);
    const body = parse(newContactSchema, input);
    assertSameExternalId(externalId, body.externalId);
    const current = await this.contacts.findByExternalId(firmId, externalId);
    if (!current) return { created: true, contact: await this.#view(await this.#create(firmId, { ...body, externalId }, actor)) };
    return { created: false, contact: await this.#view(await this.#update(firmId, current, { ...body, externalId }, actor)) };
  }

  async #get(firmId: string, id: string): Promise<Contact> {
    const contact = await this.contacts.find(firmId, id);
    if (!contact) throw Problem.notFound('contact');
    return contact;
  }

  async #views(contacts: Contact[]): Promise<ContactView[]> {
    const access = await this.logins.accessOf(contacts.map((contact) => contact.id));
    const now = this.clock().toISOString();
    return contacts.map(({ emailLanguage: _language, emailOptOuts: _optOuts, ...contact }) => {
      const { hasLogin = false, lastSignInAt = null, invitation = null } = access.get(contact.id) ?? {};
      return { ...contact, hasLogin, invitationStatus: invitationStatus(invitation, now), invitedAt: invitation?.sentAt ?? null, lastSignInAt };
    });
  }

  async #view(contact: Contact): Promise<ContactView> {
    return (await this.#views([contact]))[0]!;
  }

  async #create(firmId: string, body: z.output<typeof newContactSchema>, actor: Actor): Promise<Contact> {
    if (await this.contacts.findByEmail(firmId, body.email)) {
      throw Problem.conflict('contact_exists', `A contact with the email ${body.email.toLowerCase()} already exists.`);
    }
    if (body.externalId && (await this.contacts.findByExternalId(firmId, body.externalId))) throw externalIdTaken('contact', body.externalId);
    const now = this.clock().toISOString();
    let contact = await guardExternalId('contact', body.externalId, () => this.contacts.create(firmId, body, now));
    if (body.address) contact = await this.contacts.setAddress(firmId, contact.id, body.address, now);
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
      locale: changes.locale === undefined ? current.locale : changes.locale,
    };
    const sameEmail = next.email.toLowerCase() === current.email;
    if (!sameEmail && (await this.contacts.findByEmail(firmId, next.email))) {
      throw Problem.conflict('contact_exists', `A contact with the email ${next.email.toLowerCase()} already exists.`);
    }
    if (next.externalId && next.externalId !== current.externalId && (await this.contacts.findByExternalId(firmId, next.externalId))) {
      throw externalIdTaken('contact', next.externalId);
    }
    const now = this.clock().toISOString();
    let updated = await guardExternalId('contact', next.externalId, () => this.contacts.update(firmId, id, next, now));
    if (changes.address !== undefined) updated = await this.contacts.setAddress(firmId, id, changes.address, now);
    await this.audit.record({ firmId, actor, action: 'contact.updated', subject: { type: 'contact', id }, data: { fields: Object.keys(changes) } }, now);
    return updated;
  }

  /** An archived contact can no longer sign in; their records stay. */
  async setArchived(firmId: string, id: string, archived: boolean, actor: Actor): Promise<ContactView> {
    await this.#get(firmId, id);
    const now = this.clock().toISOString();
    const contact = await this.contacts.setStatus(firmId, id, archived ? 'archived' : 'active', now);
    await this.audit.record({ firmId, actor, action: archived ? 'contact.archived' : 'contact.restored', subject: { type: 'contact', id } }, now);
    return this.#view(contact);
  }
}

function invitationStatus(invitation: PortalAccess['invitation'], now: string): InvitationStatus {
  if (!invitation) return 'none';
  if (invitation.acceptedAt) return 'accepted';
  // A replaced invitation is revoked, so only the latest one can still be pending.
  return invitation.revokedAt || invitation.expiresAt <= now ? 'expired' : 'pending';
}
