/**
 * The hot invoice queries on PostgreSQL read one client's rows (or the firm's first page) through
 * an index, never the whole firm: the plans PostgreSQL picks once it knows the table, for a firm
 * of 20,000 invoices across 2,000 clients (statistics gathered with ANALYZE, as autovacuum would).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { queryPlan } from '../../server/src/db/explain.ts';
import { openPostgresStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import type { InvoiceStatus } from '../../server/src/invoices/invoice.ts';
import { InvoicesRepository, type InvoiceQuery, type InvoiceSortKey } from '../../server/src/invoices/invoices.repository.ts';
import { PaymentsInvoiceLedger } from '../../server/src/payments/invoice-ledger.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const now = '2026-03-02T15:00:00.000Z';
const today = '2026-03-02';
const clientStatuses: InvoiceStatus[] = ['open', 'partially_paid', 'overdue', 'paid', 'void'];
const unpaid: InvoiceStatus[] = ['open', 'partially_paid', 'overdue'];
const sortKeys: InvoiceSortKey[] = ['issuedOn', 'dueOn', 'number', 'total', 'balance'];

let postgres: TestPostgres;
let storage: Storage;
let invoices: InvoicesRepository;

before(async () => {
  postgres = await startPostgres();
  storage = await openPostgresStorage(postgres.url);
  invoices = new InvoicesRepository(storage, new PaymentsInvoiceLedger(storage));
  await storage.asSystem(async () => {
    await sql`INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_1', 'hale', 'Hale', ${now}, ${now}), ('firm_2', 'north', 'North', ${now}, ${now})`.execute(
      storage.db,
    );
    await sql`
      INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at)
      SELECT 'con_' || n, CASE WHEN n <= 2000 THEN 'firm_1' ELSE 'firm_2' END, 'client' || n || '@example.com', 'Client ' || n, ${now}, ${now}
      FROM generate_series(1, 2200) AS n`.execute(storage.db);
    // Ten invoices per client, spread over two years, in every state.
    await sql`
      INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, state, subtotal, total, sent_at, created_at, updated_at)
      SELECT 'inv_' || n, c.firm_id, c.id, 'INV-' || (1000 + n),
             to_char(date '2025-01-01' + (n % 700), 'YYYY-MM-DD'), to_char(date '2025-01-31' + (n % 700), 'YYYY-MM-DD'), 'USD',
             (ARRAY['draft', 'sent', 'sent', 'sent', 'void'])[1 + n % 5], 1000 + n % 9000, 1000 + n % 9000, ${now}, ${now}, ${now}
      FROM generate_series(1, 22000) AS n JOIN contacts c ON c.id = 'con_' || (1 + (n - 1) % 2200)`.execute(storage.db);
    // A third of the sent invoices paid, each by a payment of its own that succeeded.
    await sql`
      INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
      SELECT 'pay_' || i.id, i.firm_id, i.contact_id, i.total, 'USD', 'card', 'portal', 'R-' || i.number, ${now}
      FROM invoices i WHERE i.state = 'sent' AND i.total % 3 = 0`.execute(storage.db);
    await sql`
      INSERT INTO payment_allocations (firm_id, contact_id, payment_id, invoice_id, amount, deposit_account)
      SELECT p.firm_id, p.contact_id, p.id, substr(p.id, 5), p.amount, 'operating' FROM payments p`.execute(storage.db);
    await sql`INSERT INTO payment_events (firm_id, contact_id, payment_id, status, occurred_at) SELECT p.firm_id, p.contact_id, p.id, 'succeeded', ${now} FROM payments p`.execute(
      storage.db,
    );
    // Some of them refunded in part.
    await sql`
      INSERT INTO refunds (id, firm_id, payment_id, amount, currency, status, origin, created_at, updated_at)
      SELECT 'ref_' || p.id, p.firm_id, p.id, 100, 'USD', 'succeeded', 'api', ${now}, ${now} FROM payments p WHERE p.amount % 7 = 0`.execute(storage.db);
    await sql`
      INSERT INTO refund_allocations (firm_id, contact_id, refund_id, invoice_id, amount)
      SELECT f.firm_id, p.contact_id, f.id, substr(p.id, 5), f.amount FROM refunds f JOIN payments p ON p.id = f.payment_id`.execute(storage.db);
    await sql`ANALYZE`.execute(storage.db);
  });
});
after(async () => {
  await storage?.close();
  await postgres?.stop();
});

/** The plan as a request of the firm runs it: acting for that firm (row-level security's estimate is then the firm's share). */
const planOf = (query: InvoiceQuery) => storage.asFirm(query.firmId, () => queryPlan(storage, invoices.listStatement(query)));
/** The plan of the summary `GET /invoices/outstanding` reads: every one of the client's unpaid invoices. */
const summaryPlan = () =>
  storage.asFirm('firm_1', () => queryPlan(storage, invoices.owedStatement({ firmId: 'firm_1', contactId: 'con_1', today, limit: 10_000 })));

