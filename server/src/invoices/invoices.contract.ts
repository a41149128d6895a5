import { z } from 'zod';
import { isCalendarDate } from '../calendar.ts';
import { externalIdFilter, externalIdSchema } from '../external-id.ts';
import { CalendarDate, Currency, Instant, Money, pageOf } from '../http/schema.ts';
import { clientStatuses, unpaidStatuses, type InvoiceStatus as Status } from './invoice.ts';

// Requests

const calendarDate = z.string().refine(isCalendarDate, 'must be a date like 2026-03-31');
const minor = z.number().int('must be whole minor units (cents)').min(0).max(1_000_000_000_000);
const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'must have at most three decimals');

const lineSchema = z.strictObject({
  kind: z.enum(['time', 'expense', 'flat_fee', 'discount', 'tax']),
  date: calendarDate.optional(),
  description: z.string().trim().min(1, 'is required').max(1000),
  quantity: quantity.optional(),
  rate: minor.optional(),
  amount: minor.optional(),
  percent: z.number().min(0).max(100).optional(),
});

const invoiceFields = {
  number: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\w./#-]+$/, 'may hold letters, digits and . / # - _')
    .optional(),
  matter: z.string().trim().max(200).nullable().optional(),
  issuedOn: calendarDate.optional(),
  dueOn: calendarDate.optional(),
  depositAccount: z.enum(['operating', 'trust']).optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
  lines: z.array(lineSchema).max(500).optional(),
  externalId: externalIdSchema.nullable().optional(),
};
export const newInvoiceSchema = z
  .strictObject({
    contactId: z.string().min(1).max(64),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    ...invoiceFields,
  })
  .meta({ id: 'NewInvoice' });
export const invoiceChangesSchema = z.strictObject(invoiceFields).meta({ id: 'InvoiceChanges' });

const sortKeys = ['issuedOn', 'dueOn', 'number', 'total', 'balance'] as const;
const statusFilter = z
  .string()
  .default('all')
  .meta({ description: 'One status or several, comma-separated: open, partially_paid, overdue, paid, void, draft (firm only), unpaid, all' })
  .transform((value, ctx) => {
    const wanted = new Set<Status>();
    for (const part of value.split(',')) {
      if (part === 'all') clientStatuses.forEach((s) => wanted.add(s));
      else if (part === 'unpaid') unpaidStatuses.forEach((s) => wanted.add(s));
      else if ((clientStatuses as readonly string[]).includes(part) || part === 'draft') wanted.add(part as Status);
      else {
        ctx.addIssue({ code: 'custom', message: `has an unknown status "${part}" (use ${[...clientStatuses, 'unpaid', 'all'].join(', ')})` });
        return z.NEVER;
      }
    }
    return [...wanted];
  });
