import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiClient, loadMessages, type PortalInvoice, type PortalInvoices, type PortalPayRequestEvent, type PortalSession } from '../../components/index.ts';
import '../../components/invoices/define.ts';
import '../../components/session/define.ts';
import { contact, deferred, json, problem, signIn, signedOutService, type FakeService } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';
import { invoiceList, invoiceSummary, partlyPaid, serveInvoices, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const rowOf = (list: PortalInvoices, invoiceId: string): HTMLElement | null =>
  list.shadowRoot!.querySelector<HTMLElement>(`[part~="row"][data-invoice-id="${invoiceId}"]`);

/** A cell's text as assistive technology reads it: without its aria-hidden label. */
function spoken(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

async function loaded(list: PortalInvoices): Promise<PortalInvoices> {
  await waitUntil(() => parts(list, 'row').length > 0 || part(list, 'empty') || part(list, 'error'), 'the list did not load');
  await list.updateComplete;
  return list;
}

/** A list in view (only rows near the viewport are rendered): any earlier fixture is removed first. */
async function listWith(service: FakeService, { width = '60rem', attributes = {} as Record<string, string> } = {}): Promise<PortalInvoices> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}"></div>`);
  const list = document.createElement('portal-invoices');
  list.client = clientFor(service);
  for (const [name, value] of Object.entries(attributes)) list.setAttribute(name, value);
  wrapper.append(list);
  return loaded(list);
}

