// Sample invoices, activities and payments shaped like the token service's answers, and a fake
// service for a signed-in client that serves them.
import type { Activity, ActivityGroups, ActivityTask, InvoiceDetail, InvoiceSummary, Payment } from '../../components/index.ts';
import { type FakeService, json, signIn, signedInBefore, signedOutService, type RecordedRequest } from './fake-service.ts';

/** A fake service whose client is signed in (the first bearer call resumes from the refresh cookie). */
export function signedInService(): FakeService {
  signedInBefore.remember(true);
  return signedOutService().on('POST /api/v1/auth/refresh', () => json(200, signIn()));
}

const day = (offset: number): string => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** The nth invoice of a long history: newest first, a mix of statuses. */
export function invoiceSummary(n: number, overrides: Partial<InvoiceSummary> = {}): InvoiceSummary {
  const statuses = ['open', 'paid', 'partially_paid', 'overdue', 'paid', 'void'] as const;
  const status = statuses[n % statuses.length]!;
  const total = 10_000 + ((n * 7919) % 500_000);
  const paid = status === 'paid' ? total : status === 'partially_paid' ? Math.floor(total / 2) : 0;
  const balance = status === 'void' ? 0 : total - paid;
  return {
    id: `inv_${String(n).padStart(5, '0')}`,
    number: `INV-${10_000 + n}`,
    matter: n % 4 === 0 ? null : `Matter ${n % 7}`,
    contactId: 'con_1',
    issuedOn: day(-n),
    dueOn: day(-n + 30),
    currency: 'USD',
    depositAccount: n % 9 === 0 ? 'trust' : 'operating',
    status,
    total,
    amountPaid: paid,
    amountPending: 0,
    balance,
    openBalance: balance,
    ...overrides,
  };
}

export function invoiceList(count: number): InvoiceSummary[] {
  return Array.from({ length: count }, (_, n) => invoiceSummary(n));
}

export const retainer: InvoiceDetail = {
  id: 'inv_trust',
  number: 'INV-1005',
  matter: 'Morgan v. Castellan Property Group (2025-0412)',
  contactId: 'con_1',
  issuedOn: '2026-11-23',
  dueOn: '2026-12-07',
  currency: 'USD',
  depositAccount: 'trust',
  status: 'open',
  total: 500_000,
  amountPaid: 0,
  amountPending: 0,
  balance: 500_000,
  openBalance: 500_000,
  subtotal: 500_000,
  discount: 0,
  tax: 0,
  notes: 'Funds are held in our client trust account.',
  lines: [{ id: 'line_1', kind: 'flat_fee', date: null, description: 'Retainer deposit: trial preparation', quantity: null, rate: null, amount: 500_000 }],
  payments: [],
  sentAt: '2026-11-23T17:00:00.000Z',
  voidedAt: null,
};

export const partlyPaid: InvoiceDetail = {
  id: 'inv_partly',
  number: 'INV-1003',
  matter: 'Estate of Eleanor Morgan (2025-0388)',
  contactId: 'con_1',
  issuedOn: '2026-11-05',
  dueOn: '2026-12-05',
  currency: 'USD',
  depositAccount: 'operating',
  status: 'partially_paid',
  total: 160_470,
  amountPaid: 50_000,
  amountPending: 20_000,
  balance: 110_470,
  openBalance: 90_470,
  subtotal: 162_000,
  discount: -16_200,
  tax: 14_670,
  notes: null,
  lines: [
    { id: 'line_1', kind: 'time', date: '2026-10-20', description: 'Meet with client re: petition for probate', quantity: 1.2, rate: 45_000, amount: 54_000 },
    { id: 'line_2', kind: 'time', date: '2026-10-24', description: 'Prepare Petition for Probate (DE-111)', quantity: 3, rate: 15_000, amount: 45_000 },
    { id: 'line_3', kind: 'expense', date: '2026-10-25', description: 'Filing fee', quantity: null, rate: null, amount: 63_000 },
    { id: 'line_4', kind: 'discount', date: null, description: 'Courtesy discount 10%', quantity: null, rate: null, amount: -16_200 },
    { id: 'line_5', kind: 'tax', date: null, description: 'Sales tax 10%', quantity: null, rate: null, amount: 14_670 },
  ],
  payments: [
    {
      paymentId: 'pay_1',
      receiptNumber: 'R-100002',
      date: '2026-11-11T17:00:00.000Z',
      amount: 50_000,
      status: 'succeeded',
      method: { type: 'check', brand: null, last4: null },
    },
    {
      paymentId: 'pay_2',
      receiptNumber: 'R-100003',
      date: '2026-11-20T17:00:00.000Z',
      amount: 20_000,
      status: 'processing',
      method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    },
  ],
  sentAt: '2026-11-05T17:00:00.000Z',
  voidedAt: null,
};

