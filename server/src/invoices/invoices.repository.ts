import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { AppliedPayment, DepositAccount, InvoiceDetail, InvoiceLine, InvoiceStatus, InvoiceSummary, PricedLines } from './invoice.ts';

/** A payment's status is its latest ledger event. */
const latestStatus = (paymentId: string) =>
  `(SELECT e.status FROM payment_events e WHERE e.payment_id = ${paymentId} ORDER BY e.id DESC LIMIT 1)`;

const allocatedWhere = (statuses: string) =>
  `COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.invoice_id = i.id AND ${latestStatus('a.payment_id')} IN (${statuses})), 0)`;

/**
 * What settled payments paid on the invoice, less what their settled refunds gave back from it.
 * A payment refunded in full is `refunded`, so neither its allocations nor its refunds count.
 */
const paidSum = `(${allocatedWhere("'succeeded'")} - COALESCE((SELECT SUM(r.amount) FROM refund_allocations r JOIN refunds f ON f.id = r.refund_id
  WHERE r.invoice_id = i.id AND f.status = 'succeeded' AND ${latestStatus('f.payment_id')} = 'succeeded'), 0))`;

/**
 * Invoices with their derived figures. The sums are correlated subqueries, which SQLite works
 * out only for the rows a page returns when nothing filters or sorts on them: a page of a long
 * history stays cheap. `@today` is the firm's date: an unpaid invoice due before it is overdue.
 */
const withFigures = `
  SELECT * FROM (
    SELECT i.*, i.total - i.paid AS balance,
      CASE
        WHEN i.state = 'draft' THEN 'draft'
        WHEN i.state = 'void' THEN 'void'
        WHEN i.paid >= i.total THEN 'paid'
        WHEN i.due_on < @today THEN 'overdue'
        WHEN i.paid > 0 THEN 'partially_paid'
        ELSE 'open'
      END AS status
    FROM (
      SELECT i.*, ${paidSum} AS paid, ${allocatedWhere("'processing', 'requires_action'")} AS pending
      FROM invoices i WHERE %WHERE%
    ) i
  )`;

const figures = (where: string) => withFigures.replace('%WHERE%', where);

/**
 * The same figures for a page that neither filters nor sorts on them: each sum is worked out
 * once per returned row and the status derived in `deriveStatus`, which mirrors the CASE above.
 */
const pageWithSums = (where: string) => `
  SELECT i.*, ${paidSum} AS paid, ${allocatedWhere("'processing', 'requires_action'")} AS pending
  FROM invoices i WHERE ${where}`;

export function deriveStatus(invoice: { state: string; total: number; paid: number; due_on: string }, today: string): InvoiceStatus {
  if (invoice.state === 'draft') return 'draft';
  if (invoice.state === 'void') return 'void';
  if (invoice.paid >= invoice.total) return 'paid';
  if (invoice.due_on < today) return 'overdue';
  return invoice.paid > 0 ? 'partially_paid' : 'open';
}

interface InvoiceRow {
  id: string; firm_id: string; contact_id: string; number: string; matter: string | null; issued_on: string; due_on: string;
  currency: string; deposit_account: DepositAccount; state: 'draft' | 'sent' | 'void'; notes: string | null;
  subtotal: number; discount: number; tax: number; total: number; sent_at: string | null; voided_at: string | null;
  void_reason: string | null; external_id: string | null; created_at: string; updated_at: string;
  paid: number; pending: number; balance: number; status: InvoiceStatus;
}

function toSummary(row: InvoiceRow): InvoiceSummary {
  return {
    id: row.id,
    number: row.number,
    matter: row.matter,
    contactId: row.contact_id,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    currency: row.currency,
    depositAccount: row.deposit_account,
    status: row.status,
    total: row.total,
    amountPaid: row.paid,
    amountPending: row.pending,
    balance: Math.max(0, row.balance),
    openBalance: row.state === 'sent' ? Math.max(0, row.balance - row.pending) : 0,
  };
}

const allStatuses: InvoiceStatus[] = ['open', 'partially_paid', 'overdue', 'paid', 'void'];

/** The stored lifecycle state each status comes from (see the CASE in `withFigures`). */
const stateOf: Record<InvoiceStatus, InvoiceRow['state']> = {
  draft: 'draft', void: 'void', open: 'sent', partially_paid: 'sent', overdue: 'sent', paid: 'sent',
};

