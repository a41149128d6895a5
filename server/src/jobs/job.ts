/** A unit of work that must happen after a commit, at least once. */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  /** One job per key: enqueueing the same key again is a no-op, and handlers use it to recognise a repeat. */
  key: string;
  firmId: string | null;
  payload: P;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type JobState = 'pending' | 'running' | 'done' | 'dead';

export interface JobAttempt {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  error: string | null;
}

export interface NewJob<P = unknown> {
  kind: string;
  key: string;
  payload: P;
  firmId?: string | null;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Runs before the job is dead (default 8: about 4 hours of backoff). */
  maxAttempts?: number;
}

/**
 * Runs one kind of job. It must be idempotent: a crash after its work and before the job is
 * marked done runs it again with the same `key`.
 */
export type JobHandler<P = unknown> = (job: Job<P>) => Promise<void>;

/**
 * A handler's way to say the job cannot succeed however often it is tried (bad payload, a
 * permanent refusal): the job goes straight to dead instead of being retried.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** How long to wait before attempt `n + 1` after `n` failed: 30 s doubling, capped at 6 h, with ±20 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
