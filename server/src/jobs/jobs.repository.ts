import type { Db } from '../db/database.ts';
import { groupCommit } from '../db/group-commit.ts';
import { newId } from '../db/ids.ts';
import type { Job, JobAttempt, JobState, NewJob } from './job.ts';

interface JobRow {
  id: string;
  kind: string;
  key: string;
  firm_id: string | null;
  payload: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const toJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  firmId: row.firm_id,
  payload: JSON.parse(row.payload),
  state: row.state,
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
 * The job table. `enqueue` joins whatever transaction is open on the connection, so a job is
 * written with the change that calls for it or not at all. A claim takes the oldest due job, or
 * one whose worker's lease ran out (the worker died), in one statement.
 */
export class JobsRepository {
  #insert;
  #claim;
  #reclaim;
  #finish;
  #reschedule;
  #attempt;

  constructor(readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO jobs (id, kind, key, firm_id, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
       VALUES (@id, @kind, @key, @firmId, @payload, 'pending', 0, @maxAttempts, @runAt, @now, @now)
       ON CONFLICT (key) DO NOTHING`,
    );
    this.#claim = db.prepare<{ worker: string; now: string; until: string; limit: number }, JobRow>(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = @worker, locked_until = @until, updated_at = @now
       WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= @now ORDER BY run_at LIMIT @limit)
       RETURNING *`,
    );
    this.#reclaim = db.prepare<{ worker: string; now: string; until: string; limit: number }, JobRow>(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = @worker, locked_until = @until, updated_at = @now
       WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND locked_until <= @now ORDER BY locked_until LIMIT @limit)
       RETURNING *`,
    );
    this.#finish = db.prepare(
      `UPDATE jobs SET state = @state, last_error = @error, locked_by = NULL, locked_until = NULL, updated_at = @now, finished_at = @now
       WHERE id = @id AND locked_by = @worker AND state = 'running'`,
    );
    this.#reschedule = db.prepare(
      `UPDATE jobs SET state = 'pending', run_at = @runAt, last_error = @error, locked_by = NULL, locked_until = NULL, updated_at = @now
       WHERE id = @id AND locked_by = @worker AND state = 'running'`,
    );
    this.#attempt = db.prepare(
      `INSERT INTO job_attempts (job_id, attempt, started_at, finished_at, error) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (job_id, attempt) DO UPDATE SET finished_at = excluded.finished_at, error = excluded.error`,
    );
  }

  /** Adds a job unless one with its key exists; true when it was added. Joins the open transaction. */
  enqueue(job: NewJob, now: Date): boolean {
    return (
      this.#insert.run({
        id: newId('job'),
        kind: job.kind,
        key: job.key,
        firmId: job.firmId ?? null,
        payload: JSON.stringify(job.payload ?? {}),
        maxAttempts: job.maxAttempts ?? defaultMaxAttempts,
        runAt: (job.runAt ?? now).toISOString(),
        now: now.toISOString(),
      }).changes === 1
    );
  }

  /**
   * Takes up to `limit` due jobs for `worker` until `until`, oldest due first, in one statement:
   * pending ones, then running ones whose worker's lease ran out (it died).
   */
  claim(worker: string, now: Date, until: Date, limit: number): Promise<Job[]> {
    const params = { worker, now: now.toISOString(), until: until.toISOString(), limit };
    // Committed with the other writes of this turn (see GroupCommit).
    return groupCommit(this.db).write(() => {
      const rows = this.#claim.all(params);
      if (rows.length < limit) rows.push(...this.#reclaim.all({ ...params, limit: limit - rows.length }));
      return rows.map(toJob);
    });
  }

  /** Ends a run: done, or dead with its error. False when the worker no longer held the job. */
  finish(job: Job, worker: string, outcome: { state: 'done' | 'dead'; error: string | null; startedAt: Date }, now: Date): Promise<boolean> {
    return groupCommit(this.db).write(() => {
      const changed = this.#finish.run({ id: job.id, worker, state: outcome.state, error: outcome.error, now: now.toISOString() }).changes === 1;
      if (changed) this.#attempt.run(job.id, job.attempts, outcome.startedAt.toISOString(), now.toISOString(), outcome.error);
      return changed;
    });
  }

  /** Ends a failed run that will be tried again at `runAt`. */
  reschedule(job: Job, worker: string, outcome: { error: string; startedAt: Date; runAt: Date }, now: Date): Promise<boolean> {
    return groupCommit(this.db).write(() => {
      const changed =
        this.#reschedule.run({ id: job.id, worker, error: outcome.error, runAt: outcome.runAt.toISOString(), now: now.toISOString() }).changes === 1;
      if (changed) this.#attempt.run(job.id, job.attempts, outcome.startedAt.toISOString(), now.toISOString(), outcome.error);
      return changed;
    });
  }

  /** Jobs left running by workers that are gone: due again now. */
  releaseRunning(now: Date): number {
    return this.db
      .prepare("UPDATE jobs SET state = 'pending', run_at = @now, locked_by = NULL, locked_until = NULL, updated_at = @now WHERE state = 'running'")
      .run({ now: now.toISOString() }).changes;
  }

  find(id: string): Job | undefined {
    const row = this.db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row && toJob(row);
  }

  findByKey(key: string): Job | undefined {
    const row = this.db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE key = ?').get(key);
    return row && toJob(row);
  }

  attempts(jobId: string): JobAttempt[] {
    return this.db
      .prepare<[string], { attempt: number; started_at: string; finished_at: string; error: string | null }>(
        'SELECT attempt, started_at, finished_at, error FROM job_attempts WHERE job_id = ? ORDER BY attempt',
      )
      .all(jobId)
      .map((row) => ({ attempt: row.attempt, startedAt: row.started_at, finishedAt: row.finished_at, error: row.error }));
  }

  /** Jobs newest first, optionally in some states only. */
  list(filter: { states?: JobState[]; kind?: string; firmId?: string; limit: number }): Job[] {
    const states = filter.states?.length ? filter.states : null;
    return this.db
      .prepare<Record<string, unknown>, JobRow>(
        `SELECT * FROM jobs
         WHERE (@states IS NULL OR state IN (SELECT value FROM json_each(@states)))
           AND (@kind IS NULL OR kind = @kind)
           AND (@firmId IS NULL OR firm_id = @firmId)
         ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
      )
      .all({ states: states && JSON.stringify(states), kind: filter.kind ?? null, firmId: filter.firmId ?? null, limit: filter.limit })
      .map(toJob);
  }

  counts(): Record<JobState, number> {
    const counts: Record<JobState, number> = { pending: 0, running: 0, done: 0, dead: 0 };
    for (const row of this.db.prepare<[], { state: JobState; n: number }>('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state').all()) {
      counts[row.state] = row.n;
    }
    return counts;
  }

  /** The earliest time a pending job is due, or a running one's lease runs out. */
  nextDue(): string | undefined {
    return this.db
      .prepare<[], { at: string | null }>(
        "SELECT MIN(CASE state WHEN 'pending' THEN run_at ELSE locked_until END) AS at FROM jobs WHERE state IN ('pending', 'running')",
      )
      .get()?.at ?? undefined;
  }

  /** Puts a dead job back in the queue for one more attempt now. False unless it was dead. */
  retry(id: string, now: Date): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'pending', run_at = @now, max_attempts = attempts + 1, finished_at = NULL, updated_at = @now
           WHERE id = @id AND state = 'dead'`,
        )
        .run({ id, now: now.toISOString() }).changes === 1
    );
  }

  /** Forgets finished jobs that ended before `before` (dead ones are kept for an operator). */
  pruneDone(before: Date): number {
    return this.db.prepare("DELETE FROM jobs WHERE state = 'done' AND finished_at < ?").run(before.toISOString()).changes;
  }
}
