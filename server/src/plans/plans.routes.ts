import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { PlansService } from './plans.service.ts';

/** The client's payment plans: the firm's limits, a preview with the authorization text, create, list, cancel. */
export function planRoutes(deps: { plans: PlansService }): Router {
  const { plans } = deps;
  const router = Router();
  router.get('/plans/options', async (req, res) => {
    res.json(await plans.options(clientOf(req).firm));
  });
  router.post('/plans/preview', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await plans.preview(firm, contactId, req.body));
  });
  router.get('/plans', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await plans.listForClient(firmId, contactId, req.query));
  });
  router.post('/plans', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await plans.create({ firmId, contactId, ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null }, req.body));
  });
  router.post('/plans/:id/cancel', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await plans.cancelByClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/plans`: the firm's payment plans, cancelling one, and the record of authorizations as CSV. */
export function adminPlanRoutes(deps: { plans: PlansService }): Router {
  const { plans } = deps;
  const router = Router();
  router.get('/plans', async (req, res) => {
    res.json(await plans.listForFirm(firmOf(req).firmId, req.query));
  });
  router.get('/plans/authorizations/export', async (req, res) => {
    const { fileName, csv } = await plans.exportAuthorizations(firmOf(req).firmId, req.query);
    res.type('text/csv; charset=utf-8').attachment(fileName).send(csv);
  });
  router.post('/plans/:id/cancel', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await plans.cancelByFirm(firmId, req.params.id, actor));
  });
  return router;
}
