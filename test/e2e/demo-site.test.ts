import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createDemoServer, demoOptionsFromEnv, type DemoOptions } from '../../demo/server.ts';
import { assertAccessible, demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

const pages = [
  '/',
  '/portal/',
  '/console/',
  '/strict/',
  '/sso/',
  '/examples/plain.html',
  '/examples/react.html',
  '/examples/vue.html',
  '/examples/double-load.html',
  '/dev/outbox',
  '/no-such-page',
];

/** Runs a demo server of its own, with other options than the stack's, on a free port. */
async function withDemoServer(options: Omit<DemoOptions, 'port'>, body: (base: string) => Promise<void>): Promise<void> {
  const server = createDemoServer({ port: 0, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('the demo firm site', () => {
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

  it('serves every page under a strict Content-Security-Policy, with no inline script or style', async () => {
    const service = new URL(stack.serviceUrl).origin;
    for (const pathname of pages) {
      const response = await fetch(`${stack.demoUrl}${pathname}`);
      assert.equal(response.status, pathname === '/no-such-page' ? 404 : 200, pathname);
      const policy = response.headers.get('content-security-policy') ?? '';
      assert.match(policy, new RegExp(`script-src 'self' ${service}(;|$)`), pathname);
      assert.match(policy, new RegExp(`connect-src 'self' ${service}(;|$)`), pathname);
      assert.match(policy, /default-src 'self'/, pathname);
      assert.match(policy, /object-src 'none'/, pathname);
      assert.match(policy, /base-uri 'none'/, pathname);
      assert.match(policy, /frame-ancestors 'none'/, pathname);
      // Only the outbox relaxes styles, for the emails it shows in a sandboxed frame.
      assert.equal(policy.includes("'unsafe-inline'"), pathname === '/dev/outbox', pathname);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');

      const html = await response.text();
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, `${pathname} has an inline script`);
      assert.doesNotMatch(html, /<style[\s>]|\sstyle=|\son[a-z]+=/i, `${pathname} has an inline style or handler`);
      assert.ok(!html.includes('{{'), `${pathname} has an unfilled placeholder`);
    }

    const portal = await (await fetch(stack.portalUrl)).text();
    assert.ok(portal.includes(`<script type="module" src="${stack.serviceUrl}/sdk/portal.js"></script>`));
    assert.ok(portal.includes(`<portal-app api="${stack.serviceUrl}" firm="demo">`));
  });

  it('answers only GET and HEAD, and never serves files outside its folder', async () => {
    const post = await fetch(`${stack.demoUrl}/`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    for (const pathname of ['/%2e%2e/server.ts', '/..%2fserver.ts', '/assets/%2e%2e/%2e%2e/server.ts', '/%00']) {
      assert.equal((await fetch(`${stack.demoUrl}${pathname}`)).status, 404, pathname);
    }
    const logo = await fetch(`${stack.demoUrl}/assets/logo.svg`);
    assert.equal(logo.status, 200);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
  });

  it('hides the development pages in production', () =>
    withDemoServer({ serviceUrl: stack.serviceUrl, development: false }, async (base) => {
      assert.equal((await fetch(`${base}/dev/outbox`)).status, 404);
      const home = await (await fetch(`${base}/`)).text();
      assert.ok(!home.includes('/dev/outbox'), 'no link to the outbox');
      assert.equal((await fetch(`${base}/portal/`)).status, 200);
    }));

  it('serves the built framework examples beside its own files', async () => {
    for (const name of ['react', 'vue']) {
      const response = await fetch(`${stack.demoUrl}/examples/${name}.js`);
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.match(await response.text(), /portal-app/, `${name}.js bundles the portal`);
    }
    assert.equal((await fetch(`${stack.demoUrl}/examples/angular.js`)).status, 404);
  });

  it('allows Stripe’s and Plaid’s hosts in its policies only when the service uses them', async () => {
    const service = new URL(stack.serviceUrl).origin;
    const directives = (policy: string) => new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive]));

    await withDemoServer({ serviceUrl: stack.serviceUrl, development: true, processors: { payments: 'stripe', bankLink: 'plaid' } }, async (base) => {
      for (const pathname of ['/portal/', '/strict/']) {
        const policy = directives((await fetch(`${base}${pathname}`)).headers.get('content-security-policy') ?? '');
        assert.equal(policy.get('script-src'), `script-src 'self' ${service} https://js.stripe.com https://cdn.plaid.com`, pathname);
        assert.equal(policy.get('frame-src'), 'frame-src https://js.stripe.com https://hooks.stripe.com https://cdn.plaid.com', pathname);
        assert.equal(policy.get('connect-src'), `connect-src 'self' ${service} https://api.stripe.com https://*.plaid.com`, pathname);
        assert.equal(policy.get('style-src'), "style-src 'self'", pathname);
      }
    });
    await withDemoServer({ serviceUrl: stack.serviceUrl, development: true, processors: { payments: 'stripe', bankLink: 'sandbox' } }, async (base) => {
      const policy = directives((await fetch(`${base}/strict/`)).headers.get('content-security-policy') ?? '');
      assert.equal(policy.get('script-src'), `script-src 'self' ${service} https://js.stripe.com`);
      assert.equal(policy.get('frame-src'), 'frame-src https://js.stripe.com https://hooks.stripe.com');
    });
    // The stack runs the sandbox processors: no third-party host at all.
    const policy = (await fetch(`${stack.demoUrl}/strict/`)).headers.get('content-security-policy') ?? '';
    assert.doesNotMatch(policy, /stripe|plaid|frame-src/);
  });

  it('reads the processors from PAYMENTS and BANK_LINK, and names a wrong value', () => {
    assert.deepEqual(demoOptionsFromEnv({}).processors, { payments: 'sandbox', bankLink: 'sandbox' });
    assert.deepEqual(demoOptionsFromEnv({ PAYMENTS: 'stripe', BANK_LINK: 'plaid' }).processors, { payments: 'stripe', bankLink: 'plaid' });
    assert.throws(() => demoOptionsFromEnv({ PAYMENTS: 'paypal' }), /^Error: PAYMENTS: must be one of sandbox, stripe, got "paypal"$/);
    assert.throws(() => demoOptionsFromEnv({ BANK_LINK: 'yodlee' }), /^Error: BANK_LINK: must be one of sandbox, plaid, got "yodlee"$/);
  });

  it('has accessible pages, signed out and signed in, on a desktop and a phone', async () => {
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true }, allowConsole: [/status of 404\b/] });
    const { page } = watched;
    try {
      for (const viewport of [
        { width: 1200, height: 900 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(viewport);
        const where = `${viewport.width}px wide`;
        await page.goto(`${stack.demoUrl}/`);
        await assertAccessible(page, `the home page, ${where}`);
        await page.goto(`${stack.demoUrl}/no-such-page`);
        await assertAccessible(page, `the not-found page, ${where}`);
        for (const example of ['react', 'vue']) {
          await page.goto(`${stack.demoUrl}/examples/${example}.html`);
          await visible(page.getByLabel('Password', { exact: true }));
          await assertAccessible(page, `the ${example} example, signed out, ${where}`);
        }
        await page.goto(stack.portalUrl);
        await visible(page.getByLabel('Password', { exact: true }));
        await assertAccessible(page, `the portal page, signed out, ${where}`);
      }

      await page.getByLabel('Email', { exact: false }).fill(demoClients.alex);
      await page.getByLabel('Password', { exact: true }).fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.getByRole('button', { name: 'Sign out' }));
      await assertAccessible(page, 'the portal page, signed in');
      // The same sign-in resumes on the framework examples, whose own controls show then.
      for (const [example, framework] of [
        ['react', 'React'],
        ['vue', 'Vue'],
      ]) {
        await page.goto(`${stack.demoUrl}/examples/${example}.html`);
        await page
          .getByRole('navigation', { name: `Shortcuts (${framework})` })
          .getByRole('button', { name: 'My invoices' })
          .click();
        await visible(page.getByRole('heading', { level: 2, name: 'Invoices', exact: true }));
        await assertAccessible(page, `the ${example} example, signed in`);
      }
      await page.goto(stack.portalUrl);
      await visible(page.getByRole('button', { name: 'Sign out' }));

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page
        .getByRole('link', { name: 'Forgot your password?' })
        .or(page.getByRole('button', { name: 'Forgot your password?' }))
        .click();
      await page.getByLabel('Email', { exact: false }).fill(demoClients.alex);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await visible(page.getByText(/we have sent it a link/i));
      await page.goto(stack.outboxUrl);
      await visible(page.getByRole('heading', { level: 3, name: 'Links in this email' }));
      await assertAccessible(page, 'the outbox');

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('starts keyboard navigation with a skip link to the main content', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await page.goto(`${stack.demoUrl}/`);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      assert.equal(await skip.evaluate((element) => element === document.activeElement), true, 'the skip link is the first stop');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      watched.assertClean();
    } finally {
      await watched.close();
    }
  });
});
