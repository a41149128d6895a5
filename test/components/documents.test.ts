// The PDF documents in the portal: "Download PDF" on an invoice and "Receipt (PDF)" on each
// received payment of the history, saved through the fake service.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalInvoice, type PortalPayments } from '../../components/index.ts';
import '../../components/invoice/define.ts';
import '../../components/payments/define.ts';
import { json, problem, type FakeService } from './fake-service.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';
import { partlyPaid, payment, signedInService } from './portal-fixtures.ts';

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

const clientFor = (service: FakeService) => new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });

function pdfAnswer(fileName: string): Response {
  return new Response('%PDF-1.3\n%%EOF\n', { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"` } });
}

/** What the page saved: `saveFile` clicks a download link; the click is caught instead of saving. */
const saved: Array<{ name: string; href: string }> = [];
let click: typeof HTMLAnchorElement.prototype.click;

async function invoiceIn(service: FakeService, lang = 'en'): Promise<PortalInvoice> {
  service.on(`GET /api/v1/invoices/${partlyPaid.id}`, () => json(200, partlyPaid));
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang} style="width: 50rem"><portal-invoice invoice-id=${partlyPaid.id} .client=${clientFor(service)}></portal-invoice></div>`,
  );
  const invoice = wrapper.querySelector('portal-invoice')!;
  await waitUntil(() => part(invoice, 'base'), 'the invoice did not load');
  return invoice;
}

const history = [
  payment(1),
  payment(2, { status: 'processing', method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' } }),
  payment(3, { status: 'failed', failure: { code: 'card_declined', message: 'Your card was declined.' } }),
  payment(4, { status: 'refunded', amountRefunded: 50_004 }),
];

async function paymentsIn(service: FakeService, lang = 'en', width = '60rem'): Promise<PortalPayments> {
  service.on('GET /api/v1/payments', () => json(200, { data: history, nextCursor: null }));
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${lang} style="width: ${width}"><portal-payments .client=${clientFor(service)}></portal-payments></div>`,
  );
  const element = wrapper.querySelector('portal-payments')!;
  await waitUntil(() => part(element, 'base'), 'the payments did not load');
  return element;
}

