import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type Plan, type PlanPreview, type PortalInvoicePlan } from '../../components/index.ts';
import '../../components/invoice/define.ts';
import { branding, json, problem, type FakeService } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { describe, it } from './mocha.ts';
import { partlyPaid, signedInService } from './portal-fixtures.ts';

const invoice = { ...partlyPaid, openBalance: 90_470 };
const options = { enabled: true, maxInstalments: 6, minInstalment: 5_000, earliest: '2026-12-05', latest: '2027-06-05' };
const card = { id: 'spm_1', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, createdAt: '2026-11-01T00:00:00.000Z', isDefault: true };

const preview: PlanPreview = {
  amount: 90_470,
  currency: 'USD',
  method: { type: 'card', brand: 'visa', last4: '4242' },
  instalments: [
    { dueOn: '2026-12-05', amount: 30_157 },
    { dueOn: '2027-01-05', amount: 30_157 },
    { dueOn: '2027-02-05', amount: 30_156 },
  ],
  authorization: {
    version: 'plan-2026-12',
    text: 'By selecting Confirm plan, I authorize Hale & Whitmore LLP to charge my Visa ending in 4242 in 3 recurring payments.',
  },
};

const activePlan: Plan = {
  id: 'plan_1',
  invoiceId: invoice.id,
  invoiceNumber: invoice.number,
  contactId: 'con_1',
  status: 'active',
  amount: 90_470,
  currency: 'USD',
  method: { type: 'card', brand: 'visa', last4: '4242' },
  authorization: { id: 'auth_1', version: 'plan-2026-12', text: preview.authorization.text, acceptedAt: '2026-12-05T10:00:00.000Z', revokedAt: null },
  nextCharge: { on: '2027-01-05', amount: 30_157 },
  instalments: [
    { id: 'pin_1', seq: 1, dueOn: '2026-12-05', attemptOn: '2026-12-05', amount: 30_157, status: 'paid', attempts: 1, paymentId: 'pay_1', lastError: null },
    { id: 'pin_2', seq: 2, dueOn: '2027-01-05', attemptOn: '2027-01-05', amount: 30_157, status: 'scheduled', attempts: 0, paymentId: null, lastError: null },
    {
      id: 'pin_3',
      seq: 3,
      dueOn: '2027-02-05',
      attemptOn: '2027-02-08',
      amount: 30_156,
      status: 'scheduled',
      attempts: 1,
      paymentId: null,
      lastError: 'Your card was declined.',
    },
  ],
  createdAt: '2026-12-05T10:00:00.000Z',
  endedAt: null,
  endedReason: null,
};

function serviceWith(plans: Plan[]): FakeService {
  return signedInService()
    .on('GET /api/v1/plans', () => json(200, { data: plans }))
    .on('GET /api/v1/plans/options', () => json(200, options))
    .on('GET /api/v1/payment-methods', () => json(200, { data: [card] }))
    .on('POST /api/v1/plans/preview', () => json(200, preview));
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

async function planFor(service: FakeService, width = '40rem', lang = 'en'): Promise<PortalInvoicePlan> {
  const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}" lang=${lang}><portal-invoice-plan .invoice=${invoice} .client=${client}></portal-invoice-plan></div>`,
  );
  const element = wrapper.querySelector('portal-invoice-plan')!;
  await waitUntil(() => part(element, 'base') || part(element, 'error'), 'the plan did not load');
  return element;
}

