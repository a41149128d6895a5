import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** The firm's profile, branding and settings as `GET|PATCH /admin/settings` answer them. */
export type FirmProfile = schemas.FirmProfile;

/** A JSON Merge Patch (RFC 7396) of the firm: a field left out stays; `null` removes an optional one. */
export type FirmChanges = schemas.FirmChanges;

/** The firm's settings: branding, what clients see, how they pay, allowed origins (`/api/v1/admin/settings`). Needs `admin`. */
export class SettingsApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** The firm's profile with warnings about its branding (e.g. a brand colour too light to read). */
  get({ signal }: RequestOptions = {}): Promise<FirmProfile> {
    return this.#connection.request<FirmProfile>({ method: 'GET', path: '/admin/settings', authentication: 'bearer', signal });
  }

  /**
   * Changes only what `changes` names (a JSON Merge Patch); the service checks the result as a
   * whole and answers a 400 `invalid_request` naming each bad field.
   */
  update(changes: FirmChanges, { signal }: RequestOptions = {}): Promise<FirmProfile> {
    return this.#connection.request<FirmProfile>({
      method: 'PATCH',
      path: '/admin/settings',
      body: changes,
      authentication: 'bearer',
      signal,
    });
  }
}
