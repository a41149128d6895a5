import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Allocation, Payment, PaymentMethodSummary, PaymentRefund, PaymentStatus } from './payment.ts';

interface PaymentRow {
  id: string; contact_id: string; processor: string | null; processor_ref: string | null; amount: number; currency: string; method_type: PaymentMethodSummary['type']; method_brand: string | null;
  method_last4: string | null; source: 'portal' | 'firm'; reference: string | null; receipt_number: string; created_at: string;
  status: PaymentStatus; status_reason: string | null; status_at: string; checkout_id: string | null;
}

const select = `
  SELECT p.*, s.status, s.reason AS status_reason, s.occurred_at AS status_at
  FROM payments p
  JOIN payment_events s ON s.id = (SELECT MAX(e.id) FROM payment_events e WHERE e.payment_id = p.id)`;

/** What the firm may filter its payments by. */
export interface FirmPaymentFilter {
  status?: PaymentStatus;
  contactId?: string;
  invoiceId?: string;
  methodType?: PaymentMethodSummary['type'];
  depositAccount?: 'operating' | 'trust';
  /** Made at or after this instant, and before `createdBefore`. */
  createdFrom?: string;
  createdBefore?: string;
}

/** One allocation of a payment or of a refund (a negative amount), as the reconciliation export lists it. */
export interface ExportRow {
  createdAt: string;
  receiptNumber: string;
  contactName: string;
  contactEmail: string;
  invoiceNumber: string;
  amount: number;
  currency: string;
  methodType: string;
  methodBrand: string | null;
  methodLast4: string | null;
  reference: string | null;
  depositAccount: string;
  /** The payment's status; for a refund row, `refunded` or `refund_pending`. */
  status: PaymentStatus | 'refund_pending';
  paymentId: string;
  refundId: string | null;
}

export interface NewPayment {
  firmId: string;
  contactId: string;
  amount: number;
  currency: string;
  method: PaymentMethodSummary;
  source: 'portal' | 'firm';
  reference: string | null;
  allocations: Omit<Allocation, 'invoiceNumber'>[];
  status: PaymentStatus;
  checkoutId?: string | null;
  processor?: string | null;
  /** The processor's id of the method to be charged. */
  methodRef?: string | null;
  savedMethodId?: string | null;
}

/**
 * The payments ledger. Payments and allocations are written once and never updated; each change
 * of status is a new event. Writers call `record` inside their own IMMEDIATE transaction, after
 * checking balances in that same transaction.
 */
/** A row of the export queries: the payment, client and invoice columns both kinds of row share. */
function toExportRow(row: Record<string, any>, entry: Pick<ExportRow, 'amount' | 'status' | 'refundId'>): ExportRow {
  return {
    paymentId: row.id, createdAt: row.created_at, receiptNumber: row.receipt_number, contactName: row.contact_name, contactEmail: row.contact_email,
    invoiceNumber: row.invoice_number, currency: row.currency, methodType: row.method_type, methodBrand: row.method_brand,
    methodLast4: row.method_last4, reference: row.reference, depositAccount: row.deposit_account, ...entry,
  };
}

export class PaymentsRepository {
  #insertPayment;
  #insertAllocation;
  #insertEvent;
  #allocations;
  #refunds;
  #byId;
  #nextReceiptNumber;

  /**
   * Hands out the firm's next receipt number from its counter, inside the payment's transaction
   * (a firm without a counter yet starts at R-100001). Exported for the query-plan tests.
   */
  static readonly receiptNumberStatement = `INSERT INTO firm_counters (firm_id, name, value) VALUES (?, 'receipt_number', 100001)
    ON CONFLICT (firm_id, name) DO UPDATE SET value = value + 1 RETURNING value`;

