import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

export type WebhookEndpoint = schemas.WebhookEndpoint;
export type WebhookEventType = schemas.WebhookEventType;
export type NewWebhookEndpoint = schemas.NewWebhookEndpoint;
export type WebhookEndpointChanges = schemas.WebhookEndpointChanges;
/** A new endpoint with its signing secret (`whsec_…`), shown this once. */
export type NewWebhookEndpointResult = schemas.NewWebhookEndpointResult;
export type RotatedWebhookSecret = schemas.RotatedWebhookSecret;
export type WebhookDelivery = schemas.WebhookDelivery;
export type WebhookDeliveryPage = schemas.WebhookDeliveryPage;

/**
 * Where the firm's own software hears of payments, messages and uploads
 * (`/api/v1/admin/webhook-endpoints`), and each endpoint's delivery log. Needs `admin`.
 */
export class WebhooksApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /** Every endpoint of the firm. */
  async list({ signal }: RequestOptions = {}): Promise<WebhookEndpoint[]> {
    const list = await this.#connection.request<schemas.WebhookEndpointList>({
      method: 'GET',
      path: '/admin/webhook-endpoints',
      authentication: 'bearer',
      signal,
    });
    return list.data;
  }

  /** Adds an endpoint; the answer carries its signing secret, shown this once. */
  create(endpoint: NewWebhookEndpoint, { signal }: RequestOptions = {}): Promise<NewWebhookEndpointResult> {
    return this.#connection.request({ method: 'POST', path: '/admin/webhook-endpoints', body: endpoint, authentication: 'bearer', signal });
  }

  /** Changes an endpoint's URL, events, description, or turns it on or off. */
  update(id: string, changes: WebhookEndpointChanges, { signal }: RequestOptions = {}): Promise<WebhookEndpoint> {
    return this.#connection.request({ method: 'PATCH', path: this.#path(id), body: changes, authentication: 'bearer', signal });
  }

  /** Deletes an endpoint and stops its deliveries. */
  remove(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request({ method: 'DELETE', path: this.#path(id), authentication: 'bearer', signal });
  }

  /** A new signing secret, shown this once; the old one keeps signing until `previousValidUntil`. */
  rotateSecret(id: string, { signal }: RequestOptions = {}): Promise<RotatedWebhookSecret> {
    return this.#connection.request({ method: 'POST', path: `${this.#path(id)}/secret`, authentication: 'bearer', signal });
  }

  /** An endpoint's deliveries, newest first, a page at a time. */
  deliveries(id: string, { limit, cursor }: { limit?: number; cursor?: string } = {}, { signal }: RequestOptions = {}): Promise<WebhookDeliveryPage> {
    return this.#connection.request({ method: 'GET', path: `${this.#path(id)}/deliveries`, query: { limit, cursor }, authentication: 'bearer', signal });
  }

  /** Sends a delivery again now. */
  retry(id: string, deliveryId: string, { signal }: RequestOptions = {}): Promise<WebhookDelivery> {
    return this.#connection.request({
      method: 'POST',
      path: `${this.#path(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`,
      authentication: 'bearer',
      signal,
    });
  }

  #path(id: string): string {
    return `/admin/webhook-endpoints/${encodeURIComponent(id)}`;
  }
}
