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

/** The data folder's PostgreSQL database (made on first use); none on SQLite. */
export async function databaseUrlFor(dataDir: string): Promise<string | undefined> {
  if (testEngine !== 'postgres') return undefined;
  const key = path.resolve(dataDir);
  let database = databases.get(key);
  if (!database) {
    database = startPostgres();
    databases.set(key, database);
    database.catch(() => databases.delete(key));
  }
  return (await database).url;
}

/** What points a process at the data folder's store: `DATABASE_URL` on PostgreSQL, nothing on SQLite (its file is in the folder). */
export async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  const url = await databaseUrlFor(dataDir);
  return url ? { DATABASE_URL: url } : {};
}

/** Removes a data folder, and drops the databases of it and of every folder inside it. */
export async function removeDataDir(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  const root = path.resolve(dir);
  for (const [key, database] of [...databases]) {
    if (key !== root && !key.startsWith(root + path.sep)) continue;
    databases.delete(key);
    await (await database.catch(() => undefined))?.stop();
  }
}
