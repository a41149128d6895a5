/**
 * One client's invoice requests in a firm of 10k, 100k and 1M invoices, on SQLite and on
 * PostgreSQL in the same run: the client owns 1,000 of them at every size, so each figure should
 * stay flat as the firm grows. A third of every client's invoices are paid, so the firm's
 * payments grow with it (333k at 1M). Measures, in-process (the service call the route makes, acting for
 * the firm): the client's first page, a status-filtered page, the summary `<portal-invoices>`
 * loads (`GET /invoices/outstanding`: every unpaid invoice, one query), and the firm's own first
 * page (`GET /admin/invoices`). `BENCH_SIZES=10000,100000` picks the sizes, `BENCH_ENGINES=sqlite`
 * the engines; `BENCH_EXPLAIN=1` prints PostgreSQL's plans at the largest size.
 */
import type { Engine } from '../server/src/db/storage.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { clientStatuses } from '../server/src/invoices/invoice.ts';
import type { InvoicesRepository } from '../server/src/invoices/invoices.repository.ts';
import { benchEngines, benchPostgresSettings, openBenchServices } from './bench-service.ts';
import { report, timeCalls as time, type Timing } from './report.ts';
import { InvoiceSeeder } from './seed-invoices.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const contacts = 1_000;
/** The client whose requests are measured owns this many at every size. */
const measured = 1_000;
const engineNames: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL 15' };

type Figures = Timing;

export async function benchInvoiceScale() {
  for (const engine of benchEngines()) await scaleOn(engine);
}

async function scaleOn(engine: Engine) {
  const bench = await openBenchServices({ engine });
  try {
    const { services, storage } = bench;
    const firm = await storage.asSystem(() => services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings }));
    const seeder = new InvoiceSeeder(bench, { firmId: firm.id, contacts, measured, drafts: true, paid: 'all', lines: false });
    const client = seeder.clientId;
    try {
      await seeder.start();
      const asFirm =
        <T>(call: () => Promise<T>) =>
        () =>
          storage.asFirm(firm.id, call);
      const firstPage = asFirm(() => services.invoices.listForClient(firm, client, {}));
      const paidPage = asFirm(() => services.invoices.listForClient(firm, client, { status: 'paid' }));
      const summary = asFirm(() => services.invoices.outstandingForClient(firm, client));
      const adminPage = asFirm(() => services.invoices.listForFirm(firm.id, {}));

      const rows: [string, string][] = [];
      const results = new Map<number, Record<string, Figures>>();
      for (const size of sizes) {
        const seedStarted = performance.now();
        await seeder.growTo(size);
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        // What each call returns must be what was seeded, whatever the engine's row-level security.
        const [first, paid, owed, admin] = await Promise.all([firstPage(), paidPage(), summary(), adminPage()]);
        if (first.data.length !== 50 || paid.data.length !== 50 || owed.invoiceIds.length === 0 || admin.data.length !== 50) {
          throw new Error(
            `${engine}: the calls do not see the seeded invoices (${first.data.length}, ${paid.data.length}, ${owed.invoiceIds.length}, ${admin.data.length})`,
          );
        }

        // Up to 1,000 calls each (6 s at most): a p99 of 100 calls is the second slowest of them,
        // one pause of the machine's; of 1,000 it is the tenth.
        const figures = {
          'first page': await time(1_000, firstPage, 6_000),
          'filtered page (paid)': await time(1_000, paidPage, 6_000),
          'summary (GET /invoices/outstanding)': await time(1_000, summary, 6_000),
          'admin first page': await time(1_000, adminPage, 6_000),
        };
        results.set(size, figures);
        rows.push([`${size.toLocaleString('en-US')} invoices`, `seeded ${seedSeconds.toFixed(1)} s${engine === 'postgres' ? ' (with VACUUM ANALYZE)' : ''}`]);
        for (const [name, f] of Object.entries(figures)) rows.push([`  ${name}`, `p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms (${f.runs} calls)`]);
      }
      const smallest = results.get(sizes[0]!)!;
      const largest = results.get(sizes.at(-1)!)!;
      if (sizes.length > 1) {
        for (const name of Object.keys(smallest)) {
          rows.push([
            `${name}, ${sizes.at(-1)!.toLocaleString('en-US')} / ${sizes[0]!.toLocaleString('en-US')}`,
            `p50 ×${(largest[name]!.p50 / smallest[name]!.p50).toFixed(2)}, p99 ×${(largest[name]!.p99 / smallest[name]!.p99).toFixed(2)}`,
          ]);
        }
      }
      const settings =
        engine === 'postgres'
          ? benchPostgresSettings()
              .map(([name, value]) => `${name}=${value}`)
              .join(', ')
          : '';
      report(
        `invoice scale, ${engineNames[engine]}${settings ? ` (${settings})` : ''} (one client with ${measured.toLocaleString('en-US')} invoices; a third of every client's paid)`,
        rows,
      );
      if (engine === 'postgres' && process.env.BENCH_EXPLAIN) await explain(seeder, services.repositories.invoices, firm.id, client);
    } finally {
      await seeder.close();
    }
  } finally {
    await bench.close();
  }
}

/** PostgreSQL's plans for the statements measured, at the largest size (BENCH_EXPLAIN=1). */
async function explain(seeder: InvoiceSeeder, invoices: InvoicesRepository, firmId: string, contactId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const lists = {
    'first page': { firmId, contactId, statuses: clientStatuses, sort: 'issuedOn', descending: true, limit: 51, today },
    'filtered page (paid)': { firmId, contactId, statuses: ['paid'], sort: 'issuedOn', descending: true, limit: 51, today },
    'admin first page': { firmId, statuses: [...clientStatuses, 'draft'], sort: 'issuedOn', descending: true, limit: 51, today },
  } as const;
  const statements = {
    ...Object.fromEntries(Object.entries(lists).map(([name, query]) => [name, invoices.listStatement({ ...query, statuses: [...query.statuses] })])),
    summary: invoices.owedStatement({ firmId, contactId, today, limit: 10_000 }),
  };
  for (const [name, statement] of Object.entries(statements)) {
    const plan = await seeder.explainAsFirm(firmId, statement);
    console.log(`\n  EXPLAIN ${name}:\n${plan.map((line) => `    ${line}`).join('\n')}`);
  }
}
