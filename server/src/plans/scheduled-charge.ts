import { Problem } from '../http/problem.ts';
import { ProcessorUnavailable, type CheckoutService } from '../payments/index.ts';
import type { AuthorizationRecord } from './plans.repository.ts';

/** How a scheduled charge ended at the processor, as the plan or autopay records it. */
export interface ScheduledOutcome {
  paymentId: string | null;
  status: string;
  failure: string | null;
}

/** One attempt of a charge the client authorized in advance: a plan's instalment or an autopay charge. */
export interface ScheduledCharge {
  /** The checkout's idempotency key: one per attempt, so a run repeated after a crash gets the first run's answer. */
  key: string;
  firmId: string;
  contactId: string;
  invoiceId: string;
  amount: number;
  savedMethodId: string;
  methodType: 'card' | 'us_bank_account';
  /** What the client accepted, and where from: the charge is made on their behalf. */
  authorization: Pick<AuthorizationRecord, 'ip' | 'userAgent' | 'text'>;
}

/**
 * Charges the authorization's saved method through the client checkout, on the client's behalf
 * (the IP, browser and wording they accepted). A refusal is an outcome; no answer yet (the
 * processor down, another run holding the key, a 5xx) throws, so that the job runs again with
 * the same key.
 */
export async function chargeSavedMethod(checkout: Pick<CheckoutService, 'pay'>, charge: ScheduledCharge): Promise<ScheduledOutcome> {
  const { authorization } = charge;
  try {
    const reply = await checkout.pay(
      {
        firmId: charge.firmId,
        contactId: charge.contactId,
        idempotencyKey: charge.key,
        ip: authorization.ip,
        userAgent: authorization.userAgent,
        authorizationText: authorization.text,
      },
      {
        allocations: [{ invoiceId: charge.invoiceId, amount: charge.amount }],
        paymentMethod: { savedId: charge.savedMethodId },
        ...(charge.methodType === 'us_bank_account' ? { mandate: { accepted: true } } : {}),
      },
    );
    const payment = (reply.body as { payment?: { id: string; status: string; failure?: { message: string } | null } }).payment;
    return payment
      ? { paymentId: payment.id, status: payment.status, failure: payment.failure?.message ?? null }
      : { paymentId: null, status: 'failed', failure: (reply.body as { detail?: string }).detail ?? 'The payment was refused.' };
  } catch (error) {
    if (error instanceof ProcessorUnavailable || !(error instanceof Problem) || error.status >= 500 || error.status === 409 || error.status === 429)
      throw error;
    return { paymentId: null, status: 'failed', failure: error.message };
  }
}

/** Why a charge that neither succeeded nor waits on a bank failed, in the words its emails use. */
export function failureReason(outcome: ScheduledOutcome): string {
  return outcome.status === 'requires_action'
    ? 'The card asks for authentication, which a scheduled charge cannot give.'
    : (outcome.failure ?? 'The charge was declined.');
}
