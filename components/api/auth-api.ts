import type { ServiceConnection } from './connection.ts';
import { isSignedIn } from './sign-in-answer.ts';
import type {
  Credentials,
  EmailCodeSignIn,
  LinkKind,
  LinkStatus,
  PortalLocale,
  RequestOptions,
  SecondFactorAnswer,
  SignIn,
  SignInAnswer,
  TokenAndPassword,
  TokenExchange,
} from './types.ts';

/** Signing a client in and out: `/api/v1/auth/*`. Every call sends the refresh cookie. */
export class AuthApi {
  readonly #connection: ServiceConnection;
  readonly #firm: string;

  constructor(connection: ServiceConnection, firm: string) {
    this.#connection = connection;
    this.#firm = firm;
  }

  /** Signs the client in with email and password; when the client has a second factor (or must set one up), asks for it instead. */
  login({ email, password }: Credentials, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    return this.#answer({ path: '/auth/login', body: { firm: this.#firm, email, password }, signal });
  }

  /**
   * Finishes a sign-in with the second factor a `SecondFactorChallenge` asked for: a code from the
   * authenticator app, a recovery code, or a passkey's answer to `passkeyChallenge`.
   */
  completeSecondFactor(mfaToken: string, answer: SecondFactorAnswer, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({ method: 'POST', path: '/auth/mfa', body: { mfaToken, ...answer }, authentication: 'cookie', signal });
  }

  /** WebAuthn request options to give a passkey as the second factor. */
  passkeyChallenge(mfaToken: string, { signal }: RequestOptions = {}): Promise<{ options: unknown }> {
    return this.#connection.request({ method: 'POST', path: '/auth/mfa/passkey/options', body: { mfaToken }, authentication: 'none', signal });
  }

  /** WebAuthn request options to sign in with a passkey alone (with an address, only its passkeys are offered). */
  passkeySignInOptions({ email }: { email?: string } = {}, { signal }: RequestOptions = {}): Promise<{ options: unknown }> {
    const body = email ? { firm: this.#firm, email } : { firm: this.#firm };
    return this.#connection.request({ method: 'POST', path: '/auth/passkey/options', body, authentication: 'none', signal });
  }

  /** Signs in with a passkey alone: the browser's answer to `passkeySignInOptions`. */
  passkeySignIn(credential: unknown, { signal }: RequestOptions = {}): Promise<SignIn> {
    return this.#connection.signIn({ method: 'POST', path: '/auth/passkey/verify', body: { firm: this.#firm, credential }, authentication: 'cookie', signal });
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

  /**
   * Whether this browser may have a sign-in to resume: it signed in here and has not signed out or
   * been refused since. When false, `refresh()` would only be refused, so a page need not ask.
   */
  get mayResume(): boolean {
    return this.#connection.mayResume;
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
  acceptInvitation({ token, password }: TokenAndPassword, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    return this.#answer({ path: '/auth/invitations/accept', body: { token, password }, signal });
  }

  /**
   * Asks for a password-reset email. The answer is the same whether or not the email is known.
   * `locale`, the page's language ('en' or 'es'), is the email's unless the client chose another.
   */
  requestPasswordReset({ email, locale }: { email: string; locale?: PortalLocale }, { signal }: RequestOptions = {}): Promise<{ accepted: boolean }> {
    return this.#connection.request<{ accepted: boolean }>({
      method: 'POST',
      path: '/auth/password-reset/request',
      body: { firm: this.#firm, email, ...(locale ? { locale } : {}) },
      authentication: 'cookie',
      signal,
    });
  }

  /**
   * Asks for a sign-in code by email: six digits and a one-click link, valid 10 minutes. The
   * answer is the same whether or not the email is known. `locale`, the page's language, is the
   * email's unless the client chose another.
   */
  requestEmailCode({ email, locale }: { email: string; locale?: PortalLocale }, { signal }: RequestOptions = {}): Promise<{ accepted: boolean }> {
    return this.#connection.request<{ accepted: boolean }>({
      method: 'POST',
      path: '/auth/email-code/request',
      body: { firm: this.#firm, email, ...(locale ? { locale } : {}) },
      authentication: 'cookie',
      signal,
    });
  }

  /**
   * Signs the client in with the emailed code and their address, or with the email link's token.
   * Rejects with a 401 `ApiError`: `email_code_invalid` for a wrong code, `email_code_expired`
   * for one that can no longer be used (ask for a new one).
   */
  verifyEmailCode(input: EmailCodeSignIn, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    return this.#answer({ path: '/auth/email-code/verify', body: { firm: this.#firm, ...input }, signal });
  }

  /** Whether an emailed link (invitation, reset or sign-in) still works; asked when the page opens with one. */
  linkStatus({ kind, token }: { kind: LinkKind; token: string }, { signal }: RequestOptions = {}): Promise<LinkStatus> {
    return this.#connection.request<LinkStatus>({
      method: 'POST',
      path: '/auth/link-status',
      body: { kind, token },
      authentication: 'none',
      signal,
    });
  }

  /**
   * "Send me a new link": emails a new reset or sign-in link to the address a used or expired
   * one went to. The answer is the same whatever the token.
   */
  renewLink({ kind, token }: { kind: Exclude<LinkKind, 'invitation'>; token: string }, { signal }: RequestOptions = {}): Promise<{ accepted: boolean }> {
    return this.#connection.request<{ accepted: boolean }>({
      method: 'POST',
      path: '/auth/link-renew',
      body: { kind, token },
      authentication: 'none',
      signal,
    });
  }

  /** Sets a new password from the emailed reset token, and signs the client in. */
  confirmPasswordReset({ token, password }: TokenAndPassword, { signal }: RequestOptions = {}): Promise<SignInAnswer> {
    return this.#answer({ path: '/auth/password-reset/confirm', body: { token, password }, signal });
  }

  /** Keeps a sign-in that came with another answer (setting up a first second factor): the portal opens with it. */
  adopt(signIn: SignIn): void {
    this.#connection.keepSignIn(signIn);
  }

  /** A first factor's call: its sign-in is kept; a second-factor challenge is handed back as it came. */
  async #answer({ path, body, signal }: { path: string; body: unknown; signal: AbortSignal | undefined }): Promise<SignInAnswer> {
    // 'cookie': the browser keeps the refresh cookie only from a call made with credentials.
    const answer = await this.#connection.request<SignInAnswer>({ method: 'POST', path, body, authentication: 'cookie', signal });
    if (isSignedIn(answer)) this.#connection.keepSignIn(answer);
    return answer;
  }
}
