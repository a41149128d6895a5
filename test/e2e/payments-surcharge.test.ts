import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { adminApi, demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';
import { done, fillCard, openInvoice, payNow, receiptFacts, result, setAmount, signIn, submitPayment, waitForEmail, type OutboxEmail } from './portal.ts';

const alex = demoClients.alex;
const isReceipt = (receiptNumber: string) => (email: OutboxEmail) => email.kind === 'receipt' && email.subject.includes(receiptNumber);

describe('a card surcharge on the demo portal', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    const admin = await adminApi(stack);
    const changed = await admin('PATCH', '/settings', { settings: { surcharge: { enabled: true, percent: 3 } } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function session(run: (watched: WatchedPage) => Promise<void>): Promise<void> {
    const watched = await watchPage(browser);
    try {
      await run(watched);
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  }

  it('a credit card sees the surcharge on its own line, confirms the total, and the receipt shows it', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
      const invoice = await openInvoice(page, 'INV-1003');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 10_000);
      await fillCard(pay, { number: '4242 4242 4242 4242', zip: '94110' });
      await submitPayment(pay);

      const line = pay.locator('[part="surcharge"]');
      await visible(line);
      assert.equal((await line.innerText()).replace(/\s+/g, ' ').trim(), 'Card surcharge (3%) $3.00');
      await visible(pay.getByText('Total: $103.00'));
      await visible(pay.getByRole('button', { name: 'Pay $103.00' }));
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$103.00');
      assert.equal(receipt['Card surcharge (3%), included'], '$3.00');
      const email = await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));
      assert.match(email.text, /Card surcharge \(3 %\): \$3\.00/);
      assert.match(email.text, /Applied to: INV-1003: \$100\.00/);
      await done(page);
      watched.assertClean();
    }));

  it('a debit card (4000 0566 5566 5556) pays with no surcharge', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
      const invoice = await openInvoice(page, 'INV-1003');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 5_000);
      await fillCard(pay, { number: '4000 0566 5566 5556', zip: '94110' });
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$50.00');
      assert.equal(
        Object.keys(receipt).some((term) => term.startsWith('Card surcharge')),
        false,
        'no surcharge on a debit card',
      );
      assert.equal(await pay.locator('[part="surcharge"]').count(), 0);
      const email = await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));
      assert.doesNotMatch(email.text, /Card surcharge/);
      assert.match(email.text, /\$50\.00/);
      watched.assertClean();
    }));
});
