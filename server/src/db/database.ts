import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations.ts';
import { migrateSqlite } from './migrator.ts';

export type Db = Database.Database;

/**
 * Up to 64 MiB of pages kept in the process (SQLite's default is 2 MiB). A client's summary in a
 * firm of a million invoices touches ~5 MiB of index and table pages, spread over the file: with
 * the default every summary read most of them again from the OS. The cache grows only as pages
 * are read, so a small database costs no more than before.
 */
const pageCacheKib = 65_536;

/**
 * How long opening waits for the file's lock: another instance opening the same new file at the
 * same moment holds it while it applies every migration, which on a busy machine takes longer
 * than a query's 5 s.
 */
const openTimeoutMs = 60_000;

/**
 * Opens the service's SQLite database with the settings money needs: WAL for concurrent readers,
 * foreign keys enforced, FULL synchronous commits, and a busy timeout instead of instant
 * SQLITE_BUSY errors. Brings the schema up to date before returning.
 */
export function openDatabase(file: string, options: { migrations?: readonly Migration[] } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: openTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma(`cache_size = -${pageCacheKib}`);
  migrateSqlite(db, options.migrations ?? migrations);
  db.pragma('busy_timeout = 5000');
  reuseStatements(db);
  return db;
}

/**
 * Prepares each SQL text once and reuses the statement: preparing costs more than running most
 * of the service's queries. Safe because a statement is only ever run to completion here (no
 * `iterate`) and never switched into `raw`, `pluck` or `expand` mode.
 */
function reuseStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      statements.set(source, statement);
    }
    return statement;
  }) as Db['prepare'];
}
