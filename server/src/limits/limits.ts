import { createAuthLimits } from './auth-limits.ts';
import type { Clock } from '../clock.ts';
import type { Storage } from '../db/storage.ts';
import type { FirmsService } from '../firms/index.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';
import { LimitsRepository } from './limits.repository.ts';
import { PaymentFailureLimits } from './payment-failures.ts';

export type { LimitStore, LimitWindow } from './limit-store.ts';
export { PaymentFailureLimits, type PaymentAttempt } from './payment-failures.ts';
export { RateLimiter } from './rate-limiter.ts';

/**
 * The service's abuse limits, all counted in one store in its database: the sign-in limits and
 * declined payment attempts.
 */
export function createLimits(deps: { storage: Storage; clock: Clock; firms: FirmsService }) {
  const { clock, firms } = deps;
  const store = new PrunedHourly(new LimitsRepository(deps.storage));
  return {
    auth: createAuthLimits(store, clock),
    paymentFailures: new PaymentFailureLimits({ store, clock, firmName: async (firmId) => (await firms.findById(firmId))?.name }),
  };
}
export type Limits = ReturnType<typeof createLimits>;

const hour = 3_600_000;

/** Forgets closed windows at most once an hour, on a hit, so the table stays the size of its open windows. */
class PrunedHourly implements LimitStore {
  #prunedAt = -Infinity;

  constructor(private readonly store: LimitStore) {}

  async hit(key: string, windowMs: number, now: Date): Promise<LimitWindow> {
    if (now.getTime() - this.#prunedAt >= hour) {
      this.#prunedAt = now.getTime();
      await this.store.prune(now);
    }
    return this.store.hit(key, windowMs, now);
  }

  peek(key: string, now: Date) {
    return this.store.peek(key, now);
  }

  clear(key: string) {
    return this.store.clear(key);
  }

  prune(now: Date) {
    return this.store.prune(now);
  }
}
