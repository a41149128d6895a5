/**
 * `GET /api/v1/invoices` for one client with 1,000 invoices, in a database of 100,000 invoices
 * across 1,000 clients: p99 of the service call in-process, and HTTP throughput under autocannon
 * next to a bare Express endpoint on the same machine in the same run.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { createApp } from '../server/src/app.ts';
import { hashPassword } from '../server/src/auth/passwords.ts';
import { SigningKeys } from '../server/src/auth/signing-keys.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { newId } from '../server/src/db/ids.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { silentLogger } from '../server/src/logger.ts';
import { createMail } from '../server/src/mail/create-mail.ts';
import { createServices } from '../server/src/services.ts';
import { percentile, report } from './report.ts';

const contacts = 1_000;
const totalInvoices = 100_000;
/** The client whose list is measured has 1,000; the other 999 share the rest evenly. */
const measured = 1_000;

export async function benchInvoicesApi() {
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
       VALUES (?, ?, ?, ?, 'Matter', ?, ?, 'USD', 'sent', ?, ?, ?, ?)`,
    );
    const insertLine = db.prepare("INSERT INTO invoice_lines (id, invoice_id, position, kind, description, amount) VALUES (?, ?, 0, 'flat_fee', 'Fees', ?)");
    const insertPayment = db.prepare(
      "INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at) VALUES (?, ?, ?, ?, 'USD', 'card', 'portal', ?, ?)",
    );
    const insertAllocation = db.prepare("INSERT INTO payment_allocations (payment_id, invoice_id, amount, deposit_account) VALUES (?, ?, ?, 'operating')");
    const insertEvent = db.prepare("INSERT INTO payment_events (payment_id, status, occurred_at) VALUES (?, 'succeeded', ?)");

    const seedStarted = performance.now();
    let number = 0;
    const contactIds: string[] = [];
    db.transaction(() => {
      for (let c = 0; c < contacts; c += 1) {
        const contactId = newId('con');
        contactIds.push(contactId);
        insertContact.run(contactId, firm.id, `client${c}@example.com`, `Client ${c}`, now, now);
        const count = c === 0 ? measured : (totalInvoices - measured) / (contacts - 1);
        for (let i = 0; i < count; i += 1) {
          number += 1;
          const id = newId('inv');
          const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
          const total = 10_000 + ((i * 7919) % 500_000);
          insertInvoice.run(id, firm.id, contactId, `INV-${number}`, day, day, total, total, now, now);
          insertLine.run(newId('line'), id, total);
          if (i % 3 === 0) {
            const paymentId = newId('pay');
            insertPayment.run(paymentId, firm.id, contactId, total, `R-${number}`, now);
            insertAllocation.run(paymentId, id, total);
            insertEvent.run(paymentId, now);
          }
        }
      }
    })();
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM invoices').get() as { n: number }).n;
    const seedMs = performance.now() - seedStarted;

    const client = contactIds[0]!;
    const hash = await hashPassword('bench password 1');
    services.auth.setPasswordHash(client, hash, now);

    // In-process: the service call the route makes, default page (50, newest first).
    const samples: number[] = [];
    for (let i = 0; i < 200; i += 1) services.invoices.listForClient(firm.id, client, {});
    for (let i = 0; i < 2_000; i += 1) {
      const started = performance.now();
      services.invoices.listForClient(firm.id, client, {});
      samples.push(performance.now() - started);
    }
    const filtered: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const started = performance.now();
      services.invoices.listForClient(firm.id, client, { status: 'unpaid', sort: 'dueOn' });
      filtered.push(performance.now() - started);
    }

    // Over HTTP: the real app against a bare Express endpoint, same machine, same run.
    const app = createApp(services, { logger: silentLogger });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const bare = express();
    bare.get('/bare', (_req, res) => res.json({ ok: true }));
    const bareServer = bare.listen(0, '127.0.0.1');
    await new Promise((resolve) => bareServer.once('listening', resolve));
    const port = (s: typeof server) => (s.address() as AddressInfo).port;
    const { token } = await services.tokens.issue({ contactId: client, firmId: firm.id });
    const cannon = (url: string, headers: Record<string, string> = {}) =>
      autocannon({ url, connections: 10, duration: 5, headers });
    const bareResult = await cannon(`http://127.0.0.1:${port(bareServer)}/bare`);
    const apiResult = await cannon(`http://127.0.0.1:${port(server)}/api/v1/invoices`, { authorization: `Bearer ${token}` });
    server.close();
    bareServer.close();
    await services.mail.close();
    db.close();

    if (apiResult.non2xx > 0) throw new Error(`the invoices endpoint answered ${apiResult.non2xx} non-2xx responses`);
    report('invoices API', [
      ['database', `${stored.toLocaleString('en-US')} invoices, ${contacts.toLocaleString('en-US')} clients (seeded in ${(seedMs / 1000).toFixed(1)} s)`],
      ['client', `${measured.toLocaleString('en-US')} invoices, default page of 50`],
      ['in-process p50 / p99', `${percentile(samples, 50).toFixed(2)} ms / ${percentile(samples, 99).toFixed(2)} ms (goal p99 ≤ 5 ms)`],
      ['in-process p99, unpaid by due date', `${percentile(filtered, 99).toFixed(2)} ms`],
      ['bare Express', `${Math.round(bareResult.requests.average).toLocaleString('en-US')} req/s`],
      ['GET /api/v1/invoices', `${Math.round(apiResult.requests.average).toLocaleString('en-US')} req/s, p99 ${apiResult.latency.p99} ms`],
      ['ratio to bare Express', `${(apiResult.requests.average / bareResult.requests.average).toFixed(2)} (goal ≥ 0.5)`],
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
