import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';

async function signIn(page: Page): Promise<void> {
  await (await visible(page.getByLabel('Email address', { exact: true }))).fill(demoClients.alex);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
}

function sectionLink(page: Page, name: string) {
  // The name may end with the section's count: "Invoices, 2 unpaid".
  return page.getByRole('navigation', { name: 'Client portal sections' }).getByRole('link', { name: new RegExp(`^${name}(, .+)?$`) });
}

describe('embedding the portal', () => {
  let stack: Stack;
  let browser: Browser;
  let built: { version: string; integrity: string };

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    built = JSON.parse(await fs.readFile(new URL('../../dist/cdn/integrity.json', import.meta.url), 'utf8')) as typeof built;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function run(body: (watched: WatchedPage) => Promise<void>): Promise<void> {
    const watched = await watchPage(browser);
    try {
      await body(watched);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  }

  it('in a plain HTML page: the versioned bundle with its integrity hash, events, and the place kept in the query', () =>
    run(async ({ page }) => {
      const html = await (await fetch(`${stack.demoUrl}/examples/plain.html`)).text();
      const tag = `<script type="module" src="${stack.serviceUrl}/sdk/v${built.version}/portal.js" integrity="${built.integrity}" crossorigin="anonymous"></script>`;
      assert.ok(html.includes(tag), `the page pins the versioned bundle:\n${html}`);

      const bundle = page.waitForResponse((response) => response.url() === `${stack.serviceUrl}/sdk/v${built.version}/portal.js`);
      await page.goto(`${stack.demoUrl}/examples/plain.html?campaign=spring`);
      assert.equal((await bundle).status(), 200);
      await signIn(page);
      const log = page.locator('#event-log');
      await visible(log.getByText('Signed in as Alex Morgan'));

      await sectionLink(page, 'Invoices').click();
      await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
      await visible(log.getByText('Went to invoices by link'));
      assert.equal(new URL(page.url()).search, '?campaign=spring&portal=invoices');

      await page.reload();
      await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
      assert.equal(await sectionLink(page, 'Invoices').getAttribute('aria-current'), 'page');

      await page.goBack();
      await visible(page.getByRole('heading', { level: 2, name: 'Home', exact: true }));
      assert.equal(new URL(page.url()).search, '?campaign=spring');
    }));

  for (const framework of ['React', 'Vue']) {
    const name = framework.toLowerCase();
    it(`in a ${framework} application: the package bundled by name, properties from the framework's state, events into it`, () =>
      run(async ({ page }) => {
        const bundle = page.waitForResponse((response) => new URL(response.url()).pathname === `/examples/${name}.js`);
        await page.goto(`${stack.demoUrl}/examples/${name}.html?campaign=spring`);
        assert.equal((await bundle).status(), 200);
        await visible(page.getByText(`${framework} sees: nobody signed in`));
        await signIn(page);
        await visible(page.getByText(`${framework} sees: signed in as Alex Morgan`));

        // A property set by the framework moves the portal, and the address follows.
        const shortcuts = page.getByRole('navigation', { name: `Shortcuts (${framework})` });
        await shortcuts.getByRole('button', { name: 'My invoices' }).click();
        await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
        assert.equal(new URL(page.url()).search, '?campaign=spring&portal=invoices');
        assert.equal(await sectionLink(page, 'Invoices').getAttribute('aria-current'), 'page');

        // The portal's own navigation reaches the framework's state through portal-navigate.
        await sectionLink(page, 'Messages').click();
        // "Messages", and "1 unread" once the count is in.
        await visible(page.getByRole('heading', { level: 2, name: /^Messages\b/ }));
        await visible(page.getByText(`Section in ${framework} state: messages`));
        assert.equal(await shortcuts.getByRole('button', { name: 'Message my lawyer' }).getAttribute('aria-pressed'), 'true');
        assert.equal(await shortcuts.getByRole('button', { name: 'My invoices' }).getAttribute('aria-pressed'), 'false');

        await page.reload();
        await visible(page.getByText(`${framework} sees: signed in as Alex Morgan`));
        await visible(page.getByRole('heading', { level: 2, name: /^Messages\b/ }));
        assert.equal(new URL(page.url()).search, '?campaign=spring&portal=messages');

        await page.getByRole('button', { name: 'Sign out' }).click();
        await visible(page.getByText(`${framework} sees: nobody signed in`));
      }));
  }

  it('with the bundle loaded twice, from /sdk/portal.js and /sdk/v<version>/portal.js: no error, and the elements work', () =>
    run(async ({ page }) => {
      const loaded: string[] = [];
      const chunks: string[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/sdk/') && response.url().endsWith('/portal.js')) loaded.push(`${response.status()} ${new URL(response.url()).pathname}`);
        if (response.url().includes('/sdk/') && response.url().includes('/chunks/')) chunks.push(new URL(response.url()).pathname);
      });
      await page.goto(`${stack.demoUrl}/examples/double-load.html`);
      await signIn(page);
      assert.deepEqual(loaded.sort(), ['200 /sdk/portal.js', `200 /sdk/v${built.version}/portal.js`]);

      await sectionLink(page, 'Payments').click();
      await visible(page.getByRole('heading', { level: 2, name: 'Payment history', exact: true }));
      assert.equal(new URL(page.url()).hash, '#portal/payments');
      // Each element is defined once, by one copy, when first shown: the sections not visited are not loaded.
      const defined = await page.evaluate(() =>
        ['portal-app', 'portal-session', 'portal-login', 'portal-payments', 'portal-invoices', 'portal-pay', 'portal-messages', 'portal-files'].filter((tag) =>
          customElements.get(tag),
        ),
      );
      assert.deepEqual(defined, ['portal-app', 'portal-session', 'portal-login', 'portal-payments']);
      const chunkFolders = new Set(chunks.map((pathname) => pathname.slice(0, pathname.indexOf('/chunks/'))));
      assert.equal(chunkFolders.size, 1, `chunks came from both copies: ${chunks.join(', ')}`);
    }));

  it('on the demo portal page: a theme switcher that swaps the stylesheet and remembers the choice', () =>
    run(async ({ page }) => {
      await page.goto(`${stack.portalUrl}`);
      const choice = await visible(page.getByLabel('Portal theme (demo)'));
      assert.equal(await page.locator('#portal-theme').getAttribute('href'), '/assets/themes/classic.css');

      await choice.selectOption('dark');
      assert.equal(await page.locator('#portal-theme').getAttribute('href'), '/assets/themes/dark.css');
      await signIn(page);
      const surface = await page.locator('portal-app').evaluate((app) => getComputedStyle(app).getPropertyValue('--portal-color-surface').trim());
      assert.equal(surface, '#1b1f24');

      await page.reload();
      assert.equal(await page.locator('#portal-theme').getAttribute('href'), '/assets/themes/dark.css');
      assert.equal(await page.getByLabel('Portal theme (demo)').inputValue(), 'dark');
      await page.getByLabel('Portal theme (demo)').selectOption('modern');
      await page.reload();
      assert.equal(await page.locator('#portal-theme').getAttribute('href'), '/assets/themes/modern.css');
    }));

  it('on the demo portal page: older #section links still open their section', () =>
    run(async ({ page }) => {
      await page.goto(`${stack.portalUrl}#payments`);
      await signIn(page);
      await visible(page.getByRole('heading', { level: 2, name: 'Payment history', exact: true }));
      assert.equal(new URL(page.url()).hash, '#portal/payments');

      await page.goto(`${stack.portalUrl}#invoices`);
      await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
      assert.equal(new URL(page.url()).hash, '#portal/invoices');
    }));
});
