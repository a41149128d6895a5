import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import type { Firm } from '../../server/src/firms/firm.ts';
import { FirmsRepository } from '../../server/src/firms/firms.repository.ts';
import { FirmsService } from '../../server/src/firms/firms.service.ts';
import { Problem } from '../../server/src/http/problem.ts';
import { LimitsRepository } from '../../server/src/limits/limits.repository.ts';
import { createLimits, RateLimiter, type Limits } from '../../server/src/limits/limits.ts';
import { assertProblem } from './helpers/payments.ts';
import { password, removeDataDir, startTestService, testClock, type TestService } from './helpers/service.ts';

const minutes = (n: number) => n * 60_000;

/** The problem `promise` rejects with, or a failed assertion when it resolves. */
async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Problem, String(error));
    return error;
  }
  assert.fail('expected a problem');
}

describe('sign-in limits across a restart', () => {
  const started: TestService[] = [];
  const dataDirs = new Set<string>();
  const start = async (options: { dataDir?: string } = {}) => {
    const svc = await startTestService(options);
    started.push(svc);
    dataDirs.add(svc.dataDir);
    return svc;
  };
  const restart = async (svc: TestService) => {
    await svc.close({ keepDataDir: true });
    started.splice(started.indexOf(svc), 1);
    return start({ dataDir: svc.dataDir });
  };
  after(async () => {
    for (const svc of started) await svc.close({ keepDataDir: true });
    for (const dir of dataDirs) await removeDataDir(dir);
  });

  it('keeps an account locked after the service restarts, until the window passes', async () => {
    const first = await start();
    const attempt = (svc: TestService, pass: string, email = 'alex@example.com') =>
      svc.request('/api/v1/auth/login', { body: { firm: 'hale', email, password: pass } });
    for (let i = 0; i < 8; i += 1) assertProblem(await attempt(first, `wrong guess ${i}`), 401, 'invalid_credentials');
    assertProblem(await attempt(first, password), 429, 'rate_limited');

    const second = await restart(first);
    const locked = await attempt(second, password);
    assertProblem(locked, 429, 'rate_limited');
    assert.match(locked.body.detail, /^Too many attempts\. Try again in 15 minutes\.$/);
    assert.equal(locked.body.retryAfter, 15 * 60);
    assert.equal(locked.headers.get('retry-after'), String(15 * 60));
    // The lock is the account's, not the firm's.
    assert.equal((await attempt(second, password, 'jordan@example.com')).status, 200);

    second.clock.advance(minutes(5));
    assert.equal((await attempt(second, password)).body.retryAfter, 10 * 60);
    second.clock.advance(minutes(10) + 1_000);
    assert.equal((await attempt(second, password)).status, 200);
    // A success clears the account's failures.
    assertProblem(await attempt(second, 'one more wrong guess'), 401, 'invalid_credentials');
    assert.equal((await attempt(second, password)).status, 200);
  });

  it('keeps counting reset requests per account across a restart', async () => {
    const first = await start();
    const requestReset = (svc: TestService) => svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'jordan@example.com' } });
    for (let i = 0; i < 3; i += 1) assert.equal((await requestReset(first)).status, 202);
    const second = await restart(first);
    const limited = await requestReset(second);
    assertProblem(limited, 429, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('keeps its counters in the database, not in memory', async () => {
    const svc = await start();
    await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password: 'a wrong guess' } });
    const rows = await svc.query<{ key: string; hits: number }>`SELECT key, hits FROM rate_limits ORDER BY key`;
    assert.deepEqual(
      rows.map((row) => row.key.replace(/:.*/, '')),
      ['login-failures-account', 'login-ip'],
    );
    assert.ok(rows.every((row) => row.hits === 1));
  });
});

