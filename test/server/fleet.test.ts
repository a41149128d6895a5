/**
 * Three instances of the service as separate processes on one PostgreSQL database and one
 * S3-compatible bucket, driven in turn as a balancer without sticky sessions would: a session,
 * a file, the sign-in limit, a settlement and a checkout cut short by a kill -9 all work across
 * them as on one machine, and what must happen once happens once.
 *
 * It starts its own PostgreSQL, so it runs once, in the SQLite pass of `npm test`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { refreshReuseGraceMs } from '../../server/src/auth/auth.service.ts';
import { checkoutLeaseMs } from '../../server/src/payments/checkout.service.ts';
import { boundary, multipart, pdfBytes } from './helpers/files.ts';
import { startFleet, until, type Fleet } from './helpers/fleet.ts';
import type { ServiceProcess } from './helpers/service-process.ts';

const password = 'portico-demo';

interface Payment {
  id: string;
  status: string;
  receiptNumber: string;
}

describe('a fleet of three instances on one PostgreSQL and one bucket', () => {
  let fleet: Fleet;
  let one: ServiceProcess;
  let two: ServiceProcess;
  let three: ServiceProcess;
  let alexId: string;
  /** The checkout killed mid-way (second test), whose recovery is checked in the last one. */
  let interrupted: { key: string; body: unknown; invoiceId: string; killedAt: number } | undefined;
  /** A sign-in refreshed once (third test): its first refresh token is replayed in the last one. */
  let rotatedSession: { first: string; rotated: string; at: number } | undefined;

  const signIn = async (instance: ServiceProcess, email = 'alex@example.com') => {
    const reply = await instance.request('/api/v1/auth/login', { body: { firm: 'demo', email, password } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return { token: reply.body.accessToken as string, cookie: refreshCookie(reply.headers), contactId: reply.body.contact.id as string };
  };

  const refreshCookie = (headers: Headers) => {
    const cookie = headers.getSetCookie().find((value) => value.startsWith('portico_refresh='));
    assert.ok(cookie, 'a refresh cookie is set');
    return cookie.split(';')[0]!;
  };

  /** A published invoice for the demo client, made through the admin API of `instance`. */
  const invoice = async (instance: ServiceProcess, amount: number) => {
    const created = await instance.request('/api/v1/admin/invoices', {
      token: fleet.apiKey,
      body: {
        contactId: alexId,
        number: `FLEET-${randomUUID().slice(0, 8)}`,
        issuedOn: '2026-03-02',
        dueOn: '2026-04-01',
        lines: [{ kind: 'flat_fee', description: 'Fleet work', amount }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await instance.request(`/api/v1/admin/invoices/${created.body.id}/send`, { method: 'POST', token: fleet.apiKey });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return created.body.id as string;
  };

  const bankToken = async (instance: ServiceProcess) => {
    const reply = await instance.request('/sandbox/v1/payment_methods', {
      origin: instance.siteOrigin,
      body: {
        type: 'us_bank_account',
        us_bank_account: { routing_number: '110000000', account_number: '000123456789', account_type: 'checking' },
        billing_details: { name: 'Alex Morgan' },
      },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.id as string;
  };

  const pay = (instance: ServiceProcess, token: string, body: unknown, key: string = randomUUID()) =>
    instance.request('/api/v1/payments', { token, body, headers: { 'idempotency-key': key } });

  const count = async (strings: TemplateStringsArray, ...values: unknown[]) => Number((await fleet.query<{ n: number | string }>(strings, ...values))[0]!.n);

  const receiptsFor = (payment: Payment) =>
    count`SELECT COUNT(*) AS n FROM outbox_messages WHERE kind = 'receipt' AND subject LIKE ${`%${payment.receiptNumber}%`}`;

  /** Jobs about a payment still to run (pending, or held by a live worker). */
  const unfinishedJobsFor = (payment: Payment) =>
    count`SELECT COUNT(*) AS n FROM jobs WHERE state IN ('pending', 'running') AND (payload LIKE ${`%${payment.id}%`} OR payload LIKE ${`%${payment.receiptNumber}%`})`;

  before(async () => {
    fleet = await startFleet();
    [one, two, three] = [await fleet.add(), await fleet.add(), await fleet.add()];
    // Started together, as a deploy would: migrations and start-up take turns on the database.
    await Promise.all(fleet.instances.map((instance) => instance.start()));
    alexId = (await signIn(one)).contactId;
  });

  after(async () => {
    await fleet?.close();
  });

  it('answers /healthz and /readyz on every instance', async () => {
    for (const instance of fleet.instances) {
      const live = await instance.request('/healthz');
      assert.equal(live.status, 200, `${instance.url}/healthz: ${JSON.stringify(live.body)}`);
      assert.deepEqual(live.body, { status: 'ok' });
      const ready = await instance.request('/readyz');
      assert.equal(ready.status, 200, `${instance.url}/readyz: ${JSON.stringify(ready.body)}`);
    }
  });

  it("kill -9 mid-checkout: an instance started meanwhile leaves the dead one's checkout to its lease", async () => {
    await three.stop();
    // Under a name of its own: the instance started after it on this port is another one, as a
    // replacement machine would be (an instance restarted under its old name settles its own at once).
    await three.start({ crashAt: 'checkout.charged', env: { INSTANCE_ID: 'fleet-crashed' } });
    const { token } = await signIn(three);
    const invoiceId = await invoice(one, 15_000);
    const body = { allocations: [{ invoiceId, amount: 15_000 }], paymentMethod: { type: 'card', token: await three.cardToken() } };
    const key = randomUUID();
    const sentAt = Date.now();
    await assert.rejects(pay(three, token, body, key), 'the connection dies with the process');
    assert.equal((await three.exited()).signal, 'SIGKILL');
    interrupted = { key, body, invoiceId, killedAt: Date.now() };

    // Another instance starts at once; the processor charged, the ledger has not heard of it yet.
    await three.start();
    const retry = await pay(one, token, body, key);
    if (Date.now() - sentAt < checkoutLeaseMs - 5_000) {
      // Its lease has not run out: nobody can tell a dead holder from a slow one yet, so no
      // instance (not the one that just started) takes it over.
      assert.equal(retry.status, 409, JSON.stringify(retry.body));
      assert.equal(retry.body.code, 'idempotency_in_progress');
    }
  });

  it('signs in on one, refreshes on another, pays on the third: one session across the fleet', async () => {
    const session = await signIn(one);
    for (const instance of [two, three]) {
      const me = await instance.request('/api/v1/me', { token: session.token });
      assert.equal(me.status, 200, `${instance.url} accepts a token issued by ${one.url}: ${JSON.stringify(me.body)}`);
    }

    const refreshed = await two.request('/api/v1/auth/refresh', { method: 'POST', headers: { cookie: session.cookie } });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const token = refreshed.body.accessToken as string;
    const rotated = refreshCookie(refreshed.headers);
    assert.notEqual(rotated, session.cookie, 'the refresh token is rotated');
    // Replayed once its grace is over (in the last test), the first token ends the whole sign-in.
    rotatedSession = { first: session.cookie, rotated, at: Date.now() };

    const invoiceId = await invoice(two, 12_500);
    const paid = await pay(three, token, { allocations: [{ invoiceId, amount: 12_500 }], paymentMethod: { type: 'card', token: await three.cardToken() } });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    assert.equal(paid.body.payment.status, 'succeeded');
    const seen = await one.request(`/api/v1/payments/${paid.body.payment.id}`, { token });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.status, 'succeeded');
    const settled = await two.request(`/api/v1/invoices/${invoiceId}`, { token });
    assert.equal(settled.body.status, 'paid');
  });

  it('uploads a file on one instance and downloads the same bytes from another', async () => {
    const { token } = await signIn(two);
    const bytes = pdfBytes('Fleet engagement letter');
    const keysBefore = await fleet.s3!.keys();
    const uploaded = await fetch(`${two.url}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new Uint8Array(multipart([{ name: 'file', fileName: 'Engagement letter.pdf', contentType: 'application/pdf', data: bytes }])),
    });
    const file = await uploaded.json();
    assert.equal(uploaded.status, 201, JSON.stringify(file));
    assert.equal((await fleet.s3!.keys()).length, keysBefore.length + 1, 'the bytes went to the bucket');

    for (const instance of [three, one]) {
      const download = await fetch(`${instance.url}/api/v1/files/${file.id}/content`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(download.status, 200, `${instance.url}: ${await download.clone().text()}`);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
    }
  });

  it('counts wrong passwords across the three instances: the limit comes at the same total as on one', async () => {
    const attempt = (instance: ServiceProcess, guess: string) =>
      instance.request('/api/v1/auth/login', { body: { firm: 'demo', email: 'jordan@example.com', password: guess } });
    // The account's limit is 8 failures in 15 minutes, wherever they land.
    for (let i = 0; i < 8; i += 1) {
      const instance = fleet.instances[i % 3]!;
      const reply = await attempt(instance, `wrong guess ${i}`);
      assert.equal(reply.status, 401, `attempt ${i + 1} on ${instance.url}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, 'invalid_credentials');
    }
    for (const instance of fleet.instances) {
      const locked = await attempt(instance, password);
      assert.equal(locked.status, 429, `${instance.url}: ${JSON.stringify(locked.body)}`);
      assert.equal(locked.body.code, 'rate_limited');
    }
  });

  it('settles a bank debit once while every instance runs workers and settles at the same moment', async () => {
    const { token } = await signIn(one);
    const invoiceId = await invoice(one, 20_000);
    const paid = await pay(two, token, {
      allocations: [{ invoiceId, amount: 20_000 }],
      paymentMethod: { type: 'us_bank_account', token: await bankToken(two) },
      mandate: { accepted: true },
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const payment = paid.body.payment as Payment;
    assert.equal(payment.status, 'processing');

    // Each instance moves the shared sandbox clock past the settlement date and settles what is
    // due, all at once: three settlement runs race for the one debit.
    const advanced = await Promise.all(fleet.instances.map((instance) => instance.request('/dev/sandbox/clock/advance', { body: { days: 5 } })));
    for (const reply of advanced) assert.equal(reply.status, 200, JSON.stringify(reply.body));

    await until('the debit has settled and its emails are out', async () => {
      const seen = await three.request(`/api/v1/payments/${payment.id}`, { token });
      if (seen.body.status !== 'succeeded') return undefined;
      return (await unfinishedJobsFor(payment)) === 0 && (await receiptsFor(payment)) > 0 ? true : undefined;
    });
    assert.equal(await count`SELECT COUNT(*) AS n FROM payment_events WHERE payment_id = ${payment.id} AND status = 'succeeded'`, 1, 'one succeeded event');
    assert.equal(
      await count`SELECT COUNT(*) AS n FROM jobs WHERE kind = 'payments.processor_event' AND payload LIKE ${`%${payment.id}%`}`,
      1,
      'one settlement event job',
    );
    assert.equal(await receiptsFor(payment), 1, 'one receipt email');
    for (const instance of fleet.instances) {
      const seen = await instance.request(`/api/v1/payments/${payment.id}`, { token });
      assert.equal(seen.body.status, 'succeeded');
    }
  });

  it('reports not ready while the bucket is down, and alive all along', async () => {
    await fleet.s3!.stop();
    try {
      for (const instance of fleet.instances) {
        const ready = await instance.request('/readyz');
        assert.equal(ready.status, 503, `${instance.url}/readyz with the bucket down: ${JSON.stringify(ready.body)}`);
        assert.match(ready.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(ready.body.code, 'not_ready');
        assert.equal(ready.body.checks.database, 'ok', 'the database still answers');
        assert.notEqual(ready.body.checks.files, 'ok', 'the store is what fails');
        const live = await instance.request('/healthz');
        assert.equal(live.status, 200, `${instance.url}/healthz with the bucket down`);
      }
    } finally {
      await fleet.s3!.start();
    }
    for (const instance of fleet.instances) {
      await until(`${instance.url} is ready again`, async () => ((await instance.request('/readyz')).status === 200 ? true : undefined));
    }
  });

  it("finishes the killed instance's checkout on the others: recorded once, and the retry gets that payment", async (t) => {
    assert.ok(interrupted, 'the checkout was interrupted');
    const { key, body, invoiceId, killedAt } = interrupted;
    // Settled by the recovery sweep (every 30 s, on whichever instance takes it) once the lease has run out.
    const waited = Date.now();
    await until(
      'the interrupted checkout is settled',
      async () => ((await count`SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = ${key} AND state = 'done'`) === 1 ? true : undefined),
      checkoutLeaseMs + 45_000,
      250,
    );
    t.diagnostic(`settled ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (waited ${((Date.now() - waited) / 1000).toFixed(1)} s here)`);

    const { token } = await signIn(two);
    const retry = await pay(two, token, body, key);
    assert.equal(retry.status, 201, JSON.stringify(retry.body));
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    const payment = retry.body.payment as Payment;
    assert.equal(payment.status, 'succeeded', 'the charge was found at the processor, not made again');
    assert.equal(await count`SELECT COUNT(*) AS n FROM payment_allocations WHERE invoice_id = ${invoiceId}`, 1, 'one payment for the invoice');
    assert.equal(await count`SELECT COUNT(*) AS n FROM sandbox_charges WHERE metadata LIKE ${`%${payment.id}%`}`, 1, 'one charge');
    const settled = await one.request(`/api/v1/invoices/${invoiceId}`, { token });
    assert.equal(settled.body.status, 'paid');
    assert.equal(settled.body.openBalance, 0);
    await until('its receipt is out', async () => ((await unfinishedJobsFor(payment)) === 0 && (await receiptsFor(payment)) > 0 ? true : undefined));
    assert.equal(await receiptsFor(payment), 1, 'one receipt email');
  });

  it('ends a sign-in on every instance when a rotated refresh token is replayed on one of them', async () => {
    assert.ok(rotatedSession, 'a sign-in was refreshed');
    const { first, rotated, at } = rotatedSession;
    // The grace for a second tab refreshing at the same moment has passed while the checkout was recovered.
    assert.ok(Date.now() - at > refreshReuseGraceMs, 'the reuse grace is over');
    const replayed = await three.request('/api/v1/auth/refresh', { method: 'POST', headers: { cookie: first } });
    assert.equal(replayed.status, 401, JSON.stringify(replayed.body));
    assert.equal(replayed.body.code, 'refresh_reused');
    const current = await one.request('/api/v1/auth/refresh', { method: 'POST', headers: { cookie: rotated } });
    assert.equal(current.status, 401, `the family is revoked for every instance: ${JSON.stringify(current.body)}`);
  });
});
