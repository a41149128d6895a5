import { Router } from 'express';
import { clientOf } from '../http/principal.ts';
import { parse } from '../http/validate.ts';
import type { AccountService } from './account.service.ts';
import { assertStrongPassword } from './auth.routes.ts';
import { passwordChangeBody } from './account.contract.ts';

/** `POST /me/password` and `POST /me/sign-out-everywhere`: the signed-in client's own login. */
export function accountRoutes(deps: { account: AccountService }): Router {
  const { account } = deps;
  const router = Router();

  router.post('/me/password', async (req, res) => {
    const body = parse(passwordChangeBody, req.body);
    assertStrongPassword(body.newPassword, 'newPassword');
    await account.changePassword(clientOf(req).contact, { ...body, ip: req.ip ?? 'unknown' });
    res.status(204).end();
  });

  router.post('/me/sign-out-everywhere', async (req, res) => {
    await account.signOutEverywhere(clientOf(req).contact, req.ip ?? 'unknown');
    res.status(204).end();
  });

  return router;
}
