import { ApiError, isAbortError } from './api-error.ts';
import { errorFromResponse, networkError } from './failed-call.ts';
import { lazyModule } from './lazy-resource.ts';
import { SignInMarker } from './sign-in-marker.ts';
import type { Contact, DownloadedFile, FetchFunction, SessionChange, SignIn } from './types.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a call proves who is calling. */
export type Authentication =
  /** A public call. */
  | 'none'
  /** The signed-in client's access token (refreshed once and retried on a 401). */
  | 'bearer'
  /** The refresh cookie, scoped to the sign-in's own path (`/api/v1/auth` for clients). */
  | 'cookie';

export interface Call {
  method: Method;
  /** Path under `/api/v1`, starting with a slash. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  authentication: Authentication;
  signal?: AbortSignal | undefined;
  /** How to read a successful answer: parsed JSON (the default), or the body as a file. */
  read?: 'json' | 'file';
}

// Refresh a little before the access token's end, so a call does not race its expiry.
const EXPIRY_MARGIN_MS = 15_000;

/** What every sign-in answer carries: the access token and how long it lasts. */
export interface AccessGrant {
  accessToken: string;
  expiresIn: number;
}

/** Whose sign-ins a connection keeps: the path of their `/refresh` and `/logout`, and the person an answer names. */
export interface SignInKind<Grant extends AccessGrant, Person extends { id: string }> {
  /** Under `/api/v1`, e.g. `/auth` for clients and `/staff/auth` for the firm's staff. */
  authPath: string;
  personOf(grant: Grant): Person;
}

const clientSignIns: SignInKind<SignIn, Contact> = { authPath: '/auth', personOf: (signIn) => signIn.contact };

/**
 * The connection to the token service: base URL, `fetch`, and the client's current sign-in.
 *
 * The access token lives in this object only (never in Web Storage or a cookie). Resource
 * classes (`AuthApi`, and later invoices, payments, threads, files) call `request`.
 */
export class ServiceConnection<Grant extends AccessGrant = SignIn, Person extends { id: string } = Contact> {
  readonly baseUrl: string;
  readonly #fetch: FetchFunction;
  readonly #kind: SignInKind<Grant, Person>;
  /** Whether this browser may have a sign-in to resume: asked before a refresh on load. */
  readonly #marker: SignInMarker;
  #accessToken: string | undefined;
  #expiresAt = 0;
  #contact: Person | undefined;
  #refreshing: Promise<Grant> | undefined;
  /** Counts sign-ins and sign-outs, so that a refresh answered after one cannot undo it. */
  #sessionChanges = 0;
  /**
   * Set when the client signs out here, until the next sign-in: with the refresh cookie ended,
   * a call that still asks for a token (a section's request in flight, a timer) is refused here
   * rather than sent as a refresh the service can only refuse.
   */
  #signedOut = false;
  readonly #listeners = new Set<(change: SessionChange<Person>) => void>();

  /** `kind` defaults to a client's sign-ins; the firm's console passes its staff's. */
  constructor(baseUrl: string, fetchFunction?: FetchFunction, kind?: SignInKind<Grant, Person>) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#kind = kind ?? (clientSignIns as unknown as SignInKind<Grant, Person>);
    this.#marker = new SignInMarker(`${this.baseUrl}/api/v1${this.#kind.authPath}`);
    // Wrapped so that the global fetch is never called with a foreign `this`.
    this.#fetch = fetchFunction ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Who is signed in (the client, or on the console the staff member), if anyone. */
  get contact(): Person | undefined {
    return this.#contact;
  }

  /**
   * Whether this browser may have a sign-in to resume from the refresh cookie: it signed in and
   * has not signed out or been refused since. Without one, a refresh would only be refused, so a
   * page that starts signed out need not ask (see `SignInMarker`).
   */
  get mayResume(): boolean {
    return this.#accessToken !== undefined || this.#marker.present;
  }

  /** The `fetch` this connection calls; the payment processor's browser-facing API goes through it too. */
  get fetchFunction(): FetchFunction {
    return this.#fetch;
  }