/**
 * What a status filter says about stored columns, checked before the ledger sums decide each
 * row's status: the states it admits, and for the unpaid statuses the side of the due date they
 * fall on. `indexable` names the columns an index may seek on; on the others a unary `+` keeps
 * SQLite from seeking (on one client's list, `invoices_firm_state` would walk the whole firm).
 */
function storedConditions(statuses: InvoiceStatus[], indexable: { state: boolean; dueOn: boolean }): string[] {
  const states = [...new Set(statuses.map((status) => stateOf[status]))].sort();
  const state = indexable.state ? 'i.state' : '+i.state';
  const dueOn = indexable.dueOn ? 'i.due_on' : '+i.due_on';
  const conditions = [`${state} IN (${states.map((s) => `'${s}'`).join(', ')})`];
  if (statuses.every((status) => status === 'overdue')) conditions.push(`${dueOn} < @today`);
  else if (statuses.every((status) => status === 'open' || status === 'partially_paid')) conditions.push(`${dueOn} >= @today`);
  return conditions;
}

export type InvoiceSortKey = 'issuedOn' | 'dueOn' | 'number' | 'total' | 'balance';
const sortColumns: Record<InvoiceSortKey, string> = {
  issuedOn: 'issued_on',
  dueOn: 'due_on',
  number: 'number',
  total: 'total',
  balance: 'balance',
};

export interface InvoiceQuery {
  firmId: string;
  contactId?: string;
  externalId?: string;
  /** Statuses to include; drafts only when asked for by the firm. */
  statuses: InvoiceStatus[];
  sort: InvoiceSortKey;
  descending: boolean;
  limit: number;
  after?: { value: string | number; id: string };
  today: string;
}

export interface InvoiceRecord {
  state: 'draft' | 'sent' | 'void';
  firmId: string;
  /** The firm's own id for the invoice; only the firm sees it. */
  externalId: string | null;
  detail: InvoiceDetail;
}

export class InvoicesRepository {
  #byId;
  #lines;
  #payments;
  #insert;
  #deleteLines;
  #insertLine;
  #nextInvoiceNumber;
  #numberTaken;
  /** One prepared statement per shape of list query (filters × sort × direction × paging). */
  #listStatements = new Map<string, Statement<Record<string, unknown>, InvoiceRow>>();

