import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type InvoiceDetail, type PortalInvoice } from '../../components/index.ts';
import '../../components/invoice/define.ts';
import { invoiceDocument } from '../../components/invoice/invoice-document.ts';
import { json, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';
import { partlyPaid, retainer, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

async function invoiceWith(detail: InvoiceDetail, width: string): Promise<PortalInvoice> {
  const service = signedInService().on(`GET /api/v1/invoices/${detail.id}`, () => json(200, detail));
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}"><portal-invoice invoice-id=${detail.id} .client=${clientFor(service)}></portal-invoice></div>`,
  );
  const invoice = wrapper.querySelector('portal-invoice')!;
  await waitUntil(() => invoice.shadowRoot!.querySelector('[part~="lines"]'), 'the invoice did not load');
  return invoice;
}

const headings = (invoice: PortalInvoice): string[] => [...invoice.shadowRoot!.querySelectorAll('[part~="lines"] thead th')].map(text);
const cells = (invoice: PortalInvoice): string[][] =>
  [...invoice.shadowRoot!.querySelectorAll('[part~="lines"] tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));

/** The charges table's headings in the downloadable copy of an invoice. */
function documentHeadings(detail: InvoiceDetail): string[] {
  const copy = new DOMParser().parseFromString(invoiceDocument(detail, 'Hale & Whitmore LLP', 'en'), 'text/html');
  return [...copy.querySelectorAll('table')[0]!.querySelectorAll('thead th')].map(text);
}

describe('<portal-invoice> charges', () => {
  it('leaves out the Date and Quantity columns when no charge has one: no empty cells', async () => {
    // A retainer request: one flat fee, with neither a date nor a quantity.
    const undated: InvoiceDetail = {
      ...retainer,
      lines: [
        ...retainer.lines,
        { id: 'line_2', kind: 'flat_fee', date: null, description: 'Expert witness deposit', quantity: null, rate: null, amount: 100_000 },
      ],
    };
    for (const width of ['50rem', '320px']) {
      const invoice = await invoiceWith(undated, width);
      expect(headings(invoice), width).to.deep.equal(['Description', 'Amount']);
      expect(cells(invoice), width).to.deep.equal([
        ['Retainer deposit: trial preparation', '$5,000.00'],
        ['Expert witness deposit', '$1,000.00'],
      ]);
    }
    expect(documentHeadings(undated)).to.deep.equal(['Description', 'Amount']);
  });

  it('keeps the Date column when some charges are dated', async () => {
    const invoice = await invoiceWith(partlyPaid, '50rem');
    expect(headings(invoice)).to.deep.equal(['Date', 'Description', 'Quantity × rate', 'Amount']);
    expect(cells(invoice)[2]).to.deep.equal(['Oct 25, 2026', 'Filing fee', '', '$630.00']);
    expect(documentHeadings(partlyPaid)).to.deep.equal(['Date', 'Description', 'Quantity × rate', 'Amount']);
  });
});
