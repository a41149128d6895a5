import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

// Each section's link, and its heading (the messages heading also counts unread messages).
const sections: { link: string; heading: RegExp }[] = [
  { link: 'Home', heading: /^Home$/ },
  { link: 'Tasks and events', heading: /^Tasks and events$/ },
  { link: 'Invoices', heading: /^Invoices$/ },
  { link: 'Payments', heading: /^Payment history$/ },
  { link: 'Messages', heading: /^Messages\b/ },
  { link: 'Files', heading: /^Files$/ },
  { link: 'Profile', heading: /^Your profile$/ },
];

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await (await visible(page.getByLabel('Email address', { exact: true }))).fill(demoClients.alex);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
}

describe('the portal on a page with the strictest Content-Security-Policy', () => {
  let stack: Stack;
  let browser: Browser;
  let strictUrl: string;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    strictUrl = `${stack.demoUrl}/strict/`;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('is served with exactly the strict policy, and holds nothing inline', async () => {
    const service = new URL(stack.serviceUrl).origin;
    const response = await fetch(strictUrl);
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get('content-security-policy'),
      `default-src 'self'; script-src 'self' ${service}; style-src 'self'; object-src 'none'; base-uri 'none'; ` +
        `frame-ancestors 'none'; connect-src 'self' ${service}; img-src 'self' ${service} data:`,
    );
    const html = await response.text();
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, 'an inline script');
    assert.doesNotMatch(html, /<style[\s>]|\sstyle=|\son[a-z]+=/i, 'an inline style or handler');
    assert.ok(html.includes(`<portal-app api="${stack.serviceUrl}" firm="demo"></portal-app>`));
    assert.equal([...html.matchAll(/<script\b/g)].length, 1, 'one script: the bundle');
  });

  it('signs in, visits every section, opens an invoice and the card form, with no violation', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    // The bundle's files as they arrive: which chunks, and how compressed.
    const sdkFiles: { name: string; encoding: string | undefined }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/sdk/'))
        sdkFiles.push({
          name: url.pathname.replace(/^\/sdk\/(chunks\/)?/, '').replace(/-[\w-]{8}\.js$/, ''),
          encoding: response.headers()['content-encoding'],
        });
    });
    const loaded = () => sdkFiles.map((file) => file.name);
    try {
      await page.goto(strictUrl);
      await visible(page.getByLabel('Email address', { exact: true }));
      // Before sign-in: the entry and the core (lit, <portal-app>, the session and its sign-in form), nothing else.
      for (const name of ['portal.js', 'core']) assert.ok(loaded().includes(name), `${name} was not loaded: ${loaded().join(', ')}`);
      for (const name of ['app-shell', 'sections', 'invoices', 'invoice', 'pay', 'sandbox-forms', 'messages', 'files', 'es'])
        assert.ok(!loaded().includes(name), `${name} loaded before it was shown`);
      await signIn(page, strictUrl);
      const nav = await visible(page.getByRole('navigation', { name: 'Client portal sections' }));
      // A link's name is its section, and its count in words where there is one ("Invoices, 2 unpaid").
      const sectionLink = (name: string) => nav.getByRole('link', { name: new RegExp(`^${name}(, .+)?$`) });
      assert.equal(await nav.getByRole('link').count(), sections.length);
      for (const section of sections) await visible(sectionLink(section.link));

      for (const section of sections) {
        await sectionLink(section.link).click();
        await visible(page.getByRole('heading', { level: 2, name: section.heading }));
        assert.equal(await sectionLink(section.link).getAttribute('aria-current'), 'page');
      }

      await sectionLink('Invoices').click();
      const opener = page.locator('portal-invoices [part~="row"] [part~="open-button"]').first();
      const number = (await (await visible(opener)).innerText()).trim();
      await opener.click();
      const invoice = page.getByRole('article', { name: new RegExp(`${number}$`) });
      await visible(invoice.getByRole('heading', { level: 2 }));
      assert.match(new URL(page.url()).hash, /^#portal\/invoices\/inv_/);

      // The first unpaid invoice has "Pay now"; a paid one is left for another.
      await sectionLink('Invoices').click();
      await page.locator('portal-invoices').getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Unpaid' });
      const unpaid = page.locator('portal-invoices [part~="row"] [part~="open-button"]').first();
      await (await visible(unpaid)).click();
      await (await visible(page.getByRole('button', { name: 'Pay now' }).first())).click();

      const pay = page.locator('portal-pay');
      await visible(pay.getByRole('heading', { level: 2, name: 'Make a payment' }));
      await pay.getByRole('radio', { name: 'Card', exact: true }).check();
      await visible(pay.getByLabel('Card number'));
      await visible(pay.getByLabel('Security code (CVC)'));
      // The firm pays through the sandbox: its own card form came with the payment form.
      for (const name of ['invoices', 'invoice', 'pay', 'sandbox-forms']) assert.ok(loaded().includes(name), `${name} was not loaded`);
      for (const file of sdkFiles) assert.ok(file.encoding === 'br' || file.encoding === 'gzip', `${file.name} came ${file.encoding ?? 'uncompressed'}`);

      await pay.getByRole('button', { name: 'Cancel' }).click();
      await visible(page.getByRole('button', { name: 'Pay now' }).first());

      watched.assertClean();
      assert.deepEqual(watched.cspViolations, []);
      assert.deepEqual(
        watched.consoleErrors.filter((text) => /content security policy|refused to/i.test(text)),
        [],
      );
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
