import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A client of the firm as the firm sees it: details, status, invitation and last sign-in. */
export type FirmContact = schemas.FirmContact;
/** One page of clients; `nextCursor` asks for the next. */
export type ContactPage = schemas.ContactPage;
/** A new client: name and email, a phone number if known. */
export type NewContact = schemas.NewContact;
/** Changes to a client: only the fields sent change; `phone: null` removes the number. */
export type ContactChanges = schemas.ContactChanges;
/** An invitation just emailed. */
export type Invitation = schemas.Invitation;

export interface ContactListQuery {
  /** Active clients (the default), archived ones, or both. */
  status?: 'active' | 'archived' | 'all';
  /** Part of a name or an email address. */
  q?: string;
  limit?: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

/** How many rows each of a client's short lists asks for. */
export interface ShortListOptions extends RequestOptions {
  limit?: number;
}

/**
 * The firm's clients (`/api/v1/admin/contacts`): list and search, add, change, archive and
 * restore, invite; and a client's latest payments for their page (`/admin/payments` filtered by
 * `contactId`). Needs the `staff` role.
 */
export class ContactsApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** A page of clients ordered by id, filtered by status and by `q` (name or email). */
  list(query: ContactListQuery = {}, { signal }: RequestOptions = {}): Promise<ContactPage> {
    return this.#get<ContactPage>('/admin/contacts', { status: query.status, q: query.q || undefined, limit: query.limit, cursor: query.cursor }, signal);
  }

  /** One client; a 404 `not_found` when the firm has no such client. */
  get(contactId: string, { signal }: RequestOptions = {}): Promise<FirmContact> {
    return this.#get<FirmContact>(`/admin/contacts/${encodeURIComponent(contactId)}`, {}, signal);
  }

  /** Adds a client; a 409 `contact_exists` when the email is taken, a 400 naming each bad field. */
  create(contact: NewContact, { signal }: RequestOptions = {}): Promise<FirmContact> {
    return this.#send<FirmContact>('POST', '/admin/contacts', contact, signal);
  }

  /** Changes the fields named in `changes`. */
  update(contactId: string, changes: ContactChanges, { signal }: RequestOptions = {}): Promise<FirmContact> {
    return this.#send<FirmContact>('PATCH', `/admin/contacts/${encodeURIComponent(contactId)}`, changes, signal);
  }

  /** Archives a client: they can no longer sign in; their records stay. */
  archive(contactId: string, { signal }: RequestOptions = {}): Promise<FirmContact> {
    return this.#send<FirmContact>('POST', `/admin/contacts/${encodeURIComponent(contactId)}/archive`, undefined, signal);
  }

  /** Restores an archived client. */
  restore(contactId: string, { signal }: RequestOptions = {}): Promise<FirmContact> {
    return this.#send<FirmContact>('POST', `/admin/contacts/${encodeURIComponent(contactId)}/restore`, undefined, signal);
  }

  /** Emails the client a link to create their login, replacing any invitation still open. */
  invite(contactId: string, { signal }: RequestOptions = {}): Promise<Invitation> {
    return this.#send<Invitation>('POST', `/admin/contacts/${encodeURIComponent(contactId)}/invitations`, {}, signal);
  }

  /** The client's latest payments. */
  payments(contactId: string, { signal, limit = 5 }: ShortListOptions = {}): Promise<schemas.FirmPaymentPage> {
    return this.#get<schemas.FirmPaymentPage>('/admin/payments', { contactId, limit }, signal);
  }

  #get<T>(path: string, query: Record<string, string | number | undefined>, signal: AbortSignal | undefined): Promise<T> {
    return this.#connection.request<T>({ method: 'GET', path, query, authentication: 'bearer', signal });
  }

  #send<T>(method: 'POST' | 'PATCH', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    return this.#connection.request<T>({ method, path, ...(body === undefined ? {} : { body }), authentication: 'bearer', signal });
  }
}
