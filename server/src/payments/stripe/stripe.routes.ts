import express, { Router } from 'express';
import type { Logger } from '../../logger.ts';
import type { StripeWebhooks } from './stripe.webhooks.ts';

/**
 * `POST /webhooks/stripe`. Mounted before any JSON parser: the signature is over the exact bytes
 * Stripe sent, so the body is read raw.
 */
export function stripeWebhookRoutes(deps: { webhooks: StripeWebhooks; logger: Logger }): Router {
  const router = Router();
  router.post('/webhooks/stripe', express.raw({ type: 'application/json', limit: '1mb' }), async (req, res) => {
    try {
      const result = await deps.webhooks.receive(req.body, req.get('stripe-signature'));
      if (result.outcome === 'ignored') deps.logger.info('stripe webhook ignored', { reason: result.reason });
      res.set('Cache-Control', 'no-store').json(result);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'webhook_signature_invalid') {
        deps.logger.warn('stripe webhook refused', { reason: error.message, ip: req.ip });
      }
      throw error;
    }
  });
  return router;
}
