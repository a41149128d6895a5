/**
 * The hot invoice queries read one client's rows (or the firm's first page) through an index,
 * never the whole firm: SQLite's own plan for each, as `list` and the numbering run them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { queryPlan } from '../../server/src/db/explain.ts';
import { migrations } from '../../server/src/db/migrations.ts';
import { migrateSqlite } from '../../server/src/db/migrator.ts';
import { openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import type { InvoiceStatus } from '../../server/src/invoices/invoice.ts';
import { InvoicesRepository, type InvoiceQuery, type InvoiceSortKey } from '../../server/src/invoices/invoices.repository.ts';
import { PaymentsInvoiceLedger } from '../../server/src/payments/invoice-ledger.ts';
import { PaymentsRepository } from '../../server/src/payments/payments.repository.ts';

const now = '2026-03-02T15:00:00.000Z';
const today = '2026-03-02';
const clientStatuses: InvoiceStatus[] = ['open', 'partially_paid', 'overdue', 'paid', 'void'];
const unpaid: InvoiceStatus[] = ['open', 'partially_paid', 'overdue'];
const sortKeys: InvoiceSortKey[] = ['issuedOn', 'dueOn', 'number', 'total', 'balance'];
/** The index each sort key of one client's list reads in order. */
const clientIndex: Record<Exclude<InvoiceSortKey, 'balance'>, string> = {
  issuedOn: 'invoices_contact_issued',
  dueOn: 'invoices_contact_due',
  number: 'invoices_contact_number',
  total: 'invoices_contact_total',
};