describe('the limits store', () => {
  let storage: Storage;
  let store: LimitsRepository;
  const t0 = new Date('2026-03-02T15:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  beforeEach(() => {
    storage = openSqliteStorage('', { file: ':memory:' });
    store = new LimitsRepository(storage);
  });
  afterEach(() => storage.close());

  it('counts hits in a fixed window that starts with the first one', async () => {
    assert.deepEqual(await store.hit('k', minutes(10), t0), { hits: 1, endsAt: at(minutes(10)) });
    assert.deepEqual(await store.hit('k', minutes(10), at(minutes(9))), { hits: 2, endsAt: at(minutes(10)) });
    assert.deepEqual(await store.peek('k', at(minutes(9))), { hits: 2, endsAt: at(minutes(10)) });
    // Closed: the next hit opens a new window.
    assert.equal(await store.peek('k', at(minutes(10))), null);
    assert.deepEqual(await store.hit('k', minutes(10), at(minutes(10))), { hits: 1, endsAt: at(minutes(20)) });
    assert.equal(await store.peek('other', t0), null);
  });

  it('clears one key and prunes closed windows only', async () => {
    await store.hit('short', minutes(1), t0);
    await store.hit('long', minutes(60), t0);
    await store.hit('cleared', minutes(60), t0);
    await store.clear('cleared');
    assert.equal(await store.peek('cleared', t0), null);
    assert.equal(await store.prune(at(minutes(5))), 1);
    const keys = (await sql<{ key: string }>`SELECT key FROM rate_limits`.execute(storage.db)).rows.map((row) => row.key);
    assert.deepEqual(keys, ['long']);
  });

  it('refuses the attempt after the limit with the wait in seconds, and checks without counting', async () => {
    const clock = testClock(t0.getTime());
    const limiter = new RateLimiter('test', 2, minutes(15), store, clock);
    await limiter.check('a');
    await limiter.consume('a');
    await limiter.consume('a');
    clock.advance(30_000);
    const problem = await problemOf(limiter.check('a'));
    assert.equal(problem.status, 429);
    assert.equal(problem.code, 'rate_limited');
    assert.equal(problem.extra.retryAfter, 14 * 60 + 30);
    assert.equal(problem.message, 'Too many attempts. Try again in 15 minutes.');
    await problemOf(limiter.consume('a'));
    await limiter.consume('b');
    await limiter.reset('a');
    await limiter.consume('a');
  });

  it('gives limiters that share the store separate counters', async () => {
    const clock = testClock(t0.getTime());
    const one = new RateLimiter('one', 1, minutes(15), store, clock);
    const two = new RateLimiter('two', 1, minutes(15), store, clock);
    await one.consume('same key');
    await two.consume('same key');
    await problemOf(one.consume('same key'));
  });
});

