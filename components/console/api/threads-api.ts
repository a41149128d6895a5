import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { PageQuery } from '../../api/types.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A thread as the firm sees it: whose it is, and how many of the client's messages the firm has not read. */
export type FirmThread = schemas.FirmThread;

/** A page of the firm's threads, with the firm's unread messages over every thread. */
export type FirmThreadPage = schemas.FirmThreadPage;

/** A thread and a page of its messages, oldest first. */
export type FirmThreadMessages = schemas.FirmThreadMessages;

/** One message, from the client or a named member of the firm. */
export type FirmMessage = schemas.Message;

/** A thread the firm just started, with its first message. */
export type FirmThreadStarted = schemas.FirmThreadStarted;

export interface FirmThreadQuery extends PageQuery {
  /** Only this client's threads. */
  contactId?: string;
  /** Only open or only closed threads. */
  status?: 'open' | 'closed';
  /** Only threads with (`true`) or without (`false`) client messages the firm has not read. */
  unread?: boolean;
  /** Only threads whose subject contains this text, ignoring case. */
  q?: string;
}

export interface FirmMessageQuery {
  /** Messages per page, 1 to 200. */
  limit?: number;
  /** The previous page's `nextCursor`: the messages before those. */
  before?: string | null;
}

/** A reply from a named member of the firm. */
export type StaffReply = schemas.StaffMessage;

/** A thread the firm starts with a client. */
export type NewStaffThread = schemas.NewStaffThread;

/** The firm's secure messages with its clients: `/api/v1/admin/threads`. */
export class ThreadsApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /**
   * One page of the firm's threads, newest activity first, filtered by client, status, unread or
   * words of the subject.
   *
   * @example client.threads.list({ status: 'open', q: 'lease' }, { signal })
   */
  list({ contactId, status, unread, q, limit, cursor }: FirmThreadQuery = {}, { signal }: RequestOptions = {}): Promise<FirmThreadPage> {
    return this.#connection.request<FirmThreadPage>({
      method: 'GET',
      path: '/admin/threads',
      query: { contactId, status, unread, q: q || undefined, limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  /** A thread and a page of its messages, oldest first: the newest ones, or with `before` older ones. */
  get(id: string, { before, limit }: FirmMessageQuery = {}, { signal }: RequestOptions = {}): Promise<FirmThreadMessages> {
    return this.#connection.request<FirmThreadMessages>({
      method: 'GET',
      path: `/admin/threads/${encodeURIComponent(id)}`,
      query: { before: before ?? undefined, limit },
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * Starts a thread with a client, who is emailed a notice; attach files shared first with
   * `client.files.share`. Rejects with 422 `contact_not_found` or 409 `contact_archived`.
   */
  create(thread: NewStaffThread, { signal }: RequestOptions = {}): Promise<FirmThreadStarted> {
    return this.#connection.request<FirmThreadStarted>({ method: 'POST', path: '/admin/threads', body: thread, authentication: 'bearer', signal });
  }

  /** Replies in a thread as a named member of the firm. A closed thread answers 409 `thread_closed`. */
  reply(id: string, message: StaffReply, { signal }: RequestOptions = {}): Promise<FirmMessage> {
    return this.#connection.request<FirmMessage>({
      method: 'POST',
      path: `/admin/threads/${encodeURIComponent(id)}/messages`,
      body: message,
      authentication: 'bearer',
      signal,
    });
  }

  /** Closes a thread to replies from either side. */
  close(id: string, { signal }: RequestOptions = {}): Promise<FirmThread> {
    return this.#action(id, 'close', signal);
  }

  /** Opens a closed thread again. */
  reopen(id: string, { signal }: RequestOptions = {}): Promise<FirmThread> {
    return this.#action(id, 'reopen', signal);
  }

  /** Records that the firm has read the thread up to its newest message. */
  markRead(id: string, { signal }: RequestOptions = {}): Promise<FirmThread> {
    return this.#action(id, 'read', signal);
  }

  #action(id: string, action: 'close' | 'reopen' | 'read', signal: AbortSignal | undefined): Promise<FirmThread> {
    return this.#connection.request<FirmThread>({
      method: 'POST',
      path: `/admin/threads/${encodeURIComponent(id)}/${action}`,
      authentication: 'bearer',
      signal,
    });
  }
}
