import { z } from 'zod';
import { isCalendarDate } from '../calendar.ts';
import { Currency, Instant, Money, listOf, pageOf } from '../http/schema.ts';
import { invoicesContract } from '../invoices/index.ts';

const { DepositAccount } = invoicesContract;

// Requests

const minor = z.number().int('must be whole minor units (cents)').positive('must be more than zero').max(1_000_000_000_000);

/** A payment the firm received outside the portal (a check, a wire), applied to invoices. */
export const offlinePaymentSchema = z
  .strictObject({
    contactId: z.string().min(1).max(64),
    amount: minor,
    method: z.strictObject({ type: z.enum(['check', 'wire', 'cash', 'other']), reference: z.string().trim().max(100).optional() }),
    allocations: z
      .array(z.strictObject({ invoiceId: z.string().min(1).max(64), amount: minor }))
      .min(1)
      .max(100),
  })
  .meta({ id: 'OfflinePayment' });

/**
 * `POST /admin/invoices/:id/payments`: money the firm received for one invoice outside the portal.
 * `receivedOn` is the day it arrived (the firm's today when left out), never a day still to come.
 */
export const invoicePaymentSchema = z
  .strictObject({
    amount: minor,
    method: z.strictObject({
      type: z.enum(['check', 'wire', 'cash', 'other']),
      reference: z.string().trim().max(100).optional().meta({ description: 'A check number, a wire reference' }),
    }),
    receivedOn: z.string().refine(isCalendarDate, 'must be a date like 2026-03-01').optional(),
  })
  .meta({ id: 'InvoicePayment' });

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const day = z.string().refine(isCalendarDate, 'must be a date like 2026-03-01');

/** Which of the firm's payments: the list, its totals and the export share these. */
const paymentFilter = {
  status: z.enum(['requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed']).optional(),
  contactId: z.string().max(64).optional(),
  invoiceId: z.string().max(64).optional(),
  methodType: z.enum(['card', 'us_bank_account', 'check', 'wire', 'cash', 'other']).optional(),
  depositAccount: z.enum(['operating', 'trust']).optional(),
};

export const firmListQuery = listQuery.extend({
  ...paymentFilter,
  createdFrom: day.optional(),
  createdTo: day.optional(),
});

/** `GET /admin/payments/totals`: the list's filters, without paging. */
export const totalsQuery = z.strictObject({
  ...paymentFilter,
  createdFrom: day.optional(),
  createdTo: day.optional(),
});

/**
 * `GET /admin/payments/export`: the days (at most a year) and the list's other filters.
 * `depositAccount` keeps only the rows booked to that account; `status` is the payment's
 * current status, and a refund row goes with its payment.
 */
export const exportQuery = z
  .strictObject({ from: day, to: day, ...paymentFilter })
  .refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'must be at most a year before to', path: ['from'] });

const checkoutAllocations = z
  .array(z.strictObject({ invoiceId: z.string().min(1).max(64), amount: minor }))
  .min(1)
  .max(100);
const checkoutMethod = z.union([
  z.strictObject({ type: z.enum(['card', 'us_bank_account']), token: z.string().min(3).max(255) }),
  z.strictObject({ savedId: z.string().min(3).max(64) }),
]);

/** `POST /payments/quote`: what a payment would come to with this method, card surcharge included; nothing is charged or held. */
export const quoteBody = z.strictObject({ allocations: checkoutAllocations, paymentMethod: checkoutMethod }).meta({ id: 'PaymentQuoteRequest' });

/** `POST /payments`: invoices to pay and how; card and account numbers never come here, only the processor's token. */
export const paymentBody = z
  .strictObject({
    allocations: checkoutAllocations,
    paymentMethod: checkoutMethod,
    amount: minor.optional().meta({
      description:
        'The total the client confirmed: the allocations plus the card surcharge `POST /payments/quote` gave. Required when a surcharge applies; a total that differs from the service’s is refused (409 `amount_mismatch`)',
    }),
    savePaymentMethod: z.boolean().default(false),
    mandate: z.strictObject({ accepted: z.boolean() }).optional().meta({ description: 'Required for bank debits: the client accepted the authorization text' }),
  })
  .meta({ id: 'Checkout' });

export const mandateQuery = z.strictObject({
  amount: z.coerce.number().int().positive(),
  bankName: z.string().trim().min(1).max(100),
  accountType: z.enum(['checking', 'savings']),
  last4: z.string().regex(/^\d{4}$/),
});

// Replies

export const PaymentStatus = z.enum(['requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed']).meta({ id: 'PaymentStatus' });

export const PaymentMethodType = z.enum(['card', 'us_bank_account', 'check', 'wire', 'cash', 'other']).meta({ id: 'PaymentMethodType' });

export const PaymentMethodSummary = z
  .strictObject({
    type: PaymentMethodType,
    brand: z.string().nullable().meta({ description: 'Card brand (visa, mastercard, …) or bank name' }),
    last4: z.string().nullable(),
  })
  .meta({ id: 'PaymentMethodSummary' });

