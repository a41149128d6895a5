import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import { cents, dollars, openSection, sectionTabs, signIn, waitForPayForm } from './portal.ts';

describe('the client’s home on the demo site', () => {
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

  it('lands on home: counts on the navigation, the balance, the news since the last visit, and links that lead to each', async () => {
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true } });
    const { page } = watched;
    try {
      await signIn(page, stack, demoClients.alex);
      const home = page.locator('portal-home');
      await visible(home.getByRole('heading', { level: 2, name: 'Home', exact: true }));
      assert.match(new URL(page.url()).hash, /^(#portal\/home)?$/, 'the portal lands on home');

      // The navigation counts what needs the client, in the link's name.
      const nav = sectionTabs(page);
      await visible(nav.locator('[part~="nav-badge"]').first());
      const messagesLink = await visible(nav.getByRole('link', { name: /^Messages, \d+ unread$/ }));
      const invoicesLink = await visible(nav.getByRole('link', { name: /^Invoices, \d+ unpaid$/ }));
      const unread = Number(/(\d+) unread/.exec((await messagesLink.getAttribute('aria-label')) ?? '')![1]);
      const unpaid = Number(/(\d+) unpaid/.exec((await invoicesLink.getAttribute('aria-label')) ?? '')![1]);
      assert.ok(unread > 0 && unpaid > 0, `the demo client has unread messages (${unread}) and unpaid invoices (${unpaid})`);

      // Home says the same, with the balance due and "Pay all" stating it.
      await visible(home.getByText(`Unread messages: ${unread}`, { exact: true }));
      await visible(home.getByText(`Unpaid invoices: ${unpaid}`, { exact: true }));
      const balance = cents(await (await visible(home.locator('[part~="amount"]'))).innerText());
      assert.ok(balance > 0);
      const payAll = await visible(home.getByRole('button', { name: `Pay all ${dollars(balance)}`, exact: true }));
      // The demo client last looked ten days ago: what came since is listed.
      await visible(home.getByRole('heading', { level: 3, name: /^Since your last visit/ }));
      const newMessages = home.locator('[data-kind="messages"]');
      await visible(newMessages.getByRole('heading', { level: 4, name: /^New messages: \d+$/ }));
      await assertAccessible(page, 'the home page', { within: 'portal-app' });

      // A message among the news opens its thread.
      const message = newMessages.getByRole('listitem').first().getByRole('button');
      const subject = (await message.innerText()).trim();
      await message.click();
      const messages = page.locator('portal-messages');
      await visible(messages.getByRole('heading', { level: 2, name: /^Messages/ }));
      await visible(messages.getByRole('heading', { name: subject }).first());
      assert.match(new URL(page.url()).hash, /^#portal\/messages\/thr_/);

      // Back home, "Pay all" opens the payment form in its place, for the whole balance.
      await openSection(page, 'Home');
      await payAll.click();
      const pay = await waitForPayForm(page);
      await visible(pay.getByText(dollars(balance)).first());
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
