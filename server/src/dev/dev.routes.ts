import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { SandboxClock } from '../payments/sandbox/sandbox-clock.ts';
import type { SandboxProcessor } from '../payments/sandbox/sandbox.processor.ts';
import { parse } from '../http/validate.ts';
import { listOutbox } from '../mail/outbox.ts';

/**
 * Development-only pages of the service (off when NODE_ENV=production): the mail outbox, so a
 * developer can open invitation and reset links without a mail server.
 */
export function devRoutes(deps: { db: Db; config: { mail: string; payments: string }; sandbox: { clock: SandboxClock; processor: SandboxProcessor } }): Router {
  const router = Router();
  const query = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), to: z.string().max(254).optional() });

  router.get('/outbox', (req, res, next) => {
    if (deps.config.mail !== 'outbox') return next();
    const { limit, to } = parse(query, req.query, 'query');
    res.set('Cache-Control', 'no-store').json({ data: listOutbox(deps.db, { limit, to }) });
  });

  // The sandbox processor's clock: jump ahead to watch bank debits settle (or fail).
  router.get('/sandbox/clock', (_req, res, next) => {
    if (deps.config.payments !== 'sandbox') return next();
    res.set('Cache-Control', 'no-store').json({ now: deps.sandbox.clock.now().toISOString(), offsetDays: deps.sandbox.clock.offsetMs() / 86_400_000 });
  });
  router.post('/sandbox/clock/advance', async (req, res, next) => {
    if (deps.config.payments !== 'sandbox') return next();
    const { days } = parse(z.strictObject({ days: z.number().int().min(1).max(60) }), req.body ?? {});
    const now = deps.sandbox.clock.advance(days);
    const settled = await deps.sandbox.processor.settleDue();
    res.json({ now: now.toISOString(), offsetDays: deps.sandbox.clock.offsetMs() / 86_400_000, settled });
  });

  return router;
}
