import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { InvoicesService } from './invoices.service.ts';

/** `GET /invoices`, `GET /invoices/outstanding`, `GET /invoices/:id`: the signed-in client's invoices. */
export function invoiceRoutes(deps: { invoices: InvoicesService }): Router {
  const router = Router();
  router.get('/invoices', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(deps.invoices.listForClient(firmId, contactId, req.query));
  });
  router.get('/invoices/outstanding', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(deps.invoices.outstandingForClient(firmId, contactId));
  });
  router.get('/invoices/:id', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(deps.invoices.getForClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/invoices`: the firm drafts, sends and voids invoices. */
export function adminInvoiceRoutes(deps: { invoices: InvoicesService }): Router {
  const { invoices } = deps;
  const router = Router();
  router.get('/invoices', (req, res) => {
    res.json(invoices.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/invoices', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(invoices.create(firmId, req.body, actor));
  });
  router.put('/invoices/by-external-id/:externalId', (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { created, invoice } = invoices.upsertByExternalId(firmId, req.params.externalId, req.body, actor);
    res.status(created ? 201 : 200).json(invoice);
  });
  router.get('/invoices/:id', (req, res) => {
    res.json(invoices.getForFirm(firmOf(req).firmId, req.params.id));
  });
  router.patch('/invoices/:id', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(invoices.update(firmId, req.params.id, req.body, actor));
  });
  router.delete('/invoices/:id', (req, res) => {
    const { firmId, actor } = firmOf(req);
    invoices.deleteDraft(firmId, req.params.id, actor);
    res.status(204).end();
  });
  router.post('/invoices/:id/send', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await invoices.send(firmId, req.params.id, actor));
  });
  router.post('/invoices/:id/void', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(invoices.void(firmId, req.params.id, req.body, actor));
  });
  return router;
}
