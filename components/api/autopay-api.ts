import type { ServiceConnection } from './connection.ts';
import type { AutopayEnrolment, AutopayMatters, AutopayPreview, AutopayProposal, NewAutopay, RequestOptions } from './types.ts';

/** The signed-in client's autopay: `/api/v1/autopay`. */
export class AutopayApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** Whether the firm offers autopay, and the client's matters with autopay on or off. */
  matters({ signal }: RequestOptions = {}): Promise<AutopayMatters> {
    return this.#connection.request<AutopayMatters>({ method: 'GET', path: '/autopay/matters', authentication: 'bearer', signal });
  }

  /** The authorization text for autopay on this matter with this method; nothing is stored. */
  preview(proposal: AutopayProposal, { signal }: RequestOptions = {}): Promise<AutopayPreview> {
    return this.#connection.request<AutopayPreview>({ method: 'POST', path: '/autopay/preview', body: proposal, authentication: 'bearer', signal });
  }

  /** Turns autopay on for the matter, the authorization accepted. */
  enrol(enrolment: NewAutopay, { signal }: RequestOptions = {}): Promise<AutopayEnrolment> {
    return this.#connection.request<AutopayEnrolment>({ method: 'POST', path: '/autopay', body: enrolment, authentication: 'bearer', signal });
  }

  /** The client's enrolments with their charges, newest first; `status: 'active'` keeps those on. */
  async list(query: { status?: 'active' | 'cancelled' | 'stopped' } = {}, { signal }: RequestOptions = {}): Promise<AutopayEnrolment[]> {
    const search = query.status ? `?status=${query.status}` : '';
    const { data } = await this.#connection.request<{ data: AutopayEnrolment[] }>({
      method: 'GET',
      path: `/autopay${search}`,
      authentication: 'bearer',
      signal,
    });
    return data;
  }

  /** Turns autopay off: nothing more is charged and the authorization is revoked. */
  cancel(id: string, { signal }: RequestOptions = {}): Promise<AutopayEnrolment> {
    return this.#connection.request<AutopayEnrolment>({ method: 'POST', path: `/autopay/${encodeURIComponent(id)}/cancel`, authentication: 'bearer', signal });
  }
}
