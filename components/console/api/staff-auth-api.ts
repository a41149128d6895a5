import type { ServiceConnection } from '../../api/connection.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn, StaffSignInAnswer, TotpSetup, Passkey } from './types.ts';

/** True when an answer signed the staff member in (rather than asking for a second factor). */
export function isSignedIn(answer: StaffSignInAnswer): answer is StaffSignIn {
  return 'accessToken' in answer;
}

/**
 * Staff sign-in: password, then a second factor when the staff member has one (or must set one
 * up): `/api/v1/staff/auth`. A call that signs in keeps the sign-in on the connection.
 */
export class StaffAuthApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;
  readonly #firm: string;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>, firm: string) {
    this.#connection = connection;
    this.#firm = firm;
  }

  /** Signs in with email and password; a second factor may be asked for next. */
  login({ email, password }: { email: string; password: string }, { signal }: RequestOptions = {}): Promise<StaffSignInAnswer> {
    return this.#answer({ path: '/staff/auth/login', body: { firm: this.#firm, email, password }, signal });
  }

  /** Sets the password of an invited staff member and signs them in. */
  acceptInvitation({ token, password }: { token: string; password: string }, { signal }: RequestOptions = {}): Promise<StaffSignInAnswer> {
    return this.#answer({ path: '/staff/auth/invitations/accept', body: { token, password }, signal });
  }

  /** Finishes a sign-in with a code from the authenticator app, or a recovery code. */
  verifyCode({ mfaToken, code }: { mfaToken: string; code: string }, { signal }: RequestOptions = {}): Promise<StaffSignIn> {
    return this.#connection.signIn({ method: 'POST', path: '/staff/auth/mfa', body: { mfaToken, code }, authentication: 'cookie', signal });
  }

  /** The WebAuthn request options for finishing a sign-in with a passkey. */
  passkeyChallenge(mfaToken: string, { signal }: RequestOptions = {}): Promise<{ options: unknown }> {
    return this.#connection.request({ method: 'POST', path: '/staff/auth/mfa/passkey/options', body: { mfaToken }, authentication: 'none', signal });
  }

  /** Finishes a sign-in with a passkey's answer (`PublicKeyCredential.toJSON()`). */
  verifyPasskey({ mfaToken, credential }: { mfaToken: string; credential: unknown }, { signal }: RequestOptions = {}): Promise<StaffSignIn> {
    return this.#connection.signIn({ method: 'POST', path: '/staff/auth/mfa/passkey', body: { mfaToken, credential }, authentication: 'cookie', signal });
  }

  /** Starts setting up an authenticator app: signed in, or with the `mfaToken` of an enrolment challenge. */
  setUpTotp({ mfaToken }: { mfaToken?: string } = {}, { signal }: RequestOptions = {}): Promise<TotpSetup> {
    return this.#enrolment<TotpSetup>('/staff/auth/totp/setup', { mfaToken }, signal);
  }

  /** Confirms the app with its first code; answers the recovery codes (and the sign-in, when enrolling at sign-in). */
  async confirmTotp(
    { code, mfaToken }: { code: string; mfaToken?: string },
    { signal }: RequestOptions = {},
  ): Promise<{ recoveryCodes: string[]; signIn?: StaffSignIn }> {
    return this.#keepSignIn(await this.#enrolment<{ recoveryCodes: string[]; signIn?: StaffSignIn }>('/staff/auth/totp/confirm', { code, mfaToken }, signal));
  }

  /** The WebAuthn creation options for adding a passkey. */
  passkeyRegistration({ mfaToken }: { mfaToken?: string } = {}, { signal }: RequestOptions = {}): Promise<{ options: unknown }> {
    return this.#enrolment('/staff/auth/passkeys/options', { mfaToken }, signal);
  }

  /** Adds a passkey from the browser's answer (`PublicKeyCredential.toJSON()`). */
  async addPasskey(
    { credential, name, mfaToken }: { credential: unknown; name?: string; mfaToken?: string },
    { signal }: RequestOptions = {},
  ): Promise<{ passkey: Passkey; recoveryCodes?: string[]; signIn?: StaffSignIn }> {
    return this.#keepSignIn(
      await this.#enrolment<{ passkey: Passkey; recoveryCodes?: string[]; signIn?: StaffSignIn }>(
        '/staff/auth/passkeys',
        { credential, name, mfaToken },
        signal,
      ),
    );
  }

  /** Removes the authenticator app. */
  removeTotp({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: '/staff/auth/totp', authentication: 'bearer', signal });
  }

  /** Removes a passkey. */
  removePasskey(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: `/staff/auth/passkeys/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }

  /** Whether this browser may have a sign-in to resume: without one, `refresh` would only be refused. */
  get mayResume(): boolean {
    return this.#connection.mayResume;
  }

  /** Resumes the sign-in from the refresh cookie. */
  refresh({ signal }: RequestOptions = {}): Promise<StaffSignIn> {
    return this.#connection.refresh(signal);
  }

  /** Signs out here and on the service. */
  logout({ signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.signOut(signal);
  }

  async #answer({ path, body, signal }: { path: string; body: unknown; signal: AbortSignal | undefined }): Promise<StaffSignInAnswer> {
    // 'cookie': the browser keeps the refresh cookie only from a call made with credentials.
    const answer = await this.#connection.request<StaffSignInAnswer>({ method: 'POST', path, body, authentication: 'cookie', signal });
    if (isSignedIn(answer)) this.#connection.keepSignIn(answer);
    return answer;
  }

  /** Enrolment is authorised by the sign-in when there is one, else by the challenge's token (its answer may sign in, setting the refresh cookie). */
  #enrolment<T>(path: string, body: { mfaToken?: string | undefined } & Record<string, unknown>, signal: AbortSignal | undefined): Promise<T> {
    const call = { method: 'POST' as const, path, body, signal };
    return body.mfaToken
      ? this.#connection.request<T>({ ...call, authentication: 'cookie' })
      : this.#connection.request<T>({ ...call, authentication: 'bearer' });
  }

  #keepSignIn<T extends { signIn?: StaffSignIn }>(answer: T): T {
    if (answer.signIn) this.#connection.keepSignIn(answer.signIn);
    return answer;
  }
}
