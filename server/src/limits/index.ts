/** Abuse limits counted in the database: sign-in attempts and declined payments. */
export type { AuthLimits } from './auth-limits.ts';
export { createLimits } from './limits.ts';
export { PaymentFailureLimits } from './payment-failures.ts';
