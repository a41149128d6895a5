import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { assertProblem, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { firmOrigin, loopbackPublicUrl, startTestService, type Reply, type TestService } from './helpers/service.ts';

const firmInbox = 'accounts@hale.example';

describe('checkout: POST /api/v1/payments', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;
  let jordan: string;
  let sam: string;

  const card = (token: string) => ({ type: 'card', token });
  const debit = (token: string) => ({ type: 'us_bank_account', token });
  const receipts = () => kit.emails('alex@example.com', 'receipt');
  const paymentAs = async (token: string, id: string) => svc.request(`/api/v1/payments/${id}`, { token });
  const settings = async (changes: Record<string, unknown>) => {
    const reply = await kit.admin('/settings', { method: 'PATCH', body: { settings: changes } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  };
  const mandateOf = async (paymentId: string) =>
    (
      await svc.query<{
        text: string;
        ip: string | null;
        user_agent: string | null;
      }>`SELECT text, ip, user_agent FROM payment_mandates WHERE payment_id = ${paymentId}`
    )[0];

  before(async () => {
    // The sandbox clock's controls are development pages, served on a loopback PUBLIC_URL only.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
    jordan = (await svc.login('jordan@example.com')).token;
    sam = (await svc.login('sam@example.com', 'north')).token;
  });
  after(() => svc.close());

  describe('by card', () => {
    it('pays an invoice in full: succeeded, receipt at once, invoice paid', async () => {
      const invoice = await kit.invoice({ amount: 44_250 });
      const before = (await receipts()).length;
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 44_250 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const { payment } = reply.body;
      assert.match(payment.id, /^pay_/);
      assert.equal(payment.status, 'succeeded');
      assert.equal(payment.amount, 44_250);
      assert.equal(payment.currency, 'USD');
      assert.deepEqual(payment.method, { type: 'card', brand: 'visa', last4: '4242' });
      assert.match(payment.receiptNumber, /^R-\d+$/);
      assert.deepEqual(payment.allocations, [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: 44_250, depositAccount: 'operating' }]);
      assert.equal(payment.failure, null);
      assert.ok(!Number.isNaN(Date.parse(payment.createdAt)));
      assert.equal(reply.body.clientSecret, undefined);
      assert.equal(reply.headers.get('idempotent-replayed'), null);

      const after = await kit.invoiceAs(alex, invoice.id);
      assert.equal(after.status, 'paid');
      assert.equal(after.balance, 0);
      assert.equal(after.openBalance, 0);
      assert.equal(after.amountPaid, 44_250);

      const stored = await paymentAs(alex, payment.id);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.status, 'succeeded');
      assert.equal(stored.body.receiptNumber, payment.receiptNumber);
      const history = await svc.request('/api/v1/payments', { token: alex });
      assert.ok(history.body.data.some((p: { id: string }) => p.id === payment.id));

      const mail = await receipts();
      assert.equal(mail.length, before + 1, 'one receipt, sent at once');
      assert.ok(mail[0]!.subject.includes(payment.receiptNumber), mail[0]!.subject);
      assert.ok(mail[0]!.text.includes('$442.50'), mail[0]!.text);
      assert.ok(mail[0]!.text.includes(invoice.number));
      assert.ok(mail[0]!.text.includes('4242'));
      assert.equal((await kit.emails(firmInbox, 'firm_payment_notice')).length, 0, 'no firm inbox is set yet');
    });

    it('tells the firm too once it has an inbox address', async () => {
      await settings({ inboxEmail: firmInbox });
      const invoice = await kit.invoice({ amount: 15_000 });
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 15_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(reply.body.payment.status, 'succeeded', JSON.stringify(reply.body));
      const notices = await kit.emails(firmInbox, 'firm_payment_notice');
      assert.equal(notices.length, 1);
      assert.ok(notices[0]!.text.includes('Alex Morgan'), notices[0]!.text);
      assert.ok(notices[0]!.text.includes('$150.00'), notices[0]!.text);
    });

    it('pays part of an invoice: partially paid, the rest still owed', async () => {
      const invoice = await kit.invoice({ amount: 100_000 });
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 30_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.status, 'succeeded');
      const after = await kit.invoiceAs(alex, invoice.id);
      assert.equal(after.status, 'partially_paid');
      assert.equal(after.balance, 70_000);
      assert.equal(after.openBalance, 70_000);
      assert.equal(after.amountPaid, 30_000);
    });

    it('pays several invoices in one payment, each allocation listed', async () => {
      const first = await kit.invoice({ amount: 20_000 });
      const second = await kit.invoice({ amount: 35_000 });
      const reply = await kit.pay(alex, {
        allocations: [
          { invoiceId: first.id, amount: 20_000 },
          { invoiceId: second.id, amount: 10_000 },
        ],
        paymentMethod: card(await kit.cardToken()),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payments.length, 1, 'operating invoices only: one payment');
      const { payment } = reply.body;
      assert.equal(payment.amount, 30_000);
      assert.deepEqual(
        payment.allocations.map((a: { invoiceId: string; amount: number }) => [a.invoiceId, a.amount]).sort(),
        [
          [first.id, 20_000],
          [second.id, 10_000],
        ].sort(),
      );
      assert.equal((await kit.invoiceAs(alex, first.id)).status, 'paid');
      assert.equal((await kit.invoiceAs(alex, second.id)).balance, 25_000);
      const charges = await svc.query`SELECT c.amount FROM sandbox_charges c JOIN payments p ON p.processor_ref = c.id WHERE p.id = ${payment.id}`;
      assert.deepEqual(charges, [{ amount: 30_000 }], 'one charge for the whole amount');
    });

    it('splits trust and operating money into two payments of one checkout', async () => {
      const trust = await kit.invoice({ amount: 250_000, depositAccount: 'trust' });
      const fees = await kit.invoice({ amount: 40_000 });
      const reply = await kit.pay(alex, {
        allocations: [
          { invoiceId: trust.id, amount: 250_000 },
          { invoiceId: fees.id, amount: 40_000 },
        ],
        paymentMethod: card(await kit.cardToken()),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const payments = reply.body.payments as {
        id: string;
        status: string;
        amount: number;
        checkoutId: string;
        receiptNumber: string;
        allocations: { invoiceId: string; depositAccount: string }[];
      }[];
      assert.equal(payments.length, 2);
      assert.ok(payments[0]!.checkoutId, 'a checkout id');
      assert.equal(payments[0]!.checkoutId, payments[1]!.checkoutId);
      assert.notEqual(payments[0]!.receiptNumber, payments[1]!.receiptNumber);
      const byAccount = Object.fromEntries(payments.map((p) => [p.allocations[0]!.depositAccount, p]));
      assert.deepEqual(Object.keys(byAccount).sort(), ['operating', 'trust']);
      assert.equal(byAccount.trust!.amount, 250_000);
      assert.deepEqual(
        byAccount.trust!.allocations.map((a) => a.invoiceId),
        [trust.id],
      );
      assert.equal(byAccount.operating!.amount, 40_000);
      assert.deepEqual(
        byAccount.operating!.allocations.map((a) => a.invoiceId),
        [fees.id],
      );
      assert.ok(payments.every((p) => p.status === 'succeeded'));

      const charged =
        await svc.query`SELECT c.account, c.amount FROM sandbox_charges c JOIN payments p ON p.processor_ref = c.id WHERE p.checkout_id = ${payments[0]!.checkoutId} ORDER BY c.account`;
      assert.deepEqual(
        charged,
        [
          { account: 'operating', amount: 40_000 },
          { account: 'trust', amount: 250_000 },
        ],
        'trust money goes to the trust account',
      );
      assert.equal((await kit.invoiceAs(alex, trust.id)).status, 'paid');
      assert.equal((await kit.invoiceAs(alex, fees.id)).status, 'paid');
    });

    it('records a declined card as a failed attempt: nothing paid, no receipt', async () => {
      const invoice = await kit.invoice({ amount: 18_000 });
      const before = { receipts: (await receipts()).length, payments: await kit.rows.payments() };
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 18_000 }],
        paymentMethod: card(await kit.cardToken(testCard.declined)),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.status, 'failed');
      assert.equal(reply.body.payment.failure.code, 'card_declined');
      assert.equal(reply.body.payment.failure.declineCode, 'generic_decline');
      assert.equal(typeof reply.body.payment.failure.message, 'string');
      assert.equal(await kit.rows.payments(), before.payments + 1, 'the attempt is on record');
      const after = await kit.invoiceAs(alex, invoice.id);
      assert.equal(after.balance, 18_000);
      assert.equal(after.openBalance, 18_000);
      assert.equal(after.status, 'open');
      assert.equal((await receipts()).length, before.receipts);
      assert.equal((await kit.emails('alex@example.com', 'payment_failed')).length, 0, 'a card decline is shown on the spot, not emailed');
    });

    it('reports insufficient funds with its decline code', async () => {
      const invoice = await kit.invoice({ amount: 9_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 9_000 }],
        paymentMethod: card(await kit.cardToken(testCard.insufficientFunds)),
      });
      assert.equal(reply.body.payment.status, 'failed', JSON.stringify(reply.body));
      assert.equal(reply.body.payment.failure.code, 'card_declined');
      assert.equal(reply.body.payment.failure.declineCode, 'insufficient_funds');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 9_000);
    });
  });

  describe('3-D Secure', () => {
    const authenticate = (clientSecret: string, outcome: 'approve' | 'deny', paymentIntent = clientSecret.split('_secret_')[0]) =>
      svc.request(`/sandbox/v1/payment_intents/${paymentIntent}/authenticate`, { origin: firmOrigin, body: { client_secret: clientSecret, outcome } });

    async function challenged(amount: number) {
      const invoice = await kit.invoice({ amount: amount * 2 });
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount }], paymentMethod: card(await kit.cardToken(testCard.threeDSecure)) });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return { invoice, reply };
    }

    it('waits for the client, holds the balance, and succeeds once approved and confirmed', async () => {
      const before = (await receipts()).length;
      const { invoice, reply } = await challenged(60_000);
      const { payment, clientSecret } = reply.body;
      assert.equal(payment.status, 'requires_action');
      assert.match(clientSecret, /^pi_.+_secret_.+/);
      assert.deepEqual(reply.body.nextActions, [{ paymentId: payment.id, clientSecret }]);

      const held = await kit.invoiceAs(alex, invoice.id);
      assert.equal(held.balance, 120_000, 'nothing is paid yet');
      assert.equal(held.openBalance, 60_000, 'but the amount is reserved');
      assert.equal(held.amountPending, 60_000);

      const early = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { method: 'POST', token: alex });
      assert.equal(early.status, 200, JSON.stringify(early.body));
      assert.equal(early.body.status, 'requires_action', 'nothing changes before the client answers');
      assert.equal((await receipts()).length, before);

      const forged = await authenticate(`${clientSecret.split('_secret_')[0]}_secret_forged`, 'approve');
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.type, 'invalid_request_error');
      const elsewhere = await authenticate(clientSecret, 'approve', 'pi_someone_else');
      assert.equal(elsewhere.status, 400);

      const approved = await authenticate(clientSecret, 'approve');
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.status, 'succeeded');
      const again = await authenticate(clientSecret, 'deny');
      assert.equal(again.status, 400, 'answered once');

      const confirmed = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { method: 'POST', token: alex });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.status, 'succeeded');
      assert.equal((await receipts()).length, before + 1, 'the receipt goes out on success');
      const twice = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { method: 'POST', token: alex });
      assert.equal(twice.body.status, 'succeeded');
      assert.equal((await receipts()).length, before + 1, 'confirming again sends no second receipt');

      const paid = await kit.invoiceAs(alex, invoice.id);
      assert.equal(paid.balance, 60_000);
      assert.equal(paid.amountPaid, 60_000);
      assert.equal(paid.amountPending, 0);
      assert.equal(paid.status, 'partially_paid');
    });

    it('fails when the client refuses, and releases the balance', async () => {
      const before = (await receipts()).length;
      const { invoice, reply } = await challenged(7_500);
      const { payment, clientSecret } = reply.body;
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 7_500);
      const denied = await authenticate(clientSecret, 'deny');
      assert.equal(denied.status, 200, JSON.stringify(denied.body));
      assert.equal(denied.body.status, 'requires_payment_method');
      const confirmed = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { method: 'POST', token: alex });
      assert.equal(confirmed.body.status, 'failed', JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.failure.code, 'payment_intent_authentication_failure');
      const released = await kit.invoiceAs(alex, invoice.id);
      assert.equal(released.openBalance, 15_000);
      assert.equal(released.balance, 15_000);
      assert.equal((await receipts()).length, before);
    });
  });

  describe('by bank debit', () => {
    it('stays processing until the bank settles; the receipt comes then', async () => {
      const invoice = await kit.invoice({ amount: 80_000 });
      const before = (await receipts()).length;
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 50_000 }],
        paymentMethod: debit(await kit.bankToken()),
        mandate: { accepted: true },
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const { payment } = reply.body;
      assert.equal(payment.status, 'processing');
      assert.equal(payment.method.type, 'us_bank_account');
      assert.equal(payment.method.last4, '6789');
      assert.equal(payment.method.brand, 'Test bank', 'the test bank, named as a client would read it');

      const pending = await kit.invoiceAs(alex, invoice.id);
      assert.equal(pending.balance, 80_000, 'not paid until it settles');
      assert.equal(pending.openBalance, 30_000, 'but no longer payable twice');
      assert.equal(pending.amountPending, 50_000);
      assert.equal((await receipts()).length, before, 'no receipt while processing');
      // The summary reconciles with the list: what can be paid now and what is on its way add up to the balances.
      const summary = (await svc.request('/api/v1/invoices/outstanding', { token: alex })).body;
      const unpaid: { balance: number; amountPending: number }[] = (await svc.request('/api/v1/invoices?status=unpaid&limit=200', { token: alex })).body.data;
      assert.equal(
        summary.processing,
        unpaid.reduce((sum, each) => sum + each.amountPending, 0),
      );
      assert.ok(summary.processing >= 50_000, JSON.stringify(summary));
      assert.equal(
        summary.amount + summary.processing,
        unpaid.reduce((sum, each) => sum + each.balance, 0),
      );

      const mandate = await mandateOf(payment.id);
      assert.ok(mandate, 'the authorization is stored with the payment');
      assert.ok(mandate.text.includes('Hale & Whitmore LLP'), mandate.text);
      assert.ok(mandate.text.includes('$500.00'), mandate.text);
      assert.ok(mandate.text.includes('6789'), mandate.text);
      const preview = await svc.request('/api/v1/payments/mandate?amount=50000&bankName=STRIPE%20TEST%20BANK&accountType=checking&last4=6789', { token: alex });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(mandate.text, preview.body.text, 'stored word for word as shown');

      await kit.advanceSandboxDays(1);
      assert.equal((await paymentAs(alex, payment.id)).body.status, 'processing');
      assert.equal((await receipts()).length, before, 'still no receipt');

      const settled = await kit.advanceSandboxDays(5);
      assert.ok(settled.settled >= 1);
      const done = await paymentAs(alex, payment.id);
      assert.equal(done.body.status, 'succeeded');
      const paid = await kit.invoiceAs(alex, invoice.id);
      assert.equal(paid.balance, 30_000);
      assert.equal(paid.amountPaid, 50_000);
      assert.equal(paid.amountPending, 0);
      assert.equal((await receipts()).length, before + 1, 'the receipt goes out on settlement');
      // That new receipt is this payment's (messages of one clock instant have no sending order on PostgreSQL).
      assert.equal((await receipts()).filter((email) => email.subject.includes(payment.receiptNumber)).length, 1);

      const replay = await kit.advanceSandboxDays(5);
      assert.equal(replay.settled, 0);
      assert.equal((await receipts()).length, before + 1, 'settled once');
    });

    it('restores the balance and tells the client when the bank returns the debit', async () => {
      const invoice = await kit.invoice({ amount: 64_000 });
      const before = { receipts: (await receipts()).length, failed: (await kit.emails('alex@example.com', 'payment_failed')).length };
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 64_000 }],
        paymentMethod: debit(await kit.bankToken(testAccount.insufficientFunds)),
        mandate: { accepted: true },
      });
      assert.equal(reply.body.payment.status, 'processing', JSON.stringify(reply.body));
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 0);

      await kit.advanceSandboxDays(5);
      const failed = await paymentAs(alex, reply.body.payment.id);
      assert.equal(failed.body.status, 'failed');
      assert.equal(failed.body.failure.code, 'insufficient_funds');
      const restored = await kit.invoiceAs(alex, invoice.id);
      assert.equal(restored.balance, 64_000);
      assert.equal(restored.openBalance, 64_000);
      assert.equal(restored.amountPending, 0);
      assert.equal((await receipts()).length, before.receipts, 'no receipt for money that never came');
      const notices = await kit.emails('alex@example.com', 'payment_failed');
      assert.equal(notices.length, before.failed + 1);
      assert.ok(notices[0]!.text.includes('$640.00'), notices[0]!.text);
      assert.equal((await kit.emails(firmInbox, 'firm_payment_notice')).filter((m) => m.text.includes('$640.00')).length, 1, 'the firm hears of it too');
    });

    it('stores a mandate that names a savings account as savings', async () => {
      const invoice = await kit.invoice({ amount: 21_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 21_000 }],
        paymentMethod: debit(await kit.bankToken(testAccount.succeeds, 'savings')),
        mandate: { accepted: true },
      });
      assert.equal(reply.body.payment.status, 'processing', JSON.stringify(reply.body));
      const mandate = (await mandateOf(reply.body.payment.id))!;
      const preview = await svc.request('/api/v1/payments/mandate?amount=21000&bankName=STRIPE%20TEST%20BANK&accountType=savings&last4=6789', { token: alex });
      assert.ok(mandate.text.includes('savings account'), `the stored authorization names the account the client chose: ${mandate.text}`);
      assert.equal(mandate.text, preview.body.text);
    });
  });

  describe('saved payment methods', () => {
    let savedId: string;
    let savedToken: string;

    it('saves a card with consent and lists it', async () => {
      const invoice = await kit.invoice({ amount: 12_000 });
      savedToken = await kit.cardToken(testCard.visa);
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 12_000 }], paymentMethod: card(savedToken), savePaymentMethod: true });
      assert.equal(reply.body.payment.status, 'succeeded', JSON.stringify(reply.body));
      const list = await svc.request('/api/v1/payment-methods', { token: alex });
      assert.equal(list.status, 200);
      assert.equal(list.body.data.length, 1);
      const saved = list.body.data[0];
      assert.match(saved.id, /^spm_/);
      assert.equal(saved.type, 'card');
      assert.equal(saved.brand, 'visa');
      assert.equal(saved.last4, '4242');
      assert.equal(saved.expMonth, 12);
      assert.equal(saved.expYear, 2030);
      assert.equal(JSON.stringify(list.body).includes(savedToken), false, "the processor's reference stays on the server");
      savedId = saved.id;
      const [consent] = (await svc.query<{ consent_text: string }>`SELECT consent_text FROM saved_payment_methods WHERE id = ${savedId}`) as [
        { consent_text: string },
      ];
      assert.ok(consent.consent_text.includes('Hale & Whitmore LLP'));
    });

    it('pays with the saved method, again and again', async () => {
      for (const amount of [5_000, 6_000]) {
        const invoice = await kit.invoice({ amount });
        const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount }], paymentMethod: { savedId } });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
        assert.equal(reply.body.payment.status, 'succeeded');
        assert.deepEqual(reply.body.payment.method, { type: 'card', brand: 'visa', last4: '4242' });
        assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      }
    });

    it("is alex's alone: jordan neither sees nor uses nor removes it", async () => {
      const invoice = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 8_000 });
      const list = await svc.request('/api/v1/payment-methods', { token: jordan });
      assert.deepEqual(list.body.data, []);
      const before = await kit.rows.payments();
      assertProblem(
        await kit.pay(jordan, { allocations: [{ invoiceId: invoice.id, amount: 8_000 }], paymentMethod: { savedId } }),
        422,
        'saved_method_not_found',
      );
      assertProblem(await svc.request(`/api/v1/payment-methods/${savedId}`, { method: 'DELETE', token: jordan }), 404, 'not_found');
      assert.equal(await kit.rows.payments(), before);
      assert.equal((await svc.request('/api/v1/payment-methods', { token: alex })).body.data.length, 1, 'still there for alex');
    });

    it("refuses jordan the processor token behind alex's saved card", async () => {
      const invoice = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 8_100 });
      const before = await kit.rows.charges();
      const reply = await kit.pay(jordan, { allocations: [{ invoiceId: invoice.id, amount: 8_100 }], paymentMethod: card(savedToken) });
      assertProblem(reply, 422, 'payment_method_invalid');
      assert.equal(await kit.rows.charges(), before, "alex's card was not charged for jordan's invoice");
      assert.equal((await kit.invoiceAs(jordan, invoice.id)).balance, 8_100);
    });

    it('removes it: gone from the list, and it no longer pays', async () => {
      const removed = await svc.request(`/api/v1/payment-methods/${savedId}`, { method: 'DELETE', token: alex });
      assert.equal(removed.status, 204);
      assert.deepEqual((await svc.request('/api/v1/payment-methods', { token: alex })).body.data, []);
      const invoice = await kit.invoice({ amount: 4_000 });
      const before = await kit.rows.payments();
      assertProblem(
        await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 4_000 }], paymentMethod: { savedId } }),
        422,
        'saved_method_not_found',
      );
      assertProblem(
        await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 4_000 }], paymentMethod: card(savedToken) }),
        422,
        'payment_method_invalid',
      );
      assert.equal(await kit.rows.payments(), before);
      assertProblem(await svc.request(`/api/v1/payment-methods/${savedId}`, { method: 'DELETE', token: alex }), 404, 'not_found');
    });

    it('does not save a card unless asked, and a used token cannot pay twice', async () => {
      const invoice = await kit.invoice({ amount: 10_000 });
      const token = await kit.cardToken();
      const first = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 5_000 }], paymentMethod: card(token) });
      assert.equal(first.body.payment.status, 'succeeded', JSON.stringify(first.body));
      assert.deepEqual((await svc.request('/api/v1/payment-methods', { token: alex })).body.data, []);
      const before = await kit.rows.payments();
      assertProblem(
        await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 5_000 }], paymentMethod: card(token) }),
        422,
        'payment_method_invalid',
      );
      assert.equal(await kit.rows.payments(), before);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 5_000);
    });

    it('does not save a card whose payment was declined', async () => {
      const invoice = await kit.invoice({ amount: 3_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 3_000 }],
        paymentMethod: card(await kit.cardToken(testCard.declined)),
        savePaymentMethod: true,
      });
      assert.equal(reply.body.payment.status, 'failed');
      assert.deepEqual((await svc.request('/api/v1/payment-methods', { token: alex })).body.data, []);
    });
  });

  describe('refused requests charge nothing', () => {
    let invoiceId: string;
    let token: string;

    before(async () => {
      invoiceId = (await kit.invoice({ amount: 50_000 })).id;
      token = await kit.cardToken();
    });

    async function refused(send: () => Promise<Reply>, status: number, code: string) {
      const before = { payments: await kit.rows.payments(), charges: await kit.rows.charges(), receipts: (await receipts()).length };
      const reply = await send();
      assertProblem(reply, status, code);
      assert.equal(await kit.rows.payments(), before.payments, `${code}: no payment row`);
      assert.equal(await kit.rows.charges(), before.charges, `${code}: no charge at the processor`);
      assert.equal((await receipts()).length, before.receipts);
      return reply;
    }
    const payOnce = (body: Record<string, unknown>) => () => kit.pay(alex, { paymentMethod: card(token), ...body });

    it('refuses amounts that are zero, negative or fractional', async () => {
      for (const amount of [0, -500, 12.5, '100', null]) {
        await refused(payOnce({ allocations: [{ invoiceId, amount }] }), 400, 'invalid_request');
      }
      await refused(payOnce({ allocations: [] }), 400, 'invalid_request');
    });

    it('refuses more than the open balance', async () => {
      const reply = await refused(payOnce({ allocations: [{ invoiceId, amount: 50_001 }] }), 422, 'amount_exceeds_balance');
      assert.equal(reply.body.openBalance, 50_000);
    });

    it('refuses allocations that do not make up the payment', async () => {
      // `amount` is the total the client confirmed: one the allocations (and any surcharge) do not make is refused.
      await refused(payOnce({ amount: 20_000, allocations: [{ invoiceId, amount: 10_000 }] }), 409, 'amount_mismatch');
      await refused(
        payOnce({
          allocations: [
            { invoiceId, amount: 10_000 },
            { invoiceId, amount: 10_000 },
          ],
        }),
        400,
        'duplicate_allocation',
      );
    });

    it('refuses void, draft, paid, unknown and other clients’ invoices', async () => {
      const voided = await kit.invoice({ amount: 1_000 });
      assert.equal((await kit.admin(`/invoices/${voided.id}/void`, { method: 'POST', body: {} })).status, 200);
      const draft = await kit.invoice({ amount: 1_000, draft: true });
      const paid = await kit.invoice({ amount: 1_000 });
      assert.equal(
        (await kit.pay(alex, { allocations: [{ invoiceId: paid.id, amount: 1_000 }], paymentMethod: card(await kit.cardToken()) })).body.payment.status,
        'succeeded',
      );
      const jordans = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 1_000 });

      await refused(payOnce({ allocations: [{ invoiceId: voided.id, amount: 1_000 }] }), 422, 'invoice_void');
      await refused(payOnce({ allocations: [{ invoiceId: draft.id, amount: 1_000 }] }), 422, 'invoice_not_found');
      await refused(payOnce({ allocations: [{ invoiceId: paid.id, amount: 1_000 }] }), 422, 'invoice_paid');
      await refused(payOnce({ allocations: [{ invoiceId: jordans.id, amount: 1_000 }] }), 422, 'invoice_not_found');
      await refused(payOnce({ allocations: [{ invoiceId: 'inv_nope', amount: 1_000 }] }), 422, 'invoice_not_found');
      await refused(
        payOnce({
          allocations: [
            { invoiceId, amount: 1_000 },
            { invoiceId: voided.id, amount: 1_000 },
          ],
        }),
        422,
        'invoice_void',
      );
      assert.equal((await kit.invoiceAs(alex, invoiceId)).openBalance, 50_000, 'a refused multi-invoice payment reserves nothing');
    });

    it('refuses less than the firm’s minimum', async () => {
      await settings({ minimumPayment: 5_000 });
      try {
        const reply = await refused(payOnce({ allocations: [{ invoiceId, amount: 4_999 }] }), 422, 'amount_below_minimum');
        assert.equal(reply.body.minimum, 5_000);
      } finally {
        await settings({ minimumPayment: 100 });
      }
      await refused(payOnce({ allocations: [{ invoiceId, amount: 99 }] }), 422, 'amount_below_minimum');
    });

    it('needs an Idempotency-Key', async () => {
      const body = { allocations: [{ invoiceId, amount: 1_000 }], paymentMethod: card(token) };
      await refused(() => kit.pay(alex, body, null), 400, 'idempotency_key_missing');
      await refused(() => kit.pay(alex, body, '   '), 400, 'idempotency_key_missing');
      await refused(() => kit.pay(alex, body, 'k'.repeat(256)), 400, 'idempotency_key_invalid');
    });

    it('needs the debit authorization for a bank payment', async () => {
      const bank = await kit.bankToken();
      await refused(() => kit.pay(alex, { allocations: [{ invoiceId, amount: 1_000 }], paymentMethod: debit(bank) }), 400, 'mandate_required');
      await refused(
        () => kit.pay(alex, { allocations: [{ invoiceId, amount: 1_000 }], paymentMethod: debit(bank), mandate: { accepted: false } }),
        400,
        'mandate_required',
      );
    });

    it('never takes card or account numbers', async () => {
      const allocations = [{ invoiceId, amount: 1_000 }];
      await refused(
        () => kit.pay(alex, { allocations, paymentMethod: { type: 'card', number: testCard.visa, exp_month: 12, exp_year: 2030, cvc: '123' } }),
        400,
        'card_data_not_accepted',
      );
      await refused(() => kit.pay(alex, { allocations, paymentMethod: { type: 'card', card: { number: testCard.visa } } }), 400, 'card_data_not_accepted');
      await refused(
        () =>
          kit.pay(alex, {
            allocations,
            paymentMethod: { type: 'us_bank_account', routing_number: testAccount.routing, account_number: testAccount.succeeds },
            mandate: { accepted: true },
          }),
        400,
        'card_data_not_accepted',
      );
    });

    it('refuses unknown tokens and tokens of the other kind', async () => {
      const allocations = [{ invoiceId, amount: 1_000 }];
      await refused(() => kit.pay(alex, { allocations, paymentMethod: card('pm_doesnotexist') }), 422, 'payment_method_invalid');
      await refused(
        () => kit.pay(alex, { allocations, paymentMethod: { type: 'us_bank_account', token }, mandate: { accepted: true } }),
        422,
        'payment_method_mismatch',
      );
      await refused(async () => kit.pay(alex, { allocations, paymentMethod: card(await kit.bankToken()) }), 422, 'payment_method_mismatch');
      await refused(() => kit.pay(alex, { allocations, paymentMethod: { savedId: 'spm_doesnotexist' } }), 422, 'saved_method_not_found');
    });

    it('refuses a way of paying the firm has turned off', async () => {
      await settings({ paymentMethods: { card: false } });
      try {
        await refused(payOnce({ allocations: [{ invoiceId, amount: 1_000 }] }), 422, 'method_not_allowed');
      } finally {
        await settings({ paymentMethods: { card: true } });
      }
      const back = await kit.pay(alex, { allocations: [{ invoiceId, amount: 1_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(back.body.payment.status, 'succeeded', 'cards work again');
    });

    it('refuses bank account numbers when the firm takes bank payments only through bank sign-in', async () => {
      await settings({ paymentMethods: { bankAccount: false, bankLink: true } });
      try {
        await refused(
          async () => kit.pay(alex, { allocations: [{ invoiceId, amount: 1_000 }], paymentMethod: debit(await kit.bankToken()), mandate: { accepted: true } }),
          422,
          'method_not_allowed',
        );
      } finally {
        await settings({ paymentMethods: { bankAccount: true } });
      }
    });

    it('does not start a bank sign-in when the firm has turned it off', async () => {
      await settings({ paymentMethods: { bankLink: false } });
      try {
        assertProblem(await svc.request('/api/v1/bank-links', { method: 'POST', token: alex }), 422, 'method_not_allowed');
      } finally {
        await settings({ paymentMethods: { bankLink: true } });
      }
    });
  });

  describe('idempotency', () => {
    it('answers a retry with the first response and pays once', async () => {
      const invoice = await kit.invoice({ amount: 33_000 });
      const key = randomUUID();
      const body = { allocations: [{ invoiceId: invoice.id, amount: 33_000 }], paymentMethod: card(await kit.cardToken()) };
      const before = { payments: await kit.rows.payments(), charges: await kit.rows.charges(), receipts: (await receipts()).length };
      const first = await kit.pay(alex, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const again = await kit.pay(alex, { paymentMethod: body.paymentMethod, allocations: body.allocations }, key);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      assert.equal(await kit.rows.payments(), before.payments + 1);
      assert.equal(await kit.rows.charges(), before.charges + 1);
      assert.equal((await receipts()).length, before.receipts + 1);
    });

    it('refuses the same key for a different payment', async () => {
      const invoice = await kit.invoice({ amount: 20_000 });
      const key = randomUUID();
      const token = await kit.cardToken();
      const first = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 10_000 }], paymentMethod: card(token) }, key);
      assert.equal(first.status, 201);
      const before = await kit.rows.payments();
      assertProblem(
        await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 9_000 }], paymentMethod: card(token) }, key),
        422,
        'idempotency_key_reused',
      );
      assert.equal(await kit.rows.payments(), before);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 10_000);
    });

    it('replays a refusal too, and keeps keys per client', async () => {
      const invoice = await kit.invoice({ amount: 2_000 });
      const key = randomUUID();
      const body = { allocations: [{ invoiceId: invoice.id, amount: 2_001 }], paymentMethod: card(await kit.cardToken()) };
      assertProblem(await kit.pay(alex, body, key), 422, 'amount_exceeds_balance');
      const replayed = await kit.pay(alex, body, key);
      assertProblem(replayed, 422, 'amount_exceeds_balance');
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');

      const jordanInvoice = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 2_000 });
      const jordans = await kit.pay(jordan, { allocations: [{ invoiceId: jordanInvoice.id, amount: 2_000 }], paymentMethod: card(await kit.cardToken()) }, key);
      assert.equal(jordans.status, 201, "another client's key space is separate");
      assert.equal(jordans.headers.get('idempotent-replayed'), null);
    });
  });

  describe('concurrency', () => {
    const allocatedLive = (invoiceId: string) =>
      kit.count`SELECT COALESCE(SUM(a.amount), 0) AS n FROM payment_allocations a
         WHERE a.invoice_id = ${invoiceId} AND (SELECT e.status FROM payment_events e WHERE e.payment_id = a.payment_id ORDER BY e.id DESC LIMIT 1)
           IN ('succeeded', 'processing', 'requires_action')`;

    it('50 requests with one key make one payment', async () => {
      const invoice = await kit.invoice({ amount: 27_500 });
      const key = randomUUID();
      const body = { allocations: [{ invoiceId: invoice.id, amount: 27_500 }], paymentMethod: card(await kit.cardToken()) };
      const before = (await receipts()).length;
      const replies = await Promise.all(Array.from({ length: 50 }, () => kit.pay(alex, body, key)));
      assert.equal(await kit.rows.paymentsFor(invoice.id), 1);
      const created = replies.filter((r) => r.status === 201);
      assert.ok(created.length >= 1);
      assert.equal(created.filter((r) => r.headers.get('idempotent-replayed') !== 'true').length, 1, 'one original answer');
      assert.equal(new Set(created.map((r) => r.body.payment.id)).size, 1, 'every 201 is the same payment');
      for (const reply of replies) {
        if (reply.status === 201) assert.equal(reply.body.payment.status, 'succeeded');
        else assertProblem(reply, 409, 'idempotency_in_progress');
      }
      const after = await kit.invoiceAs(alex, invoice.id);
      assert.equal(after.balance, 0);
      assert.equal((await receipts()).length, before + 1);
    });

    it('50 requests with different keys for the whole balance: one pays, the rest are refused', async () => {
      const invoice = await kit.invoice({ amount: 61_000 });
      const tokens = await Promise.all(Array.from({ length: 50 }, () => kit.cardToken()));
      const replies = await Promise.all(
        tokens.map((token) => kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 61_000 }], paymentMethod: card(token) })),
      );
      const created = replies.filter((r) => r.status === 201);
      assert.equal(created.length, 1, JSON.stringify(replies.filter((r) => r.status !== 422).map((r) => r.body)));
      assert.equal(created[0]!.body.payment.status, 'succeeded');
      for (const reply of replies.filter((r) => r.status !== 201)) {
        assert.equal(reply.status, 422, JSON.stringify(reply.body));
        assert.ok(['amount_exceeds_balance', 'invoice_paid'].includes(reply.body.code), JSON.stringify(reply.body));
      }
      assert.equal(await kit.rows.paymentsFor(invoice.id), 1);
      const after = await kit.invoiceAs(alex, invoice.id);
      assert.equal(after.balance, 0);
      assert.equal(after.amountPaid, 61_000);
      assert.ok((await allocatedLive(invoice.id)) <= after.total);
    });

    it('50 requests held at 3-D Secure: the first holds the balance, the rest exceed it', async () => {
      const invoice = await kit.invoice({ amount: 39_000 });
      const tokens = await Promise.all(Array.from({ length: 50 }, () => kit.cardToken(testCard.threeDSecure)));
      const replies = await Promise.all(
        tokens.map((token) => kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 39_000 }], paymentMethod: card(token) })),
      );
      const created = replies.filter((r) => r.status === 201);
      assert.equal(created.length, 1);
      assert.equal(created[0]!.body.payment.status, 'requires_action');
      for (const reply of replies.filter((r) => r.status !== 201)) assertProblem(reply, 422, 'amount_exceeds_balance');
      assert.equal(await kit.rows.paymentsFor(invoice.id), 1);
      const held = await kit.invoiceAs(alex, invoice.id);
      assert.equal(held.openBalance, 0);
      assert.equal(held.balance, 39_000);
      assert.equal(await allocatedLive(invoice.id), 39_000);
    });

    it('50 bank debits racing for one balance: one reserves it, none overdraws it', async () => {
      const invoice = await kit.invoice({ amount: 45_000 });
      const tokens = await Promise.all(Array.from({ length: 50 }, () => kit.bankToken()));
      const amounts = tokens.map((_, n) => 10_000 + (n % 5) * 5_000);
      const replies = await Promise.all(
        tokens.map((token, n) =>
          kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: amounts[n]! }], paymentMethod: debit(token), mandate: { accepted: true } }),
        ),
      );
      const accepted = replies.filter((r) => r.status === 201);
      for (const reply of replies.filter((r) => r.status !== 201)) assertProblem(reply, 422, 'amount_exceeds_balance');
      assert.ok(accepted.length >= 1);
      const reserved = accepted.reduce((sum, r) => sum + r.body.payment.amount, 0);
      assert.ok(reserved <= 45_000, `reserved ${reserved} of 45000`);
      assert.equal(await allocatedLive(invoice.id), reserved);
      const pending = await kit.invoiceAs(alex, invoice.id);
      assert.equal(pending.openBalance, 45_000 - reserved);
      assert.ok(pending.openBalance >= 0);

      await kit.advanceSandboxDays(5);
      const settled = await kit.invoiceAs(alex, invoice.id);
      assert.equal(settled.amountPaid, reserved);
      assert.ok(settled.balance >= 0);
    });
  });

  describe('isolation', () => {
    let alexPayment: string;

    before(async () => {
      const invoice = await kit.invoice({ amount: 14_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 14_000 }],
        paymentMethod: card(await kit.cardToken(testCard.threeDSecure)),
      });
      assert.equal(reply.body.payment.status, 'requires_action', JSON.stringify(reply.body));
      alexPayment = reply.body.payment.id;
    });

    it("hides alex's payment from jordan", async () => {
      assertProblem(await paymentAs(jordan, alexPayment), 404, 'not_found');
      assertProblem(await svc.request(`/api/v1/payments/${alexPayment}/confirm`, { method: 'POST', token: jordan }), 404, 'not_found');
      const list = await svc.request('/api/v1/payments', { token: jordan });
      assert.equal(list.status, 200);
      assert.ok(!list.body.data.some((p: { id: string }) => p.id === alexPayment));
      assert.equal((await paymentAs(alex, alexPayment)).status, 200);
    });

    it("keeps another firm's clients off hale's invoices and payments", async () => {
      const invoice = await kit.invoice({ amount: 5_500 });
      const before = { payments: await kit.rows.payments(), charges: await kit.rows.charges() };
      assertProblem(
        await kit.pay(sam, { allocations: [{ invoiceId: invoice.id, amount: 5_500 }], paymentMethod: card(await kit.cardToken()) }),
        422,
        'invoice_not_found',
      );
      assert.deepEqual({ payments: await kit.rows.payments(), charges: await kit.rows.charges() }, before);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 5_500);
      assertProblem(await paymentAs(sam, alexPayment), 404, 'not_found');
    });

    it('needs a signed-in client', async () => {
      const reply = await svc.request('/api/v1/payments', { body: {}, headers: { 'idempotency-key': randomUUID() } });
      assert.equal(reply.status, 401);
    });
  });
});

