import { sql, type CompiledQuery, type Expression, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import { nextCounterQuery } from '../db/counters.ts';
import type { Statement } from '../db/explain.ts';
import { QueryShapes } from '../db/query-shapes.ts';
import type { InvoicesTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import { newId } from '../db/ids.ts';
import type { InvoiceLedger } from './invoice-ledger.ts';
import {
  unpaidStatuses,
  type DepositAccount,
  type InvoiceDetail,
  type InvoiceLine,
  type InvoiceStatus,
  type InvoiceSummary,
  type PricedLines,
} from './invoice.ts';

export function deriveStatus(invoice: { state: string; total: number; paid: number; due_on: string }, today: string): InvoiceStatus {
  if (invoice.state === 'draft') return 'draft';
  if (invoice.state === 'void') return 'void';
  if (invoice.paid >= invoice.total) return 'paid';
  if (invoice.due_on < today) return 'overdue';
  return invoice.paid > 0 ? 'partially_paid' : 'open';
}

/** An invoice's page as read: its detail columns and the figures `#withFigures` adds. */
interface InvoiceRow {
  id: string;
  firm_id: string;
  contact_id: string;
  number: string;
  matter: string | null;
  issued_on: string;
  due_on: string;
  currency: string;
  deposit_account: string;
  state: string;
  notes: string | null;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
  sent_at: string | null;
  voided_at: string | null;
  void_reason: string | null;
  created_at: string;
  external_id: string | null;
  paid: number;
  pending: number;
  balance: number;
  status: InvoiceStatus;
}

type State = 'draft' | 'sent' | 'void';

/** The client all of whose invoices a query reads (see `#withSums`). */
interface ClientScope {
  firmId: string;
  contactId: string;
}

/**
 * The columns a summary reads. A list leaves the rest of each row in the database: turning a
 * column into a JavaScript value costs more than finding it, and a page of every column cost
 * nearly twice as much as this (measured, SQLite).
 */
const summaryColumns = [
  'i.id',
  'i.number',
  'i.matter',
  'i.contact_id',
  'i.issued_on',
  'i.due_on',
  'i.currency',
  'i.deposit_account',
  'i.state',
  'i.total',
  'i.external_id',
] as const;
/** An invoice's page reads the rest as well. */
const detailColumns = [
  ...summaryColumns,
  'i.firm_id',
  'i.subtotal',
  'i.discount',
  'i.tax',
  'i.notes',
  'i.sent_at',
  'i.voided_at',
  'i.void_reason',
  'i.created_at',
] as const;
type InvoiceColumn = (typeof detailColumns)[number];
/**
 * The columns what a client owes reads. Its summary reads every unpaid invoice of the client, and
 * sending and decoding them with all the summary's columns was a sixth of its time (measured,
 * PostgreSQL).
 */
const owedColumns = ['i.id', 'i.due_on', 'i.currency', 'i.state', 'i.total'] as const satisfies readonly InvoiceColumn[];

/** A row as a list reads it: the status worked out in SQL only when a filter or sort needed it. */
type ListRow = Pick<
  InvoiceRow,
  'id' | 'number' | 'matter' | 'contact_id' | 'issued_on' | 'due_on' | 'currency' | 'deposit_account' | 'state' | 'total' | 'external_id' | 'paid' | 'pending'
> & { status?: InvoiceStatus };
/** A row as the client's unpaid invoices are read for what they owe. */
type OwedRow = Pick<InvoiceRow, 'id' | 'due_on' | 'currency' | 'state' | 'total' | 'paid' | 'pending'>;

/** The client whose unpaid invoices are read, and the firm's date and the most rows to read. */
type OwedScope = { firmId: string; contactId: string; today: string; limit: number };

/** What is left to pay on one of a client's unpaid invoices, and what payments still processing will pay on it. */
export interface OwedInvoice {
  id: string;
  currency: string;
  openBalance: number;
  amountPending: number;
}

/**
 * An invoice's summary from its row and its ledger sums, as numbers: PostgreSQL returns a SUM of
 * BIGINT as NUMERIC, which arrives as text. Built field by field, never by spreading the row: a
 * list page spread its 50 rows of 25 columns into new objects three times over, which cost more
 * than the query itself (measured).
 */
function toSummary(row: ListRow, today: string): InvoiceSummary {
  const paid = Number(row.paid);
  const pending = Number(row.pending);
  const balance = row.total - paid;
  return {
    id: row.id,
    number: row.number,
    matter: row.matter,
    contactId: row.contact_id,
    issuedOn: row.issued_on,
    dueOn: row.due_on,
    currency: row.currency,
    depositAccount: row.deposit_account as DepositAccount,
    status: row.status ?? deriveStatus({ state: row.state, total: row.total, paid, due_on: row.due_on }, today),
    total: row.total,
    amountPaid: paid,
    amountPending: pending,
    balance: Math.max(0, balance),
    openBalance: openBalance(row.state, balance, pending),
  };
}

/** What the client can still pay on an invoice: its balance less what payments still processing will pay. */
function openBalance(state: string, balance: number, pending: number): number {
  return state === 'sent' ? Math.max(0, balance - pending) : 0;
}

const allStatuses: InvoiceStatus[] = ['open', 'partially_paid', 'overdue', 'paid', 'void'];

/** The stored lifecycle state each status comes from (see the CASE in `#withFigures`). */
const stateOf: Record<InvoiceStatus, State> = {
  draft: 'draft',
  void: 'void',
  open: 'sent',
  partially_paid: 'sent',
  overdue: 'sent',
  paid: 'sent',
};

export type InvoiceSortKey = 'issuedOn' | 'dueOn' | 'number' | 'total' | 'balance';
const sortColumns = {
  issuedOn: 'issued_on',
  dueOn: 'due_on',
  number: 'number',
  total: 'total',
  balance: 'balance',
} as const satisfies Record<InvoiceSortKey, string>;

export interface InvoiceQuery {
  firmId: string;
  contactId?: string;
  externalId?: string;
  depositAccount?: DepositAccount;
  /** Due dates from and to (both included). */
  dueFrom?: string;
  dueTo?: string;
  /** Statuses to include; drafts only when asked for by the firm. */
  statuses: InvoiceStatus[];
  sort: InvoiceSortKey;
  descending: boolean;
  limit: number;
  after?: { value: string | number; id: string };
  today: string;
}

export interface InvoiceRecord {
  state: State;
  firmId: string;
  /** The firm's own id for the invoice; only the firm sees it. */
  externalId: string | null;
  /** When the draft was written, and why it was voided: the firm's own history of the invoice. */
  createdAt: string;
  voidReason: string | null;
  detail: InvoiceDetail;
}

/** What a list's statement takes at run time (see `QueryShapes`). */
type ListValues = Omit<InvoiceQuery, 'statuses' | 'sort' | 'descending' | 'after'> & { afterValue?: string | number; afterId?: string };

export class InvoicesRepository {
  readonly #listShapes = new QueryShapes<ListValues>();
  readonly #owedShapes = new QueryShapes<OwedScope>();

  /** @param ledger What payments paid and hold on each invoice: the payments component's to say. */
  constructor(
    private readonly storage: Storage,
    private readonly ledger: InvoiceLedger,
  ) {}

  /** A page of invoices, each with the firm's externalId beside it (for the firm's own lists). */
  async list(query: InvoiceQuery): Promise<(InvoiceSummary & { externalId: string | null })[]> {
    const { rows } = await this.storage.db.executeQuery(this.listStatement(query));
    return rows.map((row) => Object.assign(toSummary(row, query.today), { externalId: row.external_id }));
  }

  /** The same page as the client reads it, without the firm's externalId (not built only to be taken off again). */
  async summaries(query: InvoiceQuery): Promise<InvoiceSummary[]> {
    const { rows } = await this.storage.db.executeQuery(this.listStatement(query));
    return rows.map((row) => toSummary(row, query.today));
  }

  /** Each of the client's unpaid invoices, soonest due first (at most `limit`), with what is left to pay on it. */
  async owed(scope: OwedScope): Promise<OwedInvoice[]> {
    const { rows } = await this.storage.db.executeQuery(this.owedStatement(scope));
    return rows.map((row) => {
      const paid = Number(row.paid);
      const pending = Number(row.pending);
      return { id: row.id, currency: row.currency, openBalance: openBalance(row.state, row.total - paid, pending), amountPending: pending };
    });
  }

  /** The statement `owed` runs (the query-plan tests read it too): the unpaid list's, with only the columns it needs. */
  owedStatement(scope: OwedScope): CompiledQuery<OwedRow> {
    return this.#owedShapes.compile('owed', { ...scope }, (slots) =>
      this.#listQuery({ ...slots, statuses: unpaidStatuses, sort: 'dueOn', descending: false }, owedColumns).$castTo<OwedRow>(),
    );
  }

  /**
   * The statement `list` and `summaries` run for a query (the query-plan tests read it too),
   * compiled once for each shape of query (statuses, order, which filters).
   */
  listStatement(query: InvoiceQuery): CompiledQuery<ListRow> {
    const { statuses, sort, descending, after, ...values } = query;
    return this.#listShapes.compile(JSON.stringify([statuses, sort, descending]), { ...values, afterValue: after?.value, afterId: after?.id }, (slots) =>
      this.#listQuery({
        ...slots,
        statuses,
        sort,
        descending,
        after: after && { value: slots.afterValue!, id: slots.afterId! },
      }),
    );
  }

  /** The statements that hand out invoice numbers (for the query-plan tests). */
  numberingStatements(firmId: string, number: string): { next: Statement; taken: Statement } {
    return { next: this.#nextNumberQuery(firmId).compile(), taken: this.#numberQuery(firmId, number).compile() };
  }

  /** The value of the sort column for an invoice, for the next page's cursor. */
  static sortValue(invoice: InvoiceSummary, sort: InvoiceSortKey): string | number {
    return sort === 'balance' ? invoice.total - invoice.amountPaid : invoice[sort];
  }

  /**
   * `column`, which SQLite may not seek an index on: a unary `+` keeps its planner off it.
   * PostgreSQL plans from statistics (and has no unary plus for text), so it gets the column.
   */
  #unindexed(column: string): Expression<unknown> {
    return this.storage.engine === 'sqlite' ? sql`+${sql.ref(column)}` : sql.ref(column);
  }

  /**
   * What a status filter says about stored columns, checked before the ledger sums decide each
   * row's status: the states it admits, and for the unpaid statuses the side of the due date they
   * fall on. `indexable` names the columns an index may seek on; on the others SQLite is kept
   * from seeking (on one client's list, `invoices_firm_state` would walk the whole firm).
   */
  #storedConditions(statuses: InvoiceStatus[], today: string, indexable: { state: boolean; dueOn: boolean }): RawBuilder<SqlBool>[] {
    const states = [...new Set(statuses.map((status) => stateOf[status]))].sort();
    const state = indexable.state ? sql.ref('i.state') : this.#unindexed('i.state');
    const dueOn = indexable.dueOn ? sql.ref('i.due_on') : this.#unindexed('i.due_on');
    const conditions = [sql<SqlBool>`${state} IN (${sql.join(states.map((s) => sql.lit(s)))})`];
    if (statuses.every((status) => status === 'overdue')) conditions.push(sql<SqlBool>`${dueOn} < ${today}`);
    else if (statuses.every((status) => status === 'open' || status === 'partially_paid')) conditions.push(sql<SqlBool>`${dueOn} >= ${today}`);
    return conditions;
  }

  /**
   * Invoices with the ledger sums, worked out per invoice, so a page of a long history costs what
   * its own rows cost. SQLite runs the ledger's two correlated subqueries, only for the rows a page
   * returns when nothing filters or sorts on them. PostgreSQL joins the ledger's one-row subquery
   * laterally, reading each invoice's allocations once for both sums instead of once for each
   * (SQLite has no lateral join). With `client`, when all of that client's invoices get their
   * figures, PostgreSQL joins the sums of all of them, worked out in one pass over the client's
   * allocations, the events of the client's payments and the client's refunds, each one range:
   * looking each invoice's allocations up read a page per invoice, paid or not, and each payment's
   * latest status and each invoice's refunds a page each (the summary of a client of 1,000
   * invoices in a firm of a million read 2,650 pages, then 1,382; 56 now).
   */
  #withSums(conditions: Expression<SqlBool>[], columns: readonly InvoiceColumn[], client?: ClientScope) {
    const invoices = this.storage.db
      .selectFrom('invoices as i')
      .select(columns)
      .where((eb) => eb.and(conditions));
    const bySubqueries = invoices.select([this.ledger.paid('i.id').as('paid'), this.ledger.pending('i.id').as('pending')]);
    if (this.storage.engine !== 'postgres') return bySubqueries;
    if (client) {
      return invoices
        .leftJoin(this.ledger.clientSums(client.firmId, client.contactId).as('l'), (join) => join.onRef('l.invoice_id', '=', 'i.id'))
        .select([sql<number>`COALESCE(l.paid, 0)`.as('paid'), sql<number>`COALESCE(l.pending, 0)`.as('pending')]) as unknown as typeof bySubqueries;
    }
    return invoices
      .innerJoinLateral(this.ledger.sums('i.id').as('l'), (join) => join.onTrue())
      .select([sql<number>`l.paid`.as('paid'), sql<number>`l.pending`.as('pending')]) as unknown as typeof bySubqueries;
  }

  /**
   * The same with the balance and status derived, for filtering or sorting on them. `today` is
   * the firm's date: an unpaid invoice due before it is overdue (`deriveStatus` mirrors the CASE).
   * `order` is the page's order when it is a stored column's.
   */
  #withFigures(
    conditions: Expression<SqlBool>[],
    today: string,
    columns: readonly InvoiceColumn[],
    order?: { column: string; direction: 'asc' | 'desc' },
    client?: ClientScope,
  ) {
    const db = this.storage.db;
    // SQLite would flatten the sums' subquery into this one and work each invoice's sums out
    // again for every place the status and balance use them (two to five times a row). LIMIT -1
    // OFFSET 0 keeps it apart; read in the page's order, which SQLite carries up to the page
    // without sorting, it still stops at the page's last row. (PostgreSQL's lateral join already
    // works them out once.)
    const sums = this.#withSums(conditions, columns, client).$if(this.storage.engine === 'sqlite', (query) =>
      query
        .$if(order !== undefined, (ordered) => ordered.orderBy(sql.ref(`i.${order!.column}`), order!.direction).orderBy('i.id', order!.direction))
        .limit(-1)
        .offset(0),
    );
    const figures = db
      .selectFrom(sums.as('i'))
      .selectAll('i')
      .select([
        sql<number>`i.total - i.paid`.as('balance'),
        sql<InvoiceStatus>`CASE
          WHEN i.state = 'draft' THEN 'draft'
          WHEN i.state = 'void' THEN 'void'
          WHEN i.paid >= i.total THEN 'paid'
          WHEN i.due_on < ${today} THEN 'overdue'
          WHEN i.paid > 0 THEN 'partially_paid'
          ELSE 'open'
        END`.as('status'),
      ]);
    return db.selectFrom(figures.as('figures')).selectAll('figures');
  }

  #listQuery(query: InvoiceQuery, columns: readonly InvoiceColumn[] = summaryColumns) {
    const column = sortColumns[query.sort];
    const direction = query.descending ? 'desc' : 'asc';
    // One client's list seeks on the contact and reads in the sort's order (an index per sort
    // key leads with contact_id), so it costs the same in a firm of any size. The firm is still
    // checked on every row, but SQLite is kept off the firm-wide indexes, which without ANALYZE
    // it may rate the same as the contact's.
    const oneClient = !!query.contactId && query.externalId === undefined;
    const where: RawBuilder<SqlBool>[] = [sql<SqlBool>`${oneClient ? this.#unindexed('i.firm_id') : sql.ref('i.firm_id')} = ${query.firmId}`];
    if (query.contactId) where.push(sql<SqlBool>`i.contact_id = ${query.contactId}`);
    if (query.externalId !== undefined) where.push(sql<SqlBool>`i.external_id = ${query.externalId}`);
    if (query.depositAccount) where.push(sql<SqlBool>`${this.#unindexed('i.deposit_account')} = ${query.depositAccount}`);
    if (query.dueFrom) where.push(sql<SqlBool>`${this.#unindexed('i.due_on')} >= ${query.dueFrom}`);
    if (query.dueTo) where.push(sql<SqlBool>`${this.#unindexed('i.due_on')} <= ${query.dueTo}`);
    const after = (alias: string) =>
      query.after
        ? [
            sql<SqlBool>`(${sql.ref(`${alias}${column}`)}, ${sql.ref(`${alias}id`)}) ${sql.raw(query.descending ? '<' : '>')} (${query.after.value}, ${query.after.id})`,
          ]
        : [];
    // Only a status filter or a balance sort needs every invoice's figures before paging.
    const everything = allStatuses.every((status) => query.statuses.includes(status));
    if (everything && query.sort !== 'balance') {
      if (!query.statuses.includes('draft')) where.push(sql<SqlBool>`i.state <> 'draft'`);
      return this.#withSums([...where, ...after('i.')], columns)
        .orderBy(sql.ref(`i.${column}`), direction)
        .orderBy('i.id', direction)
        .limit(query.limit)
        .$castTo<ListRow>();
    }
    where.push(...this.#storedConditions(query.statuses, query.today, { state: !oneClient, dueOn: !oneClient || query.sort === 'dueOn' }));
    // A status filter or a sort on the balance works every one of the client's invoices' figures
    // out (PostgreSQL cannot tell how soon a page of a status fills, so it does not count on
    // stopping early): their sums come from all of the client's allocations at once.
    const client = oneClient ? { firmId: query.firmId, contactId: query.contactId! } : undefined;
    // A stored sort column is sought on below the figures, in the index; the balance only exists above them.
    const stored = query.sort !== 'balance';
    return this.#withFigures(stored ? [...where, ...after('i.')] : where, query.today, columns, stored ? { column, direction } : undefined, client)
      .where('figures.status', 'in', query.statuses)
      .$if(!stored && query.after !== undefined, (qb) => qb.where((eb) => eb.and(after('figures.'))))
      .orderBy(sql.ref(`figures.${column}`), direction)
      .orderBy('figures.id', direction)
      .limit(query.limit)
      .$castTo<ListRow>();
  }

  async idByExternalId(firmId: string, externalId: string): Promise<string | undefined> {
    const row = await this.storage.db
      .selectFrom('invoices')
      .select('id')
      .where('firm_id', '=', firmId)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * Holds these invoices' rows until the transaction ends (PostgreSQL; SQLite's transaction
   * already holds its one writer lock). Taken in one order, by id, so two payments over the same
   * invoices queue behind each other instead of each waiting on the other. Each statement after it
   * in the transaction sees what the payment before it committed.
   */
  async lock(firmId: string, invoiceIds: readonly string[]): Promise<void> {
    if (this.storage.engine !== 'postgres' || !invoiceIds.length) return;
    await this.storage.db
      .selectFrom('invoices')
      .select('id')
      .where('firm_id', '=', firmId)
      .where('id', 'in', [...invoiceIds])
      .orderBy('id')
      .forUpdate()
      .execute();
  }

  async find(firmId: string, id: string, today: string): Promise<InvoiceRecord | undefined> {
    const row = await this.#withFigures([sql<SqlBool>`i.firm_id = ${firmId}`, sql<SqlBool>`i.id = ${id}`], today, detailColumns)
      .$castTo<InvoiceRow>()
      .executeTakeFirst();
    if (!row) return undefined;
    const lineRows = await this.storage.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', id).orderBy('position').execute();
    const lines = lineRows.map((line) => ({
      id: line.id,
      kind: line.kind as InvoiceLine['kind'],
      date: line.service_date,
      description: line.description,
      quantity: line.quantity_milli === null ? null : line.quantity_milli / 1000,
      rate: line.rate,
      amount: line.amount,
    }));
    const payments = await this.ledger.applied(id);
    return {
      state: row.state as State,
      firmId: row.firm_id,
      externalId: row.external_id,
      createdAt: row.created_at,
      voidReason: row.void_reason,
      detail: {
        ...toSummary(row, today),
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

  /** Takes the firm's next counter value; a firm without a counter yet starts at INV-1001. */
  #nextNumberQuery(firmId: string) {
    return nextCounterQuery(this.storage.db, firmId, 'invoice_number', 1001);
  }

  #numberQuery(firmId: string, number: string) {
    return this.storage.db.selectFrom('invoices').select('id').where('firm_id', '=', firmId).where('number', '=', number);
  }

  /** The firm's next free number like `INV-1042`. Call inside the transaction that writes it. */
  async #nextNumber(firmId: string): Promise<string> {
    for (;;) {
      const { value } = await this.#nextNumberQuery(firmId).executeTakeFirstOrThrow();
      const number = `INV-${value}`;
      if (!(await this.#numberQuery(firmId, number).executeTakeFirst())) return number;
    }
  }

  async idByNumber(firmId: string, number: string): Promise<string | undefined> {
    return (await this.#numberQuery(firmId, number).executeTakeFirst())?.id;
  }

  async numberTaken(firmId: string, number: string, exceptId?: string): Promise<boolean> {
    const row = await this.#numberQuery(firmId, number).executeTakeFirst();
    return !!row && row.id !== exceptId;
  }

  async create(
    input: {
      firmId: string;
      contactId: string;
      /** `null`: the firm's next number, taken in this transaction. */ number: string | null;
      matter: string | null;
      issuedOn: string;
      dueOn: string;
      currency: string;
      depositAccount: DepositAccount;
      notes: string | null;
      priced: PricedLines;
      externalId?: string | null;
    },
    now: string,
  ): Promise<string> {
    const id = newId('inv');
    await this.storage.transaction(async () => {
      const { priced, ...invoice } = input;
      const number = invoice.number ?? (await this.#nextNumber(invoice.firmId));
      await this.storage.db
        .insertInto('invoices')
        .values({
          id,
          firm_id: invoice.firmId,
          contact_id: invoice.contactId,
          number,
          matter: invoice.matter,
          issued_on: invoice.issuedOn,
          due_on: invoice.dueOn,
          currency: invoice.currency,
          deposit_account: invoice.depositAccount,
          notes: invoice.notes,
          subtotal: priced.subtotal,
          discount: priced.discount,
          tax: priced.tax,
          total: priced.total,
          external_id: invoice.externalId ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.#writeLines(id, priced);
    });
    return id;
  }

  async update(
    id: string,
    changes: {
      number?: string;
      matter?: string | null;
      issuedOn?: string;
      dueOn?: string;
      depositAccount?: DepositAccount;
      notes?: string | null;
      contactId?: string;
      externalId?: string | null;
      priced?: PricedLines;
    },
    now: string,
  ): Promise<void> {
    const columns: Updateable<InvoicesTable> = {
      number: changes.number,
      matter: changes.matter,
      issued_on: changes.issuedOn,
      due_on: changes.dueOn,
      deposit_account: changes.depositAccount,
      notes: changes.notes,
      contact_id: changes.contactId,
      external_id: changes.externalId,
      subtotal: changes.priced?.subtotal,
      discount: changes.priced?.discount,
      tax: changes.priced?.tax,
      total: changes.priced?.total,
    };
    const set = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as Updateable<InvoicesTable>;
    await this.storage.transaction(async () => {
      await this.storage.db
        .updateTable('invoices')
        .set({ ...set, updated_at: now })
        .where('id', '=', id)
        .execute();
      if (changes.priced) await this.#writeLines(id, changes.priced);
    });
  }

  /** The matters the contact's published invoices name, alphabetically. */
  async mattersOf(firmId: string, contactId: string): Promise<string[]> {
    const rows = await this.storage.db
      .selectFrom('invoices')
      .select('matter')
      .distinct()
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('state', '!=', 'draft')
      .where('matter', 'is not', null)
      .orderBy('matter')
      .limit(200)
      .execute();
    return rows.map((row) => row.matter!);
  }

  async markSent(id: string, now: string): Promise<void> {
    await this.storage.db
      .updateTable('invoices')
      .set({ state: 'sent', sent_at: sql<string>`COALESCE(sent_at, ${now})`, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async markVoid(id: string, reason: string | null, now: string): Promise<void> {
    await this.storage.db.updateTable('invoices').set({ state: 'void', voided_at: now, void_reason: reason, updated_at: now }).where('id', '=', id).execute();
  }

  async deleteDraft(id: string): Promise<void> {
    await this.storage.transaction(async () => {
      await this.storage.db.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
      await this.storage.db.deleteFrom('invoices').where('id', '=', id).where('state', '=', 'draft').execute();
    });
  }

  /**
   * How many invoices the firm sent the contact after `since` (every one when null), and the
   * newest `limit` of them; voided ones are left out.
   */
  async sentToContactSince(
    firmId: string,
    contactId: string,
    since: string | null,
    limit: number,
  ): Promise<{ count: number; latest: { id: string; number: string; total: number; currency: string; dueOn: string; sentAt: string }[] }> {
    const sent = this.storage.db
      .selectFrom('invoices')
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('state', '=', 'sent')
      .where('sent_at', 'is not', null)
      .$if(since !== null, (qb) => qb.where('sent_at', '>', since!));
    const { n } = await sent.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await sent
      .select(['id', 'number', 'total', 'currency', 'due_on', 'sent_at'])
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return {
      count: Number(n),
      latest: rows.map((row) => ({
        id: row.id,
        number: row.number,
        total: Number(row.total),
        currency: row.currency,
        dueOn: row.due_on,
        sentAt: row.sent_at!,
      })),
    };
  }

  async #writeLines(invoiceId: string, priced: PricedLines): Promise<void> {
    await this.storage.db.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
    if (priced.lines.length === 0) return;
    await this.storage.db
      .insertInto('invoice_lines')
      .values(
        priced.lines.map((line, position) => ({
          id: newId('line'),
          invoice_id: invoiceId,
          position,
          kind: line.kind,
          service_date: line.date,
          description: line.description,
          quantity_milli: line.quantity === null ? null : Math.round(line.quantity * 1000),
          rate: line.rate,
          amount: line.amount,
        })),
      )
      .execute();
  }
}
