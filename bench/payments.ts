/**
 * Payment creation through the sandbox processor under 50 concurrent clients: each request
 * tokenizes nothing (tokens are made beforehand, as the browser would) and pays one invoice in
 * full with its own Idempotency-Key. Prints p99 latency and throughput over HTTP, next to a bare
 * Express endpoint on the same machine in the same run.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { createApp } from '../server/src/app.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { silentLogger } from '../server/src/logger.ts';
import { openBenchServices } from './bench-service.ts';
import { report } from './report.ts';

const connections = 50;
const payments = 3_000;

export async function benchPayments() {
  const bench = await openBenchServices({ engine: 'sqlite' });
  try {
    const { services, storage } = bench;
    const db = storage.sqlite!;
    const firm = await services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings });
    const now = new Date().toISOString();
    const contact = await services.repositories.contacts.create(firm.id, { email: 'payer@example.com', name: 'Payer' }, now);
    const actor = { type: 'system', id: 'bench' } as const;

    // One open invoice and one single-use card token per payment, made before the clock starts.
    const work: { invoiceId: string; token: string }[] = [];
    for (let i = 0; i < payments; i += 1) {
      const invoice = await services.invoices.create(
        firm.id,
        { contactId: contact.id, lines: [{ kind: 'flat_fee', description: 'Fees', amount: 10_000 }] },
        actor,
      );
      await services.repositories.invoices.markSent(invoice.id, now);
      const token = `pm_bench_${i}`;
      await services.sandbox.repository.insertMethod({
        id: token,
        type: 'card',
        outcome: 'succeed',
        brand: 'visa',
        last4: '4242',
        expMonth: 12,
        expYear: 2034,
        bankName: null,
        accountType: null,
        holderName: 'Payer',
        createdAt: now,
      });
      work.push({ invoiceId: invoice.id, token });
    }

    const app = createApp(services, { logger: silentLogger });
    // As in production: receipts are jobs, sent by the worker in the same process while the load runs.
    services.jobs.start();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const bare = express();
    bare.post('/bare', express.json(), (_req, res) => res.status(201).json({ ok: true }));
    const bareServer = bare.listen(0, '127.0.0.1');
    await new Promise((resolve) => bareServer.once('listening', resolve));
    const port = (s: typeof server) => (s.address() as AddressInfo).port;
    const { token } = await services.tokens.issue({ contactId: contact.id, firmId: firm.id });

    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port(server)}/api/v1/payments`,
      connections,
      amount: payments,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const { invoiceId, token: method } = work[next++ % work.length]!;
            return {
              ...request,
              headers: { ...request.headers, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ allocations: [{ invoiceId, amount: 10_000 }], paymentMethod: { type: 'card', token: method } }),
            };
          },
        },
      ],
    });
    const bareResult = await autocannon({
      url: `http://127.0.0.1:${port(bareServer)}/bare`,
      connections,
      duration: 5,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allocations: [{ invoiceId: 'inv', amount: 1 }] }),
    });
    server.close();
    bareServer.close();
    await services.jobs.drain();
    await services.jobs.stop();

    const succeeded = (db.prepare("SELECT COUNT(*) AS n FROM payment_events WHERE status = 'succeeded'").get() as { n: number }).n;
    const receipts = (db.prepare("SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'receipt'").get() as { n: number }).n;
    if (result.non2xx > 0) throw new Error(`${result.non2xx} payment requests did not answer 2xx`);
    report('payments (sandbox processor)', [
      ['load', `${payments.toLocaleString('en-US')} payments, ${connections} concurrent clients, one invoice each`],
      ['recorded', `${succeeded.toLocaleString('en-US')} succeeded payments in the ledger, ${receipts.toLocaleString('en-US')} receipt emails`],
      [
        'POST /api/v1/payments',
        `${Math.round(result.requests.average).toLocaleString('en-US')} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      ],
      ['bare Express POST', `${Math.round(bareResult.requests.average).toLocaleString('en-US')} req/s, p99 ${bareResult.latency.p99} ms`],
      ['ratio to bare Express', (result.requests.average / bareResult.requests.average).toFixed(2)],
    ]);
  } finally {
    await bench.close();
  }
}
