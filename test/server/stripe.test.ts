import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Stripe from 'stripe';
import { SigningKeys } from '../../server/src/auth/signing-keys.ts';
import { loadSecretsKey } from '../../server/src/secrets/secrets-key.ts';
import { loadConfig } from '../../server/src/config.ts';
import { openSqliteStorage } from '../../server/src/db/open-storage.ts';
import { createMail } from '../../server/src/mail/create-mail.ts';
import { checkoutLeaseMs, processorKey } from '../../server/src/payments/checkout.service.ts';
import { createServices } from '../../server/src/services.ts';
import { runScript } from './helpers/cli.ts';
import { assertProblem, paymentKit, type PaymentKit } from './helpers/payments.ts';
import { startTestService, type TestService } from './helpers/service.ts';
import { startStripeStandIn, type StripeStandIn } from './helpers/stripe-stand-in.ts';

const webhookSecret = 'whsec_portico_test_secret';
const card = (token: string) => ({ type: 'card' as const, token });
const debit = (token: string) => ({ type: 'us_bank_account' as const, token });

/** The service on Stripe: the real SDK, pointed at the stand-in. */
function stripeEnv(stripe: StripeStandIn): Record<string, string> {
  return {
    PAYMENTS: 'stripe',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_portico',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripe.baseUrl,
  };
}

