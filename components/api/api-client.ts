import type { ActivitiesApi } from './activities-api.ts';
import { AuthApi } from './auth-api.ts';
import type { AutopayApi } from './autopay-api.ts';
import type { BankLinksApi } from './bank-links-api.ts';
import { ServiceConnection } from './connection.ts';
import type { FilesApi } from './files-api.ts';
import type { HomeApi } from './home-api.ts';
import type { InvoicesApi } from './invoices-api.ts';
import { lazyModule, lazyResource } from './lazy-resource.ts';
import { activityCalendarPath } from './paths.ts';
import type { PaymentMethodsApi } from './payment-methods-api.ts';
import type { PaymentsApi } from './payments-api.ts';
import type { PlansApi } from './plans-api.ts';
import type { ProfileApi } from './profile-api.ts';
import type { SandboxApi } from './sandbox-api.ts';
import type { SignedInResources } from './signed-in-resources.ts';
import type { ThreadsApi } from './threads-api.ts';
import type { TwoFactorApi } from './two-factor-api.ts';
import type { Branding, Contact, FetchFunction, Me, RequestOptions, SessionChangeListener, XhrFactory } from './types.ts';

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the token service, e.g. `https://portal.example-law.com`. Empty for the page's own origin. */
  baseUrl: string;
  /** The firm's slug, e.g. `demo`. */
  firm: string;
  /** The `fetch` to use; defaults to the global one. Tests and stories pass their own. */
  fetch?: FetchFunction;
  /** Makes the `XMLHttpRequest` uploads go through (they report progress, which `fetch` cannot); tests and stories pass their own. */
  xhr?: XhrFactory;
}

/**
 * The typed client of the token service, shared by every component through `apiContext`.
 *
 * Resources hang off the client by name (`client.auth.login(…)`, and as they arrive
 * `client.invoices.list(…)`, `client.payments.create(…)`…); each is a small class that receives
 * the `ServiceConnection`. Every call takes `{ signal }` and rejects with an `ApiError`.
 *
 * Only `auth`, `branding()` and `me()` come with the client: the resources a signed-in client
 * calls arrive in a module of their own, fetched as soon as someone signs in (or at their first
 * call), so that a signed-out page does not download them. Their methods are there from the
 * start and wait for it.
 *
 * @example
 * const client = new ApiClient({ baseUrl: 'http://localhost:8787', firm: 'demo' });
 * client.onSessionChange((change) => console.log(change.status));
 * await client.auth.login({ email, password });
 * const { contact } = await client.me();
 */
export class ApiClient {
  readonly firm: string;
  readonly auth: AuthApi;
  readonly invoices: InvoicesApi;
  readonly activities: ActivitiesApi;
  readonly payments: PaymentsApi;
  readonly paymentMethods: PaymentMethodsApi;
  readonly plans: PlansApi;
  readonly autopay: AutopayApi;
  readonly bankLinks: BankLinksApi;
  readonly threads: ThreadsApi;
  readonly files: FilesApi;
  readonly home: HomeApi;
  readonly profile: ProfileApi;
  /** The client's second factors (authenticator app, passkeys, recovery codes). */
  readonly twoFactor: TwoFactorApi;
  readonly #connection: ServiceConnection;

  constructor({ baseUrl, firm, fetch, xhr }: ApiClientOptions) {
    this.firm = firm;
    const connection = new ServiceConnection(baseUrl, fetch);
    this.#connection = connection;
    this.auth = new AuthApi(connection, firm);
    const signedIn = lazyModule(async () => (await import('./signed-in-resources.ts')).signedInResources(connection, xhr));
    const resource = <K extends keyof SignedInResources>(name: K, eager: Partial<SignedInResources[K]> = {}) =>
      lazyResource(async () => (await signedIn())[name], eager);
    this.invoices = resource('invoices');
    this.activities = resource('activities', { calendarUrl: (id: string) => connection.urlFor(activityCalendarPath(id)) });
    this.payments = resource('payments');
    this.paymentMethods = resource('paymentMethods');
    this.plans = resource('plans');
    this.autopay = resource('autopay');
    this.bankLinks = resource('bankLinks');
    this.threads = resource('threads');
    this.files = resource('files');
    this.home = resource('home');
    this.profile = resource('profile');
    this.twoFactor = resource('twoFactor');
    // The sections a sign-in shows call these at once: fetched alongside them, not after.
    connection.onSessionChange((change) => {
      if (change.status === 'signed-in') signedIn().catch(() => undefined);
    });
  }

  /** The service's base URL, without a trailing slash. */
  get baseUrl(): string {
    return this.#connection.baseUrl;
  }

  /** The signed-in client, or undefined while signed out. */
  get contact(): Contact | undefined {
    return this.#connection.contact;
  }

  /** Calls `listener` on every sign-in, sign-out and lost sign-in; returns a function that stops it. */
  onSessionChange(listener: SessionChangeListener): () => void {
    return this.#connection.onSessionChange(listener);
  }

  /**
   * The sandbox processor's browser-facing API at `sandboxUrl` (from `payments.setup()`), called
   * with this client's `fetch` but never with its sign-in.
   */
  sandbox(sandboxUrl: string): SandboxApi {
    const fetchFunction = this.#connection.fetchFunction;
    const sandbox = lazyModule(async () => new (await import('./sandbox-api.ts')).SandboxApi(sandboxUrl, fetchFunction));
    return lazyResource(sandbox, { baseUrl: sandboxUrl.replace(/\/+$/, '') });
  }

  /** The firm's public branding. */
  branding({ signal }: RequestOptions = {}): Promise<Branding> {
    return this.#connection.request<Branding>({
      method: 'GET',
      path: `/firms/${encodeURIComponent(this.firm)}/branding`,
      authentication: 'none',
      signal,
    });
  }

  /** The signed-in client and their firm. */
  me({ signal }: RequestOptions = {}): Promise<Me> {
    return this.#connection.request<Me>({ method: 'GET', path: '/me', authentication: 'bearer', signal });
  }
}