describe('an abandoned 3-D Secure challenge', () => {
  it('stops holding the balance after half an hour', async () => {
    const svc = await startTestService();
    try {
      const kit = paymentKit(svc);
      const card = (token: string) => ({ type: 'card', token });
      const alex = (await svc.login('alex@example.com')).token;
      const invoice = await kit.invoice({ amount: 60_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 30_000 }],
        paymentMethod: card(await kit.cardToken(testCard.threeDSecure)),
      });
      assert.equal(reply.body.payment.status, 'requires_action');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 30_000);

      svc.clock.advance(31 * 60_000);
      const later = (await svc.login('alex@example.com')).token;
      // The expiry is a job: wait until it has run rather than for a while.
      const deadline = Date.now() + 10_000;
      while ((await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: later })).body.status !== 'failed') {
        assert.ok(Date.now() < deadline, 'the abandoned attempt was not expired within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const again = await kit.pay(later, { allocations: [{ invoiceId: invoice.id, amount: 60_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body.payment.status, 'succeeded');
      const old = await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: later });
      assert.equal(old.body.status, 'failed');
      assert.equal(old.body.failure.code, 'payment_intent_authentication_failure');
      const pi = reply.body.clientSecret.split('_secret_')[0];
      const late = await svc.request(`/sandbox/v1/payment_intents/${pi}/authenticate`, {
        origin: firmOrigin,
        body: { client_secret: reply.body.clientSecret, outcome: 'approve' },
      });
      assert.equal(late.status, 400, 'the processor cancelled it too');
      assert.equal((await kit.invoiceAs(later, invoice.id)).status, 'paid');
    } finally {
      await svc.close();
    }
  });
});

