import { Router, type Request, type Response } from 'express';
import type { FirmsService } from '../firms/index.ts';
import { assertFirmOrigin } from '../http/cors.ts';
import { bearerToken } from '../http/principal.ts';
import { Problem } from '../http/problem.ts';
import type { Tenancy } from '../http/tenancy.ts';
import { parse } from '../http/validate.ts';
import type { AuthService, SignedIn } from './auth.service.ts';
import type { ClientEnrollee } from './client-two-factor.ts';
import {
  enrollmentBody,
  mfaBody,
  mfaTokenBody,
  passkeyRegistrationBody,
  passkeySignInBody,
  passkeySignInOptionsBody,
  recoveryCodesBody,
  totpConfirmBody,
} from './two-factor.contract.ts';

/**
 * Clients' second factors, under `/api/v1/auth`: finishing a sign-in (`/mfa`), a passkey as the
 * whole sign-in (`/passkey/…`), and setting factors up and managing them (`/two-factor/…`),
 * with an enrolment token right after the first factor or with the client's access token.
 * `session` writes the refresh cookie and answers the Session shape, as every sign-in does.
 */
export function twoFactorRoutes(deps: {
  auth: AuthService;
  firms: FirmsService;
  tenancy: Tenancy;
  publicUrl: string;
  session: (res: Response, signedIn: SignedIn) => object;
}): Router {
  const { auth, firms, tenancy, session } = deps;
  const twoFactor = auth.twoFactor;
  const serviceOrigin = new URL(deps.publicUrl).origin;
  const ip = (req: Request) => req.ip ?? 'unknown';
  const origin = (req: Request) => req.headers.origin;

  /** Runs `work` in the firm of the MFA token. */
  const withMfaToken = async <T>(mfaToken: string, work: () => Promise<T>) => tenancy.asFirm(await twoFactor.firmOfMfaToken(mfaToken), work);
  /** Runs `work` for the client whose access token the request carries. */
  const asClient = async <T>(req: Request, work: (client: { contactId: string; firmId: string }) => Promise<T>): Promise<T> => {
    const token = bearerToken(req);
    if (!token) throw Problem.unauthorized('token_missing', 'Sign in first, or send the mfaToken the sign-in answered with.');
    if (token.startsWith('pk_')) throw Problem.unauthorized('token_invalid', 'API keys are for the firm-side API, not client requests.');
    const claims = await auth.verifyClientToken(token);
    return tenancy.asFirm(claims.firmId, async () => {
      const contact = await auth.authenticateClient(claims, origin(req));
      return work({ contactId: contact.id, firmId: contact.firmId });
    });
  };
  /** Enrolment is authorised by an enrolment token in the body, else by the client's access token. */
  const asEnrollee = <T>(req: Request, mfaToken: string | undefined, work: (enrollee: ClientEnrollee) => Promise<T>): Promise<T> =>
    mfaToken ? withMfaToken(mfaToken, () => work({ mfaToken })) : asClient(req, (client) => work(client));

  const router = Router();

  router.post('/mfa', async (req, res) => {
    const body = parse(mfaBody, req.body);
    const { mfaToken, ...answer } = body;
    res.json(session(res, await withMfaToken(mfaToken, () => auth.completeSecondFactor({ mfaToken, answer, ip: ip(req), origin: origin(req) }))));
  });

  router.post('/mfa/passkey/options', async (req, res) => {
    const body = parse(mfaTokenBody, req.body);
    res.json(await withMfaToken(body.mfaToken, () => twoFactor.passkeyOptions({ mfaToken: body.mfaToken, origin: origin(req) })));
  });

  router.post('/passkey/options', async (req, res) => {
    const body = parse(passkeySignInOptionsBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    res.json(await tenancy.asFirm(firm.id, () => auth.passkeySignInOptions({ ...body, ip: ip(req), origin: origin(req) })));
  });

  router.post('/passkey/verify', async (req, res) => {
    const body = parse(passkeySignInBody, req.body);
    const firm = await firms.bySlug(body.firm);
    assertFirmOrigin(firm, origin(req), serviceOrigin);
    res.json(session(res, await tenancy.asFirm(firm.id, () => auth.passkeySignIn({ ...body, ip: ip(req), origin: origin(req) }))));
  });

  router.get('/two-factor', async (req, res) => {
    res.json(await asClient(req, (client) => twoFactor.overview(client.contactId, client.firmId)));
  });

  router.post('/two-factor/totp/setup', async (req, res) => {
    const body = parse(enrollmentBody, req.body ?? {});
    res.json(await asEnrollee(req, body.mfaToken, (enrollee) => twoFactor.totpSetup(enrollee, origin(req))));
  });

  router.post('/two-factor/totp/confirm', async (req, res) => {
    const body = parse(totpConfirmBody, req.body);
    const { recoveryCodes, signIn } = await asEnrollee(req, body.mfaToken, async (enrollee) => {
      const confirmed = await twoFactor.totpConfirm(enrollee, body.code, ip(req), origin(req));
      return { ...confirmed, signIn: confirmed.signIn && (await auth.signInEnrolled(confirmed.signIn, 'totp', ip(req))) };
    });
    res.json({ recoveryCodes, ...(signIn ? { signIn: session(res, signIn) } : {}) });
  });

  router.delete('/two-factor/totp', async (req, res) => {
    await asClient(req, (client) => twoFactor.removeTotp(client.contactId, client.firmId, ip(req)));
    res.status(204).end();
  });

  router.post('/two-factor/passkeys/options', async (req, res) => {
    const body = parse(enrollmentBody, req.body ?? {});
    res.json(await asEnrollee(req, body.mfaToken, (enrollee) => twoFactor.passkeyRegistrationOptions(enrollee, origin(req))));
  });

  router.post('/two-factor/passkeys', async (req, res) => {
    const body = parse(passkeyRegistrationBody, req.body);
    const { passkey, recoveryCodes, signIn } = await asEnrollee(req, body.mfaToken, async (enrollee) => {
      const added = await twoFactor.registerPasskey(enrollee, { credential: body.credential, name: body.name, ip: ip(req), origin: origin(req) });
      return { ...added, signIn: added.signIn && (await auth.signInEnrolled(added.signIn, 'passkey', ip(req))) };
    });
    res.status(201).json({ passkey, ...(recoveryCodes ? { recoveryCodes } : {}), ...(signIn ? { signIn: session(res, signIn) } : {}) });
  });

  router.delete('/two-factor/passkeys/:id', async (req, res) => {
    await asClient(req, (client) => twoFactor.removePasskey(client.contactId, client.firmId, req.params.id!, ip(req)));
    res.status(204).end();
  });

  router.post('/two-factor/recovery-codes', async (req, res) => {
    const body = parse(recoveryCodesBody, req.body);
    res.json({ recoveryCodes: await asClient(req, (client) => twoFactor.regenerateRecoveryCodes(client.contactId, client.firmId, body, ip(req))) });
  });

  return router;
}
