import { addDays } from '../calendar.ts';
import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import { priceLines, type LineInput } from '../invoices/index.ts';
import type { Services } from '../services.ts';

const partner = 45_000;
const associate = 29_500;
const paralegal = 15_000;

interface DemoInvoice {
  matter: string;
  issuedDaysAgo: number;
  termsDays: number;
  depositAccount?: 'operating' | 'trust';
  state: 'draft' | 'sent';
  notes?: string;
  lines: (today: string, issued: string) => LineInput[];
  /** Payments already made: days after issue, share of the total or an amount, how. */
  payments?: { daysAfterIssue: number; amount: number | 'all'; method: { type: 'card' | 'check'; brand?: string; last4?: string; reference?: string } }[];
}

const time = (date: string, description: string, hours: number, rate: number): LineInput => ({ kind: 'time', date, description, quantity: hours, rate });

const alexInvoices: DemoInvoice[] = [
  {
    matter: 'Morgan v. Castellan Property Group (2025-0412)',
    issuedDaysAgo: 75,
    termsDays: 30,
    state: 'sent',
    lines: (_t, d) => [
      time(addDays(d, -28), 'Initial consultation; review lease, notices and correspondence with landlord', 1.5, partner),
      time(addDays(d, -25), 'Legal research: constructive eviction and habitability claims under California law', 3.2, associate),
      time(addDays(d, -21), 'Draft demand letter to Castellan Property Group', 2.4, associate),
      time(addDays(d, -20), 'Revise and finalize demand letter', 0.8, partner),
      { kind: 'expense', date: addDays(d, -19), description: 'Certified mail and courier', amount: 4_860 },
    ],
    payments: [{ daysAfterIssue: 25, amount: 'all', method: { type: 'card', brand: 'visa', last4: '4242' } }],
  },
  {
    matter: 'Morgan v. Castellan Property Group (2025-0412)',
    issuedDaysAgo: 45,
    termsDays: 30,
    state: 'sent',
    lines: (_t, d) => [
      time(addDays(d, -27), 'Draft complaint for breach of warranty of habitability and constructive eviction', 5.5, associate),
      time(addDays(d, -24), 'Review and revise complaint; strategy call with client', 1.7, partner),
      time(addDays(d, -22), 'Prepare summons, civil case cover sheet and exhibits', 2.0, paralegal),
      { kind: 'expense', date: addDays(d, -21), description: 'Superior Court filing fee', amount: 43_500 },
      { kind: 'expense', date: addDays(d, -18), description: 'Process server: service on defendant', amount: 12_500 },
    ],
  },
  {
    matter: 'Estate of Eleanor Morgan (2025-0388)',
    issuedDaysAgo: 20,
    termsDays: 30,
    state: 'sent',
    lines: (_t, d) => [
      time(addDays(d, -19), 'Meet with client re: petition for probate; review will and codicil', 1.2, partner),
      time(addDays(d, -15), 'Prepare Petition for Probate (DE-111) and notice of petition', 3.0, paralegal),
      time(addDays(d, -12), 'Inventory and appraisal: correspondence with probate referee', 1.4, associate),
      { kind: 'expense', date: addDays(d, -10), description: 'Publication of notice of petition', amount: 38_000 },
      { kind: 'discount', description: 'Courtesy discount (family matter)', percent: 10 },
    ],
    payments: [{ daysAfterIssue: 6, amount: 50_000, method: { type: 'check', reference: 'Check #1187' } }],
  },
  {
    matter: 'Morgan v. Castellan Property Group (2025-0412)',
    issuedDaysAgo: 4,
    termsDays: 30,
    state: 'sent',
    lines: (_t, d) => [
      time(addDays(d, -26), 'Draft and serve first set of special interrogatories and requests for production', 4.1, associate),
      time(addDays(d, -19), 'Meet and confer with opposing counsel regarding discovery responses', 0.9, partner),
      time(addDays(d, -14), 'Review defendant’s document production (1,240 pages); prepare privilege log summary', 6.3, paralegal),
      time(addDays(d, -9), 'Prepare deposition outline for Dr. Sarah Castellan', 3.6, associate),
      { kind: 'expense', date: addDays(d, -8), description: 'Court reporter deposit', amount: 75_000 },
    ],
  },
  {
    matter: 'Morgan v. Castellan Property Group (2025-0412)',
    issuedDaysAgo: 2,
    termsDays: 14,
    depositAccount: 'trust',
    state: 'sent',
    notes:
      'Funds are held in our client trust account and applied to fees and costs as they are incurred. Any unused balance is refunded at the end of the matter.',
    lines: () => [{ kind: 'flat_fee', description: 'Retainer deposit: trial preparation and expert witness fees', amount: 500_000 }],
  },
  {
    matter: 'Estate of Eleanor Morgan (2025-0388)',
    issuedDaysAgo: 0,
    termsDays: 30,
    state: 'draft',
    lines: (t) => [time(t, 'Prepare first account and report of administrator', 2.5, associate)],
  },
];

