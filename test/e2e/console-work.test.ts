/**
 * The firm's daily work in the console, each flow seen from both sides: margaret (an owner) in
 * the console and alex (a client) in the portal, in two browser contexts on one demo stack.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { demoClients, hidden, launchBrowser, startStack, uiTimeoutMs, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';
import { linkIn, openScreen, pdfFile, signInToConsole } from './console.ts';
import {
  balanceDue,
  dollars,
  fillCard,
  invoiceRow,
  openInvoice,
  paymentRow,
  payNow,
  receiptFacts,
  result,
  signIn,
  submitPayment,
  waitForEmail,
} from './portal.ts';

type PortalSection = 'Messages' | 'Files' | 'Invoices' | 'Payments';

/** Follows the portal's navigation to a section and returns its element once its heading shows. */
async function openPortalSection(page: Page, name: PortalSection): Promise<Locator> {
  // A link's name may end with its count: "Messages, 2 unread".
  await page
    .getByRole('navigation', { name: 'Client portal sections' })
    .getByRole('link', { name: new RegExp(`^${name}(, .+)?$`) })
    .click();
  const element = page.locator({ Messages: 'portal-messages', Files: 'portal-files', Invoices: 'portal-invoices', Payments: 'portal-payments' }[name]);
  const heading = name === 'Payments' ? 'Payment history' : name;
  await visible(element.getByRole('heading', { level: 2, name: new RegExp(`^${heading}`) }));
  return element;
}

/**
 * Chooses the option of a native select whose text starts with `text`, once it is there: the
 * console fills its client lists from the service after the form opens.
 */
async function choose(select: Locator, text: string): Promise<void> {
  const option = select
    .locator('option')
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first();
  await option.waitFor({ state: 'attached', timeout: uiTimeoutMs });
  await select.selectOption({ label: ((await option.textContent()) ?? '').trim() });
}

