import { Router } from 'express';
import { clientOf } from '../http/principal.ts';
import { sendReply } from '../http/problem.ts';
import type { BankLinksService } from './bank-links.ts';
import type { CheckoutService } from './checkout.service.ts';

export interface PaymentSetup {
  processor: 'sandbox' | 'stripe';
  publishableKey: string | null;
  bankLink: 'sandbox' | 'plaid';
  /** Where the sandbox processor's browser-facing API lives. */
  sandboxUrl: string | null;
}

/** Paying: the checkout itself, 3-D Secure confirmation, saved methods and bank sign-in. */
export function checkoutRoutes(deps: { checkout: CheckoutService; bankLinks: BankLinksService; setup: PaymentSetup }): Router {
  const { checkout, bankLinks } = deps;
  const router = Router();

  router.get('/payments/setup', (req, res) => {
    clientOf(req);
    res.json(deps.setup);
  });

  router.get('/payments/mandate', async (req, res) => {
    res.json(await checkout.mandatePreview(clientOf(req).firmId, req.query));
  });

  router.post('/payments/quote', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await checkout.quote(firm, contactId, req.body));
  });

  router.post('/payments', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    const reply = await checkout.pay(
      { firmId, contactId, idempotencyKey: req.get('idempotency-key'), ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null },
      req.body,
    );
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    sendReply(res, reply.status, reply.body);
  });

  router.post('/payments/:id/confirm', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await checkout.confirm(firmId, contactId, req.params.id));
  });

  router.get('/payment-methods', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json({ data: await checkout.savedMethods(firmId, contactId) });
  });

  router.post('/payment-methods/:id/default', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json({ data: await checkout.setDefaultSavedMethod(firmId, contactId, req.params.id) });
  });

  router.delete('/payment-methods/:id', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    await checkout.removeSavedMethod(firmId, contactId, req.params.id);
    res.status(204).end();
  });

  router.post('/bank-links', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await bankLinks.start(firmId, contactId));
  });

  router.post('/bank-links/exchange', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await bankLinks.exchange(firmId, contactId, req.body));
  });

  return router;
}