describe('PDF documents', () => {
  beforeEach(() => {
    saved.length = 0;
    click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    };
  });
  afterEach(() => {
    HTMLAnchorElement.prototype.click = click;
    document.querySelector('#host-theme')?.remove();
  });

  describe('<portal-invoice> "Download PDF"', () => {
    it('is accessible on a desktop', async function () {
      const invoice = await invoiceIn(signedInService());
      expect(text(part(invoice, 'pdf-button'))).to.equal('Download PDF');
      await expect(invoice).to.be.accessible();
    });

    it('is accessible on a phone', async function () {
      const invoice = await invoiceIn(signedInService());
      (invoice.parentElement as HTMLElement).style.width = '320px';
      await expect(invoice).to.be.accessible();
    });

    it('saves the service’s PDF under its name, with the client’s token and language, and says so', async () => {
      const service = signedInService().on(`GET /api/v1/invoices/${partlyPaid.id}/pdf`, () => pdfAnswer('Invoice-INV-1003.pdf'));
      const invoice = await invoiceIn(service);
      part<HTMLButtonElement>(invoice, 'pdf-button')!.click();
      await waitUntil(() => saved.length === 1, 'nothing was saved');
      expect(saved[0]!.name).to.equal('Invoice-INV-1003.pdf');
      expect(saved[0]!.href).to.match(/^blob:/);
      const [request] = service.calls(`GET /api/v1/invoices/${partlyPaid.id}/pdf`);
      expect(request!.headers.get('Authorization')).to.equal('Bearer access-1');
      expect(request!.url.searchParams.get('lang')).to.equal('en');
      await waitUntil(() => text(part(invoice, 'announcer')) === 'The PDF of invoice INV-1003 was downloaded.', 'the download was not announced');
      expect(part(invoice, 'pdf-error')).to.equal(null);
    });

    it('asks for the PDF in Spanish and reads in Spanish inside lang="es"', async () => {
      const service = signedInService().on(`GET /api/v1/invoices/${partlyPaid.id}/pdf`, () => pdfAnswer('Invoice-INV-1003.pdf'));
      const invoice = await invoiceIn(service, 'es');
      await waitUntil(() => text(part(invoice, 'pdf-button')) === 'Descargar PDF', 'the button did not switch to Spanish');
      part<HTMLButtonElement>(invoice, 'pdf-button')!.click();
      await waitUntil(() => saved.length === 1, 'nothing was saved');
      expect(service.calls(`GET /api/v1/invoices/${partlyPaid.id}/pdf`)[0]!.url.searchParams.get('lang')).to.equal('es');
      await waitUntil(() => text(part(invoice, 'announcer')) === 'Se descargó el PDF de la factura INV-1003.');
    });

    it('explains a failed download in an alert, and a second try clears it', async function () {
      let fail = true;
      const service = signedInService().on(`GET /api/v1/invoices/${partlyPaid.id}/pdf`, () =>
        fail ? problem(404, 'not_found', 'No such invoice.') : pdfAnswer('Invoice-INV-1003.pdf'),
      );
      const invoice = await invoiceIn(service);
      part<HTMLButtonElement>(invoice, 'pdf-button')!.click();
      await waitUntil(() => part(invoice, 'pdf-error'), 'no alert');
      expect(text(part(invoice, 'pdf-error'))).to.equal('The PDF could not be downloaded. No such invoice.');
      expect(part(invoice, 'pdf-error')!.getAttribute('role')).to.equal('alert');
      expect(saved).to.have.length(0);
      await expect(invoice).to.be.accessible();
      fail = false;
      part<HTMLButtonElement>(invoice, 'pdf-button')!.click();
      await waitUntil(() => saved.length === 1, 'nothing was saved');
      await waitUntil(() => !part(invoice, 'pdf-error'), 'the alert stayed');
    });

    it('can be styled from the page through its part', async () => {
      const invoice = await invoiceIn(signedInService());
      const style = document.createElement('style');
      style.id = 'host-theme';
      style.textContent = 'portal-invoice::part(pdf-button) { border-color: rgb(120, 0, 60); }';
      document.head.append(style);
      expect(getComputedStyle(part(invoice, 'pdf-button')!).borderTopColor).to.equal('rgb(120, 0, 60)');
    });
  });

  describe('<portal-payments> "Receipt (PDF)"', () => {
    it('is on each received payment only, told apart by its receipt number, and accessible', async function () {
      const element = await paymentsIn(signedInService());
      const buttons = parts(element, 'receipt-button');
      expect(buttons.map((button) => button.closest('tr')!.dataset.index)).to.deep.equal(['0', '3'], 'completed and refunded, not processing or failed');
      expect(buttons.map(text)).to.deep.equal(['Receipt (PDF)', 'Receipt (PDF)']);
      expect(buttons.map((button) => text(element.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)))).to.deep.equal([
        'R-100001',
        'R-100004',
      ]);
      await expect(element).to.be.accessible();
    });

    it('is accessible on a phone', async function () {
      const phone = await paymentsIn(signedInService(), 'en', '320px');
      expect(parts(phone, 'receipt-button')).to.have.length(2);
      await expect(phone).to.be.accessible();
    });

    it('saves the receipt with the client’s token and language, and says so', async () => {
      const service = signedInService().on('GET /api/v1/payments/pay_1/receipt.pdf', () => pdfAnswer('Receipt-R-100001.pdf'));
      const element = await paymentsIn(service, 'es');
      await waitUntil(() => text(parts(element, 'receipt-button')[0]!) === 'Recibo (PDF)', 'the button did not switch to Spanish');
      parts(element, 'receipt-button')[0]!.click();
      await waitUntil(() => saved.length === 1, 'nothing was saved');
      expect(saved[0]!.name).to.equal('Receipt-R-100001.pdf');
      const [request] = service.calls('GET /api/v1/payments/pay_1/receipt.pdf');
      expect(request!.headers.get('Authorization')).to.equal('Bearer access-1');
      expect(request!.url.searchParams.get('lang')).to.equal('es');
      await waitUntil(() => text(part(element, 'announcer')) === 'Se descargó el recibo R-100001.', 'the download was not announced');
    });

    it('says in words when a payment has no receipt', async function () {
      const service = signedInService().on('GET /api/v1/payments/pay_4/receipt.pdf', () =>
        problem(404, 'receipt_not_available', 'This payment has no receipt: it did not go through.'),
      );
      const element = await paymentsIn(service);
      parts(element, 'receipt-button')[1]!.click();
      await waitUntil(() => part(element, 'receipt-error'), 'no alert');
      expect(text(part(element, 'receipt-error'))).to.equal(
        'Receipt R-100004 could not be downloaded. This payment has no receipt: it did not go through, or it has not settled yet.',
      );
      expect(saved).to.have.length(0);
      await expect(element).to.be.accessible();
    });
  });
});
