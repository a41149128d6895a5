import { addDays, todayIn } from '../calendar.ts';
import type { Firm } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { ProcessorUnavailable, type CheckoutService } from '../payments/index.ts';
import { remindDaysBefore } from './plan.ts';
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

/**
 * The attempt a charge job is for: the one in progress when the last stopped while charging
 * (its key makes the job the same one again), else the next.
 */
export function attemptToCharge(charge: { status: string; attempts: number }): number {
  return charge.status === 'charging' ? charge.attempts : charge.attempts + 1;
}

/** Why a charge that neither succeeded nor waits on a bank failed, in the words its emails use. */
export function failureReason(outcome: ScheduledOutcome): string {
  return outcome.status === 'requires_action'
    ? 'The card asks for authentication, which a scheduled charge cannot give.'
    : (outcome.failure ?? 'The charge was declined.');
}

/** A charge, or an instalment, that the sweep looks at: a bank debit waiting to settle, or one whose attempt may be due. */
interface SweptCharge {
  id: string;
  firmId: string;
  status: string;
  attemptOn: string;
}

/** What one kind of scheduled charge (a plan's instalments, autopay's charges) gives the sweep. */
export interface ChargeSchedule<Due extends SweptCharge, Reminded extends Omit<SweptCharge, 'status'>> {
  now: Date;
  firm(id: string): Promise<Firm>;
  /** Those waiting on a bank debit, and those whose attempt falls on or before `through`. */
  due(through: string): Promise<Due[]>;
  /** Records how a bank debit ended, if it has; whether it had. */
  settle(firm: Firm, due: Due, today: string): Promise<boolean>;
  /** Enqueues the charge's next attempt (once per attempt); whether it was new. */
  charge(due: Due): Promise<boolean>;
  /** Those whose attempt falls between `from` and `to` and whose client has not been reminded. */
  toRemind(from: string, to: string): Promise<Reminded[]>;
  remind(firm: Firm, due: Reminded): Promise<boolean>;
}

/**
 * Brings scheduled charges up to date with each firm's today: the outcome of bank debits that
 * settled, a charge job for each attempt that is due, reminders `remindDaysBefore` days ahead.
 */
export async function sweepSchedule<Due extends SweptCharge, Reminded extends Omit<SweptCharge, 'status'>>(
  schedule: ChargeSchedule<Due, Reminded>,
): Promise<{ charges: number; reminders: number; settled: number }> {
  const utcToday = schedule.now.toISOString().slice(0, 10);
  const firms = new Map<string, Promise<Firm>>();
  const firmOf = (id: string) => firms.get(id) ?? firms.set(id, schedule.firm(id)).get(id)!;
  let charges = 0;
  let reminders = 0;
  let settled = 0;
  // Some time zone's today runs a day ahead of UTC's.
  for (const due of await schedule.due(addDays(utcToday, 1))) {
    const firm = await firmOf(due.firmId);
    const today = todayIn(firm.settings.timeZone, schedule.now);
    if (due.status === 'processing') {
      if (await schedule.settle(firm, due, today)) settled += 1;
    } else if (due.attemptOn <= today && (await schedule.charge(due))) charges += 1;
  }
  for (const due of await schedule.toRemind(addDays(utcToday, -1), addDays(utcToday, remindDaysBefore + 1))) {
    const firm = await firmOf(due.firmId);
    const today = todayIn(firm.settings.timeZone, schedule.now);
    if (due.attemptOn < today || due.attemptOn > addDays(today, remindDaysBefore)) continue;
    if (await schedule.remind(firm, due)) reminders += 1;
  }
  return { charges, reminders, settled };
}
