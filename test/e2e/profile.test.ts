import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';
import { sectionTabs, signIn } from './portal.ts';

/** Saves two cards for the client the way a checkout with "save for later" does: a small payment with each. */
async function saveTwoCards(stack: Stack, email: string): Promise<void> {
  const call = async (path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${stack.serviceUrl}${path}`, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await response.json()) as Record<string, any>;
    assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const { accessToken } = await call('/api/v1/auth/login', { body: { firm: 'demo', email, password: demoPassword } });
  const invoices = (await call('/api/v1/invoices?limit=50', { token: accessToken })).data as { id: string; openBalance: number }[];
  const open = invoices.find((invoice) => invoice.openBalance >= 10_000);
  assert.ok(open, 'an invoice with a balance to pay');
  for (const [number, cvc] of [
    ['4242424242424242', '123'],
    ['378282246310005', '1234'],
  ] as const) {
    const token = await call('/sandbox/v1/payment_methods', {
      body: { type: 'card', card: { number, exp_month: 12, exp_year: 2031, cvc }, billing_details: { name: 'Alex Morgan', address: { postal_code: '94107' } } },
    });
    await call('/api/v1/payments', {
      token: accessToken,
      headers: { 'idempotency-key': randomUUID() },
      body: { allocations: [{ invoiceId: open.id, amount: 1_000 }], paymentMethod: { type: 'card', token: token.id }, savePaymentMethod: true },
    });
  }
}

/** The newest email-change code sent to `to`, read on the demo's outbox page; the email is in the client's language. */
async function readChangeCode(page: Page, stack: Stack, to: string): Promise<string> {
  await page.goto(stack.outboxUrl);
  const item = page
    .getByRole('link', { name: new RegExp(`To ${to.replace(/[.]/g, '\\.')}`) })
    .filter({ hasText: /new email address|nueva dirección de correo/i })
    .first();
  await (await visible(item)).click();
  // The email carries no link (only the code), so it is its plain text that is waited for.
  await visible(page.getByRole('heading', { level: 3, name: 'Plain-text version' }));
  await visible(page.locator('#outbox-to').filter({ hasText: to }));
  const text = await page.locator('#outbox-text').innerText();
  const code = /(?:Confirmation code|Código de confirmación): (\d{6})\b/.exec(text)?.[1];
  assert.ok(code, `a code in the email:\n${text}`);
  return code;
}

describe("the client's profile, in the demo portal", () => {
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

  it('changes the name, language and default method, moves to a new email with the emailed code, and signs out everywhere', async () => {
    await saveTwoCards(stack, demoClients.jordan);
    // axe is injected as a script, which the demo's CSP would refuse.
    const watched = await watchPage(browser, { contextOptions: { bypassCSP: true } });
    const { page } = watched;
    const outbox = await page.context().newPage();
    try {
      await signIn(page, stack, demoClients.jordan);
      await sectionTabs(page).getByRole('link', { name: 'Profile' }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Your profile' }));
      assert.match(page.url(), /#portal\/profile$/);
      await visible(page.getByText('Visa ending in 4242'));
      await assertAccessible(page, 'the profile');

      // Name and language: the header and the whole portal follow at once.
      await page.getByLabel('Name', { exact: true }).fill('Jordan A. Lee');
      await page.getByLabel('Language', { exact: true }).selectOption('es');
      await page.getByRole('button', { name: 'Save name and language' }).click();
      await visible(page.getByRole('heading', { level: 2, name: 'Su perfil' }));
      await visible(page.getByRole('navigation', { name: 'Secciones del portal del cliente' }).getByRole('link', { name: 'Perfil' }));
      assert.equal((await page.locator('[part~="contact-name"]').innerText()).trim(), 'Jordan A. Lee');

      // The default method, in Spanish now.
      const amex = page.locator('[part~="method"]').filter({ hasText: /3782|0005/ });
      await amex.getByRole('button', { name: /^Hacer predeterminado/ }).click();
      await visible(amex.getByText('Predeterminado', { exact: true }));

      // A new email address, confirmed with the code from the outbox.
      await page.getByLabel('Nuevo correo electrónico').fill('jordan.lee@example.com');
      await page.getByLabel('Contraseña actual').first().fill(demoPassword);
      await page.getByRole('button', { name: 'Enviar un código a la nueva dirección' }).click();
      const codeField = await visible(page.getByLabel('Código del correo'));
      const code = await readChangeCode(outbox, stack, 'jordan.lee@example.com');
      await codeField.fill(code);
      await page.getByRole('button', { name: 'Confirmar la nueva dirección' }).click();
      await visible(page.locator('[data-email]').filter({ hasText: 'jordan.lee@example.com' }));

      // Reloaded, the portal stays in the client's language: it comes with their sign-in.
      await page.reload();
      await visible(page.getByRole('heading', { level: 2, name: 'Su perfil' }));

      // Sign out everywhere: this tab shows the sign-in form, and a reload does not bring the session back.
      await page.getByRole('button', { name: 'Cerrar sesión en todas partes' }).click();
      await page.getByRole('button', { name: 'Sí, cerrar sesión en todas partes' }).click();
      await visible(page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.reload();
      await visible(page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.getByLabel('Email address', { exact: true }).fill('jordan.lee@example.com');
      await page.getByLabel('Password', { exact: true }).fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visible(page.locator('[part~="contact-name"]').filter({ hasText: 'Jordan A. Lee' }));

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await outbox.close();
      await watched.close();
    }
  });
});
