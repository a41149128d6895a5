import type { ServiceConnection } from './connection.ts';
import type { Home, HomeCounts, RequestOptions } from './types.ts';

/** The signed-in client's home: `/api/v1/home`. */
export class HomeApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** What needs the client now, and what changed since their last visit. Reading it changes nothing. */
  get({ signal }: RequestOptions = {}): Promise<Home> {
    return this.#connection.request<Home>({ method: 'GET', path: '/home', authentication: 'bearer', signal });
  }

  /** Only the navigation's counts (unread messages, unpaid invoices): cheaper than the whole of home. */
  counts({ signal }: RequestOptions = {}): Promise<HomeCounts> {
    return this.#connection.request<HomeCounts>({ method: 'GET', path: '/home/counts', authentication: 'bearer', signal });
  }

  /**
   * Records that the client looked at home. "Since your last visit" counts from the last look of
   * the previous visit; a visit ends after half an hour without a look.
   */
  seen({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({ method: 'POST', path: '/home/seen', authentication: 'bearer', signal });
  }
}
