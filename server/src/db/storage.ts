import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, sql, type Dialect } from 'kysely';
import type { Db } from './database.ts';
import type { Schema } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

/** What one async call chain is inside: an open transaction (its connection) and the firm it acts for. */
interface Scope {
  executor?: Kysely<Schema>;
  savepoints?: number;
  firmId?: string;
  /** Called once the outermost transaction has ended. */
  ended?: (() => void)[];
}

interface Pending {
  work: () => Promise<unknown>;
  // A method, so a resolver of any one result type fits.
  resolve(value: unknown): void;
  reject: (error: unknown) => void;
}

/**
 * How long a write waits for others to share its commit (SQLite). Under load a millisecond gathers
 * the writes of several requests (measured here: ~500 payments/s flushing every turn, ~600 with
 * this window, fewer with 3 ms); alone, a write waits that millisecond.
 */
const groupWindowMs = 1;

/** The `app.firm_id` that row-level security lets see every firm (see migration 15). */
const systemScope = '*';

/**
 * The one query layer, over SQLite or PostgreSQL. Repositories build their queries on `db`, which
 * is the open transaction's connection when the call chain is inside one (an `AsyncLocalStorage`
 * scope), else the whole database: a repository method called inside another's transaction joins
 * it without being handed anything.
 *
 * - `transaction` runs its work in one transaction: `BEGIN IMMEDIATE` on SQLite (the one writer is
 *   taken up front, so a read-then-write never fails halfway), `BEGIN` on PostgreSQL (money takes
 *   row locks with `FOR UPDATE`). Inside another transaction it becomes a savepoint.
 * - `write` is a transaction whose commit may be shared (SQLite group commit): writes asked for
 *   within a millisecond run one after another in one transaction, each in its own savepoint, and
 *   share its one synchronous commit, the fsync that makes them durable. Each resolves only after
 *   that commit; one that throws is rolled back to its savepoint alone. On PostgreSQL it is a
 *   plain transaction (the server groups commits itself).
 * - `asFirm` marks the call chain as acting for one firm: on PostgreSQL every connection it takes
 *   sets `app.firm_id` from it, which row-level security reads; `asSystem` is the scope of work
 *   that spans firms (the job worker, a lookup by a secret's hash before the firm is known).
 */
export class Storage {
  /** The SQLite handle underneath, for what only SQLite has (`EXPLAIN QUERY PLAN`, backups). */
  readonly sqlite?: Db;
  readonly #root: Kysely<Schema>;
  readonly #onClose?: () => Promise<void> | void;
  readonly #scope = new AsyncLocalStorage<Scope>();
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(
    readonly engine: Engine,
    dialect: Dialect,
    options: { sqlite?: Db; onClose?: () => Promise<void> | void } = {},
  ) {
    this.sqlite = options.sqlite;
    this.#onClose = options.onClose;
    this.#root = new Kysely<Schema>({ dialect });
  }

  /** The open transaction's connection, else the database. */
  get db(): Kysely<Schema> {
    return this.#scope.getStore()?.executor ?? this.#root;
  }

  /** True inside a transaction (or a group commit's batch). */
  get inTransaction(): boolean {
    return this.#scope.getStore()?.executor !== undefined;
  }

  /** The firm the current call chain acts for, if it said. */
  get firmId(): string | undefined {
    return this.#scope.getStore()?.firmId;
  }

  /** Runs `work` as acting for `firmId` (row-level security on PostgreSQL). */
  asFirm<T>(firmId: string, work: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), firmId }, work);
  }

  /** Runs `work` in the scope that sees every firm's rows: for work that is not one firm's. */
  asSystem<T>(work: () => T): T {
    return this.asFirm(systemScope, work);
  }

  /** Runs `work` in one transaction, or in a savepoint of the one already open. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const scope = this.#scope.getStore();
    if (scope?.executor) return this.#savepoint(scope, work);
    const ended: (() => void)[] = [];
    try {
      return await this.#root.connection().execute(async (connection) => {
        await sql.raw(this.engine === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(connection);
        try {
          const result = await this.#scope.run({ ...scope, executor: connection, savepoints: 0, ended }, work);
          await sql.raw('COMMIT').execute(connection);
          return result;
        } catch (error) {
          await sql
            .raw('ROLLBACK')
            .execute(connection)
            .catch(() => {});
          throw error;
        }
      });
    } finally {
      for (const callback of ended) callback();
    }
  }

  /**
   * Calls `callback` once the transaction the call chain is in has ended (committed or rolled
   * back) and its connection is free, or at once when there is none: e.g. waking a worker for
   * jobs the transaction wrote, which it could not see before the commit.
   */
  afterTransaction(callback: () => void): void {
    const ended = this.#scope.getStore()?.ended;
    if (ended && this.inTransaction) ended.push(callback);
    else callback();
  }

  /** A transaction whose commit may be shared with other writes of the same millisecond (see the class). */
  write<T>(work: () => Promise<T>): Promise<T> {
    if (this.engine !== 'sqlite' || this.inTransaction) return this.transaction(work);
    const firmId = this.firmId;
    const bound = firmId ? () => this.asFirm(firmId, work) : work;
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ work: bound, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // The batch runs in no one's scope: not the first writer's firm or transaction.
        setTimeout(() => void this.#scope.exit(() => this.#flush()), groupWindowMs);
      }
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.transaction(async () => {
        for (const { work } of batch) {
          try {
            outcomes.push({ ok: true, value: await this.transaction(work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (the disk): nothing of the batch was written.
      for (const { reject } of batch) reject(error);
      return;
    }
    batch.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  async #savepoint<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
    const connection = scope.executor!;
    const name = `sp_${(scope.savepoints ?? 0) + 1}`;
    await sql.raw(`SAVEPOINT ${name}`).execute(connection);
    try {
      const result = await this.#scope.run({ ...scope, savepoints: (scope.savepoints ?? 0) + 1 }, work);
      await sql.raw(`RELEASE SAVEPOINT ${name}`).execute(connection);
      return result;
    } catch (error) {
      await sql.raw(`ROLLBACK TO SAVEPOINT ${name}`).execute(connection);
      await sql.raw(`RELEASE SAVEPOINT ${name}`).execute(connection);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#root.destroy();
    await this.#onClose?.();
  }
}
