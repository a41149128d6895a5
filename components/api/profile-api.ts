import type { ServiceConnection } from './connection.ts';
import type { EmailChangeStarted, Me, ProfileChanges, RequestOptions } from './types.ts';

/** The signed-in client's own profile and login: `/api/v1/me`. */
export class ProfileApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** The client, their firm and their own settings. */
  get({ signal }: RequestOptions = {}): Promise<Me> {
    return this.#connection.request<Me>({ method: 'GET', path: '/me', authentication: 'bearer', signal });
  }

  /** Changes the name, the language or which emails the client gets; what is left out stays. */
  update(changes: ProfileChanges, { signal }: RequestOptions = {}): Promise<Me> {
    return this.#connection.request<Me>({ method: 'PATCH', path: '/me', body: changes, authentication: 'bearer', signal });
  }

  /** Asks to move to `newEmail`: a 6-digit code goes there, valid 10 minutes. */
  requestEmailChange(input: { newEmail: string; password: string }, { signal }: RequestOptions = {}): Promise<EmailChangeStarted> {
    return this.#connection.request<EmailChangeStarted>({ method: 'POST', path: '/me/email-change', body: input, authentication: 'bearer', signal });
  }

  /** Finishes the move with the code sent to the new address. */
  confirmEmailChange(input: { code: string }, { signal }: RequestOptions = {}): Promise<Me> {
    return this.#connection.request<Me>({ method: 'POST', path: '/me/email-change/confirm', body: input, authentication: 'bearer', signal });
  }

  /** Changes the password; the service emails "your password was changed". */
  changePassword(input: { currentPassword: string; newPassword: string }, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({ method: 'POST', path: '/me/password', body: input, authentication: 'bearer', signal });
  }

  /** Ends every sign-in of the client on the service, this one's included. */
  signOutEverywhere({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({ method: 'POST', path: '/me/sign-out-everywhere', authentication: 'bearer', signal });
  }
}
