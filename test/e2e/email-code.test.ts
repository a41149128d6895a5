import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

/** Opens the newest sign-in code email to `to` on the demo's outbox page: its code and its link. */
async function readCodeEmail(page: Page, stack: Stack, to: string): Promise<{ code: string; link: string }> {
  await page.goto(stack.outboxUrl);
  const item = page
    .getByRole('link', { name: new RegExp(`To ${to.replace(/[.]/g, '\\.')}`) })
    .filter({ hasText: /sign-in code/i })
    .first();
  await (await visible(item)).click();
  await visible(page.getByRole('heading', { level: 3, name: 'Links in this email' }));
  assert.equal(await page.locator('#outbox-to').innerText(), to);
  const text = await page.locator('#outbox-text').innerText();
  const code = /Sign-in code: (\d{6})\b/.exec(text)?.[1];
  assert.ok(code, `a code in the email:\n${text}`);
  const link = await page.locator('#outbox-links a[href*="sign-in="]').first().getAttribute('href');
  if (!link?.startsWith(`${stack.demoUrl}/portal`)) assert.fail(`the link points at the demo portal page: ${link}`);
  return { code, link };
}

describe('sign-in by emailed code, in the demo portal', () => {
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

  it('asks for a code, reads it from the outbox, signs in with it; its link is then refused when opened', async () => {
    // axe is injected as a script, which the demo's CSP would refuse. (A wrong code's 401 is an expected log.)
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true } });
    const { page } = watched;
    const outbox = await page.context().newPage();
    try {
      await page.goto(stack.portalUrl);
      await (await visible(page.getByRole('button', { name: 'Email me a sign-in code' }))).click();
      await visible(page.getByRole('heading', { name: 'Sign in with a code' }));
      await page.getByLabel('Email address', { exact: true }).fill(demoClients.alex);
      await page.getByRole('button', { name: 'Email me a code', exact: true }).click();
      const codeField = await visible(page.getByLabel('Sign-in code'));
      await visible(page.getByRole('heading', { name: 'Enter your code' }));
      assert.equal(await codeField.getAttribute('autocomplete'), 'one-time-code');
      await assertAccessible(page, 'the code step');

      const { code, link } = await readCodeEmail(outbox, stack, demoClients.alex);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      await codeField.fill(wrong);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.getByRole('alert').filter({ hasText: 'That code is not right' }));

      // Pasted with a space in the middle, as many mail apps show it.
      await codeField.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const signOut = await visible(page.getByRole('button', { name: 'Sign out' }));
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Alex Morgan');
      await signOut.click();

      // The code was used: its one-click link says so when opened, before anything is typed.
      await page.goto(link);
      await visible(page.getByRole('heading', { name: 'This link no longer works' }));
      await visible(page.getByRole('alert').filter({ hasText: 'This link has already been used.' }));
      await page.getByRole('button', { name: 'Send me a new link' }).click();
      await visible(page.getByRole('status').filter({ hasText: 'We have sent a new link' }));
      const renewed = await readCodeEmail(outbox, stack, demoClients.alex);
      assert.notEqual(renewed.link, link, 'a new link arrived');

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await outbox.close();
      await watched.close();
    }
  });

  it('emails the code in Spanish to a client asking from a Spanish page, and signs them in with it', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    const outbox = await page.context().newPage();
    try {
      // The demo's portal page, as a firm's Spanish page would serve it: lang="es" before any script runs.
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (!document.documentElement) return;
          document.documentElement.lang = 'es';
          observer.disconnect();
        });
        observer.observe(document, { childList: true });
      });
      await page.goto(stack.portalUrl);
      await (await visible(page.getByRole('button', { name: 'Enviarme un código de acceso por correo' }))).click();
      await page.getByLabel('Correo electrónico', { exact: true }).fill(demoClients.jordan);
      await page.getByRole('button', { name: 'Enviarme un código', exact: true }).click();
      const codeField = await visible(page.getByLabel('Código de acceso'));

      await outbox.goto(stack.outboxUrl);
      const item = outbox
        .getByRole('link', { name: new RegExp(`To ${demoClients.jordan.replace(/[.]/g, '\\.')}`) })
        .filter({ hasText: /Su código de acceso/ })
        .first();
      await (await visible(item)).click();
      await visible(outbox.getByRole('heading', { level: 3, name: 'Links in this email' }));
      const text = await outbox.locator('#outbox-text').innerText();
      assert.match(text, /Hola, Jordan Lee:/);
      assert.match(text, /durante 10 minutos/);
      assert.doesNotMatch(text, /\b(?:Hi|Enter this code|Sign-in code|expires)\b/, `no English in the email:\n${text}`);
      const code = /Código de acceso: (\d{6})\b/.exec(text)?.[1];
      assert.ok(code, `a code in the email:\n${text}`);

      await codeField.fill(code);
      await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
      await visible(page.getByRole('button', { name: 'Cerrar sesión' }));
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await outbox.close();
      await watched.close();
    }
  });

  it('signs in with one click from the email’s link', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await page.goto(stack.portalUrl);
      await (await visible(page.getByRole('button', { name: 'Email me a sign-in code' }))).click();
      await (await visible(page.getByLabel('Email address', { exact: true }))).fill(demoClients.jordan);
      await page.getByRole('button', { name: 'Email me a code', exact: true }).click();
      await visible(page.getByLabel('Sign-in code'));

      const { link } = await readCodeEmail(page, stack, demoClients.jordan);
      await page.goto(link);
      await visible(page.getByRole('button', { name: 'Sign out' }));
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Jordan Lee');
      assert.ok(!page.url().includes('sign-in='), 'the spent token is taken out of the address bar');

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
