/**
 * The mail server down: no answer about money changes, nothing is charged or reserved twice, and
 * every email goes out once the server is back.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { freePort } from './helpers/cli.ts';
import { paymentKit, type PaymentKit } from './helpers/payments.ts';
import { startTestService, type TestService } from './helpers/service.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

describe('with the mail server down', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let smtpPort: number;
  let smtp: TestSmtpServer | undefined;
  let alex: string;

  before(async () => {
    smtpPort = await freePort();
    // A loopback address, where the development pages (the job queue's) are served.
    svc = await startTestService({ env: { MAIL: 'smtp', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'http://localhost:8787' } });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
  });
  after(async () => {
    await svc.close();
    await smtp?.close();
  });

  const mailJobs = (states: ('pending' | 'done' | 'dead')[]) => svc.services.jobs.store.list({ states, kind: 'mail.send', limit: 500 });

  it('a card payment answers 201, and its retries replay it without reserving again', async () => {
    const invoice = await kit.invoice({ amount: 7_000 });
    const key = randomUUID();
    const body = { allocations: [{ invoiceId: invoice.id, amount: 7_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } };
    const payments = await kit.rows.payments();
    const first = await kit.pay(alex, body, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.payment.status, 'succeeded');
    for (let i = 0; i < 3; i += 1) {
      const again = await kit.pay(alex, body, key);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body.payment, first.body.payment);
    }
    assert.equal(await kit.rows.payments(), payments + 1, 'one payment');
    const after = await kit.invoiceAs(alex, invoice.id);
    assert.equal(after.status, 'paid');
    assert.equal(after.amountPending, 0, 'nothing held');

    await svc.services.jobs.drain();
    const waiting = (await mailJobs(['pending'])).filter((job) => (job.payload as { kind: string }).kind === 'receipt');
    assert.equal(waiting.length, 1, 'the receipt waits to be sent');
    assert.equal(waiting[0]!.attempts, 1);
    assert.match(waiting[0]!.lastError ?? '', /127\.0\.0\.1/);
    assert.deepEqual(
      (await svc.services.jobs.store.attempts(waiting[0]!.id)).map((attempt) => attempt.attempt),
      [1],
    );
  });

  it('a password reset answers the same for an account and for no account, mail or no mail', async () => {
    const ask = (email: string) => svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email } });
    const known = await ask('jordan@example.com');
    const unknown = await ask('nobody@example.com');
    assert.equal(known.status, 202, JSON.stringify(known.body));
    assert.equal(unknown.status, known.status);
    assert.deepEqual(unknown.body, known.body);
    await svc.services.jobs.drain();
    const resets = (await mailJobs(['pending'])).filter((job) => (job.payload as { kind: string }).kind === 'password_reset');
    assert.deepEqual(
      resets.map((job) => (job.payload as { to: string }).to),
      ['jordan@example.com'],
      'only the account that exists gets an email, queued until the server is back',
    );
  });

  it('the development job queue page lists what waits, with its error', async () => {
    const reply = await svc.request('/dev/jobs');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const receipt = reply.body.data.find((job: { summary?: string }) => /receipt/i.test(job.summary ?? ''));
    assert.ok(receipt, JSON.stringify(reply.body.data));
    assert.equal(receipt.state, 'pending');
    assert.match(receipt.lastError, /127\.0\.0\.1/);
    assert.ok(reply.body.counts.pending >= 2);
    const notDead = await svc.request(`/dev/jobs/${receipt.id}/retry`, { method: 'POST' });
    assert.equal(notDead.status, 409, 'only a dead job is retried');
  });

  it('every waiting email goes out once the server is back', async () => {
    const waiting = await mailJobs(['pending']);
    assert.ok(waiting.length >= 2, 'the invoice and the receipt');
    smtp = await startSmtpServer({ port: smtpPort });
    svc.clock.advance(60 * 60_000);
    await svc.services.jobs.drain();
    assert.equal((await mailJobs(['pending', 'dead'])).length, 0);
    const subjects = smtp.received.map((mail) => mail.subject);
    assert.equal(smtp.received.length, waiting.length, subjects.join('; '));
    assert.ok(
      smtp.received.some((mail) => /receipt/i.test(mail.subject)),
      subjects.join('; '),
    );
    for (const mail of smtp.received) assert.match(mail.headers.get('message-id') ?? '', /^<job_/, 'a stable Message-ID');
  });
});
