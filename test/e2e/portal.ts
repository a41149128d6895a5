/**
 * What a client does on the demo's portal page, in words the page itself uses: sign in, open a
 * section, find an invoice, pay through <portal-pay>; and what a developer reads beside it: the
 * outbox and the sandbox processor's clock.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { demoPassword, visible, type Stack } from './harness.ts';

export type Section = 'Home' | 'Tasks and events' | 'Invoices' | 'Payments';

/** Opens the portal page and signs in; resolves once the portal shows its sections. */
export async function signIn(page: Page, stack: Stack, email: string, options: { path?: string } = {}): Promise<void> {
  await page.goto(`${stack.demoUrl}${options.path ?? '/portal/'}`);
  await (await visible(page.getByLabel('Email address', { exact: true }))).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
  await visible(sectionTabs(page));
}

export function sectionTabs(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Client portal sections' });
}

/** Follows the portal's tab to a section and waits until its heading shows. */
export async function openSection(page: Page, section: Section): Promise<void> {
  // A link's name may end with its count: "Invoices, 2 unpaid".
  await sectionTabs(page)
    .getByRole('link', { name: new RegExp(`^${section}(, .+)?$`) })
    .click();
  const heading = { Home: 'Home', 'Tasks and events': 'Tasks and events', Invoices: 'Invoices', Payments: 'Payment history' }[section];
  await visible(page.getByRole('heading', { level: 2, name: heading, exact: true }));
}

/** The invoice list's row for an invoice number. */
export function invoiceRow(page: Page, number: string): Locator {
  return page
    .locator('portal-invoices')
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: number, exact: true }) });
}

/**
 * Opens an invoice from the list and waits for its heading. An invoice already open (the portal
 * keeps its place across a reload) is taken as it is.
 */
export async function openInvoice(page: Page, number: string): Promise<Locator> {
  const invoice = page.getByRole('article', { name: new RegExp(`\\b${number}$`) });
  const opener = page.locator('portal-invoices').getByRole('button', { name: number, exact: true });
  await visible(opener.or(invoice.getByRole('heading', { level: 2 })));
  if (await opener.isVisible()) await opener.click();
  await visible(invoice.getByRole('heading', { level: 2 }));
  return invoice;
}

