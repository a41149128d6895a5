import { expect, waitUntil } from '@open-wc/testing';
import type { FirmInvoiceDetail } from '../../components/console/api/invoices-api.ts';
import type { FirmPlan } from '../../components/console/api/plans-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import type { PortalConsoleInvoices } from '../../components/console/invoices/invoices.ts';
import '../../components/console/invoices/define.ts';
import { $, confirmOpened, contacts, mountScreen, part, staffSignedInService, text } from './console-fixtures.ts';
import { json, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

const invoice: FirmInvoiceDetail = {
  id: 'inv_1',
  number: 'INV-1001',
  matter: null,
  contactId: 'con_alex',
  issuedOn: '2026-11-01',
  dueOn: '2026-12-01',
  currency: 'USD',
  depositAccount: 'operating',
  status: 'partially_paid',
  total: 90_000,
  amountPaid: 30_000,
  amountPending: 0,
  balance: 60_000,
  openBalance: 60_000,
  externalId: null,
  subtotal: 90_000,
  discount: 0,
  tax: 0,
  notes: null,
  lines: [{ id: 'line_1', kind: 'flat_fee', date: null, description: 'Retainer', quantity: null, rate: null, amount: 90_000 }],
  payments: [],
  sentAt: '2026-11-01T10:00:00.000Z',
  voidedAt: null,
  state: 'sent',
  createdAt: '2026-10-30T09:00:00.000Z',
  voidReason: null,
};

const plan: FirmPlan = {
  id: 'plan_1',
  invoiceId: 'inv_1',
  invoiceNumber: 'INV-1001',
  contactId: 'con_alex',
  status: 'active',
  amount: 90_000,
  currency: 'USD',
  method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' },
  authorization: { id: 'auth_1', version: 'plan-2026-12', text: 'I authorize…', acceptedAt: '2026-11-02T10:00:00.000Z', revokedAt: null },
  nextCharge: { on: '2027-01-02', amount: 30_000 },
  instalments: [
    { id: 'pin_1', seq: 1, dueOn: '2026-12-02', attemptOn: '2026-12-02', amount: 30_000, status: 'paid', attempts: 1, paymentId: 'pay_1', lastError: null },
    { id: 'pin_2', seq: 2, dueOn: '2027-01-02', attemptOn: '2027-01-02', amount: 30_000, status: 'scheduled', attempts: 0, paymentId: null, lastError: null },
    { id: 'pin_3', seq: 3, dueOn: '2027-02-02', attemptOn: '2027-02-02', amount: 30_000, status: 'scheduled', attempts: 0, paymentId: null, lastError: null },
  ],
  createdAt: '2026-11-02T10:00:00.000Z',
  endedAt: null,
  endedReason: null,
};

function service(role: StaffRole = 'admin'): FakeService {
  return staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: contacts, nextCursor: null }))
    .on('GET /api/v1/admin/invoices', () => json(200, { data: [], nextCursor: null }))
    .on('GET /api/v1/admin/invoices/inv_1', () => json(200, invoice))
    .on('GET /api/v1/admin/plans', () => json(200, { data: [plan] }));
}

async function open(fake: FakeService, role: StaffRole = 'admin', lang = 'en'): Promise<PortalConsoleInvoices> {
  const element = await mountScreen('portal-console-invoices', fake, { itemId: 'inv_1', role, lang });
  await waitUntil(() => part(element, 'plan'), 'the plan did not show');
  return element;
}

describe('<portal-console-invoices>: payment plans', () => {
  it('shows the invoice’s plan with its instalments, accessibly', async () => {
    const fake = service();
    const element = await open(fake);
    expect(fake.calls('GET /api/v1/admin/plans')[0]!.url.search).to.equal('?invoiceId=inv_1');
    expect(text(part(element, 'plan')!.querySelector('p'))).to.include('3 instalments');
    const rows = [...part(element, 'plan-instalments')!.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map(text));
    expect(rows.map((row) => row[1])).to.deep.equal(['Paid', 'Scheduled', 'Scheduled']);
    await expect(element).to.be.accessible();
  });

  it('cancels a plan after a confirmation', async () => {
    const fake = service().on('POST /api/v1/admin/plans/plan_1/cancel', () => {
      const cancelled = { ...plan, status: 'cancelled' as const, nextCharge: null };
      fake.on('GET /api/v1/admin/plans', () => json(200, { data: [cancelled] }));
      return json(200, cancelled);
    });
    const element = await open(fake);
    part(element, 'plan-cancel-button')!.click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-title'))).to.equal('Cancel the payment plan for invoice INV-1001?');
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'The payment plan for invoice INV-1001 was cancelled.');
    expect(fake.calls('POST /api/v1/admin/plans/plan_1/cancel')).to.have.length(1);
    await waitUntil(() => !part(element, 'plan-cancel-button'));
  });

  it('offers no cancel to a staff member who cannot bill', async () => {
    const element = await open(service('staff'), 'staff');
    expect(part(element, 'plan-cancel-button')).to.equal(null);
  });

  it('speaks Spanish', async () => {
    const element = await open(service(), 'admin', 'es');
    await waitUntil(() => text(part(element, 'plan')!.querySelector('p')).includes('cuotas'), 'the plan did not switch to Spanish');
  });
});