/** The plan steps that read the invoices table itself (alias `i`), not the ledger subqueries. */
const invoiceReads = (plan: string[]) => plan.filter((step) => /on invoices i$/.test(step) || /^Bitmap Index Scan using invoices_/.test(step));

/** What is wrong with a plan for one client's request: the invoices are read by the contact, never the firm's rows. */
function clientPlanProblems(plan: string[]): string[] {
  const problems: string[] = [];
  const reads = invoiceReads(plan);
  if (!reads.length) problems.push(`no read of invoices in ${JSON.stringify(plan)}`);
  for (const read of reads) {
    if (/^Seq Scan/.test(read)) problems.push(`full scan: "${read}"`);
    else if (/using invoices_/.test(read) && !/using invoices_contact_\w+/.test(read)) problems.push(`invoices not sought by contact: "${read}"`);
  }
  return problems;
}

const clientQuery = (fields: Partial<InvoiceQuery>): InvoiceQuery => ({
  firmId: 'firm_1',
  contactId: 'con_1',
  statuses: clientStatuses,
  sort: 'issuedOn',
  descending: true,
  limit: 51,
  today,
  ...fields,
});

describe('query plans on PostgreSQL: one client', () => {
  it('the check itself finds a firm-wide plan', () => {
    assert.deepEqual(clientPlanProblems(['Limit', 'Index Scan using invoices_firm_issued on invoices i']), [
      'invoices not sought by contact: "Index Scan using invoices_firm_issued on invoices i"',
    ]);
    assert.deepEqual(clientPlanProblems(['Sort', 'Seq Scan on invoices i']), ['full scan: "Seq Scan on invoices i"']);
  });

  for (const sort of sortKeys) {
    for (const descending of [false, true]) {
      const name = `${descending ? '-' : ''}${sort}`;
      it(`sort=${name}: every status, unpaid, and the next page`, async () => {
        assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ sort, descending }))), []);
        assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ sort, descending, statuses: unpaid }))), []);
        const after = { value: sort === 'total' || sort === 'balance' ? 100 : 'INV-1001', id: 'inv_x' };
        assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ sort, descending, after }))), []);
      });
    }
  }

  it("the summary (GET /invoices/outstanding) reads the client's unpaid rows by the contact", async () => {
    assert.deepEqual(clientPlanProblems(await summaryPlan()), []);
  });

  it("a status filter (the summary's) or a sort on the balance reads the client's allocations as one range, never one invoice's at a time", async () => {
    for (const query of [
      clientQuery({ statuses: unpaid, sort: 'dueOn', descending: false, limit: 10_000 }),
      clientQuery({ statuses: ['paid'] }),
      clientQuery({ sort: 'balance', descending: true }),
    ]) {
      const plan = await planOf(query);
      assert.ok(
        plan.some((step) => /^(Index Only Scan|Index Scan|Bitmap Index Scan) using payment_allocations_contact\b/.test(step)),
        plan.join(' | '),
      );
      assert.deepEqual(
        plan.filter((step) => /using payment_allocations_invoice\b/.test(step)),
        [],
        plan.join(' | '),
      );
    }
  });

  it("a status filter (the summary's) or a sort on the balance reads the client's payment events and refunds each as one range, never a firm's rows nor a probe per allocation", async () => {
    for (const query of [
      clientQuery({ statuses: unpaid, sort: 'dueOn', descending: false, limit: 10_000 }),
      clientQuery({ statuses: ['paid'] }),
      clientQuery({ sort: 'balance', descending: true }),
    ]) {
      const plan = await planOf(query);
      const ledgerReads = plan.filter((step) =>
        / on (payment_events|refund_allocations|refunds)\b|using (payment_events|refund_allocations|refunds)_/.test(step),
      );
      assert.deepEqual(
        ledgerReads.filter((step) => !/^Index (Only )?Scan using (payment_events_contact|refund_allocations_contact|refunds_pkey)\b/.test(step)),
        [],
        plan.join(' | '),
      );
      for (const index of ['payment_events_contact', 'refund_allocations_contact']) {
        assert.equal(plan.filter((step) => step.includes(`using ${index} `)).length, 1, `${index} read once: ${plan.join(' | ')}`);
      }
      assert.deepEqual(
        plan.filter((step) => /^Seq Scan/.test(step)),
        [],
        plan.join(' | '),
      );
    }
  });

  it("each invoice's allocations are read once for both sums, with no lookup of the payment for row-level security", async () => {
    for (const query of [
      clientQuery({}),
      clientQuery({ statuses: unpaid, sort: 'dueOn', descending: false, limit: 10_000 }),
      clientQuery({ statuses: ['paid'] }),
    ]) {
      const plan = await planOf(query);
      assert.equal(plan.filter((step) => / on payment_allocations a$/.test(step)).length, 1, plan.join(' | '));
      assert.deepEqual(
        plan.filter((step) => / on payments\b/.test(step)),
        [],
        plan.join(' | '),
      );
    }
  });
});

