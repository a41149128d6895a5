import type * as schemas from '../../api/contract.ts';
import type { ServiceConnection } from '../../api/connection.ts';
import type { DownloadedFile, RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A payment as the firm lists it: also whose it is. */
export type FirmPaymentSummary = schemas.FirmPaymentSummary;
export type FirmPaymentPage = schemas.FirmPaymentPage;
/** One payment as the firm sees it: client, processor ids, status history, refunds, authorization. */
export type FirmPayment = schemas.FirmPayment;
export type FirmRefund = schemas.Refund;
export type RefundResult = schemas.RefundResult;
export type PaymentTotals = schemas.PaymentTotals;
export type PaymentTotal = PaymentTotals['data'][number];
export type PaymentStatus = schemas.PaymentStatus;
export type PaymentMethodType = schemas.PaymentMethodType;

/** Which of the firm's payments: every field optional. */
export interface FirmPaymentFilter {
  status?: PaymentStatus;
  contactId?: string;
  invoiceId?: string;
  methodType?: PaymentMethodType;
  depositAccount?: 'operating' | 'trust';
  /** Made on or after this day (`YYYY-MM-DD`, UTC). */
  createdFrom?: string;
  /** Made on or before this day. */
  createdTo?: string;
}

export interface FirmPaymentQuery extends FirmPaymentFilter {
  limit?: number;
  cursor?: string;
}

/** The export's days (both included, at most a year apart) and the list's other filters. */
export interface PaymentExportQuery extends Omit<FirmPaymentFilter, 'createdFrom' | 'createdTo'> {
  from: string;
  to: string;
}

export interface RefundOptions extends RequestOptions {
  /**
   * The refund's Idempotency-Key. Send the same key again to retry the same refund after a lost
   * answer (it is never made twice); a new one for each new refund.
   */
  idempotencyKey: string;
}

/**
 * The firm's payments: `/api/v1/admin/payments`: the list with its filters and totals, one
 * payment's detail, refunds through the processor and the reconciliation CSV.
 */
export class PaymentsApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /**
   * One page of the firm's payments, newest first.
   *
   * @example client.payments.list({ status: 'succeeded', depositAccount: 'trust', createdFrom: '2026-03-01' }, { signal })
   */
  list(query: FirmPaymentQuery = {}, { signal }: RequestOptions = {}): Promise<FirmPaymentPage> {
    return this.#connection.request<FirmPaymentPage>({ method: 'GET', path: '/admin/payments', query: { ...query }, authentication: 'bearer', signal });
  }

  /** What the payments a filter selects add up to, one entry per currency. */
  totals(filter: FirmPaymentFilter = {}, { signal }: RequestOptions = {}): Promise<PaymentTotals> {
    return this.#connection.request<PaymentTotals>({ method: 'GET', path: '/admin/payments/totals', query: { ...filter }, authentication: 'bearer', signal });
  }

  /** One payment: its client, method, status history, allocations, refunds and authorization. */
  get(id: string, { signal }: RequestOptions = {}): Promise<FirmPayment> {
    return this.#connection.request<FirmPayment>({ method: 'GET', path: `/admin/payments/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }

  /**
   * Refunds all or part of a payment through the processor. Rejects with an `ApiError`:
   * `amount_exceeds_refundable` (422, field `amount`, `refundable`), `payment_not_settled` (a bank
   * debit still processing), `payment_not_refundable`, `payment_disputed`, `role_forbidden` (403).
   */
  refund(paymentId: string, refund: schemas.NewRefund, { idempotencyKey, signal }: RefundOptions): Promise<RefundResult> {
    return this.#connection.request<RefundResult>({
      method: 'POST',
      path: `/admin/payments/${encodeURIComponent(paymentId)}/refunds`,
      body: refund,
      headers: { 'Idempotency-Key': idempotencyKey },
      authentication: 'bearer',
      signal,
    });
  }

  /** The reconciliation CSV of the chosen days and filters, to save with `saveFile`. */
  exportCsv(query: PaymentExportQuery, { signal }: RequestOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: '/admin/payments/export',
      query: { ...query },
      headers: { Accept: 'text/csv' },
      authentication: 'bearer',
      signal,
    });
  }
}
