import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { adminApi, demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import {
  advanceSandboxClock,
  cents,
  done,
  dollars,
  fillCard,
  openInvoice,
  openSection,
  payNow,
  result,
  sectionTabs,
  setAmount,
  signIn,
  submitPayment,
  waitForEmail,
} from './portal.ts';

const alex = demoClients.alex;
const matter = 'Estate of Eleanor Morgan (2025-0388)';

/** The date `days` after a `YYYY-MM-DD` date. */
const after_ = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a client turns on autopay for a matter in the demo portal', () => {
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

  it('the next invoice the firm publishes for it is charged on its due date, in history and the outbox', async () => {
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

      await sectionTabs(page).getByRole('link', { name: 'Profile' }).click();
      const autopay = page.locator('portal-autopay-settings');
      await visible(autopay.getByRole('heading', { name: 'Autopay' }));
      await autopay.getByRole('button', { name: `Turn on autopay for ${matter}` }).click();
      // The saved card is the only method, chosen already; its authorization is shown word for word.
      assert.equal(await autopay.getByLabel('Pay with').locator('option:checked').innerText(), 'Visa ending in 4242');
      const authorization = autopay.locator('[part~="authorization"]');
      await visible(authorization.getByText(/charge my Visa ending in 4242 in recurring payments/));
      assert.match(await authorization.innerText(), /for the matter “Estate of Eleanor Morgan \(2025-0388\)”/);
      await autopay.getByLabel('I have read and accept this authorization').check();
      await autopay.getByRole('button', { name: 'Turn on autopay', exact: true }).click();
      await visible(autopay.getByRole('button', { name: `Turn off autopay for ${matter}` }));

      // The firm publishes a new invoice for the matter, due in 2 days by the sandbox clock.
      const admin = await adminApi(stack);
      const clock = (await (await fetch(`${stack.serviceUrl}/dev/sandbox/clock`)).json()) as { now: string };
      // The firm's date, in its time zone: in Los Angeles the UTC date is a day ahead each evening.
      const { settings } = (await admin<{ settings: { timeZone: string } }>('GET', '/settings')).body;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone }).format(new Date(clock.now));
      const contacts = await admin<{ data: { id: string; email: string }[] }>('GET', `/contacts?q=${encodeURIComponent(alex)}`);
      const contactId = contacts.body.data.find((contact) => contact.email === alex)!.id;
      const created = await admin<{ id: string; number: string; total: number }>('POST', '/invoices', {
        contactId,
        number: 'INV-AP-1',
        matter,
        issuedOn: today,
        dueOn: after_(today, 2),
        lines: [{ kind: 'flat_fee', description: 'Probate filing, second stage', amount: 42_500 }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin('POST', `/invoices/${created.body.id}/send`)).status, 200);

      await page.reload();
      await openSection(page, 'Invoices');
      const invoice = await openInvoice(page, 'INV-AP-1');
      await visible(invoice.locator('[part~="autopay-note"]').getByText(`Autopay will charge ${dollars(42_500)}`));

      await advanceSandboxClock(stack, 2);
      const email = await waitForEmail(stack, alex, (candidate) => candidate.kind === 'autopay_paid');
      assert.equal(cents(email.subject), 42_500);
      await waitForEmail(stack, alex, (candidate) => candidate.kind === 'autopay_reminder');

      await page.reload();
      await openSection(page, 'Payments');
      const row = page.locator('portal-payments').getByRole('row').filter({ hasText: 'INV-AP-1' });
      await visible(row);
      assert.equal(cents(await row.innerText()), 42_500);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