  constructor(private readonly db: Db) {
    this.#insertPayment = db.prepare(
      `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, method_brand, method_last4, source, reference,
         receipt_number, checkout_id, processor, method_ref, saved_method_id, created_at)
       VALUES (@id, @firmId, @contactId, @amount, @currency, @type, @brand, @last4, @source, @reference,
         @receiptNumber, @checkoutId, @processor, @methodRef, @savedMethodId, @now)`,
    );
    this.#insertAllocation = db.prepare(
      'INSERT INTO payment_allocations (payment_id, invoice_id, amount, deposit_account) VALUES (?, ?, ?, ?)',
    );
    this.#insertEvent = db.prepare('INSERT INTO payment_events (payment_id, status, reason, occurred_at) VALUES (?, ?, ?, ?)');
    this.#allocations = db.prepare<[string], { invoice_id: string; number: string; amount: number; deposit_account: 'operating' | 'trust' }>(
      `SELECT a.invoice_id, i.number, a.amount, a.deposit_account
       FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY i.number`,
    );
    this.#refunds = db.prepare<[string], { id: string; amount: number; status: PaymentRefund['status']; created_at: string }>(
      "SELECT id, amount, status, created_at FROM refunds WHERE payment_id = ? AND status <> 'failed' ORDER BY created_at, rowid",
    );
    this.#byId = db.prepare<[string, string, string], PaymentRow>(`${select} WHERE p.firm_id = ? AND p.contact_id = ? AND p.id = ?`);
    this.#nextReceiptNumber = db.prepare<[string], { value: number }>(PaymentsRepository.receiptNumberStatement);
  }

  /** Writes a payment, its allocations and its first status. Call inside a transaction. */
  record(payment: NewPayment, now: string): string {
    const id = newId('pay');
    const receiptNumber = `R-${this.#nextReceiptNumber.get(payment.firmId)!.value}`;
    this.#insertPayment.run({
      id,
      firmId: payment.firmId,
      contactId: payment.contactId,
      amount: payment.amount,
      currency: payment.currency,
      ...payment.method,
      source: payment.source,
      reference: payment.reference,
      receiptNumber,
      checkoutId: payment.checkoutId ?? null,
      processor: payment.processor ?? null,
      methodRef: payment.methodRef ?? null,
      savedMethodId: payment.savedMethodId ?? null,
      now,
    });
    for (const allocation of payment.allocations) {
      this.#insertAllocation.run(id, allocation.invoiceId, allocation.amount, allocation.depositAccount);
    }
    this.#insertEvent.run(id, payment.status, null, now);
    return id;
  }

  addEvent(paymentId: string, status: PaymentStatus, reason: string | null, now: string): void {
    this.#insertEvent.run(paymentId, status, reason, now);
  }

  /** The processor's id for the charge, known only once it answers; written once. */
  setProcessorRef(paymentId: string, processorRef: string): boolean {
    return this.db.prepare('UPDATE payments SET processor_ref = ? WHERE id = ? AND processor_ref IS NULL').run(processorRef, paymentId).changes === 1;
  }

  /** Who a processor's charge belongs to, for events that arrive later. */
  byProcessorRef(processor: string, processorRef: string) {
    return this.db
      .prepare<[string, string], { id: string; firm_id: string; contact_id: string }>('SELECT id, firm_id, contact_id FROM payments WHERE processor = ? AND processor_ref = ?')
      .get(processor, processorRef);
  }

  /** Payments made between `since` and `before` still waiting for 3-D Secure, oldest first. */
  waitingForAuthentication(since: string, before: string, limit = 100): string[] {
    return this.db
      .prepare<[string, string, number], { id: string }>(
        `SELECT p.id FROM payments p
         WHERE p.created_at >= ? AND p.created_at < ? AND p.processor IS NOT NULL
           AND (SELECT e.status FROM payment_events e WHERE e.payment_id = p.id ORDER BY e.id DESC LIMIT 1) = 'requires_action'
         ORDER BY p.created_at LIMIT ?`,
      )
      .all(since, before, limit)
      .map((row) => row.id);
  }

  /** Who made a payment, for the emails about it. */
  ownerOf(paymentId: string): { firmId: string; contactId: string } | undefined {
    const row = this.db.prepare<[string], { firm_id: string; contact_id: string }>('SELECT firm_id, contact_id FROM payments WHERE id = ?').get(paymentId);
    return row && { firmId: row.firm_id, contactId: row.contact_id };
  }

  /** The latest status and its reason, e.g. a decline code. */
  status(paymentId: string): { status: PaymentStatus; reason: string | null } | undefined {
    return this.db
      .prepare<[string], { status: PaymentStatus; reason: string | null }>('SELECT status, reason FROM payment_events WHERE payment_id = ? ORDER BY id DESC LIMIT 1')
      .get(paymentId);
  }

  processorRefOf(paymentId: string): { processor: string | null; processorRef: string | null } | undefined {
    return this.db
      .prepare<[string], { processor: string | null; processor_ref: string | null }>('SELECT processor, processor_ref FROM payments WHERE id = ?')
      .all(paymentId)
      .map((row) => ({ processor: row.processor, processorRef: row.processor_ref }))[0];
  }

  find(firmId: string, contactId: string, id: string): Payment | undefined {
    const row = this.#byId.get(firmId, contactId, id);
    return row && this.#toPayment(row);
  }

  /** A contact's payments, newest first, after the given position. */
  listForContact(firmId: string, contactId: string, page: { limit: number; after?: { createdAt: string; id: string } }): Payment[] {
    const after = page.after ? 'AND (p.created_at, p.id) < (@createdAt, @id)' : '';
    return this.db
      .prepare<Record<string, unknown>, PaymentRow>(
        `${select} WHERE p.firm_id = @firmId AND p.contact_id = @contactId ${after} ORDER BY p.created_at DESC, p.id DESC LIMIT @limit`,
      )
      .all({ firmId, contactId, limit: page.limit, createdAt: page.after?.createdAt, id: page.after?.id })
      .map((row) => this.#toPayment(row));
  }

  /** The firm's payments, newest first, after a position; every filter optional. */
  listForFirm(firmId: string, filter: FirmPaymentFilter, page: { limit: number; after?: { createdAt: string; id: string } }): (Payment & { contactId: string })[] {
    const where = ['p.firm_id = @firmId'];
    if (filter.status) where.push('s.status = @status');
    if (filter.contactId) where.push('p.contact_id = @contactId');
    if (filter.methodType) where.push('p.method_type = @methodType');
    if (filter.invoiceId) where.push('EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.invoice_id = @invoiceId)');
    if (filter.depositAccount) where.push('EXISTS (SELECT 1 FROM payment_allocations a WHERE a.payment_id = p.id AND a.deposit_account = @depositAccount)');
    if (filter.createdFrom) where.push('p.created_at >= @createdFrom');
    if (filter.createdBefore) where.push('p.created_at < @createdBefore');
    if (page.after) where.push('(p.created_at, p.id) < (@afterCreatedAt, @afterId)');
    return this.db
      .prepare<Record<string, unknown>, PaymentRow>(`${select} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT @limit`)
      .all({ firmId, ...filter, limit: page.limit, afterCreatedAt: page.after?.createdAt, afterId: page.after?.id })
      .map((row) => ({ ...this.#toPayment(row), contactId: row.contact_id }));
  }

  /** One of the firm's payments with where it went at the processor, or undefined. */
  findForFirm(firmId: string, id: string): (Payment & { contactId: string; processor: string | null; processorRef: string | null }) | undefined {
    const row = this.db.prepare<[string, string], PaymentRow>(`${select} WHERE p.firm_id = ? AND p.id = ?`).get(firmId, id);
    return row && { ...this.#toPayment(row), contactId: row.contact_id, processor: row.processor, processorRef: row.processor_ref };
  }

  /** Every status a payment went through, oldest first. */
  history(paymentId: string): { status: PaymentStatus; at: string }[] {
    return this.db
      .prepare<[string], { status: PaymentStatus; occurred_at: string }>('SELECT status, occurred_at FROM payment_events WHERE payment_id = ? ORDER BY id')
      .all(paymentId)
      .map((row) => ({ status: row.status, at: row.occurred_at }));
  }

  /** One row per allocation of the firm's payments made in [from, before), oldest first. */
  exportRows(firmId: string, from: string, before: string): ExportRow[] {
    return this.db
      .prepare<[string, string, string], Record<string, any>>(
        `SELECT p.id, p.created_at, p.receipt_number, c.name AS contact_name, c.email AS contact_email, i.number AS invoice_number,
           a.amount, p.currency, p.method_type, p.method_brand, p.method_last4, p.reference, a.deposit_account, s.status
         FROM payments p
         JOIN payment_events s ON s.id = (SELECT MAX(e.id) FROM payment_events e WHERE e.payment_id = p.id)
         JOIN payment_allocations a ON a.payment_id = p.id
         JOIN invoices i ON i.id = a.invoice_id
         JOIN contacts c ON c.id = p.contact_id
         WHERE p.firm_id = ? AND p.created_at >= ? AND p.created_at < ?
         ORDER BY p.created_at, p.id, i.number`,
      )
      .all(firmId, from, before)
      .map((row) => toExportRow(row, { amount: row.amount, status: row.status, refundId: null }));
  }

  /** One row per invoice a refund made in [from, before) gave money back from, as a negative amount, oldest first. */
  exportRefundRows(firmId: string, from: string, before: string): ExportRow[] {
    return this.db
      .prepare<[string, string, string], Record<string, any>>(
        `SELECT r.id AS refund_id, r.created_at, r.status, p.id, p.receipt_number, c.name AS contact_name, c.email AS contact_email,
           i.number AS invoice_number, ra.amount, r.currency, p.method_type, p.method_brand, p.method_last4, p.reference, a.deposit_account
         FROM refunds r
         JOIN payments p ON p.id = r.payment_id
         JOIN refund_allocations ra ON ra.refund_id = r.id
         JOIN payment_allocations a ON a.payment_id = p.id AND a.invoice_id = ra.invoice_id
         JOIN invoices i ON i.id = ra.invoice_id
         JOIN contacts c ON c.id = p.contact_id
         WHERE r.firm_id = ? AND r.status IN ('pending', 'succeeded') AND r.created_at >= ? AND r.created_at < ?
         ORDER BY r.created_at, r.id, i.number`,
      )
      .all(firmId, from, before)
      .map((row) => toExportRow(row, { amount: -row.amount, status: row.status === 'succeeded' ? 'refunded' : 'refund_pending', refundId: row.refund_id }));
  }

  #toPayment(row: PaymentRow): Payment {
    const refunds = this.#refunds.all(row.id).map((r): PaymentRefund => ({ id: r.id, amount: r.amount, status: r.status, createdAt: r.created_at }));
    return {
      id: row.id,
      status: row.status,
      amount: row.amount,
      currency: row.currency,
      method: { type: row.method_type, brand: row.method_brand, last4: row.method_last4 },
      source: row.source,
      reference: row.reference,
      receiptNumber: row.receipt_number,
      allocations: this.#allocations.all(row.id).map((a) => ({
        invoiceId: a.invoice_id,
        invoiceNumber: a.number,
        amount: a.amount,
        depositAccount: a.deposit_account,
      })),
      failure: row.status === 'failed' && row.status_reason ? (JSON.parse(row.status_reason) as Payment['failure']) : null,
      amountRefunded: refunds.reduce((sum, refund) => sum + (refund.status === 'succeeded' ? refund.amount : 0), 0),
      refunds,
      checkoutId: row.checkout_id,
      createdAt: row.created_at,
      updatedAt: row.status_at,
    };
  }
}
