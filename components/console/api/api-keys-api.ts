import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** An API key as the firm reviews it: its name and first characters, never the key itself. */
export type ApiKey = schemas.ApiKey;

/** A new API key: the key (`pk_…`) is in this answer only; the service keeps just its hash. */
export type NewApiKeyResult = schemas.NewApiKeyResult;

/** The firm's API keys for its own software (`/api/v1/admin/api-keys`). Needs `owner`. */
export class ApiKeysApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** Every key of the firm, revoked ones included, oldest first. */
  async list({ signal }: RequestOptions = {}): Promise<ApiKey[]> {
    const list = await this.#connection.request<schemas.ApiKeyList>({ method: 'GET', path: '/admin/api-keys', authentication: 'bearer', signal });
    return list.data;
  }

  /** Creates a key named `name`; the key itself is shown this once. */
  create({ name }: { name: string }, { signal }: RequestOptions = {}): Promise<NewApiKeyResult> {
    return this.#connection.request<NewApiKeyResult>({ method: 'POST', path: '/admin/api-keys', body: { name }, authentication: 'bearer', signal });
  }

  /** Revokes a key: the service refuses it from the next request on. */
  revoke(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: `/admin/api-keys/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }
}
