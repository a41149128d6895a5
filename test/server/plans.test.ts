/**
 * Payment plans: a client splits an open invoice into instalments; the job queue charges each on
 * its date by the sandbox processor's clock, reminds 3 days before, tells the client after,
 * retries a failure once 3 days later and then stops the plan and tells both sides. Cancelling
 * revokes the authorization, which the firm can export.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertProblem, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { removeDataDir } from './helpers/engine.ts';
import { ServiceProcess } from './helpers/service-process.ts';
import { loopbackPublicUrl, startTestService, type TestService } from './helpers/service.ts';

describe('payment plans (sandbox processor)', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;
  let jordan: string;

  before(async () => {
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    const patched = await kit.admin('/settings', {
      method: 'PATCH',
      body: { settings: { inboxEmail: 'billing@hale.example', plans: { enabled: true, maxInstalments: 6, minInstalment: 1_000 } } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    alex = (await svc.login('alex@example.com')).token;
    jordan = (await svc.login('jordan@example.com')).token;
  });
  after(() => svc.close());

  const plan = (token: string, body: unknown) => svc.request('/api/v1/plans', { token, body });
  const proposal = async (invoiceId: string, dates: string[], method?: unknown) => ({
    invoiceId,
    dates,
    paymentMethod: method ?? { type: 'card', token: await kit.cardToken() },
    authorization: { accepted: true, version: 'plan-2026-12' },
  });
  const plansOf = async (token: string, invoiceId: string) => {
    const reply = await svc.request(`/api/v1/plans?invoiceId=${invoiceId}`, { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.data as any[];
  };

  it('offers the firm’s limits and previews the schedule with the recurring card authorization', async () => {
    const options = await svc.request('/api/v1/plans/options', { token: alex });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.deepEqual(options.body, { enabled: true, maxInstalments: 6, minInstalment: 1_000, earliest: '2026-03-02', latest: '2026-09-02' });

    const invoice = await kit.invoice({ amount: 10_000 });
    const { authorization: _, ...body } = await proposal(invoice.id, ['2026-03-10', '2026-04-10', '2026-05-10']);
    const preview = await svc.request('/api/v1/plans/preview', { token: alex, body });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(
      preview.body.instalments.map((i: { amount: number }) => i.amount),
      [3_334, 3_333, 3_333],
      'the amounts add up to the balance exactly',
    );
    assert.match(preview.body.authorization.text, /charge my Visa ending in 4242 in 3 recurring payments totalling \$100\.00/);
    assert.match(preview.body.authorization.text, /\$33\.34 on March 10, 2026/);
    assert.match(preview.body.authorization.text, /revoke/);
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM payment_plans`, 0, 'a preview stores nothing');
  });

  it('words a bank debit plan as the NACHA recurring WEB authorization, with the account’s last 4', async () => {
    const invoice = await kit.invoice({ amount: 20_000 });
    const body = await proposal(invoice.id, ['2026-03-05', '2026-04-05'], { type: 'us_bank_account', token: await kit.bankToken() });
    const created = await plan(alex, body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const text: string = created.body.authorization.text;
    assert.match(text, /electronically debit my checking account at .+ ending in 6789 in 2 recurring payments totalling \$200\.00/);
    assert.match(text, /\$100\.00 on March 5, 2026; \$100\.00 on April 5, 2026/);
    assert.match(text, /revoke this authorization/);
    const [stored] = await svc.query<{
      text: string;
      ip: string | null;
      text_version: string;
    }>`SELECT text, ip, text_version FROM payment_authorizations WHERE id = ${created.body.authorization.id}`;
    assert.equal(stored!.text, text, 'the text is stored word for word');
    assert.equal(stored!.text_version, 'plan-2026-12');
    assert.ok(stored!.ip, 'with the IP it was accepted from');
  });

  it('answers each bad proposal with its own problem', async () => {
    const invoice = await kit.invoice({ amount: 5_000 });
    const dates = (n: number) => Array.from({ length: n }, (_, i) => `2026-0${3 + i}-20`);
    assertProblem(await plan(alex, await proposal(invoice.id, dates(7))), 422, 'too_many_instalments');
    assertProblem(await plan(alex, await proposal(invoice.id, dates(6))), 422, 'instalment_below_minimum');
    assertProblem(await plan(alex, await proposal(invoice.id, ['2026-03-01', '2026-04-01'])), 422, 'plan_date_past');
    assertProblem(await plan(alex, await proposal(invoice.id, ['2026-03-20', '2026-09-03'])), 422, 'plan_date_too_late');
    assertProblem(await plan(alex, await proposal(invoice.id, ['2026-04-20', '2026-03-20'])), 422, 'plan_dates_unordered');
    assertProblem(await plan(alex, await proposal(invoice.id, ['2026-03-20', '2026-04-20'], { savedId: 'spm_not_mine' })), 422, 'saved_method_not_found');
    assertProblem(await plan(jordan, await proposal(invoice.id, ['2026-03-20', '2026-04-20'])), 404, 'not_found');
    const unaccepted = { ...(await proposal(invoice.id, ['2026-03-20', '2026-04-20'])), authorization: { accepted: false, version: 'plan-2026-12' } };
    assertProblem(await plan(alex, unaccepted), 400, 'invalid_request');
    const outdated = { ...(await proposal(invoice.id, ['2026-03-20', '2026-04-20'])), authorization: { accepted: true, version: 'plan-2020-01' } };
    assertProblem(await plan(alex, outdated), 409, 'authorization_outdated');

    const paid = await kit.invoice({ amount: 5_000 });
    assert.equal(
      (await kit.pay(alex, { allocations: [{ invoiceId: paid.id, amount: 5_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } })).status,
      201,
    );
    assertProblem(await plan(alex, await proposal(paid.id, ['2026-03-20', '2026-04-20'])), 422, 'invoice_not_open');

    assert.equal((await plan(alex, await proposal(invoice.id, ['2026-03-20', '2026-04-20']))).status, 201);
    assertProblem(await plan(alex, await proposal(invoice.id, ['2026-03-21', '2026-04-21'])), 409, 'plan_exists');
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM payment_plans WHERE invoice_id = ${invoice.id}`, 1);
  });

  it('refuses plans when the firm does not offer them', async () => {
    const sam = (await svc.login('sam@example.com', 'north')).token;
    const reply = await svc.request('/api/v1/plans', {
      token: sam,
      body: {
        invoiceId: 'inv_x',
        dates: ['2026-03-20', '2026-04-20'],
        paymentMethod: { savedId: 'spm_x' },
        authorization: { accepted: true, version: 'plan-2026-12' },
      },
    });
    assertProblem(reply, 403, 'plans_disabled');
  });

  it('reminds 3 days before, charges on the date through the checkout, and tells the client after', async () => {
    const invoice = await kit.invoice({ amount: 30_000 });
    const created = await plan(alex, await proposal(invoice.id, ['2026-03-10', '2026-04-10', '2026-05-10']));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.nextCharge, { on: '2026-03-10', amount: 10_000 });
    const planId = created.body.id;
    const reminders = async () => (await kit.emails('alex@example.com', 'plan_reminder')).filter((e) => e.subject.includes('$100.00'));
    const before = (await reminders()).length;

    await kit.advanceSandboxDays(4); // 03-06: four days ahead, no reminder yet
    assert.equal((await reminders()).length, before);
    await kit.advanceSandboxDays(1); // 03-07: three days ahead
    assert.equal((await reminders()).length, before + 1, 'reminded three days before');
    assert.equal((await plansOf(alex, invoice.id))[0].instalments[0].status, 'scheduled', 'not charged before its date');

    await kit.advanceSandboxDays(3); // 03-10: charged
    const [current] = await plansOf(alex, invoice.id);
    const first = current.instalments[0];
    assert.equal(first.status, 'paid');
    assert.ok(first.paymentId);
    assert.deepEqual(current.nextCharge, { on: '2026-04-10', amount: 10_000 });
    const payment = await svc.request(`/api/v1/payments/${first.paymentId}`, { token: alex });
    assert.equal(payment.body.status, 'succeeded');
    assert.equal(payment.body.amount, 10_000);
    assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 20_000);
    const paidEmails = (await kit.emails('alex@example.com', 'plan_instalment_paid')).filter((e) => e.subject.includes('1 of 3'));
    assert.equal(paidEmails.length, 1, 'the client hears of the charge');
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM sandbox_charges c JOIN payments p ON p.processor_ref = c.id WHERE p.id = ${first.paymentId}`, 1);

    // A payment by hand comes off the last instalments first: 15,000 leaves 10,000 + 5,000.
    assert.equal(
      (await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 15_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } })).status,
      201,
    );
    const reduced = (await plansOf(alex, invoice.id))[0];
    assert.deepEqual(
      reduced.instalments.map((i: { amount: number }) => i.amount),
      [10_000, 5_000, 0],
    );

    await kit.advanceSandboxDays(31); // 04-10
    await kit.advanceSandboxDays(30); // 05-10: nothing left to charge
    const done = (await plansOf(alex, invoice.id))[0];
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.deepEqual(
      done.instalments.map((i: { status: string }) => i.status),
      ['paid', 'paid', 'skipped'],
    );
    assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM payment_plans WHERE id = ${planId} AND status = 'completed'`, 1);
  });

  it('retries a failed charge once 3 days later, then stops the plan and tells the client and the firm', async () => {
    const clock = await svc.request('/dev/sandbox/clock');
    const today: string = clock.body.now.slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const invoice = await kit.invoice({ amount: 8_000 });
    const created = await plan(alex, await proposal(invoice.id, [shift(1), shift(31)], { type: 'card', token: await kit.cardToken(testCard.declined) }));
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await kit.advanceSandboxDays(1);
    let [current] = await plansOf(alex, invoice.id);
    assert.equal(current.instalments[0].status, 'scheduled');
    assert.equal(current.instalments[0].attempts, 1);
    assert.equal(current.instalments[0].attemptOn, shift(4), 'tried again 3 days later');
    assert.match(current.instalments[0].lastError, /declined/i);
    assert.equal((await kit.emails('alex@example.com', 'plan_instalment_failed')).filter((e) => e.subject.includes('$40.00')).length, 1);

    await kit.advanceSandboxDays(3);
    [current] = await plansOf(alex, invoice.id);
    assert.equal(current.status, 'stopped');
    assert.equal(current.endedReason, 'charge_failed');
    assert.deepEqual(
      current.instalments.map((i: { status: string }) => i.status),
      ['failed', 'cancelled'],
    );
    assert.ok(current.authorization.revokedAt, 'a stopped plan’s authorization is revoked');
    assert.equal(current.instalments[0].attempts, 2);
    assert.equal((await kit.emails('alex@example.com', 'plan_stopped')).length, 1, 'the client is told');
    assert.equal((await kit.emails('billing@hale.example', 'firm_plan_stopped')).length, 1, 'the firm is told');
    assert.equal(
      await kit.count`SELECT COUNT(*) AS n FROM payments p JOIN payment_allocations a ON a.payment_id = p.id WHERE a.invoice_id = ${invoice.id}`,
      2,
      'two attempts, no more',
    );
    await kit.advanceSandboxDays(5);
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM payments p JOIN payment_allocations a ON a.payment_id = p.id WHERE a.invoice_id = ${invoice.id}`, 2);
  });

  it('cancels: nothing more is charged, the authorization is revoked and exported', async () => {
    const clock = await svc.request('/dev/sandbox/clock');
    const today: string = clock.body.now.slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const invoice = await kit.invoice({ amount: 9_000 });
    const created = await plan(alex, await proposal(invoice.id, [shift(2), shift(32)]));
    assert.equal(created.status, 201);
    assertProblem(await svc.request(`/api/v1/plans/${created.body.id}/cancel`, { token: jordan, method: 'POST' }), 404, 'not_found');
    const cancelled = await svc.request(`/api/v1/plans/${created.body.id}/cancel`, { token: alex, method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.endedReason, 'cancelled_by_client');
    assert.ok(cancelled.body.authorization.revokedAt);
    assert.equal(cancelled.body.nextCharge, null);
    assertProblem(await svc.request(`/api/v1/plans/${created.body.id}/cancel`, { token: alex, method: 'POST' }), 409, 'plan_not_active');
    assert.equal((await kit.emails('alex@example.com', 'plan_cancelled')).length >= 1, true);
    await kit.advanceSandboxDays(3);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 0, 'nothing charged after cancelling');

    const csv = await kit.admin('/plans/authorizations/export');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const line = (csv.body as string).split('\r\n').find((row) => row.startsWith(cancelled.body.authorization.id));
    assert.ok(line, 'the authorization is in the export');
    assert.match(line!, /contact:/, 'with who revoked it');
  });

  it('lets the firm list and cancel a client’s plan', async () => {
    const options = await svc.request('/api/v1/plans/options', { token: alex });
    const invoice = await kit.invoice({ amount: 4_000 });
    const created = await plan(alex, await proposal(invoice.id, [options.body.earliest, options.body.latest]));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const listed = await kit.admin(`/plans?invoiceId=${invoice.id}`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.data.length, 1);
    assert.equal(listed.body.data[0].contactId, svc.fixtures.alex.id);
    const other = await svc.request(`/api/v1/admin/plans/${created.body.id}/cancel`, { method: 'POST', token: svc.fixtures.otherFirmKey });
    assertProblem(other, 404, 'not_found');
    const cancelled = await kit.admin(`/plans/${created.body.id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.endedReason, 'cancelled_by_firm');
    assert.ok(cancelled.body.authorization.revokedAt);
  });

  it('settles a bank debit instalment when the debit settles', async () => {
    const clock = await svc.request('/dev/sandbox/clock');
    const today: string = clock.body.now.slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const invoice = await kit.invoice({ amount: 12_000 });
    const created = await plan(
      alex,
      await proposal(invoice.id, [shift(1), shift(20)], { type: 'us_bank_account', token: await kit.bankToken(testAccount.succeeds) }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await kit.advanceSandboxDays(1);
    assert.equal((await plansOf(alex, invoice.id))[0].instalments[0].status, 'processing');
    const [mandate] = await svc.query<{
      text: string;
    }>`SELECT m.text FROM payment_mandates m JOIN plan_instalments i ON i.payment_id = m.payment_id WHERE i.plan_id = ${created.body.id}`;
    assert.equal(mandate!.text, created.body.authorization.text, 'the debit carries the recurring authorization');
    await kit.advanceSandboxDays(7);
    assert.equal((await plansOf(alex, invoice.id))[0].instalments[0].status, 'paid');
  });
});

describe('a plan charge killed between the charge and its record', () => {
  let dataDir: string;
  let service: ServiceProcess;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-plan-crash-'));
    service = await ServiceProcess.create(dataDir);
  });
  after(async () => {
    await service.kill().catch(() => undefined);
    await removeDataDir(dataDir);
  });

  it('charges once: the restart settles the checkout and the job records it', async () => {
    await service.start({ crashAt: 'checkout.charged' });
    const token = await service.login();
    const list = await service.request('/api/v1/invoices?status=unpaid', { token });
    const invoice = (list.body.data as { id: string; openBalance: number }[]).find((candidate) => candidate.openBalance >= 20_000);
    assert.ok(invoice, 'the demo client has an open invoice');
    const options = await service.request('/api/v1/plans/options', { token });
    const start: string = options.body.earliest;
    const shift = (days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const created = await service.request('/api/v1/plans', {
      token,
      body: {
        invoiceId: invoice.id,
        dates: [shift(2), shift(32)],
        paymentMethod: { type: 'card', token: await service.cardToken() },
        authorization: { accepted: true, version: 'plan-2026-12' },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await assert.rejects(service.request('/dev/sandbox/clock/advance', { body: { days: 2 } }), 'the process dies at the charge');
    assert.equal((await service.exited()).signal, 'SIGKILL');

    await service.start();
    const again = await service.login();
    const deadline = Date.now() + 20_000;
    let instalment: { status: string; paymentId: string | null } | undefined;
    while (Date.now() < deadline) {
      const plans = await service.request(`/api/v1/plans?invoiceId=${invoice.id}`, { token: again });
      instalment = plans.body.data[0].instalments[0];
      if (instalment!.status === 'paid') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(instalment?.status, 'paid', JSON.stringify(instalment));
    const payments = await service.request(`/api/v1/payments?limit=100`, { token: again });
    const charged = (payments.body.data as { id: string; allocations: { invoiceId: string }[] }[]).filter((p) =>
      p.allocations.some((a) => a.invoiceId === invoice.id),
    );
    assert.equal(charged.length, 1, 'one payment for the instalment');
    await service.stop();
  });
});
