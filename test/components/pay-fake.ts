// A token service and a sandbox processor for <portal-pay> tests: invoices, checkout, saved
// methods, bank sign-in, and the processor's browser-facing endpoints, all answered in memory.
import type {
  Branding,
  InvoiceSummary,
  Payment,
  PaymentQuote,
  PaymentQuoteRequest,
  PaymentRequest,
  PaymentSetup,
  SavedPaymentMethod,
} from '../../components/index.ts';
import { branding, FakeService, json, problem, signIn, signedInBefore, type RecordedRequest } from './fake-service.ts';

export const baseUrl = 'http://service.test';
export const sandboxUrl = `${baseUrl}/sandbox`;

export const payBranding: Branding = {
  ...branding,
  paymentMethods: { card: true, bankLink: true, bankAccount: true },
  minimumPayment: 100,
};

export const setup: PaymentSetup = { processor: 'sandbox', publishableKey: null, bankLink: 'sandbox', sandboxUrl };

export function invoice(id: string, number: string, dueOn: string, openBalance: number, extra: Partial<InvoiceSummary> = {}): InvoiceSummary {
  return {
    id,
    number,
    matter: 'Estate of R. Rivera',
    contactId: 'con_1',
    issuedOn: '2026-01-01',
    dueOn,
    currency: 'USD',
    depositAccount: 'operating',
    status: 'open',
    total: openBalance,
    amountPaid: 0,
    amountPending: 0,
    balance: openBalance,
    openBalance,
    ...extra,
  };
}

export const invoiceA = invoice('inv_a', 'INV-1001', '2026-03-15', 50_000);
export const invoiceB = invoice('inv_b', 'INV-0998', '2026-02-01', 12_500);

export const savedCard: SavedPaymentMethod = {
  id: 'spm_card',
  type: 'card',
  brand: 'visa',
  last4: '4242',
  expMonth: 12,
  expYear: 2031,
  createdAt: '2026-01-02T10:00:00.000Z',
  isDefault: false,
};

export const savedBank: SavedPaymentMethod = {
  id: 'spm_bank',
  type: 'us_bank_account',
  brand: 'STRIPE TEST BANK',
  last4: '6789',
  expMonth: null,
  expYear: null,
  createdAt: '2026-01-03T10:00:00.000Z',
  isDefault: false,
};

