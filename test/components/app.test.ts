import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  ApiClient,
  PortalPayCloseEvent,
  PortalPaymentSucceededEvent,
  type Branding,
  type PortalApp,
  type PortalHome,
  type PortalInvoices,
  type PortalNavigateEvent,
  type PortalPay,
} from '../../components/index.ts';
import '../../components/app/define.ts';
import { branding, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';
import { baseUrl, invoiceA, invoiceB, payService } from './pay-fake.ts';
import { busyHome, countsOf } from './home-fixtures.ts';
import { activityGroups, partlyPaid } from './portal-fixtures.ts';

// The test page's own address (the runner's query parameters): every test starts from it again.
const startUrl = window.location.href;

function portalService(options: { branding?: Branding } = {}): FakeService {
  return payService({
    invoices: [invoiceA, invoiceB],
    branding: options.branding ?? { ...branding, paymentMethods: { card: true, bankLink: false, bankAccount: false } },
  })
    .on('GET /api/v1/activities', () => json(200, activityGroups()))
    .on('GET /api/v1/payments', () => json(200, { data: [], nextCursor: null }))
    .on('GET /api/v1/home', () => json(200, busyHome()))
    .on('GET /api/v1/home/counts', () => json(200, countsOf(busyHome())))
    .on('POST /api/v1/home/seen', () => new Response(null, { status: 204 }));
}

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl, firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(app: PortalApp, name: string): T | null => app.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const sessionPart = (app: PortalApp, name: string): HTMLElement | null | undefined =>
  app.shadowRoot!.querySelector('portal-session')?.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);

const links = (app: PortalApp): HTMLAnchorElement[] => [...app.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="nav-link"]')];

/** A link's visible label, without its count. */
function labelOf(link: Element): string {
  const copy = link.cloneNode(true) as Element;
  copy.querySelectorAll('[part~="nav-badge"], .visually-hidden').forEach((extra) => extra.remove());
  return copy.textContent!.trim();
}

