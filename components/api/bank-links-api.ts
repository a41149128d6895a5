import type { ServiceConnection } from './connection.ts';
import type { BankLinkSession, LinkedBankAccount, RequestOptions } from './types.ts';

/** Bank sign-in for bank debits: `/api/v1/bank-links`. */
export class BankLinksApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** Starts a bank sign-in: a link token for the provider's sign-in (Plaid Link, or the sandbox's). */
  create({ signal }: RequestOptions = {}): Promise<BankLinkSession> {
    return this.#connection.request<BankLinkSession>({ method: 'POST', path: '/bank-links', body: {}, authentication: 'bearer', signal });
  }

  /** Turns the public token the sign-in ended with into a bank account ready to debit. */
  async exchange({ publicToken, accountId }: { publicToken: string; accountId?: string }, { signal }: RequestOptions = {}): Promise<LinkedBankAccount> {
    const { paymentMethod } = await this.#connection.request<{ paymentMethod: LinkedBankAccount }>({
      method: 'POST',
      path: '/bank-links/exchange',
      body: accountId ? { publicToken, accountId } : { publicToken },
      authentication: 'bearer',
      signal,
    });
    return paymentMethod;
  }
}