/** What GET /api/v1/invoices/outstanding answers for `all`, as the service sums it. */
export function outstandingOf(all: InvoiceSummary[]) {
  const unpaid = all.filter((invoice) => ['open', 'partially_paid', 'overdue'].includes(invoice.status));
  const owed = unpaid.filter((invoice) => invoice.openBalance > 0);
  const pending = unpaid.filter((invoice) => invoice.amountPending > 0);
  const oneCurrency = (invoices: InvoiceSummary[]) => (new Set(invoices.map((invoice) => invoice.currency)).size === 1 ? invoices[0]!.currency : null);
  const currency = owed.length ? oneCurrency(owed) : oneCurrency(pending);
  const processing =
    pending.length === 0 ? 0 : currency && oneCurrency(pending) === currency ? pending.reduce((sum, invoice) => sum + invoice.amountPending, 0) : null;
  return {
    invoiceIds: owed.map((invoice) => invoice.id),
    amount: oneCurrency(owed) ? owed.reduce((sum, invoice) => sum + invoice.openBalance, 0) : null,
    currency,
    processing,
  };
}

/**
 * Answers GET /api/v1/invoices from `all`, honouring status, limit and cursor (an index), and
 * GET /api/v1/invoices/outstanding.
 */
export function serveInvoices(service: FakeService, all: InvoiceSummary[]): FakeService {
  service.on('GET /api/v1/invoices/outstanding', () => json(200, outstandingOf(all)));
  return service.on('GET /api/v1/invoices', (request: RecordedRequest) => {
    const params = request.url.searchParams;
    const wanted = (params.get('status') ?? 'all').split(',');
    const matches = (invoice: InvoiceSummary) =>
      wanted.includes('all') ||
      wanted.includes(invoice.status) ||
      (wanted.includes('unpaid') && ['open', 'partially_paid', 'overdue'].includes(invoice.status));
    const list = all.filter(matches);
    const start = Number(params.get('cursor') ?? 0);
    const limit = Number(params.get('limit') ?? 50);
    const data = list.slice(start, start + limit);
    return json(200, { data, nextCursor: start + limit < list.length ? String(start + limit) : null });
  });
}

const localDate = (offset: number): string => {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
};

export function overdueTask(): ActivityTask {
  return {
    id: 'act_overdue',
    kind: 'task',
    title: 'Send the signed engagement letter',
    notes: 'Sign page 3.',
    dueOn: localDate(-2),
    completedAt: null,
    status: 'overdue',
  };
}

export function upcomingTask(): ActivityTask {
  return { id: 'act_upcoming', kind: 'task', title: 'Upload bank statements', notes: null, dueOn: localDate(1), completedAt: null, status: 'upcoming' };
}

export function activityGroups(): ActivityGroups {
  const hearing: Activity = {
    id: 'act_hearing',
    kind: 'event',
    title: 'Case management conference',
    notes: 'Arrive 15 minutes early.',
    startsAt: '2030-03-05T17:00:00.000Z',
    endsAt: '2030-03-05T18:30:00.000Z',
    allDay: false,
    location: 'Superior Court, Dept. 14',
    status: 'upcoming',
  };
  const deadline: Activity = {
    id: 'act_deadline',
    kind: 'event',
    title: 'Discovery cut-off',
    notes: null,
    startsAt: '2030-04-01',
    endsAt: '2030-04-02',
    allDay: true,
    location: null,
    status: 'upcoming',
  };
  const done: Activity = {
    id: 'act_done',
    kind: 'task',
    title: 'Complete the intake questionnaire',
    notes: null,
    dueOn: localDate(-20),
    completedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    status: 'done',
  };
  return { overdue: [overdueTask()], upcoming: [upcomingTask(), hearing, deadline], done: [done] };
}

export function payment(n: number, overrides: Partial<Payment> = {}): Payment {
  return {
    id: `pay_${n}`,
    status: 'succeeded',
    amount: 50_000 + n,
    currency: 'USD',
    method: { type: 'card', brand: 'visa', last4: '4242' },
    source: 'portal',
    reference: null,
    receiptNumber: `R-${100_000 + n}`,
    allocations: [{ invoiceId: `inv_${n}`, invoiceNumber: `INV-${1000 + n}`, amount: 50_000 + n, depositAccount: 'operating' }],
    failure: null,
    amountRefunded: 0,
    refunds: [],
    checkoutId: null,
    createdAt: new Date(Date.UTC(2026, 10, 20) - n * 86_400_000).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 10, 20) - n * 86_400_000).toISOString(),
    ...overrides,
  };
}
