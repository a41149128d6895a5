import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { InvoicesService } from './invoices.service.ts';

/** `GET /invoices`, `GET /invoices/outstanding`, `GET /invoices/:id`: the signed-in client's invoices. */
export function invoiceRoutes(deps: { invoices: InvoicesService }): Router {
  const router = Router();
  router.get('/invoices', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await deps.invoices.listForClient(firm, contactId, req.query));
  });
  router.get('/invoices/outstanding', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await deps.invoices.outstandingForClient(firm, contactId));
  });
  router.get('/invoices/:id', async (req, res) => {
    const { firm, contactId } = clientOf(req);
    res.json(await deps.invoices.getForClient(firm, contactId, req.params.id));
  });
  return router;
}

/** `/admin/invoices`: the firm drafts, sends and voids invoices. */
export function adminInvoiceRoutes(deps: { invoices: InvoicesService }): Router {
  const { invoices } = deps;
  const router = Router();
  router.get('/invoices', async (req, res) => {
    res.json(await invoices.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/invoices', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await invoices.create(firmId, req.body, actor));
  });
  router.put('/invoices/by-external-id/:externalId', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { created, invoice } = await invoices.upsertByExternalId(firmId, req.params.externalId, req.body, actor);
    res.status(created ? 201 : 200).json(invoice);
  });
  router.get('/invoices/:id', async (req, res) => {
    res.json(await invoices.getForFirm(firmOf(req).firmId, req.params.id));
  });
  router.patch('/invoices/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await invoices.update(firmId, req.params.id, req.body, actor));
  });
  router.delete('/invoices/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await invoices.deleteDraft(firmId, req.params.id, actor);
    res.status(204).end();
  });
  router.post('/invoices/:id/send', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await invoices.send(firmId, req.params.id, actor));
  });
  router.post('/invoices/:id/void', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await invoices.void(firmId, req.params.id, req.body, actor));
  });
  return router;
}
