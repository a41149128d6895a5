import type * as schemas from '../../api/contract.ts';
import type { ServiceConnection } from '../../api/connection.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

export type FirmInvoice = schemas.FirmInvoice;
export type FirmInvoiceDetail = schemas.FirmInvoiceDetail;
export type FirmInvoicePage = schemas.FirmInvoicePage;
export type FirmInvoiceStatus = schemas.FirmInvoiceStatus;
export type NewInvoice = schemas.NewInvoice;
export type InvoiceChanges = schemas.InvoiceChanges;
export type InvoiceLineInput = NonNullable<NewInvoice['lines']>[number];
export type InvoicePayment = schemas.InvoicePayment;
export type RecordedPayment = schemas.Payment;

/** A status to list: one of the statuses, `unpaid` (open, partly paid, overdue), or `all` (drafts included). */
export type FirmInvoiceFilter = FirmInvoiceStatus | 'unpaid' | 'all';

/** The sort keys the service knows, with a leading `-` for descending. */
export type FirmInvoiceSort = `${'' | '-'}${'issuedOn' | 'dueOn' | 'number' | 'total' | 'balance'}`;

export interface FirmInvoiceQuery {
  status?: FirmInvoiceFilter;
  contactId?: string;
  depositAccount?: 'operating' | 'trust';
  /** Due on or after this date (`YYYY-MM-DD`). */
  dueFrom?: string;
  /** Due on or before this date. */
  dueTo?: string;
  sort?: FirmInvoiceSort;
  limit?: number;
  cursor?: string;
}

/**
 * The firm's invoices: `/api/v1/admin/invoices`. A new invoice is a draft the client cannot see
 * until it is sent; a sent one keeps its lines (void it and issue another).
 */
export class InvoicesApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /**
   * One page of the firm's invoices; `status: 'all'` (the default) includes drafts.
   *
   * @example client.invoices.list({ status: 'overdue', depositAccount: 'trust', sort: 'dueOn' }, { signal })
   */
  list(
    { status, contactId, depositAccount, dueFrom, dueTo, sort, limit, cursor }: FirmInvoiceQuery = {},
    { signal }: RequestOptions = {},
  ): Promise<FirmInvoicePage> {
    return this.#connection.request<FirmInvoicePage>({
      method: 'GET',
      path: '/admin/invoices',
      // The service adds drafts only when no status is asked for.
      query: { status: status === 'all' ? undefined : status, contactId, depositAccount, dueFrom, dueTo, sort, limit, cursor },
      authentication: 'bearer',
      signal,
    });
  }

  /** One invoice: lines, totals, payments applied, its lifecycle dates. */
  get(id: string, { signal }: RequestOptions = {}): Promise<FirmInvoiceDetail> {
    return this.#connection.request<FirmInvoiceDetail>({ method: 'GET', path: this.#path(id), authentication: 'bearer', signal });
  }

  /** Drafts an invoice; the service numbers it unless `number` is given. */
  create(invoice: NewInvoice, { signal }: RequestOptions = {}): Promise<FirmInvoiceDetail> {
    return this.#connection.request<FirmInvoiceDetail>({ method: 'POST', path: '/admin/invoices', body: invoice, authentication: 'bearer', signal });
  }

  /** Changes an invoice: a draft freely, a sent one all but its lines, number, issue date and account. */
  update(id: string, changes: InvoiceChanges, { signal }: RequestOptions = {}): Promise<FirmInvoiceDetail> {
    return this.#connection.request<FirmInvoiceDetail>({ method: 'PATCH', path: this.#path(id), body: changes, authentication: 'bearer', signal });
  }

  /** Deletes a draft (a sent invoice is voided instead). */
  async delete(id: string, { signal }: RequestOptions = {}): Promise<void> {
    await this.#connection.request<unknown>({ method: 'DELETE', path: this.#path(id), authentication: 'bearer', signal });
  }

  /** Publishes the invoice to the client and emails them; again, it emails them again. */
  send(id: string, { signal }: RequestOptions = {}): Promise<FirmInvoiceDetail> {
    return this.#connection.request<FirmInvoiceDetail>({ method: 'POST', path: `${this.#path(id)}/send`, authentication: 'bearer', signal });
  }

  /** Cancels an invoice that has no payments applied or on their way. */
  void(id: string, reason: string | undefined, { signal }: RequestOptions = {}): Promise<FirmInvoiceDetail> {
    return this.#connection.request<FirmInvoiceDetail>({
      method: 'POST',
      path: `${this.#path(id)}/void`,
      body: reason ? { reason } : {},
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * Records a check, wire or cash the firm received for the invoice. `idempotencyKey` is one
   * random value per payment: sending it again (a retry after a lost answer) gets the same
   * payment, never a second.
   *
   * @example client.invoices.recordPayment(id, { amount: 25000, method: { type: 'check', reference: '1042' } }, crypto.randomUUID(), { signal })
   */
  recordPayment(id: string, payment: InvoicePayment, idempotencyKey: string, { signal }: RequestOptions = {}): Promise<RecordedPayment> {
    return this.#connection.request<RecordedPayment>({
      method: 'POST',
      path: `${this.#path(id)}/payments`,
      body: payment,
      headers: { 'Idempotency-Key': idempotencyKey },
      authentication: 'bearer',
      signal,
    });
  }

  #path(id: string): string {
    return `/admin/invoices/${encodeURIComponent(id)}`;
  }
}