function select(list: PortalInvoices, name: 'filter' | 'sort', value: string): void {
  const control = part<HTMLSelectElement>(list, name)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The box a cell's content takes, without its label (which only shows on narrow cards). */
function contentBox(cell: Element): DOMRect {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
  const label = cell.querySelector('.cell-label');
  const labelBox = label && getComputedStyle(label).display !== 'none' ? label.getBoundingClientRect() : undefined;
  const kept = rects.filter((rect) => !labelBox || rect.top >= labelBox.bottom - 0.5 || rect.bottom <= labelBox.top + 0.5);
  const left = Math.min(...kept.map((rect) => rect.left));
  const right = Math.max(...kept.map((rect) => rect.right));
  const top = Math.min(...kept.map((rect) => rect.top));
  const bottom = Math.max(...kept.map((rect) => rect.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

const overlap = (a: DOMRect, b: DOMRect): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** How many lines a cell's amount (its last text) takes. */
function amountLines(cell: Element): number {
  const money = [...cell.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim()).at(-1)!;
  const range = document.createRange();
  range.selectNodeContents(money);
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}

describe('<portal-invoices>', () => {
  // The virtualizer's ResizeObserver can report a harmless loop error while rows settle.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
    window.scrollTo(0, 0);
  });

  it('is accessible as a table on wide screens and as cards on narrow ones', async () => {
    const service = serveInvoices(signedInService(), invoiceList(12));
    const wide = await listWith(service);
    await expect(wide).to.be.accessible();
    const narrow = await listWith(service, { width: '320px' });
    await expect(narrow).to.be.accessible();
  });

  it('lists every invoice, newest first, with status, dates, total and balance', async () => {
    const service = serveInvoices(signedInService(), invoiceList(3));
    const list = await listWith(service);

    expect(list.status).to.equal('all');
    expect(list.sort).to.equal('-issuedOn');
    const [call] = service.calls('GET /api/v1/invoices');
    expect(Object.fromEntries(call!.url.searchParams)).to.deep.equal({ status: 'all', sort: '-issuedOn', limit: '50' });
    expect(call!.headers.get('Authorization')).to.equal('Bearer access-1');

    expect(part(list, 'heading')!.textContent).to.equal('Invoices');
    const table = part(list, 'table')!;
    expect(table.getAttribute('role')).to.equal('table');
    expect(table.getAttribute('aria-rowcount')).to.equal('4');
    const headings = [...part(list, 'header-row')!.querySelectorAll('[role="columnheader"]')].map((cell) => cell.textContent!.trim());
    expect(headings).to.deep.equal(['Invoice', 'Matter', 'Issued', 'Due', 'Status', 'Total', 'Balance']);

    const row = rowOf(list, 'inv_00002')!;
    const cells = [...row.querySelectorAll('[role="cell"]')].map(spoken);
    const invoice = invoiceSummary(2);
    expect(cells).to.deep.equal([
      'INV-10002',
      'Matter 2',
      'Dec 30, 2025',
      'Jan 29, 2026',
      'Partially paid',
      `$${(invoice.total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
      `$${(invoice.balance / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    ]);
    expect(row.querySelector('[part~="status"]')!.getAttribute('data-tone')).to.equal('warning');
    expect(row.getAttribute('aria-rowindex')).to.equal('4');
    expect(part(list, 'load-more-button')).to.equal(null);
  });

  it('fits its status pills and amounts at every width, in Spanish too', async () => {
    expect(await loadMessages('es')).to.equal(true);
    const invoices = [
      invoiceSummary(2, { status: 'partially_paid', total: 123_456_789, amountPaid: 100_000, balance: 123_356_789, openBalance: 123_356_789 }),
      invoiceSummary(3, { status: 'overdue', total: 947_370, balance: 947_370, openBalance: 947_370 }),
      invoiceSummary(1, { status: 'paid', total: 91_475, amountPaid: 91_475, balance: 0, openBalance: 0 }),
    ];
    const problems: string[] = [];
    for (const lang of ['es', 'en']) {
      for (const width of [320, 375, 480, 640, 768, 896, 960, 1024, 1280]) {
        const list = await listWith(serveInvoices(signedInService(), invoices), { width: `${width}px`, attributes: { lang } });
        problems.push(...overflowing(list).map((problem) => `${lang} ${width}: ${problem}`));
        for (const row of parts(list, 'row')) {
          const where = `${lang} ${width} ${row.dataset.invoiceId}`;
          const cells = [...row.querySelectorAll('[role="cell"]')];
          const boxes = cells.map((cell) => contentBox(cell));
          cells.forEach((cell, i) =>
            cells.slice(i + 1).forEach((other, j) => {
              if (overlap(boxes[i]!, boxes[i + 1 + j]!)) problems.push(`${where}: ${cell.className} overlaps ${other.className}`);
            }),
          );
          const badge = row.querySelector('[part~="status"]')!.getBoundingClientRect();
          const status = row.querySelector('.cell.status')!.getBoundingClientRect();
          if (badge.left < status.left - 0.5 || badge.right > status.right + 0.5) problems.push(`${where}: the pill is wider than its column`);
          for (const name of ['total', 'balance']) {
            if (amountLines(row.querySelector(`.cell.${name}`)!) !== 1) problems.push(`${where}: the ${name} wraps`);
          }
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('shows the balance due and asks to pay every open invoice', async () => {
    const invoices = invoiceList(12);
    const service = serveInvoices(signedInService(), invoices);
    const list = await listWith(service);
    await waitUntil(() => part(list, 'pay-all-button'), 'no pay-all button');

    const unpaid = invoices.filter((invoice) => ['open', 'partially_paid', 'overdue'].includes(invoice.status));
    const owed = unpaid.reduce((sum, invoice) => sum + invoice.openBalance, 0);
    expect(service.calls('GET /api/v1/invoices/outstanding')).to.have.length(1, 'the total is one request');
    expect(part(list, 'summary')!.textContent).to.include(`$${(owed / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(part(list, 'summary')!.textContent).to.include(`Unpaid invoices: ${unpaid.length}`);

    setTimeout(() => part(list, 'pay-all-button')!.click());
    const request: PortalPayRequestEvent = await oneEvent(list, 'portal-pay-request');
    expect(request.detail.invoiceIds).to.have.members(unpaid.map((invoice) => invoice.id));
    expect(request.detail.amount).to.equal(owed);
    expect(request.bubbles && request.composed).to.equal(true);
  });

  it('shows a bank payment still processing as its own line, so the balance due and the rows add up', async () => {
    // $375.00 open, and $639.75 of which a $100.00 bank debit is on its way: $914.75 can be paid now.
    const invoices = [
      invoiceSummary(1, { status: 'open', total: 37_500, amountPaid: 0, amountPending: 0, balance: 37_500, openBalance: 37_500 }),
      invoiceSummary(2, { status: 'partially_paid', total: 63_975, amountPaid: 0, amountPending: 10_000, balance: 63_975, openBalance: 53_975 }),
    ];
    const list = await listWith(serveInvoices(signedInService(), invoices));
    await waitUntil(() => part(list, 'summary'), 'no summary');
    const summary = part(list, 'summary')!;
    expect(summary.querySelector('.amount')!.textContent).to.equal('$914.75');
    expect(parts(list, 'row').map((row) => spoken(row.querySelector('.cell.balance')!))).to.deep.equal(['$375.00', '$639.75']);
    expect(part(list, 'processing')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Bank payments processing: $100.00. The balances below include them until they clear; the balance due does not.',
    );

    // Everything on its way: nothing to pay now, and still the line that explains the balances.
    const settling = [
      invoiceSummary(2, { status: 'partially_paid', total: 63_975, amountPaid: 53_975, amountPending: 10_000, balance: 10_000, openBalance: 0 }),
    ];
    const waiting = await listWith(serveInvoices(signedInService(), settling));
    await waitUntil(() => part(waiting, 'processing'), 'no processing line');
    expect(part(waiting, 'pay-all-button')).to.equal(null);
    expect(part(waiting, 'summary')!.querySelector('.amount')).to.equal(null);
  });

  it('opens an invoice when a row is chosen, and returns focus to that row', async () => {
    const service = serveInvoices(signedInService(), invoiceList(5)).on('GET /api/v1/invoices/inv_00002', () => json(200, { ...partlyPaid, id: 'inv_00002' }));
    const list = await listWith(service);

    const button = rowOf(list, 'inv_00002')!.querySelector<HTMLButtonElement>('[part~="open-button"]')!;
    button.focus();
    setTimeout(() => button.click());
    const selected = await oneEvent(list, 'portal-invoice-select');
    expect(selected.detail).to.deep.equal({ invoiceId: 'inv_00002' });
    expect(selected.cancelable).to.equal(true);

    await list.updateComplete;
    expect(list.invoiceId).to.equal('inv_00002');
    expect(part(list, 'base')!.hidden).to.equal(true);
    const invoice = part<PortalInvoice>(list, 'invoice')!;
    expect(invoice.invoiceId).to.equal('inv_00002');
    expect(list.shadowRoot!.activeElement).to.equal(part(list, 'back-button'));
    await waitUntil(() => invoice.shadowRoot!.querySelector('#heading'), 'the invoice did not load');
    expect(invoice.shadowRoot!.querySelector('#heading')!.textContent!.trim()).to.equal('Invoice INV-1003');
    expect(list.matches(':state(detail)')).to.equal(true);

    part(list, 'back-button')!.click();
    await waitUntil(() => list.shadowRoot!.activeElement?.closest('[part~="row"]') === rowOf(list, 'inv_00002'), 'focus did not return to the row');
    expect(part(list, 'invoice')).to.equal(null);
    expect(list.invoiceId).to.equal('');
  });

  it('opens an invoice from the keyboard, and keeps the list when a listener cancels the selection', async () => {
    const service = serveInvoices(signedInService(), invoiceList(3));
    const list = await listWith(service);
    rowOf(list, 'inv_00001')!.querySelector<HTMLButtonElement>('[part~="open-button"]')!.focus();
    list.addEventListener('portal-invoice-select', (event) => event.preventDefault(), { once: true });
    const cancelled = oneEvent(list, 'portal-invoice-select');
    await sendKeys({ press: 'Enter' });
    expect((await cancelled).detail.invoiceId).to.equal('inv_00001');
    await list.updateComplete;
    expect(list.invoiceId).to.equal('');
    expect(part(list, 'invoice')).to.equal(null);

    const selected = oneEvent(list, 'portal-invoice-select');
    await sendKeys({ press: 'Space' });
    expect((await selected).detail.invoiceId).to.equal('inv_00001');
    await list.updateComplete;
    expect(part<PortalInvoice>(list, 'invoice')!.invoiceId).to.equal('inv_00001');
  });

  it('refetches with the chosen filter and sort order', async () => {
    const service = serveInvoices(signedInService(), invoiceList(30));
    const list = await listWith(service);

    select(list, 'filter', 'unpaid');
    await list.updateComplete;
    expect(list.status).to.equal('unpaid');
    await waitUntil(() => parts(list, 'row').length > 0);
    const filtered = service
      .calls('GET /api/v1/invoices')
      .filter((call) => call.url.searchParams.get('limit') === '50')
      .at(-1)!;
    expect(filtered.url.searchParams.get('status')).to.equal('unpaid');
    expect(parts(list, 'status').map((badge) => badge.textContent!.trim())).to.satisfy((labels: string[]) =>
      labels.every((label) => ['Open', 'Partially paid', 'Overdue'].includes(label)),
    );

    select(list, 'sort', 'dueOn');
    await list.updateComplete;
    await waitUntil(() => parts(list, 'row').length > 0);
    const sorted = service
      .calls('GET /api/v1/invoices')
      .filter((call) => call.url.searchParams.get('limit') === '50')
      .at(-1)!;
    expect(Object.fromEntries(sorted.url.searchParams)).to.deep.equal({ status: 'unpaid', sort: 'dueOn', limit: '50' });
    expect(list.getAttribute('sort')).to.equal('dueOn');
  });

  it('keeps no more than 100 rows in the DOM for 5,000 invoices, and renders later rows on scroll', async () => {
    const service = serveInvoices(signedInService(), invoiceList(5000));
    const list = await listWith(service, { attributes: { 'page-size': '5000' } });
    // The fake serves every invoice in one page, whatever the limit the element asks for.
    service.on('GET /api/v1/invoices', () => json(200, { data: invoiceList(5000), nextCursor: null }));
    service.on('GET /api/v1/invoices/outstanding', () => json(200, { invoiceIds: [], amount: null, currency: null }));
    await list.refresh();
    await waitUntil(() => parts(list, 'row').length > 0);
    await frame();
    await frame();

    expect(part(list, 'table')!.getAttribute('aria-rowcount')).to.equal('5001');
    expect(parts(list, 'row').length).to.be.within(1, 100);
    await expect(list).to.be.accessible();
    expect(rowOf(list, 'inv_04000')).to.equal(null);

    const body = list.shadowRoot!.querySelector<HTMLElement>('.body')!;
    window.scrollTo(0, body.getBoundingClientRect().top + window.scrollY + body.offsetHeight * 0.8);
    await waitUntil(() => parts(list, 'row').some((row) => Number(row.getAttribute('aria-rowindex')) > 3500), 'later rows were not rendered');
    expect(parts(list, 'row').length).to.be.at.most(100);
    expect(rowOf(list, 'inv_00000')).to.equal(null);

    // Back from an invoice deep in the list, focus returns to its row, rendered again.
    const deep = parts(list, 'row').find((row) => Number(row.getAttribute('aria-rowindex')) > 3500)!;
    const deepId = deep.dataset.invoiceId!;
    deep.querySelector<HTMLButtonElement>('[part~="open-button"]')!.click();
    await list.updateComplete;
    expect(list.invoiceId).to.equal(deepId);
    part(list, 'back-button')!.click();
    await waitUntil(() => list.shadowRoot!.activeElement?.closest('[part~="row"]') === rowOf(list, deepId), 'focus did not return to the row');
    expect(parts(list, 'row').length).to.be.at.most(100);
  });

  it('loads the next page as the client scrolls, or with "Load more"', async () => {
    const service = serveInvoices(signedInService(), invoiceList(130));
    const list = await listWith(service, { attributes: { 'page-size': '40' } });
    const pages = () => service.calls('GET /api/v1/invoices').filter((call) => call.url.searchParams.get('limit') === '40');
    expect(pages()).to.have.length(1);
    expect(part(list, 'table')!.getAttribute('aria-rowcount')).to.equal('-1');

    const body = list.shadowRoot!.querySelector<HTMLElement>('.body')!;
    window.scrollTo(0, body.getBoundingClientRect().bottom + window.scrollY - window.innerHeight);
    await waitUntil(() => pages().length === 2, 'the next page did not load as the end came into view');
    expect(pages()[1]!.url.searchParams.get('cursor')).to.equal('40');
    await waitUntil(() => part(list, 'load-more-button')?.getAttribute('aria-disabled') === 'false');

    window.scrollTo(0, 0);
    await frame();
    const more = part<HTMLButtonElement>(list, 'load-more-button')!;
    more.focus();
    more.click();
    expect(more.getAttribute('aria-disabled')).to.equal('false');
    await list.updateComplete;
    expect(more.textContent!.trim()).to.equal('Loading more invoices…');
    await waitUntil(() => pages().length === 3, 'Load more did not fetch');
    expect(pages()[2]!.url.searchParams.get('cursor')).to.equal('80');
    await waitUntil(() => list.shadowRoot!.activeElement?.closest('[part~="row"]') === rowOf(list, 'inv_00080'), 'focus did not move to the first new invoice');
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const service = serveInvoices(signedInService(), invoiceList(2));
    const list = await listWith(service);
    const row = parts(list, 'row')[0]!;
    expect(getComputedStyle(row).backgroundColor).to.equal('rgb(255, 255, 255)');

    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = ':root { --portal-color-surface: rgb(250, 250, 240); }';
    document.head.append(style);
    expect(getComputedStyle(row).backgroundColor).to.equal('rgb(250, 250, 240)');

    style.textContent =
      'portal-invoices { --portal-invoices-row-background: rgb(1, 2, 3); } portal-invoices::part(status) { outline: 2px solid rgb(4, 5, 6); }';
    expect(getComputedStyle(row).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(row.querySelector('[part~="status"]')!).outlineColor).to.equal('rgb(4, 5, 6)');
  });

  it('shows a table on wide containers and cards on narrow ones', async () => {
    const service = serveInvoices(signedInService(), invoiceList(2));
    const wide = await listWith(service, { width: '60rem' });
    expect(getComputedStyle(part(wide, 'header-row')!).position).to.equal('static');
    expect(getComputedStyle(wide.shadowRoot!.querySelector('.cell-label')!).display).to.equal('none');

    const narrow = await listWith(service, { width: '320px' });
    expect(getComputedStyle(part(narrow, 'header-row')!).position).to.equal('absolute');
    expect(getComputedStyle(narrow.shadowRoot!.querySelector('.cell-label')!).display).not.to.equal('none');
    const row = parts(narrow, 'row')[0]!;
    expect(row.scrollWidth).to.be.at.most(row.clientWidth + 1);
  });

  it('shows a placeholder while loading and a message when there are no invoices', async () => {
    const answer = deferred<Response>();
    const service = signedInService().on('GET /api/v1/invoices', () => answer.promise);
    const wrapper = await fixture<HTMLDivElement>(html`<div><portal-invoices .client=${clientFor(service)}></portal-invoices></div>`);
    const list = wrapper.querySelector('portal-invoices')!;
    await waitUntil(() => list.matches(':state(loading)'));
    expect(part(list, 'skeleton')!.querySelector('[role="status"]')!.textContent).to.equal('Loading invoices…');
    await expect(list).to.be.accessible();

    answer.resolve(json(200, { data: [], nextCursor: null }));
    await loaded(list);
    expect(part(list, 'empty')!.textContent).to.include('No invoices yet');
    expect(list.matches(':state(empty)')).to.equal(true);
    expect(part(list, 'pay-all-button')).to.equal(null);
  });

  it('inside <portal-session>, waits for the sign-in and loads again for another client', async () => {
    const service = serveInvoices(signedOutService(), invoiceList(3));
    const session = await fixture<PortalSession>(html`<portal-session .client=${clientFor(service)}><portal-invoices></portal-invoices></portal-session>`);
    const list = session.querySelector('portal-invoices')!;
    await waitUntil(() => session.session.status === 'signed-out');
    await list.updateComplete;
    expect(service.calls('GET /api/v1/invoices')).to.have.length(0);
    expect(part(list, 'error')).to.equal(null);

    await session.client!.auth.login({ email: 'alex@example.com', password: 'portico-demo' });
    await waitUntil(() => parts(list, 'row').length === 3, 'the invoices did not load after sign-in');
    const afterSignIn = service.calls('GET /api/v1/invoices').length;

    await session.client!.auth.logout();
    const jordan = { ...contact, id: 'con_2', name: 'Jordan Lee', email: 'jordan@example.com' };
    service.on('POST /api/v1/auth/login', () => json(200, signIn('access-2', jordan)));
    serveInvoices(service, invoiceList(1));
    await session.client!.auth.login({ email: 'jordan@example.com', password: 'portico-demo' });
    await waitUntil(() => parts(list, 'row').length === 1, 'the invoices did not reload for the other client');
    expect(service.calls('GET /api/v1/invoices').length).to.be.greaterThan(afterSignIn);
    expect(service.calls('GET /api/v1/invoices').at(-1)!.headers.get('Authorization')).to.equal('Bearer access-2');
  });

  it('explains an error and tries again', async () => {
    const service = signedInService().on('GET /api/v1/invoices', () => problem(503, 'unavailable', 'Down for maintenance.'));
    const list = await listWith(service);
    expect(part(list, 'error')!.querySelector('[role="alert"]')!.textContent).to.include('Something went wrong');
    expect(list.matches(':state(error)')).to.equal(true);
    await expect(list).to.be.accessible();

    serveInvoices(service, invoiceList(2));
    part(list, 'retry-button')!.click();
    await waitUntil(() => parts(list, 'row').length === 2, 'the retry did not load the invoices');
  });
});
