import type { RawBuilder } from 'kysely';
import type { AppliedPayment } from './invoice.ts';

/**
 * What an invoice's figures need from the payments ledger. The payments component owns the
 * ledger's tables and provides this: the amounts as SQL that the invoice queries embed, so one
 * query still lists, filters and sorts a client's invoices by balance, and the payments applied
 * to one invoice.
 */
export interface InvoiceLedger {
  /** What settled payments paid on the invoice whose id is in `invoiceId` (a column such as `i.id`), less settled refunds. */
  paid(invoiceId: string): RawBuilder<number>;
  /** What payments still processing, or waiting on the client, hold of the invoice's balance. */
  pending(invoiceId: string): RawBuilder<number>;
  /**
   * `paid` and `pending` together from one read of the invoice's allocations: a subquery of one
   * row for a lateral join (PostgreSQL), so a list reads each invoice's ledger rows once, not twice.
   */
  sums(invoiceId: string): RawBuilder<{ paid: number; pending: number }>;
  /**
   * `paid` and `pending` of each of one client's invoices that has payments applied, from one
   * read of the client's allocations: a subquery of rows to join on `invoice_id` (PostgreSQL), for
   * a read of every one of the client's invoices. An invoice without a row has neither.
   */
  clientSums(firmId: string, contactId: string): RawBuilder<{ invoice_id: string; paid: number; pending: number }>;
  /** The payments applied to the invoice, oldest first, failed ones left out. */
  applied(invoiceId: string): Promise<AppliedPayment[]>;
}
