import type * as schemas from '../../api/contract.ts';
import type { ServiceConnection } from '../../api/connection.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A client's autopay for one matter, as the firm sees it. */
export type FirmAutopay = schemas.AutopayEnrolment;

/** Clients' autopay: `/api/v1/admin/autopay`. */
export class AutopayApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** The enrolments of one client (or all), newest first. */
  async list(query: { contactId?: string; status?: 'active' | 'cancelled' | 'stopped' } = {}, { signal }: RequestOptions = {}): Promise<FirmAutopay[]> {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
    const { data } = await this.#connection.request<{ data: FirmAutopay[] }>({
      method: 'GET',
      path: `/admin/autopay${search ? `?${search}` : ''}`,
      authentication: 'bearer',
      signal,
    });
    return data;
  }

  /** Turns a client's autopay off; its authorization is revoked. */
  cancel(id: string, { signal }: RequestOptions = {}): Promise<FirmAutopay> {
    return this.#connection.request<FirmAutopay>({ method: 'POST', path: `/admin/autopay/${encodeURIComponent(id)}/cancel`, authentication: 'bearer', signal });
  }
}
