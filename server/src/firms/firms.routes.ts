import { Router } from 'express';
import { assertFirmOrigin } from '../http/cors.ts';
import { firmOf } from '../http/principal.ts';
import { sendRevalidated, taggedJson } from '../http/revalidated.ts';
import { firmProfile, type FirmsService } from './firms.service.ts';
import { publicBranding } from './firm.ts';

/** `GET /firms/:slug/branding`: public, for the sign-in screen before anyone is signed in. */
export function brandingRoutes(deps: { firms: FirmsService; serviceOrigin: string }): Router {
  const router = Router();
  router.get('/firms/:slug/branding', async (req, res) => {
    const firm = await deps.firms.bySlug(req.params.slug);
    assertFirmOrigin(firm, req.headers.origin, deps.serviceOrigin);
    // Revalidated on every use (the ETag makes that cheap): branding saved in the console shows
    // on the client's next page load, as the console promises.
    sendRevalidated(res.set('Cache-Control', 'no-cache'), taggedJson(publicBranding(firm)));
  });
  return router;
}

/** `/admin/settings`: the firm's profile, branding, sections and allowed origins. */
export function adminSettingsRoutes(deps: { firms: FirmsService }): Router {
  const router = Router();
  router.get('/settings', async (req, res) => {
    res.json(firmProfile((await deps.firms.findById(firmOf(req).firmId))!));
  });
  router.patch('/settings', async (req, res) => {
    res.json(firmProfile(await deps.firms.update(firmOf(req).firmId, req.body)));
  });
  return router;
}
