import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import { sendReply } from '../http/problem.ts';
import type { PaymentsService } from './payments.service.ts';
import type { RefundsService } from './refunds.service.ts';

/** `GET /payments`, `GET /payments/:id`: the client's payment history. */
export function paymentRoutes(deps: { payments: PaymentsService }): Router {
  const router = Router();
  router.get('/payments', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await deps.payments.listForClient(firmId, contactId, req.query));
  });
  router.get('/payments/:id', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await deps.payments.getForClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/payments`: the firm's payments, their detail, refunds and export, and checks or wires it received. */
export function adminPaymentRoutes(deps: { payments: PaymentsService; refunds: RefundsService }): Router {
  const router = Router();
  router.get('/payments', async (req, res) => {
    res.json(await deps.payments.listForFirm(firmOf(req).firmId, req.query));
  });
  router.get('/payments/export', async (req, res) => {
    const { fileName, csv } = await deps.payments.exportCsv(firmOf(req).firmId, req.query);
    res.type('text/csv; charset=utf-8').attachment(fileName).send(csv);
  });
  router.get('/payments/totals', async (req, res) => {
    res.json(await deps.payments.totalsForFirm(firmOf(req).firmId, req.query));
  });
  router.get('/payments/:id', async (req, res) => {
    res.json(await deps.payments.getForFirm(firmOf(req).firmId, req.params.id));
  });
  router.post('/payments/:id/refunds', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const reply = await deps.refunds.refund(
      { firmId, paymentId: req.params.id, idempotencyKey: req.get('idempotency-key'), actor, ip: req.ip ?? null },
      req.body,
    );
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    sendReply(res, reply.status, reply.body);
  });
  router.post('/invoices/:id/payments', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const reply = await deps.payments.recordForInvoice({ firmId, invoiceId: req.params.id, idempotencyKey: req.get('idempotency-key'), actor }, req.body);
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(reply.status).json(reply.body);
  });
  router.post('/payments', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await deps.payments.recordOffline(firmId, req.body, actor));
  });
  return router;
}
