import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { nextCounterValue } from '../db/counters.ts';
import { newId } from '../db/ids.ts';
import type { PaymentEventsTable, PaymentsTable, Schema } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import type { Allocation, PaymentMethodSummary, PaymentRecord, PaymentRefund, PaymentStatus } from './payment.ts';

type Payment = PaymentRecord;

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

/** What the firm's payments a filter selects add up to, in one currency. */
export interface PaymentTotal {
  currency: string;
  count: number;
  /** Payments that went through (succeeded, refunded or disputed), before refunds. */
  collected: number;
  processing: number;
  /** What succeeded refunds of these payments gave back. */
  refunded: number;
}

/** One allocation of a payment or of a refund (a negative amount), as the reconciliation export lists it. */
export interface ExportRow {
  createdAt: string;
  receiptNumber: string;
  /** The client who paid; the service adds their name and email from the contacts component. */
  contactId: string;
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
  allocations: Allocation[];
  status: PaymentStatus;
  checkoutId?: string | null;
  processor?: string | null;
  /** The processor's id of the method to be charged. */
  methodRef?: string | null;
  savedMethodId?: string | null;
  /** A card surcharge included in `amount` (operating money), and its rate in percent. */
  surcharge?: number;
  surchargePercent?: number | null;
}

/** What both export queries select. */
type ExportSource = {
  id: string;
  created_at: string;
  receipt_number: string;
  contact_id: string;
  invoice_number: string;
  method_type: string;
  method_brand: string | null;
  method_last4: string | null;
  reference: string | null;
  deposit_account: string;
  currency: string;
};

/** A row of the export queries: the payment, client and invoice columns both kinds of row share. */
function toExportRow(row: ExportSource, entry: Pick<ExportRow, 'amount' | 'status' | 'refundId'>): ExportRow {
  return {
    paymentId: row.id,
    createdAt: row.created_at,
    receiptNumber: row.receipt_number,
    contactId: row.contact_id,
    invoiceNumber: row.invoice_number,
    currency: row.currency,
    methodType: row.method_type,
    methodBrand: row.method_brand,
    methodLast4: row.method_last4,
    reference: row.reference,
    depositAccount: row.deposit_account,
    ...entry,
  };
}

/**
 * The payments ledger. Payments and allocations are written once and never updated; each change
 * of status is a new event. Writers call `record` inside their own transaction (`BEGIN IMMEDIATE`
 * on SQLite), after checking balances in that same transaction.
 */
export class PaymentsRepository {
  /**
   * Hands out the firm's next receipt number from its counter, inside the payment's transaction
   * (a firm without a counter yet starts at R-100001): the SQL `nextCounterValue` sends, kept
   * as text for the query-plan tests.
   */
  static readonly receiptNumberStatement = `INSERT INTO firm_counters (firm_id, name, value) VALUES (?, 'receipt_number', 100001)
    ON CONFLICT (firm_id, name) DO UPDATE SET value = value + 1 RETURNING value`;

  constructor(private readonly storage: Storage) {}

  /** Writes a payment, its allocations and its first status. Call inside a transaction. */
  async record(payment: NewPayment, now: string): Promise<string> {
    const id = newId('pay');
    const receiptNumber = `R-${await nextCounterValue(this.storage.db, payment.firmId, 'receipt_number', 100001)}`;
    await this.storage.db
      .insertInto('payments')
      .values({
        id,
        firm_id: payment.firmId,
        contact_id: payment.contactId,
        amount: payment.amount,
        currency: payment.currency,
        method_type: payment.method.type,
        method_brand: payment.method.brand,
        method_last4: payment.method.last4,
        source: payment.source,
        reference: payment.reference,
        receipt_number: receiptNumber,
        checkout_id: payment.checkoutId ?? null,
        processor: payment.processor ?? null,
        method_ref: payment.methodRef ?? null,
        saved_method_id: payment.savedMethodId ?? null,
        surcharge: payment.surcharge ?? 0,
        surcharge_percent: payment.surcharge ? (payment.surchargePercent ?? null) : null,
        created_at: now,
      })
      .execute();
    for (const allocation of payment.allocations) {
      await this.storage.db
        .insertInto('payment_allocations')
        .values({
          firm_id: payment.firmId,
          // A payment pays only its client's invoices (PaymentsService.allocate refuses another's).
          contact_id: payment.contactId,
          payment_id: id,
          invoice_id: allocation.invoiceId,
          invoice_number: allocation.invoiceNumber,
          amount: allocation.amount,
          deposit_account: allocation.depositAccount,
        })
        .execute();
    }
    await this.addEvent(id, payment.status, null, now);
    return id;
  }

