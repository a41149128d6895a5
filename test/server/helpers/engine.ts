import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startPostgres, type TestPostgres } from './postgres.ts';

/**
 * The engine the server tests run on: SQLite, or PostgreSQL with `PORTICO_TEST_ENGINE=postgres`
 * (a throwaway database per data folder, on TEST_DATABASE_URL's server or a cluster of its own).
 */
export const testEngine: 'sqlite' | 'postgres' = process.env.PORTICO_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * On PostgreSQL, the database of each data folder, made on first use: every service or CLI run
 * on the same folder (in this process or a child) finds the same data, as it would in its SQLite file.
 */
const databases = new Map<string, Promise<TestPostgres>>();

/**
 * The data folder's PostgreSQL database (made on first use); none on SQLite. `migrated` asks for
 * one with the schema in place where the suite's server has it ready (see `startPostgres`).
 */
export async function databaseUrlFor(dataDir: string, options: { migrated?: boolean } = {}): Promise<string | undefined> {
  if (testEngine !== 'postgres') return undefined;
  const key = path.resolve(dataDir);
  let database = databases.get(key);
  if (!database) {
    database = startPostgres(options);
    databases.set(key, database);
    database.catch(() => databases.delete(key));
  }
  return (await database).url;
}

/**
 * On PostgreSQL, the SECRETS_KEY of each data folder's database, made on first use, as every
 * instance of one fleet shares one (on SQLite the service keeps its own in the folder).
 */
const secretsKeys = new Map<string, string>();

/**
 * What points a process at the data folder's store: `DATABASE_URL` and its `SECRETS_KEY` on
 * PostgreSQL, nothing on SQLite (its file and its key file are in the folder).
 */
export async function databaseEnv(dataDir: string, options: { migrated?: boolean } = {}): Promise<Record<string, string>> {
  const url = await databaseUrlFor(dataDir, options);
  if (!url) return {};
  const key = path.resolve(dataDir);
  if (!secretsKeys.has(key)) secretsKeys.set(key, randomBytes(32).toString('base64'));
  return { DATABASE_URL: url, SECRETS_KEY: secretsKeys.get(key)! };
}

/** Removes a data folder, and drops the databases of it and of every folder inside it. */
export async function removeDataDir(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  const root = path.resolve(dir);
  for (const [key, database] of [...databases]) {
    if (key !== root && !key.startsWith(root + path.sep)) continue;
    databases.delete(key);
    secretsKeys.delete(key);
    await (await database.catch(() => undefined))?.stop();
  }
}
