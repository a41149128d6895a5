import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ApiClient, formatDate, formatMoney, loadMessages, localeFor, withLanguage, type PortalInvoices, type PortalSession } from '../../components/index.ts';
import '../../components/invoices/define.ts';
import '../../components/session/define.ts';
import { branding, json, type FakeService } from './fake-service.ts';
import { before, describe, it } from './mocha.ts';
import { invoiceSummary, serveInvoices, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const text = (element: Element | null | undefined): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A spoken cell's text without its visual label. */
function spoken(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return text(copy);
}

/** `<portal-invoices>` inside a session for a firm that bills in `currency`, under `lang`. */
async function invoicesFor(currency: string, lang: string): Promise<PortalInvoices> {
  fixtureCleanup();
  const invoice = invoiceSummary(3, { currency, status: 'open', total: 947_370, balance: 947_370, openBalance: 947_370, dueOn: '2026-03-31' });
  const service = serveInvoices(signedInService(), [invoice]).on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, currency }));
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang} style="width: 70rem"><portal-session .client=${clientFor(service)}><portal-invoices></portal-invoices></portal-session></div>`,
  );
  const session = wrapper.querySelector<PortalSession>('portal-session')!;
  const list = wrapper.querySelector('portal-invoices')!;
  await waitUntil(() => list.shadowRoot!.querySelector('[part~="row"]'), 'the invoices did not load');
  await waitUntil(() => session.branding?.currency === currency, 'the branding did not load');
  await list.updateComplete;
  return list;
}

const cell = (list: PortalInvoices, name: string): string => spoken(list.shadowRoot!.querySelector(`[part~="row"] .cell.${name}`)!);

describe('money and dates: the language, in the firm’s region', () => {
  before(async () => {
    expect(await loadMessages('es')).to.equal(true);
  });

  it('adds the firm’s region to a language that names none, and keeps the page’s own region', () => {
    expect(localeFor('es', 'US')).to.equal('es-US');
    expect(localeFor('en', 'GB')).to.equal('en-GB');
    expect(localeFor('es-MX', 'US')).to.equal('es-MX');
    expect(localeFor('zh-Hant', 'TW')).to.equal('zh-Hant-TW');
    expect(localeFor('es', undefined)).to.equal('es');
    expect(localeFor('not a language', 'US')).to.equal('en-US');
  });

  it('formats US dollars in Spanish as the United States does, not as Spain does', () => {
    expect(withLanguage('es', () => formatMoney(947_370, 'USD'))).to.equal('$9,473.70');
    expect(formatMoney(947_370, 'USD', 'es')).to.equal('$9,473.70');
    // A page that names a region keeps it; a currency of no one country leaves the language's own.
    expect(formatMoney(947_370, 'USD', 'es-MX')).to.match(/^USD\s9,473\.70$/);
    expect(formatMoney(947_370, 'EUR', 'es')).to.match(/^9473,70\s€$/);
    expect(formatMoney(947_370, 'GBP', 'en')).to.equal('£9,473.70');
  });

  it('shows a US firm’s invoices to a Spanish reader in es-US', async () => {
    const list = await invoicesFor('USD', 'es');
    expect(cell(list, 'balance')).to.equal('$9,473.70');
    expect(cell(list, 'due')).to.equal(formatDate('2026-03-31', 'es-US'));
  });

  it('dates a British firm’s invoices the British way, and a page may choose its own region', async () => {
    const british = await invoicesFor('GBP', 'en');
    expect(cell(british, 'due')).to.equal('31 Mar 2026');
    expect(cell(british, 'balance')).to.equal('£9,473.70');

    const american = await invoicesFor('GBP', 'en-US');
    expect(cell(american, 'due')).to.equal('Mar 31, 2026');
    expect(cell(american, 'balance')).to.equal('£9,473.70');
  });
});
