/**
 * A checkout killed at each of its steps (SIGKILL from inside, at a named crash point) and the
 * service started again on the same data: nothing acknowledged is lost, no payment is left
 * processing with nobody to finish it, the client's retry with the same Idempotency-Key gets the
 * final answer at once, and the emails go out exactly once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../server/src/config.ts';
import { openStorage } from '../../server/src/db/open-storage.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { closeServices, openServices } from '../../server/src/main.ts';
import { withDatabase } from './helpers/cli.ts';
import { removeDataDir } from './helpers/engine.ts';
import { ServiceProcess } from './helpers/service-process.ts';

interface Invoice {
  id: string;
  number: string;
  openBalance: number;
  status: string;
}

describe('a checkout killed at each step', () => {
  const dirs: string[] = [];
  const services: ServiceProcess[] = [];

  async function freshService() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-crash-'));
    dirs.push(dataDir);
    const service = await ServiceProcess.create(dataDir);
    services.push(service);
    return service;
  }

  /** An open invoice of the client's, with its whole open balance. */
  async function openInvoice(service: ServiceProcess, token: string): Promise<Invoice> {
    const list = await service.request('/api/v1/invoices?status=unpaid', { token });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const invoice = (list.body.data as Invoice[]).find((candidate) => candidate.openBalance > 0);
    assert.ok(invoice, 'the demo client has an open invoice');
    return invoice;
  }

  async function invoice(service: ServiceProcess, token: string, id: string): Promise<Invoice> {
    const reply = await service.request(`/api/v1/invoices/${id}`, { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  }

  async function waitForEmails(service: ServiceProcess, to: string, kind: string, count: number) {
    const deadline = Date.now() + 10_000;
    let found: { kind: string; subject: string }[] = [];
    while (Date.now() < deadline) {
      const reply = await service.request(`/dev/outbox?limit=200&to=${encodeURIComponent(to)}`);
      found = (reply.body.data as { kind: string; subject: string }[]).filter((email) => email.kind === kind);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return found;
  }

  /** The configuration of a service on the data folder's store (its SQLite file, or on PostgreSQL its own database). */
  async function folderConfig(dataDir: string, env: Record<string, string> = {}) {
    return loadConfig(await withDatabase({ ...env, DATA_DIR: dataDir }));
  }

  /** What the ledger says once the service has stopped: nothing unfinished, one charge per payment. */
  async function ledger(dataDir: string) {
    const storage = await openStorage(await folderConfig(dataDir));
    const count = (query: ReturnType<typeof sql<{ n: number }>>) => storage.asSystem(async () => (await query.execute(storage.db)).rows[0]!.n);
    try {
      return {
        unfinishedKeys: await count(sql`SELECT COUNT(*) AS n FROM idempotency_keys WHERE state <> 'done'`),
        processingUncharged: await count(
          sql`SELECT COUNT(*) AS n FROM payments p WHERE p.processor_ref IS NULL AND p.source = 'portal'
             AND (SELECT status FROM payment_events e WHERE e.payment_id = p.id ORDER BY e.id DESC LIMIT 1) = 'processing'`,
        ),
        chargesWithoutPayment: await count(
          sql`SELECT COUNT(*) AS n FROM sandbox_charges c WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.processor_ref = c.id)`,
        ),
        unfinishedJobs: await count(sql`SELECT COUNT(*) AS n FROM jobs WHERE state IN ('running', 'dead')`),
      };
    } finally {
      await storage.close();
    }
  }

  before(() => {
    // Sanity: the crash points are only armed outside production.
    assert.notEqual(process.env.NODE_ENV, 'production');
  });

  after(async () => {
    for (const service of services) await service.kill().catch(() => undefined);
    for (const dir of dirs) await removeDataDir(dir);
  });

  for (const step of ['checkout.reserved', 'checkout.charged', 'checkout.recorded'] as const) {
    it(`after ${step}: the restart settles it and the retry gets the final answer`, async () => {
      const service = await freshService();
      await service.start({ crashAt: step });
      const token = await service.login();
      const target = await openInvoice(service, token);
      const key = randomUUID();
      const body = { allocations: [{ invoiceId: target.id, amount: target.openBalance }], paymentMethod: { type: 'card', token: await service.cardToken() } };

      await assert.rejects(service.request('/api/v1/payments', { token, body, headers: { 'idempotency-key': key } }), 'the connection dies with the process');
      assert.equal((await service.exited()).signal, 'SIGKILL');

      await service.start();
      const again = await service.login();
      const retried = await service.request('/api/v1/payments', { token: again, body, headers: { 'idempotency-key': key } });
      assert.equal(retried.status, 201, `no 409 after a restart: ${JSON.stringify(retried.body)}`);
      const payment = retried.body.payment;
      const after = await invoice(service, again, target.id);

      if (step === 'checkout.reserved') {
        // Killed before the processor was asked: nothing was charged, and the balance is free again.
        assert.equal(payment.status, 'failed');
        assert.equal(payment.failure.code, 'checkout_interrupted');
        assert.equal(after.openBalance, target.openBalance);
        const paid = await service.request('/api/v1/payments', {
          token: again,
          body: { ...body, paymentMethod: { type: 'card', token: await service.cardToken() } },
          headers: { 'idempotency-key': randomUUID() },
        });
        assert.equal(paid.status, 201);
        assert.equal(paid.body.payment.status, 'succeeded', 'the client can pay it with a new key');
      } else {
        // Charged before the kill: the charge was found at the processor and recorded once.
        assert.equal(payment.status, 'succeeded');
        assert.equal(after.openBalance, 0);
        assert.equal(after.status, 'paid');
        const receipts = await waitForEmails(service, 'alex@example.com', 'receipt', 1);
        assert.equal(receipts.filter((email) => email.subject.includes(payment.receiptNumber)).length, 1, 'one receipt');
      }
      const replay = await service.request('/api/v1/payments', { token: again, body, headers: { 'idempotency-key': key } });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body.payment, payment);

      await service.stop();
      assert.deepEqual(await ledger(service.dataDir), { unfinishedKeys: 0, processingUncharged: 0, chargesWithoutPayment: 0, unfinishedJobs: 0 });
    });
  }

  it('after an email was sent but before its job was marked done: it is sent once', async () => {
    const service = await freshService();
    await service.start({ crashAt: 'job.ran:mail.send' });
    const token = await service.login();
    const target = await openInvoice(service, token);
    const body = { allocations: [{ invoiceId: target.id, amount: target.openBalance }], paymentMethod: { type: 'card', token: await service.cardToken() } };
    const paid = await service.request('/api/v1/payments', { token, body, headers: { 'idempotency-key': randomUUID() } });
    assert.equal(paid.status, 201, 'the answer does not wait for the receipt');
    // The first job to finish (the receipt, or the firm's notice) takes the process down after sending.
    assert.equal((await service.exited()).signal, 'SIGKILL');

    await service.start();
    const receipts = await waitForEmails(service, 'alex@example.com', 'receipt', 1);
    assert.equal(receipts.filter((email) => email.subject.includes(paid.body.payment.receiptNumber)).length, 1);
    await service.stop();
    assert.equal((await ledger(service.dataDir)).unfinishedJobs, 0);
  });

  it('a webhook delivered just before the kill is delivered again after it, with the same webhook-id', async () => {
    const received: { id: string; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ id: String(req.headers['webhook-id']), body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const service = await freshService();
      await service.start();
      await service.stop();
      const services = await openServices(await folderConfig(service.dataDir, { PUBLIC_URL: service.url }), { logger: silentLogger });
      await services.storage.asSystem(async () => {
        const firm = await services.firms.bySlug('demo');
        await services.webhooks.create(
          firm.id,
          { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, events: ['payment.succeeded'] },
          { type: 'system', id: 'test' },
        );
      });
      await closeServices(services);

      await service.start({ crashAt: 'webhook.sent' });
      const token = await service.login();
      const target = await openInvoice(service, token);
      const body = { allocations: [{ invoiceId: target.id, amount: target.openBalance }], paymentMethod: { type: 'card', token: await service.cardToken() } };
      assert.equal((await service.request('/api/v1/payments', { token, body, headers: { 'idempotency-key': randomUUID() } })).status, 201);
      assert.equal((await service.exited()).signal, 'SIGKILL');
      assert.equal(received.length, 1, 'delivered, then the process died before recording it');

      await service.start();
      const deadline = Date.now() + 10_000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(received.length, 2, 'sent again after the restart');
      assert.equal(received[1]!.id, received[0]!.id, 'the same message: the receiver can tell it is a repeat');
      await service.stop();
      assert.equal((await ledger(service.dataDir)).unfinishedJobs, 0);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
