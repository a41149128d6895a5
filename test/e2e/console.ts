/**
 * What a member of the firm's staff does on the demo's console page, in words the page itself
 * uses: sign in (with a second factor when one is set up), move between screens, sign out; and
 * an authenticator app in Node that gives the codes a phone would.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateSync } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { demoPassword, hidden, visible, type Stack } from './harness.ts';

/** The demo firm's owner, seeded with the demo. */
export const owner = { email: 'margaret@example.com', name: 'Margaret Hale', password: demoPassword } as const;

export type ConsoleScreen = 'Inbox' | 'Clients' | 'Invoices' | 'Payments' | 'Files' | 'Tasks and events' | 'Settings' | 'Your account';

const screenTags: Record<ConsoleScreen, string> = {
  Inbox: 'portal-console-inbox',
  Clients: 'portal-console-clients',
  Invoices: 'portal-console-invoices',
  Payments: 'portal-console-payments',
  Files: 'portal-console-files',
  'Tasks and events': 'portal-console-tasks',
  Settings: 'portal-console-settings',
  'Your account': 'portal-console-account',
};

export function consoleUrl(stack: Stack): string {
  return `${stack.demoUrl}/console/`;
}

/** The console's navigation between screens (shown once signed in). */
export function consoleNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Console', exact: true });
}

/** The console's header: the firm, the staff member's name and role, and "Sign out". */
export function consoleHeader(page: Page): Locator {
  return page.locator('portal-console').locator('[part~="header"]');
}

/** The sign-in form (`<portal-staff-login>`), whatever step it is at. */
export function staffLogin(page: Page): Locator {
  return page.locator('portal-staff-login');
}

/** A screen's element, e.g. `portal-console-clients` for "Clients". */
export function screen(page: Page, name: ConsoleScreen): Locator {
  return page.locator(screenTags[name]);
}

/**
 * An authenticator app: the codes it shows for a setup key. The service refuses a time step
 * once used, so each code is for a step not given before: the current one, else the next (the
 * service allows a step either side for clocks that drift), else it waits for the clock.
 */
export class Authenticator {
  static readonly period = 30;
  #lastStep = -Infinity;

  constructor(readonly secret: string) {}

  static #step(): number {
    return Math.floor(Date.now() / 1000 / Authenticator.period);
  }

  codeAt(step: number): string {
    return generateSync({ secret: this.secret, epoch: step * Authenticator.period, period: Authenticator.period });
  }

  /**
   * A code the service has not seen: it takes the steps either side of its own, each once and in
   * order, so three codes can be had at once (the step before only while 10 s of this one are
   * left to send it in); a fourth waits for the clock.
   */
  async code(): Promise<string> {
    for (;;) {
      const seconds = Date.now() / 1000;
      const now = Math.floor(seconds / Authenticator.period);
      const earliest = seconds - now * Authenticator.period < Authenticator.period - 10 ? now - 1 : now;
      const step = Math.max(earliest, this.#lastStep + 1);
      if (step <= now + 1) {
        this.#lastStep = step;
        return this.codeAt(step);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Six digits the service will not take: no code of the steps around now. */
  wrongCode(): string {
    const now = Authenticator.#step();
    const near = new Set([-2, -1, 0, 1, 2].map((offset) => this.codeAt(now + offset)));
    for (let n = 123456; ; n = (n + 111111) % 1_000_000) {
      const code = String(n).padStart(6, '0');
      if (!near.has(code)) return code;
    }
  }
}

/** Opens the console page (unless told not to) and submits email and password; the second factor, if any, is the caller's. */
export async function submitPassword(page: Page, stack: Stack, email: string, password: string, { open = true } = {}): Promise<void> {
  if (open) await page.goto(consoleUrl(stack));
  const login = staffLogin(page);
  await (await visible(login.getByLabel('Email address', { exact: true }))).fill(email);
  await login.getByLabel('Password', { exact: true }).fill(password);
  await login.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Waits until the console shows its navigation and the staff member's name in the header. */
export async function waitForConsole(page: Page, name?: string): Promise<void> {
  await visible(consoleNav(page));
  if (name) await visible(consoleHeader(page).getByText(name, { exact: true }));
}

/**
 * Signs in to the console; with `authenticator`, gives a code when the sign-in asks for one.
 * Resolves once the console shows its navigation.
 */
export async function signInToConsole(
  page: Page,
  stack: Stack,
  { email = owner.email, password = owner.password, authenticator }: { email?: string; password?: string; authenticator?: Authenticator } = {},
): Promise<void> {
  await submitPassword(page, stack, email, password);
  const asked = staffLogin(page).getByRole('heading', { name: 'Two-step verification' });
  await visible(consoleNav(page).or(asked));
  if (await asked.isVisible()) {
    assert.ok(authenticator, `the console asks ${email} for a code, and the test has no authenticator for them`);
    await enterCode(page, await authenticator.code());
  }
  await waitForConsole(page);
}

/** Types a code (or recovery code) into the second step and submits it. */
export async function enterCode(page: Page, code: string, label: 'Code' | 'Recovery code' = 'Code'): Promise<void> {
  const login = staffLogin(page);
  await (await visible(login.getByLabel(label, { exact: true }))).fill(code);
  await login.getByRole('button', { name: 'Verify', exact: true }).click();
}

/** Follows the navigation to a screen and waits for its heading; returns the screen's element. */
export async function openScreen(page: Page, name: ConsoleScreen): Promise<Locator> {
  await consoleNav(page).getByRole('link', { name, exact: true }).click();
  const element = screen(page, name);
  await visible(element.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }));
  return element;
}

/** Signs out from the header and waits for the sign-in form. */
export async function signOutOfConsole(page: Page): Promise<void> {
  await consoleHeader(page).getByRole('button', { name: 'Sign out', exact: true }).click();
  await visible(staffLogin(page).getByLabel('Email address', { exact: true }));
  await hidden(consoleNav(page));
}

/** The first link in an email's text whose address carries `param` (e.g. `invitation`). */
export function linkIn(text: string, param: string): string {
  const link = text.match(new RegExp(`https?://[^\\s<>"')\\]]*[?&]${param}=[^\\s<>"')\\]]+`))?.[0];
  assert.ok(link, `no link with ?${param}= in the email:\n${text}`);
  return link;
}

/** Signs a staff member in through the API (no second factor set up) and returns their access token. */
export async function staffAccessToken(stack: Stack, email: string, password: string, firm = 'demo'): Promise<string> {
  const response = await fetch(`${stack.serviceUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firm, email, password }),
  });
  const body = (await response.json()) as { accessToken?: string };
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.ok(body.accessToken, `the sign-in answered no access token: ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** A PDF the service accepts (it checks the type by content), padded to `size` bytes; returns its path. */
export async function pdfFile(name: string, size: number): Promise<string> {
  const head = Buffer.from('%PDF-1.4\n% Portico end-to-end test document\n');
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'portico-upload-')), name);
  await fs.writeFile(file, Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]));
  return file;
}
