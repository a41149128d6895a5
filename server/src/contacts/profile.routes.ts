import { Router, type Request } from 'express';
import type { Firm } from '../firms/index.ts';
import { clientOf } from '../http/principal.ts';
import type { Contact } from './contacts.repository.ts';
import type { ProfileService } from './profile.service.ts';

/**
 * The signed-in client's own record: `GET|PATCH /me` (name, language, which emails) and
 * `POST /me/email-change[/confirm]` (moving to a new address with a code sent there).
 */
export function profileRoutes(deps: { profile: ProfileService; branding: (firm: Firm) => unknown }): Router {
  const { profile, branding } = deps;
  const router = Router();

  const me = async (req: Request, contact: Contact) => {
    const { firm } = clientOf(req);
    const { id, firmId, email, name, locale } = contact;
    return { contact: { id, firmId, email, name, locale }, firm: branding(firm), profile: await profile.profileOf(contact) };
  };

  router.get('/me', async (req, res) => {
    res.json(await me(req, clientOf(req).contact));
  });

  router.patch('/me', async (req, res) => {
    res.json(await me(req, await profile.update(clientOf(req).contact, req.body)));
  });

  router.post('/me/email-change', async (req, res) => {
    const { contact, firm } = clientOf(req);
    res.status(202).json(await profile.requestEmailChange(contact, firm, req.body, req.ip ?? 'unknown'));
  });

  router.post('/me/email-change/confirm', async (req, res) => {
    res.json(await me(req, await profile.confirmEmailChange(clientOf(req).contact, req.body, req.ip ?? 'unknown')));
  });

  return router;
}
