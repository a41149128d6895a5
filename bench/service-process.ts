/**
 * The service as production runs it, in a process of its own: cold start (from spawning
 * `portico serve` until /healthz answers), resident memory idle, at its peak under load and a
 * minute after the load, and the list's and `/me`'s throughput from outside the process; each
 * beside a bare Express 5 process answering /healthz and the same bytes. On SQLite (start and
 * memory hardly depend on the engine): the database of `invoices-api` (100,000 invoices, the
 * measured client with 1,000), the service logging every request to a file as in production.
 * The compiled build (server/dist/bundle, what an installed package's `portico` runs) is measured
 * when it is newer than every source file, and always the TypeScript sources through tsx, which is
 * how `portico` runs in a checkout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { compiledCliArgs, compiledCliIsCurrent } from '../test/compiled-cli.ts';
import { cliEnv, freePort, porticoBin, repoRoot } from '../test/server/helpers/cli.ts';
import { openBenchServices } from './bench-service.ts';
import { percentile, report } from './report.ts';
import { InvoiceSeeder } from './seed-invoices.ts';

const publicUrl = 'http://bench.test';
const coldStarts = 5;
const loadSeconds = 10;
const afterLoadMs = 60_000;

interface Running {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until /healthz answered. */
  startMs: number;
}

