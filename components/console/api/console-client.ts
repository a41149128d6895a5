import { ServiceConnection } from '../../api/connection.ts';
import type { SessionChange } from '../../api/types.ts';
import { StaffAuthApi } from './staff-auth-api.ts';
import { ThreadsApi } from './threads-api.ts';
import { ContactsApi } from './contacts-api.ts';
import { FilesApi } from './files-api.ts';
import { ActivitiesApi } from './activities-api.ts';
import { ApiKeysApi } from './api-keys-api.ts';
import { SettingsApi } from './settings-api.ts';
import { StaffApi } from './staff-api.ts';
import { WebhooksApi } from './webhooks-api.ts';
import { InvoicesApi } from './invoices-api.ts';
import { PaymentsApi } from './payments-api.ts';
import { AutopayApi } from './autopay-api.ts';
import { PlansApi } from './plans-api.ts';
import type { Branding, FetchFunction, RequestOptions, SignedInStaff, StaffMe, StaffSignIn, XhrFactory } from './types.ts';

export interface ConsoleClientOptions {
  /** Origin (and optional path prefix) of the token service, e.g. `https://portal.example-law.com`. Empty for the page's own origin. */
  baseUrl: string;
  /** The firm's slug, e.g. `demo`. */
  firm: string;
  /** The `fetch` to use; defaults to the global one. Tests and stories pass their own. */
  fetch?: FetchFunction;
  /** Makes the `XMLHttpRequest` uploads go through (they report progress); tests and stories pass their own. */
  xhr?: XhrFactory;
}

/** A change of the staff member signed in to the console. */
export type StaffSessionChange = SessionChange<SignedInStaff>;

/**
 * The typed client of the firm-side API (`/api/v1/admin`) for the firm's console, signed in as
 * a member of the firm's staff: `client.auth` signs in, and each screen's resource hangs off the
 * client by name (`client.threads`, `client.contacts`, …). Every call takes `{ signal }` and
 * rejects with an `ApiError`. The access token lives in memory only; the refresh cookie is
 * scoped to `/api/v1/staff/auth`.
 *
 * @example
 * const client = new ConsoleClient({ baseUrl: 'http://localhost:8787', firm: 'demo' });
 * const answer = await client.auth.login({ email, password });
 */
export class ConsoleClient {
  readonly firm: string;
  readonly auth: StaffAuthApi;
  /** The firm's secure messages with its clients. */
  readonly threads: ThreadsApi;
  /** The firm's clients. */
  readonly contacts: ContactsApi;
  /** Clients' files: share, list, download, delete. */
  readonly files: FilesApi;
  /** Clients' tasks and events. */
  readonly activities: ActivitiesApi;
  /** The firm's branding and settings. */
  readonly settings: SettingsApi;
  /** The firm's webhook endpoints and their deliveries. */
  readonly webhooks: WebhooksApi;
  /** The firm's API keys. */
  readonly apiKeys: ApiKeysApi;
  /** The firm's staff. */
  readonly staffMembers: StaffApi;
  /** The firm's invoices: draft, send, void, record a check or wire. */
  readonly invoices: InvoicesApi;
  /** The firm's payments: list, totals, detail, refunds, CSV export. */
  readonly payments: PaymentsApi;
  /** Clients' payment plans: list, cancel. */
  readonly plans: PlansApi;
  /** Clients' autopay: list, turn off. */
  readonly autopay: AutopayApi;
  /** The connection every resource calls through; resources take it in their constructor. */
  readonly connection: ServiceConnection<StaffSignIn, SignedInStaff>;
  /** The `XMLHttpRequest` factory uploads use, if the page gave one. */
  readonly xhr: XhrFactory | undefined;

  constructor({ baseUrl, firm, fetch, xhr }: ConsoleClientOptions) {
    this.firm = firm;
    this.xhr = xhr;
    this.connection = new ServiceConnection<StaffSignIn, SignedInStaff>(baseUrl, fetch, {
      authPath: '/staff/auth',
      personOf: (signIn) => ({ ...signIn.staff, access: signIn.access }),
    });
    this.auth = new StaffAuthApi(this.connection, firm);
    this.threads = new ThreadsApi(this.connection);
    this.contacts = new ContactsApi(this.connection);
    this.files = new FilesApi(this.connection, xhr);
    this.activities = new ActivitiesApi(this.connection);
    this.settings = new SettingsApi(this.connection);
    this.webhooks = new WebhooksApi(this.connection);
    this.apiKeys = new ApiKeysApi(this.connection);
    this.staffMembers = new StaffApi(this.connection);
    this.invoices = new InvoicesApi(this.connection);
    this.payments = new PaymentsApi(this.connection);
    this.plans = new PlansApi(this.connection);
    this.autopay = new AutopayApi(this.connection);
  }

  /** The service's base URL, without a trailing slash. */
  get baseUrl(): string {
    return this.connection.baseUrl;
  }

  /** The signed-in staff member and what their role may do, or undefined while signed out. */
  get staff(): SignedInStaff | undefined {
    return this.connection.contact;
  }

  /** Calls `listener` on every sign-in, sign-out and lost sign-in; returns a function that stops it. */
  onSessionChange(listener: (change: StaffSessionChange) => void): () => void {
    return this.connection.onSessionChange(listener);
  }

  /** The firm's public branding (name, logo, colours). */
  branding({ signal }: RequestOptions = {}): Promise<Branding> {
    return this.connection.request<Branding>({ method: 'GET', path: `/firms/${encodeURIComponent(this.firm)}/branding`, authentication: 'none', signal });
  }

  /** The signed-in staff member, their firm, their second factors and what their role may do. */
  me({ signal }: RequestOptions = {}): Promise<StaffMe> {
    return this.connection.request<StaffMe>({ method: 'GET', path: '/admin/staff/me', authentication: 'bearer', signal });
  }
}
