import { Router } from 'express';
import { clientOf, firmOf } from '../http/principal.ts';
import type { ActivitiesService } from './activities.service.ts';

/**
 * `GET /activities`, `PATCH /activities/:id` (`{ completed }`), `GET /activities/:id/calendar.ics`:
 * the signed-in client's tasks and events.
 */
export function activityRoutes(deps: { activities: ActivitiesService }): Router {
  const { activities } = deps;
  const router = Router();
  router.get('/activities', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await activities.list(firmId, contactId, req.query));
  });
  router.patch('/activities/:id', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    res.json(await activities.setCompleted(firmId, contactId, req.params.id, req.body));
  });
  router.get('/activities/:id/calendar.ics', async (req, res) => {
    const { firmId, contactId } = clientOf(req);
    const file = await activities.calendar(firmId, contactId, req.params.id);
    res.set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
    });
    res.send(file.content);
  });
  return router;
}

/** `/admin/activities`: the firm assigns, changes and removes tasks and events. */
export function adminActivityRoutes(deps: { activities: ActivitiesService }): Router {
  const { activities } = deps;
  const router = Router();
  router.get('/activities', async (req, res) => {
    res.json(await activities.listForFirm(firmOf(req).firmId, req.query));
  });
  router.post('/activities', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.status(201).json(await activities.create(firmId, req.body, actor));
  });
  router.get('/activities/:id', async (req, res) => {
    res.json(await activities.get(firmOf(req).firmId, req.params.id));
  });
  router.patch('/activities/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    res.json(await activities.update(firmId, req.params.id, req.body, actor));
  });
  router.delete('/activities/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await activities.remove(firmId, req.params.id, actor);
    res.status(204).end();
  });
  return router;
}
