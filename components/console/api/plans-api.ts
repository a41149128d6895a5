import type * as schemas from '../../api/contract.ts';
import type { ServiceConnection } from '../../api/connection.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A client's payment plan as the firm sees it. */
export type FirmPlan = schemas.Plan;

/** The firm's payment plans: `/api/v1/admin/plans`. */
export class PlansApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** The plans of one invoice or client, newest first. */
  async list(query: { invoiceId?: string; contactId?: string } = {}, { signal }: RequestOptions = {}): Promise<FirmPlan[]> {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
    const { data } = await this.#connection.request<{ data: FirmPlan[] }>({
      method: 'GET',
      path: `/admin/plans${search ? `?${search}` : ''}`,
      authentication: 'bearer',
      signal,
    });
    return data;
  }

  /** Cancels a client's plan; its authorization is revoked. */
  cancel(id: string, { signal }: RequestOptions = {}): Promise<FirmPlan> {
    return this.#connection.request<FirmPlan>({ method: 'POST', path: `/admin/plans/${encodeURIComponent(id)}/cancel`, authentication: 'bearer', signal });
  }
}
