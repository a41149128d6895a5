import { Router, type Request, type Response } from 'express';
import { assertStrongPassword, refreshCookieOptions } from '../auth/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { bearerToken, firmOf, staffOf, type StaffPrincipal } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import type { Tenancy } from '../http/tenancy.ts';
import { parse } from '../http/validate.ts';
import {
  enrollmentBody,
  mfaCodeBody,
  mfaTokenBody,
  newStaffSchema,
  passkeyAssertionBody,
  passkeyRegistrationBody,
  staffChangesSchema,
  staffInvitationBody,
  staffLoginBody,
  totpConfirmBody,
} from './staff.contract.ts';
import { publicStaff, type Enrollee, type PasswordOutcome, type StaffService, type StaffSignedIn } from './staff.service.ts';

export const staffRefreshCookie = 'portico_staff_refresh';
const cookiePath = '/api/v1/staff/auth';

/**
 * `/api/v1/staff/auth`: a staff member signs in to the console with a password and a second
 * factor, sets up their factors, refreshes and signs out. Its own refresh cookie, on its own path.
 */
export function staffAuthRoutes(deps: { staff: StaffService; firms: FirmsService; tenancy: Tenancy; publicUrl: string }): Router {
  const { staff, firms, tenancy, publicUrl } = deps;
  const serviceOrigin = new URL(publicUrl).origin;
  const cookieOptions = refreshCookieOptions(publicUrl, cookiePath);
  const ip = (req: Request) => req.ip ?? 'unknown';
  const origin = (req: Request) => req.headers.origin;

  const signInReply = (res: Response, signedIn: StaffSignedIn) => {
    res.cookie(staffRefreshCookie, signedIn.refreshToken, { ...cookieOptions, expires: signedIn.refreshExpiresAt });
    return { accessToken: signedIn.accessToken, expiresIn: signedIn.expiresIn, staff: signedIn.staff, access: signedIn.access };
  };
  const answer = (res: Response, outcome: PasswordOutcome) => {
    res.json('signedIn' in outcome ? signInReply(res, outcome.signedIn) : outcome);
  };
  const presentedRefresh = (req: Request): string | undefined => {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[staffRefreshCookie];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  /** Runs `work` in the firm of the MFA token. */
  const withMfaToken = async <T>(mfaToken: string, work: () => Promise<T>) => tenancy.asFirm(await staff.firmOfMfaToken(mfaToken), work);
  /** Runs `work` for the member whose access token the request carries. */
  const asMember = async <T>(req: Request, work: (principal: StaffPrincipal) => Promise<T>): Promise<T> => {
    const token = bearerToken(req);
    if (!token) throw Problem.unauthorized('token_missing', 'Sign in first, or send the mfaToken the sign-in answered with.');
    if (token.startsWith('pk_')) throw Problem.unauthorized('token_invalid', "API keys have no second factor: this needs a staff member's access token.");
    const claims = await staff.verifyToken(token);
    return tenancy.asFirm(claims.firmId, async () => work(await staff.authenticate(claims, origin(req))));
  };
  /** Enrolment is authorised by an enrolment token in the body, else by the member's access token. */
  const asEnrollee = <T>(req: Request, mfaToken: string | undefined, work: (enrollee: Enrollee) => Promise<T>): Promise<T> =>
    mfaToken ? withMfaToken(mfaToken, () => work({ mfaToken })) : asMember(req, (principal) => work({ principal }));

  const router = Router();

  router.post('/login', async (req, res) => {
    const body = parse(staffLoginBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    answer(res, await tenancy.asFirm(firm.id, () => staff.login({ ...body, ip: ip(req) })));
  });

  router.post('/invitations/accept', async (req, res) => {
    const body = parse(staffInvitationBody, req.body);
    assertStrongPassword(body.password);
    // Found by the token's hash, before its firm is known.
    answer(res, await tenancy.asSystem(() => staff.acceptInvitation({ ...body, ip: ip(req) })));
  });

  router.post('/mfa', async (req, res) => {
    const body = parse(mfaCodeBody, req.body);
    res.json(signInReply(res, await withMfaToken(body.mfaToken, () => staff.verifyCode({ ...body, ip: ip(req), origin: origin(req) }))));
  });

  router.post('/mfa/passkey/options', async (req, res) => {
    const body = parse(mfaTokenBody, req.body);
    res.json(await withMfaToken(body.mfaToken, () => staff.passkeySignInOptions({ mfaToken: body.mfaToken, origin: origin(req) })));
  });

  router.post('/mfa/passkey', async (req, res) => {
    const body = parse(passkeyAssertionBody, req.body);
    res.json(signInReply(res, await withMfaToken(body.mfaToken, () => staff.passkeySignIn({ ...body, ip: ip(req), origin: origin(req) }))));
  });

  router.post('/totp/setup', async (req, res) => {
    const body = parse(enrollmentBody, req.body ?? {});
    res.json(await asEnrollee(req, body.mfaToken, (enrollee) => staff.totpSetup(enrollee, origin(req))));
  });

  router.post('/totp/confirm', async (req, res) => {
    const body = parse(totpConfirmBody, req.body);
    const { recoveryCodes, signedIn } = await asEnrollee(req, body.mfaToken, (enrollee) => staff.totpConfirm(enrollee, body.code, ip(req), origin(req)));
    res.json({ recoveryCodes, ...(signedIn ? { signIn: signInReply(res, signedIn) } : {}) });
  });

  router.post('/passkeys/options', async (req, res) => {
    const body = parse(enrollmentBody, req.body ?? {});
    res.json(await asEnrollee(req, body.mfaToken, (enrollee) => staff.passkeyRegistrationOptions(enrollee, origin(req))));
  });

  router.post('/passkeys', async (req, res) => {
    const body = parse(passkeyRegistrationBody, req.body);
    const { passkey, recoveryCodes, signedIn } = await asEnrollee(req, body.mfaToken, (enrollee) =>
      staff.registerPasskey(enrollee, { credential: body.credential, name: body.name, ip: ip(req), origin: origin(req) }),
    );
    res.status(201).json({ passkey, ...(recoveryCodes ? { recoveryCodes } : {}), ...(signedIn ? { signIn: signInReply(res, signedIn) } : {}) });
  });

  router.delete('/totp', async (req, res) => {
    await asMember(req, (principal) => staff.removeTotp(principal));
    res.status(204).end();
  });

  router.delete('/passkeys/:id', async (req, res) => {
    await asMember(req, (principal) => staff.removePasskey(principal, req.params.id!));
    res.status(204).end();
  });

  router.post('/refresh', async (req, res) => {
    const presented = presentedRefresh(req);
    if (!presented) throw Problem.unauthorized('refresh_missing', 'You are not signed in.');
    try {
      res.json(signInReply(res, await tenancy.asSystem(() => staff.refresh({ refreshToken: presented, origin: origin(req) }))));
    } catch (error) {
      if (error instanceof Problem && error.status === 401) res.clearCookie(staffRefreshCookie, cookieOptions);
      throw error;
    }
  });

  router.post('/logout', async (req, res) => {
    const presented = presentedRefresh(req);
    if (presented) await tenancy.asSystem(() => staff.logout({ refreshToken: presented, origin: origin(req) }));
    res.clearCookie(staffRefreshCookie, cookieOptions);
    res.status(204).end();
  });

  return router;
}

/** `/api/v1/admin/staff`: a member's own account, and the owners' staff list. Roles are checked by `requireRole`. */
export function adminStaffRoutes(deps: { staff: StaffService }): Router {
  const { staff } = deps;
  const router = Router();

  router.get('/staff/me', async (req, res) => {
    res.json(await staff.me(staffOf(req)));
  });

  router.get('/staff', async (req, res) => {
    res.json({ data: (await staff.list(firmOf(req).firmId)).map(publicStaff) });
  });

  router.post('/staff', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const body = parse(newStaffSchema, req.body);
    res.status(201).json(publicStaff(await staff.add(firmId, body, actor)));
  });

  router.patch('/staff/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const body = parse(staffChangesSchema, req.body);
    res.json(publicStaff(await staff.update(firmId, req.params.id, body, actor)));
  });

  router.post('/staff/:id/invitations', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await staff.resendInvitation(firmId, req.params.id, actor);
    res.status(202).end();
  });

  return router;
}
