import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPostgresStorage, openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import { backoffMs, PermanentJobError } from '../../server/src/jobs/job.ts';
import { JobQueue } from '../../server/src/jobs/job-queue.ts';
import { JobsRepository } from '../../server/src/jobs/jobs.repository.ts';
import { loadConfig } from '../../server/src/config.ts';
import { closeServices, openServices } from '../../server/src/main.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { freePort, runCli, withDatabase } from './helpers/cli.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { asOperator, removeDataDir, testClock, testEngine } from './helpers/service.ts';
import { startSmtpServer } from './helpers/smtp.ts';

/** A store of its own on the engine under test: a SQLite file in `dir`, or a PostgreSQL database of its own. */
async function openOwnStorage(dir: string, name: string): Promise<{ storage: Storage; close(): Promise<void> }> {
  if (testEngine === 'sqlite') {
    const storage = openSqliteStorage(dir, { file: path.join(dir, `${name}.db`) });
    return { storage, close: () => storage.close() };
  }
  const database: TestPostgres = await startPostgres();
  const storage = await openPostgresStorage(database.url);
  return {
    storage,
    async close() {
      await storage.close();
      await database.stop();
    },
  };
}

describe('the job queue', () => {
  let dir: string;
  let own: Awaited<ReturnType<typeof openOwnStorage>>;
  let storage: Storage;
  let clock: ReturnType<typeof testClock>;
  let queue: JobQueue;
  /** The jobs as the operator sees them (every firm's): what the test looks at and arranges by hand. */
  let repository: JobsRepository;
  /** Work a test does itself, outside the queue (which sets its own scope), as the operator. */
  const asSystem = <T>(work: () => Promise<T>) => storage.asSystem(work);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-jobs-'));
    own = await openOwnStorage(dir, 'portico');
    storage = own.storage;
    clock = testClock();
    repository = asOperator(new JobsRepository(storage), storage);
    queue = new JobQueue(new JobsRepository(storage), clock, silentLogger, storage);
  });
  after(async () => {
    await own.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs a job once per key, after the transaction that enqueued it commits', async () => {
    const ran: string[] = [];
    queue.register<{ n: number }>('test.once', async (job) => void ran.push(`${job.key}:${job.payload.n}`));
    await asSystem(() =>
      storage.transaction(async () => {
        assert.equal(await queue.enqueue({ kind: 'test.once', key: 'a', payload: { n: 1 } }), true);
        assert.equal(await queue.enqueue({ kind: 'test.once', key: 'a', payload: { n: 2 } }), false, 'the same key is one job');
      }),
    );
    await assert.rejects(
      asSystem(() =>
        storage.transaction(async () => {
          await queue.enqueue({ kind: 'test.once', key: 'b', payload: { n: 3 } });
          throw new Error('the change fails');
        }),
      ),
    );
    await queue.drain();
    assert.deepEqual(ran, ['a:1'], 'a rolled-back job never runs');
    assert.equal((await repository.findByKey('a'))!.state, 'done');
    assert.equal(await repository.findByKey('b'), undefined);
  });

  it('retries a failure with growing backoff, records each attempt, and is dead after its last attempt', async () => {
    let calls = 0;
    queue.register(
      'test.flaky',
      async () => {
        calls += 1;
        throw new Error(`attempt ${calls} failed`);
      },
      { maxAttempts: 3 },
    );
    await asSystem(() => queue.enqueue({ kind: 'test.flaky', key: 'flaky', payload: {} }));
    await queue.drain();
    let job = (await repository.findByKey('flaky'))!;
    assert.equal(job.state, 'pending');
    assert.equal(job.attempts, 1);
    assert.equal(job.lastError, 'Error: attempt 1 failed');
    const firstWait = Date.parse(job.runAt) - clock().getTime();
    assert.ok(firstWait >= 24_000 && firstWait <= 36_000, `about 30 s, got ${firstWait}`);

    await queue.drain();
    assert.equal(calls, 1, 'not before it is due');
    clock.advance(firstWait);
    await queue.drain();
    job = (await repository.findByKey('flaky'))!;
    assert.equal(job.attempts, 2);
    const secondWait = Date.parse(job.runAt) - clock().getTime();
    assert.ok(secondWait > firstWait, 'the wait grows');
    clock.advance(secondWait);
    await queue.drain();
    job = (await repository.findByKey('flaky'))!;
    assert.equal(job.state, 'dead');
    assert.equal(calls, 3);
    assert.deepEqual(
      (await repository.attempts(job.id)).map((attempt) => [attempt.attempt, attempt.error]),
      [
        [1, 'Error: attempt 1 failed'],
        [2, 'Error: attempt 2 failed'],
        [3, 'Error: attempt 3 failed'],
      ],
    );

    assert.equal(await repository.retry(job.id, clock()), true);
    await queue.drain();
    assert.equal(calls, 4, 'a retried dead job runs once more');
    assert.equal((await repository.findByKey('flaky'))!.state, 'dead');
  });

  it('backs off from 30 s, doubling, to at most 6 hours', () => {
    const middle = () => 0.5;
    assert.equal(backoffMs(1, middle), 30_000);
    assert.equal(backoffMs(2, middle), 60_000);
    assert.equal(backoffMs(5, middle), 480_000);
    assert.equal(backoffMs(30, middle), 6 * 3_600_000);
  });

  it('gives up at once on a permanent failure', async () => {
    queue.register('test.permanent', async () => {
      throw new PermanentJobError('the address does not exist');
    });
    await asSystem(() => queue.enqueue({ kind: 'test.permanent', key: 'permanent', payload: {} }));
    await queue.drain();
    const job = (await repository.findByKey('permanent'))!;
    assert.equal(job.state, 'dead');
    assert.equal(job.attempts, 1);
  });

  it('takes over a job whose worker died once its lease runs out, and at once for the only worker', async () => {
    const other = asOperator(new JobsRepository(storage), storage);
    await other.enqueue({ kind: 'test.once', key: 'orphan', payload: { n: 9 } }, clock());
    const [claimed] = await other.claim('wrk_gone', clock(), new Date(clock().getTime() + 60_000), 1);
    assert.equal(claimed!.key, 'orphan');
    await queue.drain();
    assert.equal((await repository.findByKey('orphan'))!.state, 'running', 'held while its lease lasts');
    clock.advance(60_000);
    await queue.drain();
    assert.equal((await repository.findByKey('orphan'))!.state, 'done');

    await other.enqueue({ kind: 'test.once', key: 'orphan-2', payload: { n: 10 } }, clock());
    await other.claim('wrk_gone', clock(), new Date(clock().getTime() + 60_000), 1);
    const sole = new JobQueue(new JobsRepository(storage), clock, silentLogger, storage);
    sole.register('test.once', async () => {});
    await sole.start({ soleWorker: true, pollMs: 60_000 });
    await sole.drain();
    await sole.stop();
    assert.equal((await repository.findByKey('orphan-2'))!.state, 'done', 'found running at start: its worker is gone');
  });

  it("on a shared store, takes back at start the jobs this instance left running, never another live instance's", async () => {
    const other = asOperator(new JobsRepository(storage), storage);
    await other.enqueue({ kind: 'test.once', key: 'left-by-a', payload: { n: 11 } }, clock());
    await other.enqueue({ kind: 'test.once', key: 'left-by-b', payload: { n: 12 } }, clock());
    const lease = new Date(clock().getTime() + 60_000);
    // Both are due at once, so which each claim takes is the engine's choice: note it.
    const [mine] = await other.claim('host-a:8787/previous', clock(), lease, 1);
    const [theirs] = await other.claim('host-b:8787/alive', clock(), lease, 1);
    assert.deepEqual([mine!.key, theirs!.key].sort(), ['left-by-a', 'left-by-b']);

    const restarted = new JobQueue(new JobsRepository(storage), clock, silentLogger, storage, 'host-a:8787');
    restarted.register('test.once', async () => {});
    await restarted.start({ releaseOwn: true, pollMs: 60_000 });
    await restarted.drain();
    await restarted.stop();
    assert.equal((await repository.findByKey(mine!.key))!.state, 'done', 'its own, left by its previous run');
    assert.equal((await repository.findByKey(theirs!.key))!.state, 'running', 'another instance holds it while its lease lasts');
    assert.match(restarted.workerId, /^host-a:8787\//);
    clock.advance(60_000);
    const third = new JobQueue(new JobsRepository(storage), clock, silentLogger, storage, 'host-c:8787');
    third.register('test.once', async () => {});
    await third.drain();
    assert.equal((await repository.findByKey(theirs!.key))!.state, 'done', 'taken over once the lease ran out');
  });

  it('runs recurring work once per period across every queue on the store', async () => {
    let runs = 0;
    const queues = [0, 1, 2].map(() => new JobQueue(new JobsRepository(storage), clock, silentLogger, storage));
    for (const each of queues) {
      each.register('test.sweep', async () => void (runs += 1));
      each.every('test.sweep', 60_000);
      await each.enqueueRecurringNow();
    }
    await Promise.all(queues.map((each) => each.drain()));
    assert.equal(runs, 1);
    clock.advance(60_000);
    for (const each of queues) await each.enqueueRecurringNow();
    await Promise.all(queues.map((each) => each.drain()));
    assert.equal(runs, 2);
  });

  it('leaves a kind this process does not know for one that does', async () => {
    await asSystem(() => queue.enqueue({ kind: 'test.unknown', key: 'unknown', payload: {} }));
    await queue.drain();
    const job = (await repository.findByKey('unknown'))!;
    assert.equal(job.state, 'pending');
    assert.match(job.lastError ?? '', /no handler/);
  });

  it('stops after the jobs a claim under way took have run, leaving none held', async () => {
    // The claim the worker's first poll makes is held until the stop has been asked for.
    let claiming!: () => void;
    const claimStarted = new Promise<void>((resolve) => (claiming = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    class HeldClaims extends JobsRepository {
      override async claim(...args: Parameters<JobsRepository['claim']>) {
        claiming();
        await released;
        return super.claim(...args);
      }
    }
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string) => void errors.push(message) };
    const worker = new JobQueue(new HeldClaims(storage), clock, logger, storage);
    const ran: string[] = [];
    worker.register('test.at-stop', async (job) => void ran.push(job.key));
    await asSystem(() => worker.enqueue({ kind: 'test.at-stop', key: 'at-stop', payload: {} }));

    await worker.start({ pollMs: 3_600_000 });
    await claimStarted;
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(stopped, false, 'the stop waits for the claim under way');
    release();
    await stopping;
    assert.deepEqual(ran, ['at-stop'], 'the job the claim took ran before the stop ended');
    assert.equal((await repository.findByKey('at-stop'))!.state, 'done', 'and is recorded, not left running');
    assert.deepEqual(errors, []);
  });

  it('wakes a running worker once the transaction that enqueued a job commits, not before', { timeout: 10_000 }, async () => {
    const wake = await openOwnStorage(dir, 'wake');
    const own = wake.storage;
    const worker = new JobQueue(new JobsRepository(own), clock, silentLogger, own);
    const ran: string[] = [];
    let woken!: () => void;
    const done = new Promise<void>((resolve) => (woken = resolve));
    worker.register('test.woken', async (job) => {
      ran.push(job.key);
      woken();
    });
    try {
      // A poll far away: only the wake after the commit can run the job in time.
      await worker.start({ pollMs: 3_600_000 });
      await worker.drain();
      await own.asSystem(() =>
        own.transaction(async () => {
          await worker.enqueue({ kind: 'test.woken', key: 'woken', payload: {} });
          await new Promise((resolve) => setImmediate(resolve));
          assert.deepEqual(ran, [], 'not while the transaction is open');
        }),
      );
      await done;
      assert.deepEqual(ran, ['woken']);
    } finally {
      await worker.stop();
      await wake.close();
    }
  });
});

