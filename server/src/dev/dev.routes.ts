import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { parse } from '../http/validate.ts';
import { listOutbox } from '../mail/outbox.ts';

/**
 * Development-only pages of the service (off when NODE_ENV=production): the mail outbox, so a
 * developer can open invitation and reset links without a mail server.
 */
export function devRoutes(deps: { db: Db }): Router {
  const router = Router();
  const query = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), to: z.string().max(254).optional() });

  router.get('/outbox', (req, res) => {
    const { limit, to } = parse(query, req.query, 'query');
    res.set('Cache-Control', 'no-store').json({ data: listOutbox(deps.db, { limit, to }) });
  });

  return router;
}
