import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalPayments } from '../../components/index.ts';
import '../../components/payments/define.ts';
import { json, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';
import { payment, signedInService } from './portal-fixtures.ts';

// The service leaves declined card attempts out of a client's history and sends a returned bank
// debit without a receipt number: a failed payment received no money, so it has no receipt.
const history = [
  payment(1),
  payment(2, {
    status: 'failed',
    receiptNumber: null,
    method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' },
    failure: { code: 'insufficient_funds', message: 'The bank returned the payment: insufficient funds.' },
  }),
];

const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const rows = (element: Element) => [...element.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')];
const text = (element: Element | null) => element!.textContent!.replace(/\s+/g, ' ').trim();

async function paymentsWith(service: FakeService): Promise<PortalPayments> {
  const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  const element = await fixture<PortalPayments>(html`<portal-payments .client=${client}></portal-payments>`);
  await waitUntil(() => part(element, 'base') || part(element, 'error'), 'the payments did not load');
  return element;
}

describe('<portal-payments>: a failed payment', () => {
  it('shows "No receipt" where a received payment shows its number, and no receipt to download', async () => {
    const element = await paymentsWith(signedInService().on('GET /api/v1/payments', () => json(200, { data: history, nextCursor: null })));
    const [paid, returned] = rows(element);
    expect(text(paid!.querySelector('td.receipt'))).to.contain('R-100001');
    const cell = returned!.querySelector('td.receipt')!;
    expect(text(cell)).to.contain('No receipt');
    expect(text(cell)).not.to.contain('null');
    expect(cell.querySelector('[part~="receipt-button"]')).to.equal(null);
    expect(text(returned!.querySelector('td.status'))).to.contain('Failed');
    await expect(element).to.be.accessible();
  });
});
