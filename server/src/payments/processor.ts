import type { DepositAccount } from '../invoices/invoice.ts';

/** A payment method as the processor knows it, found from the token the browser made. */
export interface ProcessorMethod {
  ref: string;
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  /** False once a single-use token has been charged. */
  usable: boolean;
}

export interface ChargeRequest {
  /** Ours; the processor keeps it so events can be matched back. */
  paymentId: string;
  /** Sent to the processor so a retried request can never charge twice. */
  idempotencyKey: string;
  amount: number;
  currency: string;
  /** Trust and operating money go to separate processor accounts. */
  account: DepositAccount;
  methodRef: string;
  customer: { contactId: string; email: string; name: string };
  /** Keep the method for the firm's future use (the client consented). */
  saveForLater: boolean;
  description: string;
}

export interface ChargeFailure {
  code: string;
  declineCode?: string;
  message: string;
}

export interface ChargeResult {
  status: 'succeeded' | 'processing' | 'requires_action' | 'failed';
  processorRef: string;
  /** For `requires_action`: what the browser needs to complete authentication. */
  clientSecret?: string;
  failure?: ChargeFailure;
}

/** Something that happened to a charge after the request that made it (a webhook). */
export interface ProcessorEvent {
  id: string;
  type: 'succeeded' | 'processing' | 'failed' | 'refunded' | 'disputed';
  processorRef: string;
  failure?: ChargeFailure;
  occurredAt: string;
}

/** One payment processor (the built-in sandbox, or Stripe), behind the same calls. */
export interface PaymentProcessor {
  readonly name: 'sandbox' | 'stripe';
  retrieveMethod(token: string): Promise<ProcessorMethod | undefined>;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Looks again at a charge that needed the client's authentication. */
  refresh(processorRef: string): Promise<ChargeResult>;
  /** Forgets a saved method at the processor. */
  detach(methodRef: string): Promise<void>;
}
