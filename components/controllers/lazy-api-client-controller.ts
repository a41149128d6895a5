import type * as apiClientModule from '../api/api-client.ts';
import type { ApiClient, ApiClientOptions } from '../api/api-client.ts';
import { ApiClientLookup } from './api-client-lookup.ts';

type ApiClientModule = typeof apiClientModule;

/**
 * Finds the `ApiClient` an element should use (see `ApiClientLookup`), loading the client's
 * module only when the element makes its own, on a page with no `<portal-session>`: for an element
 * that shows before it sends anything (the sign-in form), which should not wait for that module
 * to paint. The load starts as the element connects; `value` is undefined until it is done (the
 * host updates then), and `ready()` waits for it.
 */
export class LazyApiClientController extends ApiClientLookup {
  #module: ApiClientModule | undefined;
  #loading: Promise<ApiClientModule> | undefined;

  override hostConnected(): void {
    if (this.standalone) void this.#load().catch(() => undefined);
  }

  /** The client once it can be had: waits for its module when the element makes its own. Rejects when the module cannot be fetched. */
  async ready(): Promise<ApiClient | undefined> {
    if (this.standalone) await this.#load();
    return this.value;
  }

  protected override makeClient(options: ApiClientOptions): ApiClient | undefined {
    if (this.#module) return new this.#module.ApiClient(options);
    void this.#load().catch(() => undefined);
    return undefined;
  }

  #load(): Promise<ApiClientModule> {
    this.#loading ??= import('../api/api-client.ts').then(
      (module) => {
        this.#module = module;
        this.host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        // Tried again on the next need (a submit): a network blip is not for the page's life.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
