import type { ServiceConnection } from './connection.ts';
import type { RequestOptions, SavedPaymentMethod } from './types.ts';

/** The payment methods the signed-in client saved for later: `/api/v1/payment-methods`. */
export class PaymentMethodsApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** The saved methods, oldest first. */
  async list({ signal }: RequestOptions = {}): Promise<SavedPaymentMethod[]> {
    const { data } = await this.#connection.request<{ data: SavedPaymentMethod[] }>({
      method: 'GET',
      path: '/payment-methods',
      authentication: 'bearer',
      signal,
    });
    return data;
  }

  /** Makes `id` the method `<portal-pay>` chooses first; answers the saved methods as they now are. */
  async setDefault(id: string, { signal }: RequestOptions = {}): Promise<SavedPaymentMethod[]> {
    const { data } = await this.#connection.request<{ data: SavedPaymentMethod[] }>({
      method: 'POST',
      path: `/payment-methods/${encodeURIComponent(id)}/default`,
      authentication: 'bearer',
      signal,
    });
    return data;
  }

  /** Forgets a saved method, here and at the processor. */
  remove(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({
      method: 'DELETE',
      path: `/payment-methods/${encodeURIComponent(id)}`,
      authentication: 'bearer',
      signal,
    });
  }
}
