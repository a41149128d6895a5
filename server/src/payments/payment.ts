import type { z } from 'zod';
import { clientMethodBrand } from './bank-names.ts';
import type * as contract from './payments.contract.ts';

export type PaymentStatus = z.output<typeof contract.PaymentStatus>;
export type MethodType = z.output<typeof contract.PaymentMethodType>;

export type PaymentMethodSummary = z.output<typeof contract.PaymentMethodSummary>;

export type Allocation = z.output<typeof contract.PaymentAllocation>;

/** A refund of a payment, as the client sees it (the firm's reason stays the firm's). */
export type PaymentRefund = z.output<typeof contract.PaymentRefund>;

export type Payment = z.output<typeof contract.Payment>;

/** A payment as the ledger keeps it: every attempt has its number, the firm's reference to it. */
export type PaymentRecord = Payment & { receiptNumber: string };

/**
 * A payment as its client sees it. Only money received has a receipt: a failed attempt (a
 * declined card, a returned bank debit) shows no receipt number, as a statement would show none.
 */
export function asClientSees(payment: PaymentRecord): Payment {
  const { method } = payment;
  // A bank's name as the client knows it, for payments recorded before names were kept that way.
  const seen = { ...payment, method: { ...method, brand: clientMethodBrand(method) } };
  return payment.status === 'failed' ? { ...seen, receiptNumber: null } : seen;
}
