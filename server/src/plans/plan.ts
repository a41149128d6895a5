/** A payment plan: an open invoice split into instalments, each charged on its date by the job queue. */
export type PlanStatus = 'active' | 'completed' | 'cancelled' | 'stopped';

/**
 * `scheduled`: waits for `attemptOn`; `charging`: its checkout has started (the attempt's key is
 * fixed); `processing`: a bank debit waiting to settle; `paid`; `failed` (twice: the plan stopped);
 * `skipped`: nothing was left to charge (paid by hand); `cancelled` with its plan.
 */
export type InstalmentStatus = 'scheduled' | 'charging' | 'processing' | 'paid' | 'failed' | 'skipped' | 'cancelled';

export interface Instalment {
  id: string;
  seq: number;
  dueOn: string;
  attemptOn: string;
  amount: number;
  status: InstalmentStatus;
  attempts: number;
  paymentId: string | null;
  remindedAt: string | null;
  lastError: string | null;
}

export interface PlanMethod {
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
}

export interface PlanRecord {
  id: string;
  firmId: string;
  contactId: string;
  invoiceId: string;
  authorizationId: string;
  savedMethodId: string;
  amount: number;
  currency: string;
  status: PlanStatus;
  endedAt: string | null;
  endedReason: string | null;
  createdAt: string;
  method: PlanMethod;
  instalments: Instalment[];
}

/** How many attempts an instalment gets: the charge on its date and one retry. */
export const attemptsPerInstalment = 2;
/** Days between a failed attempt and the retry. */
export const retryAfterDays = 3;
/** Days before an instalment's date that the client is reminded. */
export const remindDaysBefore = 3;
/** How long an ended authorization is kept (NACHA asks for two years). */
export const authorizationRetentionDays = 2 * 366;

/**
 * Splits `total` into `count` instalments that add up to it exactly: equal shares, the cents left
 * over going to the first instalments.
 */
export function splitAmount(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  const rest = total - base * count;
  return Array.from({ length: count }, (_, index) => base + (index < rest ? 1 : 0));
}

/**
 * What each instalment still to be charged will actually charge, given the invoice's open balance:
 * a payment made outside the plan comes off the last instalments first, so the next one charges
 * `min(amount, balance)` and the plan ends early once nothing is left.
 */
export function effectiveAmounts(instalments: readonly Pick<Instalment, 'amount' | 'status'>[], openBalance: number): number[] {
  let left = openBalance;
  return instalments.map((instalment) => {
    if (instalment.status !== 'scheduled') return instalment.amount;
    const amount = Math.max(0, Math.min(instalment.amount, left));
    left -= amount;
    return amount;
  });
}