let dir: string;
let storage: Storage;
let invoices: InvoicesRepository;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-plans-'));
  storage = openSqliteStorage(dir);
  invoices = new InvoicesRepository(storage, new PaymentsInvoiceLedger(storage));
});
after(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function planOf(query: InvoiceQuery): Promise<string[]> {
  return queryPlan(storage, invoices.listStatement(query));
}

/** The plan of the summary `GET /invoices/outstanding` reads: every one of the client's unpaid invoices. */
const summaryPlan = () => queryPlan(storage, invoices.owedStatement({ firmId: 'firm_1', contactId: 'con_1', today, limit: 10_000 }));

/**
 * The plan without the scans of co-routines: a subquery SQLite keeps apart (the ledger sums below
 * the status filter) is read row by row as it yields them, which is no read of a table.
 */
function tableSteps(plan: string[]): string[] {
  const coroutines = new Set(plan.flatMap((step) => /^CO-ROUTINE (\S+)$/.exec(step)?.[1] ?? []));
  return plan.filter((step) => !coroutines.has(/^SCAN (\S+)$/.exec(step)?.[1] ?? ''));
}

/** The plan steps that read the invoices table itself (alias `i`), not the ledger subqueries. */
const invoiceReads = (plan: string[]) => tableSteps(plan).filter((step) => /^(SCAN|SEARCH) i\b/.test(step));

/**
 * What is wrong with a plan for one client's request: each problem names the plan line. The
 * invoices must be read once, by seeking on the contact; nothing may be scanned, and neither the
 * firm's state index nor a sort of the rows read may appear unless `sorts` allows the sort.
 */
function clientPlanProblems(plan: string[], expectedIndex: string | null, sorts = false): string[] {
  const problems: string[] = [];
  const reads = invoiceReads(plan);
  if (reads.length !== 1) problems.push(`expected one read of invoices, found ${JSON.stringify(reads)} in ${JSON.stringify(plan)}`);
  for (const read of reads) {
    if (!/^SEARCH i USING (COVERING )?INDEX invoices_contact_\w+ \(contact_id=/.test(read)) problems.push(`invoices not sought by contact: "${read}"`);
    if (expectedIndex && !read.includes(`INDEX ${expectedIndex} `)) problems.push(`expected ${expectedIndex}: "${read}"`);
  }
  for (const step of tableSteps(plan)) {
    if (/^SCAN /.test(step)) problems.push(`full scan: "${step}"`);
    if (step.includes('invoices_firm_state')) problems.push(`walks the firm by state: "${step}"`);
    if (!sorts && step.includes('TEMP B-TREE')) problems.push(`sorts the rows it read: "${step}"`);
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

describe('query plans: one client', () => {
  it('the check itself finds a firm-wide plan (the plan of the query before this change)', async () => {
    const plan = await queryPlan(storage, {
      sql: `SELECT * FROM invoices i INDEXED BY invoices_firm_state WHERE i.firm_id = ? AND i.contact_id = ?
       ORDER BY i.due_on, i.id LIMIT 51`,
      parameters: ['firm_1', 'con_1'],
    });
    const problems = clientPlanProblems(plan, 'invoices_contact_due');
    assert.ok(
      problems.some((p) => p.startsWith('invoices not sought by contact: "SEARCH i USING INDEX invoices_firm_state')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('sorts the rows it read')),
      problems.join('\n'),
    );
  });

  it("the first page, as <portal-invoices> asks for it, reads the client's rows newest first", async () => {
    assert.deepEqual(clientPlanProblems(await planOf(clientQuery({})), 'invoices_contact_issued'), []);
  });

  for (const sort of sortKeys) {
    for (const descending of [false, true]) {
      const name = `${descending ? '-' : ''}${sort}`;
      const expected = sort === 'balance' ? null : clientIndex[sort];
      // The balance is derived from the ledger, so a balance sort orders the client's own rows
      // (never the firm's); every other key reads its index in order.
      const sorts = sort === 'balance';
      it(`sort=${name}: all statuses, first and next page`, async () => {
        assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ sort, descending })), expected, sorts), []);
        const next = clientQuery({ sort, descending, after: { value: sort === 'total' || sort === 'balance' ? 100 : 'INV-1001', id: 'inv_x' } });
        assert.deepEqual(clientPlanProblems(await planOf(next), expected, sorts), []);
      });
      for (const statuses of [['open'], ['partially_paid'], ['overdue'], ['paid'], ['void'], unpaid, ['paid', 'void']] as InvoiceStatus[][]) {
        it(`sort=${name}: status=${statuses.join(',')}`, async () => {
          assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ sort, descending, statuses })), expected, sorts), []);
        });
      }
    }
  }

  it("the summary (GET /invoices/outstanding, one query) and the unpaid pages read the client's rows by due date", async () => {
    assert.deepEqual(clientPlanProblems(await summaryPlan(), 'invoices_contact_due'), []);
    const first = clientQuery({ statuses: unpaid, sort: 'dueOn', descending: false, limit: 201 });
    assert.deepEqual(clientPlanProblems(await planOf(first), 'invoices_contact_due'), []);
    const next = await planOf({ ...first, after: { value: today, id: 'inv_x' } });
    assert.deepEqual(clientPlanProblems(next, 'invoices_contact_due'), []);
    assert.match(invoiceReads(next)[0] ?? '', /\(contact_id=\? AND \(due_on,id\)>\(\?,\?\)\)/, `the next page seeks past the cursor: ${next.join(' | ')}`);
  });

  it("a status filter works out each invoice's ledger sums once, not again for each use of the status and balance", async () => {
    for (const query of [
      clientQuery({ statuses: unpaid, sort: 'dueOn', descending: false, limit: 10_000 }),
      clientQuery({ statuses: ['paid'] }),
      clientQuery({ statuses: unpaid, sort: 'balance' }),
    ]) {
      const plan = await planOf(query);
      // One read of the allocations for what was paid, one for what is pending (seven when SQLite flattened the sums into the status).
      const reads = plan.filter((step) => /^SEARCH a USING (COVERING )?INDEX payment_allocations_invoice /.test(step));
      assert.equal(reads.length, 2, plan.join(' | '));
    }
  });

  it("the firm's list of one client (?contactId=) is one client's request too", async () => {
    const statuses: InvoiceStatus[] = [...clientStatuses, 'draft'];
    assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ statuses })), 'invoices_contact_issued'), []);
    assert.deepEqual(clientPlanProblems(await planOf(clientQuery({ statuses: ['draft'], sort: 'dueOn' })), 'invoices_contact_due'), []);
  });
});