  constructor(private readonly db: Db) {
    this.#byId = db.prepare<{ firmId: string; id: string; today: string }, InvoiceRow>(
      figures('i.firm_id = @firmId AND i.id = @id'),
    );
    this.#lines = db.prepare<[string], { id: string; kind: InvoiceLine['kind']; service_date: string | null; description: string; quantity_milli: number | null; rate: number | null; amount: number }>(
      'SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position',
    );
    this.#payments = db.prepare<[string], { id: string; receipt_number: string; created_at: string; amount: number; status: string; method_type: string; method_brand: string | null; method_last4: string | null }>(
      `SELECT p.id, p.receipt_number, p.created_at, a.amount, ${latestStatus('p.id')} AS status, p.method_type, p.method_brand, p.method_last4
       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = ?
         AND ${latestStatus('p.id')} != 'failed' ORDER BY p.created_at, p.id`,
    );
    this.#insert = db.prepare(
      `INSERT INTO invoices (id, firm_id, contact_id, number, matter, issued_on, due_on, currency, deposit_account, notes,
         subtotal, discount, tax, total, external_id, created_at, updated_at)
       VALUES (@id, @firmId, @contactId, @number, @matter, @issuedOn, @dueOn, @currency, @depositAccount, @notes,
         @subtotal, @discount, @tax, @total, @externalId, @now, @now)`,
    );
    this.#deleteLines = db.prepare('DELETE FROM invoice_lines WHERE invoice_id = ?');
    this.#insertLine = db.prepare(
      `INSERT INTO invoice_lines (id, invoice_id, position, kind, service_date, description, quantity_milli, rate, amount)
       VALUES (@id, @invoiceId, @position, @kind, @date, @description, @quantityMilli, @rate, @amount)`,
    );
    // A firm without a counter yet (created after it was introduced) starts at INV-1001.
    this.#nextInvoiceNumber = db.prepare<[string], { value: number }>(InvoicesRepository.numberingStatements.next);
    this.#numberTaken = db.prepare<[string, string], { id: string }>(InvoicesRepository.numberingStatements.taken);
  }

  /** A page of invoices, each with the firm's externalId beside it (for the firm's own lists). */
  list(query: InvoiceQuery): (InvoiceSummary & { externalId: string | null })[] {
    const { sql, params } = InvoicesRepository.listStatement(query);
    let statement = this.#listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, unknown>, InvoiceRow>(sql);
      this.#listStatements.set(sql, statement);
    }
    return statement
      .all(params)
      .map((row) => ({
        ...toSummary({ ...row, balance: row.total - row.paid, status: row.status ?? deriveStatus(row, query.today) }),
        externalId: row.external_id,
      }));
  }

  /** The SQL and parameters `list` runs for a query (exported for the query-plan tests). */
  static listStatement(query: InvoiceQuery): { sql: string; params: Record<string, unknown> } {
    const column = sortColumns[query.sort];
    // One client's list seeks on the contact and reads in the sort's order (an index per sort
    // key leads with contact_id), so it costs the same in a firm of any size. The firm is still
    // checked on every row, but a unary `+` keeps the planner off the firm-wide indexes, which
    // without ANALYZE it may rate the same as the contact's.
    const oneClient = !!query.contactId && query.externalId === undefined;
    const where = [oneClient ? '+i.firm_id = @firmId' : 'i.firm_id = @firmId'];
    if (query.contactId) where.push('i.contact_id = @contactId');
    if (query.externalId !== undefined) where.push('i.external_id = @externalId');
    const direction = query.descending ? 'DESC' : 'ASC';
    const after = (alias: string) =>
      query.after ? `(${alias}${column}, ${alias}id) ${query.descending ? '<' : '>'} (@afterValue, @afterId)` : '1';
    // Only a status filter or a balance sort needs every invoice's figures before paging.
    const everything = allStatuses.every((status) => query.statuses.includes(status));
    let sql: string;
    if (everything && query.sort !== 'balance') {
      if (!query.statuses.includes('draft')) where.push("i.state != 'draft'");
      sql = `${pageWithSums([...where, after('i.')].join(' AND '))}
           ORDER BY i.${column} ${direction}, i.id ${direction} LIMIT @limit`;
    } else {
      where.push(...storedConditions(query.statuses, { state: !oneClient, dueOn: !oneClient || query.sort === 'dueOn' }));
      sql = `${figures(where.join(' AND '))}
           WHERE status IN (${query.statuses.map((_, n) => `@s${n}`).join(', ')}) AND ${after('')}
           ORDER BY ${column} ${direction}, id ${direction} LIMIT @limit`;
    }
    const params: Record<string, unknown> = {
      firmId: query.firmId,
      contactId: query.contactId,
      externalId: query.externalId,
      today: query.today,
      limit: query.limit,
      afterValue: query.after?.value,
      afterId: query.after?.id,
    };
    query.statuses.forEach((status, n) => (params[`s${n}`] = status));
    return { sql, params };
  }

  /** SQLite's plan for a statement, one line per step (for the query-plan tests). */
  explain(sql: string, params: Record<string, unknown> | unknown[] = {}): string[] {
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(Array.isArray(params) ? params : [params]))
      .map((step) => step.detail);
  }

  /** The SQL that hands out invoice numbers (for the query-plan tests). */
  static readonly numberingStatements = {
    next: `INSERT INTO firm_counters (firm_id, name, value) VALUES (?, 'invoice_number', 1001)
       ON CONFLICT (firm_id, name) DO UPDATE SET value = value + 1 RETURNING value`,
    taken: 'SELECT id FROM invoices WHERE firm_id = ? AND number = ?',
  };

  /** The value of the sort column for an invoice, for the next page's cursor. */
  static sortValue(invoice: InvoiceSummary, sort: InvoiceSortKey): string | number {
    return sort === 'balance' ? invoice.total - invoice.amountPaid : invoice[sort];
  }

  idByExternalId(firmId: string, externalId: string): string | undefined {
    return this.db.prepare<[string, string], { id: string }>('SELECT id FROM invoices WHERE firm_id = ? AND external_id = ?').get(firmId, externalId)?.id;
  }

  find(firmId: string, id: string, today: string): InvoiceRecord | undefined {
    const row = this.#byId.get({ firmId, id, today });
    if (!row) return undefined;
    const lines = this.#lines.all(id).map((line) => ({
      id: line.id,
      kind: line.kind,
      date: line.service_date,
      description: line.description,
      quantity: line.quantity_milli === null ? null : line.quantity_milli / 1000,
      rate: line.rate,
      amount: line.amount,
    }));
    const payments: AppliedPayment[] = this.#payments.all(id).map((p) => ({
      paymentId: p.id,
      receiptNumber: p.receipt_number,
      date: p.created_at,
      amount: p.amount,
      status: p.status,
      method: { type: p.method_type, brand: p.method_brand, last4: p.method_last4 },
    }));
    return {
      state: row.state,
      firmId: row.firm_id,
      externalId: row.external_id,
      detail: {
        ...toSummary(row),
        subtotal: row.subtotal,
        discount: row.discount,
        tax: row.tax,
        notes: row.notes,
        lines,
        payments,
        sentAt: row.sent_at,
        voidedAt: row.voided_at,
      },
    };
  }

  /** The firm's next free number like `INV-1042`. Call inside the transaction that writes it. */
  #nextNumber(firmId: string): string {
    for (;;) {
      const number = `INV-${this.#nextInvoiceNumber.get(firmId)!.value}`;
      if (!this.#numberTaken.get(firmId, number)) return number;
    }
  }

  idByNumber(firmId: string, number: string): string | undefined {
    return this.#numberTaken.get(firmId, number)?.id;
  }

  numberTaken(firmId: string, number: string, exceptId?: string): boolean {
    const row = this.#numberTaken.get(firmId, number);
    return !!row && row.id !== exceptId;
  }

  create(input: {
    firmId: string; contactId: string; /** `null`: the firm's next number, taken in this transaction. */ number: string | null; matter: string | null; issuedOn: string; dueOn: string;
    currency: string; depositAccount: DepositAccount; notes: string | null; priced: PricedLines; externalId?: string | null;
  }, now: string): string {
    const id = newId('inv');
    this.db.transaction(() => {
      const { priced, ...invoice } = input;
      const number = invoice.number ?? this.#nextNumber(invoice.firmId);
      this.#insert.run({ id, ...invoice, number, externalId: invoice.externalId ?? null, subtotal: priced.subtotal, discount: priced.discount, tax: priced.tax, total: priced.total, now });
      this.#writeLines(id, priced);
    })();
    return id;
  }

  update(id: string, changes: { number?: string; matter?: string | null; issuedOn?: string; dueOn?: string; depositAccount?: DepositAccount; notes?: string | null; contactId?: string; externalId?: string | null; priced?: PricedLines }, now: string): void {
    const columns: Record<string, unknown> = {
      number: changes.number, matter: changes.matter, issued_on: changes.issuedOn, due_on: changes.dueOn,
      deposit_account: changes.depositAccount, notes: changes.notes, contact_id: changes.contactId, external_id: changes.externalId,
      subtotal: changes.priced?.subtotal, discount: changes.priced?.discount, tax: changes.priced?.tax, total: changes.priced?.total,
    };
    const set = Object.entries(columns).filter(([, value]) => value !== undefined);
    this.db.transaction(() => {
      const assignments = [...set.map(([column]) => `${column} = @${column}`), 'updated_at = @now'];
      this.db.prepare(`UPDATE invoices SET ${assignments.join(', ')} WHERE id = @id`).run({ ...Object.fromEntries(set), now, id });
      if (changes.priced) this.#writeLines(id, changes.priced);
    })();
  }

  markSent(id: string, now: string): void {
    this.db.prepare("UPDATE invoices SET state = 'sent', sent_at = COALESCE(sent_at, @now), updated_at = @now WHERE id = @id").run({ id, now });
  }

  markVoid(id: string, reason: string | null, now: string): void {
    this.db.prepare("UPDATE invoices SET state = 'void', voided_at = @now, void_reason = @reason, updated_at = @now WHERE id = @id").run({ id, reason, now });
  }

  deleteDraft(id: string): void {
    this.db.transaction(() => {
      this.#deleteLines.run(id);
      this.db.prepare("DELETE FROM invoices WHERE id = ? AND state = 'draft'").run(id);
    })();
  }

  #writeLines(invoiceId: string, priced: PricedLines) {
    this.#deleteLines.run(invoiceId);
    priced.lines.forEach((line, position) => {
      this.#insertLine.run({
        id: newId('line'),
        invoiceId,
        position,
        kind: line.kind,
        date: line.date,
        description: line.description,
        quantityMilli: line.quantity === null ? null : Math.round(line.quantity * 1000),
        rate: line.rate,
        amount: line.amount,
      });
    });
  }
}
