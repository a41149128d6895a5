// Right-to-left layout: with dir="rtl" (here lang="ar", which has no table yet, so the strings
// fall back to English) start-aligned content sits on the right and the components stay accessible.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalInvoices, type PortalLogin } from '../../components/index.ts';
import '../../components/invoices/define.ts';
import '../../components/login/define.ts';
import { signedOutService, type FakeService } from './fake-service.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';
import { invoiceList, serveInvoices, signedInService } from './portal-fixtures.ts';

type Direction = 'rtl' | 'ltr';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T => {
  const found = element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};

/** Where an element's text is drawn (not its box, which may span the whole line). */
function textRect(element: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect();
}

/** How far `inner` is from `outer`'s left and right edges. */
function gaps(inner: DOMRect, outer: DOMRect): { left: number; right: number } {
  return { left: inner.left - outer.left, right: outer.right - inner.right };
}

/** Asserts that `inner` hugs the start edge of `outer` for `dir`: the right edge in RTL, the left in LTR. */
function expectAtStart(inner: DOMRect, outer: DOMRect, dir: Direction, what: string): void {
  const { left, right } = gaps(inner, outer);
  const [start, end] = dir === 'rtl' ? [right, left] : [left, right];
  expect(start, `${what}: distance from the ${dir === 'rtl' ? 'right' : 'left'} (start) edge`).to.be.within(-1, 40);
  expect(end, `${what}: further from the end edge than the start edge`).to.be.greaterThan(start);
}

async function invoicesIn(dir: Direction): Promise<PortalInvoices> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${dir} lang=${dir === 'rtl' ? 'ar' : 'en'} style="width: 60rem"></div>`);
  const list = document.createElement('portal-invoices');
  list.client = clientFor(serveInvoices(signedInService(), invoiceList(3)));
  wrapper.append(list);
  await waitUntil(() => list.shadowRoot?.querySelector('[part~="row"]'), 'the list did not load');
  await list.updateComplete;
  return list;
}

async function loginIn(dir: Direction): Promise<PortalLogin> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div dir=${dir} lang=${dir === 'rtl' ? 'ar' : 'en'} style="width: 40rem"><portal-login .client=${clientFor(signedOutService())}></portal-login></div>`,
  );
  const login = wrapper.querySelector<PortalLogin>('portal-login')!;
  await login.updateComplete;
  return login;
}

describe('right-to-left layout', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('lays <portal-invoices> out from the right, accessibly', async () => {
    const list = await invoicesIn('rtl');
    // English strings under an untranslated language.
    expect(part(list, 'heading').textContent!.trim()).to.equal('Invoices');
    await expect(list).to.be.accessible();

    const host = list.getBoundingClientRect();
    expectAtStart(part(list, 'heading').getBoundingClientRect(), host, 'rtl', 'heading');
    expectAtStart(textRect(part(list, 'heading')), host, 'rtl', 'heading text');

    // Columns run right to left: the invoice number first (rightmost), the balance last (leftmost).
    const headers = [...part(list, 'header-row').querySelectorAll('[role="columnheader"]')].map((cell) => cell.getBoundingClientRect());
    expect(headers.length).to.equal(7);
    expect(headers[0]!.right).to.be.greaterThan(headers[6]!.right);
    // The end-aligned balance sits at the left edge of its column.
    const balance = part(list, 'header-row').querySelector('.balance')!;
    expect(textRect(balance).left - balance.getBoundingClientRect().left).to.be.below(2);
  });

  it('lays <portal-invoices> out from the left in left-to-right pages (control)', async () => {
    const list = await invoicesIn('ltr');
    const host = list.getBoundingClientRect();
    expectAtStart(textRect(part(list, 'heading')), host, 'ltr', 'heading text');
    const headers = [...part(list, 'header-row').querySelectorAll('[role="columnheader"]')].map((cell) => cell.getBoundingClientRect());
    expect(headers[0]!.left).to.be.below(headers[6]!.left);
  });

  it('lays <portal-login> out from the right, accessibly', async () => {
    const login = await loginIn('rtl');
    await expect(login).to.be.accessible();
    const host = login.getBoundingClientRect();
    expectAtStart(textRect(part(login, 'heading')), host, 'rtl', 'heading text');
    const label = login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.labels![0]!;
    expect(label.textContent!.trim()).to.equal('Email address');
    expectAtStart(textRect(label), host, 'rtl', 'email label');
    // The input's own text starts at the right too.
    expect(getComputedStyle(login.shadowRoot!.querySelector('#email')!).direction).to.equal('rtl');
  });

  it('lays <portal-login> out from the left in left-to-right pages (control)', async () => {
    const login = await loginIn('ltr');
    const host = login.getBoundingClientRect();
    expectAtStart(textRect(part(login, 'heading')), host, 'ltr', 'heading text');
    expectAtStart(textRect(login.shadowRoot!.querySelector<HTMLInputElement>('#email')!.labels![0]!), host, 'ltr', 'email label');
  });
});