describe('payments through Stripe', () => {
  let stripe: StripeStandIn;
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;
  /** Only to sign test events the way Stripe does; the service has its own client. */
  const signer = new Stripe('sk_test_signer_only');

  before(async () => {
    stripe = await startStripeStandIn();
    svc = await startTestService({ env: stripeEnv(stripe) });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
    const settings = await kit.admin('/settings', {
      method: 'PATCH',
      body: { settings: { stripe: { trustAccount: 'acct_1TrustHale', operatingAccount: 'acct_1OperatingHale' } } },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
  });
  after(async () => {
    await svc?.close();
    await stripe?.close();
  });
  beforeEach(() => stripe.clearFaults());

  async function paid(
    amount: number,
    method: { type: 'card' | 'us_bank_account'; token: string },
    options: { key?: string; depositAccount?: 'operating' | 'trust' } = {},
  ) {
    const invoice = await kit.invoice({ amount, depositAccount: options.depositAccount });
    const body = {
      allocations: [{ invoiceId: invoice.id, amount }],
      paymentMethod: method,
      ...(method.type === 'us_bank_account' ? { mandate: { accepted: true } } : {}),
    };
    const reply = await kit.pay(alex, body, options.key ?? randomUUID());
    return { invoice, body, reply };
  }

  /** Delivers an event to the webhook endpoint, signed as Stripe signs it unless told otherwise. */
  function deliver(event: unknown, options: { secret?: string; timestamp?: number; payload?: string; signature?: string | null } = {}) {
    const payload = options.payload ?? JSON.stringify(event);
    const signature =
      options.signature === undefined
        ? signer.webhooks.generateTestHeaderString({
            payload,
            secret: options.secret ?? webhookSecret,
            ...(options.timestamp ? { timestamp: options.timestamp } : {}),
          })
        : options.signature;
    return svc.request('/webhooks/stripe', { raw: payload, headers: signature === null ? {} : { 'stripe-signature': signature } });
  }

  const ledgerRows = () => kit.count`SELECT COUNT(*) AS n FROM payment_events`;
  const intentsFor = (paymentId: string) => stripe.intents().filter((intent) => intent.metadata.paymentId === paymentId);

  describe('setup', () => {
    it('tells the browser to use Stripe.js with the publishable key, and has no sandbox routes', async () => {
      const setup = await svc.request('/api/v1/payments/setup', { token: alex });
      assert.deepEqual(setup.body, { processor: 'stripe', publishableKey: 'pk_test_portico', bankLink: 'sandbox', sandboxUrl: null });
      const sandbox = await svc.request('/sandbox/v1/payment_methods', { body: { type: 'card' } });
      assert.equal(sandbox.status, 404);
    });

    it('says clearly that bank sign-in needs Plaid when only Stripe is set up', async () => {
      const reply = await svc.request('/api/v1/bank-links', { token: alex, method: 'POST' });
      assertProblem(reply, 422, 'bank_link_unavailable');
    });
  });

  describe('by card', () => {
    it('creates and confirms one PaymentIntent on the server: succeeded, receipt at once', async () => {
      const { invoice, reply } = await paid(12_500, card('pm_card_visa'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const payment = reply.body.payment;
      assert.equal(payment.status, 'succeeded');
      assert.deepEqual(payment.method, { type: 'card', brand: 'visa', last4: '4242' });
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      assert.equal((await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);

      const [intent, ...others] = intentsFor(payment.id);
      assert.equal(others.length, 0);
      assert.equal(intent!.amount, 12_500);
      assert.equal(intent!.currency, 'usd');
      assert.deepEqual(intent!.metadata, { paymentId: payment.id, contactId: svc.fixtures.alex.id, account: 'operating' });
      assert.equal(intent!.customer, stripe.customers().find((customer) => customer.metadata.contactId === svc.fixtures.alex.id)!.id);
      assert.deepEqual(intent!.transfer_data, { destination: 'acct_1OperatingHale', amount: 12_500 });

      const created = stripe.requests.find((request) => request.path === '/v1/payment_intents' && request.params.metadata?.paymentId === payment.id)!;
      assert.equal(created.params.confirm, 'true');
      assert.equal(created.params.use_stripe_sdk, 'true');
      assert.deepEqual(created.params.allowed_payment_method_types, ['card']);
      assert.equal(created.params.setup_future_usage, undefined, 'not saved unless the client asked');
      assert.equal(created.params.mandate_data, undefined, 'no mandate for a card');
    });

    it("derives Stripe's idempotency key from the client's, per deposit account", async () => {
      const key = randomUUID();
      const { reply } = await paid(3_000, card('pm_card_visa'), { key });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const created = stripe.requests.filter(
        (request) => request.path === '/v1/payment_intents' && request.params.metadata?.paymentId === reply.body.payment.id,
      );
      assert.equal(created.length, 1);
      assert.equal(created[0]!.idempotencyKey, processorKey(svc.fixtures.alex.id, key, 'operating'));
      assert.notEqual(processorKey(svc.fixtures.alex.id, key, 'operating'), processorKey(svc.fixtures.alex.id, key, 'trust'));
      assert.notEqual(processorKey(svc.fixtures.alex.id, key, 'operating'), processorKey(svc.fixtures.jordan.id, key, 'operating'));
    });

    it('keeps one Stripe Customer per contact', async () => {
      await paid(1_000, card('pm_card_visa'));
      assert.equal(stripe.customers().filter((customer) => customer.metadata.contactId === svc.fixtures.alex.id).length, 1);
    });

    it('records a decline with its codes: failed, nothing paid, no receipt', async () => {
      const receipts = (await kit.emails('alex@example.com', 'receipt')).length;
      const { invoice, reply } = await paid(4_000, card('pm_card_chargeDeclined'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.status, 'failed');
      assert.deepEqual(reply.body.payment.failure, { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' });
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 4_000);
      assert.equal((await kit.emails('alex@example.com', 'receipt')).length, receipts);

      const insufficient = await paid(4_000, card('pm_card_chargeDeclinedInsufficientFunds'));
      assert.equal(insufficient.reply.body.payment.failure.declineCode, 'insufficient_funds');
    });

    it('saves the card for later on consent (setup_future_usage) and pays with it again', async () => {
      const invoice = await kit.invoice({ amount: 6_000 });
      const first = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 3_000 }],
        paymentMethod: card('pm_card_mastercard'),
        savePaymentMethod: true,
      });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const created = stripe.requests.find(
        (request) => request.path === '/v1/payment_intents' && request.params.metadata?.paymentId === first.body.payment.id,
      )!;
      assert.equal(created.params.setup_future_usage, 'off_session');
      const saved = (await svc.request('/api/v1/payment-methods', { token: alex })).body.data.find((method: any) => method.last4 === '4444');
      assert.ok(saved, 'listed');
      const again = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 3_000 }], paymentMethod: { savedId: saved.id } });
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body.payment.status, 'succeeded');

      const jordan = (await svc.login('jordan@example.com')).token;
      const other = await kit.invoice({ amount: 1_000, contactId: svc.fixtures.jordan.id });
      const stolen = await kit.pay(jordan, { allocations: [{ invoiceId: other.id, amount: 1_000 }], paymentMethod: card('pm_card_mastercard') });
      assertProblem(stolen, 422, 'payment_method_invalid');

      const removed = await svc.request(`/api/v1/payment-methods/${saved.id}`, { method: 'DELETE', token: alex });
      assert.equal(removed.status, 204);
      assert.equal(stripe.method('pm_card_mastercard')!.customer, null, 'detached at Stripe');
    });

    it('refuses a token Stripe does not know, without charging', async () => {
      const before = stripe.intents().length;
      const { reply } = await paid(1_000, card('pm_unknown_token'));
      assertProblem(reply, 422, 'payment_method_invalid');
      const malformed = await paid(1_000, card('tok_not_a_method'));
      assertProblem(malformed.reply, 422, 'payment_method_invalid');
      assert.equal(stripe.intents().length, before);
    });
  });

  describe('3-D Secure', () => {
    it('answers requires_action with the client secret; after the browser authenticates, confirm makes it succeeded', async () => {
      const { invoice, reply } = await paid(7_500, card('pm_card_authenticationRequired'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const payment = reply.body.payment;
      assert.equal(payment.status, 'requires_action');
      const intent = intentsFor(payment.id)[0]!;
      assert.equal(reply.body.clientSecret, intent.client_secret);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 0, 'the balance is held');

      const early = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { token: alex, method: 'POST' });
      assert.equal(early.body.status, 'requires_action', 'still waiting for the client');

      stripe.completeAction(intent.id, true);
      const confirmed = await svc.request(`/api/v1/payments/${payment.id}/confirm`, { token: alex, method: 'POST' });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.status, 'succeeded');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
    });

    it('fails when authentication fails, and gives the balance back', async () => {
      const { invoice, reply } = await paid(2_500, card('pm_card_authenticationRequired'));
      stripe.completeAction(intentsFor(reply.body.payment.id)[0]!.id, false);
      const confirmed = await svc.request(`/api/v1/payments/${reply.body.payment.id}/confirm`, { token: alex, method: 'POST' });
      assert.equal(confirmed.body.status, 'failed');
      assert.equal(confirmed.body.failure.code, 'payment_intent_authentication_failure');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 2_500);
    });
  });

  describe('by bank debit', () => {
    it('sends the mandate with the client’s IP and browser, stays processing, and succeeds by webhook with a receipt', async () => {
      const { invoice, reply } = await paid(20_000, debit('pm_usBankAccount_success'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const payment = reply.body.payment;
      assert.equal(payment.status, 'processing');
      assert.deepEqual(payment.method, { type: 'us_bank_account', brand: 'Test bank', last4: '6789' });
      const created = stripe.requests.find((request) => request.path === '/v1/payment_intents' && request.params.metadata?.paymentId === payment.id)!;
      assert.deepEqual(created.params.allowed_payment_method_types, ['us_bank_account']);
      assert.equal(created.params.mandate_data.customer_acceptance.type, 'online');
      assert.equal(created.params.mandate_data.customer_acceptance.online.ip_address, '127.0.0.1');
      assert.equal(created.params.mandate_data.customer_acceptance.online.user_agent, 'node');
      assert.equal(
        (await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(payment.receiptNumber)).length,
        0,
        'no receipt before it settles',
      );
      assert.equal((await kit.invoiceAs(alex, invoice.id)).amountPending, 20_000);

      const intent = stripe.settle(intentsFor(payment.id)[0]!.id);
      const delivered = await deliver(stripe.event('payment_intent.succeeded', intent));
      assert.equal(delivered.status, 200, JSON.stringify(delivered.body));
      assert.equal(delivered.body.outcome, 'applied');
      assert.equal((await svc.request(`/api/v1/payments/${payment.id}`, { token: alex })).body.status, 'succeeded');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      assert.equal((await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);
    });

    it('treats typed numbers awaiting microdeposit verification as processing, not a challenge', async () => {
      const { invoice, reply } = await paid(4_000, debit('pm_usBankAccount_microdeposits'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.status, 'processing');
      assert.equal(reply.body.clientSecret, undefined);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).amountPending, 4_000);
    });

    it('fails by webhook when the bank returns it, telling the client', async () => {
      const failedEmails = (await kit.emails('alex@example.com', 'payment_failed')).length;
      const { invoice, reply } = await paid(5_000, debit('pm_usBankAccount_success'));
      const intent = stripe.settle(intentsFor(reply.body.payment.id)[0]!.id, 'failed');
      const delivered = await deliver(stripe.event('payment_intent.payment_failed', intent));
      assert.equal(delivered.body.outcome, 'applied');
      const payment = (await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: alex })).body;
      assert.equal(payment.status, 'failed');
      assert.equal(payment.failure.code, 'insufficient_funds');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 5_000);
      assert.equal((await kit.emails('alex@example.com', 'payment_failed')).length, failedEmails + 1);
    });
  });

  describe('webhooks', () => {
    async function processingPayment(amount = 9_000) {
      const { invoice, reply } = await paid(amount, debit('pm_usBankAccount_success'));
      assert.equal(reply.body.payment.status, 'processing', JSON.stringify(reply.body));
      return { invoice, payment: reply.body.payment, intent: intentsFor(reply.body.payment.id)[0]! };
    }

    it('refuses a tampered body, a wrong secret, a stale timestamp and a missing signature, changing nothing', async () => {
      const { payment, intent } = await processingPayment();
      const event = stripe.event('payment_intent.succeeded', stripe.settle(intent.id));
      const payload = JSON.stringify(event);
      const rows = await ledgerRows();
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
      const attempts = [
        deliver(event, { payload: payload.replace('"succeeded"', '"succeeded" '), signature }),
        deliver(event, { secret: 'whsec_someone_else' }),
        deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 3_600 }),
        deliver(event, { signature: null }),
        deliver(event, { signature: 't=1,v1=deadbeef' }),
      ];
      for (const reply of await Promise.all(attempts)) assertProblem(reply, 400, 'webhook_signature_invalid');
      const unsigned = await svc.request('/webhooks/stripe', { raw: payload, headers: { 'content-type': 'text/plain', 'stripe-signature': signature } });
      assertProblem(unsigned, 400, 'webhook_signature_invalid');
      assert.equal(await ledgerRows(), rows);
      assert.equal((await svc.request(`/api/v1/payments/${payment.id}`, { token: alex })).body.status, 'processing');
    });

    it('applies the same event once, however often it is delivered', async () => {
      const { payment, intent } = await processingPayment();
      const event = stripe.event('payment_intent.succeeded', stripe.settle(intent.id));
      const rows = await ledgerRows();
      const first = await deliver(event);
      const second = await deliver(event);
      assert.equal(first.body.outcome, 'applied');
      assert.equal(second.body.outcome, 'duplicate');
      assert.equal(second.status, 200);
      assert.equal(await ledgerRows(), rows + 1);
      assert.equal((await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);
    });

    it('ignores a step the payment is already past (succeeded, then a late processing)', async () => {
      const { payment, intent } = await processingPayment();
      const processing = stripe.event('payment_intent.processing', { ...intent });
      const succeeded = stripe.event('payment_intent.succeeded', stripe.settle(intent.id));
      const rows = await ledgerRows();
      assert.equal((await deliver(succeeded)).body.outcome, 'applied');
      assert.equal((await deliver(processing)).body.outcome, 'unchanged');
      assert.equal(await ledgerRows(), rows + 1);
      assert.equal((await svc.request(`/api/v1/payments/${payment.id}`, { token: alex })).body.status, 'succeeded');
    });

    it('records refunds from charge.refunded: a partial one keeps the payment succeeded; the rest makes it refunded and the invoice owed again', async () => {
      const { invoice, reply } = await paid(8_000, card('pm_card_visa'));
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      const intent = intentsFor(reply.body.payment.id)[0]!;
      stripe.dashboardRefund(intent.id, 1_000);
      const partial = await deliver(stripe.event('charge.refunded', stripe.chargeOf(intent.id)));
      assert.equal(partial.body.outcome, 'applied');
      const partly = (await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: alex })).body;
      assert.equal(partly.status, 'succeeded', 'a partial refund is not a refunded payment');
      assert.equal(partly.amountRefunded, 1_000);
      stripe.dashboardRefund(intent.id);
      const delivered = await deliver(stripe.event('charge.refunded', stripe.chargeOf(intent.id)));
      assert.equal(delivered.body.outcome, 'applied');
      assert.equal((await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: alex })).body.status, 'refunded');
      const owed = await kit.invoiceAs(alex, invoice.id);
      assert.equal(owed.openBalance, 8_000);
      assert.notEqual(owed.status, 'paid');
    });

    it('marks a disputed charge disputed, and a late success does not undo it; a won dispute does', async () => {
      const { reply } = await paid(6_000, card('pm_card_visa'));
      const intent = intentsFor(reply.body.payment.id)[0]!;
      const status = async () => (await svc.request(`/api/v1/payments/${reply.body.payment.id}`, { token: alex })).body.status;
      assert.equal((await deliver(stripe.event('charge.dispute.created', stripe.disputeOf(intent.id)))).body.outcome, 'applied');
      assert.equal(await status(), 'disputed');
      assert.equal((await deliver(stripe.event('payment_intent.succeeded', intent))).body.outcome, 'unchanged');
      assert.equal(await status(), 'disputed');
      assert.equal((await deliver(stripe.event('charge.dispute.closed', stripe.disputeOf(intent.id, { status: 'won' })))).body.outcome, 'applied');
      assert.equal(await status(), 'succeeded');
    });

    it('answers 200 to event types it does not handle and to PaymentIntents that are not ours', async () => {
      const rows = await ledgerRows();
      const unknownType = await deliver(stripe.event('customer.created', { id: 'cus_x', object: 'customer' }));
      assert.equal(unknownType.status, 200);
      assert.equal(unknownType.body.outcome, 'ignored');
      const foreign = await deliver(
        stripe.event('payment_intent.succeeded', { id: 'pi_someone_elses', object: 'payment_intent', status: 'succeeded', metadata: {} }),
      );
      assert.equal(foreign.status, 200);
      assert.equal(foreign.body.outcome, 'ignored');
      assert.equal(await ledgerRows(), rows);
    });
  });

  describe('trust and operating money', () => {
    it('splits a mixed checkout into two PaymentIntents; trust is a destination charge of the full amount', async () => {
      const operating = await kit.invoice({ amount: 10_000 });
      const trust = await kit.invoice({ amount: 50_000, depositAccount: 'trust' });
      const reply = await kit.pay(alex, {
        allocations: [
          { invoiceId: operating.id, amount: 10_000 },
          { invoiceId: trust.id, amount: 50_000 },
        ],
        paymentMethod: card('pm_card_visa'),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payments.length, 2);
      const byAccount = Object.fromEntries(reply.body.payments.map((payment: any) => [payment.allocations[0].depositAccount, payment]));
      const trustIntent = intentsFor(byAccount.trust.id);
      const operatingIntent = intentsFor(byAccount.operating.id);
      assert.equal(trustIntent.length, 1);
      assert.equal(operatingIntent.length, 1);
      assert.deepEqual(trustIntent[0]!.transfer_data, { destination: 'acct_1TrustHale', amount: 50_000 });
      assert.equal(trustIntent[0]!.amount, 50_000);
      assert.equal(trustIntent[0]!.metadata.account, 'trust');
      assert.deepEqual(operatingIntent[0]!.transfer_data, { destination: 'acct_1OperatingHale', amount: 10_000 });
    });

    it('refuses trust money with 422 trust_account_missing before charging anything', async () => {
      assert.equal((await kit.admin('/settings', { method: 'PATCH', body: { settings: { stripe: { trustAccount: null } } } })).status, 200);
      try {
        const operating = await kit.invoice({ amount: 1_000 });
        const trust = await kit.invoice({ amount: 2_000, depositAccount: 'trust' });
        const intents = stripe.intents().length;
        const payments = await kit.rows.payments();
        const reply = await kit.pay(alex, {
          allocations: [
            { invoiceId: operating.id, amount: 1_000 },
            { invoiceId: trust.id, amount: 2_000 },
          ],
          paymentMethod: card('pm_card_visa'),
        });
        assertProblem(reply, 422, 'trust_account_missing');
        assert.equal(stripe.intents().length, intents, 'no PaymentIntent, not even for the operating part');
        assert.equal(await kit.rows.payments(), payments, 'nothing reserved');
      } finally {
        await kit.admin('/settings', {
          method: 'PATCH',
          body: { settings: { stripe: { trustAccount: 'acct_1TrustHale', operatingAccount: 'acct_1OperatingHale' } } },
        });
      }
    });

    it('refuses a connected account id that is not one', async () => {
      const reply = await kit.admin('/settings', { method: 'PATCH', body: { settings: { stripe: { trustAccount: 'ba_123' } } } });
      assertProblem(reply, 400, 'invalid_request');
    });
  });

  describe('when Stripe does not answer', () => {
    it('retries a dropped answer with the same key: one PaymentIntent, one payment', async () => {
      stripe.dropResponses(1);
      const payments = await kit.rows.payments();
      const { reply } = await paid(3_300, card('pm_card_visa'));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.status, 'succeeded');
      assert.equal(await kit.rows.payments(), payments + 1);
      const attempts = stripe.requests.filter(
        (request) => request.path === '/v1/payment_intents' && request.params.metadata?.paymentId === reply.body.payment.id,
      );
      assert.equal(attempts.length, 2, 'sent twice');
      assert.equal(attempts[1]!.replayed, true, 'the second was answered from the first');
      assert.equal(attempts[0]!.idempotencyKey, attempts[1]!.idempotencyKey);
      assert.equal(intentsFor(reply.body.payment.id).length, 1);
    });

    it('answers 503 processor_unavailable once retries run out, keeps the balance reserved, and the same request then completes once', async () => {
      stripe.dropResponses(3);
      const key = randomUUID();
      const payments = await kit.rows.payments();
      const { invoice, body, reply } = await paid(4_400, card('pm_card_visa'), { key });
      assertProblem(reply, 503, 'processor_unavailable');
      assert.equal(reply.body.reason, 'unreachable');
      assert.equal(await kit.rows.payments(), payments + 1, 'the payment is kept');
      const waiting = await svc.request('/api/v1/payments', { token: alex });
      const pending = waiting.body.data.find((payment: any) => payment.allocations[0].invoiceId === invoice.id);
      assert.equal(pending.status, 'processing', 'neither failed nor released');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 0, 'the balance stays reserved');
      assert.equal(intentsFor(pending.id).length, 1, 'Stripe made the PaymentIntent; its answer was lost');

      const again = await kit.pay(alex, body, key);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body.payment.id, pending.id, 'the same payment');
      assert.equal(again.body.payment.status, 'succeeded');
      assert.equal(await kit.rows.payments(), payments + 1);
      assert.equal(intentsFor(pending.id).length, 1, 'exactly one PaymentIntent');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      assert.equal((await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(pending.receiptNumber)).length, 1);

      const replayed = await kit.pay(alex, body, key);
      assert.equal(replayed.status, 201);
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
      assert.equal(intentsFor(pending.id).length, 1);
    });

    it('with no retry from the client, the recovery sweep finds the charge Stripe made and records it once the lease runs out', async () => {
      stripe.dropResponses(3);
      const key = randomUUID();
      const { invoice, body, reply } = await paid(2_100, card('pm_card_visa'), { key });
      assertProblem(reply, 503, 'processor_unavailable');
      const paymentId = stripe.intents().at(-1)!.metadata.paymentId!;

      assert.deepEqual(await svc.services.checkout.recover(), { settled: 0, abandoned: 0, waiting: 0 }, 'not before the lease runs out');
      svc.clock.advance(checkoutLeaseMs);
      await svc.sweep(() => svc.services.checkout.recover());
      const payment = await svc.request(`/api/v1/payments/${paymentId}`, { token: alex });
      assert.equal(payment.body.status, 'succeeded');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      assert.equal(intentsFor(paymentId).length, 1, 'found, not charged again');
      assert.equal((await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes(payment.body.receiptNumber)).length, 1);

      const retried = await kit.pay(alex, body, key);
      assert.equal(retried.status, 201, 'the retry gets the final answer');
      assert.equal(retried.headers.get('idempotent-replayed'), 'true');
      assert.equal(retried.body.payment.status, 'succeeded');
    });

    it('the recovery sweep fails a charge Stripe never made and frees the balance', async () => {
      stripe.failRequests(500, 1);
      const key = randomUUID();
      const { invoice, body, reply } = await paid(2_200, card('pm_card_visa'), { key });
      assertProblem(reply, 502, 'processor_unavailable');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 0, 'held while nobody knows');

      svc.clock.advance(checkoutLeaseMs);
      await svc.sweep(() => svc.services.checkout.recover());
      const invoiceAfter = await kit.invoiceAs(alex, invoice.id);
      assert.equal(invoiceAfter.openBalance, 2_200, 'the balance is free again');
      const retried = await kit.pay(alex, body, key);
      assert.equal(retried.status, 201);
      assert.equal(retried.body.payment.status, 'failed');
      assert.equal(retried.body.payment.failure.code, 'checkout_interrupted');
    });

    it('resumes a split checkout where it stopped: only the part without an answer is asked again', async () => {
      const operating = await kit.invoice({ amount: 1_500 });
      const trust = await kit.invoice({ amount: 2_500, depositAccount: 'trust' });
      const body = {
        allocations: [
          { invoiceId: operating.id, amount: 1_500 },
          { invoiceId: trust.id, amount: 2_500 },
        ],
        paymentMethod: card('pm_card_visa'),
      };
      const key = randomUUID();
      const trustKey = processorKey(svc.fixtures.alex.id, key, 'trust');
      const operatingKey = processorKey(svc.fixtures.alex.id, key, 'operating');
      const intents = stripe.intents().length;
      // The operating charge goes through; every answer to the trust charge is lost.
      stripe.dropResponses(3, (request) => request.idempotencyKey === trustKey);
      assertProblem(await kit.pay(alex, body, key), 503, 'processor_unavailable');
      assert.equal(stripe.intents().length, intents + 2);

      const resumed = await kit.pay(alex, body, key);
      assert.equal(resumed.status, 201, JSON.stringify(resumed.body));
      assert.deepEqual(
        resumed.body.payments.map((payment: any) => payment.status),
        ['succeeded', 'succeeded'],
      );
      assert.equal(stripe.intents().length, intents + 2, 'one PaymentIntent per deposit account');
      const sent = (idempotencyKey: string) => stripe.requests.filter((request) => request.idempotencyKey === idempotencyKey).length;
      assert.equal(sent(operatingKey), 1, 'the operating charge that was answered is not sent again');
      assert.equal(sent(trustKey), 4, 'three lost answers, then the resumed one');
      assert.equal((await kit.invoiceAs(alex, trust.id)).status, 'paid');
      assert.equal((await kit.invoiceAs(alex, operating.id)).status, 'paid');
    });

    it('never releases a reservation when a resumed charge no longer matches the first (the firm changed accounts)', async () => {
      stripe.dropResponses(3);
      const key = randomUUID();
      const { invoice, body, reply } = await paid(1_700, card('pm_card_visa'), { key });
      assertProblem(reply, 503, 'processor_unavailable');
      await kit.admin('/settings', {
        method: 'PATCH',
        body: { settings: { stripe: { trustAccount: 'acct_1TrustHale', operatingAccount: 'acct_1OperatingNew' } } },
      });
      try {
        const again = await kit.pay(alex, body, key);
        assertProblem(again, 502, 'processor_unavailable');
        const paymentId = stripe.intents().at(-1)!.metadata.paymentId!;
        assert.equal(
          (await svc.request(`/api/v1/payments/${paymentId}`, { token: alex })).body.status,
          'processing',
          'the first charge may exist: nothing is released',
        );
        assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 0);
      } finally {
        await kit.admin('/settings', {
          method: 'PATCH',
          body: { settings: { stripe: { trustAccount: 'acct_1TrustHale', operatingAccount: 'acct_1OperatingHale' } } },
        });
      }
    });

    it('a webhook settles a payment whose answer was lost, even before the client retries', async () => {
      stripe.dropResponses(3);
      const key = randomUUID();
      const { invoice, body, reply } = await paid(2_200, debit('pm_usBankAccount_success'), { key });
      assertProblem(reply, 503, 'processor_unavailable');
      const intent = stripe.intents().at(-1)!;
      const paymentId = intent.metadata.paymentId!;
      const delivered = await deliver(stripe.event('payment_intent.succeeded', stripe.settle(intent.id)));
      assert.equal(delivered.body.outcome, 'applied');
      assert.equal((await svc.request(`/api/v1/payments/${paymentId}`, { token: alex })).body.status, 'succeeded');
      assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
      const again = await kit.pay(alex, body, key);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body.payment.id, paymentId);
      assert.equal(stripe.intents().filter((candidate) => candidate.metadata.paymentId === paymentId).length, 1);
    });

    it('answers a rate limit with a clear 503, and the retry goes through', async () => {
      stripe.failRequests(429, 1);
      const key = randomUUID();
      const { body, reply } = await paid(1_200, card('pm_card_visa'), { key });
      assertProblem(reply, 503, 'processor_unavailable');
      assert.equal(reply.body.reason, 'rate_limited');
      assert.match(reply.body.detail, /same Idempotency-Key/);
      const again = await kit.pay(alex, body, key);
      assert.equal(again.status, 201, JSON.stringify(again.body));
      assert.equal(again.body.payment.status, 'succeeded');
      assert.equal(intentsFor(again.body.payment.id).length, 1);
    });

    it("answers Stripe's own error with 502", async () => {
      stripe.failRequests(500, 1);
      const key = randomUUID();
      const { body, reply } = await paid(1_300, card('pm_card_visa'), { key });
      assertProblem(reply, 502, 'processor_unavailable');
      assert.equal(reply.body.reason, 'processor_error');
      const again = await kit.pay(alex, body, key);
      assert.equal(again.body.payment.status, 'succeeded');
    });

    it('answers 503 when Stripe is unreachable before anything was reserved, and holds nothing', async () => {
      stripe.dropResponses(3, /^\/v1\/payment_methods\//);
      const payments = await kit.rows.payments();
      const { invoice, reply } = await paid(1_400, card('pm_card_visa'));
      assertProblem(reply, 503, 'processor_unavailable');
      assert.equal(await kit.rows.payments(), payments);
      assert.equal((await kit.invoiceAs(alex, invoice.id)).openBalance, 1_400);
    });
  });
});

