import { isAbortError } from './api-error.ts';
import { networkError } from './failed-call.ts';
import type { BankAccountDetails, CardDetails, FetchFunction, LinkInstitution, LinkStep, ProcessorPaymentMethod, RequestOptions } from './types.ts';

/**
 * The processor refused what the browser sent it, in Stripe's terms: `type` (`card_error`,
 * `invalid_request_error`, or `link_error` for the bank sign-in), `code`, a `message` in English
 * and the `param` it is about (`card[number]`, `us_bank_account[routing_number]`…).
 */
export class ProcessorError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string;
  readonly param: string | undefined;

  constructor(init: { status: number; type: string; code: string; message: string; param?: string | undefined }) {
    super(init.message);
    this.name = 'ProcessorError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
  }
}

/**
 * The sandbox processor's browser-facing API, which mirrors Stripe's: card and bank account
 * details go here, from the browser, and come back as a `pm_…` token for the token service. It
 * also runs the sandbox's 3-D Secure page and its stand-in for Plaid Link. No sign-in token or
 * cookie is ever sent to it.
 *
 * A refusal rejects with a `ProcessorError`; no answer at all with an `ApiError` whose code is
 * `network_error`.
 */
export class SandboxApi {
  readonly baseUrl: string;
  readonly #fetch: FetchFunction;

  constructor(baseUrl: string, fetchFunction: FetchFunction) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = fetchFunction;
  }

  /** Tokenizes a card. */
  createCardMethod(card: CardDetails, { signal }: RequestOptions = {}): Promise<ProcessorPaymentMethod> {
    return this.#post<ProcessorPaymentMethod>(
      '/v1/payment_methods',
      {
        type: 'card',
        card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc },
        billing_details: { name: card.name, address: { postal_code: card.postalCode } },
      },
      signal,
    );
  }

  /** Tokenizes a bank account for debits. */
  createBankAccountMethod(account: BankAccountDetails, { signal }: RequestOptions = {}): Promise<ProcessorPaymentMethod> {
    return this.#post<ProcessorPaymentMethod>(
      '/v1/payment_methods',
      {
        type: 'us_bank_account',
        us_bank_account: {
          routing_number: account.routing_number,
          account_number: account.account_number,
          account_type: account.account_type,
        },
        billing_details: { name: account.name },
      },
      signal,
    );
  }

  /**
   * The client's answer on the 3-D Secure page. `clientSecret` is the one `POST /payments`
   * returned; the payment intent's id is its part before `_secret_`.
   */
  authenticate(clientSecret: string, outcome: 'approve' | 'deny', { signal }: RequestOptions = {}): Promise<{ id: string; status: string }> {
    const at = clientSecret.indexOf('_secret_');
    const intent = at < 0 ? clientSecret : clientSecret.slice(0, at);
    return this.#post(`/v1/payment_intents/${encodeURIComponent(intent)}/authenticate`, { client_secret: clientSecret, outcome }, signal);
  }

  /** Banks whose name contains `query` (every bank for an empty query). */
  async institutions(query: string, { signal }: RequestOptions = {}): Promise<LinkInstitution[]> {
    const { institutions } = await this.#send<{ institutions: LinkInstitution[] }>(
      'GET',
      `/link/institutions?${new URLSearchParams({ query })}`,
      undefined,
      signal,
    );
    return institutions;
  }

  /** Signs in to the bank in a link session. */
  signIn(linkToken: string, credentials: { institutionId: string; username: string; password: string }, { signal }: RequestOptions = {}): Promise<LinkStep> {
    return this.#post<LinkStep>(`/link/sessions/${encodeURIComponent(linkToken)}/credentials`, credentials, signal);
  }

  /** Answers the bank's one-time code. */
  verifyCode(linkToken: string, code: string, { signal }: RequestOptions = {}): Promise<LinkStep> {
    return this.#post<LinkStep>(`/link/sessions/${encodeURIComponent(linkToken)}/mfa`, { code }, signal);
  }

  /** Chooses the account to debit; the session ends with a public token for the token service. */
  chooseAccount(linkToken: string, accountId: string, { signal }: RequestOptions = {}): Promise<{ publicToken: string }> {
    return this.#post<{ publicToken: string }>(`/link/sessions/${encodeURIComponent(linkToken)}/account`, { accountId }, signal);
  }

  #post<T>(path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    return this.#send<T>('POST', path, body, signal);
  }

  async #send<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal | undefined): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'omit',
        mode: 'cors',
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isAbortError(error)) throw error;
      throw networkError(error);
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch (error) {
      if (isAbortError(error)) throw error;
      answer = undefined;
    }
    if (response.ok && answer !== undefined) return answer as T;
    throw processorError(response.status, answer);
  }
}

function processorError(status: number, answer: unknown): ProcessorError {
  const error = (answer as { error?: Record<string, unknown> } | undefined)?.error;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return new ProcessorError({
    status,
    type: text(error?.type) ?? (status === 400 && error && !error.type ? 'link_error' : 'api_error'),
    code: text(error?.code) ?? `http_${status}`,
    message: text(error?.message) ?? `The payment processor answered with an unexpected error (HTTP ${status}).`,
    param: text(error?.param),
  });
}
