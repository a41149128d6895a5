import { ActivitiesApi } from './activities-api.ts';
import { AuthApi } from './auth-api.ts';
import { AutopayApi } from './autopay-api.ts';
import { BankLinksApi } from './bank-links-api.ts';
import { ServiceConnection } from './connection.ts';
import { FilesApi } from './files-api.ts';
import { HomeApi } from './home-api.ts';
import { InvoicesApi } from './invoices-api.ts';
import { PaymentMethodsApi } from './payment-methods-api.ts';
import { PaymentsApi } from './payments-api.ts';
import { PlansApi } from './plans-api.ts';
import { ProfileApi } from './profile-api.ts';
import { SandboxApi } from './sandbox-api.ts';
import { ThreadsApi } from './threads-api.ts';
import { TwoFactorApi } from './two-factor-api.ts';
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
    this.#connection = new ServiceConnection(baseUrl, fetch);
    this.auth = new AuthApi(this.#connection, firm);
    this.invoices = new InvoicesApi(this.#connection);
    this.activities = new ActivitiesApi(this.#connection);
    this.payments = new PaymentsApi(this.#connection);
    this.paymentMethods = new PaymentMethodsApi(this.#connection);
    this.plans = new PlansApi(this.#connection);
    this.autopay = new AutopayApi(this.#connection);
    this.bankLinks = new BankLinksApi(this.#connection);
    this.threads = new ThreadsApi(this.#connection);
    this.files = new FilesApi(this.#connection, xhr);
    this.home = new HomeApi(this.#connection);
    this.profile = new ProfileApi(this.#connection);
    this.twoFactor = new TwoFactorApi(this.#connection);
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
    return new SandboxApi(sandboxUrl, this.#connection.fetchFunction);
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
