/**
 * The services a benchmark measures, on either engine: SQLite in a temporary DATA_DIR, or a
 * throwaway PostgreSQL 15 cluster (the tests' `startPostgres`) with the same temporary DATA_DIR
 * for signing keys and stored files. `close()` ends the mail provider, the storage, the cluster
 * and removes the folder, whatever the benchmark did before it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SigningKeys } from '../server/src/auth/signing-keys.ts';
import { loadConfig } from '../server/src/config.ts';
import { openPostgresStorage, openSqliteStorage } from '../server/src/db/open-storage.ts';
import type { Engine, Storage } from '../server/src/db/storage.ts';
import { silentLogger } from '../server/src/logger.ts';
import { createMail } from '../server/src/mail/create-mail.ts';
import { loadSecretsKey } from '../server/src/secrets/secrets-key.ts';
import { createServices, type Services } from '../server/src/services.ts';
import { startPostgres } from '../test/server/helpers/postgres.ts';

export interface BenchServices {
  engine: Engine;
  services: Services;
  storage: Storage;
  dataDir: string;
  /** The PostgreSQL database's URL (as the service's own role), for seeding in bulk; absent on SQLite. */
  databaseUrl?: string;
  close(): Promise<void>;
}

/**
 * `BENCH_PG_SETTINGS="jit=off,work_mem=16MB"`: settings for the benchmark's PostgreSQL database
 * (`ALTER DATABASE … SET`), to compare a server's tuning with the defaults every bench uses.
 */
export function benchPostgresSettings(): [string, string][] {
  return (process.env.BENCH_PG_SETTINGS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.split('=').map((part) => part.trim()) as [string, string]);
}

/** `BENCH_ENGINES=sqlite` or `=postgres` narrows the benchmarks that run on both. */
export function benchEngines(): Engine[] {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
  return (['sqlite', 'postgres'] as const).filter((engine) => wanted.includes(engine));
}

export async function openBenchServices(options: { engine?: Engine; env?: Record<string, string>; logger?: Services['logger'] } = {}): Promise<BenchServices> {
  const engine = options.engine ?? 'sqlite';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  const database = engine === 'postgres' ? await startPostgres() : undefined;
  let storage: Storage | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://bench.test', ...options.env });
    if (database) await applySettings(database.url, benchPostgresSettings());
    storage = database ? await openPostgresStorage(database.url) : openSqliteStorage(dataDir);
    const opened = storage;
    const mail = createMail(config, opened);
    // The config names no DATABASE_URL (the bench opens its store itself): the key is made in DATA_DIR.
    const secrets = loadSecretsKey(config);
    const keys = await SigningKeys.open(opened, secrets);
    const services = createServices({ config, storage: opened, keys, secrets, mail, logger: options.logger ?? silentLogger });
    let closed = false;
    return {
      engine,
      services,
      storage: opened,
      dataDir,
      databaseUrl: database?.url,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await services.mail.close();
          await opened.close();
        } finally {
          await database?.stop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await storage?.close().catch(() => {});
    await database?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Session defaults for every later connection to the database at `url` (its owner may set them). */
async function applySettings(url: string, settings: [string, string][]): Promise<void> {
  if (!settings.length) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    for (const [name, value] of settings) {
      if (!/^[a-z_.]+$/.test(name)) throw new Error(`BENCH_PG_SETTINGS: ${name} is not a setting's name`);
      await client.query(`ALTER DATABASE "${rows[0]!.db}" SET ${name} = '${value.replaceAll("'", "''")}'`);
    }
  } finally {
    await client.end();
  }
}
