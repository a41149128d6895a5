import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ApiClient, type PortalInvoice, type PortalPayRequestEvent } from '../../components/index.ts';
import '../../components/invoice/define.ts';
import { branding, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';
import { partlyPaid, retainer, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

function serviceWith(...invoices: (typeof partlyPaid)[]): FakeService {
  const service = signedInService();
  for (const invoice of invoices) service.on(`GET /api/v1/invoices/${invoice.id}`, () => json(200, invoice));
  return service;
}

async function invoiceWith(service: FakeService, invoiceId: string, width = '50rem'): Promise<PortalInvoice> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}"><portal-invoice invoice-id=${invoiceId} .client=${clientFor(service)}></portal-invoice></div>`,
  );
  const invoice = wrapper.querySelector('portal-invoice')!;
  await waitUntil(() => part(invoice, 'base') || part(invoice, 'error') || part(invoice, 'not-found'), 'the invoice did not load');
  return invoice;
}

describe('<portal-invoice>', () => {
  afterEach(async () => {
    document.querySelector('#host-theme')?.remove();
    await emulateMedia({ media: 'screen' });
  });

  it('is accessible, on a desktop and a phone', async () => {
    const service = serviceWith(partlyPaid);
    await expect(await invoiceWith(service, partlyPaid.id)).to.be.accessible();
    await expect(await invoiceWith(service, partlyPaid.id, '320px')).to.be.accessible();
  });

  it('shows the header, charges, discounts and tax, totals, payments applied and balance', async () => {
    const service = serviceWith(partlyPaid);
    const invoice = await invoiceWith(service, partlyPaid.id);
    expect(service.calls(`GET /api/v1/invoices/${partlyPaid.id}`)[0]!.headers.get('Authorization')).to.equal('Bearer access-1');

    expect(text(part(invoice, 'firm'))).to.equal('Hale & Whitmore LLP');
    expect(text(part(invoice, 'heading'))).to.equal('Invoice INV-1003');
    expect(text(part(invoice, 'status'))).to.equal('Status: Partially paid');
    const facts = [...part(invoice, 'facts')!.querySelectorAll('div')].map((fact) => `${text(fact.querySelector('dt'))}: ${text(fact.querySelector('dd'))}`);
    expect(facts).to.deep.equal(['Matter: Estate of Eleanor Morgan (2025-0388)', 'Issued: Nov 5, 2026', 'Due: Dec 5, 2026', 'Balance due: $1,104.70']);

    const rows = [...part(invoice, 'lines')!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));
    expect(rows).to.deep.equal([
      ['Oct 20, 2026', 'Meet with client re: petition for probate', '1.2 hr × $450.00', '$540.00'],
      ['Oct 24, 2026', 'Prepare Petition for Probate (DE-111)', '3 hr × $150.00', '$450.00'],
      ['Oct 25, 2026', 'Filing fee', '', '$630.00'],
    ]);
    const totals = [...part(invoice, 'totals')!.querySelectorAll('tr')].map((row) => `${text(row.querySelector('th'))} = ${text(row.querySelector('td'))}`);
    expect(totals).to.deep.equal([
      'Subtotal = $1,620.00',
      'Discount: Courtesy discount 10% = -$162.00',
      'Tax: Sales tax 10% = $146.70',
      'Total = $1,604.70',
      'Payments applied = -$500.00',
      'Balance due = $1,104.70',
      'Payments processing = -$200.00',
      'Left to pay = $904.70',
    ]);
    const applied = [...part(invoice, 'payments')!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));
    expect(applied).to.deep.equal([
      ['Nov 11, 2026', 'Check', 'R-100002', 'Succeeded', '$500.00'],
      ['Nov 20, 2026', 'STRIPE TEST BANK account ending in 6789', 'R-100003', 'Processing', '$200.00'],
    ]);
    expect(text(part(invoice, 'footer'))).to.include('Amount you can pay now: $904.70');
    expect(part(invoice, 'trust-note')).to.equal(null);
  });

  it('labels a trust retainer request as such', async () => {
    const invoice = await invoiceWith(serviceWith(retainer), retainer.id);
    expect(text(part(invoice, 'heading'))).to.equal('Trust retainer request INV-1005');
    expect(text(part(invoice, 'trust-note'))).to.include('client trust account');
    expect(text(part(invoice, 'payments')?.parentElement ?? invoice.shadowRoot!.querySelector('article'))).to.include('No payments have been applied');
  });

  it('asks to pay the open balance from "Pay now" at the top and at the bottom', async () => {
    const invoice = await invoiceWith(serviceWith(partlyPaid), partlyPaid.id);
    const buttons = parts(invoice, 'pay-button');
    expect(buttons.map((button) => button.getAttribute('part'))).to.deep.equal(['pay-button pay-button-top', 'pay-button pay-button-bottom']);
    expect(buttons.map(text)).to.deep.equal(['Pay now', 'Pay now']);
    expect(invoice.matches(':state(payable)')).to.equal(true);

    for (const button of buttons) {
      setTimeout(() => button.click());
      const request: PortalPayRequestEvent = await oneEvent(invoice, 'portal-pay-request');
      expect(request.detail).to.deep.equal({ invoiceIds: ['inv_partly'], amount: 90_470 });
      expect(request.bubbles && request.composed).to.equal(true);
    }
  });

  it('offers no payment when nothing can be paid now', async () => {
    const paid = { ...partlyPaid, id: 'inv_paid', status: 'paid' as const, amountPaid: 160_470, amountPending: 0, balance: 0, openBalance: 0 };
    const invoice = await invoiceWith(serviceWith(paid), paid.id);
    expect(parts(invoice, 'pay-button')).to.have.length(0);
    expect(invoice.matches(':state(payable)')).to.equal(false);
  });

  it('prints with a print-friendly layout: no buttons, black on white', async () => {
    const invoice = await invoiceWith(serviceWith(partlyPaid), partlyPaid.id);
    const print = window.print;
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    try {
      part(invoice, 'print-button')!.click();
    } finally {
      window.print = print;
    }
    expect(printed).to.equal(1);

    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = 'portal-invoice { --portal-color-text: rgb(200, 0, 0); --portal-color-surface: rgb(0, 0, 40); }';
    document.head.append(style);
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle(part(invoice, 'print-button')!).display).to.equal('none');
    expect(getComputedStyle(parts(invoice, 'pay-button')[1]!).display).to.equal('none');
    expect(getComputedStyle(invoice).color).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(part(invoice, 'base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('downloads a self-contained HTML copy named after the invoice number', async () => {
    const invoice = await invoiceWith(serviceWith(partlyPaid), partlyPaid.id);
    const saved: { name: string; blob: Blob }[] = [];
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    let blob: Blob | undefined;
    URL.createObjectURL = (object: Blob | MediaSource) => {
      blob = object as Blob;
      return 'blob:test';
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blob! });
    };
    try {
      part(invoice, 'download-button')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved.map((file) => file.name)).to.deep.equal(['INV-1003.html']);
    expect(saved[0]!.blob.type).to.equal('text/html;charset=utf-8');
    const page = new DOMParser().parseFromString(await saved[0]!.blob.text(), 'text/html');
    expect(page.title).to.equal('Invoice INV-1003 from Hale & Whitmore LLP');
    expect(page.querySelector('h1')!.textContent).to.equal('Invoice INV-1003');
    expect(page.querySelectorAll('script, link, img, iframe')).to.have.length(0);
    expect(page.body.textContent).to.include('Courtesy discount 10%');
    expect(page.body.textContent).to.include('$1,104.70');
    expect(page.body.textContent).to.include('R-100003');
  });

  it('escapes what the firm wrote in the downloaded copy', async () => {
    const risky = { ...partlyPaid, id: 'inv_risky', number: 'INV/7#1', notes: '<img src=x onerror=alert(1)>' };
    const invoice = await invoiceWith(serviceWith(risky), risky.id);
    let file: Blob | undefined;
    let name = '';
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (object: Blob | MediaSource) => ((file = object as Blob), 'blob:test');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      name = this.download;
    };
    try {
      part(invoice, 'download-button')!.click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(name).to.equal('INV-7-1.html');
    const page = new DOMParser().parseFromString(await file!.text(), 'text/html');
    expect(page.querySelectorAll('img')).to.have.length(0);
    expect(page.body.textContent).to.include('<img src=x onerror=alert(1)>');
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const invoice = await invoiceWith(serviceWith(partlyPaid), partlyPaid.id);
    const pay = parts(invoice, 'pay-button')[0]!;
    const style = document.createElement('style');
    style.id = 'host-theme';
    // Buttons ease between colours; without the transition the new colour shows at once.
    style.textContent = ':root { --portal-duration: 0s; }';
    document.head.append(style);
    expect(getComputedStyle(pay).backgroundColor).to.equal('rgb(31, 78, 121)');
    style.textContent = ':root { --portal-duration: 0s; --portal-color-brand: rgb(0, 100, 0); }';
    expect(getComputedStyle(pay).backgroundColor).to.equal('rgb(0, 100, 0)');
    style.textContent =
      ':root { --portal-duration: 0s; --portal-color-brand: rgb(0, 100, 0); } portal-invoice { --portal-invoice-pay-background: rgb(120, 0, 60); }';
    expect(getComputedStyle(pay).backgroundColor).to.equal('rgb(120, 0, 60)');
  });

  it('says so when there is no such invoice', async () => {
    const service = signedInService().on('GET /api/v1/invoices/inv_gone', () => problem(404, 'not_found', 'No such invoice.'));
    const invoice = await invoiceWith(service, 'inv_gone');
    expect(text(part(invoice, 'not-found'))).to.include('could not be found');
    expect(part(invoice, 'retry-button')).to.equal(null);
    await expect(invoice).to.be.accessible();
  });

  it('explains an error and tries again', async () => {
    const service = signedInService().on(`GET /api/v1/invoices/${partlyPaid.id}`, () => Promise.reject(new TypeError('Failed to fetch')));
    const invoice = await invoiceWith(service, partlyPaid.id);
    expect(text(part(invoice, 'error')!.querySelector('[role="alert"]'))).to.include('could not reach the service');
    expect(invoice.matches(':state(error)')).to.equal(true);
    await expect(invoice).to.be.accessible();

    service.on(`GET /api/v1/invoices/${partlyPaid.id}`, () => json(200, partlyPaid));
    part(invoice, 'retry-button')!.click();
    await waitUntil(() => part(invoice, 'heading'), 'the retry did not load the invoice');
  });

  it('uses the firm name from the session’s branding when it has it', async () => {
    const service = serviceWith(partlyPaid);
    const invoice = await invoiceWith(service, partlyPaid.id);
    expect(service.calls('GET /api/v1/firms/demo/branding')).to.have.length(1);
    expect(text(part(invoice, 'firm'))).to.equal(branding.name);
  });
});
