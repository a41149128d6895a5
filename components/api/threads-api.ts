import type { ServiceConnection } from './connection.ts';
import type {
  NewThread,
  NewThreadMessage,
  RequestOptions,
  StartedThread,
  Thread,
  ThreadListQuery,
  ThreadMessage,
  ThreadMessagePage,
  ThreadMessageQuery,
  ThreadPage,
} from './types.ts';

/** The signed-in client's secure messages with the firm: `/api/v1/threads`. */
export class ThreadsApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /**
   * One page of the client's threads, newest activity first, with their unread count overall.
   *
   * @example client.threads.list({ limit: 20 }, { signal })
   */
  list({ limit, cursor }: ThreadListQuery = {}, { signal }: RequestOptions = {}): Promise<ThreadPage> {
    return this.#connection.request<ThreadPage>({
      method: 'GET',
      path: '/threads',
      query: { limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * A thread and a page of its messages, oldest first: the newest ones, or with `before` (the
   * previous page's `nextCursor`) the ones before them. Another client's thread is a 404.
   *
   * @example client.threads.get(id, { before: page.nextCursor }, { signal })
   */
  get(id: string, { before, limit }: ThreadMessageQuery = {}, { signal }: RequestOptions = {}): Promise<ThreadMessagePage> {
    return this.#connection.request<ThreadMessagePage>({
      method: 'GET',
      path: `/threads/${encodeURIComponent(id)}/messages`,
      query: { before: before ?? undefined, limit },
      authentication: 'bearer',
      signal,
    });
  }

  /** Starts a thread with the firm; attach files uploaded first with `client.files.upload`. */
  create(thread: NewThread, { signal }: RequestOptions = {}): Promise<StartedThread> {
    return this.#connection.request<StartedThread>({
      method: 'POST',
      path: '/threads',
      body: thread,
      authentication: 'bearer',
      signal,
    });
  }

  /** Writes in a thread. A closed thread answers 409 `thread_closed`. */
  reply(id: string, message: NewThreadMessage, { signal }: RequestOptions = {}): Promise<ThreadMessage> {
    return this.#connection.request<ThreadMessage>({
      method: 'POST',
      path: `/threads/${encodeURIComponent(id)}/messages`,
      body: message,
      authentication: 'bearer',
      signal,
    });
  }

  /** Records that the client has read the thread up to its newest message. */
  markRead(id: string, { signal }: RequestOptions = {}): Promise<Thread> {
    return this.#connection.request<Thread>({
      method: 'POST',
      path: `/threads/${encodeURIComponent(id)}/read`,
      authentication: 'bearer',
      signal,
    });
  }
}
