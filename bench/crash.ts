/**
 * Kill -9 under load: a real service process takes concurrent card payments and is killed with
 * SIGKILL at a random moment, then started again on the same data; every client retries its
 * request with the same Idempotency-Key until it gets a final answer. Counts, over all rounds:
 * payments acknowledged before the kill, acknowledged ones lost (missing, or recorded otherwise
 * than answered), payments stranded (processing with nobody to finish them, or a charge at the
 * processor the ledger does not know), keys that still answered 409 after 60 s, and how long the
 * slowest key took to answer finally.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/src/config.ts';
import { silentLogger } from '../server/src/logger.ts';
import { closeServices, openServices } from '../server/src/main.ts';
import { seedDemo } from '../server/src/seed/demo.ts';
import { ServiceProcess } from '../test/server/helpers/service-process.ts';
import { report } from './report.ts';

const rounds = 5;
const clients = 20;
const paymentsPerRound = 400;
const finalWithinMs = 60_000;

interface Attempt {
  key: string;
  body: unknown;
  /** What the client was told before the kill, if anything. */
  acknowledged?: { id: string; status: string };
  final?: { id?: string; status?: string; code?: string };
  finalAfterMs?: number;
}

export async function benchCrash() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-crash-'));
  const totals = { requests: 0, acknowledged: 0, lost: 0, stranded: 0, stuck: 0, conflicts: 0, slowestMs: 0, killedAfterMs: [] as number[] };
  try {
    const service = await ServiceProcess.create(dataDir);
    const { invoices, tokens } = await prepare(dataDir, service, rounds * paymentsPerRound);

    for (let round = 0; round < rounds; round += 1) {
      await service.start();
      const token = await service.login();
      const attempts: Attempt[] = [];
      for (let i = 0; i < paymentsPerRound; i += 1) {
        const n = round * paymentsPerRound + i;
        attempts.push({
          key: randomUUID(),
          body: { allocations: [{ invoiceId: invoices[n % invoices.length]!, amount: 100 }], paymentMethod: { type: 'card', token: tokens[n]! } },
        });
      }
      // Load from `clients` concurrent clients; the process is killed somewhere in the middle.
      const killAfter = 200 + Math.floor(Math.random() * 1_200);
      totals.killedAfterMs.push(killAfter);
      let next = 0;
      const client = async () => {
        while (next < attempts.length) {
          const attempt = attempts[next++]!;
          try {
            const reply = await service.request('/api/v1/payments', { token, body: attempt.body, headers: { 'idempotency-key': attempt.key } });
            if (reply.status === 201) attempt.acknowledged = { id: reply.body.payment.id, status: reply.body.payment.status };
          } catch {
            return; // The process is gone.
          }
        }
      };
      const load = Promise.all(Array.from({ length: clients }, client));
      await new Promise((resolve) => setTimeout(resolve, killAfter));
      await service.kill();
      await load;

      // Restarted on the same data: each client asks again with its key until the answer is final.
      await service.start();
      const restartedAt = Date.now();
      const again = await service.login();
      for (const attempt of attempts) {
        for (;;) {
          const reply = await service.request('/api/v1/payments', { token: again, body: attempt.body, headers: { 'idempotency-key': attempt.key } });
          if (reply.status !== 409) {
            attempt.final = reply.status === 201 ? { id: reply.body.payment.id, status: reply.body.payment.status } : { code: reply.body.code };
            attempt.finalAfterMs = Date.now() - restartedAt;
            break;
          }
          totals.conflicts += 1;
          if (Date.now() - restartedAt > finalWithinMs) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      await service.stop();

      const ledger = readLedger(dataDir);
      for (const attempt of attempts) {
        totals.requests += 1;
        if (!attempt.final) totals.stuck += 1;
        totals.slowestMs = Math.max(totals.slowestMs, attempt.finalAfterMs ?? finalWithinMs);
        if (!attempt.acknowledged) continue;
        totals.acknowledged += 1;
        const recorded = ledger.status.get(attempt.acknowledged.id);
        const sameAnswer = attempt.final?.id === attempt.acknowledged.id && attempt.final.status === attempt.acknowledged.status;
        if (recorded !== attempt.acknowledged.status || !sameAnswer) totals.lost += 1;
      }
      totals.stranded = ledger.stranded;
    }
    report('kill -9 under load (sandbox processor, one service process)', [
      ['rounds', `${rounds}, each ${paymentsPerRound} card payments from ${clients} concurrent clients, killed after ${totals.killedAfterMs.join(', ')} ms`],
      ['requests', totals.requests.toLocaleString('en-US')],
      ['acknowledged before the kill', totals.acknowledged.toLocaleString('en-US')],
      ['acknowledged and lost', String(totals.lost)],
      ['stranded after restart', String(totals.stranded)],
      ['keys still 409 after 60 s', String(totals.stuck)],
      ['409 answers after the restart', String(totals.conflicts)],
      ['every key answered finally', `${(totals.slowestMs / 1000).toFixed(1)} s after the restart (asked one after another)`],
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The demo firm, with large open invoices to pay in small parts and a card token for each payment. */
async function prepare(dataDir: string, service: ServiceProcess, count: number) {
  const services = await openServices(loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: service.url, DEMO_PORT: String(service.demoPort) }), {
    logger: silentLogger,
  });
  try {
    await seedDemo(services, { siteUrl: service.siteOrigin });
    const firm = await services.firms.bySlug('demo');
    const alex = (await services.repositories.contacts.findByEmail(firm.id, 'alex@example.com'))!;
    const now = new Date().toISOString();
    const invoices: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const invoice = await services.invoices.create(
        firm.id,
        { contactId: alex.id, lines: [{ kind: 'flat_fee', description: 'Retainer', amount: 10_000_000 }] },
        { type: 'system', id: 'bench' },
      );
      await services.repositories.invoices.markSent(invoice.id, now);
      invoices.push(invoice.id);
    }
    const tokens: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `pm_crash_${i}`;
      await services.sandbox.repository.insertMethod({
        id,
        type: 'card',
        outcome: 'succeed',
        brand: 'visa',
        last4: '4242',
        expMonth: 12,
        expYear: 2034,
        bankName: null,
        accountType: null,
        holderName: 'Alex Morgan',
        createdAt: now,
      });
      tokens.push(id);
    }
    return { invoices, tokens };
  } finally {
    await closeServices(services);
  }
}

/** Each portal payment's status, and how many are stranded: processing without a charge, or charges without a payment. */
function readLedger(dataDir: string) {
  const db = new Database(path.join(dataDir, 'portico.db'), { readonly: true });
  try {
    const status = new Map(
      (
        db
          .prepare(
            `SELECT p.id, (SELECT e.status FROM payment_events e WHERE e.payment_id = p.id ORDER BY e.id DESC LIMIT 1) AS status
             FROM payments p WHERE p.source = 'portal'`,
          )
          .all() as { id: string; status: string }[]
      ).map((row) => [row.id, row.status]),
    );
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const stranded =
      count(
        `SELECT COUNT(*) AS n FROM payments p WHERE p.source = 'portal' AND p.processor_ref IS NULL
           AND (SELECT e.status FROM payment_events e WHERE e.payment_id = p.id ORDER BY e.id DESC LIMIT 1) = 'processing'`,
      ) +
      count('SELECT COUNT(*) AS n FROM sandbox_charges c WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.processor_ref = c.id)') +
      count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE state <> 'done'");
    return { status, stranded };
  } finally {
    db.close();
  }
}
