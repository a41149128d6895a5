import { ContextProvider } from '@lit/context';
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { ApiClient, brandingContext, type Plan, type PortalHome } from '../../components/index.ts';
import '../../components/home/define.ts';
import { branding, json, type FakeService } from './fake-service.ts';
import { busyHome } from './home-fixtures.ts';
import { describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';

const plan = (invoiceNumber: string, on: string, amount: number, status: Plan['status'] = 'active'): Plan => ({
  id: `plan_${invoiceNumber}`,
  invoiceId: `inv_${invoiceNumber}`,
  invoiceNumber,
  contactId: 'con_1',
  status,
  amount: amount * 3,
  currency: 'USD',
  method: { type: 'card', brand: 'visa', last4: '4242' },
  authorization: { id: 'auth_1', version: 'plan-2026-12', text: '…', acceptedAt: '2026-12-01T00:00:00.000Z', revokedAt: null },
  nextCharge: status === 'active' ? { on, amount } : null,
  instalments: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  endedAt: null,
  endedReason: null,
});

async function homeWith(service: FakeService, plansEnabled: boolean, lang = 'en'): Promise<PortalHome> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  new ContextProvider(wrapper, { context: brandingContext, initialValue: { ...branding, plans: { ...branding.plans, enabled: plansEnabled } } });
  const home = document.createElement('portal-home');
  home.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  wrapper.append(home);
  await waitUntil(() => home.shadowRoot?.querySelector('[part~="base"]'), 'home did not load');
  return home;
}

const nextCharge = (home: PortalHome) => home.shadowRoot!.querySelector('[part~="next-plan-charge"]');

describe('<portal-home>: payment plans', () => {
  it('shows the soonest charge of the client’s active plans on the balance card', async () => {
    const service = signedInService()
      .on('GET /api/v1/home', () => json(200, busyHome()))
      .on('GET /api/v1/plans', () =>
        json(200, {
          data: [plan('INV-1002', '2027-02-01', 20_000), plan('INV-1003', '2027-01-05', 30_157), plan('INV-1001', '2026-12-20', 5_000, 'cancelled')],
        }),
      );
    const home = await homeWith(service, true);
    await waitUntil(() => nextCharge(home), 'no next charge shown');
    expect(nextCharge(home)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Next plan charge: $301.57 on Jan 5, 2027 (invoice INV-1003)');
    await expect(home).to.be.accessible();
  });

  it('asks nothing about plans when the firm does not offer them', async () => {
    const service = signedInService().on('GET /api/v1/home', () => json(200, busyHome()));
    const home = await homeWith(service, false);
    expect(nextCharge(home)).to.equal(null);
    expect(service.calls('GET /api/v1/plans')).to.have.length(0);
  });
});
