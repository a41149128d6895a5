import type { ServiceConnection } from './connection.ts';
import type {
  CheckoutResult,
  DocumentOptions,
  DownloadedFile,
  MandateQuery,
  Page,
  PageQuery,
  Payment,
  PaymentQuote,
  PaymentQuoteRequest,
  PaymentRequest,
  PaymentSetup,
  RequestOptions,
} from './types.ts';

/** The signed-in client's payments: `/api/v1/payments`. */
export class PaymentsApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /**
   * Payment history, newest first, a page at a time. Rejects with a 403 `ApiError` whose code is
   * `payments_hidden` when the firm does not show payment history to clients.
   */
  list({ limit, cursor }: PageQuery = {}, { signal }: RequestOptions = {}): Promise<Page<Payment>> {
    return this.#connection.request<Page<Payment>>({
      method: 'GET',
      path: '/payments',
      query: { limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * A received payment's receipt as a PDF (`Receipt-<number>.pdf`), written in `language`, to save
   * with `saveFile`. Rejects with a 404 `ApiError` whose code is `receipt_not_available` for a
   * failed payment or a bank payment that has not settled.
   */
  receipt(id: string, { language, signal }: DocumentOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: `/payments/${encodeURIComponent(id)}/receipt.pdf`,
      query: { lang: language },
      headers: { Accept: 'application/pdf' },
      authentication: 'bearer',
      signal,
    });
  }

  /** Which processor takes payments, and where the browser sends card and account details to it. */
  setup({ signal }: RequestOptions = {}): Promise<PaymentSetup> {
    return this.#connection.request<PaymentSetup>({ method: 'GET', path: '/payments/setup', authentication: 'bearer', signal });
  }

  /** The ACH debit authorization the client must accept before paying from `account`. */
  async mandate(account: MandateQuery, { signal }: RequestOptions = {}): Promise<string> {
    const { text } = await this.#connection.request<{ text: string }>({
      method: 'GET',
      path: '/payments/mandate',
      query: { amount: account.amount, bankName: account.bankName, accountType: account.accountType, last4: account.last4 },
      authentication: 'bearer',
      signal,
    });
    return text;
  }

  /**
   * What paying `allocations` with this method comes to, with the card surcharge the firm's rules
   * give (computed by the service; nothing is charged or held). Send its `total` as the payment's
   * `amount`.
   */
  quote(request: PaymentQuoteRequest, { signal }: RequestOptions = {}): Promise<PaymentQuote> {
    return this.#connection.request<PaymentQuote>({ method: 'POST', path: '/payments/quote', body: request, authentication: 'bearer', signal });
  }

  /**
   * Pays invoices with a processor token or a saved method. `idempotencyKey` must be new for each
   * payment and the same when the very same request is sent again after a lost answer, so that a
   * retry can never pay twice.
   */
  create(payment: PaymentRequest, { idempotencyKey, signal }: RequestOptions & { idempotencyKey: string }): Promise<CheckoutResult> {
    return this.#connection.request<CheckoutResult>({
      method: 'POST',
      path: '/payments',
      body: payment,
      headers: { 'Idempotency-Key': idempotencyKey },
      authentication: 'bearer',
      signal,
    });
  }

  /** Asks how a payment ended after the client completed (or refused) 3-D Secure. */
  confirm(id: string, { signal }: RequestOptions = {}): Promise<Payment> {
    return this.#connection.request<Payment>({
      method: 'POST',
      path: `/payments/${encodeURIComponent(id)}/confirm`,
      authentication: 'bearer',
      signal,
    });
  }
}