/** A link's name as assistive technology reads it: its label, or its text without what is hidden from it. */
function spokenName(link: Element): string {
  const label = link.getAttribute('aria-label');
  if (label) return label;
  const copy = link.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

const labels = (app: PortalApp): string[] => links(app).map(labelOf);

const link = (app: PortalApp, label: string): HTMLAnchorElement => {
  const found = links(app).find((candidate) => labelOf(candidate) === label);
  if (!found) throw new Error(`no link "${label}" in ${labels(app).join(', ')}`);
  return found;
};

const current = (app: PortalApp): string | undefined => {
  const found = links(app).find((candidate) => candidate.getAttribute('aria-current') === 'page');
  return found && labelOf(found);
};

/** The section element shown, once it is there. */
async function shown<T extends HTMLElement>(app: PortalApp, tag: string): Promise<T> {
  await waitUntil(() => app.shadowRoot!.querySelector(`.section:not([hidden]) ${tag}`), `${tag} is not shown`);
  return app.shadowRoot!.querySelector<T>(`.section:not([hidden]) ${tag}`)!;
}

/** The element focused, looking through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function appWith(service: FakeService, attributes: Record<string, string> = {}): Promise<PortalApp> {
  const app = document.createElement('portal-app');
  app.client = clientFor(service);
  for (const [name, value] of Object.entries(attributes)) app.setAttribute(name, value);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 60rem"></div>`);
  wrapper.append(app);
  await waitUntil(() => links(app).length > 0 || sessionPart(app, 'error') || part(app, 'empty'), 'the portal did not start');
  await app.updateComplete;
  return app;
}

function click(element: HTMLElement): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 }));
}

describe('<portal-app>', () => {
  beforeEach(() => window.history.replaceState(null, '', startUrl));
  afterEach(() => {
    window.history.replaceState(null, '', startUrl);
    document.querySelector('#host-theme')?.remove();
  });

  it('is accessible, signed in, on a wide and a narrow container', async function () {
    // axe reads the whole portal twice: home and the navigation, wide and narrow.
    const app = await appWith(portalService());
    const home = await shown<PortalHome>(app, 'portal-home');
    await waitUntil(() => home.shadowRoot!.querySelector('[part~="base"]'), 'home did not load');
    await waitUntil(() => app.shadowRoot!.querySelector('[part~="nav-badge"]'), 'no counts');
    await expect(app).to.be.accessible();

    (app.parentElement as HTMLElement).style.width = '320px';
    await app.updateComplete;
    await expect(app).to.be.accessible();
  });

  it('starts on home, with a labelled list of links', async () => {
    const app = await appWith(portalService());
    expect(app.routing).to.equal('hash');
    expect(app.layout).to.equal('auto');
    expect(app.section).to.equal('');
    expect(app.currentSection).to.equal('home');
    expect(app.sections).to.deep.equal(['home', 'activities', 'invoices', 'payments', 'messages', 'files']);

    const nav = part(app, 'nav')!;
    expect(nav.localName).to.equal('nav');
    expect(nav.getAttribute('aria-label')).to.equal('Client portal sections');
    expect(nav.querySelectorAll('ul > li > a').length).to.equal(6);
    expect(labels(app)).to.deep.equal(['Home', 'Tasks and events', 'Invoices', 'Payments', 'Messages', 'Files']);
    expect(links(app).map((candidate) => candidate.getAttribute('href'))).to.deep.equal([
      '#portal/home',
      '#portal/activities',
      '#portal/invoices',
      '#portal/payments',
      '#portal/messages',
      '#portal/files',
    ]);
    expect(current(app)).to.equal('Home');
    expect(link(app, 'Home').part.contains('nav-link-current')).to.equal(true);
    await shown(app, 'portal-home');
    expect(window.location.href).to.equal(startUrl, 'the address is left alone until the client moves');
    expect(app.matches(':state(signed-in)')).to.equal(true);
  });

  it('lays the navigation out by the room there is: a sidebar, tabs, or tabs that scroll', async () => {
    window.history.replaceState(null, '', '#portal/files');
    const app = await appWith(portalService());
    const wrapper = app.parentElement as HTMLElement;
    const columns = () => getComputedStyle(part(app, 'layout')!).gridTemplateColumns.split(' ').length;

    wrapper.style.width = '80rem';
    await waitUntil(() => columns() === 2, 'no sidebar on a wide container');
    expect(getComputedStyle(part(app, 'nav-list')!).flexDirection).to.equal('column');

    wrapper.style.width = '60rem';
    await waitUntil(() => columns() === 1, 'still a sidebar');
    app.layout = 'sidebar';
    await waitUntil(() => columns() === 2, 'layout="sidebar" is not a sidebar at 60rem');
    app.layout = 'tabs';
    wrapper.style.width = '80rem';
    await waitUntil(() => columns() === 1, 'layout="tabs" is a sidebar');

    // At 320px the tabs scroll sideways, and the current one is scrolled into view.
    app.layout = 'auto';
    wrapper.style.width = '320px';
    await app.updateComplete;
    click(link(app, 'Payments'));
    click(link(app, 'Files'));
    const nav = part(app, 'nav')!;
    await waitUntil(() => nav.scrollWidth > nav.clientWidth, 'the tabs do not overflow');
    await waitUntil(() => {
      const box = link(app, 'Files').getBoundingClientRect();
      const view = nav.getBoundingClientRect();
      return box.left >= view.left - 1 && box.right <= view.right + 1;
    }, 'the current tab is not in view');
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth, 'the page does not scroll sideways');
  });

  it('moves to a section chosen in the navigation: event, address, focus and announcement', async () => {
    const app = await appWith(portalService());
    setTimeout(() => click(link(app, 'Invoices')));
    const event: PortalNavigateEvent = await oneEvent(app, 'portal-navigate');
    expect(event.detail).to.deep.equal({ section: 'invoices', itemId: '', from: { section: 'home', itemId: '' }, trigger: 'link' });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);

    const invoices = await shown<PortalInvoices>(app, 'portal-invoices');
    expect(window.location.hash).to.equal('#portal/invoices');
    expect(window.location.search).to.equal(new URL(startUrl).search, 'the query is kept');
    expect(current(app)).to.equal('Invoices');
    expect(app.section).to.equal('invoices');
    expect(app.getAttribute('section')).to.equal('invoices');
    await waitUntil(() => deepActive()?.id === 'heading', 'focus did not move to the heading');
    expect(deepActive()!.textContent!.trim()).to.equal('Invoices');
    expect(deepActive()!.getRootNode()).to.equal(invoices.shadowRoot);
    expect(part(app, 'announcer')!.textContent!.trim()).to.equal('Showing Invoices');

    // The section visited before stays in the DOM, hidden.
    expect(app.shadowRoot!.querySelector<HTMLElement>('[part~="section-home"]')!.hidden).to.equal(true);
  });

  it('keeps the current section when a listener cancels the move', async () => {
    const app = await appWith(portalService());
    app.addEventListener('portal-navigate', (event) => event.preventDefault(), { once: true });
    click(link(app, 'Payments'));
    await app.updateComplete;
    expect(current(app)).to.equal('Home');
    expect(window.location.href).to.equal(startUrl);
  });

  it('leaves a new tab to the browser', async () => {
    const app = await appWith(portalService());
    const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, ctrlKey: true });
    let navigated = false;
    app.addEventListener('portal-navigate', () => (navigated = true));
    document.addEventListener('click', (clicked) => clicked.preventDefault(), { once: true });
    link(app, 'Payments').dispatchEvent(event);
    await app.updateComplete;
    expect(navigated).to.equal(false);
    expect(current(app)).to.equal('Home');
  });

  it('opens the place in the address after a reload, and follows Back and Forward', async () => {
    window.history.replaceState(null, '', '#portal/payments');
    let app = await appWith(portalService());
    await shown(app, 'portal-payments');
    expect(current(app)).to.equal('Payments');

    click(link(app, 'Invoices'));
    await shown(app, 'portal-invoices');
    expect(window.location.hash).to.equal('#portal/invoices');

    // A reload: a new element reads the same address.
    app.remove();
    app = await appWith(portalService());
    await shown(app, 'portal-invoices');
    expect(current(app)).to.equal('Invoices');

    setTimeout(() => window.history.back());
    const back: PortalNavigateEvent = await oneEvent(app, 'portal-navigate');
    expect(back.detail).to.deep.include({ section: 'payments', itemId: '', trigger: 'history' });
    expect(back.cancelable).to.equal(false);
    await shown(app, 'portal-payments');
    expect(current(app)).to.equal('Payments');

    setTimeout(() => window.history.forward());
    await oneEvent(app, 'portal-navigate');
    await shown(app, 'portal-invoices');
    expect(window.location.hash).to.equal('#portal/invoices');
  });

  it('never touches a fragment of the page’s own', async () => {
    window.history.replaceState(null, '', '#contact');
    const app = await appWith(portalService());
    expect(current(app)).to.equal('Home');
    expect(window.location.hash).to.equal('#contact');

    click(link(app, 'Invoices'));
    await shown(app, 'portal-invoices');
    // The page's own anchors (a skip link) leave the portal where it is.
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    window.location.hash = '#main';
    await changed;
    await app.updateComplete;
    expect(current(app)).to.equal('Invoices');
    expect(window.location.hash).to.equal('#main');

    // A link anywhere on the page to the portal's own fragment moves it.
    setTimeout(() => (window.location.hash = '#portal/payments'));
    await oneEvent(app, 'portal-navigate');
    await shown(app, 'portal-payments');
  });

  it('keeps its place in one query parameter with routing="query", keeping the others and the fragment', async () => {
    window.history.replaceState(null, '', `${startUrl.split('#')[0]}${startUrl.includes('?') ? '&' : '?'}utm_source=email&q=a%20b#top`);
    const before = new URL(window.location.href);
    const app = await appWith(portalService(), { routing: 'query' });
    expect(link(app, 'Invoices').getAttribute('href')).to.equal(`${before.pathname}${before.search}&portal=invoices#top`);

    click(link(app, 'Invoices'));
    await shown(app, 'portal-invoices');
    const after = new URL(window.location.href);
    expect(after.search).to.equal(`${before.search}&portal=invoices`);
    expect(after.hash).to.equal('#top');

    const invoices = app.shadowRoot!.querySelector<PortalInvoices>('portal-invoices')!;
    invoices.invoiceId = 'inv_a';
    await waitUntil(() => new URL(window.location.href).search.endsWith('&portal=invoices/inv_a'), 'the open invoice is not in the address');
    expect(app.itemId).to.equal('inv_a');

    // Reload.
    app.remove();
    const again = await appWith(portalService(), { routing: 'query' });
    const reopened = await shown<PortalInvoices>(again, 'portal-invoices');
    expect(reopened.invoiceId).to.equal('inv_a');

    setTimeout(() => window.history.back());
    await oneEvent(again, 'portal-navigate');
    await again.updateComplete;
    expect(reopened.invoiceId).to.equal('');
    expect(new URL(window.location.href).search).to.equal(`${before.search}&portal=invoices`);
  });

  it('writes nothing to the address with routing="none"', async () => {
    const app = await appWith(portalService(), { routing: 'none' });
    click(link(app, 'Payments'));
    await shown(app, 'portal-payments');
    expect(current(app)).to.equal('Payments');
    expect(window.location.href).to.equal(startUrl);
  });

  it('follows an invoice opened and closed in the list, in the address and with Back', async () => {
    window.history.replaceState(null, '', '#portal/invoices');
    const app = await appWith(portalService());
    const invoices = await shown<PortalInvoices>(app, 'portal-invoices');
    await waitUntil(() => invoices.shadowRoot!.querySelector('[data-invoice-id="inv_b"] [part~="open-button"]'), 'no row');
    setTimeout(() => invoices.shadowRoot!.querySelector<HTMLButtonElement>('[data-invoice-id="inv_b"] [part~="open-button"]')!.click());
    const opened: PortalNavigateEvent = await oneEvent(app, 'portal-navigate');
    expect(opened.detail).to.deep.equal({ section: 'invoices', itemId: 'inv_b', from: { section: 'invoices', itemId: '' }, trigger: 'content' });
    expect(window.location.hash).to.equal('#portal/invoices/inv_b');
    await app.updateComplete;
    expect(app.getAttribute('item-id')).to.equal('inv_b');

    setTimeout(() => invoices.shadowRoot!.querySelector<HTMLButtonElement>('[part~="back-button"]')!.click());
    await oneEvent(app, 'portal-navigate');
    expect(window.location.hash).to.equal('#portal/invoices');

    setTimeout(() => window.history.back());
    await oneEvent(app, 'portal-navigate');
    await app.updateComplete;
    expect(invoices.invoiceId).to.equal('inv_b');
  });

  it('opens the invoice of an emailed link (?invoice=ID), and takes the parameter out of the address', async () => {
    window.history.replaceState(null, '', `${startUrl.split('#')[0]}${startUrl.includes('?') ? '&' : '?'}invoice=inv_a`);
    const app = await appWith(portalService());
    const invoices = await shown<PortalInvoices>(app, 'portal-invoices');
    expect(invoices.invoiceId).to.equal('inv_a');
    expect(current(app)).to.equal('Invoices');
    expect(new URL(window.location.href).searchParams.has('invoice')).to.equal(false);
    expect(window.location.hash).to.equal('#portal/invoices/inv_a');
  });

  it('opens the thread of an emailed message link (?thread=ID)', async () => {
    window.history.replaceState(null, '', `${startUrl.split('#')[0]}${startUrl.includes('?') ? '&' : '?'}thread=thr_1`);
    const app = await appWith(portalService());
    const messages = await shown<HTMLElement & { threadId: string }>(app, 'portal-messages');
    expect(messages.threadId).to.equal('thr_1');
    expect(current(app)).to.equal('Messages');
    expect(new URL(window.location.href).searchParams.has('thread')).to.equal(false);
    expect(window.location.hash).to.equal('#portal/messages/thr_1');
  });

  it('takes a link to a section the firm hides home: the address corrected in place, and said', async () => {
    window.history.replaceState(null, '', '#portal/activities');
    const entries = window.history.length;
    const app = await appWith(
      portalService({ branding: { ...branding, sections: { activities: false, invoices: true, payments: false, messages: false, files: true } } }),
    );
    expect(labels(app)).to.deep.equal(['Home', 'Invoices', 'Files']);
    await shown(app, 'portal-home');
    expect(app.currentSection).to.equal('home');
    expect(app.section).to.equal('home');
    expect(window.location.hash).to.equal('#portal/home');
    expect(window.history.length).to.equal(entries, 'no new history entry');
    expect(part(app, 'announcer')!.getAttribute('role')).to.equal('status');
    await waitUntil(() => part(app, 'announcer')!.textContent!.trim() === 'Tasks and events is not available in this portal. Showing Home.', 'not announced');
    expect(app.shadowRoot!.querySelector('portal-activities')).to.equal(null);

    // Later in the visit, a changed address to a hidden section does the same.
    setTimeout(() => (window.location.hash = '#portal/payments'));
    await waitUntil(
      () => window.location.hash === '#portal/home' && part(app, 'announcer')!.textContent!.includes('Payments is not available'),
      'not redirected',
    );
    expect(current(app)).to.equal('Home');
  });

  it('offers home alone when the firm offers no other section', async () => {
    const off = { activities: false, invoices: false, payments: false, messages: false, files: false };
    const app = await appWith(portalService({ branding: { ...branding, sections: off } }));
    expect(labels(app)).to.deep.equal(['Home']);
    await shown(app, 'portal-home');
    expect(part(app, 'empty')).to.equal(null);
  });

  it('shows unread messages and unpaid invoices as counts on the links, read again as the client moves', async () => {
    let home = busyHome();
    const service = portalService()
      .on('GET /api/v1/home', () => json(200, home))
      .on('GET /api/v1/home/counts', () => json(200, countsOf(home)));
    const app = await appWith(service);
    await waitUntil(() => app.shadowRoot!.querySelectorAll('[part~="nav-badge"]').length === 2, 'no counts');
    expect(spokenName(link(app, 'Messages'))).to.equal('Messages, 2 unread');
    expect(spokenName(link(app, 'Invoices'))).to.equal('Invoices, 2 unpaid');
    expect(link(app, 'Messages').querySelector('[part~="nav-badge"]')!.textContent!.trim()).to.equal('2');
    expect(spokenName(link(app, 'Files'))).to.equal('Files');
    expect(link(app, 'Files').hasAttribute('aria-label')).to.equal(false);
    // The counts come from their own light read; home itself is read once, by the home section.
    expect(service.calls('GET /api/v1/home')).to.have.length(1);

    // The client reads a message and pays one invoice: the next move reads the counts again.
    home = busyHome({ unreadMessages: 0, balance: { invoiceIds: ['inv_a'], amount: 50_000, currency: 'USD' } });
    click(link(app, 'Payments'));
    await waitUntil(() => spokenName(link(app, 'Invoices')) === 'Invoices, 1 unpaid', 'the counts were not read again');
    expect(link(app, 'Messages').querySelector('[part~="nav-badge"]')).to.equal(null);
    expect(spokenName(link(app, 'Messages'))).to.equal('Messages');
  });

  it('opens the place a link on home leads to, and pays from home', async () => {
    const app = await appWith(portalService());
    const home = await shown<PortalHome>(app, 'portal-home');
    await waitUntil(() => home.shadowRoot!.querySelector('[part~="link"][data-item="thr_1"]'), 'home did not load');
    setTimeout(() => home.shadowRoot!.querySelector<HTMLButtonElement>('[part~="link"][data-item="thr_1"]')!.click());
    const moved: PortalNavigateEvent = await oneEvent(app, 'portal-navigate');
    expect(moved.detail).to.deep.equal({ section: 'messages', itemId: 'thr_1', from: { section: 'home', itemId: '' }, trigger: 'content' });
    const messages = await shown<HTMLElement & { threadId: string }>(app, 'portal-messages');
    expect(messages.threadId).to.equal('thr_1');
    expect(window.location.hash).to.equal('#portal/messages/thr_1');

    click(link(app, 'Home'));
    await shown(app, 'portal-home');
    home.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-all-button"]')!.click();
    await waitUntil(() => part(app, 'pay'), 'no payment form');
    expect(part<PortalPay>(app, 'pay')!.invoiceIds).to.deep.equal(['inv_b', 'inv_a']);
    expect(home.checkVisibility()).to.equal(false);
  });

  it('opens <portal-pay> for "Pay now" and goes back to the invoice, refreshed, after a payment', async () => {
    window.history.replaceState(null, '', '#portal/invoices/inv_a');
    const service = portalService().on('GET /api/v1/invoices/inv_a', () => json(200, { ...partlyPaid, id: 'inv_a', number: 'INV-1001' }));
    const app = await appWith(service);
    const invoices = await shown<PortalInvoices>(app, 'portal-invoices');
    await waitUntil(() => invoices.shadowRoot!.querySelector('portal-invoice')?.shadowRoot?.querySelector('[part~="pay-button-top"]'), 'no Pay now');
    invoices.shadowRoot!.querySelector('portal-invoice')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pay-button-top"]')!.click();

    await waitUntil(() => part(app, 'pay'), 'no payment form');
    const pay = part<PortalPay>(app, 'pay')!;
    expect(pay.invoiceIds).to.deep.equal(['inv_a']);
    expect(app.matches(':state(paying)')).to.equal(true);
    expect(invoices.checkVisibility()).to.equal(false);
    await waitUntil(() => deepActive()?.id === 'heading' && deepActive()!.getRootNode() === pay.shadowRoot, 'focus did not move to the payment form');

    const loads = service.calls('GET /api/v1/invoices/inv_a').length;
    pay.dispatchEvent(
      new PortalPaymentSucceededEvent({
        paymentId: 'pay_1',
        paymentIds: ['pay_1'],
        amount: 50_000,
        currency: 'USD',
        status: 'succeeded',
        invoiceIds: ['inv_a'],
        method: { type: 'card', brand: 'visa', last4: '4242' },
        receiptNumber: 'R-1',
        receiptNumbers: ['R-1'],
      }),
    );
    await waitUntil(() => service.calls('GET /api/v1/invoices/inv_a').length > loads, 'the invoice was not refreshed');

    pay.dispatchEvent(new PortalPayCloseEvent({ outcome: 'succeeded' }));
    await waitUntil(() => !part(app, 'pay'), 'the payment form stayed');
    expect(invoices.checkVisibility()).to.equal(true);
    expect(app.matches(':state(paying)')).to.equal(false);
    await waitUntil(() => deepActive()?.id === 'heading' && (deepActive()!.textContent ?? '').includes('INV-1001'), 'focus did not return to the invoice');
  });

  it('moves and writes the address when the page sets `section`', async () => {
    const app = await appWith(portalService());
    let events = 0;
    app.addEventListener('portal-navigate', () => (events += 1));
    app.section = 'payments';
    await shown(app, 'portal-payments');
    expect(window.location.hash).to.equal('#portal/payments');
    expect(events).to.equal(0, 'no event for a property the page set');
  });

  it('takes the page’s theme: global tokens and its own component tokens', async () => {
    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = `
      portal-app.themed { --portal-color-brand: rgb(10, 20, 30); --portal-app-nav-indicator-color: rgb(200, 100, 0); }
      portal-app.themed::part(nav-link-current) { letter-spacing: 2px; }
      portal-app.themed::part(home-heading) { letter-spacing: 3px; }`;
    document.head.append(style);
    const app = await appWith(portalService(), { class: 'themed', layout: 'tabs' });
    const currentLink = link(app, 'Home');
    const computed = getComputedStyle(currentLink);
    expect(computed.color).to.equal('rgb(10, 20, 30)');
    expect(computed.borderBottomColor).to.equal('rgb(200, 100, 0)');
    expect(computed.letterSpacing).to.equal('2px');
    expect(getComputedStyle(link(app, 'Invoices')).letterSpacing).to.not.equal('2px');

    // A section's own parts, forwarded under its name.
    const home = await shown<PortalHome>(app, 'portal-home');
    const heading = home.shadowRoot!.querySelector<HTMLElement>('[part~="heading"]')!;
    await waitUntil(() => getComputedStyle(heading).letterSpacing === '3px', 'the section part is not styled');
    expect(home.getAttribute('exportparts')).to.include('heading: home-heading');
  });

  it('shows the session’s error when the service cannot be reached', async () => {
    const service = portalService().on('GET /api/v1/firms/demo/branding', () => problem(503, 'unavailable', 'Down for maintenance.'));
    const app = await appWith(service);
    const error = sessionPart(app, 'error');
    expect(error).to.exist;
    expect(error!.textContent).to.include('unavailable');
    expect(links(app)).to.have.length(0);
    await expect(app).to.be.accessible();
  });
});
