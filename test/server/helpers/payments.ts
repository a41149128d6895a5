import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { firmOrigin, type Reply, type TestService } from './service.ts';

/** Asserts a problem response: its status and its stable `code`. */
export function assertProblem(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /application\/problem\+json/);
}

/** Asserts an error in Stripe's shape: `{ error: { type, code, message, param } }`. */
export function assertStripeError(reply: Reply, status: number, type: string, code?: string, param?: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(typeof reply.body, 'object', `a JSON body, not ${JSON.stringify(reply.body)}`);
  assert.ok(reply.body.error, `a Stripe error object, got ${JSON.stringify(reply.body)}`);
  assert.equal(reply.body.error.type, type, JSON.stringify(reply.body));
  if (code !== undefined) assert.equal(reply.body.error.code, code, JSON.stringify(reply.body));
  if (param !== undefined) assert.equal(reply.body.error.param, param, JSON.stringify(reply.body));
  assert.equal(typeof reply.body.error.message, 'string');
  assert.ok(reply.body.error.message.length > 0);
}

export const testCard = {
  visa: '4242424242424242',
  amex: '378282246310005',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  threeDSecure: '4000002500003155',
  /** Passes Luhn but is none of the test cards. */
  ordinary: '4111111111111111',
} as const;

export const testAccount = {
  routing: '110000000',
  succeeds: '000123456789',
  insufficientFunds: '000222222227',
} as const;

let invoiceCounter = 0;

/** Admin shortcuts and the browser-side tokenization, for one test service. */
export function paymentKit(svc: TestService) {
  const admin = (path: string, options: { method?: string; body?: unknown } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: svc.fixtures.firmKey, ...options });

  /** A published invoice of one flat fee; `draft: true` leaves it unpublished. */
  async function invoice(options: { contactId?: string; amount: number; depositAccount?: 'operating' | 'trust'; draft?: boolean; key?: string }) {
    invoiceCounter += 1;
    const created = await svc.request('/api/v1/admin/invoices', {
      token: options.key ?? svc.fixtures.firmKey,
      body: {
        contactId: options.contactId ?? svc.fixtures.alex.id,
        number: `T-${invoiceCounter}`,
        issuedOn: '2026-02-27',
        dueOn: '2026-03-27',
        ...(options.depositAccount ? { depositAccount: options.depositAccount } : {}),
        lines: [{ kind: 'flat_fee', description: `Work ${invoiceCounter}`, amount: options.amount }],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    if (options.draft) return created.body as { id: string; number: string };
    const sent = await svc.request(`/api/v1/admin/invoices/${created.body.id}/send`, { method: 'POST', token: options.key ?? svc.fixtures.firmKey });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return sent.body as { id: string; number: string };
  }

  /** Tokenizes a card at the sandbox processor, as the browser would. */
  async function cardToken(number: string = testCard.visa, extra: { cvc?: string } = {}): Promise<string> {
    const reply = await svc.request('/sandbox/v1/payment_methods', {
      origin: firmOrigin,
      body: {
        type: 'card',
        card: { number, exp_month: 12, exp_year: 2030, cvc: extra.cvc ?? '123' },
        billing_details: { name: 'Alex Morgan', address: { postal_code: '94107' } },
      },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.id;
  }

  async function bankToken(accountNumber: string = testAccount.succeeds, accountType: 'checking' | 'savings' = 'checking'): Promise<string> {
    const reply = await svc.request('/sandbox/v1/payment_methods', {
      origin: firmOrigin,
      body: {
        type: 'us_bank_account',
        us_bank_account: { routing_number: testAccount.routing, account_number: accountNumber, account_type: accountType },
        billing_details: { name: 'Alex Morgan' },
      },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.id;
  }

  /** `POST /api/v1/payments` with a fresh Idempotency-Key unless one is given (`null`: none). */
  function pay(token: string, body: unknown, key: string | null = randomUUID()) {
    return svc.request('/api/v1/payments', { token, body, headers: key === null ? {} : { 'idempotency-key': key } });
  }

  async function invoiceAs(token: string, id: string) {
    const reply = await svc.request(`/api/v1/invoices/${id}`, { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { status: string; total: number; balance: number; openBalance: number; amountPaid: number; amountPending: number };
  }

  /** The number in the one row's `n` (a count or a sum; PostgreSQL returns a NUMERIC sum as a string). */
  const count = async (strings: TemplateStringsArray, ...values: unknown[]) => Number((await svc.query<{ n: number | string }>(strings, ...values))[0]!.n);
  const rows = {
    payments: () => count`SELECT COUNT(*) AS n FROM payments`,
    charges: () => count`SELECT COUNT(*) AS n FROM sandbox_charges`,
    paymentsFor: (invoiceId: string) => count`SELECT COUNT(*) AS n FROM payment_allocations WHERE invoice_id = ${invoiceId}`,
  };

  const emails = async (to: string, kind: string) => (await svc.outbox(to)).filter((message) => message.kind === kind);

  async function advanceSandboxDays(days: number) {
    const reply = await svc.request('/dev/sandbox/clock/advance', { body: { days } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { now: string; offsetDays: number; settled: number };
  }

  return { admin, invoice, cardToken, bankToken, pay, invoiceAs, count, rows, emails, advanceSandboxDays };
}

export type PaymentKit = ReturnType<typeof paymentKit>;