describe('<portal-invoice-plan>', () => {
  it('offers "Pay over time" and is accessible, on a desktop and a phone', async () => {
    const element = await planFor(serviceWith([]));
    expect(text(part(element, 'start-button'))).to.equal('Pay over time');
    await expect(element).to.be.accessible();
    const phone = await planFor(serviceWith([]), '375px');
    part(phone, 'start-button')!.click();
    await waitUntil(() => part(phone, 'form')?.querySelector('#plan-method option'), 'the form did not open');
    await expect(phone).to.be.accessible();
    expect(overflowing(phone)).to.deep.equal([]);
  });

  it('walks through count, dates, method, the authorization and confirm, by keyboard', async () => {
    const service = serviceWith([]);
    let created: unknown;
    service.on('POST /api/v1/plans', (request) => {
      created = request.body;
      service.on('GET /api/v1/plans', () => json(200, { data: [activePlan] }));
      return json(201, activePlan);
    });
    const element = await planFor(service);
    part(element, 'start-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#plan-method option'), 'the form did not open');
    expect(element.shadowRoot!.activeElement?.id).to.equal('plan-count', 'focus moves into the form');
    const dates = [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="date"]')].map((input) => input.value);
    expect(dates).to.deep.equal(['2026-12-05', '2027-01-05', '2027-02-05'], 'monthly dates suggested from the earliest');

    part<HTMLFormElement>(element, 'form')!.requestSubmit();
    await waitUntil(() => part(element, 'authorization'), 'the review did not show');
    expect(service.calls('POST /api/v1/plans/preview')[0]!.body).to.deep.equal({
      invoiceId: invoice.id,
      dates: ['2026-12-05', '2027-01-05', '2027-02-05'],
      paymentMethod: { savedId: 'spm_1' },
    });
    expect(text(part(element, 'authorization'))).to.include('charge my Visa ending in 4242');
    const confirm = part<HTMLButtonElement>(element, 'confirm-button')!;
    expect(confirm.getAttribute('aria-disabled')).to.equal('true', 'not before the authorization is accepted');
    confirm.click();
    expect(service.calls('POST /api/v1/plans')).to.have.length(0);
    const accept = element.shadowRoot!.querySelector<HTMLInputElement>('.accept input')!;
    accept.click();
    await element.updateComplete;
    const event = oneEvent(element, 'portal-plan-created');
    part<HTMLButtonElement>(element, 'confirm-button')!.click();
    expect((await event).detail).to.deep.equal({ planId: 'plan_1', invoiceId: invoice.id });
    expect(created).to.deep.equal({
      invoiceId: invoice.id,
      dates: ['2026-12-05', '2027-01-05', '2027-02-05'],
      paymentMethod: { savedId: 'spm_1' },
      authorization: { accepted: true, version: 'plan-2026-12' },
    });
    await waitUntil(() => part(element, 'instalments'), 'the plan did not show');
  });

  it('shows the plan: next charge, each instalment with its status, and cancels it', async () => {
    const service = serviceWith([activePlan]);
    service.on('POST /api/v1/plans/plan_1/cancel', () => {
      const cancelled = { ...activePlan, status: 'cancelled' as const, nextCharge: null };
      service.on('GET /api/v1/plans', () => json(200, { data: [cancelled] }));
      return json(200, cancelled);
    });
    const element = await planFor(service);
    expect(text(part(element, 'next-charge'))).to.equal('Next charge: $301.57 on Jan 5, 2027');
    const rows = [...part(element, 'instalments')!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));
    expect(rows).to.deep.equal([
      ['1', 'Dec 5, 2026', 'Paid', '$301.57'],
      ['2', 'Jan 5, 2027', 'Scheduled', '$301.57'],
      ['3', 'Feb 8, 2027', 'Retrying', '$301.56'],
    ]);
    expect(part(element, 'start-button')).to.equal(null, 'no second plan while one is active');
    await expect(element).to.be.accessible();

    part(element, 'cancel-button')!.click();
    await waitUntil(() => part(element, 'cancel-confirm-button'));
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'cancel-confirm-button'));
    const event = oneEvent(element, 'portal-plan-cancelled');
    part(element, 'cancel-confirm-button')!.click();
    expect((await event).detail.planId).to.equal('plan_1');
    expect(service.calls('POST /api/v1/plans/plan_1/cancel')).to.have.length(1);
    await waitUntil(() => text(part(element, 'base')).includes('Cancelled'));
  });

  it('says why a proposal was refused', async () => {
    const service = serviceWith([]).on('POST /api/v1/plans/preview', () =>
      problem(422, 'plan_date_too_late', 'The last instalment must be on or before 2027-06-05.'),
    );
    const element = await planFor(service);
    part(element, 'start-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#plan-method option'));
    part<HTMLFormElement>(element, 'form')!.requestSubmit();
    await waitUntil(() => part(element, 'error'), 'no error shown');
    expect(part(element, 'error')!.getAttribute('role')).to.equal('alert');
  });

  it('speaks Spanish', async () => {
    const element = await planFor(serviceWith([activePlan]), '40rem', 'es');
    // Spanish is fetched on demand: English shows until it has arrived.
    await waitUntil(() => text(part(element, 'next-charge')).startsWith('Próximo cargo'), 'the plan did not switch to Spanish');
    expect(text(part(element, 'next-charge'))).to.match(/^Próximo cargo: .+ el 5 ene 2027$/);
    expect(text(part(element, 'cancel-button'))).to.equal('Cancelar el plan');
  });

  it('takes its colours from the theme tokens', async () => {
    const element = await planFor(serviceWith([activePlan]));
    element.style.setProperty('--portal-invoice-plan-background', 'rgb(250, 240, 230)');
    expect(getComputedStyle(part(element, 'base')!).backgroundColor).to.equal('rgb(250, 240, 230)');
  });

  it('appears in <portal-invoice> only when the firm offers plans', async () => {
    const service = serviceWith([]).on(`GET /api/v1/invoices/${invoice.id}`, () => json(200, invoice));
    service.on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, plans: { ...branding.plans, enabled: true } }));
    const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    const wrapper = await fixture<HTMLDivElement>(html`<div><portal-invoice invoice-id=${invoice.id} .client=${client}></portal-invoice></div>`);
    const host = wrapper.querySelector('portal-invoice')!;
    await waitUntil(() => host.shadowRoot!.querySelector('portal-invoice-plan'), 'the plan panel is shown when the firm offers plans');
    const plain = signedInService().on(`GET /api/v1/invoices/${invoice.id}`, () => json(200, invoice));
    const other = await fixture<HTMLDivElement>(
      html`<div><portal-invoice invoice-id=${invoice.id} .client=${new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: plain.fetch })}></portal-invoice></div>`,
    );
    const second = other.querySelector('portal-invoice')!;
    await waitUntil(() => part(second, 'base'));
    expect(second.shadowRoot!.querySelector('portal-invoice-plan')).to.equal(null);
    expect(plain.calls('GET /api/v1/plans')).to.have.length(0);
  });
});