export const listQuery = z.strictObject({
  status: statusFilter,
  sort: z
    .string()
    .default('-issuedOn')
    .refine(
      (s) => (sortKeys as readonly string[]).includes(s.replace(/^-/, '')),
      `must be one of ${sortKeys.join(', ')}, optionally with a leading - for descending`,
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const adminListQuery = listQuery
  .extend({
    contactId: z.string().max(64).optional(),
    externalId: externalIdFilter,
    depositAccount: z.enum(['operating', 'trust']).optional(),
    dueFrom: calendarDate.optional().meta({ description: 'Due on or after this date' }),
    dueTo: calendarDate.optional().meta({ description: 'Due on or before this date' }),
  })
  .refine((q) => !q.dueFrom || !q.dueTo || q.dueFrom <= q.dueTo, { message: 'must not be after dueTo', path: ['dueFrom'] });

/** Voiding an invoice: why, for the firm's own records. */
export const voidSchema = z.strictObject({ reason: z.string().trim().max(500).optional() }).meta({ id: 'InvoiceVoid' });

// Replies

export const InvoiceStatus = z
  .enum(['open', 'partially_paid', 'overdue', 'paid', 'void'])
  .meta({ id: 'InvoiceStatus', description: 'Where the invoice stands for the client: derived from the payments and the due date' });

export const FirmInvoiceStatus = z
  .enum(['draft', 'open', 'partially_paid', 'overdue', 'paid', 'void'])
  .meta({ id: 'FirmInvoiceStatus', description: 'As the client sees it, and `draft` before it is sent' });

/** What the firm also sees of an invoice. */
const firmFields = {
  status: FirmInvoiceStatus,
  externalId: z.string().nullable().meta({ description: "The invoice's id in the firm's own system" }),
};

export const DepositAccount = z
  .enum(['operating', 'trust'])
  .meta({ id: 'DepositAccount', description: "The firm's bank account the invoice is paid into: a trust retainer request goes to `trust`" });

export const InvoiceLine = z
  .strictObject({
    id: z.string(),
    kind: z.enum(['time', 'expense', 'flat_fee', 'discount', 'tax']),
    date: CalendarDate.nullable(),
    description: z.string(),
    quantity: z.number().nullable().meta({ description: 'Hours for time entries, units for expenses' }),
    rate: Money.nullable().meta({ description: 'Minor units per unit of quantity' }),
    amount: Money.meta({ description: 'Minor units; negative for discounts' }),
  })
  .meta({ id: 'InvoiceLine' });

/** An invoice as listed. */
export const Invoice = z
  .strictObject({
    id: z.string(),
    number: z.string(),
    matter: z.string().nullable(),
    contactId: z.string(),
    issuedOn: CalendarDate,
    dueOn: CalendarDate,
    currency: Currency,
    depositAccount: DepositAccount,
    status: InvoiceStatus,
    total: Money,
    amountPaid: Money.meta({ description: 'Settled payments applied to the invoice' }),
    amountPending: Money.meta({ description: 'Payments still processing (bank debits)' }),
    balance: Money.meta({ description: 'What is still owed: total minus settled payments' }),
    openBalance: Money.meta({ description: 'What can be paid now: the balance minus payments still processing' }),
  })
  .meta({ id: 'Invoice' });

/** A payment as applied to one invoice. */
export const AppliedPayment = z
  .strictObject({
    paymentId: z.string(),
    receiptNumber: z.string(),
    date: Instant,
    amount: Money.meta({ description: 'The part of the payment applied to this invoice' }),
    status: z.string(),
    method: z.strictObject({ type: z.string(), brand: z.string().nullable(), last4: z.string().nullable() }),
  })
  .meta({ id: 'AppliedPayment' });

/** One invoice with its lines and the payments applied to it. */
export const InvoiceDetail = Invoice.extend({
  subtotal: Money.meta({ description: 'Fees and expenses before discounts and tax' }),
  discount: Money.meta({ description: 'Discounts, as a negative amount (or 0)' }),
  tax: Money,
  notes: z.string().nullable(),
  lines: z.array(InvoiceLine),
  payments: z.array(AppliedPayment),
  sentAt: Instant.nullable(),
  voidedAt: Instant.nullable(),
}).meta({ id: 'InvoiceDetail' });

export const InvoicePage = pageOf(Invoice).meta({ id: 'InvoicePage' });

/** What the client owes now: `GET /invoices/outstanding`. */
export const OutstandingInvoices = z
  .strictObject({
    invoiceIds: z.array(z.string()).meta({ description: 'Every unpaid invoice with something left to pay now, soonest due first' }),
    amount: Money.nullable().meta({ description: 'What can be paid now on them all; null when they are in more than one currency' }),
    currency: Currency.nullable(),
    processing: Money.nullable().optional().meta({
      description:
        "What payments still on their way (bank debits) will pay on the client's unpaid invoices: in their balances, not in `amount`; null when they are in more than one currency",
    }),
  })
  .meta({ id: 'OutstandingInvoices' });

/** An invoice as the firm lists it, drafts included. */
export const FirmInvoice = Invoice.extend(firmFields).meta({ id: 'FirmInvoice' });
export const FirmInvoicePage = pageOf(FirmInvoice).meta({ id: 'FirmInvoicePage' });

/** One invoice as the firm sees it, with where it is in its lifecycle. */
export const FirmInvoiceDetail = InvoiceDetail.extend({
  ...firmFields,
  state: z.enum(['draft', 'sent', 'void']).meta({ description: 'The lifecycle: a draft is sent once, and may be voided' }),
  createdAt: Instant.meta({ description: 'When the invoice was drafted' }),
  voidReason: z.string().nullable().meta({ description: "The firm's reason for voiding it, if it gave one" }),
}).meta({ id: 'FirmInvoiceDetail' });
