import { Router } from 'express';
import { firmOf } from '../http/principal.ts';
import type { WebhooksService } from './webhooks.service.ts';

/** `/api/v1/admin/webhook-endpoints`: where the firm's software hears of payments, messages and uploads. */
export function adminWebhookRoutes(deps: { webhooks: WebhooksService }): Router {
  const { webhooks } = deps;
  const router = Router();

  router.get('/webhook-endpoints', async (req, res) => {
    res.json({ data: await webhooks.list(firmOf(req).firmId) });
  });

  router.post('/webhook-endpoints', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { endpoint, secret } = await webhooks.create(firmId, req.body, actor);
    // The secret is shown this once.
    res.status(201).json({ ...endpoint, secret });
  });

  router.get('/webhook-endpoints/:id', async (req, res) => {
    res.json(await webhooks.get(firmOf(req).firmId, req.params.id));
  });

  router.patch('/webhook-endpoints/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await webhooks.update(firmId, req.params.id, req.body, actor));
  });

  router.delete('/webhook-endpoints/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await webhooks.remove(firmId, req.params.id, actor);
    res.status(204).end();
  });

  router.post('/webhook-endpoints/:id/secret', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await webhooks.rotateSecret(firmId, req.params.id, actor));
  });

  router.get('/webhook-endpoints/:id/deliveries', async (req, res) => {
    res.json(await webhooks.deliveries(firmOf(req).firmId, req.params.id, req.query));
  });

  router.post('/webhook-endpoints/:id/deliveries/:deliveryId/retry', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(202).json(await webhooks.retry(firmId, req.params.id, req.params.deliveryId, actor));
  });

  return router;
}
