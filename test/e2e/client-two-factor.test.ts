import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { adminApi, demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

async function submitPassword(page: Page, email: string) {
  const email_ = page.getByLabel('Email address', { exact: true });
  await visible(email_);
  await email_.fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('two-step verification for clients, with a passkey', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    const admin = await adminApi(stack);
    const changed = await admin('PATCH', '/settings', { settings: { clientTwoFactor: 'required' } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sets a passkey up at the next sign-in, then signs in with the password and the passkey, and with the passkey alone', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      // Chromium's virtual authenticator stands in for the device's fingerprint or screen lock.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });
      const signOut = page.getByRole('button', { name: 'Sign out' });

      await page.goto(stack.portalUrl);
      await submitPassword(page, demoClients.jordan);
      await visible(page.getByRole('heading', { level: 2, name: 'Set up two-step verification' }));
      await page.getByRole('button', { name: 'Use a passkey', exact: true }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Save your recovery codes' }));
      assert.equal(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(), 10);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1, 'the authenticator holds the new passkey');
      await page.getByRole('button', { name: 'I have saved them: continue' }).click();
      await visible(signOut);
      await signOut.click();

      await submitPassword(page, demoClients.jordan);
      await visible(page.getByRole('heading', { level: 2, name: 'Two-step verification' }));
      await page.getByRole('button', { name: 'Use a passkey', exact: true }).click();
      await visible(signOut);
      const second = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.ok(second.credentials[0]!.signCount > credentials[0]!.signCount, 'the passkey signed the sign-in');
      await signOut.click();

      await page.getByRole('button', { name: 'Sign in with a passkey', exact: true }).click();
      await visible(signOut);
      const third = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.ok(third.credentials[0]!.signCount > second.credentials[0]!.signCount, 'the passkey alone signed in');
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
