import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, hidden, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import { invoiceRow, openSection } from './portal.ts';

const alexInvoices = ['INV-1005', 'INV-1004', 'INV-1003', 'INV-1002', 'INV-1001'];
const jordanInvoices = ['INV-1008', 'INV-1007'];

/** Records the portal's sign-in calls to the token service. */
function watchSignInCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() === 'POST' && pathname.startsWith('/api/v1/auth/')) calls.push(pathname.slice('/api/v1/auth/'.length));
  });
  return calls;
}

/** Signs in on the demo firm's own website (its stand-in sign-in form) as `name`. */
async function signInOnSite(page: Page, stack: Stack, account: RegExp): Promise<void> {
  await page.goto(`${stack.demoUrl}/sso/`);
  await visible(page.getByRole('heading', { level: 2, name: 'Sign in on our website' }));
  await page.getByRole('radio', { name: account }).check();
  await page.getByRole('button', { name: "Sign in on the firm's site" }).click();
}

describe('signing in from the demo firm’s own website (/sso/)', () => {
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

  it('lets Alex in from the website and shows their invoices, with no password typed', async () => {
    const watched = await watchPage(browser);
    const { page } = watched;
    const calls = watchSignInCalls(page);
    try {
      await page.goto(`${stack.demoUrl}/`);
      await page.getByRole('link', { name: 'go straight in from your account on our website' }).click();
      await page.waitForURL(`${stack.demoUrl}/sso/`);
      await signInOnSite(page, stack, /Alex Morgan/);

      await visible(page.getByText('Signed in on our website as Alex Morgan'));
      const portalSignOut = page.getByRole('button', { name: 'Sign out', exact: true });
      await visible(portalSignOut);
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Alex Morgan');
      assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0, 'no password form');
      // Nothing to resume in a browser that never signed in to the portal: no refresh is asked for.
      assert.deepEqual(calls, ['token-exchange']);

      await openSection(page, 'Invoices');
      for (const number of alexInvoices) await visible(invoiceRow(page, number));
      for (const number of jordanInvoices) assert.equal(await invoiceRow(page, number).count(), 0, `${number} is Jordan's`);

      // A reload resumes the portal's own sign-in: the website is not asked again.
      await page.reload();
      await visible(portalSignOut);
      assert.deepEqual(calls, ['token-exchange', 'refresh']);

      // Signing out of the website ends the portal's sign-in too.
      await page.getByRole('button', { name: "Sign out of the firm's site" }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Sign in on our website' }));
      assert.ok(calls.includes('logout'), 'the portal was signed out');
      await page.goto(`${stack.demoUrl}/portal/`);
      await visible(page.getByLabel('Password', { exact: true }));
      await hidden(portalSignOut);

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('tells a website client without a portal account so, keeps the password form, and is accessible', async () => {
    // axe is injected as a script: the page's policy is bypassed for it (the test above keeps it).
    const watched = await watchPage(browser, { allowConsole: [/status of 404\b/], contextOptions: { bypassCSP: true } });
    const { page } = watched;
    try {
      await page.goto(`${stack.demoUrl}/sso/`);
      await visible(page.getByRole('heading', { level: 2, name: 'Sign in on our website' }));
      await assertAccessible(page, 'the single sign-on page, signed out on the website');
      await signInOnSite(page, stack, /Sam Okafor/);
      await visible(page.getByText('Signed in on our website as Sam Okafor'));
      const alert = await visible(page.getByRole('alert').filter({ hasText: 'couldn’t find your client portal account' }));
      assert.match(await alert.innerText(), /Hale & Whitmore LLP’s website signed you in/);
      await visible(page.getByLabel('Password', { exact: true }));
      await assertAccessible(page, 'the single sign-on page, no portal account');

      await page.getByRole('button', { name: "Sign out of the firm's site" }).click();
      await page.getByRole('radio', { name: /Jordan Lee/ }).check();
      await page.getByRole('button', { name: "Sign in on the firm's site" }).click();
      await visible(page.getByRole('button', { name: 'Sign out', exact: true }));
      await openSection(page, 'Invoices');
      for (const number of jordanInvoices) await visible(invoiceRow(page, number));
      await assertAccessible(page, 'the single sign-on page, signed in');
      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });

  it('signs assertions only for the website’s own signed-in visitor, from its own pages', async () => {
    const anonymous = await fetch(`${stack.demoUrl}/sso/assertion`, { method: 'POST' });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('cache-control'), 'no-store');

    const crossSite = await fetch(`${stack.demoUrl}/sso/sign-in`, {
      method: 'POST',
      headers: { Origin: 'https://attacker.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'account=HW-1001',
    });
    assert.equal(crossSite.status, 403);

    const signIn = await fetch(`${stack.demoUrl}/sso/sign-in`, {
      method: 'POST',
      headers: { Origin: stack.demoUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'account=HW-1001',
      redirect: 'manual',
    });
    assert.equal(signIn.status, 303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const answer = await fetch(`${stack.demoUrl}/sso/assertion`, { method: 'POST', headers: { Origin: stack.demoUrl, Cookie: cookie } });
    assert.equal(answer.status, 200);
    const { assertion } = (await answer.json()) as { assertion: string };
    const [header, payload] = assertion
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    assert.equal(header!.alg, 'ES256');
    assert.equal(payload!.iss, stack.demoUrl);
    assert.equal(payload!.sub, 'HW-1001');
    assert.equal(payload!.email, 'alex@example.com');
    assert.ok(Number(payload!.exp) - Number(payload!.iat) <= 300, 'lives five minutes at most');

    // The service takes it once, and only once.
    const exchange = (body: unknown) =>
      fetch(`${stack.serviceUrl}/api/v1/auth/token-exchange`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: stack.demoUrl },
        body: JSON.stringify(body),
      });
    const first = await exchange({ firm: 'demo', assertion });
    assert.equal(first.status, 200, await first.clone().text());
    assert.equal(((await first.json()) as { contact: { email: string } }).contact.email, 'alex@example.com');
    const again = await exchange({ firm: 'demo', assertion });
    assert.equal(again.status, 401);
    assert.equal(((await again.json()) as { code: string }).code, 'invalid_assertion');
  });
});
