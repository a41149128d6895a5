import { Router } from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import { firmOf } from '../http/principal.ts';
import { parse } from '../http/validate.ts';
import { z } from 'zod';
import type { ContactsService } from './contacts.service.ts';

/** `/api/v1/admin/contacts`: the firm manages its clients and invites them to the portal. */
export function adminContactRoutes(deps: { contacts: ContactsService; auth: AuthService }): Router {
  const { contacts, auth } = deps;
  const router = Router();

  router.get('/contacts', (req, res) => {
    res.json(contacts.list(firmOf(req).firmId, req.query));
  });

  router.post('/contacts', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(contacts.create(firmId, req.body, actor));
  });

  router.put('/contacts/by-external-id/:externalId', (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { created, contact } = contacts.upsertByExternalId(firmId, req.params.externalId, req.body, actor);
    res.status(created ? 201 : 200).json(contact);
  });

  router.get('/contacts/:id', (req, res) => {
    res.json(contacts.get(firmOf(req).firmId, req.params.id));
  });

  router.patch('/contacts/:id', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(contacts.update(firmId, req.params.id, req.body, actor));
  });

  router.post('/contacts/:id/archive', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(contacts.setArchived(firmId, req.params.id, true, actor));
  });

  router.post('/contacts/:id/restore', (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(contacts.setArchived(firmId, req.params.id, false, actor));
  });

  router.post('/contacts/:id/invitations', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    parse(z.strictObject({}), req.body ?? {});
    res.status(201).json(await auth.invite(firmId, req.params.id, actor));
  });

  return router;
}