describe('query plans: the firm', () => {
  const firmQuery: InvoiceQuery = {
    firmId: 'firm_1',
    statuses: [...clientStatuses, 'draft'],
    sort: 'issuedOn',
    descending: true,
    limit: 51,
    today,
  };

  it("GET /admin/invoices (every status, -issuedOn) reads its first page from the firm's date index, unsorted", async () => {
    for (const query of [firmQuery, { ...firmQuery, after: { value: today, id: 'inv_x' } }]) {
      const plan = await planOf(query);
      const reads = invoiceReads(plan);
      assert.equal(reads.length, 1, `one read of invoices: ${plan.join(' | ')}`);
      assert.match(reads[0]!, /^SEARCH i USING INDEX invoices_firm_issued \(firm_id=/, `the sort comes from the index: "${reads[0]}"`);
      assert.deepEqual(
        plan.filter((step) => /TEMP B-TREE|^SCAN /.test(step)),
        [],
      );
    }
  });

  it('a new invoice number reads one counter row and probes one number', async () => {
    const statements = invoices.numberingStatements('firm_1', 'INV-1001');
    const counter = await queryPlan(storage, statements.next);
    assert.deepEqual(
      counter.filter((step) => /invoices|payments|SCAN/.test(step)),
      [],
    );
    assert.doesNotMatch(statements.next.sql, /\bCOUNT\s*\(|FROM "?invoices/i);
    const taken = await queryPlan(storage, statements.taken);
    assert.equal(taken.length, 1, `number probe: ${taken.join(' | ')}`);
    assert.ok(
      taken.every((step) => /^SEARCH invoices USING (COVERING )?INDEX sqlite_autoindex_invoices_2 \(firm_id=\? AND number=\?\)$/.test(step)),
      `number probe: ${taken.join(' | ')}`,
    );
  });

  it('a new receipt number reads one counter row', async () => {
    const plan = await queryPlan(storage, { sql: PaymentsRepository.receiptNumberStatement, parameters: ['firm_1'] });
    assert.deepEqual(
      plan.filter((step) => /invoices|payments|SCAN/.test(step)),
      [],
    );
    assert.doesNotMatch(PaymentsRepository.receiptNumberStatement, /\bCOUNT\s*\(|FROM payments/i);
  });
});

describe('numbering across the counters migration', () => {
  it('continues the invoice and receipt numbers a firm already has', async () => {
    const oldStorage = openSqliteStorage(dir, { file: path.join(dir, 'old.db'), migrations: migrations.filter((m) => m.version < 14) });
    const old = oldStorage.sqlite!;
    old
      .prepare("INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_1', 'hale', 'Hale', ?, ?), ('firm_2', 'empty', 'Empty', ?, ?)")
      .run(now, now, now, now);
    old.prepare("INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('con_1', 'firm_1', 'a@example.com', 'A', ?, ?)").run(now, now);
    const insertInvoice = old.prepare(
      "INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at) VALUES (?, 'firm_1', 'con_1', ?, ?, ?, 'USD', ?, ?)",
    );
    ['INV-1001', 'INV-1002', '2026/7', 'INV-1004'].forEach((number, n) => insertInvoice.run(`inv_${n}`, number, today, today, now, now));
    const insertPayment = old.prepare(
      "INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at) VALUES (?, 'firm_1', 'con_1', 100, 'USD', 'card', 'portal', ?, ?)",
    );
    ['R-100001', 'R-100002'].forEach((receipt, n) => insertPayment.run(`pay_${n}`, receipt, now));
    migrateSqlite(old, migrations);
    try {
      const repository = new InvoicesRepository(oldStorage, new PaymentsInvoiceLedger(oldStorage));
      const create = (firmId: string) =>
        repository.create(
          {
            firmId,
            contactId: 'con_1',
            number: null,
            matter: null,
            issuedOn: today,
            dueOn: today,
            currency: 'USD',
            depositAccount: 'operating',
            notes: null,
            priced: { lines: [], subtotal: 0, discount: 0, tax: 0, total: 0 },
          },
          now,
        );
      const numberOf = (id: string) => (old.prepare('SELECT number FROM invoices WHERE id = ?').get(id) as { number: string }).number;
      // Four invoices: the old count gave INV-1005, and so does the counter.
      assert.equal(numberOf(await create('firm_1')), 'INV-1005');
      assert.equal(numberOf(await create('firm_1')), 'INV-1006');
      // A number the firm typed is skipped when the counter reaches it.
      old.prepare("UPDATE invoices SET number = 'INV-1007' WHERE id = 'inv_2'").run();
      assert.equal(numberOf(await create('firm_1')), 'INV-1008');
      const receipt = old.prepare<[string], { value: number }>(PaymentsRepository.receiptNumberStatement);
      assert.equal(receipt.get('firm_1')!.value, 100003);
      // A firm with nothing yet starts where the count did.
      assert.equal(receipt.get('firm_2')!.value, 100001);
      old
        .prepare("INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('con_2', 'firm_2', 'b@example.com', 'B', ?, ?)")
        .run(now, now);
      const fresh = await repository.create(
        {
          firmId: 'firm_2',
          contactId: 'con_2',
          number: null,
          matter: null,
          issuedOn: today,
          dueOn: today,
          currency: 'USD',
          depositAccount: 'operating',
          notes: null,
          priced: { lines: [], subtotal: 0, discount: 0, tax: 0, total: 0 },
        },
        now,
      );
      assert.equal(numberOf(fresh), 'INV-1001');
    } finally {
      await oldStorage.close();
    }
  });
});