describe('query plans on PostgreSQL: the firm', () => {
  it("GET /admin/invoices (every status, -issuedOn) reads its first page from the firm's date index, unsorted", async () => {
    const query: InvoiceQuery = { firmId: 'firm_1', statuses: [...clientStatuses, 'draft'], sort: 'issuedOn', descending: true, limit: 51, today };
    for (const page of [query, { ...query, after: { value: today, id: 'inv_x' } }]) {
      const plan = await planOf(page);
      const reads = invoiceReads(plan);
      assert.ok(
        reads.length === 1 && /^Index Scan( Backward)? using invoices_firm_issued on invoices i$/.test(reads[0]!),
        `the sort comes from the index: ${plan.join(' | ')}`,
      );
      // Above the read of the invoices (the ledger's subqueries below it sort their own few rows).
      assert.deepEqual(
        plan.slice(0, plan.indexOf(reads[0]!)).filter((step) => /Sort/.test(step)),
        [],
        `no sort of the firm's rows: ${plan.join(' | ')}`,
      );
    }
  });

  it('a new invoice number reads one counter row and probes one number', async () => {
    const statements = invoices.numberingStatements('firm_1', 'INV-1001');
    const counter = await storage.asFirm('firm_1', () => queryPlan(storage, statements.next));
    assert.deepEqual(
      counter.filter((step) => /on (invoices|payments)\b|Seq Scan/.test(step)),
      [],
      counter.join(' | '),
    );
    const taken = await storage.asFirm('firm_1', () => queryPlan(storage, statements.taken));
    assert.ok(
      taken.some((step) => /^Index (Only )?Scan using invoices_firm_id_number_key on invoices$/.test(step)),
      `number probe: ${taken.join(' | ')}`,
    );
    assert.deepEqual(
      taken.filter((step) => /Seq Scan/.test(step)),
      [],
    );
  });
});
