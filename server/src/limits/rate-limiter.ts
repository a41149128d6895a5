import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';

/** Whole seconds until `window` closes, at least one: the `retryAfter` of a 429. */
export function secondsUntilOpen(window: LimitWindow, now: Date): number {
  return Math.max(1, Math.ceil((window.endsAt.getTime() - now.getTime()) / 1000));
}

/** "42 seconds", "1 minute", "42 minutes": how long to wait, in words. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The one answer of every limit: `429 rate_limited` with `retryAfter` (sent as `Retry-After` too). */
export function rateLimited(detail: string, retryAfter: number): Problem {
  return new Problem(429, 'rate_limited', detail, { retryAfter });
}

/**
 * Counts attempts per key in fixed windows kept in the service's database, so a limit holds
 * across a restart. `consume` throws a 429 problem once a key has used up its window.
 */
export class RateLimiter {
  /**
   * @param name Prefixes the keys in the store, so limiters sharing it never count each other's.
   */
  constructor(
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly store: LimitStore,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt; throws `rate_limited` when the key is over its limit. */
  async consume(key: string): Promise<void> {
    const now = this.clock();
    const window = await this.store.hit(this.#key(key), this.windowMs, now);
    if (window.hits > this.limit) throw this.#limited(window, now);
  }

  /** Throws like `consume` without counting: to check a key before doing the work. */
  async check(key: string): Promise<void> {
    const now = this.clock();
    const window = await this.store.peek(this.#key(key), now);
    if (window && window.hits >= this.limit) throw this.#limited(window, now);
  }

  async reset(key: string): Promise<void> {
    await this.store.clear(this.#key(key));
  }

  #key(key: string): string {
    return `${this.name}:${key}`;
  }

  #limited(window: LimitWindow, now: Date): Problem {
    const retryAfter = secondsUntilOpen(window, now);
    return rateLimited(`Too many attempts. Try again in ${describeWait(retryAfter)}.`, retryAfter);
  }
}