describe('with the default configuration', () => {
  it('uses the sandbox and never makes (or loads) Stripe or Plaid', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-default-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const storage = openSqliteStorage(dataDir);
    const made: string[] = [];
    try {
      const secrets = loadSecretsKey(config);
      const services = createServices({
        config,
        storage,
        keys: await SigningKeys.open(storage, secrets),
        secrets,
        mail: createMail(config, storage),
        providers: {
          stripe: () => {
            made.push('stripe');
            throw new Error('not expected');
          },
          plaid: () => {
            made.push('plaid');
            throw new Error('not expected');
          },
        },
      });
      assert.equal(services.paymentSetup.processor, 'sandbox');
      assert.equal(services.paymentSetup.bankLink, 'sandbox');
      assert.equal(services.stripeWebhooks, undefined);
      assert.deepEqual(made, []);
    } finally {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not even load the stripe or plaid modules', async () => {
    // A child process records every module the service resolves, then loads stripe itself to show the probe sees it.
    const hook = `
      let port;
      export async function initialize(data) {
        port = data.port;
        // Answered after every report posted before it: once the answer arrives, so have they.
        port.on('message', (message) => message === 'ping' && port.postMessage('pong'));
        port.unref();
      }
      export async function resolve(specifier, context, next) {
        const result = await next(specifier, context);
        if (/[\\/]node_modules[\\/](stripe|plaid)[\\/]/.test(result.url)) port.postMessage(result.url);
        return result;
      }`;
    const script = `
      import { register } from 'node:module';
      import { MessageChannel } from 'node:worker_threads';
      import fs from 'node:fs';
      import os from 'node:os';
      import path from 'node:path';
      const { port1, port2 } = new MessageChannel();
      const seen = [];
      let answered = () => {};
      port1.on('message', (message) => (message === 'pong' ? answered() : seen.push(message)));
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { port: port2 }, transferList: [port2] });
      // Every module resolved so far has been reported once the hooks answer a ping.
      const settle = () => new Promise((resolve) => { answered = resolve; port1.postMessage('ping'); });
      const { openServices, closeServices } = await import('./server/src/main.ts');
      const { createApp } = await import('./server/src/app.ts');
      const { loadConfig } = await import('./server/src/config.ts');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-probe-'));
      const services = await openServices(loadConfig({ DATA_DIR: dataDir }));
      createApp(services);
      await settle();
      const before = seen.length;
      await import('stripe');
      await import('plaid');
      await settle();
      await closeServices(services);
      fs.rmSync(dataDir, { recursive: true, force: true });
      port1.close();
      console.log(JSON.stringify({ before, after: seen.length }));
    `;
    const { before, after } = await runScript<{ before: number; after: number }>(script);
    assert.equal(before, 0, 'nothing of stripe or plaid was loaded by the service');
    assert.ok(after >= 2, `the probe sees them when they are loaded (${after})`);
  });

  it('refuses Plaid without Stripe at start, naming BANK_LINK', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-plaid-alone-'));
    const config = loadConfig({ DATA_DIR: dataDir, BANK_LINK: 'plaid', PLAID_CLIENT_ID: 'client', PLAID_SECRET: 'secret' });
    const storage = openSqliteStorage(dataDir);
    try {
      const secrets = loadSecretsKey(config);
      const keys = await SigningKeys.open(storage, secrets);
      assert.throws(() => createServices({ config, storage, keys, secrets, mail: createMail(config, storage) }), /BANK_LINK: plaid .*PAYMENTS=stripe/);
    } finally {
      await storage.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('validates STRIPE_API_BASE and PLAID_API_BASE as bare origins', () => {
    assert.equal(loadConfig({ STRIPE_API_BASE: 'http://127.0.0.1:12111' }).stripe.apiBase, 'http://127.0.0.1:12111');
    assert.equal(loadConfig({ PLAID_API_BASE: 'https://plaid-proxy.example' }).plaid.apiBase, 'https://plaid-proxy.example');
    assert.throws(() => loadConfig({ STRIPE_API_BASE: 'not a url' }), /STRIPE_API_BASE/);
    assert.throws(() => loadConfig({ PLAID_API_BASE: 'http://proxy.example/plaid' }), /PLAID_API_BASE: must be a scheme, host and port only/);
    assert.equal(loadConfig({}).stripe.apiBase, undefined);
  });
});
