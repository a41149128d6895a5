import { Router } from 'express';
import { clientOf } from '../http/principal.ts';
import type { HomeService } from './home.service.ts';

/**
 * `GET /home`: the signed-in client's home; `GET /home/counts`: only the navigation's counts.
 * `POST /home/seen`: the client looked at it, which
 * is what "since your last visit" counts from (see visit.ts).
 */
export function homeRoutes(deps: { home: HomeService }): Router {
  const { home } = deps;
  const router = Router();
  router.get('/home', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await home.forClient(firm, contactId, req.query));
  });
  router.get('/home/counts', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await home.countsFor(firm, contactId, req.query));
  });
  router.post('/home/seen', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    await home.seen(firmId, contactId, req.body);
    res.status(204).end();
  });
  return router;
}
