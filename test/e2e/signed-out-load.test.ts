import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

// A signed-out visitor's browser must not ask the service to resume a sign-in it never had: each
// such request is refused with a 401, which the browser logs in its console on every load.
describe('loading the portal signed out', () => {
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

  /** The page's requests to resume a sign-in, and the 401s its console logged, from now on. */
  function watchResumes(page: Page) {
    const refreshes: number[] = [];
    const logged401: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v1/auth/refresh') refreshes.push(response.status());
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /status of 401\b/.test(message.text())) logged401.push(message.text());
    });
    return { refreshes, logged401 };
  }

  /** Waits until the session has started: the firm's name is in the header and the form or the portal shows. */
  async function settled(page: Page, what: 'login' | 'portal') {
    await visible(page.locator('[part~="firm-name"]'));
    await visible(what === 'login' ? page.getByLabel('Email', { exact: false }) : page.getByRole('button', { name: 'Sign out' }));
  }

  it('asks for no refresh and logs no 401 until the client has signed in; resumes after a reload once they have', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    const seen = watchResumes(page);
    try {
      await page.goto(stack.portalUrl);
      await settled(page, 'login');
      await page.reload();
      await settled(page, 'login');
      assert.deepEqual(seen.refreshes, [], 'a browser that never signed in asks nothing');
      assert.deepEqual(seen.logged401, []);

      await page.getByLabel('Email', { exact: false }).fill(demoClients.alex);
      await page.getByLabel('Password', { exact: false }).fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await settled(page, 'portal');
      await page.reload();
      await settled(page, 'portal');
      assert.deepEqual(seen.refreshes, [200], 'the reload resumed the sign-in from the refresh cookie');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await visible(page.getByLabel('Email', { exact: false }));
      await page.reload();
      await settled(page, 'login');
      assert.deepEqual(seen.refreshes, [200], 'nothing asked after signing out');
      assert.deepEqual(seen.logged401, []);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it("moves nothing on the demo's portal and console pages while they load, on a phone and on a desktop", async () => {
    for (const [path, what] of [
      ['/portal/', 'the client portal'],
      ['/console/', 'the staff console'],
    ] as const) {
      for (const viewport of [
        { width: 412, height: 823 },
        { width: 1280, height: 900 },
      ]) {
        const watched = await watchPage(browser, { contextOptions: { viewport } });
        const { page } = watched;
        try {
          // Every layout shift the page records from its first paint, and the light-DOM elements it moved.
          await page.addInitScript(() => {
            const shifts: { value: number; moved: string[] }[] = [];
            (window as unknown as { shifts: typeof shifts }).shifts = shifts;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
                shifts.push({ value: entry.value, moved: (entry.sources ?? []).map((source) => source.node?.nodeName ?? 'an element of a shadow root') });
              }
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(new URL(path, stack.portalUrl).href);
          await visible(page.locator('[part~="firm-name"]'));
          await visible(page.getByLabel('Email', { exact: false }));
          // Let a frame pass after the form and the firm's name are both on screen, so their own shifts are recorded.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; moved: string[] }[] }).shifts);
          const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
          assert.ok(total < 0.01, `${what} at ${viewport.width} px moved the page by ${total.toFixed(3)}: ${JSON.stringify(shifts)}`);
          watched.assertClean();
        } catch (error) {
          throw withLogs(error, stack, watched);
        } finally {
          await watched.close();
        }
      }
    }
  });

  it("loads the sign-in form's other flows only when one is chosen, keeping the password form until they arrive", async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    const flowRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/chunks\/other-flows-[^/]*\.js$/.test(new URL(request.url()).pathname)) flowRequests.push(request.url());
    });
    // The flows' module is held back until the password form has been checked while it loads.
    let requested!: () => void;
    const held = new Promise<void>((resolve) => (requested = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/chunks\/other-flows-[^/]*\.js$/, async (route) => {
      requested();
      await released;
      await route.continue();
    });
    try {
      await page.goto(stack.portalUrl);
      await settled(page, 'login');
      assert.deepEqual(flowRequests, [], 'the password form loads none of the other flows');

      await page.getByRole('button', { name: 'Forgot your password?' }).click();
      await held;
      await visible(page.getByLabel('Password', { exact: true }));
      assert.equal(await page.getByRole('heading', { name: 'Reset your password' }).count(), 0, 'the password form stays until the flow arrives');

      release();
      const heading = await visible(page.getByRole('heading', { name: 'Reset your password' }));
      await visible(page.getByRole('button', { name: 'Send reset link' }));
      assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0, 'the reset form asks for no password');
      await page.waitForFunction((element) => (element!.getRootNode() as ShadowRoot).activeElement === element, await heading.elementHandle());
      assert.equal(flowRequests.length, 1);
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      release();
      await watched.close();
    }
  });
});
