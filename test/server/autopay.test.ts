/**
 * Autopay: a client turns it on for a matter with a saved method and the recurring authorization;
 * each invoice the firm publishes for that matter afterwards is charged on its due date by the
 * sandbox processor's clock, reminded 3 days before and told after; a failure is retried once 3
 * days later and then given up with both sides told. Turning it off revokes the authorization,
 * which the firm's CSV export keeps.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { autopayCancelledEmail } from '../../server/src/plans/autopay.emails.ts';
import { runCli } from './helpers/cli.ts';
import { removeDataDir } from './helpers/engine.ts';
import { assertProblem, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { ServiceProcess } from './helpers/service-process.ts';
import { loopbackPublicUrl, startTestService, type TestService } from './helpers/service.ts';

describe('autopay (sandbox processor)', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;
  let jordan: string;
  let counter = 0;

  before(async () => {
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    const patched = await kit.admin('/settings', {
      method: 'PATCH',
      body: {
        settings: {
          inboxEmail: 'billing@hale.example',
          autopay: { enabled: true },
          plans: { enabled: true, maxInstalments: 6, minInstalment: 1_000 },
        },
      },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(patched.body.settings.autopay, { enabled: true });
    alex = (await svc.login('alex@example.com')).token;
    jordan = (await svc.login('jordan@example.com')).token;
  });
  after(() => svc.close());

  /** The sandbox clock's today moved by `days`. */
  const today = async (days = 0) => {
    const clock = await svc.request('/dev/sandbox/clock');
    return new Date(Date.parse(`${clock.body.now.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  };
  /** An invoice of one flat fee for `matter`, published unless `draft`. */
  const matterInvoice = async (matter: string, amount: number, dueOn: string, options: { contactId?: string; draft?: boolean } = {}) => {
    counter += 1;
    const created = await kit.admin('/invoices', {
      body: {
        contactId: options.contactId ?? svc.fixtures.alex.id,
        number: `AP-${counter}`,
        matter,
        issuedOn: '2026-02-27',
        dueOn,
        lines: [{ kind: 'flat_fee', description: `Work ${counter}`, amount }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    if (options.draft) return created.body as { id: string; number: string };
    const sent = await kit.admin(`/invoices/${created.body.id}/send`, { method: 'POST' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return sent.body as { id: string; number: string };
  };
  const enrolment = async (matter: string, method?: unknown) => ({
    matter,
    paymentMethod: method ?? { type: 'card', token: await kit.cardToken() },
    authorization: { accepted: true, version: 'autopay-2026-12' },
  });
  const enrol = async (token: string, body: unknown) => svc.request('/api/v1/autopay', { token, body });
  /** A matter the client has an invoice for (a matter is known by the invoices that name it). */
  const openMatter = (matter: string) => matterInvoice(matter, 1_000, '2026-12-31');
  /** Opens `matter` for Alex and turns autopay on for it (with a new card unless `method` says otherwise). */
  const enrolledIn = async (matter: string, method?: unknown) => {
    await openMatter(matter);
    const created = await enrol(alex, await enrolment(matter, method));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created;
  };
  const enrolmentOf = async (token: string, id: string) => {
    const reply = await svc.request('/api/v1/autopay', { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return (reply.body.data as any[]).find((candidate) => candidate.id === id);
  };
  /** The "autopay cancelled" email for `matter` (its subject names the matter). */
  const cancelledEmail = async (matter: string) => {
    const emails = (await kit.emails('alex@example.com', 'autopay_cancelled')).filter((e) => e.subject.includes(matter));
    assert.equal(emails.length, 1, `one "autopay cancelled" email for ${matter}`);
    return emails[0]!;
  };
  /**
   * Holds the next autopay charge at the processor's door: the charge job has claimed it
   * (`charging`) and waits there until `release()`, as it would for a slow processor.
   */
  const holdNextAutopayCharge = () => {
    const checkout = svc.services.checkout as unknown as { pay: (this: unknown, ...args: unknown[]) => Promise<unknown> };
    const pay = (Object.getPrototypeOf(checkout) as typeof checkout).pay;
    let reached!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    checkout.pay = async function (this: unknown, ...args: unknown[]) {
      const request = args[0] as { idempotencyKey?: string };
      if (request.idempotencyKey?.startsWith('autopay:')) {
        delete (checkout as Partial<typeof checkout>).pay;
        reached();
        await released;
      }
      return pay.apply(this, args);
    };
    return { started, release, restore: () => delete (checkout as Partial<typeof checkout>).pay };
  };

  it('lists the client’s matters, words a bank debit as the NACHA recurring WEB authorization, and stores it', async () => {
    const earlier = await matterInvoice('Estate of Morgan', 12_000, await today(10));
    const matters = await svc.request('/api/v1/autopay/matters', { token: alex });
    assert.equal(matters.status, 200, JSON.stringify(matters.body));
    assert.equal(matters.body.enabled, true);
    assert.deepEqual(
      matters.body.data.find((row: { matter: string }) => row.matter === 'Estate of Morgan'),
      { matter: 'Estate of Morgan', enrolmentId: null },
    );

    const { authorization: _, ...proposal } = await enrolment('Estate of Morgan', { type: 'us_bank_account', token: await kit.bankToken() });
    const preview = await svc.request('/api/v1/autopay/preview', { token: alex, body: proposal });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    const text: string = preview.body.authorization.text;
    assert.match(text, /electronically debit my checking account at .+ ending in 6789 in recurring payments/);
    assert.match(text, /balance of each invoice .+ issues to me for the matter “Estate of Morgan”/);
    assert.match(text, /due date/);
    assert.match(text, /revoke this authorization at any time by turning autopay off/);
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM autopay_enrolments`, 0, 'a preview stores nothing');

    const created = await enrol(alex, await enrolment('Estate of Morgan', { type: 'us_bank_account', token: await kit.bankToken() }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'active');
    assert.deepEqual(created.body.method, { type: 'us_bank_account', brand: created.body.method.brand, last4: '6789' });
    assert.deepEqual(created.body.charges, [], 'an invoice published before autopay was turned on is not charged by it');
    const [stored] = await svc.query<{
      text: string;
      ip: string | null;
      purpose: string;
      text_version: string;
    }>`SELECT text, ip, purpose, text_version FROM payment_authorizations WHERE id = ${created.body.authorization.id}`;
    assert.equal(stored!.text, created.body.authorization.text, 'the text is stored word for word');
    assert.equal(stored!.purpose, 'autopay');
    assert.equal(stored!.text_version, 'autopay-2026-12');
    assert.ok(stored!.ip, 'with the IP it was accepted from');
    const after = await svc.request('/api/v1/autopay/matters', { token: alex });
    assert.equal(after.body.data.find((row: { matter: string }) => row.matter === 'Estate of Morgan').enrolmentId, created.body.id);
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM autopay_charges WHERE invoice_id = ${earlier.id}`, 0);
  });

  it('answers each bad enrolment with its own problem', async () => {
    await matterInvoice('Lease review', 5_000, await today(20));
    await matterInvoice('Jordan’s matter', 5_000, await today(20), { contactId: svc.fixtures.jordan.id });
    assertProblem(await enrol(alex, await enrolment('Jordan’s matter')), 422, 'matter_unknown');
    assertProblem(await enrol(alex, await enrolment('No such matter')), 422, 'matter_unknown');
    assertProblem(await enrol(alex, await enrolment('Lease review', { savedId: 'spm_not_mine' })), 422, 'saved_method_not_found');
    const unaccepted = { ...(await enrolment('Lease review')), authorization: { accepted: false, version: 'autopay-2026-12' } };
    assertProblem(await enrol(alex, unaccepted), 400, 'invalid_request');
    const outdated = { ...(await enrolment('Lease review')), authorization: { accepted: true, version: 'autopay-2020-01' } };
    assertProblem(await enrol(alex, outdated), 409, 'authorization_outdated');
    const created = await enrol(alex, await enrolment('Lease review'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertProblem(await enrol(alex, await enrolment('Lease review')), 409, 'autopay_exists');
    assertProblem(await svc.request(`/api/v1/autopay/${created.body.id}/cancel`, { token: jordan, method: 'POST' }), 404, 'not_found');

    const sam = (await svc.login('sam@example.com', 'north')).token;
    assertProblem(
      await enrol(sam, { matter: 'Anything', paymentMethod: { savedId: 'spm_x' }, authorization: { accepted: true, version: 'autopay-2026-12' } }),
      403,
      'autopay_disabled',
    );
  });

  it('charges an invoice published after enrolment on its due date, reminding 3 days before and telling the client after', async () => {
    const created = await enrolledIn('Smith v. Jones');
    const dueOn = await today(5);
    const invoice = await matterInvoice('Smith v. Jones', 25_000, dueOn);
    const other = await matterInvoice('Another matter', 7_000, dueOn);
    let current = await enrolmentOf(alex, created.body.id);
    assert.equal(current.charges.length, 1, 'only the enrolled matter’s invoice is scheduled');
    assert.deepEqual(
      { invoiceId: current.charges[0].invoiceId, chargeOn: current.charges[0].chargeOn, status: current.charges[0].status, amount: current.charges[0].amount },
      { invoiceId: invoice.id, chargeOn: dueOn, status: 'scheduled', amount: 25_000 },
    );
    assert.deepEqual(current.nextCharge, { invoiceId: invoice.id, invoiceNumber: invoice.number, on: dueOn, amount: 25_000 });
    const reminders = async () => (await kit.emails('alex@example.com', 'autopay_reminder')).filter((e) => e.subject.includes('$250.00'));

    await kit.advanceSandboxDays(1); // four days ahead
    assert.equal((await reminders()).length, 0);
    await kit.advanceSandboxDays(1); // three days ahead
    assert.equal((await reminders()).length, 1, 'reminded three days before');
    assert.equal((await enrolmentOf(alex, created.body.id)).charges[0].status, 'scheduled', 'not charged before its date');

    await kit.advanceSandboxDays(3); // the due date
    current = await enrolmentOf(alex, created.body.id);
    const [charge] = current.charges;
    assert.equal(charge.status, 'paid', JSON.stringify(charge));
    assert.equal(charge.amount, 25_000);
    assert.equal(current.nextCharge, null);
    const payment = await svc.request(`/api/v1/payments/${charge.paymentId}`, { token: alex });
    assert.equal(payment.body.status, 'succeeded');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
    assert.equal((await kit.emails('alex@example.com', 'autopay_paid')).filter((e) => e.subject.includes('$250.00')).length, 1, 'the client hears of it');
    assert.equal(await kit.rows.paymentsFor(other.id), 0, 'another matter’s invoice is left alone');
    await kit.advanceSandboxDays(4);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 1, 'charged once');
  });

  it('retries a failed charge once 3 days later, then gives the invoice up and tells the client and the firm', async () => {
    const created = await enrolledIn('Declined matter', { type: 'card', token: await kit.cardToken(testCard.declined) });
    const invoice = await matterInvoice('Declined matter', 6_000, await today(1));

    await kit.advanceSandboxDays(1);
    let [charge] = (await enrolmentOf(alex, created.body.id)).charges;
    assert.equal(charge.status, 'scheduled');
    assert.equal(charge.attempts, 1);
    assert.equal(charge.attemptOn, await today(3), 'tried again 3 days later');
    assert.match(charge.lastError, /declined/i);
    assert.equal((await kit.emails('alex@example.com', 'autopay_failed')).filter((e) => e.subject.includes('$60.00')).length, 1);

    await kit.advanceSandboxDays(3);
    const current = await enrolmentOf(alex, created.body.id);
    [charge] = current.charges;
    assert.equal(charge.status, 'failed');
    assert.equal(charge.attempts, 2);
    assert.equal(current.status, 'active', 'autopay stays on for the matter’s next invoices');
    assert.equal((await kit.emails('alex@example.com', 'autopay_stopped')).filter((e) => e.subject.includes(invoice.number)).length, 1, 'the client is told');
    assert.equal(
      (await kit.emails('billing@hale.example', 'firm_autopay_stopped')).filter((e) => e.subject.includes(invoice.number)).length,
      1,
      'the firm is told',
    );
    assert.equal(await kit.rows.paymentsFor(invoice.id), 2, 'two attempts, no more');
    await kit.advanceSandboxDays(5);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 2);
  });

  it('skips an invoice paid by hand and one put on a payment plan', async () => {
    const created = await enrolledIn('Skipped matter');
    const paidByHand = await matterInvoice('Skipped matter', 4_000, await today(2));
    const onPlan = await matterInvoice('Skipped matter', 9_000, await today(2));
    assert.equal(
      (await kit.pay(alex, { allocations: [{ invoiceId: paidByHand.id, amount: 4_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } }))
        .status,
      201,
    );
    const plan = await svc.request('/api/v1/plans', {
      token: alex,
      body: {
        invoiceId: onPlan.id,
        dates: [await today(10), await today(40)],
        paymentMethod: { type: 'card', token: await kit.cardToken() },
        authorization: { accepted: true, version: 'plan-2026-12' },
      },
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    await kit.advanceSandboxDays(2);
    const charges = (await enrolmentOf(alex, created.body.id)).charges as { invoiceId: string; status: string; lastError: string }[];
    const byInvoice = (id: string) => charges.find((charge) => charge.invoiceId === id)!;
    assert.equal(byInvoice(paidByHand.id).status, 'skipped');
    assert.equal(byInvoice(onPlan.id).status, 'skipped');
    assert.match(byInvoice(onPlan.id).lastError, /payment plan/);
    assert.equal(await kit.rows.paymentsFor(paidByHand.id), 1, 'only the payment by hand');
    assert.equal(await kit.rows.paymentsFor(onPlan.id), 0, 'the plan charges it, on its own dates');
  });

  it('turning autopay off revokes the authorization, cancels what was scheduled, and the export keeps it', async () => {
    const created = await enrolledIn('Cancelled matter');
    const invoice = await matterInvoice('Cancelled matter', 3_000, await today(2));
    const cancelled = await svc.request(`/api/v1/autopay/${created.body.id}/cancel`, { token: alex, method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal(cancelled.body.endedReason, 'cancelled_by_client');
    assert.ok(cancelled.body.authorization.revokedAt);
    assert.equal(cancelled.body.charges[0].status, 'cancelled');
    assert.deepEqual(cancelled.body.chargesUnderWay, [], 'nothing had started');
    assertProblem(await svc.request(`/api/v1/autopay/${created.body.id}/cancel`, { token: alex, method: 'POST' }), 409, 'autopay_not_active');
    const email = await cancelledEmail('Cancelled matter');
    assert.match(email.text, /You turned off autopay for matter Cancelled matter/);
    assert.doesNotMatch(email.text, /already started/, 'no charge under way to tell of');
    await kit.advanceSandboxDays(3);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 0, 'nothing charged after turning it off');
    // A charge job queued before the cancel and run after it (its date has come) charges nothing.
    await svc.services.autopay.charge(cancelled.body.charges[0].id, 1);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 0, 'the job finds the enrolment ended when it claims the charge');
    assert.equal((await enrolmentOf(alex, created.body.id)).charges[0].status, 'cancelled');

    const csv = await kit.admin('/plans/authorizations/export');
    assert.equal(csv.status, 200);
    const [header, ...lines] = (csv.body as string).split('\r\n');
    assert.match(header!, /autopay_id,matter/);
    const line = lines.find((row) => row.startsWith(cancelled.body.authorization.id));
    assert.ok(line, 'the autopay authorization is in the export');
    assert.match(line!, /,autopay,/);
    assert.match(line!, new RegExp(`${created.body.id},Cancelled matter`));
    assert.match(line!, /contact:/, 'with who revoked it');
  });

  it('lets the firm list a client’s enrolments and turn one off', async () => {
    await matterInvoice('Firm cancels', 5_000, await today(30));
    const created = await enrol(alex, await enrolment('Firm cancels', { type: 'us_bank_account', token: await kit.bankToken(testAccount.succeeds) }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const listed = await kit.admin(`/autopay?contactId=${svc.fixtures.alex.id}&status=active`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.ok(listed.body.data.some((row: { id: string }) => row.id === created.body.id));
    assert.ok(listed.body.data.every((row: { contactId: string }) => row.contactId === svc.fixtures.alex.id));
    assertProblem(await svc.request(`/api/v1/admin/autopay/${created.body.id}/cancel`, { method: 'POST', token: svc.fixtures.otherFirmKey }), 404, 'not_found');
    const cancelled = await kit.admin(`/autopay/${created.body.id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.endedReason, 'cancelled_by_firm');
    assert.ok(cancelled.body.authorization.revokedAt);
    assert.deepEqual(cancelled.body.chargesUnderWay, []);
    const email = await cancelledEmail('Firm cancels');
    assert.match(email.text, /turned off autopay for matter Firm cancels/);
    assert.doesNotMatch(email.text, /already started/);
  });

  it('turning autopay off while a charge is being made says so, and the charge still goes through', async () => {
    const created = await enrolledIn('Charge under way');
    const invoice = await matterInvoice('Charge under way', 12_500, await today(1));
    const hold = holdNextAutopayCharge();
    try {
      // The due date: the charge job claims the charge and waits on the processor.
      const advanced = kit.advanceSandboxDays(1);
      await Promise.race([hold.started, advanced.then(() => Promise.reject(new Error('the charge ended without reaching the processor')))]);
      assert.equal((await enrolmentOf(alex, created.body.id)).charges[0].status, 'charging');

      const cancelled = await svc.request(`/api/v1/autopay/${created.body.id}/cancel`, { token: alex, method: 'POST' });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal(cancelled.body.status, 'cancelled');
      assert.deepEqual(cancelled.body.chargesUnderWay, [
        { invoiceId: invoice.id, invoiceNumber: invoice.number, amount: 12_500, currency: 'USD', status: 'charging' },
      ]);
      assert.equal(cancelled.body.charges[0].status, 'charging', 'the charge under way is not cancelled');

      hold.release();
      await advanced;
    } finally {
      hold.release();
      hold.restore();
    }
    // (The outbox is read once every due job has run, the held charge's too.)
    const email = await cancelledEmail('Charge under way');
    assert.match(
      email.text,
      new RegExp(`payment of \\$125\\.00 on invoice ${invoice.number} had already started when autopay was turned off, which does not stop it`),
    );
    assert.match(email.text, /You will get an email once it completes/);
    assert.match(email.html, new RegExp(`\\$125\\.00 on invoice ${invoice.number}`));
    const current = await enrolmentOf(alex, created.body.id);
    assert.equal(current.status, 'cancelled');
    assert.equal(current.charges[0].status, 'paid', JSON.stringify(current.charges[0]));
    assert.deepEqual(current.chargesUnderWay, [], 'nothing under way once it is paid');
    const payment = await svc.request(`/api/v1/payments/${current.charges[0].paymentId}`, { token: alex });
    assert.equal(payment.body.status, 'succeeded');
    assert.equal(payment.body.amount, 12_500);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 1, 'charged once');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
    assert.equal((await kit.emails('alex@example.com', 'autopay_paid')).filter((e) => e.subject.includes('$125.00')).length, 1, 'the receipt follows');
  });

  it('the firm turning autopay off while a bank debit is processing says so, and the debit still settles', async () => {
    const created = await enrolledIn('Debit under way', { type: 'us_bank_account', token: await kit.bankToken(testAccount.succeeds) });
    const invoice = await matterInvoice('Debit under way', 8_000, await today(1));
    await kit.advanceSandboxDays(1);
    const debit = { invoiceId: invoice.id, invoiceNumber: invoice.number, amount: 8_000, currency: 'USD', status: 'processing' };
    assert.deepEqual((await enrolmentOf(alex, created.body.id)).chargesUnderWay, [debit], 'the list shows it too');

    const cancelled = await kit.admin(`/autopay/${created.body.id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.endedReason, 'cancelled_by_firm');
    assert.deepEqual(cancelled.body.chargesUnderWay, [debit]);
    const email = await cancelledEmail('Debit under way');
    assert.match(email.text, /turned off autopay for matter Debit under way/);
    assert.match(email.text, new RegExp(`payment of \\$80\\.00 on invoice ${invoice.number} had already started`));

    await kit.advanceSandboxDays(7);
    const current = await enrolmentOf(alex, created.body.id);
    assert.equal(current.charges[0].status, 'paid', JSON.stringify(current.charges[0]));
    assert.deepEqual(current.chargesUnderWay, []);
    assert.equal((await svc.request(`/api/v1/payments/${current.charges[0].paymentId}`, { token: alex })).body.status, 'succeeded');
    assert.equal((await kit.emails('alex@example.com', 'autopay_paid')).filter((e) => e.subject.includes('$80.00')).length, 1, 'the receipt follows');
  });
});

describe('the "autopay turned off" email', () => {
  const firm = { name: 'Hale & Whitmore LLP', colors: { brand: '#0f5c4d' } };
  const input = { firm, contactName: 'Alex Morgan', matter: 'Estate of Morgan', byFirm: false, link: 'https://portal.example/' };
  const underWay = [{ invoiceNumber: 'INV-1042', amount: 125_000, currency: 'USD' }];

  it('tells of a charge under way in English and in Spanish', () => {
    const english = autopayCancelledEmail({ ...input, underWay });
    assert.match(
      english.text,
      /The payment of \$1,250\.00 on invoice INV-1042 had already started when autopay was turned off, which does not stop it\. You will get an email once it completes\./,
    );
    const spanish = autopayCancelledEmail({ ...input, underWay, language: 'es' });
    assert.match(
      spanish.text,
      /El pago de .*1[.,]250[.,]00.* de la factura INV-1042 ya se había iniciado cuando se desactivó el pago automático, lo que no lo detiene\. Le enviaremos un correo electrónico/,
    );
    assert.match(spanish.html, /INV-1042/);
  });

  it('is as before when nothing was under way', () => {
    assert.deepEqual(autopayCancelledEmail({ ...input, underWay: [] }), autopayCancelledEmail(input));
    assert.doesNotMatch(autopayCancelledEmail({ ...input, language: 'es' }).text, /ya se había iniciado/);
  });
});

describe('an autopay charge killed between the charge and its record', () => {
  let dataDir: string;
  let service: ServiceProcess;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-autopay-crash-'));
    service = await ServiceProcess.create(dataDir);
  });
  after(async () => {
    await service.kill().catch(() => undefined);
    await removeDataDir(dataDir);
  });

  it('charges once: the restart settles the checkout and the job records it', async () => {
    await service.start({ crashAt: 'checkout.charged' });
    const token = await service.login();
    const matter = 'Estate of Eleanor Morgan (2025-0388)';
    const enrolled = await service.request('/api/v1/autopay', {
      token,
      body: { matter, paymentMethod: { type: 'card', token: await service.cardToken() }, authorization: { accepted: true, version: 'autopay-2026-12' } },
    });
    assert.equal(enrolled.status, 201, JSON.stringify(enrolled.body));

    const created = await runCli(['apikey', 'create', '--firm', 'demo'], { DATA_DIR: dataDir });
    const key = created.stdout.match(/pk_[A-Za-z0-9_-]+/)?.[0];
    assert.ok(key, created.stdout + created.stderr);
    const contacts = await service.request('/api/v1/admin/contacts?q=alex%40example.com', { token: key });
    const contactId = (contacts.body.data as { id: string; email: string }[]).find((contact) => contact.email === 'alex@example.com')!.id;
    // The demo firm's date, in its time zone (Los Angeles): from 00:00 to 08:00 UTC the UTC date is a day ahead.
    const { timeZone } = (await service.request('/api/v1/admin/settings', { token: key })).body.settings as { timeZone: string };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date((await service.request('/dev/sandbox/clock')).body.now));
    const dueOn = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const invoice = await service.request('/api/v1/admin/invoices', {
      token: key,
      body: { contactId, number: 'AP-CRASH-1', matter, issuedOn: today, dueOn, lines: [{ kind: 'flat_fee', description: 'Filing', amount: 31_000 }] },
    });
    assert.equal(invoice.status, 201, JSON.stringify(invoice.body));
    assert.equal((await service.request(`/api/v1/admin/invoices/${invoice.body.id}/send`, { method: 'POST', token: key })).status, 200);

    await assert.rejects(service.request('/dev/sandbox/clock/advance', { body: { days: 2 } }), 'the process dies at the charge');
    assert.equal((await service.exited()).signal, 'SIGKILL');

    await service.start();
    const again = await service.login();
    const deadline = Date.now() + 20_000;
    let charge: { status: string; paymentId: string | null } | undefined;
    while (Date.now() < deadline) {
      const list = await service.request('/api/v1/autopay', { token: again });
      charge = (list.body.data as { id: string; charges: { invoiceId: string; status: string; paymentId: string | null }[] }[])
        .find((row) => row.id === enrolled.body.id)!
        .charges.find((candidate) => candidate.invoiceId === invoice.body.id);
      if (charge?.status === 'paid') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(charge?.status, 'paid', JSON.stringify(charge));
    const payments = await service.request(`/api/v1/payments?limit=100`, { token: again });
    const charged = (payments.body.data as { allocations: { invoiceId: string }[] }[]).filter((p) =>
      p.allocations.some((a) => a.invoiceId === invoice.body.id),
    );
    assert.equal(charged.length, 1, 'one payment for the invoice');
    await service.stop();
  });
});
