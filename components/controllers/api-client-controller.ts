import { ApiClient, type ApiClientOptions } from '../api/api-client.ts';
import { ApiClientLookup } from './api-client-lookup.ts';

/**
 * Finds the `ApiClient` an element should use (see `ApiClientLookup`), making its own at once on
 * a page with no `<portal-session>`: for the elements that load data as soon as they show.
 */
export class ApiClientController extends ApiClientLookup {
  protected override makeClient(options: ApiClientOptions): ApiClient {
    return new ApiClient(options);
  }
}
