import { Router } from 'express';
import { z } from 'zod';
import type { Storage } from '../db/storage.ts';
import type { SandboxClock } from '../payments/index.ts';
import type { SandboxProcessor } from '../payments/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { JobQueue } from '../jobs/index.ts';
import { listOutbox } from '../mail/index.ts';

/**
 * Development-only pages of the service, mounted only when `config.development` (a loopback
 * PUBLIC_URL, NODE_ENV not production): the mail outbox, so a developer can open invitation and
 * reset links without a mail server; the job queue; the sandbox processor's clock.
 */
export function devRoutes(deps: {
  storage: Storage;
  config: { mail: string; payments: string };
  jobs: JobQueue;
  clock: () => Date;
  sandbox: { clock: SandboxClock; processor: SandboxProcessor };
  /** Payment plans follow the sandbox clock: moving it charges the instalments it brings due. */
  plans?: { sweep(): Promise<unknown> };
  /** Autopay follows the same clock: moving it charges the invoices it brings due. */
  autopay?: { sweep(): Promise<unknown> };
}): Router {
  const router = Router();
  const query = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), to: z.string().max(254).optional() });

  router.get('/outbox', async (req, res, next) => {
    if (deps.config.mail !== 'outbox') return next();
    const { limit, to } = parse(query, req.query, 'query');
    res.set('Cache-Control', 'no-store').json({ data: await listOutbox(deps.storage, { limit, to }) });
  });

  // The job queue: what waits (an email whose server is down, a retry) and what is dead.
  router.get('/jobs', async (_req, res) => {
    const { store } = deps.jobs;
    const jobs = (await store.list({ states: ['pending', 'running', 'dead'], limit: 100 })).map((job) => ({
      id: job.id,
      kind: job.kind,
      state: job.state,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      runAt: job.runAt,
      lastError: job.lastError,
      createdAt: job.createdAt,
      // An email's subject and recipient say which one it is.
      ...(job.kind === 'mail.send' ? { summary: summaryOf(job.payload) } : {}),
    }));
    res.set('Cache-Control', 'no-store').json({ counts: await store.counts(), data: jobs });
  });
  router.post('/jobs/:id/retry', async (req, res) => {
    if (!(await deps.jobs.store.retry(req.params.id, deps.clock()))) throw Problem.conflict('job_not_dead', 'Only a dead job can be retried.');
    res.status(202).json({ id: req.params.id });
  });

  // The sandbox processor's clock: jump ahead to watch bank debits settle (or fail).
  router.get('/sandbox/clock', async (_req, res, next) => {
    if (deps.config.payments !== 'sandbox') return next();
    const { clock } = deps.sandbox;
    res.set('Cache-Control', 'no-store').json({ now: (await clock.now()).toISOString(), offsetDays: (await clock.offsetMs()) / 86_400_000 });
  });
  router.post('/sandbox/clock/advance', async (req, res, next) => {
    if (deps.config.payments !== 'sandbox') return next();
    const { days } = parse(z.strictObject({ days: z.number().int().min(1).max(60) }), req.body ?? {});
    const now = await deps.sandbox.clock.advance(days);
    const settled = await deps.sandbox.processor.settleDue();
    // The settlements reach the ledger as jobs (like Stripe's webhooks); answer once they have, so
    // the page that moved the clock sees the payments settled.
    await deps.jobs.drain();
    if (deps.plans) {
      // Instalments the new date brings due (and bank debits that just settled), charged before the answer.
      await deps.plans.sweep();
      await deps.jobs.drain();
    }
    if (deps.autopay) {
      // Likewise the invoices autopay charges on the new date.
      await deps.autopay.sweep();
      await deps.jobs.drain();
    }
    res.json({ now: now.toISOString(), offsetDays: (await deps.sandbox.clock.offsetMs()) / 86_400_000, settled });
  });

  return router;
}

function summaryOf(payload: unknown): string {
  const mail = payload as { to?: string; subject?: string };
  return `${mail.subject ?? ''} → ${mail.to ?? ''}`;
}
