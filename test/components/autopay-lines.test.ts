import { ContextProvider } from '@lit/context';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ApiClient, brandingContext, type PortalHome, type PortalInvoice } from '../../components/index.ts';
import '../../components/home/define.ts';
import '../../components/invoice/define.ts';
import { autopayEnrolment } from './autopay-fixtures.ts';
import { branding, json, type FakeService } from './fake-service.ts';
import { busyHome } from './home-fixtures.ts';
import { describe, it } from './mocha.ts';
import { partlyPaid, signedInService } from './portal-fixtures.ts';

const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (element: Element, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** An element inside a branding provider whose firm offers autopay or not. */
async function within<T extends HTMLElement>(element: T, service: FakeService, autopay: boolean): Promise<T> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  new ContextProvider(wrapper, { context: brandingContext, initialValue: { ...branding, autopay: { enabled: autopay } } });
  (element as unknown as { client: ApiClient }).client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  wrapper.append(element);
  await waitUntil(() => element.shadowRoot?.querySelector('[part~="base"]'), 'the element did not load');
  return element;
}

const scheduledFor = (invoiceId: string, on: string, amount: number) =>
  autopayEnrolment({
    nextCharge: { invoiceId, invoiceNumber: 'INV-2', on, amount },
    charges: [
      {
        id: 'apc_9',
        invoiceId,
        invoiceNumber: 'INV-2',
        chargeOn: on,
        attemptOn: on,
        amount,
        status: 'scheduled',
        attempts: 0,
        paymentId: null,
        lastError: null,
      },
    ],
  });

describe('autopay in <portal-home> and <portal-invoice>', () => {
  it('home shows the soonest autopay charge on the balance card', async () => {
    const service = signedInService()
      .on('GET /api/v1/home', () => json(200, busyHome()))
      .on('GET /api/v1/autopay', () =>
        json(200, {
          data: [
            scheduledFor('inv_b', '2027-02-01', 20_000),
            autopayEnrolment({ id: 'apay_3', nextCharge: { invoiceId: 'inv_c', invoiceNumber: 'INV-3', on: '2027-01-05', amount: 30_157 } }),
          ],
        }),
      );
    const home = await within(document.createElement('portal-home') as PortalHome, service, true);
    await waitUntil(() => part(home, 'next-autopay-charge'), 'no autopay charge shown');
    expect(text(part(home, 'next-autopay-charge'))).to.equal('Next autopay charge: $301.57 on Jan 5, 2027 (invoice INV-3)');
    expect(service.calls('GET /api/v1/autopay')[0]!.url.search).to.equal('?status=active');
    await expect(home).to.be.accessible();
  });

  it('home asks nothing about autopay when the firm does not offer it', async () => {
    const service = signedInService().on('GET /api/v1/home', () => json(200, busyHome()));
    const home = await within(document.createElement('portal-home') as PortalHome, service, false);
    expect(part(home, 'next-autopay-charge')).to.equal(null);
    expect(service.calls('GET /api/v1/autopay')).to.have.length(0);
  });

  it('the invoice says when autopay will charge it, and nothing for an invoice autopay does not charge', async () => {
    const service = signedInService()
      .on(`GET /api/v1/invoices/${partlyPaid.id}`, () => json(200, partlyPaid))
      .on('GET /api/v1/autopay', () => json(200, { data: [scheduledFor(partlyPaid.id, '2027-03-10', partlyPaid.openBalance)] }));
    const invoice = document.createElement('portal-invoice') as PortalInvoice;
    invoice.invoiceId = partlyPaid.id;
    await within(invoice, service, true);
    expect(text(part(invoice, 'autopay-note'))).to.equal(`Autopay will charge $${(partlyPaid.openBalance / 100).toFixed(2)} on Mar 10, 2027.`);
    await expect(invoice).to.be.accessible();

    service.on('GET /api/v1/autopay', () => json(200, { data: [scheduledFor('inv_other', '2027-03-10', 5_000)] }));
    await invoice.refresh();
    await invoice.updateComplete;
    expect(service.calls('GET /api/v1/autopay')).to.have.length(2);
    expect(part(invoice, 'base')).to.not.equal(null);
    expect(part(invoice, 'autopay-note')).to.equal(null);
  });
});