  /** The event carries its payment's firm, read from the payment's row: a payment this scope cannot see is an error. */
  async addEvent(paymentId: string, status: PaymentStatus, reason: string | null, now: string): Promise<void> {
    const result = await this.storage.db
      .insertInto('payment_events')
      .columns(['firm_id', 'contact_id', 'payment_id', 'status', 'reason', 'occurred_at'])
      .expression((eb) =>
        eb
          .selectFrom('payments')
          .select([
            'firm_id',
            'contact_id',
            'id',
            sql<string>`${status}`.as('status'),
            sql<string | null>`${reason}`.as('reason'),
            sql<string>`${now}`.as('occurred_at'),
          ])
          .where('id', '=', paymentId),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows) !== 1) throw new Error(`No payment ${paymentId} to add a ${status} event to`);
  }

  /**
   * Holds the payment's row until the transaction ends, so that changes of its status are made one
   * after another (PostgreSQL; on SQLite the transaction already holds the one writer lock).
   */
  async lock(paymentId: string): Promise<void> {
    if (this.storage.engine !== 'postgres') return;
    await this.storage.db.selectFrom('payments').select('id').where('id', '=', paymentId).forUpdate().execute();
  }

  /** The processor's id for the charge, known only once it answers; written once. */
  async setProcessorRef(paymentId: string, processorRef: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('payments')
      .set({ processor_ref: processorRef })
      .where('id', '=', paymentId)
      .where('processor_ref', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Who a processor's charge belongs to, for events that arrive later. */
  byProcessorRef(processor: string, processorRef: string): Promise<{ id: string; firm_id: string; contact_id: string } | undefined> {
    return this.storage.db
      .selectFrom('payments')
      .select(['id', 'firm_id', 'contact_id'])
      .where('processor', '=', processor)
      .where('processor_ref', '=', processorRef)
      .executeTakeFirst();
  }

  /** Payments made between `since` and `before` still waiting for 3-D Secure, oldest first. */
  async waitingForAuthentication(since: string, before: string, limit = 100): Promise<string[]> {
    const rows = await this.storage.db
      .selectFrom('payments as p')
      .select('p.id')
      .where('p.created_at', '>=', since)
      .where('p.created_at', '<', before)
      .where('p.processor', 'is not', null)
      .where(
        (eb) => eb.selectFrom('payment_events as e').select('e.status').whereRef('e.payment_id', '=', 'p.id').orderBy('e.id', 'desc').limit(1),
        '=',
        'requires_action',
      )
      .orderBy('p.created_at')
      .orderBy('p.id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Who made a payment, for the emails about it. */
  async ownerOf(paymentId: string): Promise<{ firmId: string; contactId: string } | undefined> {
    const row = await this.storage.db.selectFrom('payments').select(['firm_id', 'contact_id']).where('id', '=', paymentId).executeTakeFirst();
    return row && { firmId: row.firm_id, contactId: row.contact_id };
  }

  /** The latest status and its reason, e.g. a decline code. */
  async status(paymentId: string): Promise<{ status: PaymentStatus; reason: string | null } | undefined> {
    const row = await this.storage.db
      .selectFrom('payment_events')
      .select(['status', 'reason'])
      .where('payment_id', '=', paymentId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { status: row.status as PaymentStatus, reason: row.reason };
  }

  async processorRefOf(paymentId: string): Promise<{ processor: string | null; processorRef: string | null } | undefined> {
    const row = await this.storage.db.selectFrom('payments').select(['processor', 'processor_ref']).where('id', '=', paymentId).executeTakeFirst();
    return row && { processor: row.processor, processorRef: row.processor_ref };
  }

  async find(firmId: string, contactId: string, id: string): Promise<Payment | undefined> {
    const row = await this.#select().where('p.firm_id', '=', firmId).where('p.contact_id', '=', contactId).where('p.id', '=', id).executeTakeFirst();
    return row && this.#toPayment(row);
  }

  /** A contact's payments, newest first, after the given position. */
  async listForContact(firmId: string, contactId: string, page: { limit: number; after?: { createdAt: string; id: string } }): Promise<Payment[]> {
    const { after } = page;
    const rows = await this.#select()
      .where('p.firm_id', '=', firmId)
      .where('p.contact_id', '=', contactId)
      // Like a statement: an attempt that moved no money (a declined card, a refused or interrupted
      // checkout) is not in it; a bank debit the processor took and the bank returned is.
      .where((eb) => eb.or([eb('s.status', '<>', 'failed'), eb.and([eb('p.method_type', '=', 'us_bank_account'), eb('p.processor_ref', 'is not', null)])]))
      .$if(after !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('p.created_at', 'p.id'), '<', eb.tuple(after!.createdAt, after!.id))))
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(page.limit)
      .execute();
    const payments: Payment[] = [];
    for (const row of rows) payments.push(await this.#toPayment(row));
    return payments;
  }

  /** The firm's payments, newest first, after a position; every filter optional. */
  async listForFirm(
    firmId: string,
    filter: FirmPaymentFilter,
    page: { limit: number; after?: { createdAt: string; id: string } },
  ): Promise<(Payment & { contactId: string })[]> {
    const { after } = page;
    const rows = await this.#select()
      .where('p.firm_id', '=', firmId)
      .where((eb) => matching(eb, filter))
      .$if(after !== undefined, (qb) => qb.where((eb) => eb(eb.refTuple('p.created_at', 'p.id'), '<', eb.tuple(after!.createdAt, after!.id))))
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(page.limit)
      .execute();
    const payments: (Payment & { contactId: string })[] = [];
    for (const row of rows) payments.push({ ...(await this.#toPayment(row)), contactId: row.contact_id });
    return payments;
  }

  /**
   * What the payments the filter selects add up to, per currency: one aggregate over the rows
   * the list would page through, so a screen can show the period's totals beside its first page.
   */
  async totals(firmId: string, filter: FirmPaymentFilter): Promise<PaymentTotal[]> {
    const rows = await this.storage.db
      .selectFrom('payments as p')
      .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
      .select((eb) => [
        'p.currency',
        eb.fn.countAll().as('count'),
        eb.fn.sum(eb.case().when('s.status', 'in', ['succeeded', 'refunded', 'disputed']).then(eb.ref('p.amount')).else(0).end()).as('collected'),
        eb.fn.sum(eb.case().when('s.status', '=', 'processing').then(eb.ref('p.amount')).else(0).end()).as('processing'),
        eb.fn
          .sum(
            eb.fn.coalesce(
              eb
                .selectFrom('refunds as r')
                .select((inner) => inner.fn.sum('r.amount').as('given'))
                .whereRef('r.payment_id', '=', 'p.id')
                .where('r.status', '=', 'succeeded'),
              eb.lit(0),
            ),
          )
          .as('refunded'),
      ])
      .where('p.firm_id', '=', firmId)
      .where((eb) => matching(eb, filter))
      .groupBy('p.currency')
      .orderBy('p.currency')
      .execute();
    // PostgreSQL answers sums and counts as bigint strings.
    return rows.map((row) => ({
      currency: row.currency,
      count: Number(row.count),
      collected: Number(row.collected),
      processing: Number(row.processing),
      refunded: Number(row.refunded),
    }));
  }

  /** One of the firm's payments with where it went at the processor, or undefined. */
  async findForFirm(firmId: string, id: string): Promise<(Payment & { contactId: string; processor: string | null; processorRef: string | null }) | undefined> {
    const row = await this.#select().where('p.firm_id', '=', firmId).where('p.id', '=', id).executeTakeFirst();
    return row && { ...(await this.#toPayment(row)), contactId: row.contact_id, processor: row.processor, processorRef: row.processor_ref };
  }

  /** Every status a payment went through, oldest first. */
  async history(paymentId: string): Promise<{ status: PaymentStatus; at: string }[]> {
    const rows = await this.storage.db
      .selectFrom('payment_events')
      .select(['status', 'occurred_at'])
      .where('payment_id', '=', paymentId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ status: row.status as PaymentStatus, at: row.occurred_at }));
  }

  /**
   * One row per allocation of the firm's payments made in [from, before) that match the filter,
   * oldest first; `depositAccount` keeps the allocations booked to that account.
   */
  async exportRows(firmId: string, from: string, before: string, filter: FirmPaymentFilter = {}): Promise<ExportRow[]> {
    const { depositAccount, ...payment } = filter;
    const rows = await this.storage.db
      .selectFrom('payments as p')
      .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
      .innerJoin('payment_allocations as a', 'a.payment_id', 'p.id')
      .select([
        'p.id',
        'p.created_at',
        'p.receipt_number',
        'p.contact_id',
        'a.invoice_number',
        'a.amount',
        'p.currency',
        'p.method_type',
        'p.method_brand',
        'p.method_last4',
        'p.reference',
        'a.deposit_account',
        's.status',
      ])
      .where('p.firm_id', '=', firmId)
      .where('p.created_at', '>=', from)
      .where('p.created_at', '<', before)
      .where((eb) => matching(eb, payment))
      .$if(depositAccount !== undefined, (qb) => qb.where('a.deposit_account', '=', depositAccount!))
      .orderBy('p.created_at')
      .orderBy('p.id')
      .orderBy('a.invoice_number')
      .execute();
    const surcharged =
      depositAccount === 'trust'
        ? []
        : await this.storage.db
            .selectFrom('payments as p')
            .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
            .select([
              'p.id',
              'p.created_at',
              'p.receipt_number',
              'p.contact_id',
              sql<string>`'surcharge'`.as('invoice_number'),
              'p.surcharge',
              'p.currency',
              'p.method_type',
              'p.method_brand',
              'p.method_last4',
              'p.reference',
              sql<string>`'operating'`.as('deposit_account'),
              's.status',
            ])
            .where('p.firm_id', '=', firmId)
            .where('p.surcharge', '>', 0)
            .where('p.created_at', '>=', from)
            .where('p.created_at', '<', before)
            .where((eb) => matching(eb, payment))
            .execute();
    // A card surcharge is operating money of its own: one row after the payment's invoices, `surcharge` in the invoice column.
    const surchargeRows = new Map(
      surcharged.map((row) => [row.id, toExportRow(row, { amount: Number(row.surcharge), status: row.status as PaymentStatus, refundId: null })]),
    );
    const out: ExportRow[] = [];
    rows.forEach((row, index) => {
      out.push(toExportRow(row, { amount: row.amount, status: row.status as PaymentStatus, refundId: null }));
      const last = rows[index + 1]?.id !== row.id;
      const extra = last ? surchargeRows.get(row.id) : undefined;
      if (extra) out.push(extra);
    });
    return out;
  }

  /**
   * One row per invoice a refund made in [from, before) gave money back from, as a negative
   * amount, oldest first; the filter is the refunded payment's (its current status included).
   */
  async exportRefundRows(firmId: string, from: string, before: string, filter: FirmPaymentFilter = {}): Promise<ExportRow[]> {
    const { depositAccount, ...payment } = filter;
    const rows = await this.storage.db
      .selectFrom('refunds as r')
      .innerJoin('payments as p', 'p.id', 'r.payment_id')
      .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
      .innerJoin('refund_allocations as ra', 'ra.refund_id', 'r.id')
      .innerJoin('payment_allocations as a', (join) => join.onRef('a.payment_id', '=', 'p.id').onRef('a.invoice_id', '=', 'ra.invoice_id'))
      .select([
        'r.id as refund_id',
        'r.created_at',
        'r.status',
        'p.id',
        'p.receipt_number',
        'p.contact_id',
        'a.invoice_number',
        'ra.amount',
        'r.currency',
        'p.method_type',
        'p.method_brand',
        'p.method_last4',
        'p.reference',
        'a.deposit_account',
      ])
      .where('r.firm_id', '=', firmId)
      .where('r.status', 'in', ['pending', 'succeeded'])
      .where('r.created_at', '>=', from)
      .where('r.created_at', '<', before)
      .where((eb) => matching(eb, payment))
      .$if(depositAccount !== undefined, (qb) => qb.where('a.deposit_account', '=', depositAccount!))
      .orderBy('r.created_at')
      .orderBy('r.id')
      .orderBy('a.invoice_number')
      .execute();
    // What a succeeded refund gave back beyond the invoices it reopened is the card surcharge's.
    const surchargeRefunds =
      depositAccount === 'trust'
        ? []
        : await this.storage.db
            .selectFrom('refunds as r')
            .innerJoin('payments as p', 'p.id', 'r.payment_id')
            .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
            .select((eb) => [
              'r.id as refund_id',
              'r.created_at',
              'p.id',
              'p.receipt_number',
              'p.contact_id',
              sql<string>`'surcharge'`.as('invoice_number'),
              eb(
                'r.amount',
                '-',
                eb.fn.coalesce(
                  eb
                    .selectFrom('refund_allocations as ra')
                    .select((inner) => inner.fn.sum<number>('ra.amount').as('allocated'))
                    .whereRef('ra.refund_id', '=', 'r.id'),
                  eb.lit(0),
                ),
              ).as('surcharge_part'),
              'r.currency',
              'p.method_type',
              'p.method_brand',
              'p.method_last4',
              'p.reference',
              sql<string>`'operating'`.as('deposit_account'),
            ])
            .where('r.firm_id', '=', firmId)
            .where('r.status', '=', 'succeeded')
            .where('p.surcharge', '>', 0)
            .where('r.created_at', '>=', from)
            .where('r.created_at', '<', before)
            .where((eb) => matching(eb, payment))
            .execute();
    const extra = new Map<string, ExportRow>();
    for (const row of surchargeRefunds) {
      const part = Number(row.surcharge_part);
      if (part > 0) extra.set(row.refund_id, toExportRow(row, { amount: -part, status: 'refunded', refundId: row.refund_id }));
    }
    const out: ExportRow[] = [];
    rows.forEach((row, index) => {
      out.push(toExportRow(row, { amount: -row.amount, status: row.status === 'succeeded' ? 'refunded' : 'refund_pending', refundId: row.refund_id }));
      const surcharge = rows[index + 1]?.refund_id !== row.refund_id ? extra.get(row.refund_id) : undefined;
      if (surcharge) out.push(surcharge);
      extra.delete(row.refund_id);
    });
    // A refund of the surcharge alone reopened no invoice: its row stands by itself (the export sorts by time).
    return [...out, ...extra.values()];
  }

  /** How many of the contact's payments settled after `since` (every one when null), and the newest `limit`. */
  async settledForContactSince(
    firmId: string,
    contactId: string,
    since: string | null,
    limit: number,
  ): Promise<{ count: number; latest: { id: string; amount: number; currency: string; receiptNumber: string; settledAt: string }[] }> {
    const settled = this.#select()
      .where('p.firm_id', '=', firmId)
      .where('p.contact_id', '=', contactId)
      .where('s.status', '=', 'succeeded')
      .$if(since !== null, (qb) => qb.where('s.occurred_at', '>', since!));
    const { n } = await settled
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await settled.orderBy('s.occurred_at', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
    return {
      count: Number(n),
      latest: rows.map((row) => ({
        id: row.id,
        amount: Number(row.amount),
        currency: row.currency,
        receiptNumber: row.receipt_number,
        settledAt: row.status_at,
      })),
    };
  }

  /** Each payment with its latest status. */
  #select() {
    return this.storage.db
      .selectFrom('payments as p')
      .innerJoin('payment_events as s', (join) => join.on((eb) => eb('s.id', '=', latestEventId(eb))))
      .selectAll('p')
      .select(['s.status', 's.reason as status_reason', 's.occurred_at as status_at']);
  }

  async #toPayment(row: PaymentRow): Promise<Payment> {
    const refundRows = await this.storage.db
      .selectFrom('refunds')
      .select(['id', 'amount', 'status', 'created_at'])
      .where('payment_id', '=', row.id)
      .where('status', '<>', 'failed')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const refunds = refundRows.map((r): PaymentRefund => ({
      id: r.id,
      amount: r.amount,
      status: r.status as PaymentRefund['status'],
      createdAt: r.created_at,
    }));
    const allocations = await this.storage.db
      .selectFrom('payment_allocations as a')
      .select(['a.invoice_id', 'a.invoice_number as number', 'a.amount', 'a.deposit_account'])
      .where('a.payment_id', '=', row.id)
      .orderBy('a.invoice_number')
      .execute();
    const status = row.status as PaymentStatus;
    return {
      id: row.id,
      status,
      amount: row.amount,
      surcharge: Number(row.surcharge),
      surchargePercent: row.surcharge_percent === null ? null : Number(row.surcharge_percent),
      currency: row.currency,
      method: { type: row.method_type as PaymentMethodSummary['type'], brand: row.method_brand, last4: row.method_last4 },
      source: row.source as Payment['source'],
      reference: row.reference,
      receiptNumber: row.receipt_number,
      allocations: allocations.map((a) => ({
        invoiceId: a.invoice_id,
        invoiceNumber: a.number,
        amount: a.amount,
        depositAccount: a.deposit_account as Allocation['depositAccount'],
      })),
      failure: status === 'failed' && row.status_reason ? (JSON.parse(row.status_reason) as Payment['failure']) : null,
      amountRefunded: refunds.reduce((sum, refund) => sum + (refund.status === 'succeeded' ? refund.amount : 0), 0),
      refunds,
      checkoutId: row.checkout_id,
      createdAt: row.created_at,
      updatedAt: row.status_at,
    };
  }
}

type PaymentRow = Selectable<PaymentsTable> & { status: string; status_reason: string | null; status_at: string };

/** The id of a payment's latest event: its current status. */
function latestEventId(eb: ExpressionBuilder<Schema & { p: PaymentsTable }, 'p'>) {
  return eb
    .selectFrom('payment_events as e')
    .select((inner) => inner.fn.max('e.id').as('latest'))
    .whereRef('e.payment_id', '=', 'p.id');
}

type Filterable = Schema & { p: PaymentsTable; s: PaymentEventsTable };

/** The firm's filter as one condition on a payment `p` and its latest event `s`. */
function matching(eb: ExpressionBuilder<Filterable, 'p' | 's'>, filter: FirmPaymentFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.status !== undefined) conditions.push(eb('s.status', '=', filter.status));
  if (filter.contactId !== undefined) conditions.push(eb('p.contact_id', '=', filter.contactId));
  if (filter.methodType !== undefined) conditions.push(eb('p.method_type', '=', filter.methodType));
  if (filter.invoiceId !== undefined) {
    const invoiceId = filter.invoiceId;
    conditions.push(
      eb.exists(eb.selectFrom('payment_allocations as a').select('a.payment_id').whereRef('a.payment_id', '=', 'p.id').where('a.invoice_id', '=', invoiceId)),
    );
  }
  if (filter.depositAccount !== undefined) {
    const account = filter.depositAccount;
    conditions.push(
      eb.exists(
        eb.selectFrom('payment_allocations as a').select('a.payment_id').whereRef('a.payment_id', '=', 'p.id').where('a.deposit_account', '=', account),
      ),
    );
  }
  if (filter.createdFrom !== undefined) conditions.push(eb('p.created_at', '>=', filter.createdFrom));
  if (filter.createdBefore !== undefined) conditions.push(eb('p.created_at', '<', filter.createdBefore));
  return eb.and(conditions);
}