/** A date `days` from today as the date inputs take it (yyyy-mm-dd). */
function isoDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the staff’s daily work in the console, seen from the client’s portal too', () => {
  let stack: Stack;
  let browser: Browser;
  let staff: WatchedPage;
  let client: WatchedPage;
  // Carried from the invoice flow to the refund flow.
  let invoiceNumber = '';
  let receiptNumber = '';
  let invoiceTotal = 0;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    staff = await watchPage(browser);
    client = await watchPage(browser);
    await signInToConsole(staff.page, stack);
    await signIn(client.page, stack, demoClients.alex);
  });

  after(async () => {
    await staff?.close();
    await client?.close();
    await browser?.close();
    await stack?.stop();
  });

  /** Runs a flow, adding both pages' troubles and the servers' output to a failure. */
  async function flow(body: () => Promise<void>): Promise<void> {
    // Each flow answers for what it did: an earlier flow's failure is reported there only.
    staff.clear();
    client.clear();
    try {
      await body();
      staff.assertClean();
      client.assertClean();
    } catch (error) {
      if (error instanceof Error) {
        const seen = [...client.pageErrors, ...client.consoleErrors, ...client.failedRequests];
        if (seen.length) error.message += `\n\nIn the client's browser:\n${seen.join('\n')}`;
      }
      throw withLogs(error, stack, staff);
    }
  }

  it('replies to a client’s unread thread with an attachment, which the client then reads', () =>
    flow(async () => {
      const subject = 'Question about the hearing date';
      // Alex writes: the firm has a thread it has not read.
      const messages = await openPortalSection(client.page, 'Messages');
      await messages.getByRole('button', { name: 'New message' }).first().click();
      await messages.getByLabel('Subject').fill(subject);
      await messages.getByLabel('Message', { exact: true }).fill('Is the hearing still on the 12th?');
      await messages.getByRole('button', { name: 'Send message' }).click();
      await visible(messages.getByRole('heading', { level: 3, name: subject }));
      // Alex moves on, so the firm's answer arrives in a thread they do not have open.
      await openPortalSection(client.page, 'Invoices');

      const inbox = await openScreen(staff.page, 'Inbox');
      await inbox.getByRole('button', { name: 'Refresh' }).click();
      const thread = inbox.getByRole('list', { name: 'Threads, newest activity first' }).getByRole('button').filter({ hasText: subject });
      await visible(thread.getByText('1 unread message', { exact: true }));
      await thread.click();
      await visible(inbox.getByRole('heading', { level: 3, name: subject }));
      const log = inbox.getByRole('region', { name: `Messages in “${subject}”` });
      await visible(log.getByText('Is the hearing still on the 12th?'));
      await hidden(thread.locator('[part~="unread-badge"]'));

      // The reply carries a document.
      const order = await pdfFile('Scheduling order.pdf', 20_000);
      const chooser = staff.page.waitForEvent('filechooser');
      await inbox.getByRole('button', { name: 'Attach files' }).click();
      await (await chooser).setFiles(order);
      await visible(inbox.getByRole('list', { name: 'Files to send' }).getByText('Scheduling order.pdf'));
      await inbox.getByLabel('Reply', { exact: true }).fill('Yes, the 12th at 9 am. The scheduling order is attached.');
      await inbox.getByRole('button', { name: 'Send', exact: true }).click();
      await visible(log.getByText('Yes, the 12th at 9 am.', { exact: false }));
      await visible(log.getByRole('button', { name: /Scheduling order\.pdf/ }));

      // Alex sees the reply and its attachment.
      await client.page.reload();
      const portalMessages = await openPortalSection(client.page, 'Messages');
      const portalThread = portalMessages.getByRole('list', { name: 'Conversations' }).getByRole('button').filter({ hasText: subject });
      await visible(portalThread.getByText('1 unread message', { exact: false }));
      await portalThread.click();
      const portalLog = portalMessages.getByRole('region', { name: `Messages in “${subject}”` });
      await visible(portalLog.getByText('Yes, the 12th at 9 am.', { exact: false }));
      await visible(portalLog.getByRole('button', { name: /Scheduling order\.pdf/ }));
    }));

  it('sends an invoice that the client then pays by card, and sees it paid', () =>
    flow(async () => {
      const invoices = await openScreen(staff.page, 'Invoices');
      await invoices.getByRole('button', { name: 'New invoice' }).click();
      const form = invoices.getByRole('form', { name: 'New invoice' });
      await visible(form);
      await choose(form.getByLabel('Client', { exact: true }), 'Alex');
      await form.getByLabel('Matter').fill('Castellan v. Morgan');
      await form.getByLabel('Due date').fill(isoDate(30));
      await form.getByRole('radio', { name: 'Operating' }).check();
      // Line 1: 2.5 hours at $300; line 2: a $150 filing fee.
      const line1 = form.getByRole('group', { name: 'Line 1' });
      await line1.getByLabel('Kind').selectOption('time');
      await line1.getByLabel('Description').fill('Deposition preparation');
      await line1.getByLabel('Hours').fill('2.5');
      await line1.getByLabel(/Hourly rate/).fill('300');
      await form.getByRole('button', { name: 'Add a line' }).click();
      const line2 = form.getByRole('group', { name: 'Line 2' });
      await line2.getByLabel('Kind').selectOption('expense');
      await line2.getByLabel('Description').fill('Court filing fee');
      await line2.getByLabel('Quantity').fill('1');
      await line2.getByLabel(/Unit price/).fill('150');
      const discount = form.getByRole('group', { name: 'Discount' });
      await discount.getByLabel('How').selectOption('amount');
      await discount.getByLabel(/^Discount/).fill('50');
      const tax = form.getByRole('group', { name: 'Tax' });
      await tax.getByLabel('How').selectOption('percent');
      await tax.getByLabel(/^Tax/).fill('10');
      // (750 + 150 − 50) × 1.10 = $935.00.
      invoiceTotal = 93_500;
      await visible(form.locator('[data-total]').getByText(dollars(invoiceTotal), { exact: true }));
      await form.getByRole('button', { name: 'Save draft' }).click();

      const created = invoices.getByRole('status').filter({ hasText: /Draft .+ created\./ });
      await created.first().waitFor({ state: 'attached' });
      invoiceNumber = /Draft (.+) created\./.exec((await created.first().textContent()) ?? '')![1]!;
      await visible(invoices.getByRole('heading', { name: `Invoice ${invoiceNumber}` }));
      await invoices.getByRole('button', { name: 'Send to client' }).click();
      await invoices
        .getByRole('status')
        .filter({ hasText: `Invoice ${invoiceNumber} sent to the client.` })
        .first()
        .waitFor({ state: 'attached' });

      // Alex is emailed, and sees it with the right total.
      const email = await waitForEmail(stack, demoClients.alex, (mail) => mail.text.includes(invoiceNumber));
      assert.match(email.text, new RegExp(dollars(invoiceTotal).replace(/[$.]/g, '\\$&')));
      await client.page.reload();
      await openPortalSection(client.page, 'Invoices');
      const row = invoiceRow(client.page, invoiceNumber);
      await visible(row);
      assert.match(await row.innerText(), new RegExp(dollars(invoiceTotal).replace(/[$.]/g, '\\$&')));
      const invoice = await openInvoice(client.page, invoiceNumber);
      assert.equal(await balanceDue(invoice), invoiceTotal);
      const pay = await payNow(client.page, invoice);
      await fillCard(pay, { number: '4242 4242 4242 4242' });
      await submitPayment(pay);
      const receipt = await receiptFacts(await result(pay, 'Payment received'));
      receiptNumber = receipt['Receipt number']!;
      assert.match(receiptNumber, /^R-\d+$/);
      assert.equal(receipt.Amount, dollars(invoiceTotal));
      assert.equal(receipt['Paid with'], 'Visa ending in 4242');
      assert.equal(receipt.Invoices, invoiceNumber);

      // Margaret, still on the invoice she sent, goes back to the list: it is paid. Then the payment.
      const list = staff.page.locator('portal-console-invoices');
      await list.getByRole('button', { name: 'Back to invoices' }).click();
      const paidRow = list.getByRole('row').filter({ has: staff.page.getByRole('button', { name: invoiceNumber, exact: true }) });
      await visible(paidRow.getByText('Paid', { exact: true }));
      const payments = await openScreen(staff.page, 'Payments');
      await visible(payments.getByRole('button', { name: `Payment ${receiptNumber}, ${dollars(invoiceTotal)}` }));
    }));

  it('refunds part of that payment after a confirmation, and the client sees it refunded', () =>
    flow(async () => {
      assert.ok(receiptNumber, 'the invoice flow made a payment');
      const payments = await openScreen(staff.page, 'Payments');
      await payments.getByRole('button', { name: `Payment ${receiptNumber}, ${dollars(invoiceTotal)}` }).click();
      const detail = payments.getByRole('article', { name: `Payment ${receiptNumber}` });
      await visible(detail);
      await detail.getByRole('button', { name: 'Refund…' }).click();
      const refund = payments.getByRole('form', { name: 'Refund this payment' });
      await refund.getByLabel(/Amount to refund/).fill('100.00');
      await refund.getByLabel('Reason (optional)').fill('Filing fee waived by the court');
      await refund.getByRole('button', { name: 'Review the refund' }).click();
      const confirm = payments.getByRole('alertdialog', { name: 'Refund $100.00?' }).or(payments.getByRole('dialog', { name: 'Refund $100.00?' }));
      await visible(confirm);
      await confirm.getByRole('button', { name: 'Refund $100.00' }).click();
      await payments
        .getByRole('status')
        .filter({ hasText: /Refunded \$100\.00|refund of \$100\.00 is on its way/i })
        .first()
        .waitFor({ state: 'attached' });
      await visible(detail.getByText('Partially refunded', { exact: true }).first());
      await visible(detail.getByRole('list', { name: 'Refunds' }).getByText('$100.00', { exact: false }));

      await client.page.reload();
      await openPortalSection(client.page, 'Payments');
      const row = paymentRow(client.page, receiptNumber);
      await visible(row.getByText('Partially refunded', { exact: true }));
      await visible(row.getByText('Refunded $100.00', { exact: true }));
    }));

  it('shares a document into a matter folder with progress, which the client then downloads', () =>
    flow(async () => {
      const files = await openScreen(staff.page, 'Files');
      await files.getByRole('button', { name: 'Share a document' }).click();
      const share = files.getByRole('form', { name: 'Share a document with a client' });
      await choose(share.getByLabel('Client', { exact: true }), 'Alex');
      await share.getByLabel('Folder (matter)').selectOption({ label: 'New folder…' });
      await share.getByLabel('Name of the new folder').fill('Castellan v. Morgan');
      const document = await pdfFile('Deposition outline.pdf', 2 * 1024 * 1024);
      await share.getByLabel('Document').setInputFiles(document);

      // A slow uplink makes the progress bar something a person (and this test) can see.
      const cdp = await staff.context.newCDPSession(staff.page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
      try {
        await share.getByRole('button', { name: 'Share', exact: true }).click();
        const progress = share.getByRole('progressbar', { name: 'Sending Deposition outline.pdf' });
        await visible(progress);
        await files.getByRole('status').filter({ hasText: 'Deposition outline.pdf was shared.' }).first().waitFor({ state: 'attached', timeout: 30_000 });
      } finally {
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await cdp.detach();
      }
      const listed = files.getByRole('list', { name: 'Files' }).getByRole('listitem').filter({ hasText: 'Deposition outline.pdf' });
      await visible(listed);
      assert.match(await listed.innerText(), /Castellan v\. Morgan/);

      await client.page.reload();
      const portalFiles = await openPortalSection(client.page, 'Files');
      const shared = portalFiles.locator('[part~="file"]').filter({ hasText: 'Deposition outline.pdf' });
      await visible(shared);
      const download = client.page.waitForEvent('download');
      await shared.getByRole('button', { name: 'Download' }).click();
      const downloaded = await download;
      assert.equal(downloaded.suggestedFilename(), 'Deposition outline.pdf');
      const [got, sent] = await Promise.all([fs.readFile((await downloaded.path())!), fs.readFile(document)]);
      assert.equal(got.length, sent.length);
      assert.ok(got.equals(sent), 'the downloaded bytes are the shared document’s');
    }));

  it('changes the brand colour, which the client’s portal then shows', () =>
    flow(async () => {
      const brand = '#7a1f3d';
      const settings = await openScreen(staff.page, 'Settings');
      await settings.getByRole('tab', { name: 'Branding' }).click();
      const field = settings.getByLabel('Brand colour', { exact: true });
      await field.fill(brand);
      // Both lines of the contrast check pass: the colour on white, and the button text on it.
      for (const line of [/Brand colour on white/, /Button text \(#ffffff\) on the brand colour/]) {
        const item = settings.getByRole('listitem').filter({ hasText: line });
        await visible(item.getByText('Passes', { exact: true }));
        assert.match(await item.innerText(), /\d+\.\d\d:1/);
      }
      assert.equal(await settings.getByText('Fails', { exact: true }).count(), 0, 'nothing fails the contrast check');
      await settings.getByRole('button', { name: 'Save branding' }).click();
      await settings
        .getByRole('status')
        .filter({ hasText: 'Branding saved. Clients see it from their next page load.' })
        .first()
        .waitFor({ state: 'attached' });

      // The demo's example themes are the host page's CSS, which wins over the firm's branding by
      // design; without one, the portal wears what the firm set.
      await client.page.getByLabel('Portal theme (demo)').selectOption('firm');
      await client.page.reload();
      await openPortalSection(client.page, 'Invoices');
      // An invoice with something left to pay, so it has a pay button.
      const unpaid = client.page
        .locator('portal-invoices')
        .getByRole('row')
        .filter({ hasText: /\b(Open|Overdue|Partially paid)\b/ })
        .first();
      const opener = unpaid.getByRole('button').filter({ hasText: /^INV-/ });
      await visible(opener);
      const invoice = await openInvoice(client.page, (await opener.innerText()).trim());
      const payButton = invoice.getByRole('button', { name: /^pay now$/i }).first();
      await visible(payButton);
      // Away from the pointer, once a hover's easing has settled, the button is the brand colour.
      await client.page.mouse.move(0, 0);
      const brandRgb = 'rgb(122, 31, 61)';
      const backgroundOf = () => payButton.evaluate((button) => getComputedStyle(button).backgroundColor);
      const deadline = Date.now() + 5000;
      let shown = await backgroundOf();
      while (shown !== brandRgb && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        shown = await backgroundOf();
      }
      assert.equal(shown, brandRgb, 'the pay button wears the new brand colour');
    }));

  it('hides Settings, "New invoice" and refunds from a member with the staff role', () =>
    flow(async () => {
      const email = 'paralegal@example.com';
      await stack.cli(['staff', 'add', '--firm', 'demo', '--email', email, '--name', 'Priya Paralegal', '--role', 'staff']);
      const invitation = await waitForEmail(stack, email, (mail) => /invitation=/.test(mail.text));
      const link = linkIn(invitation.text, 'invitation');
      const watched = await watchPage(browser);
      try {
        const { page } = watched;
        await page.goto(link);
        const console = page.locator('portal-console');
        await (await visible(console.getByLabel('New password', { exact: true }))).fill('a long paralegal password');
        await console.getByLabel('Confirm new password').fill('a long paralegal password');
        await console.getByRole('button', { name: 'Create password' }).click();
        await visible(console.getByRole('button', { name: 'Sign out' }));
        const nav = console.getByRole('navigation', { name: 'Console' });
        await visible(nav.getByRole('link', { name: 'Inbox', exact: true }));
        assert.equal(await nav.getByRole('link', { name: 'Settings', exact: true }).count(), 0, 'no Settings for the staff role');

        const invoices = await openScreen(page, 'Invoices');
        await visible(invoices.getByRole('row').nth(1));
        assert.equal(await invoices.getByRole('button', { name: 'New invoice' }).count(), 0, 'no "New invoice" for the staff role');

        const payments = await openScreen(page, 'Payments');
        await payments
          .getByRole('button', { name: `Payment ${receiptNumber}`, exact: false })
          .first()
          .click();
        const detail = payments.getByRole('article', { name: `Payment ${receiptNumber}` });
        await visible(detail.getByText('Partially refunded', { exact: true }).first());
        assert.equal(await detail.getByRole('button', { name: 'Refund…' }).count(), 0, 'no refund button for the staff role');
        watched.assertClean();
      } catch (error) {
        throw withLogs(error, stack, watched);
      } finally {
        await watched.close();
      }
    }));
});
