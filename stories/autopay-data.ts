// A small stand-in for the token service's autopay routes, for the <portal-autopay-settings>
// stories. Turning autopay on and off sticks for the story's life. Also the story client's
// autopay as the mocked service answers it (mock-service.ts), for the sections that mark it.
import { ApiClient, type AutopayCharge, type AutopayEnrolment, type AutopayMatters, type Payment } from '../components/index.ts';
import { answerAfter } from './answers-due.ts';
import { storyInvoices, storyPayments } from './portal-data.ts';

/** `under-way`: as `full`, with the matter's charge being made when autopay is turned off. */
export type AutopayAnswer = 'full' | 'under-way' | 'empty' | 'off' | 'error' | 'never';

const contact = { id: 'con_story', firmId: 'firm_story', email: 'alex@example.com', name: 'Alex Morgan', locale: null };
const session = { accessToken: 'story-token', tokenType: 'Bearer', expiresIn: 600, contact };
const methods = [
  { id: 'spm_card', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2031, createdAt: '2026-01-02T10:00:00.000Z', isDefault: true },
  {
    id: 'spm_bank',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '6789',
    expMonth: null,
    expYear: null,
    createdAt: '2026-01-03T10:00:00.000Z',
    isDefault: false,
  },
];

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

const text = (matter: string, last4: string, account = 'card') =>
  `By selecting Turn on autopay, I authorize Hale & Whitmore LLP to charge my ${account} ending in ${last4} in recurring payments for the balance of each invoice Hale & Whitmore LLP issues to me for the matter “${matter}” from today on, on that invoice’s due date (or on the day it is issued, if that is later). I will be emailed the amount and date at least 3 days before each payment. If a charge is declined, it may be tried once more 3 days later. This authorization stays in effect until I revoke it. I may revoke this authorization at any time by turning autopay off in the client portal or by contacting Hale & Whitmore LLP at clients@halewhitmore.example, at least 3 days before a scheduled payment.`;

function enrolment(id: string, matter: string, withNext: boolean): AutopayEnrolment {
  const charge = {
    id: `apc_${id}`,
    invoiceId: 'inv_1009',
    invoiceNumber: 'INV-1009',
    chargeOn: '2026-04-15',
    attemptOn: '2026-04-15',
    amount: 48_250,
    status: 'scheduled' as const,
    attempts: 0,
    paymentId: null,
    lastError: null,
  };
  return {
    id,
    contactId: contact.id,
    matter,
    status: 'active',
    currency: 'USD',
    method: { type: 'card', brand: 'visa', last4: '4242' },
    authorization: { id: `auth_${id}`, version: 'autopay-2026-12', text: text(matter, '4242'), acceptedAt: '2026-03-01T10:00:00.000Z', revokedAt: null },
    nextCharge: withNext ? { invoiceId: charge.invoiceId, invoiceNumber: charge.invoiceNumber, on: charge.attemptOn, amount: charge.amount } : null,
    charges: withNext ? [charge] : [],
    chargesUnderWay: [],
    createdAt: '2026-03-01T10:00:00.000Z',
    endedAt: null,
    endedReason: null,
  };
}

/** An ApiClient whose autopay routes answer as `answer` says. */
export function autopayClient(answer: AutopayAnswer = 'full'): ApiClient {
  const matters = answer === 'empty' ? [] : ['Estate of Eleanor Morgan (2025-0388)', 'Morgan v. Castellan Property Group (2025-0412)'];
  let enrolments = answer === 'full' || answer === 'under-way' ? [enrolment('apay_1', matters[0]!, true)] : [];
  let count = 1;
  return new ApiClient({
    baseUrl: 'https://portal.example-law.test',
    firm: 'demo',
    fetch: (input, init) =>
      new Promise<Response>((resolve) => {
        const route = `${init.method ?? 'GET'} ${new URL(input).pathname.replace('/api/v1', '')}`;
        const body = typeof init.body === 'string' ? (JSON.parse(init.body) as { matter?: string; paymentMethod?: { savedId: string } }) : {};
        const respond = (): Response | undefined => {
          if (route === 'POST /auth/refresh') return json(200, session);
          if (route === 'GET /payment-methods') return json(200, { data: methods });
          if (route === 'GET /autopay/matters') {
            if (answer === 'never') return undefined;
            if (answer === 'error') return problem(500, 'internal_error', 'The service failed.');
            const reply: AutopayMatters = {
              enabled: answer !== 'off',
              data: matters.map((matter) => ({ matter, enrolmentId: enrolments.find((row) => row.matter === matter)?.id ?? null })),
            };
            return json(200, reply);
          }
          if (route === 'GET /autopay') return json(200, { data: enrolments });
          if (route === 'POST /autopay/preview') {
            const method = methods.find((candidate) => candidate.id === body.paymentMethod?.savedId) ?? methods[0]!;
            return json(200, {
              matter: body.matter,
              method: { type: method.type, brand: method.brand, last4: method.last4 },
              authorization: { version: 'autopay-2026-12', text: text(body.matter ?? '', method.last4) },
            });
          }
          if (route === 'POST /autopay') {
            count += 1;
            const created = enrolment(`apay_${count}`, body.matter ?? '', false);
            enrolments = [created, ...enrolments];
            return json(201, created);
          }
          const cancel = /^POST \/autopay\/([^/]+)\/cancel$/.exec(route);
          if (cancel) {
            const ended = enrolments.find((row) => row.id === cancel[1]);
            enrolments = enrolments.filter((row) => row.id !== cancel[1]);
            if (!ended) return problem(404, 'not_found', 'Not found.');
            // With `under-way`, the charge of INV-1009 had started when autopay was turned off.
            const underWay = answer === 'under-way' ? ended.charges.map((charge) => ({ ...charge, status: 'charging' as const })) : [];
            return json(200, {
              ...ended,
              status: 'cancelled',
              charges: answer === 'under-way' ? underWay : ended.charges,
              chargesUnderWay: underWay.map(({ invoiceId, invoiceNumber, amount }) => ({
                invoiceId,
                invoiceNumber,
                amount,
                currency: ended.currency,
                status: 'charging',
              })),
            });
          }
          return problem(404, 'route_not_found', `No story route for ${route}`);
        };
        const reply = respond();
        if (!reply) return;
        answerAfter(250, () => resolve(reply));
      }),
  });
}

