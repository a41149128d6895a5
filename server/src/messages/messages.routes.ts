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
  router.get('/threads', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(messages.listForClient(firmId, contactId, req.query));
  });
  router.post('/threads', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await messages.startForClient(firmId, contactId, req.body));
  });
  router.get('/threads/:id/messages', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(messages.messagesForClient(firmId, contactId, req.params.id, req.query));
  });
  router.post('/threads/:id/messages', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.status(201).json(await messages.postForClient(firmId, contactId, req.params.id, req.body));
  });
  router.post('/threads/:id/read', (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(messages.markReadByClient(firmId, contactId, req.params.id));
  });
  return router;
}

/** `/admin/threads`: the firm's staff read, start, answer, close and reopen threads with its contacts. */
export function adminMessageRoutes(deps: { messages: MessagesService }): Router {
  const { messages } = deps;
  const router = Router();
  router.get('/threads', (req, res) => {
    res.json(messages.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/threads', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await messages.startForFirm(firmId, req.body, actor));
  });
  router.get('/threads/:id', (req, res) => {
    res.json(messages.getForFirm(firmOf(req).firmId, req.params.id, req.query));
  });
  router.post('/threads/:id/messages', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await messages.replyForFirm(firmId, req.params.id, req.body, actor));
  });
  router.post('/threads/:id/close', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(messages.close(firmId, req.params.id, actor));
  });
  router.post('/threads/:id/reopen', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(messages.reopen(firmId, req.params.id, actor));
  });
  router.post('/threads/:id/read', (req, res) => {
    res.json(messages.markReadByFirm(firmOf(req).firmId, req.params.id));
  });
  return router;
}
