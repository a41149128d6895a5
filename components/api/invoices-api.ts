import type { ServiceConnection } from './connection.ts';
import type { DocumentOptions, DownloadedFile, InvoiceDetail, InvoiceListQuery, InvoiceSummary, OutstandingInvoices, Page, RequestOptions } from './types.ts';

/** The signed-in client's invoices: `/api/v1/invoices`. */
export class InvoicesApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /**
   * One page of invoices (never drafts).
   *
   * @example client.invoices.list({ status: 'unpaid', sort: 'dueOn', limit: 100 }, { signal })
   */
  list({ status, sort, limit, cursor }: InvoiceListQuery = {}, { signal }: RequestOptions = {}): Promise<Page<InvoiceSummary>> {
    return this.#connection.request<Page<InvoiceSummary>>({
      method: 'GET',
      path: '/invoices',
      query: {
        status: typeof status === 'string' || status === undefined ? status : status.join(','),
        sort,
        limit,
        cursor: cursor ?? undefined,
      },
      authentication: 'bearer',
      signal,
    });
  }

  /** What the client owes now: every unpaid invoice with something left to pay, and their sum (null across currencies). */
  outstanding({ signal }: RequestOptions = {}): Promise<OutstandingInvoices> {
    return this.#connection.request<OutstandingInvoices>({ method: 'GET', path: '/invoices/outstanding', authentication: 'bearer', signal });
  }

  /** One invoice with its lines and applied payments. Rejects with a 404 `ApiError` for another client's invoice. */
  get(id: string, { signal }: RequestOptions = {}): Promise<InvoiceDetail> {
    return this.#connection.request<InvoiceDetail>({
      method: 'GET',
      path: `/invoices/${encodeURIComponent(id)}`,
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * The invoice as a PDF (`Invoice-<number>.pdf`), written in `language` (the portal's, e.g. `es`),
   * to save with `saveFile`. Rejects with a 404 `ApiError` for another client's invoice.
   *
   * @example const { blob, fileName } = await client.invoices.pdf(id, { language: 'es' })
   */
  pdf(id: string, { language, signal }: DocumentOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: `/invoices/${encodeURIComponent(id)}/pdf`,
      query: { lang: language },
      headers: { Accept: 'application/pdf' },
      authentication: 'bearer',
      signal,
    });
  }
}
