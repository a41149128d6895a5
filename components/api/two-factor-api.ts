import type { ServiceConnection } from './connection.ts';
import type { ClientPasskey, ClientTwoFactor, RequestOptions, SignIn, TotpSetup } from './types.ts';

/**
 * The client's second factors: `/api/v1/auth/two-factor`. Signed in (the profile), or right after
 * the first factor with the `mfaToken` of an enrolment challenge, whose last step signs in.
 */
export class TwoFactorApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** The client's factors and the firm's setting. */
  get({ signal }: RequestOptions = {}): Promise<ClientTwoFactor> {
    return this.#connection.request({ method: 'GET', path: '/auth/two-factor', authentication: 'bearer', signal });
  }

  /** Starts setting up an authenticator app. */
  setUpTotp({ mfaToken }: { mfaToken?: string } = {}, { signal }: RequestOptions = {}): Promise<TotpSetup> {
    return this.#enrolment('/auth/two-factor/totp/setup', { mfaToken }, signal);
  }

  /**
   * Turns the app on with its first code; answers the recovery codes (shown once) and, with an
   * `mfaToken`, the sign-in it was waiting for: hand that to `client.auth.adopt()` once the codes
   * are saved, so that the portal opens only then.
   */
  confirmTotp({ code, mfaToken }: { code: string; mfaToken?: string }, { signal }: RequestOptions = {}) {
    return this.#enrolment<{ recoveryCodes: string[]; signIn?: SignIn }>('/auth/two-factor/totp/confirm', { code, mfaToken }, signal);
  }

  /** WebAuthn creation options to add a passkey. */
  passkeyRegistration({ mfaToken }: { mfaToken?: string } = {}, { signal }: RequestOptions = {}): Promise<{ options: unknown }> {
    return this.#enrolment('/auth/two-factor/passkeys/options', { mfaToken }, signal);
  }

  /** Adds the passkey the browser made; the first factor comes with recovery codes (and, with an `mfaToken`, a sign-in as `confirmTotp`'s). */
  registerPasskey({ credential, name, mfaToken }: { credential: unknown; name?: string; mfaToken?: string }, { signal }: RequestOptions = {}) {
    return this.#enrolment<{ passkey: ClientPasskey; recoveryCodes?: string[]; signIn?: SignIn }>(
      '/auth/two-factor/passkeys',
      { credential, ...(name ? { name } : {}), mfaToken },
      signal,
    );
  }

  removeTotp({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: '/auth/two-factor/totp', authentication: 'bearer', signal });
  }

  removePasskey(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: `/auth/two-factor/passkeys/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }

  /** New recovery codes (the old ones stop working), confirmed with the password or a current code. */
  regenerateRecoveryCodes(proof: { password: string } | { code: string }, { signal }: RequestOptions = {}): Promise<{ recoveryCodes: string[] }> {
    return this.#connection.request({ method: 'POST', path: '/auth/two-factor/recovery-codes', body: proof, authentication: 'bearer', signal });
  }

  /** Authorised by the enrolment token when there is one (its answer may sign in, setting the refresh cookie), else by the sign-in. */
  #enrolment<T>(path: string, body: { mfaToken?: string | undefined } & Record<string, unknown>, signal: AbortSignal | undefined): Promise<T> {
    const { mfaToken, ...rest } = body;
    const call = { method: 'POST' as const, path, signal };
    return mfaToken
      ? this.#connection.request<T>({ ...call, body: { ...rest, mfaToken }, authentication: 'cookie' })
      : this.#connection.request<T>({ ...call, body: rest, authentication: 'bearer' });
  }
}
