import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openPostgresStorage } from '../../../server/src/db/open-storage.ts';
import type { Storage } from '../../../server/src/db/storage.ts';
import { cliEnv, freePort, porticoProcessArgs, repoRoot, runCli, type CliResult } from './cli.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';
import { startS3Store, type S3Store } from './s3.ts';
import { ServiceProcess } from './service-process.ts';

/**
 * Several service processes sharing what a fleet shares: one PostgreSQL database, one bucket
 * (s3rver), one SECRETS_KEY and one PUBLIC_URL (the first instance's address stands in for the
 * balancer's), each with a DATA_DIR of its own. The demo firm is seeded once, through the CLI,
 * before any instance starts; `instances` are made by `add` and started by the caller.
 */
export async function startFleet(options: { s3?: boolean } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-fleet-'));
  let postgres: TestPostgres | undefined;
  let s3: S3Store | undefined;
  let storage: Storage | undefined;
  const instances: ServiceProcess[] = [];
  const workers: ChildProcess[] = [];
  try {
    [postgres, s3] = await Promise.all([startPostgres(), options.s3 === false ? undefined : startS3Store()]);
    const env: Record<string, string> = {
      DATABASE_URL: postgres.url,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      ...s3?.env,
    };
    const demoPort = await freePort();
    const publicUrl = `http://127.0.0.1:${await freePort()}`;
    let made = 0;

    /** Runs `portico …args` on the fleet's store, as an operator on any machine of it would. */
    const cli = async (args: string[]): Promise<CliResult> => {
      const dataDir = path.join(root, 'cli');
      fs.mkdirSync(dataDir, { recursive: true });
      const result = await runCli(args, { ...env, DATA_DIR: dataDir, PUBLIC_URL: publicUrl, DEMO_PORT: String(demoPort) }, { timeoutMs: 60_000 });
      if (result.code !== 0) throw new Error(`portico ${args.join(' ')} failed (${result.code ?? result.signal}):\n${result.stdout}${result.stderr}`);
      return result;
    };

    // Migrates the database and seeds the demo firm (its files into the bucket) before any instance starts.
    await cli(['seed-demo']);
    const apiKey = (await cli(['apikey', 'create', '--firm', 'demo', '--name', 'fleet'])).stdout.trim();
    storage = await openPostgresStorage(postgres.url, { poolSize: 2 });
    const opened = storage;

    return {
      postgres,
      /** The bucket; absent with `s3: false` (then each instance keeps files in its DATA_DIR). */
      s3,
      env,
      publicUrl,
      apiKey,
      instances,
      cli,
      /** A new instance (not started): the first one listens at `publicUrl`. */
      async add(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
        made += 1;
        const dataDir = path.join(root, `instance-${made}`);
        fs.mkdirSync(dataDir);
        const port = made === 1 ? Number(new URL(publicUrl).port) : undefined;
        const instance = await ServiceProcess.create(dataDir, { ...env, ...extraEnv }, { publicUrl, demoPort, port });
        instances.push(instance);
        return instance;
      },
      /** Starts `portico worker` (jobs only, no HTTP) on the fleet's store; resolves once it runs. */
      async worker(extraEnv: Record<string, string> = {}): Promise<{ stop(): Promise<void> }> {
        const dataDir = path.join(root, `worker-${workers.length + 1}`);
        fs.mkdirSync(dataDir);
        const child = spawn(process.execPath, porticoProcessArgs(['worker']), {
          cwd: repoRoot,
          env: cliEnv({ ...env, ...extraEnv, DATA_DIR: dataDir, PUBLIC_URL: publicUrl, DEMO_PORT: String(demoPort) }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        workers.push(child);
        let output = '';
        child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
        await new Promise<void>((resolve, reject) => {
          child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
            output += chunk;
            if (output.includes('Portico worker running')) resolve();
          });
          child.once('exit', (code, signal) => reject(new Error(`portico worker stopped (${code ?? signal}) before running:\n${output}`)));
        });
        return {
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            await once(child, 'exit');
          },
        };
      },
      /** Portable SQL run across firms (the operator's scope) on the fleet's database. */
      query: <T = Record<string, unknown>>(strings: TemplateStringsArray, ...values: unknown[]) =>
        opened.asSystem(async () => (await sql<T>(strings, ...values).execute(opened.db)).rows),
      /** Kills what is still running and removes everything the fleet made. */
      async close() {
        await Promise.all(instances.map((instance) => instance.kill().catch(() => undefined)));
        for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await opened.close().catch(() => undefined);
        await s3?.close();
        await postgres!.stop();
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await storage?.close().catch(() => undefined);
    await s3?.close().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

export type Fleet = Awaited<ReturnType<typeof startFleet>>;

/** Waits until `check` returns a value that is not undefined, polling every `everyMs`, for at most `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
