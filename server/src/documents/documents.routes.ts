import { Router, type Request, type Response } from 'express';
import { clientOf } from '../http/principal.ts';
import type { DocumentRequest, DocumentsService, RenderedDocument } from './documents.service.ts';

function asked(req: Request): DocumentRequest {
  const { firm, contact } = clientOf(req);
  return { firm, contact, query: req.query, acceptLanguage: req.get('accept-language') };
}

/** Saved under its own name; the name holds only letters, digits, dots, dashes and underscores, so it is quoted as it is. */
function send(res: Response, document: RenderedDocument): void {
  res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${document.fileName}"` }).send(document.content);
}

/** `GET /invoices/:id/pdf`, `GET /payments/:id/receipt.pdf`: the signed-in client's documents. */
export function documentRoutes(deps: { documents: DocumentsService }): Router {
  const router = Router();
  router.get('/invoices/:id/pdf', async (req, res) => {
    send(res, await deps.documents.invoice(asked(req), req.params.id));
  });
  router.get('/payments/:id/receipt.pdf', async (req, res) => {
    send(res, await deps.documents.receipt(asked(req), req.params.id));
  });
  return router;
}
