import { Router } from 'express';
import type { AuthService } from '../auth/index.ts';
import { firmOf } from '../http/principal.ts';
import { parse } from '../http/validate.ts';
import { z } from 'zod';
import type { ContactsService } from './contacts.service.ts';

/** `/api/v1/admin/contacts`: the firm manages its clients and invites them to the portal. */
export function adminContactRoutes(deps: { contacts: ContactsService; auth: AuthService }): Router {
  const { contacts, auth } = deps;
  const router = Router();

  router.get('/contacts', async (req, res) => {
    res.json(await contacts.list(firmOf(req).firmId, req.query));
  });

  router.post('/contacts', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await contacts.create(firmId, req.body, actor));
  });

  router.put('/contacts/by-external-id/:externalId', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { created, contact } = await contacts.upsertByExternalId(firmId, req.params.externalId, req.body, actor);
    res.status(created ? 201 : 200).json(contact);
  });

  router.get('/contacts/:id', async (req, res) => {
    res.json(await contacts.get(firmOf(req).firmId, req.params.id));
  });

  router.patch('/contacts/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await contacts.update(firmId, req.params.id, req.body, actor));
  });

  router.post('/contacts/:id/archive', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await contacts.setArchived(firmId, req.params.id, true, actor));
  });

  router.post('/contacts/:id/restore', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await contacts.setArchived(firmId, req.params.id, false, actor));
  });

  router.post('/contacts/:id/invitations', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    parse(z.strictObject({}), req.body ?? {});
    res.status(201).json(await auth.invite(firmId, req.params.id, actor));
  });

  return router;
}
