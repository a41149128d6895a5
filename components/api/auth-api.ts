import type { ServiceConnection } from './connection.ts';
import type { Credentials, RequestOptions, SignIn, TokenAndPassword, TokenExchange } from './types.ts';

/** Signing a client in and out: `/api/v1/auth/*`. Every call sends the refresh cookie. */
export class AuthApi {
  readonly #connection: ServiceConnection;
  readonly #firm: string;

  constructor(connection: ServiceConnection, firm: string) {
    this.#connection = connection;
    this.#firm = firm;
  }

  /** Signs the client in with email and password. */
  login({ email, password }: Credentials, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({
      method: 'POST',
      path: '/auth/login',
      body: { firm: this.#firm, email, password },
      authentication: 'cookie',
      signal,
    });
  }

  /**
   * Signs the client in with an assertion from the firm's own website (a JWT its backend signed
   * for the client it has signed in), with no password. Rejects with a 401 `ApiError`
   * (`invalid_assertion`) when the service does not accept the assertion, and a 404
   * (`contact_not_found`) when it names nobody the firm has invited to the portal.
   */
  exchangeToken({ assertion, firm = this.#firm }: TokenExchange, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({
      method: 'POST',
      path: '/auth/token-exchange',
      body: { firm, assertion },
      authentication: 'cookie',
      signal,
    });
  }

  /** Resumes or renews the sign-in from the refresh cookie. Rejects with a 401 `ApiError` when there is none. */
  refresh({ signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.refresh(signal);
  }

  /** Ends the sign-in on the service and in this client. */
  logout({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.signOut(signal);
  }

  /** Accepts an invitation from its emailed token, sets the password, and signs the client in. */
  acceptInvitation({ token, password }: TokenAndPassword, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({
      method: 'POST',
      path: '/auth/invitations/accept',
      body: { token, password },
      authentication: 'cookie',
      signal,
    });
  }

  /** Asks for a password-reset email. The answer is the same whether or not the email is known. */
  requestPasswordReset({ email }: { email: string }, { signal }: RequestOptions = {}): Promise<{ accepted: boolean }> {
    return this.#connection.request<{ accepted: boolean }>({
      method: 'POST',
      path: '/auth/password-reset/request',
      body: { firm: this.#firm, email },
      authentication: 'cookie',
      signal,
    });
  }

  /** Sets a new password from the emailed reset token, and signs the client in. */
  confirmPasswordReset({ token, password }: TokenAndPassword, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({
      method: 'POST',
      path: '/auth/password-reset/confirm',
      body: { token, password },
      authentication: 'cookie',
      signal,
    });
  }
}
