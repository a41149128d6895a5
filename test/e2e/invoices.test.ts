import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  adminApi,
  assertAccessible,
  demoClients,
  hidden,
  launchBrowser,
  startStack,
  visible,
  watchPage,
  withLogs,
  type Stack,
  type WatchedPage,
} from './harness.ts';
import { balanceDue, cents, invoiceRow, openInvoice, openSection, payForm, signIn, totalsRow, waitForPayForm } from './portal.ts';

const alexInvoices = ['INV-1005', 'INV-1004', 'INV-1003', 'INV-1002', 'INV-1001'];
const alexDraft = 'INV-1006';
const jordanInvoices = ['INV-1008', 'INV-1007'];

/** The firm's calendar date (the demo firm is in Los Angeles), `days` from today. */
function firmDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const tasks = {
  overdue: 'Sign and return the engagement letter',
  upcoming: 'Upload your lease and rent receipts',
  done: 'Send the names of witnesses to the habitability problems',
};
const events = {
  upcoming: 'Deposition of Dr. Sarah Castellan',
  done: 'Mediation session with Castellan Property Group',
};

/** The firm assigns Alex tasks and events, as its staff would through the API. */
async function publishActivities(stack: Stack): Promise<void> {
  const admin = await adminApi(stack);
  const contacts = await admin<{ data: { id: string; email: string }[] }>('GET', '/contacts?limit=200');
  const alex = contacts.body.data.find((contact) => contact.email === demoClients.alex);
  assert.ok(alex, 'Alex is a contact of the demo firm');
  const create = async (body: Record<string, unknown>) => {
    const created = await admin<{ id: string }>('POST', '/activities', { contactId: alex.id, ...body });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.id;
  };
  await create({ kind: 'task', title: tasks.overdue, dueOn: firmDate(-3), notes: 'Sign on page 4 and return the scanned copy through the portal.' });
  await create({ kind: 'task', title: tasks.upcoming, dueOn: firmDate(6) });
  const doneTask = await create({ kind: 'task', title: tasks.done, dueOn: firmDate(-10) });
  const completed = await admin('PATCH', `/activities/${doneTask}`, { completed: true });
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  const deposition = firmDate(12);
  await create({
    kind: 'event',
    title: events.upcoming,
    startsAt: `${deposition}T17:00:00.000Z`,
    endsAt: `${deposition}T19:30:00.000Z`,
    location: '48 Harbor Street, Suite 300, Portland, ME',
  });
  const mediation = firmDate(-14);
  await create({ kind: 'event', title: events.done, startsAt: mediation, endsAt: mediation, allDay: true });
}

function activityGroup(page: Page, name: 'Overdue' | 'Upcoming' | 'Done'): Locator {
  return page.locator('portal-activities').getByRole('region', { name: new RegExp(`^${name} \\(\\d+\\)$`) });
}

async function groupCount(group: Locator): Promise<number> {
  const heading = await group.getByRole('heading', { level: 3 }).innerText();
  const count = /\((\d+)\)/.exec(heading)?.[1];
  assert.ok(count, `a count in the group heading ${JSON.stringify(heading)}`);
  return Number(count);
}

/** The invoice numbers the list shows, top to bottom. */
async function listedNumbers(page: Page): Promise<string[]> {
  const table = page.locator('portal-invoices').getByRole('table', { name: 'Invoices' });
  await visible(table);
  return table.getByRole('button', { name: /^INV-/ }).allInnerTexts();
}

