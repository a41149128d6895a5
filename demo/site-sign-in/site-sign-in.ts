/**
 * The demo firm website's own sign-in, as a firm's site that already signs its clients in has
 * one, and the small piece of its backend that lets those clients into the portal with no second
 * password ("Sign in from your own site" in the README):
 *
 * - `POST /sso/sign-in` (a form: `account`) signs a visitor in on the site. Here the visitor just
 *   picks one of the site's accounts; a real site checks its own password or single sign-on.
 * - `GET /sso/account` tells the page who is signed in on the site, if anyone.
 * - `POST /sso/assertion` signs a short-lived assertion (an ES256 JWT) for that visitor, which
 *   the page hands to `<portal-app>` through `getAssertion`. The token service trusts it because
 *   the firm registered the site's public key in `settings.identity` (the demo seed does).
 * - `POST /sso/sign-out` ends the site's sign-in (the page signs the portal out first).
 *
 * The signing key is demo-site-key.json beside this file: a published, demo-only key. The site's
 * sessions live in this process's memory, which is enough for a demo site.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { importJWK, SignJWT, type JWK } from 'jose';
import { demoAssertionAudience } from '../../server/src/seed/demo-identity.ts';

/** A client account on the firm's website. `siteId` is the site's own id for them: the assertion's `sub`. */
export interface SiteAccount {
  siteId: string;
  email: string;
  name: string;
}

/**
 * The site's accounts. The portal knows Alex and Jordan by these ids too (their contacts'
 * `externalId`, set by the demo seed); Sam has an account on the site but none in the portal.
 */
export const siteAccounts: readonly SiteAccount[] = [
  { siteId: 'HW-1001', email: 'alex@example.com', name: 'Alex Morgan' },
  { siteId: 'HW-1002', email: 'jordan@example.com', name: 'Jordan Lee' },
  { siteId: 'HW-2001', email: 'sam@example.com', name: 'Sam Okafor' },
];

const cookieName = 'hw_site_session';
const sessionLifetimeMs = 8 * 60 * 60 * 1000;
const maxSessions = 1000;
/** The assertion only has to reach the token service: two minutes (the service accepts at most five). */
const assertionLifetimeSeconds = 120;
const maxFormBytes = 4096;

interface SiteSession {
  account: SiteAccount;
  expiresAt: number;
}

interface DemoKeyFile {
  privateJwk: JWK & { kid: string };
}

function readDemoKey(): DemoKeyFile['privateJwk'] {
  const file = new URL('./demo-site-key.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoKeyFile).privateJwk;
}

export interface SiteSignInOptions {
  /** The site's own address: the assertions' issuer (the firm registers it as `settings.identity.issuer`). */
  siteUrl: string;
}

export class SiteSignIn {
  readonly #issuer: string;
  readonly #sessions = new Map<string, SiteSession>();
  readonly #jwk = readDemoKey();
  readonly #key = importJWK(this.#jwk, 'ES256');

  constructor({ siteUrl }: SiteSignInOptions) {
    this.#issuer = new URL(siteUrl).origin;
  }

  /** Whether this module answers the request; `handle` then does. */
  handles(pathname: string): boolean {
    return ['/sso/sign-in', '/sso/sign-out', '/sso/account', '/sso/assertion'].includes(pathname);
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    const method = req.method ?? 'GET';
    const allowed = pathname === '/sso/account' ? ['GET', 'HEAD'] : ['POST'];
    if (!allowed.includes(method)) {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: allowed.join(', ') });
      return;
    }
    // The site's own pages post here; another site may not (a cross-site form or fetch).
    if (method === 'POST' && !this.#sameOrigin(req)) {
      sendJson(res, 403, { error: 'cross_origin_request' });
      return;
    }
    switch (pathname) {
      case '/sso/account': {
        const session = this.#sessionOf(req);
        sendJson(res, 200, session ? { signedIn: true, account: { name: session.account.name, email: session.account.email } } : { signedIn: false });
        return;
      }
      case '/sso/sign-in': {
        const body = await readBody(req);
        if (body === undefined) {
          sendJson(res, 413, { error: 'form_too_large' });
          return;
        }
        const form = new URLSearchParams(body);
        const account = siteAccounts.find((candidate) => candidate.siteId === form.get('account'));
        if (!account) {
          sendJson(res, 400, { error: 'unknown_account' });
          return;
        }
        this.#endSession(req);
        const token = this.#startSession(account);
        redirect(res, '/sso/', `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${sessionLifetimeMs / 1000}`);
        return;
      }
      case '/sso/sign-out':
        this.#endSession(req);
        redirect(res, '/sso/', `${cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
        return;
      case '/sso/assertion': {
        const session = this.#sessionOf(req);
        if (!session) {
          sendJson(res, 401, { error: 'not_signed_in', message: 'Nobody is signed in on the site.' });
          return;
        }
        sendJson(res, 200, { assertion: await this.assertionFor(session.account) });
        return;
      }
    }
  }

  /** Signs an assertion for `account`: who they are on the site, for the portal, once, for two minutes. */
  async assertionFor(account: SiteAccount): Promise<string> {
    return new SignJWT({ email: account.email, name: account.name })
      .setProtectedHeader({ alg: 'ES256', kid: this.#jwk.kid, typ: 'JWT' })
      .setIssuer(this.#issuer)
      .setAudience(demoAssertionAudience)
      .setSubject(account.siteId)
      .setIssuedAt()
      .setExpirationTime(`${assertionLifetimeSeconds}s`)
      .setJti(randomUUID())
      .sign(await this.#key);
  }

  /**
   * Whether a POST comes from the site's own pages: browsers say so in `Sec-Fetch-Site` (the
   * pages' no-referrer policy makes a form's `Origin` "null"); other clients are judged by
   * `Origin` when they send one.
   */
  #sameOrigin(req: http.IncomingMessage): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin';
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`;
  }

  #startSession(account: SiteAccount): string {
    const now = Date.now();
    for (const [token, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(token);
    // The oldest sign-ins give way first: the demo keeps a bounded number.
    while (this.#sessions.size >= maxSessions) this.#sessions.delete(this.#sessions.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    this.#sessions.set(token, { account, expiresAt: now + sessionLifetimeMs });
    return token;
  }

  #sessionOf(req: http.IncomingMessage): SiteSession | undefined {
    const token = cookieValue(req.headers.cookie, cookieName);
    const session = token ? this.#sessions.get(token) : undefined;
    if (!session || session.expiresAt <= Date.now()) return undefined;
    return session;
  }

  #endSession(req: http.IncomingMessage): void {
    const token = cookieValue(req.headers.cookie, cookieName);
    if (token) this.#sessions.delete(token);
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The request's form, or undefined when it is larger than a sign-in form can be. */
async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > maxFormBytes) return undefined;
  }
  return body;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

function redirect(res: http.ServerResponse, location: string, cookie: string): void {
  res.writeHead(303, { Location: location, 'Set-Cookie': cookie, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}
