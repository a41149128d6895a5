import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalHome, type PortalPayRequestEvent, type PortalSectionOpenEvent } from '../../components/index.ts';
import '../../components/home/define.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { busyHome, quietHome } from './home-fixtures.ts';
import { describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';

function homeService(answer: () => Response | Promise<Response> = () => json(200, busyHome())): FakeService {
  return signedInService()
    .on('GET /api/v1/home', answer)
    .on('POST /api/v1/home/seen', () => new Response(null, { status: 204 }));
}

const part = <T extends Element = HTMLElement>(home: Element, name: string): T | null => home.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (home: Element, name: string): HTMLElement[] => [...home.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const linkTo = (home: PortalHome, section: string, item = '') =>
  home.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="link"][data-section="${section}"][data-item="${item}"]`);

async function homeWith(service: FakeService, { width = '60rem', lang = '', className = '' } = {}): Promise<PortalHome> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}" lang=${lang || 'en'}></div>`);
  const home = document.createElement('portal-home');
  home.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  if (className) home.className = className;
  wrapper.append(home);
  await waitUntil(() => part(home, 'base') || part(home, 'error'), 'home did not load');
  await home.updateComplete;
  return home;
}

describe('<portal-home>', () => {
  it('is accessible when full', async () => {
    await expect(await homeWith(homeService())).to.be.accessible();
  });

  it('is accessible and fits at 320 px, full and empty', async function () {
    let home = await homeWith(homeService(), { width: '320px' });
    await expect(home).to.be.accessible();
    for (const element of [home, ...parts(home, 'card'), part(home, 'changes')!]) {
      expect(element.scrollWidth, `${element.getAttribute('part') ?? 'home'} fits 320 px`).to.be.at.most(element.clientWidth + 1);
    }
    home = await homeWith(homeService(() => json(200, quietHome())));
    await expect(home).to.be.accessible();
  });

  it('shows what needs the client: balance due, unread messages, next events, open and overdue tasks', async () => {
    const service = homeService();
    const home = await homeWith(service);
    expect(text(part(home, 'heading'))).to.equal('Home');
    expect(text(part(home, 'amount'))).to.equal('$625.00');
    expect(text(part(home, 'pay-all-button'))).to.equal('Pay all $625.00');
    expect(text(part(home, 'card-balance'))).to.include('Unpaid invoices: 2');
    expect(text(part(home, 'card-messages'))).to.include('Unread messages: 2');
    const events = part(home, 'card-events')!;
    expect([...events.querySelectorAll('.title')].map(text)).to.deep.equal(['Deposition of the opposing party', 'Court holiday']);
    const tasks = part(home, 'card-tasks')!;
    expect(text(tasks)).to.include('Open: 3').and.include('Overdue: 1');
    expect(text(tasks.querySelector('[data-status="overdue"]'))).to.include('Overdue since Feb 27, 2026');
    expect(getComputedStyle(tasks.querySelector('.overdue')!).color).to.equal('rgb(179, 38, 30)');
    expect(home.matches(':state(empty)')).to.equal(false);
    // Showing home is a look at it: the service hears of it once.
    await waitUntil(() => service.calls('POST /api/v1/home/seen').length === 1, 'the look was not recorded');
  });

  it('lists what changed since the last visit, each linking to its place', async () => {
    const home = await homeWith(homeService());
    const changes = part(home, 'changes')!;
    expect(text(changes.querySelector('h3'))).to.match(/^Since your last visit \(Mar 1, 2026/);
    expect([...changes.querySelectorAll('h4')].map(text)).to.deep.equal(['New invoices: 1', 'New documents: 4', 'New messages: 2', 'Payments settled: 1']);
    expect(text(linkTo(home, 'invoices', 'inv_a'))).to.equal('Invoice INV-1001, $500.00');
    expect(text(linkTo(home, 'payments'))).to.equal('$250.00, receipt R-100001');
    expect(text(changes)).to.include('And 3 more');

    setTimeout(() => linkTo(home, 'messages', 'thr_1')!.click());
    const opened: PortalSectionOpenEvent = await oneEvent(home, 'portal-section-open');
    expect(opened.detail).to.deep.equal({ section: 'messages', itemId: 'thr_1' });
    expect(opened.bubbles && opened.composed).to.equal(true);
  });

  it('asks to pay every unpaid invoice with "Pay all"', async () => {
    const home = await homeWith(homeService());
    setTimeout(() => part<HTMLButtonElement>(home, 'pay-all-button')!.click());
    const request: PortalPayRequestEvent = await oneEvent(home, 'portal-pay-request');
    expect(request.detail).to.deep.equal({ invoiceIds: ['inv_b', 'inv_a'], amount: 62_500 });
  });

  it('says when there is nothing to do and nothing new', async () => {
    const home = await homeWith(homeService(() => json(200, quietHome())));
    expect(text(part(home, 'caught-up'))).to.include('all caught up');
    expect(home.matches(':state(empty)')).to.equal(true);
    expect(part(home, 'pay-all-button')).to.equal(null);
    expect(text(part(home, 'card-balance'))).to.include('Nothing to pay right now.');
    expect(text(part(home, 'changes'))).to.include('Nothing new since your last visit.');
  });

  it('calls a first visit’s changes new, and leaves out what the firm hides', async () => {
    const first = busyHome({ since: null, unreadMessages: null, nextEvents: null, tasks: null });
    first.changes = { ...first.changes, messages: null, payments: null };
    const home = await homeWith(homeService(() => json(200, first)));
    expect(text(part(home, 'changes')!.querySelector('h3'))).to.equal('New in your portal');
    expect(parts(home, 'card').map((card) => card.getAttribute('part'))).to.deep.equal(['card card-balance']);
    expect(linkTo(home, 'messages', 'thr_1')).to.equal(null);
    expect(linkTo(home, 'payments')).to.equal(null);
  });

  it('shows a placeholder while loading, and an error it can retry', async () => {
    const held = deferred<Response>();
    let answers = 0;
    const service = homeService(() => (++answers === 1 ? held.promise : json(200, busyHome())));
    fixtureCleanup();
    const home = document.createElement('portal-home');
    home.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    await fixture(html`<div style="width: 40rem"></div>`).then((wrapper) => wrapper.append(home));
    await waitUntil(() => part(home, 'skeleton'), 'no placeholder');
    expect(home.matches(':state(loading)')).to.equal(true);
    expect(text(part(home, 'skeleton')!.querySelector('[role="status"]'))).to.equal('Loading your home page…');
    held.resolve(problem(503, 'unavailable', 'The service is down for maintenance.'));
    await waitUntil(() => part(home, 'error'), 'no error');
    expect(home.matches(':state(error)')).to.equal(true);
    expect(text(part(home, 'error')!.querySelector('[role="alert"]'))).to.include('try again');
    expect(service.calls('POST /api/v1/home/seen')).to.have.length(0, 'a failed load is no look');
    await expect(home).to.be.accessible();
    part<HTMLButtonElement>(home, 'retry-button')!.click();
    await waitUntil(() => part(home, 'amount'), 'the retry did not load home');
  });

  it('takes the page’s theme through its tokens and parts', async () => {
    const style = document.createElement('style');
    style.textContent = `
      portal-home.themed { --portal-home-accent: rgb(200, 100, 0); --portal-color-brand: rgb(10, 20, 30); }
      portal-home.themed::part(pay-all-button) { letter-spacing: 2px; }`;
    document.head.append(style);
    try {
      const home = await homeWith(homeService(), { className: 'themed' });
      expect(getComputedStyle(part(home, 'card-balance')!).borderTopColor).to.equal('rgb(200, 100, 0)');
      const button = part(home, 'pay-all-button')!;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(10, 20, 30)');
      expect(getComputedStyle(button).letterSpacing).to.equal('2px');
    } finally {
      style.remove();
    }
  });

  it('speaks Spanish', async () => {
    const home = await homeWith(homeService(), { lang: 'es' });
    await waitUntil(() => text(part(home, 'heading')) === 'Inicio', 'not in Spanish');
    expect(text(part(home, 'pay-all-button'))).to.match(/^Pagar todo: /);
    expect(text(part(home, 'card-messages'))).to.include('Mensajes sin leer: 2');
    expect([...part(home, 'changes')!.querySelectorAll('h4')].map(text)).to.deep.equal([
      'Facturas nuevas (1)',
      'Documentos nuevos (4)',
      'Mensajes nuevos (2)',
      'Pagos acreditados (1)',
    ]);
  });
});
