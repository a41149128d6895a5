// Invoices, tasks, events and payments for the stories' mocked service, in the shapes the token
// service answers with. Dates are relative to today so the stories always look current.
import type { Activity, ActivityGroups, InvoiceDetail, InvoiceLine, InvoiceStatus, InvoiceSummary, Payment } from '../components/index.ts';

/** How a section's calls end: real-looking data, nothing yet, a failure, or no answer at all. */
export type SectionAnswer = 'full' | 'empty' | 'error' | 'offline' | 'never';

export interface PortalDataOptions {
  invoices?: SectionAnswer | 'many';
  activities?: SectionAnswer;
  /** `hidden`: the firm does not show payment history (403 `payments_hidden`); `refunds`: payments the firm refunded. */
  payments?: SectionAnswer | 'hidden' | 'refunds';
}

type Answer = Response | 'offline' | 'never';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const pad = (value: number) => String(value).padStart(2, '0');

function dayFromToday(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function instantFromToday(offset: number, hour: number, minute = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  date.setHours(hour, minute, 0, 0);
  return date.toISOString();
}

const matters = [
  'Morgan v. Castellan Property Group (2025-0412)',
  'Estate of Eleanor Morgan (2025-0388)',
  'Harbor Street lease renewal (2025-0460)',
  'Rivera Design LLC formation (2024-0215)',
];

const partner = 45_000;
const associate = 29_500;
const paralegal = 15_000;

interface Scenario {
  status: InvoiceStatus;
  issuedDaysAgo: number;
  termsDays: number;
  trust?: boolean;
  paidShare?: number;
  pending?: number;
}

const scenarios: Scenario[] = [
  { status: 'open', issuedDaysAgo: 2, termsDays: 14, trust: true },
  { status: 'open', issuedDaysAgo: 4, termsDays: 30 },
  { status: 'partially_paid', issuedDaysAgo: 20, termsDays: 30, paidShare: 0.3, pending: 20_000 },
  { status: 'overdue', issuedDaysAgo: 45, termsDays: 30 },
  { status: 'paid', issuedDaysAgo: 75, termsDays: 30, paidShare: 1 },
  { status: 'void', issuedDaysAgo: 90, termsDays: 30 },
];

function linesFor(index: number, issuedOn: string, trust: boolean): Omit<InvoiceLine, 'id'>[] {
  if (trust) {
    return [
      { kind: 'flat_fee', date: null, description: 'Retainer deposit: trial preparation and expert witness fees', quantity: null, rate: null, amount: 500_000 },
    ];
  }
  const hours = 1 + (index % 5) * 0.6;
  return [
    { kind: 'time', date: issuedOn, description: 'Strategy call with client; review of correspondence', quantity: 0.8, rate: partner, amount: 36_000 },
    {
      kind: 'time',
      date: issuedOn,
      description: 'Legal research and drafting of motion papers',
      quantity: hours,
      rate: associate,
      amount: Math.round(hours * associate),
    },
    { kind: 'time', date: issuedOn, description: 'Prepare exhibits and filing packet', quantity: 1.5, rate: paralegal, amount: 22_500 },
    { kind: 'expense', date: issuedOn, description: 'Superior Court filing fee', quantity: null, rate: null, amount: 43_500 },
  ];
}

function invoiceAt(index: number): InvoiceDetail {
  const scenario = scenarios[index % scenarios.length]!;
  const age = scenario.issuedDaysAgo + Math.floor(index / scenarios.length) * 30;
  const issuedOn = dayFromToday(-age);
  const dueOn = dayFromToday(-age + scenario.termsDays);
  const trust = scenario.trust === true && index < scenarios.length;
  const fees = linesFor(index, issuedOn, trust);
  const subtotal = fees.reduce((sum, line) => sum + line.amount, 0);
  const discount = index % 4 === 1 ? -Math.round(subtotal * 0.1) : 0;
  const lines: InvoiceLine[] = [
    ...fees,
    ...(discount ? [{ kind: 'discount' as const, date: null, description: 'Courtesy discount (10%)', quantity: null, rate: null, amount: discount }] : []),
  ].map((line, n) => ({ ...line, id: `line_${index}_${n}` }));
  const total = subtotal + discount;
  const paid = scenario.status === 'void' ? 0 : Math.round(total * (scenario.paidShare ?? 0));
  const pending = scenario.pending ?? 0;
  const balance = scenario.status === 'void' ? 0 : total - paid;
  const number = `INV-${5000 - index}`;
  // As the service derives it: an unpaid invoice past its due date is overdue.
  const status: InvoiceStatus = (scenario.status === 'open' || scenario.status === 'partially_paid') && dueOn < dayFromToday(0) ? 'overdue' : scenario.status;
  const payments: InvoiceDetail['payments'] = [];
  if (paid) {
    payments.push({
      paymentId: `pay_${index}`,
      receiptNumber: `R-${200_000 - index}`,
      date: instantFromToday(-age + 10, 11),
      amount: paid,
      status: 'succeeded',
      method: index % 2 ? { type: 'check', brand: null, last4: null } : { type: 'card', brand: 'visa', last4: '4242' },
    });
  }
  if (pending) {
    payments.push({
      paymentId: `pay_${index}_ach`,
      receiptNumber: `R-${200_000 - index}-B`,
      date: instantFromToday(-1, 9),
      amount: pending,
      status: 'processing',
      method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    });
  }
  return {
    id: `inv_story_${index}`,
    number,
    matter: matters[index % matters.length]!,
    contactId: 'con_demo',
    issuedOn,
    dueOn,
    currency: 'USD',
    depositAccount: trust ? 'trust' : 'operating',
    status,
    total,
    amountPaid: paid,
    amountPending: pending,
    balance,
    openBalance: Math.max(0, balance - pending),
    subtotal,
    discount,
    tax: 0,
    notes: trust
      ? 'Funds are held in our client trust account and applied to fees and costs as they are incurred. Any unused balance is refunded at the end of the matter.'
      : index % 3 === 0
        ? 'Thank you for your business. Questions about this invoice? Reply in the portal’s messages.'
        : null,
    lines,
    payments,
    sentAt: instantFromToday(-age, 9),
    voidedAt: scenario.status === 'void' ? instantFromToday(-age + 3, 10) : null,
  };
}

function summaryOf(invoice: InvoiceDetail): InvoiceSummary {
  const { subtotal: _s, discount: _d, tax: _t, notes: _n, lines: _l, payments: _p, sentAt: _a, voidedAt: _v, ...summary } = invoice;
  return summary;
}

const invoiceCache = new Map<number, InvoiceDetail[]>();

/** The story firm's invoices, newest first: a dozen, or thousands for the long list. */
export function storyInvoices(count: number): InvoiceDetail[] {
  let list = invoiceCache.get(count);
  if (!list) {
    list = Array.from({ length: count }, (_, index) => invoiceAt(index));
    invoiceCache.set(count, list);
  }
  return list;
}

const unpaid: InvoiceStatus[] = ['open', 'partially_paid', 'overdue'];

const sortValue = (invoice: InvoiceSummary, key: string): string | number =>
  key === 'number'
    ? invoice.number
    : key === 'total'
      ? invoice.total
      : key === 'balance'
        ? invoice.balance
        : key === 'dueOn'
          ? invoice.dueOn
          : invoice.issuedOn;

/** What the client owes now, as the service sums it. */
function outstandingOf(all: InvoiceDetail[]) {
  const owed = all
    .filter((invoice) => unpaid.includes(invoice.status) && invoice.openBalance > 0)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const currency = new Set(owed.map((invoice) => invoice.currency)).size === 1 ? owed[0]!.currency : null;
  // Bank payments on their way: in the invoices' balances, not in what can be paid now.
  const processing = all.filter((invoice) => unpaid.includes(invoice.status)).reduce((sum, invoice) => sum + invoice.amountPending, 0);
  return {
    invoiceIds: owed.map((invoice) => invoice.id),
    amount: currency ? owed.reduce((sum, invoice) => sum + invoice.openBalance, 0) : null,
    currency: currency ?? (processing ? 'USD' : null),
    processing,
  };
}

function invoicePage(all: InvoiceDetail[], url: URL): Response {
  const wanted = (url.searchParams.get('status') ?? 'all').split(',');
  const sort = url.searchParams.get('sort') ?? '-issuedOn';
  const key = sort.replace(/^-/, '');
  const direction = sort.startsWith('-') ? -1 : 1;
  const list = all
    .filter((invoice) => wanted.includes('all') || wanted.includes(invoice.status) || (wanted.includes('unpaid') && unpaid.includes(invoice.status)))
    .map(summaryOf)
    .sort((a, b) => {
      const [x, y] = [sortValue(a, key), sortValue(b, key)];
      return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1) * direction;
    });
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const limit = Math.min(200, Number(url.searchParams.get('limit') ?? 50));
  return json(200, { data: list.slice(start, start + limit), nextCursor: start + limit < list.length ? String(start + limit) : null });
}

