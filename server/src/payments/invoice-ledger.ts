import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { AppliedPayment, InvoiceLedger } from '../invoices/index.ts';

/** A payment's status is its latest ledger event. */
const latestStatus = (paymentId: string) =>
  sql<string>`(SELECT e.status FROM payment_events e WHERE e.payment_id = ${sql.ref(paymentId)} ORDER BY e.id DESC LIMIT 1)`;

const allocatedWhere = (invoiceId: string, statuses: string[]) =>
  sql<number>`COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.invoice_id = ${sql.ref(invoiceId)} AND ${latestStatus('a.payment_id')} IN (${sql.join(statuses.map((status) => sql.lit(status)))})), 0)`;

/**
 * The payments ledger as the invoices see it. The sums are correlated subqueries on the
 * allocations' invoice index, so a page of invoices costs what its own rows cost.
 */
export class PaymentsInvoiceLedger implements InvoiceLedger {
  constructor(private readonly storage: Storage) {}

  /** A payment refunded in full is `refunded`, so neither its allocations nor its refunds count. */
  paid(invoiceId: string) {
    return sql<number>`(${allocatedWhere(invoiceId, ['succeeded'])} - COALESCE((SELECT SUM(r.amount) FROM refund_allocations r JOIN refunds f ON f.id = r.refund_id
  WHERE r.invoice_id = ${sql.ref(invoiceId)} AND f.status = 'succeeded' AND ${latestStatus('f.payment_id')} = 'succeeded'), 0))`;
  }

  pending(invoiceId: string) {
    return allocatedWhere(invoiceId, ['processing', 'requires_action']);
  }

  async applied(invoiceId: string): Promise<AppliedPayment[]> {
    const rows = await this.storage.db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', 'p.id', 'a.payment_id')
      .select(['p.id', 'p.receipt_number', 'p.created_at', 'a.amount', latestStatus('p.id').as('status'), 'p.method_type', 'p.method_brand', 'p.method_last4'])
      .where('a.invoice_id', '=', invoiceId)
      .where(latestStatus('p.id'), '<>', 'failed')
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute();
    return rows.map((p) => ({
      paymentId: p.id,
      receiptNumber: p.receipt_number,
      date: p.created_at,
      amount: p.amount,
      status: p.status,
      method: { type: p.method_type, brand: p.method_brand, last4: p.method_last4 },
    }));
  }
}