/** A bare Express 5 app: /healthz, and each endpoint's bytes from the files the service answered with. */
const bareScript = `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
for (const [path, file] of JSON.parse(process.env.BARE_ROUTES)) {
  const body = fs.readFileSync(file);
  app.get(path, (_req, res) => { res.type('application/json').send(body); });
}
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

type Command = { name: string; args: string[] };

function serviceCommands(): Command[] {
  const commands: Command[] = [];
  if (compiledCliIsCurrent()) {
    commands.push({ name: 'compiled (server/dist/bundle)', args: compiledCliArgs(['serve']) });
  } else {
    process.stderr.write('server/dist/bundle is missing or older than server/src: run `npm run build -w @portico/server` to measure the compiled service\n');
  }
  commands.push({ name: 'sources through tsx', args: [porticoBin, 'serve'] });
  return commands;
}

async function start(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...env, PORT: String(port) }, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ').slice(0, 80)} did not answer /healthz:\n${fs.readFileSync(logFile, 'utf8').slice(-2_000)}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, startMs: performance.now() - started };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  await once(running.child, 'exit');
}

/** Resident memory of a process in MB (Linux). */
function rssMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : NaN;
}

interface Loaded {
  rate: number;
  p99: number;
  peakMb: number;
}

/** `loadSeconds` of autocannon on one URL, with the process's resident memory sampled throughout. */
async function load(running: Running, path: string, headers: Record<string, string> = {}): Promise<Loaded> {
  const pid = running.child.pid!;
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  try {
    const result = await autocannon({ url: `${running.url}${path}`, connections: 10, duration: loadSeconds, headers });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
    return { rate: Math.round(result.requests.average), p99: result.latency.p99, peakMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** Cold starts of one command: each a fresh process on the same data, stopped again. */
async function coldStart(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<{ median: number; best: number }> {
  const times: number[] = [];
  for (let n = 0; n < coldStarts; n += 1) {
    const running = await start(args, env, logFile);
    times.push(running.startMs);
    await stop(running);
  }
  return { median: percentile(times, 50), best: Math.min(...times) };
}

export async function benchServiceProcess() {
  const bench = await openBenchServices({ engine: 'sqlite' });
  const processes: Running[] = [];
  try {
    const { services, storage, dataDir } = bench;
    const firm = await storage.asSystem(() => services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings }));
    const seeder = new InvoiceSeeder(bench, { firmId: firm.id, contacts: 1_000, measured: 1_000, drafts: false, paid: 'all', lines: true });
    try {
      await seeder.start();
      await seeder.growTo(100_000);
    } finally {
      await seeder.close();
    }
    // Signed with the keys in DATA_DIR, which the spawned service opens too.
    const { token } = await storage.asFirm(firm.id, () => services.tokens.issue({ contactId: seeder.clientId, firmId: firm.id }));
    const headers = { authorization: `Bearer ${token}` };
    const env = cliEnv({ DATA_DIR: dataDir, PUBLIC_URL: publicUrl, NODE_ENV: 'production', SCANNER: 'none' });
    const logFile = path.join(dataDir, 'service.log');
    const endpoints = ['/api/v1/invoices', '/api/v1/me'];

    const rows: [string, string][] = [];
    const mb = (value: number) => `${Math.round(value)} MB`;
    const commands = serviceCommands();
    const bareArgs = ['--input-type=module', '-e', bareScript];
    for (const command of commands) {
      const starts = await coldStart(command.args, env, logFile);
      rows.push([`cold start, ${command.name}`, `${Math.round(starts.median)} ms median of ${coldStarts}, best ${Math.round(starts.best)} ms (goal ≤ 500 ms)`]);
    }
    const bareStarts = await coldStart(bareArgs, { ...env, BARE_ROUTES: '[]' }, path.join(dataDir, 'bare.log'));
    rows.push(['cold start, bare Express', `${Math.round(bareStarts.median)} ms median of ${coldStarts}, best ${Math.round(bareStarts.best)} ms`]);

    // Memory and throughput of the build production runs (the first command), then of bare Express
    // answering the bytes the service answered; each read again a minute after its own load.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));
    const service = await start(commands[0]!.args, env, logFile);
    processes.push(service);
    await settle();
    const idle = rssMb(service.child.pid!);
    const loads: Loaded[] = [];
    const bareRoutes: [string, string][] = [];
    for (const endpoint of endpoints) {
      const reply = await fetch(`${service.url}${endpoint}`, { headers });
      if (reply.status !== 200) throw new Error(`GET ${endpoint} answered ${reply.status}`);
      const file = path.join(dataDir, `bare-${bareRoutes.length}.json`);
      fs.writeFileSync(file, Buffer.from(await reply.arrayBuffer()));
      bareRoutes.push([endpoint, file]);
      loads.push(await load(service, endpoint, headers));
    }
    const serviceLoaded = performance.now();

    const bare = await start(bareArgs, { ...env, BARE_ROUTES: JSON.stringify(bareRoutes) }, path.join(dataDir, 'bare.log'));
    processes.push(bare);
    await settle();
    const bareIdle = rssMb(bare.child.pid!);
    const bareLoads: Loaded[] = [];
    for (const endpoint of endpoints) bareLoads.push(await load(bare, endpoint));
    const bareLoaded = performance.now();

    const minuteAfter = async (loaded: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, loaded + afterLoadMs - performance.now())));
    await minuteAfter(serviceLoaded);
    const after = rssMb(service.child.pid!);
    await minuteAfter(bareLoaded);
    const bareAfter = rssMb(bare.child.pid!);

    const peak = (all: Loaded[]) => Math.max(...all.map((loaded) => loaded.peakMb));
    rows.push(
      [`idle RSS, ${commands[0]!.name}`, `${mb(idle)} (bare Express ${mb(bareIdle)}; goal ≤ 100 MB)`],
      ['peak RSS under load', `${mb(peak(loads))} (bare Express ${mb(peak(bareLoads))})`],
      [
        'RSS a minute after the load',
        `${mb(after)}, ${Math.round((100 * (after - idle)) / idle)} % over idle (bare Express ${mb(bareAfter)}; goal within 20 %)`,
      ],
    );
    endpoints.forEach((endpoint, n) => {
      const [api, plain] = [loads[n]!, bareLoads[n]!];
      rows.push([
        `GET ${endpoint}, from another process`,
        `${api.rate.toLocaleString('en-US')} req/s, p99 ${api.p99} ms; bare Express ${plain.rate.toLocaleString('en-US')} req/s, p99 ${plain.p99} ms; ratio ${(api.rate / plain.rate).toFixed(2)}`,
      ]);
    });
    report('the service as a process (SQLite, 10 connections for 10 s per endpoint)', rows);
  } finally {
    for (const running of processes) await stop(running).catch(() => {});
    await bench.close();
  }
}
