import { AsyncResource } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { crashPoint } from '../crash-points.ts';
import type { Tenancy } from '../http/tenancy.ts';
import type { Logger } from '../logger.ts';
import { backoffMs, PermanentJobError, type Job, type JobHandler, type NewJob } from './job.ts';
import type { JobsRepository } from './jobs.repository.ts';

export interface JobKindOptions {
  /** Runs before the job is dead; defaults to the queue's. */
  maxAttempts?: number;
  /** How long a run may hold the job before another worker may take it (default 5 minutes). */
  leaseMs?: number;
}

interface Registered {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every payload type share one registry
  handler: JobHandler<any>;
  options: JobKindOptions;
}

interface Recurring {
  kind: string;
  everyMs: number;
}

export interface WorkerOptions {
  /** How often to look for due jobs that no local commit announced (retries, other instances' jobs). */
  pollMs?: number;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /**
   * This process is the only one using the store: jobs it finds running were left by a worker
   * that died (a crash), so they are due at once instead of when their lease runs out.
   */
  soleWorker?: boolean;
  /**
   * On a shared store: jobs this instance (its `instanceId`) left running when it stopped are due
   * at once; other instances' wait for their lease to run out.
   */
  releaseOwn?: boolean;
}

const defaultLeaseMs = 5 * 60_000;

/**
 * The durable job queue: jobs are rows in the service's database (see JobsRepository), so they
 * survive a crash and run after a restart. `enqueue` is called inside the transaction that makes
 * the change; the worker runs due jobs after commit, at least once, retrying failures with
 * exponential backoff until a kind's attempts are used up, when the job is dead and waits for an
 * operator (`portico jobs retry`).
 */
export class JobQueue {
  readonly workerId: string;
  #handlers = new Map<string, Registered>();
  #recurring: Recurring[] = [];
  #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;
  #wakeScheduled = false;
  #filling: Promise<void> | undefined;
  #fillAgain = false;
  /** The poll under way (the recurring work enqueued, then a fill): a stop waits for it. */
  #polling: Promise<void> | undefined;
  #started = false;
  /** The start under way (releasing a dead worker's jobs): a drain waits for it. */
  #starting: Promise<void> | undefined;
  #stopping = false;
  #concurrency = 4;
  /**
   * The async context the queue was made in: jobs run in it, in no request's transaction or firm.
   * The queue's own work spans firms (the system scope); a job of one firm runs acting for it.
   */
  #detached = new AsyncResource('portico.jobs');

  constructor(
    private readonly repository: JobsRepository,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly tenancy: Tenancy,
    /** This instance's name among those sharing the store (INSTANCE_ID): the prefix of its worker id. */
    private readonly instanceId = 'worker',
  ) {
    this.workerId = `${instanceId}/${randomBytes(6).toString('base64url')}`;
    // Finished jobs are kept a week for looking into; dead ones until an operator acts.
    this.register('jobs.prune', async () => {
      await this.repository.pruneDone(new Date(this.clock().getTime() - 7 * 86_400_000));
    });
    this.every('jobs.prune', 3_600_000);
  }

  /** Jobs for the operator's view (`portico jobs list`, the demo's outbox page). */
  get store(): Pick<JobsRepository, 'list' | 'find' | 'attempts' | 'counts' | 'retry'> {
    return this.repository;
  }