describe('portico jobs', () => {
  it('lists a dead email, and retry sends it once the mail server is back', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-jobs-cli-'));
    const smtpPort = await freePort();
    // On PostgreSQL the folder's own database, which the CLI below is given as well.
    const env = await withDatabase({ DATA_DIR: dataDir, MAIL: 'smtp', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` });
    try {
      const services = await openServices(loadConfig(env), { logger: silentLogger });
      const { storage } = services;
      await storage.asSystem(() =>
        services.jobs.enqueue({
          kind: 'mail.send',
          key: 'mail:test',
          payload: { kind: 'notice', to: 'alex@example.com', subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' },
          maxAttempts: 1,
        }),
      );
      await services.jobs.drain();
      const dead = await storage.asSystem(() => services.jobs.store.list({ states: ['dead'], limit: 10 }));
      await closeServices(services);
      assert.equal(dead.length, 1);

      const listed = await runCli(['jobs', 'list'], env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /0 pending, 0 running, 1 dead/);
      assert.match(listed.stdout, new RegExp(`${dead[0]!.id}\\s+dead\\s+mail\\.send\\s+1/1 .*127\\.0\\.0\\.1:${smtpPort}`));

      const notDead = await runCli(['jobs', 'retry', '--id', 'job_nope'], env);
      assert.equal(notDead.code, 1);
      assert.match(notDead.stderr, /job job_nope/);

      const smtp = await startSmtpServer({ port: smtpPort });
      try {
        const retried = await runCli(['jobs', 'retry', '--id', dead[0]!.id], env);
        assert.equal(retried.code, 0, retried.stderr);
        assert.equal(retried.stdout.trim(), `${dead[0]!.id}: done`);
        assert.equal(smtp.received.length, 1);
        assert.equal(smtp.received[0]!.subject, 'Hello');
      } finally {
        await smtp.close();
      }
    } finally {
      await removeDataDir(dataDir);
    }
  });
});
