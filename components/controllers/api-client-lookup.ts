import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient, ApiClientOptions } from '../api/api-client.ts';
import { apiContext, sessionContext, type SessionState } from './contexts.ts';

/** An element that can talk to the service inside `<portal-session>` or on its own. */
export interface ApiClientHost extends ReactiveControllerHost, HTMLElement {
  /** A client set directly (tests, stories, advanced pages). */
  client?: ApiClient | undefined;
  /** The service's base URL, for use without `<portal-session>`. */
  api?: string;
  /** The firm's slug, for use without `<portal-session>`. */
  firm?: string;
}

/**
 * Finds the `ApiClient` an element should use: the one set on its `client` property, else the
 * one provided by an enclosing `<portal-session>`, else one made from its own `api` and `firm`
 * attributes. How that last one is made (at once, or once its module has loaded) is the
 * subclass's.
 */
export abstract class ApiClientLookup implements ReactiveController {
  protected readonly host: ApiClientHost;
  readonly #context: ContextConsumer<typeof apiContext, ApiClientHost>;
  readonly #session: ContextConsumer<typeof sessionContext, ApiClientHost>;
  #own: ApiClient | undefined;

  constructor(host: ApiClientHost) {
    this.host = host;
    this.#context = new ContextConsumer(host, { context: apiContext, subscribe: true });
    this.#session = new ContextConsumer(host, { context: sessionContext, subscribe: true });
    host.addController(this);
  }

  get value(): ApiClient | undefined {
    const { client, api, firm } = this.host;
    if (client) return client;
    if (this.#context.value) return this.#context.value;
    if (!firm) return undefined;
    const baseUrl = (api ?? '').replace(/\/+$/, '');
    if (this.#own?.baseUrl !== baseUrl || this.#own.firm !== firm) this.#own = this.makeClient({ baseUrl, firm });
    return this.#own;
  }

  /** Makes the element's own client, for a page with no `<portal-session>` around it; undefined when it cannot yet. */
  protected abstract makeClient(options: ApiClientOptions): ApiClient | undefined;

  /** True when the element makes its own client: no `client` set and no session around it, but a firm. */
  protected get standalone(): boolean {
    return !this.host.client && !this.#context.value && Boolean(this.host.firm);
  }

  /** The client's sign-in, when an enclosing `<portal-session>` provides it. */
  get session(): SessionState | undefined {
    return this.#session.value;
  }

  /**
   * True while an enclosing `<portal-session>` has nobody signed in (yet): the client's own data
   * should wait for the sign-in rather than be asked for and fail.
   */
  get waitingForSignIn(): boolean {
    const session = this.#session.value;
    return session !== undefined && session.status !== 'signed-in';
  }

  /**
   * The client to load the signed-in client's own data with (invoices, tasks…): `value`, except
   * inside a `<portal-session>` with nobody signed in, where it is undefined until someone signs in.
   */
  get signedInClient(): ApiClient | undefined {
    return this.waitingForSignIn ? undefined : this.value;
  }

  /**
   * The signed-in client's id as the session knows it ('' outside a session). Data tasks depend on
   * it so that another client signing in reloads everything.
   */
  get contactId(): string {
    return this.#session.value?.contact?.id ?? '';
  }

  hostConnected(): void {}
}
