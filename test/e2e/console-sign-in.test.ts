import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import {
  Authenticator,
  consoleHeader,
  consoleNav,
  consoleUrl,
  enterCode,
  linkIn,
  openScreen,
  owner,
  screen,
  signInToConsole,
  signOutOfConsole,
  staffAccessToken,
  staffLogin,
  submitPassword,
  waitForConsole,
} from './console.ts';
import { assertAccessible, hidden, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import { waitForEmail } from './portal.ts';

/** A description list's terms and definitions ("Status" → "Active"…). */
async function facts(list: Locator): Promise<Record<string, string>> {
  const terms = await list.getByRole('term').allInnerTexts();
  const definitions = await list.getByRole('definition').allInnerTexts();
  assert.equal(terms.length, definitions.length, 'every term has its definition');
  return Object.fromEntries(terms.map((term, index) => [term.trim(), definitions[index]!.trim()]));
}

describe('the staff console: signing in, second factors and invitations', () => {
  let stack: Stack;
  let browser: Browser;
  /** Margaret's authenticator app, once she has set it up. */
  let margaretApp: Authenticator | undefined;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs the owner in with her password to the inbox, accessible wide and narrow, and signs her out', async () => {
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true, viewport: { width: 1280, height: 900 } } });
    const { page } = watched;
    try {
      await page.goto(consoleUrl(stack));
      await visible(staffLogin(page).getByRole('heading', { level: 2, name: 'Sign in to Hale & Whitmore LLP' }));
      await assertAccessible(page, 'the console page, signed out, 1280 px');

      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      await waitForConsole(page, owner.name);
      await visible(consoleHeader(page).getByText('Owner', { exact: true }));
      const inbox = screen(page, 'Inbox');
      await visible(inbox.getByRole('heading', { level: 2, name: /^Inbox/ }));
      await visible(inbox.getByRole('list', { name: 'Threads, newest activity first' }).getByRole('listitem').first());
      assert.equal(await consoleNav(page).getByRole('link', { name: 'Inbox', exact: true }).getAttribute('aria-current'), 'page');
      await assertAccessible(page, 'the console inbox, 1280 px');

      await page.setViewportSize({ width: 375, height: 800 });
      await visible(consoleNav(page));
      await assertAccessible(page, 'the console inbox, 375 px');

      await signOutOfConsole(page);
      await assertAccessible(page, 'the console page, signed out again, 375 px');
      // Signed out means signed out: a reload does not resume the session.
      await page.reload();
      await visible(staffLogin(page).getByLabel('Email address', { exact: true }));
      await hidden(consoleNav(page));
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('shows the service’s message for a wrong password', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await submitPassword(page, stack, owner.email, 'not-the-password');
      await visible(staffLogin(page).getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }));
      await hidden(consoleNav(page));
      // The right password still works afterwards.
      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      await waitForConsole(page, owner.name);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('invites a staff member from the command line, who sets a password and sees no Settings', async () => {
    // The spent invitation, tried again at the end, is answered 400.
    const watched = await watchPage(browser, { allowConsole: [/the server responded with a status of 400\b/] });
    const { page } = watched;
    const email = 'priya.nair@example.com';
    const password = 'quiet-harbor-ledger-42';
    try {
      await stack.cli(['staff', 'add', '--firm', 'demo', '--email', email, '--name', 'Priya Nair', '--role', 'staff']);
      const invitation = await waitForEmail(stack, email, (mail) => /console/i.test(mail.subject));
      const link = linkIn(invitation.text, 'invitation');
      assert.ok(link.startsWith(consoleUrl(stack)), `the invitation links to the console page: ${link}`);

      await page.goto(link);
      const login = staffLogin(page);
      await visible(login.getByRole('heading', { level: 2, name: 'Create your password' }));
      await login.getByLabel('New password', { exact: true }).fill(password);
      await login.getByLabel('Confirm new password', { exact: true }).fill(password);
      await login.getByRole('button', { name: 'Create password', exact: true }).click();

      await waitForConsole(page, 'Priya Nair');
      await visible(consoleHeader(page).getByText('Staff', { exact: true }));
      assert.ok(!page.url().includes('invitation='), 'the spent token is taken out of the address bar');
      const links = (await consoleNav(page).getByRole('link').allInnerTexts()).map((text) => text.trim());
      assert.deepEqual(links, ['Inbox', 'Clients', 'Invoices', 'Payments', 'Files', 'Tasks and events', 'Your account']);

      // Staff read invoices but do not write them: the screen offers no "New invoice", and the API refuses it.
      const invoices = await openScreen(page, 'Invoices');
      await visible(
        invoices
          .getByRole('table')
          .or(invoices.getByText(/no invoices/i))
          .first(),
      );
      assert.equal(await invoices.getByRole('button', { name: 'New invoice' }).count(), 0, 'a staff member is offered no "New invoice"');

      const token = await staffAccessToken(stack, email, password);
      const refused = await fetch(`${stack.serviceUrl}/api/v1/admin/invoices`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contactId: 'con_anything', lines: [{ description: 'Consultation', quantity: 1, unitAmount: 10000 }] }),
      });
      const problem = (await refused.json()) as { code?: string };
      assert.equal(refused.status, 403, JSON.stringify(problem));
      assert.equal(refused.headers.get('content-type')?.split(';')[0], 'application/problem+json');
      assert.equal(problem.code, 'role_forbidden');

      // The invitation is spent: opening it again does not sign anyone in.
      await signOutOfConsole(page);
      await page.goto(link);
      await login.getByLabel('New password', { exact: true }).fill('another-attempt-here');
      await login.getByLabel('Confirm new password', { exact: true }).fill('another-attempt-here');
      await login.getByRole('button', { name: 'Create password', exact: true }).click();
      await visible(login.getByRole('alert').filter({ hasText: 'This invitation link has been used or has expired.' }));
      await hidden(consoleNav(page));
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('invites a client from the Clients screen, who sets a password on the portal and shows as active', async () => {
    const consoleTab = await watchPage(browser);
    const portalTab = await watchPage(browser);
    const email = 'casey.rivera@example.com';
    const name = 'Casey Rivera';
    let watched = consoleTab;
    try {
      const { page } = consoleTab;
      await signInToConsole(page, stack, { authenticator: margaretApp });
      const clients = await openScreen(page, 'Clients');
      await clients.getByRole('button', { name: 'Add a client', exact: true }).click();
      const form = clients.getByRole('form', { name: 'Add a client' });
      await (await visible(form.getByLabel('Name', { exact: true }))).fill(name);
      await form.getByLabel('Email', { exact: true }).fill(email);
      const invite = form.getByRole('checkbox', { name: 'Send the invitation to the portal now' });
      await invite.check();
      assert.ok(await invite.isChecked());
      await form.getByRole('button', { name: 'Add client', exact: true }).click();
      await visible(clients.getByText(`${name} was added and invited to the portal.`));

      const invitation = await waitForEmail(stack, email, (mail) => mail.text.includes('invitation='));
      const link = linkIn(invitation.text, 'invitation');
      assert.ok(link.startsWith(`${stack.demoUrl}/portal`), `the invitation links to the portal page: ${link}`);

      watched = portalTab;
      const portal = portalTab.page;
      await portal.goto(link);
      await visible(portal.getByRole('heading', { name: 'Create your password' }));
      await portal.getByLabel('New password', { exact: true }).fill('lantern-field-2024');
      await portal.getByLabel('Confirm password', { exact: true }).fill('lantern-field-2024');
      await portal.getByRole('button', { name: 'Create password and sign in', exact: true }).click();
      await visible(portal.getByRole('button', { name: 'Sign out' }));
      assert.equal((await portal.locator('[part~="contact-name"]').innerText()).trim(), name);
      portalTab.assertClean();

      // Back in the console, the client's page says they accepted.
      watched = consoleTab;
      await page.reload();
      await waitForConsole(page, owner.name);
      const list = await openScreen(page, 'Clients');
      await list.getByRole('list', { name: 'Clients' }).getByRole('button', { name, exact: true }).click();
      await visible(list.getByRole('heading', { level: 2, name }));
      await visible(list.getByRole('definition').filter({ hasText: /accepted/ }));
      const shown = await facts(list.getByRole('term').first().locator('xpath=ancestor::dl[1]'));
      assert.equal(shown['Email'], email);
      assert.equal(shown['Status'], 'Active');
      assert.match(shown['Invitation'] ?? '', /^Sent .+, accepted$/);
      consoleTab.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await consoleTab.close();
      await portalTab.close();
    }
  });

  it('sets up the authenticator app, then signs in with its codes and, once each, with recovery codes', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await signInToConsole(page, stack);
      const account = await openScreen(page, 'Your account');
      await account.getByRole('button', { name: 'Set up the authenticator app', exact: true }).click();
      const key = await (await visible(account.locator('[part~="secret"]'))).innerText();
      await visible(account.getByRole('img', { name: 'QR code for your authenticator app' }));
      const app = new Authenticator(key.replace(/\s+/g, ''));

      // A wrong first code is refused in words; the right one turns the app on.
      const codeField = account.getByLabel('Code from the app', { exact: true });
      await codeField.fill(app.wrongCode());
      await account.getByRole('button', { name: 'Confirm', exact: true }).click();
      await visible(account.getByText('That code is not right. Check it and try again.'));
      await codeField.fill(await app.code());
      await account.getByRole('button', { name: 'Confirm', exact: true }).click();
      const codes = account.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      await visible(codes.first());
      const recoveryCodes = (await codes.allInnerTexts()).map((code) => code.trim());
      assert.equal(recoveryCodes.length, 10);
      assert.equal(new Set(recoveryCodes).size, 10, 'the recovery codes differ');
      await visible(account.getByText(/Authenticator app\s*: On/));
      margaretApp = app;
      await signOutOfConsole(page);

      // The password alone no longer signs her in: the console asks for a code.
      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      const login = staffLogin(page);
      await visible(login.getByRole('heading', { level: 2, name: 'Two-step verification' }));
      await hidden(consoleNav(page));
      await enterCode(page, app.wrongCode());
      await visible(login.getByText('That code is not right. Check it and try again.'));
      await hidden(consoleNav(page));
      await enterCode(page, await app.code());
      await waitForConsole(page, owner.name);
      await signOutOfConsole(page);

      // A recovery code signs her in once.
      const [recoveryCode] = recoveryCodes;
      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      await login.getByRole('button', { name: 'Use a recovery code', exact: true }).click();
      await visible(login.getByRole('heading', { level: 2, name: 'Use a recovery code' }));
      await enterCode(page, recoveryCode!, 'Recovery code');
      await waitForConsole(page, owner.name);
      const left = await openScreen(page, 'Your account');
      await visible(left.getByRole('region', { name: 'Recovery codes left' }).getByText('9 of 10', { exact: true }));
      await signOutOfConsole(page);

      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      await login.getByRole('button', { name: 'Use a recovery code', exact: true }).click();
      await enterCode(page, recoveryCode!, 'Recovery code');
      const field = login.getByLabel('Recovery code', { exact: true });
      await visible(login.getByText('That code is not right. Check it and try again.'));
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      await hidden(consoleNav(page));
      // Another of her codes still works.
      await field.fill(recoveryCodes[1]!);
      await login.getByRole('button', { name: 'Verify', exact: true }).click();
      await waitForConsole(page, owner.name);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('adds a passkey from "Your account" and signs in with the password and the passkey', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      // Chromium's virtual authenticator stands in for the device's fingerprint or screen lock.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });

      await signInToConsole(page, stack, { authenticator: margaretApp });
      const account = await openScreen(page, 'Your account');
      await account.getByLabel('Name for the new passkey (optional)').fill('Work laptop');
      await account.getByRole('button', { name: 'Add a passkey', exact: true }).click();
      await visible(account.getByRole('status').filter({ hasText: 'Passkey Work laptop added.' }));
      await visible(account.getByRole('region', { name: 'Passkeys' }).getByText('Work laptop', { exact: true }));
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1, 'the authenticator holds the new passkey');
      await signOutOfConsole(page);

      await submitPassword(page, stack, owner.email, owner.password, { open: false });
      const login = staffLogin(page);
      await visible(login.getByRole('heading', { level: 2, name: 'Two-step verification' }));
      await login.getByRole('button', { name: 'Use a passkey', exact: true }).click();
      await waitForConsole(page, owner.name);
      const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.ok(after.credentials[0]!.signCount > credentials[0]!.signCount, 'the passkey signed the sign-in');
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