  onSessionChange(listener: (change: SessionChange<Person>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends a call and returns its parsed JSON answer (undefined for 204).
   * A `bearer` call without a current token first resumes the sign-in from the refresh cookie;
   * a 401 answer triggers one refresh (shared by every call that meets it) and one retry.
   */
  async request<T>(call: Call): Promise<T> {
    if (call.authentication !== 'bearer') return this.#send<T>(call);
    return this.withAccessToken((token) => this.#send<T>(call, token), call.signal);
  }

  /**
   * Runs `send` with the client's access token, with the sign-in handling of `request`: resumes
   * the sign-in first when there is no token or it is about to expire, and on a 401 `ApiError`
   * refreshes once and runs `send` again. For calls that cannot go through `fetch`, such as
   * uploads that report their progress.
   */
  async withAccessToken<T>(send: (accessToken: string | undefined) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!this.#accessToken || Date.now() >= this.#expiresAt - EXPIRY_MARGIN_MS) {
      if (this.#signedOut) throw signedOutError();
      await this.refresh(signal);
    }
    const token = this.#accessToken;
    try {
      return await send(token);
    } catch (error) {
      if (!isAccessTokenRefused(error) || this.#signedOut) throw error;
      // Another call may have refreshed while this one was in flight: then its token is used.
      if (this.#accessToken === token) await this.refresh(signal);
      return send(this.#accessToken);
    }
  }

  /** The full URL of a path under `/api/v1`, with its query. */
  urlFor(path: string, query?: Call['query']): string {
    return this.#url(path, query);
  }

  /**
   * Sends a call whose answer is a file (an `.ics`, a document) rather than JSON, with the same
   * sign-in handling as `request`. Errors are still problem documents and reject as `ApiError`.
   */
  download(call: Omit<Call, 'read'>): Promise<DownloadedFile> {
    return this.request<DownloadedFile>({ ...call, read: 'file' });
  }

  /** Sends a call that answers with a sign-in, and keeps that sign-in. */
  async signIn(call: Call): Promise<Grant> {
    const signIn = await this.#send<Grant>(call);
    this.keepSignIn(signIn);
    return signIn;
  }

  /** Keeps a sign-in that came with another answer (a staff login that needed no second factor). */
  keepSignIn(signIn: Grant): void {
    this.#sessionChanges += 1;
    this.#keep(signIn, 'sign-in');
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request;
   * aborting one caller's signal does not cancel it for the others.
   */
  refresh(signal?: AbortSignal): Promise<Grant> {
    if (!this.#refreshing) {
      // The login can show while the refresh is on its way: a client who signs in meanwhile
      // keeps that sign-in whatever the refresh answers.
      const changes = this.#sessionChanges;
      this.#refreshing = this.#send<Grant>({ method: 'POST', path: `${this.#kind.authPath}/refresh`, authentication: 'cookie' })
        .then(
          (signIn) => {
            if (this.#sessionChanges === changes) this.#keep(signIn, 'resume');
            return signIn;
          },
          (error: unknown) => {
            if (error instanceof ApiError && error.status === 401 && this.#sessionChanges === changes) this.#forget('expired');
            throw error;
          },
        )
        .finally(() => {
          this.#refreshing = undefined;
        });
      // Every caller handles the outcome; this only keeps an abandoned refresh from being reported as unhandled.
      this.#refreshing.catch(() => undefined);
    }
    return untilAborted(this.#refreshing, signal);
  }

  /** Ends the sign-in on the service and forgets it here, even when the service cannot be reached. */
  async signOut(signal?: AbortSignal): Promise<void> {
    this.#sessionChanges += 1;
    this.#signedOut = true;
    try {
      await this.#send<void>({ method: 'POST', path: `${this.#kind.authPath}/logout`, authentication: 'cookie', signal }, this.#accessToken);
    } finally {
      this.#forget('sign-out');
    }
  }

  #keep(signIn: Grant, reason: 'sign-in' | 'resume'): void {
    const previous = this.#contact;
    const person = this.#kind.personOf(signIn);
    this.#accessToken = signIn.accessToken;
    this.#signedOut = false;
    this.#expiresAt = Date.now() + Math.max(0, signIn.expiresIn) * 1000;
    this.#contact = person;
    this.#marker.remember(true);
    // A routine token rotation for the same person is not a change of session.
    if (reason === 'resume' && previous?.id === person.id) return;
    this.#notify({ status: 'signed-in', contact: person, reason });
  }

  #forget(reason: 'sign-out' | 'expired'): void {
    const wasSignedIn = this.#contact !== undefined;
    this.#accessToken = undefined;
    this.#expiresAt = 0;
    this.#contact = undefined;
    this.#marker.remember(false);
    if (wasSignedIn) this.#notify({ status: 'signed-out', reason });
  }

  #notify(change: SessionChange<Person>): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One faulty listener must not keep the others from learning about the change.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  #url(path: string, query: Call['query']): string {
    let url = `${this.baseUrl}/api/v1${path}`;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
    return url;
  }

  async #send<T>(call: Call, accessToken?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...call.headers };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.authentication === 'bearer' && accessToken) headers.Authorization = `Bearer ${accessToken}`;
    let response: Response;
    try {
      response = await this.#fetch(this.#url(call.path, call.query), {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        // The refresh cookie is only ever needed (and only ever sent) on /auth calls.
        credentials: call.authentication === 'cookie' ? 'include' : 'omit',
        mode: 'cors',
        signal: call.signal ?? null,
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (isAbortError(error)) throw error;
      throw networkError(error);
    }
    return call.read === 'file' ? ((await readFile(response)) as T) : readAnswer<T>(response);
  }
}

/**
 * A 401 that says the access token itself was refused (expired, invalid, missing), which a
 * refresh can cure. Other 401s on a signed-in call, such as a wrong one-time code, are the
 * caller's answer: refreshing and sending again would only count a second failed attempt.
 */
function isAccessTokenRefused(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && (error.code.startsWith('token_') || error.code === 'http_401');
}

/** What a call that needs a token meets after the client signed out here: the refresh would answer the same. */
function signedOutError(): ApiError {
  return new ApiError({ status: 401, code: 'refresh_missing', title: 'Unauthorized', detail: 'You are not signed in.' });
}

/** The module that reads a downloaded file (components/api/read-file.ts), fetched with the first download. */
const fileReader = lazyModule(() => import('./read-file.ts'));

async function readFile(response: Response): Promise<DownloadedFile> {
  if (!response.ok) return readAnswer<never>(response);
  return (await fileReader()).readFile(response);
}

async function readAnswer<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.status === 205) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  if (/[/+]json\b/i.test(contentType)) {
    try {
      body = await response.json();
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError({
        status: response.status,
        code: 'invalid_response',
        detail: 'The portal service sent an answer that could not be read.',
        cause: error,
      });
    }
  }
  if (!response.ok) throw errorFromResponse(response, body);
  return body as T;
}

/** `promise`, or the signal's reason as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
