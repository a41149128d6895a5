import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import {
  advanceSandboxClock,
  balanceDue,
  cents,
  done,
  fillCard,
  openInvoice,
  openSection,
  payNow,
  result,
  setAmount,
  signIn,
  submitPayment,
  waitForBalance,
  waitForEmail,
} from './portal.ts';

const alex = demoClients.alex;

/** The date `days` after a `YYYY-MM-DD` date. */
const after_ = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a client puts an invoice on a payment plan in the demo portal', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sets up 3 instalments; when the clock reaches the first date it is charged, in history and the outbox', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });

      // A card saved for later, from a small payment on another invoice.
      const other = await openInvoice(page, 'INV-1002');
      const pay = await payNow(page, other);
      await setAmount(pay, 1_000);
      await fillCard(pay, { number: '4242 4242 4242 4242' });
      await pay.getByLabel('Save this payment method for future use').check();
      await submitPayment(pay);
      await result(pay, 'Payment received');
      await done(page);

      await openSection(page, 'Invoices');
      const invoice = await openInvoice(page, 'INV-1003');
      const balance = await balanceDue(invoice);
      await invoice.getByRole('button', { name: 'Pay over time' }).click();
      await visible(invoice.getByLabel('Number of instalments'));
      assert.equal(await invoice.getByLabel('Number of instalments').inputValue(), '3');
      const first = invoice.getByLabel('Instalment 1', { exact: true });
      const earliest = (await first.getAttribute('min'))!;
      const dates = [after_(earliest, 2), after_(earliest, 32), after_(earliest, 62)];
      for (const [index, date] of dates.entries()) await invoice.getByLabel(`Instalment ${index + 1}`, { exact: true }).fill(date);
      assert.match(await invoice.getByLabel('Pay with').locator('option:checked').innerText(), /Visa ending in 4242/);
      await invoice.getByRole('button', { name: 'Review plan' }).click();

      const authorization = invoice.locator('[part~="authorization"]');
      await visible(authorization);
      assert.match(await authorization.innerText(), /charge my Visa ending in 4242 in 3 recurring payments/);
      await invoice.getByLabel('I have read and accept this authorization.').check();
      await invoice.getByRole('button', { name: 'Confirm plan' }).click();

      const instalments = invoice.getByRole('table', { name: /^Instalments of the plan for invoice INV-1003$/ });
      await visible(instalments);
      const statuses = async () => (await instalments.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((cell) => cell.trim());
      assert.deepEqual(await statuses(), ['Scheduled', 'Scheduled', 'Scheduled']);
      const amounts = (await instalments.locator('tbody tr td:nth-child(4)').allInnerTexts()).map(cents);
      assert.equal(
        amounts.reduce((sum, amount) => sum + amount, 0),
        balance,
        'the instalments add up to the balance',
      );

      await advanceSandboxClock(stack, 2);
      const email = await waitForEmail(stack, alex, (candidate) => candidate.kind === 'plan_instalment_paid');
      assert.match(email.subject, /^Plan payment 1 of 3 received: \$/);
      assert.equal(cents(email.subject), amounts[0]);

      await page.reload();
      const reloaded = await openInvoice(page, 'INV-1003');
      await waitForBalance(reloaded, balance - amounts[0]!);
      const table = reloaded.getByRole('table', { name: /^Instalments of the plan for invoice INV-1003$/ });
      await visible(table.getByRole('cell', { name: 'Paid', exact: true }));

      await openSection(page, 'Payments');
      const row = page.locator('portal-payments').getByRole('row').filter({ hasText: 'Plan instalment 1 of 3' });
      await visible(row);
      assert.equal(cents(await row.innerText()), amounts[0]);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
