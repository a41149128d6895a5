import path from 'node:path';
import { CompiledQuery, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { openDatabase } from './database.ts';
import { migrations as allMigrations, type Migration } from './migrations.ts';
import { migratePostgres } from './migrator.ts';
import { Storage } from './storage.ts';

/**
 * The service's storage: embedded SQLite in `dataDir` (`portico.db`), brought up to date.
 * `file` overrides the path (`:memory:` for a throwaway database).
 */
export function openSqliteStorage(dataDir: string, options: { file?: string; migrations?: readonly Migration[] } = {}): Storage {
  const database = openDatabase(options.file ?? path.join(dataDir, 'portico.db'), { migrations: options.migrations });
  return new Storage('sqlite', new SqliteDialect({ database }), { sqlite: database });
}

/** BIGINT (money, counts) as a JS number: amounts stay far below 2^53 minor units. */
const typesOf = (types: typeof pg.types) => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
});

/**
 * PostgreSQL at `url`, brought up to date (one instance at a time). Every connection taken from
 * the pool first says which firm the call chain acts for (`app.firm_id`, empty when none), so
 * row-level security shows that firm's rows and nothing else, in and out of transactions.
 */
export async function openPostgresStorage(url: string, options: { poolSize?: number; migrations?: readonly Migration[] } = {}): Promise<Storage> {
  // Loaded here, not at start: a service on SQLite never needs the driver.
  const { default: pg } = await import('pg');
  // JIT compilation pays off for long analytical queries, not for these: row-level security's
  // per-row checks push a client's summary past its cost threshold, and compiling it then took
  // ~300 ms of a query that runs in ~40 (measured by npm run bench -- invoice-scale).
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: typesOf(pg.types), options: '-c jit=off' });
  try {
    await migratePostgres(pool, options.migrations ?? allMigrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  // What each pooled connection's `app.firm_id` says now. A connection taken again for the same
  // firm (most are: a request's queries all act for one firm) is not told again, which spared a
  // round trip on nearly every query. Set outside any transaction and never by other statements,
  // the value stays until the next `set_config` here; a connection whose last one failed says
  // nothing known and is told again.
  const firmOfConnection = new WeakMap<object, string>();
  // The dialect's callback reads the storage below; it runs only once the storage exists.
  const dialect = new PostgresDialect({
    pool,
    onReserveConnection: async (connection) => {
      const firmId = storage.firmId ?? '';
      if (firmOfConnection.get(connection) === firmId) return;
      firmOfConnection.delete(connection);
      await connection.executeQuery(CompiledQuery.raw(`SELECT set_config('app.firm_id', $1, false)`, [firmId]));
      firmOfConnection.set(connection, firmId);
    },
  });
  const storage = new Storage('postgres', dialect);
  return storage;
}

/** The storage a configuration names: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export async function openStorage(config: { dataDir: string; databaseUrl?: string | null }): Promise<Storage> {
  return config.databaseUrl ? openPostgresStorage(config.databaseUrl) : openSqliteStorage(config.dataDir);
}
