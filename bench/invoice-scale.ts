/**
 * One client's invoice requests in a firm of 10k, 100k and 1M invoices: the client owns 1,000
 * of them at every size, so each figure should stay flat as the firm grows. Measures, in-process
 * (the service call the route makes): the client's first page, a status-filtered page, the
 * summary `<portal-invoices>` loads (`GET /invoices/outstanding`: every unpaid invoice, one query), and the
 * firm's own first page (`GET /admin/invoices`). `BENCH_SIZES=10000,100000` picks the sizes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SigningKeys } from '../server/src/auth/signing-keys.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { createMail } from '../server/src/mail/create-mail.ts';
import { createServices } from '../server/src/services.ts';
import { percentile, report } from './report.ts';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const contacts = 1_000;
/** The client whose requests are measured owns this many at every size. */
const measured = 1_000;

interface Figures { p50: number; p99: number }

function time(runs: number, call: () => void): Figures {
  for (let i = 0; i < Math.min(20, runs); i += 1) call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    call();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export async function benchInvoiceScale() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://bench.test' });
    const db = openDatabase(path.join(dataDir, 'portico.db'));
    const services = createServices({ config, db, keys: await SigningKeys.open(dataDir), mail: createMail(config, db) });
    const firm = services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings });
    const now = new Date().toISOString();

    const insertContact = db.prepare("INSERT INTO contacts (id, firm_id, email, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)");
    const insertInvoice = db.prepare(
      `INSERT INTO invoices (id, firm_id, contact_id, number, matter, issued_on, due_on, currency, state, subtotal, total, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'Matter', ?, ?, 'USD', ?, ?, ?, ?, ?)`,
    );
    const insertPayment = db.prepare(
      "INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at) VALUES (?, ?, ?, ?, 'USD', 'card', 'portal', ?, ?)",
    );
    const insertAllocation = db.prepare("INSERT INTO payment_allocations (payment_id, invoice_id, amount, deposit_account) VALUES (?, ?, ?, 'operating')");
    const insertEvent = db.prepare("INSERT INTO payment_events (payment_id, status, occurred_at) VALUES (?, 'succeeded', ?)");

    const contactIds = Array.from({ length: contacts }, (_, c) => `con_bench_${c}`);
    const client = contactIds[0]!;
    let seeded = 0;
    /** Invoice n: spread over two years of dates; a third of the client's are paid in full. */
    const invoice = (n: number, contactId: string, paid: boolean) => {
      const id = `inv_bench_${n}`;
      const day = new Date(Date.UTC(2024, 0, 1) + (n % 700) * 86_400_000).toISOString().slice(0, 10);
      const total = 10_000 + ((n * 7919) % 500_000);
      insertInvoice.run(id, firm.id, contactId, `INV-${n + 1001}`, day, day, n % 50 === 49 ? 'draft' : 'sent', total, total, now, now);
      if (paid) {
        const paymentId = `pay_bench_${n}`;
        insertPayment.run(paymentId, firm.id, contactId, total, `R-${n + 100001}`, now);
        insertAllocation.run(paymentId, id, total);
        insertEvent.run(paymentId, now);
      }
    };
    db.pragma('cache_size = -262144');
    db.transaction(() => {
      contactIds.forEach((id, c) => insertContact.run(id, firm.id, `client${c}@example.com`, `Client ${c}`, now, now));
      for (; seeded < measured; seeded += 1) invoice(seeded, client, seeded % 3 === 0);
    })();
    db.pragma('cache_size = -2000');

    const rows: [string, string][] = [];
    const results = new Map<number, Record<string, Figures>>();
    for (const size of sizes) {
      const seedStarted = performance.now();
      db.pragma('cache_size = -262144');
      db.transaction(() => {
        // The rest of the firm belongs to the other 999 clients.
        for (; seeded < size; seeded += 1) invoice(seeded, contactIds[1 + (seeded % (contacts - 1))]!, false);
      })();
      db.pragma('cache_size = -2000');
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      const figures = {
        'first page': time(300, () => services.invoices.listForClient(firm.id, client, {})),
        'filtered page (paid)': time(300, () => services.invoices.listForClient(firm.id, client, { status: 'paid' })),
        'summary (GET /invoices/outstanding)': time(100, () => services.invoices.outstandingForClient(firm.id, client)),
        'admin first page': time(300, () => services.invoices.listForFirm(firm.id, {})),
      };
      results.set(size, figures);
      rows.push([`${size.toLocaleString('en-US')} invoices`, `seeded ${seedSeconds.toFixed(1)} s`]);
      for (const [name, f] of Object.entries(figures)) rows.push([`  ${name}`, `p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms`]);
    }
    const smallest = results.get(sizes[0]!)!;
    const largest = results.get(sizes.at(-1)!)!;
    if (sizes.length > 1) {
      for (const name of Object.keys(smallest)) {
        rows.push([`${name}, ${sizes.at(-1)!.toLocaleString('en-US')} / ${sizes[0]!.toLocaleString('en-US')}`, `p50 ×${(largest[name]!.p50 / smallest[name]!.p50).toFixed(2)}, p99 ×${(largest[name]!.p99 / smallest[name]!.p99).toFixed(2)}`]);
      }
    }
    await services.mail.close();
    db.close();
    report(`invoice scale (one client with ${measured.toLocaleString('en-US')} invoices)`, rows);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
