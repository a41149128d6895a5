import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { AppliedPayment, InvoiceLedger } from '../invoices/index.ts';

/** A payment's status is its latest ledger event. */
const latestStatus = (paymentId: string) =>
  sql<string>`(SELECT e.status FROM payment_events e WHERE e.payment_id = ${sql.ref(paymentId)} ORDER BY e.id DESC LIMIT 1)`;

const allocatedWhere = (invoiceId: string, statuses: string[]) =>
  sql<number>`COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.invoice_id = ${sql.ref(invoiceId)} AND ${latestStatus('a.payment_id')} IN (${sql.join(statuses.map((status) => sql.lit(status)))})), 0)`;

/** What settled refunds gave back of the invoice; a payment refunded in full is `refunded`, so its refunds no longer count. */
const refunded = (invoiceId: string) =>
  sql<number>`COALESCE((SELECT SUM(r.amount) FROM refund_allocations r JOIN refunds f ON f.id = r.refund_id
  WHERE r.invoice_id = ${sql.ref(invoiceId)} AND f.status = 'succeeded' AND ${latestStatus('f.payment_id')} = 'succeeded'), 0)`;

const pendingStatuses = ['processing', 'requires_action'];

/**
 * The payments ledger as the invoices see it. The sums are correlated subqueries on the
 * allocations' invoice index, so a page of invoices costs what its own rows cost.
 */
export class PaymentsInvoiceLedger implements InvoiceLedger {
  constructor(private readonly storage: Storage) {}

  /** A payment refunded in full is `refunded`, so neither its allocations nor its refunds count. */
  paid(invoiceId: string) {
    return sql<number>`(${allocatedWhere(invoiceId, ['succeeded'])} - ${refunded(invoiceId)})`;
  }

  pending(invoiceId: string) {
    return allocatedWhere(invoiceId, pendingStatuses);
  }

  /**
   * Both sums from one pass over the allocations, each with its payment's latest status looked up
   * once (a LATERAL, so PostgreSQL cannot inline the lookup into both sums). The join drops only an
   * allocation whose payment has no event, which neither sum counts.
   */
  sums(invoiceId: string) {
    const statuses = sql.join(pendingStatuses.map((status) => sql.lit(status)));
    return sql<{ paid: number; pending: number }>`(SELECT
    COALESCE(SUM(CASE WHEN s.status = 'succeeded' THEN a.amount END), 0) - ${refunded(invoiceId)} AS paid,
    COALESCE(SUM(CASE WHEN s.status IN (${statuses}) THEN a.amount END), 0) AS pending
  FROM payment_allocations a
  CROSS JOIN LATERAL (SELECT e.status FROM payment_events e WHERE e.payment_id = a.payment_id ORDER BY e.id DESC LIMIT 1) s
  WHERE a.invoice_id = ${sql.ref(invoiceId)})`;
  }

  /**
   * The same sums for every invoice of one client at once (PostgreSQL), each part of it one range
   * of an index led by the firm and the client: the client's allocations
   * (`payment_allocations_contact`), the events of the client's payments (`payment_events_contact`,
   * read newest first, so each payment's first row is its latest status) and the client's refund
   * allocations (`refund_allocations_contact`), joined together by payment and by invoice. Looking
   * up each allocation's latest status, and each paid invoice's refunds, read a page for each; the
   * settled refunds are kept apart (MATERIALIZED) so that they are never sought payment by payment.
   * An allocation whose payment has no event counts in neither sum (the join drops it); a payment
   * refunded in full is `refunded`, so neither its allocations nor its refunds count.
   */
  clientSums(firmId: string, contactId: string) {
    const statuses = sql.join(pendingStatuses.map((status) => sql.lit(status)));
    return sql<{ invoice_id: string; paid: number; pending: number }>`(WITH s AS (
    SELECT DISTINCT ON (e.payment_id) e.payment_id, e.status FROM payment_events e
    WHERE e.firm_id = ${firmId} AND e.contact_id = ${contactId}
    ORDER BY e.payment_id DESC, e.id DESC
  ), settled AS MATERIALIZED (
    SELECT r.invoice_id, f.payment_id, r.amount FROM refund_allocations r
    JOIN refunds f ON f.id = r.refund_id
    WHERE r.firm_id = ${firmId} AND r.contact_id = ${contactId} AND f.status = 'succeeded'
  ), r AS (
    SELECT settled.invoice_id, SUM(settled.amount) AS amount FROM settled
    JOIN s ON s.payment_id = settled.payment_id
    WHERE s.status = 'succeeded'
    GROUP BY settled.invoice_id
  )
  SELECT a.invoice_id,
    COALESCE(SUM(CASE WHEN s.status = 'succeeded' THEN a.amount END), 0) - COALESCE(MAX(r.amount), 0) AS paid,
    COALESCE(SUM(CASE WHEN s.status IN (${statuses}) THEN a.amount END), 0) AS pending
  FROM payment_allocations a
  JOIN s ON s.payment_id = a.payment_id
  LEFT JOIN r ON r.invoice_id = a.invoice_id
  WHERE a.firm_id = ${firmId} AND a.contact_id = ${contactId}
  GROUP BY a.invoice_id)`;
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
