/**
 * Named points in work that must survive a crash (the checkout's steps, a job's run). When
 * `PORTICO_CRASH_AT` names one, the process kills itself there with SIGKILL, exactly as a power
 * cut or an OOM kill would stop it: no handler, no flush. The crash tests use it to stop a real
 * service after each step and check that a restart loses nothing. Never armed in production.
 */
const armed = process.env.NODE_ENV === 'production' ? undefined : process.env.PORTICO_CRASH_AT || undefined;

export type CrashPoint = 'checkout.reserved' | 'checkout.charged' | 'checkout.recorded' | 'job.ran' | 'webhook.sent';

/** Dies here when armed for `name`, or for `name:detail` (e.g. `job.ran:mail.send`, one kind of job). */
export function crashPoint(name: CrashPoint, detail?: string): void {
  if (armed && (armed === name || armed === `${name}:${detail}`)) process.kill(process.pid, 'SIGKILL');
}
