import type { ServiceConnection } from './connection.ts';
import type { NewPlan, Plan, PlanOptions, PlanPreview, PlanProposal, RequestOptions } from './types.ts';

/** The signed-in client's payment plans: `/api/v1/plans`. */
export class PlansApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** The firm's limits (how many instalments, the smallest) and the dates a plan started today may use. */
  options({ signal }: RequestOptions = {}): Promise<PlanOptions> {
    return this.#connection.request<PlanOptions>({ method: 'GET', path: '/plans/options', authentication: 'bearer', signal });
  }

  /** The schedule and the authorization text for a proposal; nothing is stored. */
  preview(proposal: PlanProposal, { signal }: RequestOptions = {}): Promise<PlanPreview> {
    return this.#connection.request<PlanPreview>({ method: 'POST', path: '/plans/preview', body: proposal, authentication: 'bearer', signal });
  }

  /** Puts the invoice on the plan, the authorization accepted. */
  create(plan: NewPlan, { signal }: RequestOptions = {}): Promise<Plan> {
    return this.#connection.request<Plan>({ method: 'POST', path: '/plans', body: plan, authentication: 'bearer', signal });
  }

  /** The client's plans, newest first; `invoiceId` keeps those of one invoice. */
  async list(query: { invoiceId?: string } = {}, { signal }: RequestOptions = {}): Promise<Plan[]> {
    const search = query.invoiceId ? `?invoiceId=${encodeURIComponent(query.invoiceId)}` : '';
    const { data } = await this.#connection.request<{ data: Plan[] }>({ method: 'GET', path: `/plans${search}`, authentication: 'bearer', signal });
    return data;
  }

  /** Cancels the plan: nothing more is charged and the authorization is revoked. */
  cancel(id: string, { signal }: RequestOptions = {}): Promise<Plan> {
    return this.#connection.request<Plan>({ method: 'POST', path: `/plans/${encodeURIComponent(id)}/cancel`, authentication: 'bearer', signal });
  }
}
