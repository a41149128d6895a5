import { sql, type Selectable } from 'kysely';
import { newId } from '../db/ids.ts';
import type { JobsTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import type { Job, JobAttempt, JobState, NewJob } from './job.ts';

const toJob = (row: Selectable<JobsTable>): Job => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  firmId: row.firm_id,
  payload: JSON.parse(row.payload),
  state: row.state as JobState,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: row.run_at,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

export const defaultMaxAttempts = 8;

/**
 * The order jobs were enqueued in, for jobs of one instant (a change often enqueues several, and
 * tests run at one clock time): SQLite keeps it in the rowid; PostgreSQL has no such column, so
 * there the id breaks the tie (random: a stable order, not the enqueueing one).
 */
const enqueueOrder = (storage: Storage) => (storage.engine === 'sqlite' ? sql<string>`rowid` : sql<string>`id`);

/**
 * The job table. `enqueue` joins whatever transaction the call chain is in, so a job is written
 * with the change that calls for it or not at all. A claim takes the oldest due job, or one whose
 * worker's lease ran out (the worker died), in one statement.
 */
export class JobsRepository {
  constructor(private readonly storage: Storage) {}

  /** Adds a job unless one with its key exists; true when it was added. Joins the open transaction. */
  async enqueue(job: NewJob, now: Date): Promise<boolean> {
    const added = await this.storage.db
      .insertInto('jobs')
      .values({
        id: newId('job'),
        kind: job.kind,
        key: job.key,
        firm_id: job.firmId ?? null,
        payload: JSON.stringify(job.payload ?? {}),
        state: 'pending',
        attempts: 0,
        max_attempts: job.maxAttempts ?? defaultMaxAttempts,
        run_at: (job.runAt ?? now).toISOString(),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return added !== undefined;
  }

  /**
   * Takes up to `limit` due jobs for `worker` until `until`, oldest due first, each kind in one
   * statement: pending ones, then running ones whose worker's lease ran out (it died).
   */
  claim(worker: string, now: Date, until: Date, limit: number): Promise<Job[]> {
    // Committed with the other writes of the same moment (see Storage.write).
    return this.storage.write(async () => {
      const rows = await this.#take(worker, now, until, limit, 'pending');
      if (rows.length < limit) rows.push(...(await this.#take(worker, now, until, limit - rows.length, 'running')));
      return rows.map(toJob);
    });
  }

  /**
   * One claiming statement: due pending jobs by `run_at`, or expired running ones by `locked_until`.
   * On PostgreSQL two workers claim at once: the candidates are locked as they are chosen, and
   * rows another worker holds are skipped (`FOR UPDATE SKIP LOCKED`), so a job is never claimed
   * twice and workers never queue behind each other. The outer conditions are checked again on
   * the row as it is updated. SQLite has one writer, so one claim runs at a time anyway. The
   * candidates are a materialized CTE: PostgreSQL may run a `LIMIT` subquery inside `IN (…)` more
   * than once, and each run can lock different rows, which claimed more jobs than `limit`.
   */
  #take(worker: string, now: Date, until: Date, limit: number, state: 'pending' | 'running') {
    const due = state === 'pending' ? ('run_at' as const) : ('locked_until' as const);
    const at = now.toISOString();
    const postgres = this.storage.engine === 'postgres';
    return this.storage.db
      .with(
        (cte) => cte('candidates').materialized(),
        (db) =>
          db
            .selectFrom('jobs')
            .select('id')
            .where('state', '=', state)
            .where(due, '<=', at)
            .orderBy(due)
            .orderBy(enqueueOrder(this.storage))
            .limit(limit)
            .$if(postgres, (query) => query.forUpdate().skipLocked()),
      )
      .updateTable('jobs')
      .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), locked_by: worker, locked_until: until.toISOString(), updated_at: at }))
      .where('id', 'in', (eb) => eb.selectFrom('candidates').select('id'))
      .where('state', '=', state)
      .where(due, '<=', at)
      .returningAll()
      .execute();
  }

  /** Ends a run: done, or dead with its error. False when the worker no longer held the job. */
  finish(job: Job, worker: string, outcome: { state: 'done' | 'dead'; error: string | null; startedAt: Date }, now: Date): Promise<boolean> {
    const at = now.toISOString();
    return this.#endRun(job, worker, { state: outcome.state, last_error: outcome.error, finished_at: at }, outcome, now);
  }

  /** Ends a failed run that will be tried again at `runAt`. */
  reschedule(job: Job, worker: string, outcome: { error: string; startedAt: Date; runAt: Date }, now: Date): Promise<boolean> {
    return this.#endRun(job, worker, { state: 'pending', run_at: outcome.runAt.toISOString(), last_error: outcome.error }, outcome, now);
  }

  /** Releases a job the worker still holds with `changes`, and records the attempt, together. */
  #endRun(
    job: Job,
    worker: string,
    changes: { state: string; last_error: string | null; run_at?: string; finished_at?: string },
    outcome: { error: string | null; startedAt: Date },
    now: Date,
  ): Promise<boolean> {
    return this.storage.write(async () => {
      const result = await this.storage.db
        .updateTable('jobs')
        .set({ ...changes, locked_by: null, locked_until: null, updated_at: now.toISOString() })
        .where('id', '=', job.id)
        .where('locked_by', '=', worker)
        .where('state', '=', 'running')
        .executeTakeFirst();
      const changed = Number(result.numUpdatedRows) === 1;
      if (changed) await this.#recordAttempt(job, outcome.startedAt, now, outcome.error);
      return changed;
    });
  }

  async #recordAttempt(job: Job, startedAt: Date, now: Date, error: string | null) {
    await this.storage.db
      .insertInto('job_attempts')
      .values({ job_id: job.id, attempt: job.attempts, started_at: startedAt.toISOString(), finished_at: now.toISOString(), error })
      .onConflict((oc) =>
        oc.columns(['job_id', 'attempt']).doUpdateSet((eb) => ({ finished_at: eb.ref('excluded.finished_at'), error: eb.ref('excluded.error') })),
      )
      .execute();
  }

  /** Calls `callback` once the transaction the call chain is in has committed or rolled back (at once outside one). */
  afterTransaction(callback: () => void): void {
    this.storage.afterTransaction(callback);
  }

  /** Jobs left running by workers that are gone (only those whose worker id starts with `workerPrefix`, if given): due again now. */
  async releaseRunning(now: Date, workerPrefix?: string): Promise<number> {
    const at = now.toISOString();
    const result = await this.storage.db
      .updateTable('jobs')
      .set({ state: 'pending', run_at: at, locked_by: null, locked_until: null, updated_at: at })
      .where('state', '=', 'running')
      .$if(workerPrefix !== undefined, (qb) => qb.where(sql<boolean>`substr(locked_by, 1, ${workerPrefix!.length}) = ${workerPrefix}`))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async find(id: string): Promise<Job | undefined> {
    const row = await this.storage.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  }

  async findByKey(key: string): Promise<Job | undefined> {
    const row = await this.storage.db.selectFrom('jobs').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toJob(row);
  }

  async attempts(jobId: string): Promise<JobAttempt[]> {
    const rows = await this.storage.db
      .selectFrom('job_attempts')
      .select(['attempt', 'started_at', 'finished_at', 'error'])
      .where('job_id', '=', jobId)
      .orderBy('attempt')
      .execute();
    return rows.map((row) => ({ attempt: row.attempt, startedAt: row.started_at, finishedAt: row.finished_at, error: row.error }));
  }

  /** Jobs newest first, optionally in some states only. */
  async list(filter: { states?: JobState[]; kind?: string; firmId?: string; limit: number }): Promise<Job[]> {
    let query = this.storage.db.selectFrom('jobs').selectAll();
    if (filter.states?.length) query = query.where('state', 'in', filter.states);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.firmId !== undefined) query = query.where('firm_id', '=', filter.firmId);
    const rows = await query.orderBy('created_at', 'desc').orderBy(enqueueOrder(this.storage), 'desc').limit(filter.limit).execute();
    return rows.map(toJob);
  }

  async counts(): Promise<Record<JobState, number>> {
    const counts: Record<JobState, number> = { pending: 0, running: 0, done: 0, dead: 0 };
    const rows = await this.storage.db
      .selectFrom('jobs')
      .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    for (const row of rows) counts[row.state as JobState] = Number(row.n);
    return counts;
  }

  /** The earliest time a pending job is due, or a running one's lease runs out. */
  async nextDue(): Promise<string | undefined> {
    const row = await this.storage.db
      .selectFrom('jobs')
      .select(sql<string | null>`min(CASE state WHEN 'pending' THEN run_at ELSE locked_until END)`.as('at'))
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return row?.at ?? undefined;
  }

  /** Puts a dead job back in the queue for one more attempt now. False unless it was dead. */
  async retry(id: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = await this.storage.db
      .updateTable('jobs')
      .set((eb) => ({ state: 'pending', run_at: at, max_attempts: eb('attempts', '+', 1), finished_at: null, updated_at: at }))
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Forgets finished jobs that ended before `before` (dead ones are kept for an operator). */
  async pruneDone(before: Date): Promise<number> {
    const result = await this.storage.db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