/** A charge autopay made: the payment it made, for the invoice that payment paid. */
function chargeFor(payment: Payment, status: 'paid' | 'processing'): AutopayCharge {
  const allocation = payment.allocations[0]!;
  const on = payment.createdAt.slice(0, 10);
  return {
    id: `apc_${payment.id}`,
    invoiceId: allocation.invoiceId,
    invoiceNumber: allocation.invoiceNumber,
    chargeOn: on,
    attemptOn: on,
    amount: payment.amount,
    status,
    attempts: 1,
    paymentId: payment.id,
    lastError: null,
  };
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * The story client's autopay, as `GET /api/v1/autopay` answers: on by card for the matter of an
 * open invoice (its charge scheduled for the due date, two earlier charges paid), and on by bank
 * account for another matter (its first debit on its way). The paid charges are payments of the
 * story's payment history, so that history marks them.
 */
export function storyAutopay(contactId: string): AutopayEnrolment[] {
  const invoice = storyInvoices(12)[1]!;
  const payments = storyPayments();
  const [debit, , , , , , older, oldest] = payments;
  const scheduled: AutopayCharge = {
    id: 'apc_scheduled',
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    chargeOn: invoice.dueOn,
    attemptOn: invoice.dueOn,
    amount: invoice.openBalance,
    status: 'scheduled',
    attempts: 0,
    paymentId: null,
    lastError: null,
  };
  const bankMatter = 'Morgan v. Castellan Property Group (2025-0412)';
  const accepted = (days: number) => ({ acceptedAt: daysAgo(days), revokedAt: null, version: 'autopay-2026-12' });
  return [
    {
      id: 'apay_story_bank',
      contactId,
      matter: bankMatter,
      status: 'active',
      currency: 'USD',
      method: { type: 'us_bank_account', brand: 'Test bank', last4: '6789' },
      authorization: { id: 'auth_story_bank', text: text(bankMatter, '6789', 'bank account'), ...accepted(12) },
      nextCharge: null,
      charges: [chargeFor(debit!, 'processing')],
      chargesUnderWay: [
        {
          invoiceId: debit!.allocations[0]!.invoiceId,
          invoiceNumber: debit!.allocations[0]!.invoiceNumber,
          amount: debit!.amount,
          currency: 'USD',
          status: 'processing',
        },
      ],
      createdAt: daysAgo(12),
      endedAt: null,
      endedReason: null,
    },
    {
      id: 'apay_story_card',
      contactId,
      matter: invoice.matter!,
      status: 'active',
      currency: 'USD',
      method: { type: 'card', brand: 'visa', last4: '4242' },
      authorization: { id: 'auth_story_card', text: text(invoice.matter!, '4242'), ...accepted(140) },
      nextCharge: { invoiceId: invoice.id, invoiceNumber: invoice.number, on: scheduled.attemptOn, amount: scheduled.amount },
      charges: [scheduled, chargeFor(older!, 'paid'), chargeFor(oldest!, 'paid')],
      chargesUnderWay: [],
      createdAt: daysAgo(140),
      endedAt: null,
      endedReason: null,
    },
  ];
}

/** The mocked service's answer to `GET /api/v1/autopay` (`?status=` filters), or undefined for any other call. */
export function autopayAnswer(method: string, url: URL, enrolments: AutopayEnrolment[]): Response | undefined {
  if (method !== 'GET' || url.pathname !== '/api/v1/autopay') return undefined;
  const status = url.searchParams.get('status');
  return json(200, { data: status ? enrolments.filter((enrolment) => enrolment.status === status) : enrolments });
}
