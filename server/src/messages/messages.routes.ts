import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { MessagesService } from './messages.service.ts';

/**
 * `GET|POST /threads`, `GET|POST /threads/:id/messages`, `POST /threads/:id/read`: the signed-in
 * client's secure messages with the firm.
 */
export function messageRoutes(deps: { messages: MessagesService }): Router {
  const { messages } = deps;
  const router = Router();
  router.get('/threads', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await messages.listForClient(firmId, contactId, req.query));
  });
  router.post('/threads', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await messages.startForClient(firmId, contactId, req.body));
  });
  router.get('/threads/:id/messages', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await messages.messagesForClient(firmId, contactId, req.params.id, req.query));
  });
  router.post('/threads/:id/messages', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await messages.postForClient(firmId, contactId, req.params.id, req.body));
  });
  router.post('/threads/:id/read', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await messages.markReadByClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/threads`: the firm's staff read, start, answer, close and reopen threads with its contacts. */
export function adminMessageRoutes(deps: { messages: MessagesService }): Router {
  const { messages } = deps;
  const router = Router();
  router.get('/threads', async (req, res) => {
    res.json(await messages.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/threads', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await messages.startForFirm(firmId, req.body, actor));
  });
  router.get('/threads/:id', async (req, res) => {
    res.json(await messages.getForFirm(firmOf(req).firmId, req.params.id, req.query));
  });
  router.post('/threads/:id/messages', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await messages.replyForFirm(firmId, req.params.id, req.body, actor));
  });
  router.post('/threads/:id/close', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await messages.close(firmId, req.params.id, actor));
  });
  router.post('/threads/:id/reopen', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await messages.reopen(firmId, req.params.id, actor));
  });
  router.post('/threads/:id/read', async (req, res) => {
    res.json(await messages.markReadByFirm(firmOf(req).firmId, req.params.id));
  });
  return router;
}