export function payment(request: PaymentRequest, status: Payment['status'], extra: Partial<Payment> = {}): Payment {
  const amount = request.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
  const bank = 'savedId' in request.paymentMethod ? request.paymentMethod.savedId === 'spm_bank' : request.paymentMethod.type === 'us_bank_account';
  return {
    id: 'pay_1',
    status,
    amount,
    currency: 'USD',
    method: bank ? { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' } : { type: 'card', brand: 'visa', last4: '4242' },
    source: 'portal',
    reference: null,
    receiptNumber: 'R-2026-0042',
    allocations: request.allocations.map((allocation) => ({
      invoiceId: allocation.invoiceId,
      invoiceNumber: allocation.invoiceId === 'inv_a' ? 'INV-1001' : 'INV-0998',
      amount: allocation.amount,
      depositAccount: 'operating',
    })),
    failure: null,
    amountRefunded: 0,
    refunds: [],
    checkoutId: null,
    createdAt: '2026-03-01T15:00:00.000Z',
    updatedAt: '2026-03-01T15:00:00.000Z',
    ...extra,
  };
}

export interface PayServiceOptions {
  invoices?: InvoiceSummary[];
  saved?: SavedPaymentMethod[];
  branding?: Branding;
  setup?: PaymentSetup;
  /** A card surcharge the service quotes for credit cards (every card but one ending 5556, a debit card), in percent. */
  surcharge?: number;
}

/** `POST /payments/quote` as the service answers it: a surcharge only for a credit card when the firm sets one. */
export function quoteFor(request: PaymentQuoteRequest, percent = 0): PaymentQuote {
  const subtotal = request.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
  const method = request.paymentMethod;
  const card = 'savedId' in method ? method.savedId === 'spm_card' : method.type === 'card';
  const debit = 'token' in method && method.token.endsWith('5556');
  const amount = card && !debit && percent ? Math.round((subtotal * percent) / 100) : 0;
  const reason = !percent ? 'disabled' : !card || debit ? 'not_credit_card' : null;
  return { currency: 'USD', subtotal, surcharge: { amount, percent: amount ? percent : 0, reason }, total: subtotal + amount };
}

/** A signed-in client with invoices to pay; card `4242…` succeeds, and a bank debit is processing. */
export function payService(options: PayServiceOptions = {}): FakeService {
  const invoices = options.invoices ?? [invoiceA];
  signedInBefore.remember(true);
  const service = new FakeService()
    .on('POST /api/v1/auth/refresh', () => json(200, signIn()))
    .on('GET /api/v1/firms/demo/branding', () => json(200, options.branding ?? payBranding))
    .on('GET /api/v1/payments/setup', () => json(200, options.setup ?? setup))
    .on('GET /api/v1/payment-methods', () => json(200, { data: options.saved ?? [] }))
    .on('DELETE /api/v1/payment-methods/spm_card', () => new Response(null, { status: 204 }))
    .on('GET /api/v1/invoices', () => json(200, { data: invoices, nextCursor: null }))
    .on('GET /api/v1/payments/mandate', (request) => {
      const q = request.url.searchParams;
      return json(200, {
        text: `By selecting Pay $${(Number(q.get('amount')) / 100).toFixed(2)}, I authorize Hale & Whitmore LLP to electronically debit my ${q.get('accountType')} account at ${q.get('bankName')} ending in ${q.get('last4')} for a one-time payment of $${(Number(q.get('amount')) / 100).toFixed(2)}. I may revoke it by contacting the firm.`,
      });
    })
    .on('POST /sandbox/v1/payment_methods', (request) => sandboxMethod(request))
    .on('POST /api/v1/payments/quote', (request) => json(200, quoteFor(request.body as PaymentQuoteRequest, options.surcharge)))
    .on('POST /api/v1/payments', (request) => {
      const body = request.body as PaymentRequest;
      const bank = 'savedId' in body.paymentMethod ? body.paymentMethod.savedId === 'spm_bank' : body.paymentMethod.type === 'us_bank_account';
      const quote = quoteFor(body, options.surcharge);
      if (quote.surcharge.amount && body.amount !== quote.total) {
        return problem(409, 'amount_mismatch', 'The total confirmed is not what this payment comes to.', { expected: quote.total });
      }
      const surcharge = quote.surcharge.amount ? { amount: quote.total, surcharge: quote.surcharge.amount, surchargePercent: quote.surcharge.percent } : {};
      const paid = payment(body, bank ? 'processing' : 'succeeded', surcharge);
      return json(201, { payment: paid, payments: [paid] });
    });
  for (const item of invoices) service.on(`GET /api/v1/invoices/${item.id}`, () => json(200, { ...item, lines: [], payments: [] }));
  return service;
}

function sandboxMethod(request: RecordedRequest): Response {
  const body = request.body as {
    type: string;
    card?: { number: string };
    us_bank_account?: { routing_number: string; account_number: string; account_type: string };
  };
  if (body.type === 'card') {
    const number = body.card!.number;
    return json(200, {
      id: `pm_card_${number.slice(-4)}`,
      object: 'payment_method',
      type: 'card',
      card: { brand: 'visa', last4: number.slice(-4), exp_month: 12, exp_year: 2031 },
    });
  }
  const account = body.us_bank_account!;
  if (account.routing_number !== '110000000') {
    return json(400, {
      error: {
        type: 'invalid_request_error',
        code: 'routing_number_invalid',
        message: 'The sandbox accepts only its test bank: routing number 110000000 with a test account number such as 000123456789.',
        param: 'us_bank_account[routing_number]',
      },
    });
  }
  return json(200, {
    id: `pm_bank_${account.account_number.slice(-4)}`,
    object: 'payment_method',
    type: 'us_bank_account',
    us_bank_account: {
      bank_name: 'STRIPE TEST BANK',
      last4: account.account_number.slice(-4),
      account_type: account.account_type,
      routing_number: account.routing_number,
    },
  });
}

export { problem, json };
