import type { Clock } from '../../clock.ts';
import { Problem } from '../../http/problem.ts';
import type { AuthLimits } from '../../limits/index.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import type { SecondFactorStore } from './factor-store.ts';
import { matchTotp, newTotpSecret, totpEnrollment } from './totp.ts';

/** What setting up an authenticator app needs, for a client or a staff member alike. */
export interface TotpEnrolmentDeps {
  factors: SecondFactorStore;
  secrets: SecretBox;
  limits: AuthLimits;
  clock: Clock;
}

/** A wrong authenticator-app or recovery code. */
export const mfaCodeInvalid = () =>
  Problem.unauthorized('mfa_code_invalid', 'The code is incorrect. Check your authenticator app (or recovery code) and try again.');

/** Starts setting up an authenticator app: a new secret, kept sealed and pending until a first code confirms it. */
export async function startTotpEnrolment(deps: TotpEnrolmentDeps, account: { id: string; firmId: string; email: string }, issuer: string, now: string) {
  const secret = await newTotpSecret();
  await deps.factors.setPendingTotp(account.firmId, account.id, deps.secrets.seal(secret), now);
  return totpEnrollment(secret, issuer, account.email);
}

/**
 * Checks the first code from a newly set-up app against the pending secret; a wrong code counts
 * against the account's sign-in failures (`accountKey`). Answers the sealed pending secret, to
 * confirm it with, and the code's time step.
 */
export async function matchPendingTotp(deps: TotpEnrolmentDeps, ownerId: string, accountKey: string, code: string): Promise<{ pending: string; step: number }> {
  const failures = deps.limits.loginFailuresPerAccount;
  await failures.check(accountKey);
  const pending = (await deps.factors.totp(ownerId))?.pendingSecret;
  if (!pending) throw Problem.conflict('totp_setup_missing', 'Start setting up the authenticator app first: no setup is waiting for a code.');
  const step = await matchTotp(deps.secrets.open(pending), code, deps.clock());
  if (step === null) {
    await failures.consume(accountKey);
    throw mfaCodeInvalid();
  }
  await failures.reset(accountKey);
  return { pending, step };
}
