/**
 * The payment flows of payments.test.ts, with Stripe as the processor: the token service runs with
 * PAYMENTS=stripe against a local stand-in for Stripe's API, and the browser gets a fake Stripe.js
 * (stripe-browser.ts) whose Payment Element offers Stripe's test payment methods. Nothing goes to
 * stripe.com.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import Stripe from 'stripe';
import { startStripeStandIn, type StripeStandIn } from '../server/helpers/stripe-stand-in.ts';
import { demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';
import {
  announced,
  balanceDue,
  dollars,
  done,
  openInvoice,
  openSection,
  outbox,
  payNow,
  paymentRow,
  receiptFacts,
  result,
  setAmount,
  signIn,
  submitPayment,
  waitForBalance,
  waitForEmail,
  type OutboxEmail,
} from './portal.ts';
import { fakeStripeJs, testMethodLabel, type StripeBrowser } from './stripe-browser.ts';

const webhookSecret = 'whsec_portico_e2e_secret';
const alex = demoClients.alex;
const isReceipt = (receiptNumber: string) => (email: OutboxEmail) => email.kind === 'receipt' && email.subject.includes(receiptNumber);

describe('a client pays through <portal-pay> on the demo portal, with Stripe', () => {
  let standIn: StripeStandIn;
  let stack: Stack;
  let browser: Browser;
  /** Only to sign test events the way Stripe does. */
  const signer = new Stripe('sk_test_signer_only');

  before(async () => {
    standIn = await startStripeStandIn();
    stack = await startStack({
      env: {
        PAYMENTS: 'stripe',
        STRIPE_SECRET_KEY: standIn.secretKey,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_portico_e2e',
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_BASE: standIn.baseUrl,
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
    await standIn?.close();
  });

  async function session(run: (watched: WatchedPage, stripeJs: StripeBrowser) => Promise<void>, options: Parameters<typeof watchPage>[1] = {}): Promise<void> {
    const watched = await watchPage(browser, options);
    try {
      const stripeJs = await fakeStripeJs(watched.context, standIn);
      await run(watched, stripeJs);
      watched.assertClean();
      assert.deepEqual(stripeJs.stripeRequests, [], 'nothing goes to stripe.com');
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  }

  /** Signs Alex in, opens an invoice, and returns it with its balance before paying. */
  async function openAlexInvoice(page: Page, number: string): Promise<{ invoice: Locator; balance: number }> {
    await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
    await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
    const invoice = await openInvoice(page, number);
    return { invoice, balance: await balanceDue(invoice) };
  }

  /** Chooses a method in the portal's list, then a Stripe test payment method in the Payment Element. */
  async function chooseStripeMethod(page: Page, pay: Locator, choice: 'Card' | 'Bank account numbers', testMethod: string): Promise<void> {
    await pay.getByRole('radio', { name: choice, exact: true }).check();
    const field = page.locator('.fake-stripe-payment-element').getByLabel(testMethodLabel);
    await visible(field);
    await field.selectOption(testMethod);
  }

  /** The stand-in's PaymentIntents paid with a test payment method, newest last. */
  const intentsWith = (method: string) => standIn.intents().filter((intent) => intent.payment_method === method);

  async function receiptEmails(): Promise<OutboxEmail[]> {
    return (await outbox(stack, alex)).filter((email) => email.kind === 'receipt');
  }

  it('pays part of an invoice by card: a receipt, the new balance, and the receipt by email', () =>
    session(async ({ page }) => {
      const { invoice, balance } = await openAlexInvoice(page, 'INV-1003');
      const pay = await payNow(page, invoice);
      await visible(pay.getByText(`Invoice INV-1003: ${dollars(balance)} can be paid now.`));
      await setAmount(pay, 12_500);
      await chooseStripeMethod(page, pay, 'Card', 'pm_card_visa');
      const before = intentsWith('pm_card_visa').length;
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      await visible(panel.getByText('Thank you. $125.00 was paid with Visa ending in 4242.'));
      const receipt = await receiptFacts(panel);
      assert.match(receipt['Receipt number']!, /^R-\d+$/);
      assert.equal(receipt.Amount, '$125.00');
      assert.equal(receipt['Paid with'], 'Visa ending in 4242');
      assert.equal(receipt.Invoices, 'INV-1003');
      await announced(pay, /Payment received/);
      const intents = intentsWith('pm_card_visa').slice(before);
      assert.equal(intents.length, 1, 'one PaymentIntent at Stripe');
      assert.deepEqual([intents[0]!.amount, intents[0]!.status], [12_500, 'succeeded']);

      const email = await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));
      assert.match(email.subject, /^Receipt R-\d+ from Hale & Whitmore LLP: \$125\.00$/);
      assert.match(email.text, /Paid with: Visa ending in 4242/);
      assert.match(email.text, /Applied to: INV-1003: \$125\.00/);

      await done(page);
      await waitForBalance(invoice, balance - 12_500);
    }));

  it('reads a declined card clearly and charges nothing', () =>
    session(async ({ page }) => {
      const { invoice, balance } = await openAlexInvoice(page, 'INV-1002');
      const receiptsBefore = (await receiptEmails()).length;
      const pay = await payNow(page, invoice);
      await setAmount(pay, 5_000);
      await chooseStripeMethod(page, pay, 'Card', 'pm_card_chargeDeclined');
      await submitPayment(pay);

      const panel = await result(pay, 'Your payment did not go through');
      const reason = 'Your card was declined. Try another card, or call the number on the back of your card to ask why.';
      await visible(panel.getByText(reason));
      assert.equal(await panel.getByRole('term').count(), 0, 'no receipt for a declined card');
      await announced(pay, /did not go through/);
      assert.equal(intentsWith('pm_card_chargeDeclined').at(-1)?.status, 'requires_payment_method');

      await panel.getByRole('button', { name: 'Try again' }).click();
      await visible(pay.getByRole('heading', { level: 2, name: 'Make a payment' }));
      await pay.getByRole('button', { name: 'Cancel', exact: true }).click();
      await pay.waitFor({ state: 'detached' });

      await page.reload();
      const reopened = await openInvoice(page, 'INV-1002');
      assert.equal(await balanceDue(reopened), balance, 'the balance is untouched');
      assert.equal((await receiptEmails()).length, receiptsBefore, 'no receipt was sent');
    }));

  it('runs 3-D Secure through Stripe.js: requires_action, handleNextAction, confirmed, paid', () =>
    session(async ({ page }, stripeJs) => {
      const { invoice, balance } = await openAlexInvoice(page, 'INV-1004');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 7_500);
      await chooseStripeMethod(page, pay, 'Card', 'pm_card_authenticationRequired');
      const before = intentsWith('pm_card_authenticationRequired').length;
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$75.00');
      assert.equal(receipt['Paid with'], 'Visa ending in 3155');
      const [intent, ...others] = intentsWith('pm_card_authenticationRequired').slice(before);
      assert.ok(intent && others.length === 0, 'one PaymentIntent at Stripe');
      assert.deepEqual(stripeJs.nextActions, [intent.client_secret], 'Stripe.js handled the next action with the intent’s client secret');
      assert.equal(intent.status, 'succeeded');

      await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));
      await done(page);
      await waitForBalance(invoice, balance - 7_500);
    }));

  it('pays by bank debit: processing until Stripe’s payment_intent.succeeded webhook, then succeeded with its receipt', () =>
    session(async ({ page }) => {
      const { invoice, balance } = await openAlexInvoice(page, 'INV-1003');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 6_000);
      await chooseStripeMethod(page, pay, 'Bank account numbers', 'pm_usBankAccount_success');

      const mandate = pay.getByRole('region', { name: 'Bank debit authorization' });
      await visible(mandate.locator('[part~="mandate-text"]'));
      const words = await mandate.locator('[part~="mandate-text"]').innerText();
      assert.match(words, /Hale & Whitmore LLP/);
      assert.match(words, /account at Test bank ending/, 'the test bank, as a client reads it');
      assert.match(words, /\$60\.00/);
      assert.match(words, /6789/);
      await mandate.getByRole('checkbox', { name: 'I authorize this debit' }).check();
      const before = intentsWith('pm_usBankAccount_success').length;
      await submitPayment(pay);

      const panel = await result(pay, 'Payment processing');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$60.00');
      assert.equal(receipt['Paid with'], 'Test bank account ending in 6789');
      const receiptNumber = receipt['Receipt number']!;
      await announced(pay, /Payment processing\./);
      const [intent, ...others] = intentsWith('pm_usBankAccount_success').slice(before);
      assert.ok(intent && others.length === 0, 'one PaymentIntent at Stripe');
      assert.equal(intent.status, 'processing');
      assert.equal(intent.amount, 6_000);
      assert.equal((await outbox(stack, alex)).some(isReceipt(receiptNumber)), false, 'no receipt before the bank settles');

      await done(page);
      assert.equal(await balanceDue(invoice), balance, 'the balance waits for the bank');

      // The bank settles: Stripe tells the service with a signed event.
      const payload = JSON.stringify(standIn.event('payment_intent.succeeded', standIn.settle(intent.id)));
      const delivered = await fetch(`${stack.serviceUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) },
        body: payload,
      });
      const answer = await delivered.text();
      assert.equal(delivered.status, 200, answer);
      assert.equal(JSON.parse(answer).outcome, 'applied', answer);

      const email = await waitForEmail(stack, alex, isReceipt(receiptNumber));
      assert.match(email.text, /Applied to: INV-1003: \$60\.00/);

      await page.goto(`${stack.portalUrl}#portal/payments`);
      await visible(page.getByRole('heading', { level: 2, name: 'Payment history' }));
      const row = paymentRow(page, receiptNumber);
      await visible(row);
      assert.ok(
        (await row.getByRole('cell').allInnerTexts()).some((cell) => cell.trim() === 'Succeeded'),
        await row.innerText(),
      );
      await openSection(page, 'Invoices');
      const settled = await openInvoice(page, 'INV-1003');
      assert.equal(await balanceDue(settled), balance - 6_000);
    }));
});
