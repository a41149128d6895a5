import type { z } from 'zod';
import type * as contract from './payments.contract.ts';

export type PaymentStatus = z.output<typeof contract.PaymentStatus>;
export type MethodType = z.output<typeof contract.PaymentMethodType>;

export type PaymentMethodSummary = z.output<typeof contract.PaymentMethodSummary>;

export type Allocation = z.output<typeof contract.PaymentAllocation>;

/** A refund of a payment, as the client sees it (the firm's reason stays the firm's). */
export type PaymentRefund = z.output<typeof contract.PaymentRefund>;

export type Payment = z.output<typeof contract.Payment>;
