/**
 * The queries one request makes the service run, recorded with their arguments and run again on
 * demand: what a request costs with the service's own queries and nothing of the service around
 * them. Reads only: recording a request that writes fails.
 */
import type { Statement } from 'better-sqlite3';
import pg from 'pg';
import type { Db } from '../server/src/db/database.ts';
import type { BenchServices } from './bench-service.ts';

export interface RecordedQueries {
  /** How many queries the request ran. */
  count: number;
  /** Runs them again, one after another, with the same arguments, as the request did. */
  run(): Promise<void>;
  close(): Promise<void>;
}

/** Records the queries `request` makes the service run, on the engine the benchmark opened. */
export async function recordQueries(bench: BenchServices, firmId: string, request: () => Promise<unknown>): Promise<RecordedQueries> {
  if (bench.storage.sqlite) return recordSqlite(bench.storage.sqlite, request);
  return recordPostgres(bench.databaseUrl!, firmId, request);
}

/** A SQLite statement the service ran, with its arguments. */
interface RanStatement {
  statement: Statement;
  method: 'all' | 'get';
  args: unknown[];
}

/**
 * Wraps `prepare` while `request` runs: the service prepares each SQL text once and keeps it, so
 * every statement passes through `prepare` each time it is used.
 */
async function recordSqlite(db: Db, request: () => Promise<unknown>): Promise<RecordedQueries> {
  const ran: RanStatement[] = [];
  const writes: string[] = [];
  const prepare = db.prepare;
  db.prepare = ((source: string) => {
    const statement = prepare.call(db, source);
    if (!statement.reader) {
      writes.push(source);
      return statement;
    }
    const recording = Object.create(statement) as Statement;
    for (const method of ['all', 'get'] as const) {
      const call = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(recording, method, {
        value: (...args: unknown[]) => {
          ran.push({ statement, method, args });
          return call.apply(statement, args);
        },
      });
    }
    return recording;
  }) as Db['prepare'];
  try {
    await request();
  } finally {
    db.prepare = prepare;
  }
  check(ran.length, writes);
  return {
    count: ran.length,
    async run() {
      for (const { statement, method, args } of ran) statement[method](...args);
    },
    async close() {},
  };
}

/** A command that is not a read. */
const writing = /^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP)\b/i;

/**
 * Wraps the PostgreSQL client's `query` while `request` runs. They run again on a pool of their
 * own, as large as the service's, whose connections are told the firm once, when they open (the
 * service tells a pooled connection its firm only when it changes, so its `set_config` calls are
 * left out).
 */
async function recordPostgres(url: string, firmId: string, request: () => Promise<unknown>): Promise<RecordedQueries> {
  const ran: { text: string; values: unknown[] }[] = [];
  const writes: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && !text.includes('set_config(')) {
      if (writing.test(text)) writes.push(text);
      else ran.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return (query as (...args: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await request();
  } finally {
    pg.Client.prototype.query = query;
  }
  check(ran.length, writes);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c jit=off -c app.firm_id=${firmId}` });
  return {
    count: ran.length,
    async run() {
      for (const { text, values } of ran) await pool.query(text, values);
    },
    close: () => pool.end(),
  };
}

function check(ran: number, writes: string[]): void {
  if (writes.length) throw new Error(`a read request wrote: ${writes.join('; ')}`);
  if (!ran) throw new Error('the request ran no query');
}
