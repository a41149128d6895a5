/**
 * `GET /api/v1/invoices` for one client with 1,000 invoices, in a database of 100,000 invoices
 * across 1,000 clients, on SQLite and on PostgreSQL in the same run: p50/p99 of the service call
 * in-process, and HTTP throughput and p99 under autocannon of the list and of `GET /me`, each
 * next to a bare Express 5 endpoint on the same machine returning the same bytes, and next to bare
 * Express running the service's own queries for the request before it returns them.
 * `BENCH_ENGINES=sqlite` (or `postgres`) runs one engine.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { pino } from 'pino';
import { createApp } from '../server/src/app.ts';
import { hashPassword } from '../server/src/auth/passwords.ts';
import type { Engine } from '../server/src/db/storage.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { createLogger } from '../server/src/logger.ts';
import { benchEngines, benchPostgresSettings, openBenchServices } from './bench-service.ts';
import { report, timeCalls } from './report.ts';
import { recordQueries } from './same-queries.ts';
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

interface Load {
  rate: number;
  p99: number;
}

/** An endpoint to load, and the headers to send it. */
interface Side {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Throughput and p99 of each endpoint, loaded in turn twice (bare, …, service, bare, …, service)
 * and averaged, so a machine that slows down mid-run slows them all alike.
 */
async function compare<Sides extends Record<string, Side>>(sides: Sides): Promise<{ [Name in keyof Sides]: Load }> {
  const runs = new Map<string, Load[]>();
  for (let round = 0; round < 2; round += 1) {
    for (const [name, { url, headers }] of Object.entries(sides)) {
      const result = await autocannon({ url, connections: 10, duration: 5, headers });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses, ${result.errors} errors`);
      runs.set(name, [...(runs.get(name) ?? []), { rate: result.requests.average, p99: result.latency.p99 }]);
    }
  }
  const mean = (loads: Load[]): Load => ({
    rate: Math.round(loads.reduce((sum, load) => sum + load.rate, 0) / loads.length),
    p99: Math.round(loads.reduce((sum, load) => sum + load.p99, 0) / loads.length),
  });
  return Object.fromEntries([...runs].map(([name, loads]) => [name, mean(loads)])) as { [Name in keyof Sides]: Load };
}

async function apiOn(engine: Engine) {
  const bench = await openBenchServices({ engine });
  const servers: Server[] = [];
  const closers: (() => Promise<void>)[] = [];
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
    const list = await timeCalls(2_000, () => asFirm(() => services.invoices.listForClient(firm, client, {})), 8_000);
    const unpaid = await timeCalls(500, () => asFirm(() => services.invoices.listForClient(firm, client, { status: 'unpaid', sort: 'dueOn' })));

    // Over HTTP: the real app, logging every request as in production (to /dev/null here),
    // against a bare Express endpoint returning the same bytes, in the same run.
    const { token } = await asFirm(() => services.tokens.issue({ contactId: client, firmId: firm.id }));
    const headers = { authorization: `Bearer ${token}` };
    const logger = createLogger({ stream: pino.destination({ dest: '/dev/null', sync: true }) });
    const real = await listen(createApp(services, { logger }));
    servers.push(real.server);
    const endpoints = [
      { path: '/api/v1/invoices', goal: 0.5, p99Goal: 2 },
      { path: '/api/v1/me', goal: 0.7 },
    ];
    const rows: [string, string][] = [];
    let listBytes = 0;
    for (const endpoint of endpoints) {
      const reply = await fetch(`${real.url}${endpoint.path}`, { headers });
      const body = Buffer.from(await reply.arrayBuffer());
      if (reply.status !== 200) throw new Error(`${engine}: GET ${endpoint.path} answered ${reply.status}: ${body.toString('utf8')}`);
      if (endpoint.path === '/api/v1/invoices') {
        const page = JSON.parse(body.toString('utf8')) as { data: unknown[] };
        if (page.data.length !== 50) throw new Error(`${engine}: GET /api/v1/invoices answered ${page.data.length} invoices`);
        listBytes = body.length;
      }
      const contentType = reply.headers.get('content-type') ?? 'application/json';
      const bare = express();
      bare.get('/bare', (_req, res) => {
        res.type(contentType).send(body);
      });
      const bareServer = await listen(bare);
      servers.push(bareServer.server);
      // A third endpoint: bare Express running the queries the service ran for this request, with
      // the same arguments, then sending the same bytes. What a request costs with these queries
      // and nothing of the service around them (no authentication, logging, headers or reply
      // building): a ceiling on what the service could reach without changing its queries.
      const queries = await recordQueries(bench, firm.id, () => fetch(`${real.url}${endpoint.path}`, { headers }).then((again) => again.arrayBuffer()));
      closers.push(() => queries.close());
      const sameQueriesApp = express();
      sameQueriesApp.get('/same-queries', async (_req, res) => {
        await queries.run();
        res.type(contentType).send(body);
      });
      const sameQueries = await listen(sameQueriesApp);
      servers.push(sameQueries.server);
      const compared = await compare({
        bare: { url: `${bareServer.url}/bare` },
        sameQueries: { url: `${sameQueries.url}/same-queries` },
        service: { url: `${real.url}${endpoint.path}`, headers },
      });
      const load = ({ rate, p99 }: Load) => `${rate.toLocaleString('en-US')} req/s, p99 ${p99} ms`;
      rows.push(
        [`GET ${endpoint.path}: bare Express, same bytes`, load(compared.bare)],
        [
          `GET ${endpoint.path}: bare Express, the service's ${queries.count} queries, same bytes`,
          `${load(compared.sameQueries)}: ratio ${(compared.sameQueries.rate / compared.bare.rate).toFixed(2)}`,
        ],
        [`GET ${endpoint.path}: the service`, load(compared.service)],
        [
          `GET ${endpoint.path}: ratio to bare Express`,
          `${(compared.service.rate / compared.bare.rate).toFixed(2)} (goal ≥ ${endpoint.goal}), p99 ×${(compared.service.p99 / compared.bare.p99).toFixed(1)}${endpoint.p99Goal ? ` (goal ≤ ${endpoint.p99Goal})` : ''}`,
        ],
      );
    }

    const ms = (value: number) => `${value.toFixed(2)} ms`;
    const settings =
      engine === 'postgres'
        ? benchPostgresSettings()
            .map(([name, value]) => `${name}=${value}`)
            .join(', ')
        : '';
    report(`invoices API, ${engineNames[engine]}${settings ? ` (${settings})` : ''}`, [
      [
        'database',
        `${totalInvoices.toLocaleString('en-US')} invoices, ${contacts.toLocaleString('en-US')} clients, a third paid (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      ],
      ['client', `${measured.toLocaleString('en-US')} invoices, default page of 50 (${listBytes.toLocaleString('en-US')} bytes)`],
      ['in-process p50 / p99', `${ms(list.p50)} / ${ms(list.p99)} (goal p99 ≤ 5 ms)`],
      ['in-process p50 / p99, unpaid by due date', `${ms(unpaid.p50)} / ${ms(unpaid.p99)}${unpaid.runs < 50 ? ` (${unpaid.runs} runs)` : ''}`],
      ...rows,
    ]);
  } finally {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    for (const close of closers) await close();
    await bench.close();
  }
}
