import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { AutopayService } from './autopay.service.ts';

/** The client's autopay: their matters, a preview with the authorization text, turning it on, the list, turning it off. */
export function autopayRoutes(deps: { autopay: AutopayService }): Router {
  const { autopay } = deps;
  const router = Router();
  router.get('/autopay/matters', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await autopay.matters(firm, contactId));
  });
  router.post('/autopay/preview', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await autopay.preview(firm, contactId, req.body));
  });
  router.get('/autopay', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await autopay.listForClient(firmId, contactId, req.query));
  });
  router.post('/autopay', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await autopay.enrol({ firmId, contactId, ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null }, req.body));
  });
  router.post('/autopay/:id/cancel', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await autopay.cancelByClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/autopay`: the firm's autopay enrolments (by client), and turning one off. */
export function adminAutopayRoutes(deps: { autopay: AutopayService }): Router {
  const { autopay } = deps;
  const router = Router();
  router.get('/autopay', async (req, res) => {
    res.json(await autopay.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/autopay/:id/cancel', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await autopay.cancelByFirm(firmId, req.params.id, actor));
  });
  return router;
}
