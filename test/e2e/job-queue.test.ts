import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertAccessible, demoClients, freePort, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

describe('the job queue beside the outbox, while the mail server is down', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    // Nothing listens on this port: every email fails to send and waits for its next try.
    const mailServer = `smtp://127.0.0.1:${await freePort()}`;
    stack = await startStack({ env: { MAIL: 'smtp', SMTP_URL: mailServer } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the waiting email on a phone, in a table the keyboard can scroll', async () => {
    // The outbox's own list is not served when mail goes to a real server.
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true }, allowConsole: [/status of 404\b/] });
    const { page } = watched;
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(stack.portalUrl);
      await (await visible(page.getByRole('link', { name: 'Forgot your password?' }).or(page.getByRole('button', { name: 'Forgot your password?' })))).click();
      await page.getByLabel('Email', { exact: false }).fill(demoClients.alex);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await visible(page.getByText(/we have sent it a link/i));

      await page.goto(stack.outboxUrl);
      const table = page.getByRole('region', { name: 'Table of waiting and dead jobs' });
      // The page looks again every 5 s; the row shows the failed try once there has been one.
      const waiting = table
        .getByRole('row')
        .filter({ hasText: demoClients.alex })
        .filter({ hasText: /ECONNREFUSED/ });
      await visible(waiting, 20_000);
      assert.match(await waiting.innerText(), /\bpending\b/);
      assert.match(await page.locator('#jobs-counts').innerText(), /^[1-9]\d* waiting, /);

      const overflow = await table.evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.ok(overflow > 0, `the table is wider than a phone (${overflow} px to scroll)`);
      await assertAccessible(page, 'the outbox with an email waiting, on a phone');

      await table.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.getElementById('jobs-table-scroll')!.scrollLeft > 0);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
