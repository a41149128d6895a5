/**
 * `GET /api/v1/invoices` for one client with 1,000 invoices, in a database of 100,000 invoices
 * across 1,000 clients, on SQLite and on PostgreSQL in the same run: p50/p99 of the service call
 * in-process, and HTTP throughput under autocannon next to a bare Express 5 endpoint on the same
 * machine returning the same bytes. `BENCH_ENGINES=sqlite` (or `postgres`) runs one engine.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { createApp } from '../server/src/app.ts';
import { hashPassword } from '../server/src/auth/passwords.ts';
import type { Engine } from '../server/src/db/storage.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { silentLogger } from '../server/src/logger.ts';
import { benchEngines, benchPostgresSettings, openBenchServices } from './bench-service.ts';
import { report, timeCalls } from './report.ts';
import { InvoiceSeeder } from './seed-invoices.ts';

const contacts = 1_000;
const totalInvoices = 100_000;
/** The client whose list is measured has 1,000; the other 999 share the rest evenly. */
const measured = 1_000;
const engineNames: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL 15' };

export async function benchInvoicesApi() {
  for (const engine of benchEngines()) await apiOn(engine);
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function apiOn(engine: Engine) {
  const bench = await openBenchServices({ engine });
  const servers: Server[] = [];
  try {
    const { services, storage } = bench;
    const firm = await storage.asSystem(() => services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings }));
    const seeder = new InvoiceSeeder(bench, { firmId: firm.id, contacts, measured, drafts: false, paid: 'all', lines: true });
    const seedStarted = performance.now();
    try {
      await seeder.start();
      await seeder.growTo(totalInvoices);
    } finally {
      await seeder.close();
    }
    const seedMs = performance.now() - seedStarted;
    const client = seeder.clientId;
    const now = new Date().toISOString();
    const hash = await hashPassword('bench password 1');
    const asFirm = <T>(call: () => Promise<T>) => storage.asFirm(firm.id, call);
    await asFirm(() => services.auth.setPasswordHash(client, hash, now));

    // In-process: the service call the route makes, default page (50, newest first).
    const list = await timeCalls(2_000, () => asFirm(() => services.invoices.listForClient(firm.id, client, {})), 8_000);
    const unpaid = await timeCalls(500, () => asFirm(() => services.invoices.listForClient(firm.id, client, { status: 'unpaid', sort: 'dueOn' })));

    // Over HTTP: the real app against a bare Express endpoint returning the same bytes, same run.
    const { token } = await asFirm(() => services.tokens.issue({ contactId: client, firmId: firm.id }));
    const headers = { authorization: `Bearer ${token}` };
    const app = createApp(services, { logger: silentLogger });
    const real = await listen(app);
    servers.push(real.server);
    let apiUrl = `${real.url}/api/v1/invoices`;
    let scoped = '';
    const probe = await fetch(apiUrl, { headers });
    let page = probe.ok ? ((await probe.json()) as { data: unknown[] }) : { data: [] };
    if (page.data.length === 0 && engine === 'postgres') {
      // The HTTP layer does not yet say which firm a request acts for: say it here, as it will.
      const scopedApp = express();
      scopedApp.use((_req, _res, next) => storage.asFirm(firm.id, next));
      scopedApp.use(app);
      const wrapped = await listen(scopedApp);
      servers.push(wrapped.server);
      apiUrl = `${wrapped.url}/api/v1/invoices`;
      scoped = ' (firm scope set by the bench around the app)';
    }
    const reply = await fetch(apiUrl, { headers });
    const body = Buffer.from(await reply.arrayBuffer());
    page = JSON.parse(body.toString('utf8')) as { data: unknown[] };
    if (reply.status !== 200 || page.data.length !== 50) throw new Error(`${engine}: GET /api/v1/invoices answered ${reply.status} with ${page.data.length} invoices`);

    const bare = express();
    const contentType = reply.headers.get('content-type') ?? 'application/json';
    bare.get('/bare', (_req, res) => {
      res.type(contentType).send(body);
    });
    const bareServer = await listen(bare);
    servers.push(bareServer.server);
    const cannon = (url: string, extra: Record<string, string> = {}) => autocannon({ url, connections: 10, duration: 5, headers: extra });
    const bareResult = await cannon(`${bareServer.url}/bare`);
    const apiResult = await cannon(apiUrl, headers);
    if (apiResult.non2xx > 0 || apiResult.errors > 0) throw new Error(`${engine}: the invoices endpoint answered ${apiResult.non2xx} non-2xx responses, ${apiResult.errors} errors`);

    const ms = (value: number) => `${value.toFixed(2)} ms`;
    const settings = engine === 'postgres' ? benchPostgresSettings().map(([name, value]) => `${name}=${value}`).join(', ') : '';
    report(`invoices API, ${engineNames[engine]}${settings ? ` (${settings})` : ''}`, [
      ['database', `${totalInvoices.toLocaleString('en-US')} invoices, ${contacts.toLocaleString('en-US')} clients, a third paid (seeded in ${(seedMs / 1000).toFixed(1)} s)`],
      ['client', `${measured.toLocaleString('en-US')} invoices, default page of 50 (${body.length.toLocaleString('en-US')} bytes)`],
      ['in-process p50 / p99', `${ms(list.p50)} / ${ms(list.p99)} (goal p99 ≤ 5 ms)`],
      ['in-process p50 / p99, unpaid by due date', `${ms(unpaid.p50)} / ${ms(unpaid.p99)}${unpaid.runs < 50 ? ` (${unpaid.runs} runs)` : ''}`],
      ['bare Express, same bytes', `${Math.round(bareResult.requests.average).toLocaleString('en-US')} req/s`],
      ['GET /api/v1/invoices', `${Math.round(apiResult.requests.average).toLocaleString('en-US')} req/s, p99 ${apiResult.latency.p99} ms${scoped}`],
      ['ratio to bare Express', `${(apiResult.requests.average / bareResult.requests.average).toFixed(2)} (goal ≥ 0.5)`],
    ]);
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await bench.close();
  }
}