describe('declined attempts (card testing)', () => {
  it('refuses a client after the firm’s limit of declines in an hour, with Retry-After, then lets them pay again', async () => {
    const svc = await startTestService();
    try {
      const kit = paymentKit(svc);
      const jordan = (await svc.login('jordan@example.com')).token;
      const invoice = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 5_000 });
      const attempt = async (number: string) =>
        kit.pay(jordan, { allocations: [{ invoiceId: invoice.id, amount: 5_000 }], paymentMethod: { type: 'card', token: await kit.cardToken(number) } });
      for (let i = 0; i < 10; i += 1) {
        const declined = await attempt(testCard.declined);
        assert.equal(declined.status, 201);
        assert.equal(declined.body.payment.status, 'failed');
      }
      const charges = await kit.rows.charges();
      const refused = await attempt(testCard.visa);
      assertProblem(refused, 429, 'rate_limited');
      assert.match(refused.body.detail, /Too many declined payment attempts\. Try again in 60 minutes, or contact Hale & Whitmore LLP\./);
      assert.equal(refused.headers.get('retry-after'), '3600');
      assert.equal(await kit.rows.charges(), charges, 'nothing reaches the processor while refused');
      const alex = (await svc.login('alex@example.com')).token;
      const sameAddress = await kit.pay(alex, {
        allocations: [{ invoiceId: (await kit.invoice({ amount: 1_000 })).id, amount: 1_000 }],
        paymentMethod: { type: 'card', token: await kit.cardToken() },
      });
      assertProblem(sameAddress, 429, 'rate_limited');

      svc.clock.advance(3_600_000);
      const again = (await svc.login('jordan@example.com')).token;
      const paid = await kit.pay(again, {
        allocations: [{ invoiceId: invoice.id, amount: 5_000 }],
        paymentMethod: { type: 'card', token: await kit.cardToken() },
      });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.payment.status, 'succeeded', 'an hour later the client pays');
    } finally {
      await svc.close();
    }
  });

  it('follows the firm’s own limit', async () => {
    const svc = await startTestService();
    try {
      const kit = paymentKit(svc);
      await kit.admin('/settings', { method: 'PATCH', body: { settings: { paymentFailuresPerHour: 2 } } });
      const alex = (await svc.login('alex@example.com')).token;
      const invoice = await kit.invoice({ amount: 5_000 });
      const attempt = async (number: string) =>
        kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 5_000 }], paymentMethod: { type: 'card', token: await kit.cardToken(number) } });
      assert.equal((await attempt(testCard.insufficientFunds)).body.payment.status, 'failed');
      assert.equal((await attempt(testCard.declined)).body.payment.status, 'failed');
      assertProblem(await attempt(testCard.visa), 429, 'rate_limited');
    } finally {
      await svc.close();
    }
  });
});
