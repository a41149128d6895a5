import type { Clock } from '../clock.ts';
import type { LimitStore } from './limit-store.ts';
import { RateLimiter } from './rate-limiter.ts';

/** The limits on the sign-in endpoints, per client IP and per account, counted in `store`. */
export function createAuthLimits(store: LimitStore, clock: Clock) {
  const minutes = (n: number) => n * 60_000;
  const limiter = (name: string, limit: number, windowMs: number) => new RateLimiter(name, limit, windowMs, store, clock);
  return {
    loginPerIp: limiter('login-ip', 30, minutes(15)),
    loginFailuresPerAccount: limiter('login-failures-account', 8, minutes(15)),
    invitationPerIp: limiter('invitation-ip', 20, minutes(15)),
    resetRequestPerIp: limiter('reset-request-ip', 10, minutes(15)),
    resetRequestPerAccount: limiter('reset-request-account', 3, minutes(60)),
    resetConfirmPerIp: limiter('reset-confirm-ip', 20, minutes(15)),
    tokenExchangePerIp: limiter('token-exchange-ip', 30, minutes(15)),
    emailCodeRequestPerIp: limiter('email-code-request-ip', 10, minutes(15)),
    // With five tries a code, this bounds the guesses at one address to 25 an hour.
    emailCodeRequestPerAccount: limiter('email-code-request-account', 5, minutes(60)),
    emailCodeVerifyPerIp: limiter('email-code-verify-ip', 30, minutes(15)),
    linkStatusPerIp: limiter('link-status-ip', 60, minutes(15)),
    // Wrong second-factor codes one MFA token may take (it lives five minutes): then the first factor is needed again.
    mfaFailuresPerToken: limiter('mfa-failures-token', 5, minutes(10)),
  };
}
export type AuthLimits = ReturnType<typeof createAuthLimits>;
