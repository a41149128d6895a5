// Driving <portal-pay> in tests: its fields live in a shadow root, so values are typed by setting
// them and firing the events a browser would.
import { fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalPay } from '../../components/index.ts';
import '../../components/pay/define.ts';
import type { FakeService } from './fake-service.ts';
import { baseUrl } from './pay-fake.ts';

export function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl, firm: 'demo', fetch: service.fetch });
}

/** A `<portal-pay>` for `invoiceIds` (or every open invoice), once its form is shown. */
export async function payFor(service: FakeService, invoiceIds: string[] | 'all-open' = ['inv_a']): Promise<PortalPay> {
  const client = clientFor(service);
  const pay =
    invoiceIds === 'all-open'
      ? await fixture<PortalPay>(html`<portal-pay all-open .client=${client}></portal-pay>`)
      : await fixture<PortalPay>(html`<portal-pay invoice-ids=${invoiceIds.join(' ')} .client=${client}></portal-pay>`);
  await waitUntil(() => pay.shadowRoot!.querySelector('#heading, [part~="error"], [part~="empty"]'), 'the form never appeared');
  return pay;
}

export function $<T extends Element = HTMLElement>(pay: PortalPay, selector: string): T {
  const found = pay.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function has(pay: PortalPay, selector: string): boolean {
  return pay.shadowRoot!.querySelector(selector) !== null;
}

/** Types `value` into the input with `id` (replacing what it held), as one input event. */
export async function type(pay: PortalPay, id: string, value: string, inputType = 'insertText'): Promise<void> {
  const input = $<HTMLInputElement>(pay, `#${id}`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data: value }));
  await pay.updateComplete;
}

/** Leaves the input with `id`. */
export async function leave(pay: PortalPay, id: string): Promise<void> {
  $<HTMLInputElement>(pay, `#${id}`).dispatchEvent(new FocusEvent('blur'));
  await pay.updateComplete;
}

export async function chooseMethod(pay: PortalPay, value: string): Promise<void> {
  $<HTMLInputElement>(pay, `input[name="method"][value="${value}"]`).click();
  await pay.updateComplete;
}

export async function fillCard(pay: PortalPay, number = '4242424242424242'): Promise<void> {
  await type(pay, 'card-name', 'Alex Rivera');
  await type(pay, 'card-number', number);
  await type(pay, 'card-expiry', '1230');
  await type(pay, 'card-cvc', number.startsWith('37') ? '1234' : '123');
  await type(pay, 'card-postal-code', '04101');
}

export async function fillBankAccount(pay: PortalPay, routing = '110000000', account = '000123456789'): Promise<void> {
  await type(pay, 'bank-holder', 'Alex Rivera');
  await type(pay, 'bank-routing', routing);
  await type(pay, 'bank-account', account);
  await type(pay, 'bank-account-confirm', account);
  await leave(pay, 'bank-account-confirm');
}

export async function submit(pay: PortalPay): Promise<void> {
  $<HTMLButtonElement>(pay, '[part~="pay-button"]').click();
  await pay.updateComplete;
}

/** The text of the live region `selector` once it says something. */
export async function announced(pay: PortalPay, selector: string): Promise<string> {
  await waitUntil(() => $(pay, selector).textContent!.trim() !== '', `nothing announced in ${selector}`);
  return $(pay, selector).textContent!.replace(/\s+/g, ' ').trim();
}

/** Waits for the result panel and returns its heading's text. */
export async function result(pay: PortalPay): Promise<string> {
  await waitUntil(() => has(pay, '#result-heading'), 'no result was shown', { timeout: 4000 });
  await pay.updateComplete;
  return $(pay, '#result-heading').textContent!.trim();
}

export function errorOf(pay: PortalPay, id: string): string | undefined {
  return pay.shadowRoot!.querySelector(`#${id}-error`)?.textContent?.trim();
}

export const focused = (pay: PortalPay): Element | null => pay.shadowRoot!.activeElement;

/** Waits for running transitions (a button fading back from its busy look) to end, so that axe sees final colours. */
export async function transitionsDone(pay: PortalPay): Promise<void> {
  await pay.updateComplete;
  const transitions = pay.shadowRoot!.getAnimations().filter((animation) => animation instanceof CSSTransition);
  await Promise.all(transitions.map((animation) => animation.finished.catch(() => undefined)));
}