/** Fails when the page itself scrolls sideways. */
async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${where}: the page is ${scrollWidth} px wide in a ${clientWidth} px viewport`);
}

describe('a client reads tasks, invoices and payments in the demo portal', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    await publishActivities(stack);
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

  it('groups tasks and events as overdue, upcoming and done; a task marked done moves and stays done', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, demoClients.alex);
      await openSection(page, 'Tasks and events');

      const overdue = activityGroup(page, 'Overdue');
      const upcoming = activityGroup(page, 'Upcoming');
      const doneGroup = activityGroup(page, 'Done');
      await visible(overdue.getByRole('checkbox', { name: tasks.overdue }));
      await visible(
        overdue
          .getByRole('listitem')
          .filter({ has: page.getByRole('checkbox', { name: tasks.overdue }) })
          .getByText(/^Due .+\(.+\)$/),
      );
      await visible(upcoming.getByRole('checkbox', { name: tasks.upcoming }));
      await visible(upcoming.getByText(events.upcoming, { exact: true }));
      const deposition = upcoming.getByRole('listitem').filter({ hasText: events.upcoming });
      await visible(deposition.getByText('48 Harbor Street, Suite 300, Portland, ME'));
      await visible(deposition.getByRole('button', { name: 'Add to calendar' }));
      await visible(doneGroup.getByRole('checkbox', { name: tasks.done, checked: true }));
      await visible(doneGroup.getByText(events.done, { exact: true }));
      assert.equal(await overdue.getByRole('checkbox', { name: tasks.overdue }).isChecked(), false);

      const before = { overdue: await groupCount(overdue), done: await groupCount(doneGroup) };
      assert.ok(before.overdue >= 1 && before.done >= 2, `counts ${JSON.stringify(before)}`);

      await overdue.getByRole('checkbox', { name: tasks.overdue }).click();
      const moved = doneGroup.getByRole('checkbox', { name: tasks.overdue });
      await visible(moved);
      assert.equal(await moved.isChecked(), true);
      await hidden(overdue.getByRole('checkbox', { name: tasks.overdue }));
      await page
        .locator('portal-activities')
        .getByRole('status')
        .filter({ hasText: `“${tasks.overdue}” is marked as done.` })
        .waitFor({ state: 'attached' });
      assert.equal(await groupCount(overdue), before.overdue - 1);
      assert.equal(await groupCount(doneGroup), before.done + 1);

      await page.reload();
      await visible(page.getByRole('button', { name: 'Sign out' }));
      const afterReload = activityGroup(page, 'Done').getByRole('checkbox', { name: tasks.overdue });
      await visible(afterReload);
      assert.equal(await afterReload.isChecked(), true);
      assert.equal(await activityGroup(page, 'Overdue').getByRole('checkbox', { name: tasks.overdue }).count(), 0);
      assert.equal(await groupCount(activityGroup(page, 'Done')), before.done + 1);

      watched.assertClean();
    }));

  it('lists the invoices with their statuses, newest first, and never the draft', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, demoClients.alex);
      await openSection(page, 'Invoices');

      assert.deepEqual(await listedNumbers(page), alexInvoices);
      assert.equal(await page.locator('portal-invoices').getByRole('button', { name: alexDraft }).count(), 0, 'the draft is not shown');

      const statuses: Record<string, string> = {
        'INV-1001': 'Paid',
        'INV-1002': 'Overdue',
        'INV-1003': 'Partially paid',
        'INV-1004': 'Open',
        'INV-1005': 'Open',
      };
      for (const [number, status] of Object.entries(statuses)) {
        const cells = await invoiceRow(page, number).getByRole('cell').allInnerTexts();
        assert.ok(
          cells.some((cell) => cell.trim() === status),
          `${number} is ${status}: ${cells.join(' | ')}`,
        );
      }
      const trust = await invoiceRow(page, 'INV-1005').innerText();
      assert.match(trust, /Trust retainer request/, 'the retainer request says it is one');
      assert.doesNotMatch(await invoiceRow(page, 'INV-1004').innerText(), /Trust retainer request/);
      const paid = await invoiceRow(page, 'INV-1001').getByRole('cell').allInnerTexts();
      assert.equal(cents(paid.at(-1)!), 0, 'a paid invoice has no balance');
      const partly = await invoiceRow(page, 'INV-1003').getByRole('cell').allInnerTexts();
      assert.deepEqual([cents(partly.at(-2)!), cents(partly.at(-1)!)], [160470, 110470], 'total and balance of INV-1003');

      const summary = page.locator('portal-invoices').getByText(/Balance due:/);
      assert.match(await summary.innerText(), /Balance due: \$13,723\.70\s+Unpaid invoices: 4/);
      await visible(page.getByRole('button', { name: 'Pay all open invoices' }));

      await page.locator('portal-invoices').getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Overdue' });
      await hidden(invoiceRow(page, 'INV-1003'));
      await visible(invoiceRow(page, 'INV-1002'));
      assert.deepEqual(await listedNumbers(page), ['INV-1002']);

      watched.assertClean();
    }));

  it('shows an invoice: its lines, totals, the check applied, and "Pay now" above and below', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, demoClients.alex);
      await openSection(page, 'Invoices');
      const invoice = await openInvoice(page, 'INV-1003');
      await visible(invoice.getByRole('heading', { level: 2, name: 'Invoice INV-1003' }));
      await visible(invoice.getByText('Partially paid'));
      await visible(invoice.getByText('Estate of Eleanor Morgan (2025-0388)'));

      const lines = invoice.getByRole('table', { name: 'Charges' }).getByRole('row');
      const rows = (await lines.allInnerTexts()).slice(1).map((row) => row.replace(/\s+/g, ' ').trim());
      assert.equal(rows.length, 4, rows.join('\n'));
      assert.match(rows[0]!, /Meet with client re: petition for probate; review will and codicil 1\.2 hr × \$450\.00 \$540\.00$/);
      assert.match(rows[1]!, /Prepare Petition for Probate \(DE-111\) and notice of petition 3 hr × \$150\.00 \$450\.00$/);
      assert.match(rows[2]!, /Inventory and appraisal: correspondence with probate referee 1\.4 hr × \$295\.00 \$413\.00$/);
      assert.match(rows[3]!, /Publication of notice of petition \$380\.00$/);

      assert.equal(await totalsRow(invoice, 'Subtotal'), 178300);
      assert.equal(await totalsRow(invoice, 'Discount: Courtesy discount \\(family matter\\)'), -17830);
      assert.equal(await totalsRow(invoice, 'Total'), 160470);
      assert.equal(await totalsRow(invoice, 'Payments applied'), -50000);
      assert.equal(await balanceDue(invoice), 110470);

      const applied = invoice.getByRole('table', { name: 'Payments applied' }).getByRole('row');
      assert.equal(await applied.count(), 2, 'one payment applied, under its column headings');
      const check = await applied.nth(1).getByRole('cell').allInnerTexts();
      assert.equal(check[1], 'Check');
      assert.match(check[2]!, /^R-\d+$/);
      assert.equal(check[3], 'Succeeded');
      assert.equal(cents(check[4]!), 50000);

      const payButtons = invoice.getByRole('button', { name: /^pay now$/i });
      assert.equal(await payButtons.count(), 2, '"Pay now" at the top and at the bottom');
      const top = (await payButtons.first().boundingBox())!;
      const bottom = (await payButtons.last().boundingBox())!;
      const charges = (await invoice.getByRole('table', { name: 'Charges' }).boundingBox())!;
      const payments = (await invoice.getByRole('table', { name: 'Payments applied' }).boundingBox())!;
      assert.ok(top.y < charges.y, 'the first "Pay now" is above the charges');
      assert.ok(bottom.y > payments.y + payments.height, 'the second "Pay now" is below the payments');

      for (const which of ['first', 'last'] as const) {
        await payButtons[which]().click();
        const pay = await waitForPayForm(page);
        await visible(pay.getByText('Invoice INV-1003: $1,104.70 can be paid now.'));
        assert.equal(await pay.getByLabel('Payment amount', { exact: true }).inputValue(), '1,104.70');
        await pay.getByRole('button', { name: 'Cancel', exact: true }).click();
        await payForm(page).waitFor({ state: 'detached' });
        await visible(invoice.getByRole('heading', { level: 2, name: 'Invoice INV-1003' }));
      }

      await page.getByRole('button', { name: 'Back to invoices' }).click();
      const opener = page.locator('portal-invoices').getByRole('button', { name: 'INV-1003', exact: true });
      await visible(opener);
      assert.equal(
        await opener.evaluate((button) => button.getRootNode() instanceof ShadowRoot && (button.getRootNode() as ShadowRoot).activeElement === button),
        true,
        'focus returns to the invoice',
      );

      watched.assertClean();
    }));

  it('lists the payment history: the card payment and the check the firm recorded', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, demoClients.alex);
      await openSection(page, 'Payments');
      const history = page.locator('portal-payments').getByRole('table', { name: 'Payment history' });
      await visible(history);
      const rows = (await history.getByRole('row').allInnerTexts()).slice(1).map((row) => row.replace(/\s+/g, ' ').trim());
      assert.equal(rows.length, 2, rows.join('\n'));
      const check = rows.find((row) => row.includes('Check #1187'));
      const card = rows.find((row) => row.includes('Visa ending in 4242'));
      assert.ok(check && card, rows.join('\n'));
      assert.match(check, /\$500\.00 Check Check #1187 INV-1003 Succeeded R-\d+ Receipt \(PDF\)$/);
      assert.match(card, /\$2,735\.60 Visa ending in 4242 INV-1001 Succeeded R-\d+ Receipt \(PDF\)$/);
      assert.ok(rows.indexOf(check) < rows.indexOf(card), 'newest first');
      watched.assertClean();
    }));

  it('shows another client only their own invoices, and not one of Alex’s from a link', () =>
    session(
      async (watched) => {
        const { page } = watched;
        await signIn(page, stack, demoClients.jordan);
        await openSection(page, 'Invoices');
        const numbers = await listedNumbers(page);
        assert.deepEqual(numbers, jordanInvoices);
        for (const number of [...alexInvoices, alexDraft]) assert.ok(!numbers.includes(number), `${number} is Alex’s`);

        await openSection(page, 'Payments');
        const history = await page.locator('portal-payments').getByRole('table', { name: 'Payment history' }).innerText();
        assert.match(history, /Mastercard ending in 4444/);
        assert.doesNotMatch(history, /INV-100[1-6]|Check #1187|Visa ending in 4242/);

        const admin = await adminApi(stack);
        const listed = await admin<{ data: { id: string; number: string }[] }>('GET', '/invoices?limit=200');
        const alexInvoice = listed.body.data.find((invoice) => invoice.number === 'INV-1003');
        assert.ok(alexInvoice, JSON.stringify(listed.body));
        await page.goto(`${stack.portalUrl}?invoice=${encodeURIComponent(alexInvoice.id)}`);
        await visible(page.getByRole('heading', { name: 'The invoice could not be loaded' }));
        await visible(page.getByText(/This invoice could not be found/));
        assert.equal(await page.getByText('Estate of Eleanor Morgan').count(), 0);
        watched.assertClean();
      },
      { allowConsole: [/the server responded with a status of 404\b/] },
    ));

  it('fits a 375 px wide phone: the invoices as cards, and no sideways scrolling', () =>
    session(
      async (watched) => {
        const { page } = watched;
        await signIn(page, stack, demoClients.alex);
        await openSection(page, 'Invoices');
        assert.deepEqual(await listedNumbers(page), alexInvoices);
        await assertNoSidewaysScroll(page, 'the invoice list');

        const width = page.viewportSize()!.width;
        for (const number of alexInvoices) {
          const row = invoiceRow(page, number);
          const box = (await row.boundingBox())!;
          assert.ok(box.x >= 0 && box.x + box.width <= width, `${number} fits: ${JSON.stringify(box)}`);
          // A card names each amount, as the column headings do on a wide screen.
          for (const label of ['Due', 'Total', 'Balance']) {
            await visible(row.getByText(label, { exact: true }));
          }
        }
        const first = (await invoiceRow(page, alexInvoices[0]!).boundingBox())!;
        const second = (await invoiceRow(page, alexInvoices[1]!).boundingBox())!;
        assert.ok(second.y >= first.y + first.height - 1, 'cards are stacked, one under the other');
        const headings = (await page.locator('portal-invoices').locator('[part~="header-row"]').boundingBox())!;
        assert.ok(headings.height <= 1, 'the column headings are only for screen readers on a phone');

        const invoice = await openInvoice(page, 'INV-1003');
        await visible(invoice.getByRole('table', { name: 'Charges' }));
        await assertNoSidewaysScroll(page, 'an invoice');
        const pay = invoice.getByRole('button', { name: /^pay now$/i }).first();
        const box = (await pay.boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= width && box.height >= 24, `"Pay now" is on screen and large enough: ${JSON.stringify(box)}`);
        watched.assertClean();
      },
      { contextOptions: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } },
    ));

  it('passes axe on the invoice list and on an invoice', () =>
    session(
      async (watched) => {
        const { page } = watched;
        await signIn(page, stack, demoClients.alex);
        await openSection(page, 'Invoices');
        await visible(page.getByRole('button', { name: 'Pay all open invoices' }));
        await assertAccessible(page, 'the invoice list');
        await openInvoice(page, 'INV-1003');
        await assertAccessible(page, 'invoice INV-1003');
        assert.deepEqual([watched.pageErrors, watched.consoleErrors], [[], []]);
      },
      { contextOptions: { bypassCSP: true } },
    ));
});