/** The story client's tasks and events. */
export function storyActivities(): ActivityGroups {
  const upcoming: Activity[] = [
    {
      id: 'act_bank',
      kind: 'task',
      title: 'Upload your last three bank statements',
      notes: 'PDFs from your bank’s website are fine.',
      dueOn: dayFromToday(1),
      completedAt: null,
      status: 'upcoming',
    },
    {
      id: 'act_conference',
      kind: 'event',
      title: 'Case management conference',
      notes: 'Please arrive 15 minutes early; we will meet in the lobby.',
      startsAt: instantFromToday(6, 9, 30),
      endsAt: instantFromToday(6, 10, 30),
      allDay: false,
      location: 'Superior Court, 1 Main Street, Dept. 14',
      status: 'upcoming',
    },
    {
      id: 'act_review',
      kind: 'task',
      title: 'Review the draft settlement agreement',
      notes: null,
      dueOn: dayFromToday(9),
      completedAt: null,
      status: 'upcoming',
    },
    {
      id: 'act_deadline',
      kind: 'event',
      title: 'Discovery responses due',
      notes: null,
      startsAt: dayFromToday(20),
      endsAt: dayFromToday(21),
      allDay: true,
      location: null,
      status: 'upcoming',
    },
    { id: 'act_someday', kind: 'task', title: 'Tell us about any change of address', notes: null, dueOn: null, completedAt: null, status: 'upcoming' },
  ];
  return {
    overdue: [
      {
        id: 'act_letter',
        kind: 'task',
        title: 'Sign and return the engagement letter',
        notes: 'Sign on page 3 and initial each page.',
        dueOn: dayFromToday(-3),
        completedAt: null,
        status: 'overdue',
      },
    ],
    upcoming,
    done: [
      {
        id: 'act_intake',
        kind: 'task',
        title: 'Complete the intake questionnaire',
        notes: null,
        dueOn: dayFromToday(-12),
        completedAt: instantFromToday(-13, 16),
        status: 'done',
      },
      {
        id: 'act_meeting',
        kind: 'event',
        title: 'First meeting with your attorney',
        notes: null,
        startsAt: instantFromToday(-20, 14),
        endsAt: instantFromToday(-20, 15),
        allDay: false,
        location: 'Hale & Whitmore LLP, 48 Harbor Street, Suite 300',
        status: 'done',
      },
    ],
  };
}

