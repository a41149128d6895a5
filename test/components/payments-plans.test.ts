import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ApiClient, brandingContext, type Plan, type PortalPayments } from '../../components/index.ts';
import '../../components/payments/define.ts';
import { branding, json } from './fake-service.ts';
import { autopayEnrolment } from './autopay-fixtures.ts';
import { describe, it } from './mocha.ts';
import { payment, signedInService } from './portal-fixtures.ts';

const plan = {
  id: 'plan_1',
  invoiceId: 'inv_a',
  invoiceNumber: 'INV-1001',
  contactId: 'con_1',
  status: 'active',
  amount: 150_000,
  currency: 'USD',
  method: { type: 'card', brand: 'visa', last4: '4242' },
  authorization: { id: 'auth_1', version: 'plan-2026-12', text: '…', acceptedAt: '2026-12-01T00:00:00.000Z', revokedAt: null },
  nextCharge: { on: '2027-01-05', amount: 50_000 },
  instalments: [
    { id: 'pin_1', seq: 1, dueOn: '2026-12-05', attemptOn: '2026-12-05', amount: 50_001, status: 'paid', attempts: 1, paymentId: 'pay_1', lastError: null },
    { id: 'pin_2', seq: 2, dueOn: '2027-01-05', attemptOn: '2027-01-05', amount: 50_000, status: 'scheduled', attempts: 0, paymentId: null, lastError: null },
  ],
  createdAt: '2026-12-01T00:00:00.000Z',
  endedAt: null,
  endedReason: null,
} satisfies Plan;

describe('<portal-payments>: payment plans and autopay', () => {
  it('marks a payment that was a plan’s instalment', async () => {
    const service = signedInService()
      .on('GET /api/v1/payments', () => json(200, { data: [payment(1), payment(2)], nextCursor: null }))
      .on('GET /api/v1/plans', () => json(200, { data: [plan] }));
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 60rem"></div>`);
    new ContextProvider(wrapper, { context: brandingContext, initialValue: { ...branding, plans: { ...branding.plans, enabled: true } } });
    const element = document.createElement('portal-payments') as PortalPayments;
    element.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    wrapper.append(element);
    await waitUntil(() => element.shadowRoot?.querySelector('[part~="plan-instalment"]'), 'no payment is marked');
    const marks = [...element.shadowRoot!.querySelectorAll('[part~="plan-instalment"]')].map((mark) => mark.textContent!.trim());
    expect(marks).to.deep.equal(['Plan instalment 1 of 2']);
    expect(element.shadowRoot!.querySelector('[data-index="0"] [part~="plan-instalment"]')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('marks a payment that autopay made, asking only when the firm offers autopay', async () => {
    const charge = autopayEnrolment().charges[0]!;
    const service = signedInService()
      .on('GET /api/v1/payments', () => json(200, { data: [payment(1), payment(2)], nextCursor: null }))
      .on('GET /api/v1/autopay', () => json(200, { data: [autopayEnrolment({ charges: [{ ...charge, status: 'paid', attempts: 1, paymentId: 'pay_2' }] })] }));
    const mount = async (autopay: boolean) => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 60rem"></div>`);
      new ContextProvider(wrapper, { context: brandingContext, initialValue: { ...branding, autopay: { enabled: autopay } } });
      const element = document.createElement('portal-payments') as PortalPayments;
      element.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
      wrapper.append(element);
      await waitUntil(() => element.shadowRoot?.querySelectorAll('[part~="row"]').length === 2, 'the payments did not load');
      return element;
    };
    const element = await mount(true);
    await waitUntil(() => element.shadowRoot!.querySelector('[part~="autopay-charge"]'), 'no payment is marked');
    const marked = [...element.shadowRoot!.querySelectorAll('[part~="row"]')].map((row) => row.querySelector('[part~="autopay-charge"]')?.textContent?.trim());
    expect(marked).to.deep.equal([undefined, 'Autopay']);
    await expect(element).to.be.accessible();

    const calls = service.calls('GET /api/v1/autopay').length;
    const without = await mount(false);
    expect(without.shadowRoot!.querySelector('[part~="autopay-charge"]')).to.equal(null);
    expect(service.calls('GET /api/v1/autopay')).to.have.length(calls);
  });
});
