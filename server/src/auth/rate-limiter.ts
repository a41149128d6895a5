import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';

/**
 * Counts attempts per key in fixed windows (kept in memory: one process serves a firm).
 * `consume` throws a 429 problem once a key has used up its window.
 */
export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt; throws `rate_limited` when the key is over its limit. */
  consume(key: string): void {
    this.check(key);
    this.#windows.get(key)!.count += 1;
  }

  /** Throws like `consume` without counting: to check a key before doing the work. */
  check(key: string): void {
    const now = this.clock().getTime();
    const window = this.#current(key, now);
    if (window.count >= this.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
      throw new Problem(429, 'rate_limited', `Too many attempts. Try again in ${describe(retryAfter)}.`, { retryAfter });
    }
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }

  #current(key: string, now: number) {
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
      if (this.#windows.size > 10_000) this.#prune(now);
    }
    return window;
  }

  #prune(now: number) {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.windowMs) this.#windows.delete(key);
    }
  }
}

function describe(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The limits on the sign-in endpoints, per client IP and per account. */
export function createAuthLimits(clock: Clock) {
  const minutes = (n: number) => n * 60_000;
  return {
    loginPerIp: new RateLimiter(30, minutes(15), clock),
    loginFailuresPerAccount: new RateLimiter(8, minutes(15), clock),
    invitationPerIp: new RateLimiter(20, minutes(15), clock),
    resetRequestPerIp: new RateLimiter(10, minutes(15), clock),
    resetRequestPerAccount: new RateLimiter(3, minutes(60), clock),
    resetConfirmPerIp: new RateLimiter(20, minutes(15), clock),
  };
}
export type AuthLimits = ReturnType<typeof createAuthLimits>;
