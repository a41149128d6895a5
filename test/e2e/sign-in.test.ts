import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoClients, demoPassword, hidden, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

const firmName = 'Hale & Whitmore LLP';

function loginForm(page: Page) {
  return {
    email: page.getByLabel('Email', { exact: false }),
    password: page.getByLabel('Password', { exact: false }),
    submit: page.getByRole('button', { name: 'Sign in', exact: true }),
  };
}

async function signIn(page: Page, email: string, password: string) {
  const form = loginForm(page);
  await visible(form.email);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
}

describe('signing in on the demo firm site', () => {
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

  it('signs in, stays signed in across a reload, and signs out', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await page.goto(stack.portalUrl);
      const welcome = page.getByRole('heading', { name: 'Welcome to your client portal' });
      const signOut = page.getByRole('button', { name: 'Sign out' });

      await visible(loginForm(page).email);
      assert.equal(await welcome.isVisible(), false, 'the signed-in content is hidden before signing in');

      await signIn(page, demoClients.alex, demoPassword);
      await visible(signOut);
      await visible(welcome);
      const firm = await visible(page.locator('[part~="firm-name"]'));
      assert.equal((await firm.innerText()).trim(), firmName);

      await page.reload();
      await visible(signOut);
      await visible(welcome);
      await hidden(loginForm(page).email);
      assert.equal((await page.locator('[part~="firm-name"]').innerText()).trim(), firmName);

      await signOut.click();
      await visible(loginForm(page).email);
      await hidden(welcome);

      await page.reload();
      await visible(loginForm(page).email);
      assert.equal(await signOut.isVisible(), false, 'still signed out after a reload');

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('shows a clear message for a wrong password', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await page.goto(stack.portalUrl);
      await signIn(page, demoClients.alex, 'not-the-password');
      const alert = await visible(page.getByRole('alert').filter({ hasText: /incorrect/i }));
      assert.match(await alert.innerText(), /email address or password is incorrect/i);
      await visible(loginForm(page).email);
      assert.equal(await page.getByRole('button', { name: 'Sign out' }).isVisible(), false);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