describe('declined payment attempts', () => {
  let storage: Storage;
  let clock: ReturnType<typeof testClock>;
  let limits: Limits;
  let firm: Firm;
  let otherFirm: Firm;
  const alex = { contactId: 'con_alex', ip: '203.0.113.7' };

  beforeEach(async () => {
    storage = openSqliteStorage('', { file: ':memory:' });
    clock = testClock();
    const firmsRepository = new FirmsRepository(storage);
    const firms = new FirmsService(firmsRepository, clock);
    firm = await firms.create({ slug: 'hale', name: 'Hale & Whitmore LLP' });
    otherFirm = await firms.create({
      slug: 'north',
      name: 'North Legal',
      settings: { sections: { activities: true, invoices: true, messages: true, files: true }, paymentFailuresPerHour: 3 },
    });
    limits = createLimits({ storage, clock, firms });
  });
  afterEach(() => storage.close());

  const attempt = (who: { contactId: string; ip?: string | null }, on: Firm = firm) => ({
    firmId: on.id,
    perHour: on.settings.paymentFailuresPerHour,
    ...who,
  });
  const fail = async (who: { contactId: string; ip?: string | null }, times: number, on: Firm = firm) => {
    for (let i = 0; i < times; i += 1) await limits.paymentFailures.recordFailure(attempt(who, on));
  };

  it('allows 10 declines an hour by default, then refuses with when to try again', async () => {
    assert.equal(firm.settings.paymentFailuresPerHour, 10);
    await fail(alex, 9);
    await limits.paymentFailures.check(attempt(alex));
    clock.advance(minutes(18));
    await fail(alex, 1);
    const problem = await problemOf(limits.paymentFailures.check(attempt(alex)));
    assert.equal(problem.status, 429);
    assert.equal(problem.code, 'rate_limited');
    // The window opened with the first decline, 18 minutes ago.
    assert.equal(problem.extra.retryAfter, 42 * 60);
    assert.equal(problem.message, 'Too many declined payment attempts. Try again in 42 minutes, or contact Hale & Whitmore LLP.');
  });

  it('lets the client pay again once the hour is over, and counts afresh', async () => {
    await fail(alex, 10);
    clock.advance(minutes(59));
    assert.equal((await problemOf(limits.paymentFailures.check(attempt(alex)))).extra.retryAfter, 60);
    clock.advance(minutes(1));
    await limits.paymentFailures.check(attempt(alex));
    await fail(alex, 9);
    await limits.paymentFailures.check(attempt(alex));
    await fail(alex, 1);
    await problemOf(limits.paymentFailures.check(attempt(alex)));
  });

  it('limits the client on any address, and the address for any client', async () => {
    await fail(alex, 10);
    // The same client from another address.
    await problemOf(limits.paymentFailures.check(attempt({ contactId: alex.contactId, ip: '198.51.100.1' })));
    await problemOf(limits.paymentFailures.check(attempt({ contactId: alex.contactId, ip: null })));
    // Another client from the same address.
    await problemOf(limits.paymentFailures.check(attempt({ contactId: 'con_jordan', ip: alex.ip })));
    // Another client elsewhere, and the same address at another firm, are not affected.
    await limits.paymentFailures.check(attempt({ contactId: 'con_jordan', ip: '198.51.100.1' }));
    await limits.paymentFailures.check(attempt({ contactId: 'con_sam', ip: alex.ip }, otherFirm));
  });

  it('adds up the declines of many clients from one address', async () => {
    for (let i = 0; i < 10; i += 1) await fail({ contactId: `con_${i}`, ip: alex.ip }, 1);
    const problem = await problemOf(limits.paymentFailures.check(attempt({ contactId: 'con_new', ip: alex.ip })));
    assert.equal(problem.extra.retryAfter, 60 * 60);
    await limits.paymentFailures.check(attempt({ contactId: 'con_0', ip: '198.51.100.1' }));
  });

  it('counts a client without an address by the client alone', async () => {
    await fail({ contactId: alex.contactId, ip: null }, 10);
    await problemOf(limits.paymentFailures.check(attempt({ contactId: alex.contactId })));
    await limits.paymentFailures.check(attempt({ contactId: 'con_jordan', ip: alex.ip }));
  });

  it("uses the firm's own limit, and waits for the later window when both are over", async () => {
    const sam = { contactId: 'con_sam', ip: '192.0.2.9' };
    await fail(sam, 2, otherFirm);
    await limits.paymentFailures.check(attempt(sam, otherFirm));
    clock.advance(minutes(10));
    await fail({ contactId: 'con_riley', ip: sam.ip }, 1, otherFirm);
    await fail({ contactId: sam.contactId, ip: '192.0.2.10' }, 1, otherFirm);
    const problem = await problemOf(limits.paymentFailures.check(attempt(sam, otherFirm)));
    assert.equal(problem.extra.retryAfter, 50 * 60);
    assert.match(problem.message, /or contact North Legal\.$/);
    // The limit is read at each check: a firm that raises it lets the client go on at once.
    await limits.paymentFailures.check({ ...attempt(sam, otherFirm), perHour: 4 });
  });

  it('falls back to the default for a limit that is not a positive whole number', async () => {
    await fail(alex, 9);
    await limits.paymentFailures.check({ ...attempt(alex), perHour: 0 });
    await fail(alex, 1);
    await problemOf(limits.paymentFailures.check({ ...attempt(alex), perHour: Number.NaN }));
  });
});

describe('the payment failures limit over HTTP', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const settings = (body: unknown) => svc.request('/api/v1/admin/settings', { method: 'PATCH', token: svc.fixtures.firmKey, body });

  it('is a firm setting, 10 by default, a whole number from 1 to 1000', async () => {
    const current = await svc.request('/api/v1/admin/settings', { token: svc.fixtures.firmKey });
    assert.equal(current.body.settings.paymentFailuresPerHour, 10);
    for (const bad of [0, 1001, 2.5, '5']) {
      const reply = await settings({ settings: { paymentFailuresPerHour: bad } });
      assertProblem(reply, 400, 'invalid_request');
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field === 'settings.paymentFailuresPerHour'),
        JSON.stringify(reply.body),
      );
    }
    const changed = await settings({ settings: { paymentFailuresPerHour: 2 } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.settings.paymentFailuresPerHour, 2);
  });

  it('holds across a restart', async () => {
    const firm = (await svc.services.repositories.firms.findById(svc.fixtures.firm.id))!;
    const who = { firmId: firm.id, contactId: svc.fixtures.alex.id, ip: '203.0.113.7', perHour: firm.settings.paymentFailuresPerHour };
    assert.equal(who.perHour, 2);
    await svc.services.limits.paymentFailures.recordFailure(who);
    await svc.services.limits.paymentFailures.recordFailure(who);
    await svc.close({ keepDataDir: true });
    svc = await startTestService({ dataDir: svc.dataDir });
    const problem = await problemOf(svc.services.limits.paymentFailures.check(who));
    assert.equal(problem.extra.retryAfter, 60 * 60);
  });
});
