import type { Clock } from '../clock.ts';
import { defaultSettings } from '../firms/index.ts';
import type { Problem } from '../http/problem.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';
import { describeWait, rateLimited, secondsUntilOpen } from './rate-limiter.ts';

/** Who is paying: the firm, its client, and the address the request came from (when known). */
export interface PaymentAttempt {
  firmId: string;
  contactId: string;
  ip?: string | null;
  /** The firm's `settings.paymentFailuresPerHour`. */
  perHour: number;
}

export interface PaymentFailureLimitsDeps {
  store: LimitStore;
  clock: Clock;
  /** Names the firm in the refusal ("… or contact Hale & Whitmore LLP"). */
  firmName: (firmId: string) => Promise<string | undefined>;
}

const hour = 3_600_000;

/**
 * Declined payment attempts, counted per client and per IP address within each firm, in
 * fixed one-hour windows: past the firm's limit, paying is refused until the window closes.
 * Stops card testing through the portal and a client's endless retries of a failing card.
 *
 * The checkout calls `check` before it charges and `recordFailure` when the processor declines.
 * Two attempts racing past `check` together can each still be charged: the limit may be passed
 * by the number of a client's concurrent requests, never more.
 */
export class PaymentFailureLimits {
  constructor(private readonly deps: PaymentFailureLimitsDeps) {}

  /** Throws `429 rate_limited` (with `retryAfter`) while the client or the IP is over the firm's limit. */
  async check(attempt: PaymentAttempt): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock();
    const limit = perHour(attempt.perHour);
    const windows = await Promise.all(keys(attempt).map((key) => store.peek(key, now)));
    const over = windows.filter((window): window is LimitWindow => window !== null && window.hits >= limit);
    if (over.length === 0) return;
    throw await this.#limited(attempt.firmId, Math.max(...over.map((window) => secondsUntilOpen(window, now))));
  }

  /** Counts one declined attempt for the client and for the IP. */
  async recordFailure(attempt: PaymentAttempt): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock();
    await Promise.all(keys(attempt).map((key) => store.hit(key, hour, now)));
  }

  async #limited(firmId: string, retryAfter: number): Promise<Problem> {
    const firm = await this.deps.firmName(firmId);
    return rateLimited(`Too many declined payment attempts. Try again in ${describeWait(retryAfter)}${firm ? `, or contact ${firm}` : ''}.`, retryAfter);
  }
}

function keys(attempt: PaymentAttempt): string[] {
  const scope = `payment-failures:${attempt.firmId}`;
  return attempt.ip ? [`${scope}:contact:${attempt.contactId}`, `${scope}:ip:${attempt.ip}`] : [`${scope}:contact:${attempt.contactId}`];
}

/** The firm's limit, or the default when the value is not a usable count. */
function perHour(value: number): number {
  return Number.isInteger(value) && value >= 1 ? value : defaultSettings.paymentFailuresPerHour;
}