const jordanInvoices: DemoInvoice[] = [
  {
    matter: 'Lee Holdings LLC — formation (2025-0450)',
    issuedDaysAgo: 38,
    termsDays: 15,
    state: 'sent',
    lines: (_t, d) => [
      { kind: 'flat_fee', date: addDays(d, -6), description: 'LLC formation package: articles of organization, operating agreement, EIN', amount: 180_000 },
      { kind: 'expense', date: addDays(d, -6), description: 'Secretary of State filing fee', amount: 7_000 },
    ],
    payments: [{ daysAfterIssue: 3, amount: 'all', method: { type: 'card', brand: 'mastercard', last4: '4444' } }],
  },
  {
    matter: 'Lee Holdings LLC — commercial lease review (2025-0467)',
    issuedDaysAgo: 8,
    termsDays: 30,
    state: 'sent',
    lines: (_t, d) => [
      time(addDays(d, -7), 'Review 18-page commercial lease for 1200 Harrison St; issues list', 2.8, associate),
      time(addDays(d, -5), 'Call with client and landlord’s counsel re: tenant improvement allowance', 0.7, partner),
    ],
  },
];

/** Writes the demo clients' invoice and payment history, dated around `today`. */
export async function seedDemoInvoices(services: Services, firm: Firm, clients: { alex: Contact; jordan: Contact }, today: string): Promise<void> {
  const { invoices, payments } = services.repositories;
  for (const [contact, list] of [
    [clients.alex, alexInvoices],
    [clients.jordan, jordanInvoices],
  ] as const) {
    for (const invoice of list) {
      const issuedOn = addDays(today, -invoice.issuedDaysAgo);
      const priced = priceLines(invoice.lines(today, issuedOn));
      if ('error' in priced) throw new Error(`demo invoice line ${priced.index}: ${priced.error}`);
      const at = (date: string) => `${date}T17:00:00.000Z`;
      const id = await invoices.create(
        {
          firmId: firm.id,
          contactId: contact.id,
          number: null,
          matter: invoice.matter,
          issuedOn,
          dueOn: addDays(issuedOn, invoice.termsDays),
          currency: firm.currency,
          depositAccount: invoice.depositAccount ?? 'operating',
          notes: invoice.notes ?? null,
          priced,
        },
        at(issuedOn),
      );
      if (invoice.state === 'sent') await invoices.markSent(id, at(issuedOn));
      const { number } = (await invoices.find(firm.id, id, today))!.detail;
      for (const payment of invoice.payments ?? []) {
        const amount = payment.amount === 'all' ? priced.total : payment.amount;
        await payments.record(
          {
            firmId: firm.id,
            contactId: contact.id,
            amount,
            currency: firm.currency,
            method: { type: payment.method.type, brand: payment.method.brand ?? null, last4: payment.method.last4 ?? null },
            source: payment.method.type === 'card' ? 'portal' : 'firm',
            reference: payment.method.reference ?? null,
            allocations: [{ invoiceId: id, invoiceNumber: number, amount, depositAccount: invoice.depositAccount ?? 'operating' }],
            status: 'succeeded',
          },
          at(addDays(issuedOn, payment.daysAfterIssue)),
        );
      }
    }
  }
}