/** The story client's payment history. */
export function storyPayments(): Payment[] {
  const made = (index: number, overrides: Partial<Payment>): Payment => {
    const createdAt = instantFromToday(-index * 17 - 1, 10);
    return {
      id: `pay_story_${index}`,
      status: 'succeeded',
      amount: 120_000 + index * 3_150,
      currency: 'USD',
      method: { type: 'card', brand: 'visa', last4: '4242' },
      source: 'portal',
      reference: null,
      receiptNumber: `R-${100_100 - index}`,
      allocations: [{ invoiceId: `inv_story_${index}`, invoiceNumber: `INV-${4990 - index}`, amount: 120_000 + index * 3_150, depositAccount: 'operating' }],
      failure: null,
      amountRefunded: 0,
      refunds: [],
      checkoutId: null,
      createdAt,
      updatedAt: createdAt,
      ...overrides,
    };
  };
  return [
    made(0, { status: 'processing', method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' } }),
    made(1, {}),
    // As the service sends it: a declined card is not in the history; a returned bank debit is, without a receipt.
    made(2, {
      status: 'failed',
      method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' },
      receiptNumber: null,
      failure: { code: 'insufficient_funds', message: 'The bank returned the payment: insufficient funds.' },
    }),
    made(3, { method: { type: 'check', brand: null, last4: null }, source: 'firm', reference: 'Check #1187' }),
    made(4, {
      allocations: [
        { invoiceId: 'inv_a', invoiceNumber: 'INV-4980', amount: 70_000, depositAccount: 'operating' },
        { invoiceId: 'inv_b', invoiceNumber: 'INV-4981', amount: 62_600, depositAccount: 'trust' },
      ],
    }),
    made(5, {
      status: 'refunded',
      method: { type: 'card', brand: 'amex', last4: '0005' },
      amountRefunded: 135_750,
      refunds: [{ id: 'rfd_story_5', amount: 135_750, status: 'succeeded', createdAt: instantFromToday(-80, 14) }],
    }),
    ...Array.from({ length: 30 }, (_, n) => made(6 + n, {})),
  ];
}

/** Payments the firm refunded: in full, in part, and in part with a bank refund still on its way. */
export function storyRefundedPayments(): Payment[] {
  const [, paid, , , split, refunded] = storyPayments();
  return [
    {
      ...paid!,
      amountRefunded: 20_000,
      refunds: [{ id: 'rfd_story_1', amount: 20_000, status: 'succeeded', createdAt: instantFromToday(-5, 15) }],
    },
    {
      ...split!,
      method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
      amountRefunded: 10_000,
      refunds: [
        { id: 'rfd_story_4a', amount: 10_000, status: 'succeeded', createdAt: instantFromToday(-60, 9) },
        { id: 'rfd_story_4b', amount: 25_000, status: 'pending', createdAt: instantFromToday(-2, 16) },
      ],
    },
    refunded!,
  ];
}

function ending(answer: SectionAnswer | 'many' | 'hidden' | 'refunds' | undefined, full: () => Answer): Answer {
  switch (answer) {
    case 'never':
    case 'offline':
      return answer;
    case 'error':
      return problem(503, 'service_unavailable', 'The service is down for maintenance.');
    default:
      return full();
  }
}

/**
 * The answer to a call about invoices, activities or payments, or undefined for any other call.
 * Task changes and calendar downloads succeed.
 */
/** The smallest PDF viewers open: one empty page. */
const storyPdf = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');

export function portalAnswer(method: string, url: URL, options: PortalDataOptions): Answer | undefined {
  const path = url.pathname.replace(/^\/api\/v1/, '');
  const invoices = storyInvoices(options.invoices === 'many' ? 5000 : options.invoices === 'empty' ? 0 : 12);
  if (method === 'GET' && path === '/invoices') return ending(options.invoices, () => invoicePage(invoices, url));
  if (method === 'GET' && path === '/invoices/outstanding') return ending(options.invoices, () => json(200, outstandingOf(invoices)));
  const invoiceId = method === 'GET' ? /^\/invoices\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (invoiceId) {
    return ending(options.invoices, () => {
      const invoice = invoices.find((candidate) => candidate.id === decodeURIComponent(invoiceId));
      return invoice ? json(200, invoice) : problem(404, 'not_found', 'No such invoice.');
    });
  }
  if (method === 'GET' && path === '/activities') {
    return ending(options.activities, () => json(200, options.activities === 'empty' ? { overdue: [], upcoming: [], done: [] } : storyActivities()));
  }
  const taskId = method === 'PATCH' ? /^\/activities\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (taskId) {
    const all = storyActivities();
    const task = [...all.overdue, ...all.upcoming, ...all.done].find((activity) => activity.id === taskId);
    return task ? json(200, task) : problem(404, 'not_found', 'No such activity.');
  }
  if (method === 'GET' && /^\/activities\/[^/]+\/calendar\.ics$/.test(path)) {
    return new Response('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Portico//Stories//EN\r\nEND:VCALENDAR\r\n', {
      headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
    });
  }
  // "Download PDF" and "Receipt (PDF)": a one-page placeholder standing in for the service's document.
  const document = method === 'GET' ? /^\/(?:invoices\/([^/]+)\/pdf|payments\/([^/]+)\/receipt\.pdf)$/.exec(path) : null;
  if (document) {
    const fileName = document[1] ? `Invoice-${decodeURIComponent(document[1])}.pdf` : `Receipt-${decodeURIComponent(document[2]!)}.pdf`;
    return new Response(storyPdf, { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${fileName}"` } });
  }
  if (method === 'GET' && path === '/payments') {
    if (options.payments === 'hidden') return problem(403, 'payments_hidden', 'Hale & Whitmore LLP does not show payment history in the portal.');
    return ending(options.payments, () => {
      const all = options.payments === 'empty' ? [] : options.payments === 'refunds' ? storyRefundedPayments() : storyPayments();
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return json(200, { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null });
    });
  }
  return undefined;
}
