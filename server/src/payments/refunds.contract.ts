import { z } from 'zod';
import { FirmPaymentSummary, Refund } from './payments.contract.ts';

/** `POST /api/v1/admin/payments/:id/refunds`: all or part of what is left of the payment. */
export const NewRefund = z
  .strictObject({
    amount: z
      .number({
        error: (issue) =>
          issue.input === undefined ? 'is required: the amount to refund in minor units (2500 for $25.00)' : 'must be a number of minor units',
      })
      .int('must be whole minor units (cents)')
      .positive('must be more than zero')
      .max(1_000_000_000_000)
      .meta({ description: 'Integer minor units to give back: at most what is left unrefunded of the payment' }),
    reason: z
      .string()
      .trim()
      .max(500, 'must be at most 500 characters')
      .nullable()
      .optional()
      .meta({ description: "The firm's own note of why; not shown to the client" }),
  })
  .meta({ id: 'NewRefund' });

/** The refund as it stands once the processor answered, and the payment with it. */
export const RefundResult = z.strictObject({ refund: Refund, payment: FirmPaymentSummary }).meta({ id: 'RefundResult' });
