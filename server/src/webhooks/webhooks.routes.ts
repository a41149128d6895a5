import { Router } from 'express';
import { firmOf } from '../http/principal.ts';
import type { WebhooksService } from './webhooks.service.ts';

/** `/api/v1/admin/webhook-endpoints`: where the firm's software hears of payments, messages and uploads. */
export function adminWebhookRoutes(deps: { webhooks: WebhooksService }): Router {
  const { webhooks } = deps;
  const router = Router();

  router.get('/webhook-endpoints', (req, res) => {
    res.json({ data: webhooks.list(firmOf(req).firmId) });
  });

  router.post('/webhook-endpoints', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { endpoint, secret } = await webhooks.create(firmId, req.body, actor);
    // The secret is shown this once.
    res.status(201).json({ ...endpoint, secret });
  });

  router.get('/webhook-endpoints/:id', (req, res) => {
    res.json(webhooks.get(firmOf(req).firmId, req.params.id));
  });

  router.patch('/webhook-endpoints/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await webhooks.update(firmId, req.params.id, req.body, actor));
  });

  router.delete('/webhook-endpoints/:id', (req, res) => {
    const { firmId, actor } = firmOf(req);
    webhooks.remove(firmId, req.params.id, actor);
    res.status(204).end();
  });

  router.post('/webhook-endpoints/:id/secret', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(webhooks.rotateSecret(firmId, req.params.id, actor));
  });

  router.get('/webhook-endpoints/:id/deliveries', (req, res) => {
    res.json(webhooks.deliveries(firmOf(req).firmId, req.params.id, req.query));
  });

  router.post('/webhook-endpoints/:id/deliveries/:deliveryId/retry', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(202).json(webhooks.retry(firmId, req.params.id, req.params.deliveryId, actor));
  });

  return router;
}
