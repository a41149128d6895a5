import type { Firm } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import type { DepositAccount } from '../invoices/index.ts';

/** A payment method as the processor knows it, found from the token the browser made. */
export interface ProcessorMethod {
  ref: string;
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  /** False once a single-use token has been charged, or when the method is saved for another customer. */
  usable: boolean;
  /** Bank accounts: checking or savings. */
  accountType?: string | null;
  /** Bank accounts: typed in as numbers, or linked through bank sign-in (the firm may allow one and not the other). */
  origin?: 'typed' | 'linked';
  /** Cards: credit, debit or prepaid, as the processor reports it (Stripe's `card.funding`); only credit cards carry a surcharge. */
  funding?: 'credit' | 'debit' | 'prepaid' | 'unknown' | null;
  /** Cards: the billing postal code given with the card, when there was one. */
  postalCode?: string | null;
  /** Cards: the wallet the card came from (`apple_pay`, `google_pay`), when it came from one. */
  wallet?: string | null;
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
  methodType?: 'card' | 'us_bank_account';
  /** The processor account the money is routed to, when not the processor's own (see `destinationFor`). */
  destination?: string | null;
  /** For bank debits: the authorization the client accepted, as it was recorded. */
  mandate?: { ip: string | null; userAgent: string | null; acceptedAt: string };
}

export interface ChargeLookup {
  paymentId: string;
  /** The processor idempotency key the charge was (or would have been) made with. */
  idempotencyKey: string;
  contactId: string;
  /** When the payment was reserved: the charge cannot be older. */
  createdAt: string;
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
  /** Our payment id, as the processor kept it; matches a charge whose answer never reached us. */
  paymentId?: string;
  failure?: ChargeFailure;
  occurredAt: string;
}

export interface RefundRequest {
  /** Ours; the processor keeps it so a refund whose answer never reached us can be found. */
  refundId: string;
  paymentId: string;
  /** The processor's id of the charge being refunded (a PaymentIntent for Stripe). */
  chargeRef: string;
  /** Derived from our refund id: a retried or resumed request can never refund twice. */
  idempotencyKey: string;
  amount: number;
  currency: string;
}

export interface RefundLookup {
  refundId: string;
  idempotencyKey: string;
  chargeRef: string;
}

export interface RefundResult {
  /** `pending`: the processor took it but has not finished (bank refunds take days). */
  status: 'pending' | 'succeeded' | 'failed';
  processorRef: string;
  failure?: ChargeFailure;
}

/** A refund of a charge as the processor records it, whoever made it (our API, or its dashboard). */
export interface ProcessorRefund extends RefundResult {
  amount: number;
  /** Our refund id, when the refund was asked for through our API. */
  refundId: string | null;
}

/** One payment processor (the built-in sandbox, or Stripe), behind the same calls. */
export interface PaymentProcessor {
  readonly name: 'sandbox' | 'stripe';
  /** The method behind a token; `usable` is false once it was used, or when it belongs to another customer. */
  retrieveMethod(token: string, contactId: string): Promise<ProcessorMethod | undefined>;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Looks again at a charge that needed the client's authentication. */
  refresh(processorRef: string): Promise<ChargeResult>;
  /**
   * The charge made for one of our payments, found in the processor's own record, or undefined
   * when the request never reached it: how a checkout interrupted by a crash is settled.
   */
  findCharge(lookup: ChargeLookup): Promise<ChargeResult | undefined>;
  /** Cancels a charge still waiting for the client's authentication. */
  cancel(processorRef: string): Promise<void>;
  /** Forgets a saved method at the processor. */
  detach(methodRef: string): Promise<void>;
  /**
   * Refunds all or part of a succeeded charge, back to where it came from (for a destination
   * charge, out of the account the money went to). A Problem when the processor refuses it.
   */
  refund(request: RefundRequest): Promise<RefundResult>;
  /** A refund asked for with this key, found in the processor's own record, or undefined when the request never reached it. */
  findRefund(lookup: RefundLookup): Promise<RefundResult | undefined>;
  /** What the processor charged for a charge (minor units), when it reports it; null when it does not (yet). */
  feeOf?(chargeRef: string): Promise<number | null>;
  /**
   * Where a deposit account's money goes at the processor (a connected account), or null for the
   * processor's own. Throws a Problem when the firm has not set up an account the rules require.
   * Called before any money moves.
   */
  destinationFor?(firm: Firm, account: DepositAccount): string | null;
}

/**
 * The processor could not be asked or did not answer (unreachable, timed out, rate limited, its own
 * error). Whether a charge happened is unknown until it is asked again with the same idempotency key.
 */
export class ProcessorUnavailable extends Problem {
  constructor(status: 502 | 503, message: string, reason: 'unreachable' | 'rate_limited' | 'processor_error') {
    super(status, 'processor_unavailable', message, { reason });
    this.name = 'ProcessorUnavailable';
  }
}
