import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { adminApi, demoClients, demoPassword, hidden, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

/** Opens the newest email to `to` on the demo's outbox page and follows its link carrying `param`. */
async function followEmailLink(page: Page, stack: Stack, to: string, param: 'invitation' | 'reset') {
  await page.goto(stack.outboxUrl);
  await (await visible(page.getByRole('link', { name: new RegExp(`To ${to.replace(/[.]/g, '\\.')}`) }).first())).click();
  await visible(page.getByRole('heading', { level: 3, name: 'Links in this email' }));
  assert.equal(await page.locator('#outbox-to').innerText(), to);
  const link = page.locator(`#outbox-links a[href*="${param}="]`).first();
  const href = await (await visible(link)).getAttribute('href');
  assert.ok(href?.startsWith(`${stack.demoUrl}/portal`), `the ${param} link points at the demo portal page: ${href}`);
  await link.click();
  await page.waitForURL((url) => url.pathname.startsWith('/portal'));
  return href;
}

async function choosePassword(page: Page, password: string, submit: string) {
  await (await visible(page.getByLabel('New password', { exact: true }))).fill(password);
  await page.getByLabel('Confirm password', { exact: true }).fill(password);
  await page.getByRole('button', { name: submit, exact: true }).click();
}

describe('links in emails, opened from the outbox', () => {
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

  it('invites a new client, who creates a password and is signed in', async () => {
    const watched = await watchPage(browser, { allowConsole: [/the server responded with a status of 400\b/] });
    const { page } = watched;
    try {
      const admin = await adminApi(stack);
      const created = await admin<{ id: string }>('POST', '/contacts', { email: 'casey.rivera@example.com', name: 'Casey Rivera' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const invited = await admin('POST', `/contacts/${created.body.id}/invitations`, {});
      assert.equal(invited.status, 201, JSON.stringify(invited.body));

      const link = await followEmailLink(page, stack, 'casey.rivera@example.com', 'invitation');
      await visible(page.getByRole('heading', { name: 'Create your password' }));

      await choosePassword(page, 'harbor-lights-2024', 'Create password and sign in');
      const signOut = await visible(page.getByRole('button', { name: 'Sign out' }));
      assert.ok(!page.url().includes('invitation='), 'the spent token is taken out of the address bar');
      await visible(page.getByRole('heading', { name: 'Welcome to your client portal' }));
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Casey Rivera');

      await page.reload();
      await visible(signOut);

      await signOut.click();
      // The spent link says so as it opens, before a password is typed.
      await page.goto(link!);
      await visible(page.getByRole('heading', { name: 'This link no longer works' }));
      await visible(page.getByRole('alert').filter({ hasText: /already been used/i }));
      assert.equal(await page.getByLabel('New password', { exact: true }).count(), 0);

      await page.goto(stack.portalUrl);
      await (await visible(page.getByLabel('Email', { exact: false }))).fill('casey.rivera@example.com');
      await page.getByLabel('Password', { exact: true }).fill('harbor-lights-2024');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(signOut);

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('resets a forgotten password from the sign-in form', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await page.goto(stack.portalUrl);
      await (await visible(page.getByRole('link', { name: 'Forgot your password?' }).or(page.getByRole('button', { name: 'Forgot your password?' })))).click();
      await (await visible(page.getByLabel('Email', { exact: false }))).fill(demoClients.jordan);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await visible(page.getByText(/we have sent it a link/i));

      await followEmailLink(page, stack, demoClients.jordan, 'reset');
      await visible(page.getByRole('heading', { name: 'Choose a new password' }));
      await choosePassword(page, 'a-brand-new-passphrase', 'Save password and sign in');
      const signOut = await visible(page.getByRole('button', { name: 'Sign out' }));
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Jordan Lee');

      await signOut.click();
      await (await visible(page.getByLabel('Email', { exact: false }))).fill(demoClients.jordan);
      await page.getByLabel('Password', { exact: true }).fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.getByRole('alert').filter({ hasText: /incorrect/i }));
      await hidden(signOut);

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