/** "$1,104.70" → 110470; "-$500.00" → -50000. */
export function cents(text: string): number {
  const match = /(-?)\$([\d,]+)\.(\d{2})/.exec(text);
  assert.ok(match, `no dollar amount in ${JSON.stringify(text)}`);
  const value = Number(match[2]!.replace(/,/g, '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

/** 110470 → "$1,104.70". */
export function dollars(amount: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount / 100);
}

/** The amount in a row of the invoice's totals table ("Balance due", "Payments applied"…). */
export async function totalsRow(invoice: Locator, label: string): Promise<number> {
  const row = invoice.getByRole('table', { name: 'Totals' }).getByRole('row', { name: new RegExp(`^${label} `) });
  return cents(await (await visible(row.getByRole('cell'))).innerText());
}

/** The invoice's "Balance due", as its totals table says it. */
export function balanceDue(invoice: Locator): Promise<number> {
  return totalsRow(invoice, 'Balance due');
}

/** The <portal-pay> the page shows in place of the invoices. */
export function payForm(page: Page): Locator {
  return page.locator('portal-pay');
}

/** Presses a "Pay now" button of an open invoice and waits for the payment form. */
export async function payNow(page: Page, invoice: Locator, which: 'top' | 'bottom' = 'top'): Promise<Locator> {
  const buttons = invoice.getByRole('button', { name: /^pay now$/i });
  await (which === 'top' ? buttons.first() : buttons.last()).click();
  return waitForPayForm(page);
}

export async function waitForPayForm(page: Page): Promise<Locator> {
  const pay = payForm(page);
  await visible(pay.getByRole('heading', { level: 2, name: 'Make a payment' }));
  return pay;
}

export interface Card {
  number: string;
  expiry?: string;
  cvc?: string;
  zip?: string;
  name?: string;
}

/** A card that expires years from now. */
export function futureExpiry(): string {
  return `12 / ${String((new Date().getFullYear() + 4) % 100).padStart(2, '0')}`;
}

/** Chooses "Card" and types its details as a client would. */
export async function fillCard(pay: Locator, card: Card): Promise<void> {
  await pay.getByRole('radio', { name: 'Card', exact: true }).check();
  await pay.getByLabel('Name on card').fill(card.name ?? 'Alex Morgan');
  await pay.getByLabel('Card number').pressSequentially(card.number.replace(/\s/g, ''));
  await pay.getByLabel('Expiration date').pressSequentially((card.expiry ?? futureExpiry()).replace(/\D/g, ''));
  await pay.getByLabel('Security code (CVC)').fill(card.cvc ?? '123');
  await pay.getByLabel('Billing ZIP code').fill(card.zip ?? '94110');
}

/** After "Try again": the card's number, expiry and code are asked for afresh; the name and ZIP are kept. */
export async function reenterCard(pay: Locator, card: Card): Promise<void> {
  for (const field of ['Card number', 'Expiration date', 'Security code (CVC)']) {
    assert.equal(await pay.getByLabel(field).inputValue(), '', `${field} is cleared after a failed payment`);
  }
  assert.notEqual(await pay.getByLabel('Name on card').inputValue(), '', 'the name on the card is kept');
  await pay.getByLabel('Card number').pressSequentially(card.number.replace(/\s/g, ''));
  await pay.getByLabel('Expiration date').pressSequentially((card.expiry ?? futureExpiry()).replace(/\D/g, ''));
  await pay.getByLabel('Security code (CVC)').fill(card.cvc ?? '123');
}

/** Types the amount to pay into the single-invoice amount field. */
export async function setAmount(pay: Locator, amount: number): Promise<void> {
  const field = pay.getByLabel('Payment amount', { exact: true });
  await field.fill((amount / 100).toFixed(2));
  await field.blur();
}

export function submitPayment(pay: Locator): Promise<void> {
  // The button states the amount: "Pay $914.75".
  return pay.getByRole('button', { name: /^Pay (\$|US\$)[\d,.]+$/ }).click();
}

export type ResultHeading = 'Payment received' | 'Payment processing' | 'Your payment did not go through';

/** Waits for the result panel with this heading and returns it. */
export async function result(pay: Locator, heading: ResultHeading): Promise<Locator> {
  const panel = pay.getByRole('region', { name: heading, exact: true });
  await visible(panel.getByRole('heading', { level: 2, name: heading, exact: true }), 30_000);
  return panel;
}

/** The receipt's terms and definitions ("Receipt number" → "R-100004"…). */
export async function receiptFacts(panel: Locator): Promise<Record<string, string>> {
  const terms = await panel.getByRole('term').allInnerTexts();
  const definitions = await panel.getByRole('definition').allInnerTexts();
  assert.equal(terms.length, definitions.length, 'every receipt term has its definition');
  return Object.fromEntries(terms.map((term, index) => [term.trim(), definitions[index]!.trim()]));
}

/** Waits until the form's live region says something matching `text`, and returns what it says. */
export async function announced(pay: Locator, text: RegExp): Promise<string> {
  const region = pay.getByRole('status').filter({ hasText: text });
  await region.first().waitFor({ state: 'attached' });
  return (await region.first().textContent()) ?? '';
}

/** Leaves the result ("Done"), and waits until the invoices are back. */
export async function done(page: Page): Promise<void> {
  const pay = payForm(page);
  await pay.getByRole('button', { name: 'Done', exact: true }).click();
  await pay.waitFor({ state: 'detached' });
  await visible(page.locator('portal-invoices'));
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: string;
}

/** Every email the service stored for this address, newest first. */
export async function outbox(stack: Stack, to: string): Promise<OutboxEmail[]> {
  const response = await fetch(`${stack.serviceUrl}/dev/outbox?limit=200&to=${encodeURIComponent(to)}`);
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { data: OutboxEmail[] }).data;
}

/** Waits until an email to `to` matches; fails with what did arrive. */
export async function waitForEmail(stack: Stack, to: string, matches: (email: OutboxEmail) => boolean, timeoutMs = 10_000): Promise<OutboxEmail> {
  const deadline = Date.now() + timeoutMs;
  let emails: OutboxEmail[] = [];
  while (Date.now() < deadline) {
    emails = await outbox(stack, to);
    const found = emails.find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`no matching email to ${to}; the outbox has:\n${emails.map((email) => `${email.kind}: ${email.subject}`).join('\n')}`);
}

/** Moves the sandbox processor's clock forward, settling the bank debits that fall due. */
export async function advanceSandboxClock(stack: Stack, days: number): Promise<{ settled: number }> {
  const response = await fetch(`${stack.serviceUrl}/dev/sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ days }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as { settled: number };
}

/** The payment history's row for a receipt number. */
export function paymentRow(page: Page, receiptNumber: string): Locator {
  return (
    page
      .locator('portal-payments')
      .getByRole('row')
      // The cell holds the receipt number and its PDF's button.
      .filter({ has: page.getByRole('cell', { name: new RegExp(`^${receiptNumber}( |$)`) }) })
  );
}

/** Waits until the invoice's "Balance due" is `expected` (the view refreshes after a payment). */
export async function waitForBalance(invoice: Locator, expected: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let shown = await balanceDue(invoice);
  while (shown !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    shown = await balanceDue(invoice);
  }
  assert.equal(shown, expected, `the balance due shows ${dollars(shown)}, not ${dollars(expected)}`);
}