  /** Says how to run one kind of job. A job of a kind nobody registered waits (another version may know it). */
  register<P>(kind: string, handler: JobHandler<P>, options: JobKindOptions = {}): void {
    if (this.#handlers.has(kind)) throw new Error(`job kind ${kind} is registered twice`);
    this.#handlers.set(kind, { handler, options });
  }

  /**
   * Work that runs every `everyMs` once across every process sharing the database: each tick
   * enqueues the job of the current period under one key, so only the first enqueue counts.
   */
  every(kind: string, everyMs: number): void {
    this.#recurring.push({ kind, everyMs });
  }

  /**
   * Adds a job (a no-op when one with its key exists). Call it inside the transaction of the
   * change that calls for the job; the worker is woken once that transaction has committed (the
   * job cannot be claimed before), or at once outside a transaction.
   */
  async enqueue<P>(job: NewJob<P>): Promise<boolean> {
    const registered = this.#handlers.get(job.kind);
    const added = await this.repository.enqueue({ maxAttempts: registered?.options.maxAttempts, ...job }, this.clock());
    if (added) this.repository.afterTransaction(() => this.#wakeSoon());
    return added;
  }

  /** Starts running jobs in this process; resolves once a dead worker's jobs are released (`soleWorker`). */
  start(options: WorkerOptions = {}): Promise<void> {
    if (this.#started) return Promise.resolve();
    this.#started = true;
    this.#stopping = false;
    this.#concurrency = options.concurrency ?? 4;
    const pollMs = options.pollMs ?? 1_000;
    const tick = () => {
      // A poll slower than the interval is not joined by the next one.
      this.#polling ??= (async () => {
        try {
          await this.#enqueueRecurring();
        } catch (error) {
          this.logger.error('could not enqueue recurring jobs', { error: String(error) });
        }
        await this.#fill();
      })().finally(() => (this.#polling = undefined));
    };
    const starting = this.tenancy.asSystem(async () => {
      if (options.soleWorker || options.releaseOwn) {
        const released = await this.repository.releaseRunning(this.clock(), options.soleWorker ? undefined : `${this.instanceId}/`);
        if (released) this.logger.info('jobs left running by a stopped worker are due again', { jobs: released });
      }
      if (!this.#started) return;
      this.#timer = setInterval(tick, pollMs);
      this.#timer.unref();
      tick();
    });
    // A drain goes ahead even if the release failed: the caller of start hears of it.
    this.#starting = starting.catch(() => {});
    return starting;
  }

  /**
   * Stops taking jobs and waits for the running ones to end, and for a poll or a claim under way:
   * the jobs a claim took as the stop came run to the end too, so none is left held until its
   * lease runs out, and the store can be closed once this resolves.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    clearInterval(this.#timer);
    await Promise.allSettled([this.#polling, this.#filling]);
    await Promise.allSettled([...this.#running]);
  }

  /** Runs every due job, and what those enqueue, until nothing is due: for tests and the CLI. */
  async drain(): Promise<void> {
    await this.#starting;
    for (;;) {
      // A fill under way (the worker's) may have read the due jobs before the latest was written:
      // wait for it, then look again with a fill of our own.
      if (this.#filling) {
        await this.#filling;
        continue;
      }
      await this.#fill(true);
      if (this.#filling) continue;
      if (!this.#running.size) return;
      await Promise.race(this.#running);
    }
  }

  /** Runs the jobs of a recurring kind that are due now, as the next tick would. */
  enqueueRecurringNow(): Promise<void> {
    return this.tenancy.asSystem(() => this.#enqueueRecurring());
  }

  async #enqueueRecurring() {
    const now = this.clock();
    for (const { kind, everyMs } of this.#recurring) {
      const period = new Date(Math.floor(now.getTime() / everyMs) * everyMs);
      // Two attempts: a run cut short by a stopped worker is taken over once after a restart
      // rather than left dead; a failure is not retried beyond that, the next period runs anyway.
      await this.repository.enqueue({ kind, key: `${kind}@${period.toISOString()}`, payload: { period: period.toISOString() }, maxAttempts: 2 }, now);
    }
  }

  /** Called once the enqueueing transaction has ended (committed: its jobs are visible); the jobs of a burst share one fill. */
  #wakeSoon() {
    if (this.#wakeScheduled || !this.#started) return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      void this.#fill();
    });
  }

  /**
   * Claims as many due jobs as there are free slots and starts them, until nothing more is due.
   * One fill runs at a time; a call during it makes it look once more when it is done.
   */
  #fill(draining = false): Promise<void> {
    if (this.#filling) {
      this.#fillAgain = true;
      return this.#filling;
    }
    this.#filling = this.#detached
      .runInAsyncScope(() => this.tenancy.asSystem(() => this.#claimAndRun(draining)))
      .finally(() => {
        this.#filling = undefined;
        if (this.#fillAgain) {
          this.#fillAgain = false;
          void this.#fill(draining);
        }
      });
    return this.#filling;
  }

  async #claimAndRun(draining: boolean): Promise<void> {
    for (;;) {
      if (this.#stopping && !draining) return;
      const free = this.#concurrency - this.#running.size;
      if (free <= 0) return;
      const now = this.clock();
      let jobs: Job[];
      try {
        jobs = await this.repository.claim(this.workerId, now, new Date(now.getTime() + defaultLeaseMs), free);
      } catch (error) {
        this.logger.error('could not claim jobs', { error: String(error) });
        return;
      }
      if (!jobs.length) return;
      for (const job of jobs) {
        const run = this.#run(job)
          .catch((error: unknown) => this.logger.error('could not record a job run', { job: job.id, error: String(error) }))
          .finally(() => {
            this.#running.delete(run);
            if (!this.#stopping) void this.#fill();
          });
        this.#running.add(run);
      }
    }
  }

  async #run(job: Job): Promise<void> {
    const startedAt = this.clock();
    const registered = this.#handlers.get(job.kind);
    if (!registered) {
      // Leave it for a process that knows the kind; look again in a minute.
      await this.repository.reschedule(
        job,
        this.workerId,
        { error: `no handler for ${job.kind} in this process`, startedAt, runAt: new Date(startedAt.getTime() + 60_000) },
        startedAt,
      );
      return;
    }
    if (job.attempts > job.maxAttempts) {
      // Its lease ran out with every attempt used: a worker died while running it each time.
      await this.#dead(job, startedAt, 'the job was still running when its worker stopped, on every attempt');
      return;
    }
    try {
      await (job.firmId ? this.tenancy.asFirm(job.firmId, () => registered.handler(job)) : registered.handler(job));
      crashPoint('job.ran', job.kind);
      await this.repository.finish(job, this.workerId, { state: 'done', error: null, startedAt }, this.clock());
    } catch (error) {
      const message = describeError(error);
      if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) {
        await this.#dead(job, startedAt, message);
      } else {
        const runAt = new Date(this.clock().getTime() + backoffMs(job.attempts));
        await this.repository.reschedule(job, this.workerId, { error: message, startedAt, runAt }, this.clock());
        this.logger.warn('job failed; it will be tried again', {
          job: job.id,
          kind: job.kind,
          attempt: job.attempts,
          runAt: runAt.toISOString(),
          error: message,
        });
      }
    }
  }

  async #dead(job: Job, startedAt: Date, error: string) {
    await this.repository.finish(job, this.workerId, { state: 'dead', error, startedAt }, this.clock());
    this.logger.error('job is dead: it will not be tried again until retried', { job: job.id, kind: job.kind, attempts: job.attempts, error });
  }
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}
