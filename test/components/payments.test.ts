import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalPayments, type PortalSession } from '../../components/index.ts';
import '../../components/payments/define.ts';
import '../../components/session/define.ts';
import { branding, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';
import { payment, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

function spoken(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return text(copy);
}

const history = [
  payment(1),
  payment(2, { status: 'processing', method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' } }),
  payment(3, { status: 'succeeded', method: { type: 'check', brand: null, last4: null }, source: 'firm', reference: 'Check #1187' }),
  payment(4, { status: 'failed', failure: { code: 'card_declined', message: 'Your card was declined.' } }),
  payment(5, {
    status: 'refunded',
    allocations: [
      { invoiceId: 'inv_a', invoiceNumber: 'INV-1001', amount: 100, depositAccount: 'operating' },
      { invoiceId: 'inv_b', invoiceNumber: 'INV-1002', amount: 200, depositAccount: 'trust' },
    ],
  }),
];

/** Pages through `all` by index, like the service's cursors. */
function servePayments(service: FakeService, all = history): FakeService {
  return service.on('GET /api/v1/payments', (request) => {
    const start = Number(request.url.searchParams.get('cursor') ?? 0);
    const limit = Number(request.url.searchParams.get('limit') ?? 50);
    return json(200, { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null });
  });
}

async function paymentsWith(service: FakeService, width = '60rem', pageSize = 25): Promise<PortalPayments> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}"><portal-payments page-size=${pageSize} .client=${clientFor(service)}></portal-payments></div>`,
  );
  const element = wrapper.querySelector('portal-payments')!;
  await waitUntil(() => part(element, 'base') || part(element, 'empty') || part(element, 'error') || part(element, 'hidden'), 'the payments did not load');
  return element;
}

describe('<portal-payments>', () => {
  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
  });

  it('is accessible, on a desktop and a phone', async () => {
    const service = servePayments(signedInService());
    await expect(await paymentsWith(service)).to.be.accessible();
    await expect(await paymentsWith(service, '320px')).to.be.accessible();
  });

  it('lists date, amount, method, invoices, status and receipt of each payment', async () => {
    const service = servePayments(signedInService());
    const element = await paymentsWith(service);
    expect(Object.fromEntries(service.calls('GET /api/v1/payments')[0]!.url.searchParams)).to.deep.equal({ limit: '25' });
    expect(text(part(element, 'heading'))).to.equal('Payment history');
    expect([...part(element, 'header-row')!.querySelectorAll('th')].map(text)).to.deep.equal(['Date', 'Amount', 'Method', 'Invoices', 'Status', 'Receipt']);

    const rows = parts(element, 'row').map((row) => [...row.querySelectorAll('td')].map(spoken));
    expect(rows).to.deep.equal([
      ['Nov 19, 2026', '$500.01', 'Visa ending in 4242', 'INV-1001', 'Succeeded', 'R-100001 Receipt (PDF)'],
      ['Nov 18, 2026', '$500.02', 'STRIPE TEST BANK account ending in 6789', 'INV-1002', 'Processing', 'R-100002'],
      ['Nov 17, 2026', '$500.03', 'Check Check #1187', 'INV-1003', 'Succeeded', 'R-100003 Receipt (PDF)'],
      ['Nov 16, 2026', '$500.04', 'Visa ending in 4242', 'INV-1004', 'Failed Reason: Your card was declined.', 'R-100004'],
      ['Nov 15, 2026', '$500.05', 'Visa ending in 4242', 'INV-1001, INV-1002', 'Refunded', 'R-100005 Receipt (PDF)'],
    ]);
    expect(parts(element, 'status').map((badge) => badge.getAttribute('data-tone'))).to.deep.equal(['success', 'warning', 'success', 'danger', 'neutral']);
    expect(part(element, 'load-more-button')).to.equal(null);
  });

  it('says what refunds gave back: "Partially refunded" with the amount, a refund on its way, and "Refunded"', async () => {
    const at = '2026-11-20T10:00:00.000Z';
    const refunded = [
      payment(1, { amountRefunded: 20_000, refunds: [{ id: 'rfd_1', amount: 20_000, status: 'succeeded', createdAt: at }] }),
      payment(2, {
        method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
        amountRefunded: 10_000,
        refunds: [
          { id: 'rfd_2a', amount: 10_000, status: 'succeeded', createdAt: at },
          { id: 'rfd_2b', amount: 5_000, status: 'pending', createdAt: at },
        ],
      }),
      payment(3, { status: 'refunded', amountRefunded: 50_003, refunds: [{ id: 'rfd_3', amount: 50_003, status: 'succeeded', createdAt: at }] }),
    ];
    for (const width of ['60rem', '320px']) {
      const element = await paymentsWith(servePayments(signedInService(), refunded), width);
      expect(parts(element, 'row').map((row) => spoken(row.querySelector('td.status')!))).to.deep.equal([
        'Partially refunded Refunded $200.00',
        'Partially refunded Refunded $100.00 · Refund of $50.00 on its way',
        'Refunded',
      ]);
      expect(parts(element, 'status').map((badge) => badge.getAttribute('data-tone'))).to.deep.equal(['info', 'info', 'neutral']);
      expect(parts(element, 'refund')).to.have.length(2);
      await expect(element).to.be.accessible();
    }
  });

  it('says it in Spanish under lang="es"', async () => {
    const service = servePayments(signedInService(), [
      payment(1, { amountRefunded: 20_000, refunds: [{ id: 'rfd_1', amount: 20_000, status: 'succeeded', createdAt: '2026-11-20T10:00:00.000Z' }] }),
    ]);
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><portal-payments .client=${clientFor(service)}></portal-payments></div>`);
    const element = wrapper.querySelector('portal-payments')!;
    await waitUntil(() => part(element, 'base'), 'the payments did not load');
    // Spanish is fetched on demand: the list reads in English until it has arrived.
    const status = () => spoken(parts(element, 'row')[0]!.querySelector('td.status')!);
    await waitUntil(() => status().startsWith('Reembolsado'), 'the list did not switch to Spanish');
    // US dollars read as the United States writes them, in Spanish too (es-US).
    expect(status()).to.equal('Reembolsado en parte Reembolsado: $200.00');
  });

  it('loads more payments on request and moves focus to the first new one', async () => {
    const service = servePayments(signedInService());
    const element = await paymentsWith(service, '60rem', 2);
    expect(parts(element, 'row')).to.have.length(2);
    const more = part<HTMLButtonElement>(element, 'load-more-button')!;
    more.focus();
    more.click();
    await waitUntil(() => parts(element, 'row').length === 4, 'the next page did not load');
    expect(service.calls('GET /api/v1/payments')[1]!.url.searchParams.get('cursor')).to.equal('2');
    expect(element.shadowRoot!.activeElement).to.equal(parts(element, 'row')[2]);
    part<HTMLButtonElement>(element, 'load-more-button')!.click();
    await waitUntil(() => parts(element, 'row').length === 5);
    await element.updateComplete;
    expect(part(element, 'load-more-button')).to.equal(null);
  });

  it('says where to ask when the firm does not show payment history', async () => {
    const service = signedInService().on('GET /api/v1/payments', () =>
      problem(403, 'payments_hidden', 'Hale & Whitmore LLP does not show payment history in the portal.'),
    );
    const element = await paymentsWith(service);
    expect(text(part(element, 'hidden'))).to.equal('Payment history is not shown in this portal. For a record of your payments, please contact the firm.');
    expect(part(element, 'error')).to.equal(null);
    expect(element.matches(':state(hidden-by-firm)')).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('says the same when the firm’s branding turns payment history off', async () => {
    const service = signedInService().on('GET /api/v1/firms/demo/branding', () =>
      json(200, { ...branding, sections: { ...branding.sections, payments: false } }),
    );
    servePayments(service);
    const session = await fixture<PortalSession>(html`<portal-session .client=${clientFor(service)}><portal-payments></portal-payments></portal-session>`);
    const element = session.querySelector('portal-payments')!;
    await waitUntil(() => part(element, 'hidden'), 'the hidden message was not shown');
    expect(text(part(element, 'hidden'))).to.include('please contact Hale & Whitmore LLP.');
    expect(part(element, 'base')).to.equal(null);
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const element = await paymentsWith(servePayments(signedInService()));
    const table = part(element, 'base')!;
    expect(getComputedStyle(table).backgroundColor).to.equal('rgb(255, 255, 255)');
    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = ':root { --portal-color-surface: rgb(240, 240, 230); }';
    document.head.append(style);
    expect(getComputedStyle(table).backgroundColor).to.equal('rgb(240, 240, 230)');
    style.textContent = 'portal-payments { --portal-payments-background: rgb(10, 20, 30); } portal-payments::part(row) { color: rgb(1, 1, 1); }';
    expect(getComputedStyle(table).backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(getComputedStyle(parts(element, 'row')[0]!).color).to.equal('rgb(1, 1, 1)');
  });

  it('says so when there are no payments yet', async () => {
    const element = await paymentsWith(servePayments(signedInService(), []));
    expect(text(part(element, 'empty'))).to.include('No payments yet');
    expect(element.matches(':state(empty)')).to.equal(true);
  });

  it('explains an error and tries again', async () => {
    const service = signedInService().on('GET /api/v1/payments', () => problem(500, 'internal', 'Boom.'));
    const element = await paymentsWith(service);
    expect(text(part(element, 'error')!.querySelector('[role="alert"]'))).to.equal('Something went wrong. Please try again.');
    expect(element.matches(':state(error)')).to.equal(true);
    await expect(element).to.be.accessible();
    servePayments(service);
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'row').length === 5, 'the retry did not load the payments');
  });
});
