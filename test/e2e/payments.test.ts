import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { demoClients, hidden, launchBrowser, startStack, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';
import {
  advanceSandboxClock,
  announced,
  balanceDue,
  cents,
  dollars,
  done,
  fillCard,
  openInvoice,
  openSection,
  outbox,
  payNow,
  paymentRow,
  receiptFacts,
  reenterCard,
  result,
  setAmount,
  signIn,
  submitPayment,
  totalsRow,
  waitForEmail,
  waitForBalance,
  waitForPayForm,
  type OutboxEmail,
} from './portal.ts';

const cards = {
  visa: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  threeDSecure: '4000 0025 0000 3155',
};
const bank = { routing: '110000000', good: '000123456789', insufficientFunds: '000222222227' };

const alex = demoClients.alex;
const isReceipt = (receiptNumber: string) => (email: OutboxEmail) => email.kind === 'receipt' && email.subject.includes(receiptNumber);

/** Signs Alex in, opens an invoice, and returns it with its balance before paying. */
async function openAlexInvoice(page: Page, stack: Stack, number: string): Promise<{ invoice: Locator; balance: number }> {
  await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
  await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
  const invoice = await openInvoice(page, number);
  return { invoice, balance: await balanceDue(invoice) };
}

/** The row of the invoice's "Payments applied" table for a receipt number, as its cells' texts. */
async function appliedPayment(invoice: Locator, receiptNumber: string): Promise<string[]> {
  const row = invoice.getByRole('table', { name: 'Payments applied' }).getByRole('row').filter({ hasText: receiptNumber });
  await visible(row);
  return (await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
}

async function receiptEmails(stack: Stack): Promise<OutboxEmail[]> {
  return (await outbox(stack, alex)).filter((email) => email.kind === 'receipt');
}

describe('a client pays through <portal-pay> on the demo portal', () => {
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

  async function session(run: (watched: WatchedPage) => Promise<void>, options: Parameters<typeof watchPage>[1] = {}): Promise<void> {
    const watched = await watchPage(browser, options);
    try {
      await run(watched);
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  }

  it('pays part of an invoice by card: a receipt, the new balance, and the receipt by email', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1003');
      const pay = await payNow(page, invoice);
      await visible(pay.getByText(`Invoice INV-1003: ${dollars(balance)} can be paid now.`));
      await setAmount(pay, 12_500);
      await visible(pay.getByText('Total: $125.00'));
      await fillCard(pay, { number: cards.visa });
      await visible(pay.getByText('Visa', { exact: true }));
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      await visible(panel.getByText('Thank you. $125.00 was paid with Visa ending in 4242.'));
      await visible(panel.getByText('We have emailed your receipt.'));
      const receipt = await receiptFacts(panel);
      assert.match(receipt['Receipt number']!, /^R-\d+$/);
      assert.equal(receipt.Amount, '$125.00');
      assert.equal(receipt['Paid with'], 'Visa ending in 4242');
      assert.equal(receipt.Invoices, 'INV-1003');
      assert.match(await announced(pay, /Payment received/), /Payment received\. Thank you\. \$125\.00 was paid with Visa ending in 4242\./);
      const heading = panel.getByRole('heading', { name: 'Payment received' });
      assert.equal(await heading.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element), true, 'focus moves to the result');

      const email = await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));
      assert.match(email.subject, /^Receipt R-\d+ from Hale & Whitmore LLP: \$125\.00$/);
      assert.match(email.text, /Paid with: Visa ending in 4242/);
      assert.match(email.text, /Applied to: INV-1003: \$125\.00/);

      await done(page);
      await waitForBalance(invoice, balance - 12_500);
      assert.equal(cents(await invoice.locator('[part~="footer"] strong').innerText()), balance - 12_500, 'the balance at the bottom too');
      const applied = await appliedPayment(invoice, receipt['Receipt number']!);
      assert.deepEqual([applied[1], applied[3], cents(applied[4]!)], ['Visa ending in 4242', 'Succeeded', 12_500]);
      watched.assertClean();
    }));

  it('reads a declined card clearly and charges nothing', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1002');
      const receiptsBefore = (await receiptEmails(stack)).length;
      const pay = await payNow(page, invoice);
      await setAmount(pay, 5_000);
      await fillCard(pay, { number: cards.declined });
      await submitPayment(pay);

      const panel = await result(pay, 'Your payment did not go through');
      const reason = 'Your card was declined. Try another card, or call the number on the back of your card to ask why.';
      await visible(panel.getByText(reason));
      assert.equal(await panel.getByRole('term').count(), 0, 'no receipt for a declined card');
      assert.match(await announced(pay, /did not go through/), new RegExp(`Your payment did not go through\\. ${reason.replace(/[.]/g, '\\.')}`));

      await panel.getByRole('button', { name: 'Try again' }).click();
      await visible(pay.getByRole('heading', { level: 2, name: 'Make a payment' }));
      assert.equal(await pay.getByLabel('Security code (CVC)').inputValue(), '', 'the security code is asked for again');
      await pay.getByRole('button', { name: 'Cancel', exact: true }).click();
      await pay.waitFor({ state: 'detached' });

      await page.reload();
      const reopened = await openInvoice(page, 'INV-1002');
      assert.equal(await balanceDue(reopened), balance, 'the balance is untouched');
      const attempts = reopened.getByRole('table', { name: 'Payments applied' }).getByRole('row').filter({ hasText: 'Visa ending in 0002' });
      for (const attempt of await attempts.all()) {
        assert.ok(
          (await attempt.getByRole('cell').allInnerTexts()).some((cell) => cell.trim() === 'Failed'),
          `a declined attempt shows as failed: ${await attempt.innerText()}`,
        );
      }
      assert.equal((await receiptEmails(stack)).length, receiptsBefore, 'no receipt was sent');
      watched.assertClean();
    }));

  it('says when a card has insufficient funds, and takes another card after “Try again”', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1002');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 4_000);
      await fillCard(pay, { number: cards.insufficientFunds });
      await submitPayment(pay);

      const panel = await result(pay, 'Your payment did not go through');
      await visible(panel.getByText('Your card was declined for insufficient funds. Try another card, or pay a smaller amount.'));
      await announced(pay, /insufficient funds/);

      await panel.getByRole('button', { name: 'Try again' }).click();
      await visible(pay.getByRole('heading', { level: 2, name: 'Make a payment' }));
      assert.equal(await pay.getByLabel('Payment amount', { exact: true }).inputValue(), '40.00', 'the amount is kept');
      await reenterCard(pay, { number: cards.visa, cvc: '321' });
      await submitPayment(pay);
      const paid = await result(pay, 'Payment received');
      assert.equal((await receiptFacts(paid)).Amount, '$40.00');

      await done(page);
      await page.reload();
      const reopened = await openInvoice(page, 'INV-1002');
      assert.equal(await balanceDue(reopened), balance - 4_000, 'only the second card was charged');
      watched.assertClean();
    }));

  it('runs 3-D Secure in the sandbox’s authentication dialog: failing it charges nothing, completing it pays', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1004');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 7_500);
      await fillCard(pay, { number: cards.threeDSecure });
      await submitPayment(pay);

      const dialog = pay.getByRole('dialog', { name: 'Confirm it’s you' });
      await visible(dialog);
      await visible(dialog.getByText('Your card issuer asks you to confirm the payment of $75.00 with Visa ending in 3155.'));
      await dialog.getByRole('button', { name: 'Fail authentication' }).click();
      await hidden(dialog);
      const failed = await result(pay, 'Your payment did not go through');
      await visible(failed.getByText(/Your card issuer could not confirm that it is you, so nothing was charged\./));

      await failed.getByRole('button', { name: 'Try again' }).click();
      await reenterCard(pay, { number: cards.threeDSecure });
      await submitPayment(pay);
      await visible(dialog);
      await dialog.getByRole('button', { name: 'Complete authentication' }).click();
      await hidden(dialog);
      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$75.00');
      assert.equal(receipt['Paid with'], 'Visa ending in 3155');
      await announced(pay, /Payment received\. Thank you\. \$75\.00 was paid with Visa ending in 3155\./);
      await waitForEmail(stack, alex, isReceipt(receipt['Receipt number']!));

      await done(page);
      await page.reload();
      const reopened = await openInvoice(page, 'INV-1004');
      assert.equal(await balanceDue(reopened), balance - 7_500, 'charged once, after authentication');
      watched.assertClean();
    }));

  it('pays several invoices at once from “Pay all open invoices”, with the allocations on the receipt and in the history', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
      await (await visible(page.getByRole('button', { name: 'Pay all open invoices' }))).click();
      const pay = await waitForPayForm(page);
      const shares = pay.getByRole('group', { name: 'How your payment is applied' });
      await visible(shares);
      const labels = await shares
        .getByRole('textbox')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim()));
      assert.deepEqual(
        labels,
        ['Amount for invoice INV-1002', 'Amount for invoice INV-1003', 'Amount for invoice INV-1005', 'Amount for invoice INV-1004'],
        'oldest due first',
      );

      const share = (number: string) => shares.getByLabel(`Amount for invoice ${number}`, { exact: true });
      for (const [number, amount] of [
        ['INV-1002', '30.00'],
        ['INV-1003', '20.00'],
        ['INV-1005', '0.00'],
        ['INV-1004', '0.00'],
      ] as const) {
        await share(number).fill(amount);
        await share(number).blur();
      }
      assert.equal(await pay.getByLabel('Total payment', { exact: true }).inputValue(), '50.00', 'the total follows the shares');
      await visible(pay.getByText('Total: $50.00'));
      await fillCard(pay, { number: cards.visa });
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$50.00');
      assert.equal(receipt.Invoices, 'INV-1002, INV-1003');
      const receiptNumber = receipt['Receipt number']!;
      assert.match(receiptNumber, /^R-\d+$/);
      const email = await waitForEmail(stack, alex, isReceipt(receiptNumber));
      assert.match(email.text, /Applied to: INV-1002: \$30\.00, INV-1003: \$20\.00/);

      await done(page);
      await openSection(page, 'Payments');
      const row = paymentRow(page, receiptNumber);
      await visible(row).catch(() => assert.fail(`the payment history does not list the payment just made (${receiptNumber})`));
      const cells = (await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
      assert.ok(cells.includes('$50.00'), cells.join(' | '));
      assert.ok(cells.includes('Visa ending in 4242'), cells.join(' | '));
      assert.ok(
        cells.some((cell) => /INV-1002, INV-1003$/.test(cell)),
        cells.join(' | '),
      );
      assert.ok(cells.includes('Succeeded'), cells.join(' | '));
      watched.assertClean();
    }));

  it('splits one payment to a trust retainer and an invoice by account, with a receipt for each', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, alex, { path: '/portal/#portal/invoices' });
      await (await visible(page.getByRole('button', { name: 'Pay all open invoices' }))).click();
      const pay = await waitForPayForm(page);
      const shares = pay.getByRole('group', { name: 'How your payment is applied' });
      for (const [number, amount] of [
        ['INV-1002', '0.00'],
        ['INV-1003', '0.00'],
        ['INV-1005', '40.00'],
        ['INV-1004', '10.00'],
      ] as const) {
        const field = shares.getByLabel(`Amount for invoice ${number}`, { exact: true });
        await field.fill(amount);
        await field.blur();
      }
      await fillCard(pay, { number: cards.visa });
      await submitPayment(pay);

      const panel = await result(pay, 'Payment received');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$50.00');
      const numbers = receipt['Receipt number']!.split(', ');
      assert.equal(numbers.length, 2, `one receipt per account: ${receipt['Receipt number']}`);
      assert.deepEqual(receipt.Invoices!.split(', ').sort(), ['INV-1004', 'INV-1005']);
      const emails = await Promise.all(numbers.map((number) => waitForEmail(stack, alex, isReceipt(number))));
      const trust = emails.find((email) => /INV-1005/.test(email.text));
      const operating = emails.find((email) => /INV-1004/.test(email.text));
      assert.ok(trust && operating && trust !== operating, emails.map((email) => email.subject).join('\n'));
      assert.match(trust.subject, /\$40\.00$/);
      assert.match(trust.text, /deposited to your trust account/);
      assert.match(operating.subject, /\$10\.00$/);
      assert.doesNotMatch(operating.text, /trust account/);
      watched.assertClean();
    }));

  it('saves a card for later, offers it first next time, pays with it, then removes it', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1004');
      let pay = await payNow(page, invoice);
      await setAmount(pay, 2_000);
      await fillCard(pay, { number: cards.visa, expiry: '11 / 31' });
      await pay.getByRole('checkbox', { name: 'Save this payment method for future use' }).check();
      await visible(pay.getByText(/I authorize Hale & Whitmore LLP to save this payment method/));
      await submitPayment(pay);
      await result(pay, 'Payment received');
      await done(page);

      pay = await payNow(page, invoice, 'bottom');
      const methods = pay.getByRole('group', { name: 'Payment method' });
      const radios = methods.getByRole('radio');
      await visible(radios.first());
      const names = await radios.evaluateAll((inputs) =>
        inputs.map((input) => (input as HTMLInputElement).closest('label')?.textContent?.replace(/\s+/g, ' ').trim()),
      );
      assert.deepEqual(names, ['Visa ending in 4242 expires 11/31', 'Card', 'Link Bank Account', 'Bank account numbers'], 'the saved card comes first');
      assert.equal(await radios.first().isChecked(), true, 'and is chosen');
      assert.equal(await pay.getByLabel('Card number').count(), 0, 'no card details to type again');
      await setAmount(pay, 1_500);
      await submitPayment(pay);
      const panel = await result(pay, 'Payment received');
      assert.equal((await receiptFacts(panel))['Paid with'], 'Visa ending in 4242');
      await done(page);
      await waitForBalance(invoice, balance - 3_500);

      pay = await payNow(page, invoice);
      await (await visible(pay.getByRole('button', { name: 'Remove Visa ending in 4242' }))).click();
      await visible(pay.getByText('Remove Visa ending in 4242 from your saved payment methods?'));
      await pay.getByRole('button', { name: 'Yes, remove it' }).click();
      await announced(pay, /Visa ending in 4242 was removed\./);
      await hidden(pay.getByRole('radio', { name: /Visa ending in 4242/ }));
      assert.equal(await pay.getByRole('radio', { name: 'Card', exact: true }).isChecked(), true, 'card details are asked for again');
      await pay.getByRole('button', { name: 'Cancel', exact: true }).click();
      await pay.waitFor({ state: 'detached' });

      pay = await payNow(page, invoice);
      await visible(pay.getByLabel('Card number'));
      assert.equal(await pay.getByRole('radio', { name: /Visa ending in 4242/ }).count(), 0, 'the card is gone for good');
      watched.assertClean();
    }));

  it('pays from a bank signed in to: processing until the bank settles, then succeeded with its receipt', () =>
    session(
      async (watched) => {
        const { page } = watched;
        const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1003');
        const pay = await payNow(page, invoice);
        await setAmount(pay, 6_000);
        await pay.getByRole('radio', { name: 'Link Bank Account' }).check();
        await pay.getByRole('button', { name: 'Connect your bank' }).click();

        const dialog = pay.getByRole('dialog');
        await visible(dialog.getByRole('heading', { name: 'Connect your bank' }));
        await dialog.getByRole('searchbox', { name: 'Search for your bank' }).fill('tartan');
        const banks = dialog.getByRole('list', { name: 'Banks' }).getByRole('button');
        await visible(banks.filter({ hasText: 'Tartan Bank' }));
        await hidden(banks.filter({ hasText: 'First Platypus Bank' }));
        assert.deepEqual(await banks.allInnerTexts(), ['Tartan Bank']);
        await banks.filter({ hasText: 'Tartan Bank' }).click();
        await visible(dialog.getByRole('heading', { name: 'Sign in to Tartan Bank' }));
        await dialog.getByLabel('Username').fill('user_good');
        await dialog.getByLabel('Password').fill('not-my-password');
        await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
        await visible(dialog.getByRole('alert').filter({ hasText: 'The username or password is incorrect. Check them and try again.' }));
        await dialog.getByLabel('Password').fill('pass_good');
        await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
        await visible(dialog.getByRole('heading', { name: 'Verify it’s you' }));
        await dialog.getByLabel('Verification code').fill('1234');
        await dialog.getByRole('button', { name: 'Verify', exact: true }).click();
        await visible(dialog.getByRole('heading', { name: 'Choose an account' }));
        await dialog.getByRole('radio', { name: /^Plaid Checking Checking ending in 0000$/ }).check();
        await dialog.getByRole('button', { name: 'Continue', exact: true }).click();
        await hidden(dialog);

        await visible(pay.locator('[part~="bank-link"]').getByText('Paying from Tartan Bank account ending in 0000.'));
        await announced(pay, /^Paying from Tartan Bank account ending in 0000\.$/);
        const mandate = pay.getByRole('region', { name: 'Bank debit authorization' });
        await visible(mandate.locator('[part~="mandate-text"]'));
        const words = await mandate.locator('[part~="mandate-text"]').innerText();
        assert.match(words, /Hale & Whitmore LLP/);
        assert.match(words, /\$60\.00/);
        assert.match(words, /0000/);

        await submitPayment(pay);
        await visible(pay.getByText('To pay from a bank account, read the authorization and tick “I authorize this debit”.'));
        await mandate.getByRole('checkbox', { name: 'I authorize this debit' }).check();
        await submitPayment(pay);

        const panel = await result(pay, 'Payment processing');
        await visible(panel.getByText(/Processing — bank payments usually take up to 3 business days/));
        const receipt = await receiptFacts(panel);
        assert.equal(receipt.Amount, '$60.00');
        assert.equal(receipt['Paid with'], 'Tartan Bank account ending in 0000');
        const receiptNumber = receipt['Receipt number']!;
        await announced(pay, /Payment processing\. Processing — bank payments/);

        await done(page);
        const applied = await appliedPayment(invoice, receiptNumber);
        assert.deepEqual([applied[3], cents(applied[4]!)], ['Processing', 6_000]);
        assert.equal(await totalsRow(invoice, 'Payments processing'), -6_000);
        assert.equal(await totalsRow(invoice, 'Left to pay'), balance - 6_000);
        assert.equal(await balanceDue(invoice), balance, 'the balance waits for the bank');
        assert.equal((await outbox(stack, alex)).some(isReceipt(receiptNumber)), false, 'no receipt before the bank settles');

        await page.goto(stack.outboxUrl);
        await (await visible(page.getByRole('button', { name: 'Advance 5 days' }))).click();
        await visible(page.getByRole('status').filter({ hasText: /\d+ bank payments? settled\./ }));
        const email = await waitForEmail(stack, alex, isReceipt(receiptNumber));
        assert.match(email.text, /Paid with: Tartan Bank account ending in 0000/);
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
        watched.assertClean();
      },
      { allowConsole: [/the server responded with a status of 400\b/] },
    ));

  it('pays from bank account numbers: processing, announced', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1002');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 4_500);
      await payFromAccountNumbers(pay, bank.good);
      const panel = await result(pay, 'Payment processing');
      const receipt = await receiptFacts(panel);
      assert.equal(receipt.Amount, '$45.00');
      assert.equal(receipt['Paid with'], 'Test bank account ending in 6789');
      await announced(pay, /Payment processing\./);
      assert.equal((await outbox(stack, alex)).some(isReceipt(receipt['Receipt number']!)), false, 'no receipt yet');

      await done(page);
      const applied = await appliedPayment(invoice, receipt['Receipt number']!);
      assert.equal(applied[3], 'Processing');
      assert.equal(await totalsRow(invoice, 'Left to pay'), balance - 4_500);
      watched.assertClean();
    }));

  it('tells the client when the bank returns a debit: failed after settlement, with an email', () =>
    session(async (watched) => {
      const { page } = watched;
      const { invoice, balance } = await openAlexInvoice(page, stack, 'INV-1003');
      const pay = await payNow(page, invoice);
      await setAmount(pay, 3_500);
      await payFromAccountNumbers(pay, bank.insufficientFunds);
      const panel = await result(pay, 'Payment processing');
      const receiptNumber = (await receiptFacts(panel))['Receipt number']!;
      await done(page);
      assert.equal((await appliedPayment(invoice, receiptNumber))[3], 'Processing');
      const failedEmail = (email: OutboxEmail) => email.kind === 'payment_failed' && email.text.includes('$35.00');
      assert.equal((await outbox(stack, alex)).some(failedEmail), false, 'no failure email before the bank answers');

      await advanceSandboxClock(stack, 5);
      const email = await waitForEmail(stack, alex, failedEmail);
      assert.match(email.subject, /^Your payment of \$35\.00 to Hale & Whitmore LLP did not go through$/);
      assert.match(email.text, /did not have enough funds/);
      assert.equal((await outbox(stack, alex)).some(isReceipt(receiptNumber)), false, 'no receipt for a returned debit');

      await page.reload();
      await openSection(page, 'Payments');
      // Money that came back has no receipt: the row says so where a receipt number would be.
      const row = page.locator('portal-payments').getByRole('row').filter({ hasText: '$35.00' }).filter({ hasText: 'No receipt' });
      await visible(row);
      assert.doesNotMatch(await row.innerText(), new RegExp(receiptNumber));
      const status = await row.getByRole('cell').filter({ hasText: 'Failed' }).innerText();
      assert.match(status, /Failed\s+Reason: The bank account did not have enough funds\./);
      await openSection(page, 'Invoices');
      const reopened = await openInvoice(page, 'INV-1003');
      assert.equal(await balanceDue(reopened), balance, 'the balance is owed again');
      assert.equal(await reopened.getByRole('row', { name: /Payments processing/ }).count(), 0);
      watched.assertClean();
    }));
});

/** Chooses "Bank account numbers", types the test bank's, accepts the authorization and pays. */
async function payFromAccountNumbers(pay: Locator, account: string): Promise<void> {
  await pay.getByRole('radio', { name: 'Bank account numbers' }).check();
  await pay.getByLabel('Account holder name').fill('Alex Morgan');
  await pay.getByLabel('Routing number').fill(bank.routing);
  await pay.getByLabel('Account number', { exact: true }).fill(account);
  await pay.getByLabel('Confirm account number').fill(account);
  await pay.getByRole('radio', { name: 'Checking' }).check();
  const mandate = pay.getByRole('region', { name: 'Bank debit authorization' });
  await visible(mandate.locator('[part~="mandate-text"]'));
  assert.match(await mandate.locator('[part~="mandate-text"]').innerText(), /account at Test bank ending/);
  await mandate.getByRole('checkbox', { name: 'I authorize this debit' }).check();
  await submitPayment(pay);
}
