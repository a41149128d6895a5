/** Autopay: each invoice the firm publishes for a matter, charged to a saved method on its due date. */
import type { InstalmentStatus, PlanMethod } from './plan.ts';

export type EnrolmentStatus = 'active' | 'cancelled' | 'stopped';

/** A charge's states are an instalment's: scheduled, charging, processing, paid, failed, skipped, cancelled. */
export type AutopayChargeStatus = InstalmentStatus;

export interface AutopayCharge {
  id: string;
  enrolmentId: string;
  firmId: string;
  invoiceId: string;
  /** What the last attempt charged (the invoice's open balance then); 0 before the first. */
  amount: number;
  /** The invoice's due date (the day it was published, when that came later). */
  chargeOn: string;
  attemptOn: string;
  status: AutopayChargeStatus;
  attempts: number;
  paymentId: string | null;
  remindedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export interface EnrolmentRecord {
  id: string;
  firmId: string;
  contactId: string;
  matter: string;
  authorizationId: string;
  savedMethodId: string;
  status: EnrolmentStatus;
  createdAt: string;
  endedAt: string | null;
  endedReason: string | null;
  method: PlanMethod;
  charges: AutopayCharge[];
}

/** Why a charge was skipped instead of charged: recorded as its `lastError`. */
export const skippedReasons = {
  paid: 'Nothing was left to pay on the charge date.',
  onPlan: 'The invoice is on a payment plan.',
} as const;
