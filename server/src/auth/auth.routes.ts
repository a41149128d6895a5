import { Router, type CookieOptions, type Request, type Response } from 'express';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { Problem } from '../http/problem.ts';
import type { Tenancy } from '../http/tenancy.ts';
import { parse } from '../http/validate.ts';
import {
  emailCodeBody,
  emailCodeRequestBody,
  emailLinkBody,
  linkRenewBody,
  linkStatusBody,
  loginBody,
  newPasswordBody,
  resetRequestBody,
  tokenExchangeBody,
} from './auth.contract.ts';
import type { AuthService, SignedIn, SignInOutcome } from './auth.service.ts';
import { passwordRules } from './passwords.ts';
import { twoFactorRoutes } from './two-factor.routes.ts';

export const refreshCookie = 'portico_refresh';
const cookiePath = '/api/v1/auth';

/** The refresh cookie's attributes, for a sign-in whose routes are under `path`. */
export function refreshCookieOptions(publicUrl: string, path: string): CookieOptions {
  // Over HTTPS the cookie must cross sites (the firm's site calls the service): SameSite=None; Secure.
  // Plain-HTTP development stays same-site on localhost, where Lax is what browsers accept.
  const secure = publicUrl.startsWith('https:');
  return { httpOnly: true, secure, sameSite: secure ? 'none' : 'lax', path };
}

/** A new password must be long enough to resist guessing; length is what matters most. */
export function assertStrongPassword(value: string, field = 'password') {
  if ([...value].length < passwordRules.min) {
    throw Problem.badRequest('weak_password', `The password must be at least ${passwordRules.min} characters long.`, {
      errors: [{ field, message: `must be at least ${passwordRules.min} characters` }],
    });
  }
}

/**
 * Signing in and out. A request that names its firm acts for that firm; one that presents a
 * token (refresh, invitation, reset) finds it by its hash across firms, as nothing else says whose it is.
 */
export function authRoutes(deps: { auth: AuthService; firms: FirmsService; tenancy: Tenancy; publicUrl: string }): Router {
  const { auth, firms, tenancy, publicUrl } = deps;
  const serviceOrigin = new URL(publicUrl).origin;
  const cookieOptions = refreshCookieOptions(publicUrl, cookiePath);

  /** Sets the refresh cookie of a sign-in; answers the Session body. */
  const sessionReply = (res: Response, session: SignedIn) => {
    res.cookie(refreshCookie, session.refreshToken, { ...cookieOptions, expires: session.refreshExpiresAt });
    return { accessToken: session.accessToken, tokenType: 'Bearer' as const, expiresIn: session.expiresIn, contact: session.contact };
  };
  const signedIn = (res: Response, session: SignedIn) => {
    res.json(sessionReply(res, session));
  };
  /** A first factor's answer: the session, or the second factor to give (or set up) first. */
  const answer = (res: Response, outcome: SignInOutcome) => {
    res.json('signedIn' in outcome ? sessionReply(res, outcome.signedIn) : outcome);
  };
  const presentedRefresh = (req: Request): string | undefined => {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[refreshCookie];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const origin = (req: Request) => req.headers.origin;

  const router = Router();

  router.post('/login', async (req, res) => {
    const body = parse(loginBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    answer(res, await tenancy.asFirm(firm.id, () => auth.login({ ...body, ip: req.ip ?? 'unknown' })));
  });

  router.post('/token-exchange', async (req, res) => {
    const body = parse(tokenExchangeBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    signedIn(res, await tenancy.asFirm(firm.id, () => auth.exchangeAssertion({ ...body, ip: req.ip ?? 'unknown' })));
  });

  router.post('/refresh', async (req, res) => {
    const presented = presentedRefresh(req);
    if (!presented) throw Problem.unauthorized('refresh_missing', 'You are not signed in.');
    try {
      signedIn(res, await tenancy.asSystem(() => auth.refresh({ refreshToken: presented, origin: origin(req) })));
    } catch (error) {
      if (error instanceof Problem && error.status === 401) res.clearCookie(refreshCookie, cookieOptions);
      throw error;
    }
  });

  router.post('/logout', async (req, res) => {
    const presented = presentedRefresh(req);
    if (presented) await tenancy.asSystem(() => auth.logout({ refreshToken: presented, origin: origin(req) }));
    res.clearCookie(refreshCookie, cookieOptions);
    res.status(204).end();
  });

  router.post('/invitations/accept', async (req, res) => {
    const body = parse(newPasswordBody, req.body);
    assertStrongPassword(body.password);
    answer(res, await tenancy.asSystem(() => auth.acceptInvitation({ ...body, ip: req.ip ?? 'unknown' })));
  });

  router.post('/password-reset/request', async (req, res) => {
    const body = parse(resetRequestBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    await tenancy.asFirm(firm.id, () => auth.requestPasswordReset({ ...body, ip: req.ip ?? 'unknown' }));
    res.status(202).json({ accepted: true });
  });

  router.post('/email-code/request', async (req, res) => {
    const body = parse(emailCodeRequestBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    await tenancy.asFirm(firm.id, () => auth.requestEmailCode({ ...body, ip: req.ip ?? 'unknown' }));
    res.status(202).json({ accepted: true });
  });

  router.post('/email-code/verify', async (req, res) => {
    // The body says which it is by carrying a token: each shape then gets its own clear errors.
    const link = typeof req.body === 'object' && req.body !== null && 'token' in req.body;
    const body = link ? parse(emailLinkBody, req.body) : parse(emailCodeBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    answer(res, await tenancy.asFirm(firm.id, () => auth.verifyEmailCode({ ...body, ip: req.ip ?? 'unknown' })));
  });

  router.post('/link-status', async (req, res) => {
    const body = parse(linkStatusBody, req.body);
    const status = await tenancy.asSystem(() => auth.linkStatus({ ...body, ip: req.ip ?? 'unknown' }));
    res.json({ kind: body.kind, status });
  });

  router.post('/link-renew', async (req, res) => {
    const body = parse(linkRenewBody, req.body);
    await tenancy.asSystem(() => auth.renewLink({ ...body, ip: req.ip ?? 'unknown' }));
    res.status(202).json({ accepted: true });
  });

  router.post('/password-reset/confirm', async (req, res) => {
    const body = parse(newPasswordBody, req.body);
    assertStrongPassword(body.password);
    answer(res, await tenancy.asSystem(() => auth.confirmPasswordReset({ ...body, ip: req.ip ?? 'unknown' })));
  });

  router.use(twoFactorRoutes({ auth, firms, tenancy, publicUrl, session: sessionReply }));

  return router;
}