/** The part of a payment applied to one invoice. */
export const PaymentAllocation = z
  .strictObject({ invoiceId: z.string(), invoiceNumber: z.string(), amount: Money, depositAccount: DepositAccount })
  .meta({ id: 'PaymentAllocation' });

/** A refund of a payment as the client sees it: pending or made (the firm's reason is not shown). */
export const PaymentRefund = z
  .strictObject({ id: z.string(), amount: Money, status: z.enum(['pending', 'succeeded']), createdAt: Instant })
  .meta({ id: 'PaymentRefund' });

/** A refund as the firm sees it. */
export const Refund = z
  .strictObject({
    id: z.string(),
    paymentId: z.string(),
    amount: Money,
    currency: Currency,
    reason: z.string().nullable().meta({ description: "The firm's own note; not shown to the client" }),
    status: z.enum(['pending', 'succeeded', 'failed']).meta({ description: 'Only a succeeded refund gave money back and reopened invoices' }),
    origin: z.enum(['api', 'processor']).meta({ description: "`api`: asked for through this API; `processor`: made at the processor (Stripe's dashboard)" }),
    processorRef: z.string().nullable().meta({ description: "The processor's id of the refund (`re_…` for Stripe)" }),
    allocations: z
      .array(z.strictObject({ invoiceId: z.string(), invoiceNumber: z.string(), amount: Money }))
      .meta({ description: "The invoices a succeeded refund reopened: the payment's allocations, last first" }),
    failure: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Refund' });

export const Payment = z
  .strictObject({
    id: z.string(),
    status: PaymentStatus,
    amount: Money.meta({ description: 'What was charged: the allocations plus `surcharge`' }),
    surcharge: Money.optional().meta({ description: 'The card surcharge included in `amount`, booked to operating; 0 when none' }),
    surchargePercent: z.number().nullable().optional().meta({ description: 'The surcharge rate in percent; null when none' }),
    currency: Currency,
    method: PaymentMethodSummary,
    source: z.enum(['portal', 'firm']).meta({ description: 'Paid through the portal, or recorded by the firm (a check, a wire)' }),
    reference: z.string().nullable().meta({ description: "The firm's reference for a payment it recorded, e.g. a check number" }),
    receiptNumber: z.string().nullable().meta({ description: 'The receipt number; null for a failed payment, which received no money and so has no receipt' }),
    allocations: z.array(PaymentAllocation),
    failure: z
      .strictObject({ code: z.string(), declineCode: z.string().optional(), message: z.string() })
      .nullable()
      .meta({ description: "Why a payment failed, in the processor's terms" }),
    amountRefunded: Money.meta({ description: 'What refunds have given back; the whole amount when the status is `refunded`' }),
    refunds: z.array(PaymentRefund).meta({ description: 'Refunds made or on their way, oldest first' }),
    checkoutId: z.string().nullable().meta({ description: 'Payments made in one checkout share this (one per deposit account)' }),
    createdAt: Instant,
    updatedAt: Instant.meta({ description: 'When the status last changed' }),
  })
  .meta({ id: 'Payment' });

export const PaymentPage = pageOf(Payment).meta({ id: 'PaymentPage' });

/** What the payments a filter selects add up to, one entry per currency (none when nothing matches). */
export const PaymentTotals = z
  .strictObject({
    data: z.array(
      z.strictObject({
        currency: Currency,
        count: z.number().int().meta({ description: 'How many payments, whatever their status' }),
        collected: Money.meta({ description: 'Payments that went through (succeeded, refunded or disputed), before refunds' }),
        processing: Money.meta({ description: 'Bank debits and other payments not settled yet' }),
        refunded: Money.meta({ description: 'What succeeded refunds of these payments gave back' }),
      }),
    ),
  })
  .meta({ id: 'PaymentTotals' });

/** A payment as the firm lists it. */
export const FirmPaymentSummary = Payment.extend({
  contactId: z.string(),
  receiptNumber: z.string().meta({ description: "The firm's reference of every attempt, failed ones included; the client sees it only on money received" }),
}).meta({ id: 'FirmPaymentSummary' });
export const FirmPaymentPage = pageOf(FirmPaymentSummary).meta({ id: 'FirmPaymentPage' });

/** One payment as the firm sees it: the client, where the money went at the processor, its history and authorization. */
export const FirmPayment = FirmPaymentSummary.extend({
  contact: z.strictObject({ id: z.string(), name: z.string(), email: z.string() }),
  processor: z.enum(['sandbox', 'stripe']).nullable(),
  processorRef: z.string().nullable().meta({ description: "The processor's id of the charge (a PaymentIntent for Stripe)" }),
  fee: Money.nullable().meta({ description: 'What the processor charged, where it reports it' }),
  history: z.array(z.strictObject({ status: z.string(), at: Instant })),
  refunds: z.array(Refund).meta({ description: 'Every refund of the payment, failed ones included, oldest first' }),
  mandate: z
    .strictObject({ text: z.string(), acceptedAt: Instant, ip: z.string().nullable(), userAgent: z.string().nullable() })
    .nullable()
    .meta({ description: 'The ACH debit authorization the client accepted' }),
}).meta({ id: 'FirmPayment' });

/** Which processor takes payments and how the browser reaches it. */
export const PaymentSetup = z
  .strictObject({
    processor: z.enum(['sandbox', 'stripe']),
    publishableKey: z.string().nullable().meta({ description: "Stripe's publishable key, with processor `stripe`" }),
    bankLink: z.enum(['sandbox', 'plaid']),
    sandboxUrl: z.string().nullable().meta({ description: "The sandbox processor's browser-facing API, with processor `sandbox`" }),
  })
  .meta({ id: 'PaymentSetup' });

export const Mandate = z.strictObject({ text: z.string() }).meta({ id: 'Mandate', description: 'The ACH debit authorization text' });

/** Why a payment carries no card surcharge, or a smaller one than the firm's rate. */
export const SurchargeReason = z.enum(['disabled', 'not_credit_card', 'trust_only', 'state_prohibits', 'state_cap']).meta({
  id: 'SurchargeReason',
  description:
    '`disabled`: the firm adds none; `not_credit_card`: debit, prepaid or bank; `trust_only`: only trust invoices; `state_prohibits`: the client’s state forbids it; `state_cap`: the state caps the rate',
});

/** What a payment would come to: the allocations, the card surcharge the rules give, and the total to confirm. */
export const PaymentQuote = z
  .strictObject({
    currency: Currency,
    subtotal: Money.meta({ description: 'The allocations' }),
    surcharge: z.strictObject({
      amount: Money.meta({ description: 'Added to the operating part of the payment; 0 when none' }),
      percent: z.number().meta({ description: 'The rate applied; 0 when none' }),
      reason: SurchargeReason.nullable(),
    }),
    total: Money.meta({ description: 'What will be charged: send it as `amount` with `POST /payments`' }),
  })
  .meta({ id: 'PaymentQuote' });

/** A payment waiting for 3-D Secure, and the secret the processor's challenge needs. */
export const PaymentNextAction = z.strictObject({ paymentId: z.string(), clientSecret: z.string() }).meta({ id: 'PaymentNextAction' });

/** The answer to a checkout: one payment per deposit account (`payment` is the first) and the challenges still to complete. */
export const CheckoutResult = z
  .strictObject({
    payment: Payment,
    payments: z.array(Payment),
    clientSecret: z.string().optional(),
    nextActions: z.array(PaymentNextAction).optional(),
  })
  .meta({ id: 'CheckoutResult' });

/** A payment method the client saved for later, with their consent. */
export const SavedPaymentMethod = z
  .strictObject({
    id: z.string(),
    type: z.enum(['card', 'us_bank_account']),
    brand: z.string().nullable().meta({ description: 'Card brand, or the bank name' }),
    last4: z.string(),
    expMonth: z.number().int().nullable(),
    expYear: z.number().int().nullable(),
    createdAt: Instant,
    isDefault: z.boolean().meta({ description: 'The method the client chose to pay with first (at most one)' }),
  })
  .meta({ id: 'SavedPaymentMethod' });

export const SavedPaymentMethods = listOf(SavedPaymentMethod).meta({ id: 'SavedPaymentMethods' });

/** The result of the bank sign-in, to turn into a payment method. */
export const BankLinkExchange = z
  .strictObject({ publicToken: z.string().min(10).max(200), accountId: z.string().max(200).optional() })
  .meta({ id: 'BankLinkExchange' });

/** A bank sign-in just started. */
export const BankLink = z.strictObject({ provider: z.enum(['sandbox', 'plaid']), linkToken: z.string(), expiresAt: Instant }).meta({ id: 'BankLink' });

/** A bank account the client connected, as a processor token ready to debit. */
export const LinkedAccount = z
  .strictObject({
    paymentMethod: z.strictObject({ type: z.literal('us_bank_account'), token: z.string(), bankName: z.string(), last4: z.string(), accountType: z.string() }),
  })
  .meta({ id: 'LinkedAccount' });

/** A Stripe event as Stripe sends it; the raw body is what the `Stripe-Signature` header signs. */
export const StripeEvent = z
  .looseObject({
    id: z.string(),
    type: z.string().meta({ description: 'e.g. payment_intent.succeeded, charge.refunded' }),
    data: z.looseObject({ object: z.looseObject({}) }),
  })
  .meta({ id: 'StripeEvent' });

/** What the service did with a Stripe event. */
export const StripeEventReceipt = z
  .strictObject({
    received: z.literal(true),
    outcome: z.enum(['applied', 'unchanged', 'duplicate', 'ignored']),
    reason: z.string().optional().meta({ description: 'Why an event was ignored' }),
  })
  .meta({ id: 'StripeEventReceipt' });
