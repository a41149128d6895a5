import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK, SignJWT } from 'jose';
import { refreshReuseGraceMs } from '../../server/src/auth/auth.service.ts';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { firmOrigin, issuer, otherFirmOrigin, password, startTestService, tokenFromEmail, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

const minutes = (n: number) => n * 60_000;

describe('sign-in', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  describe('login', () => {
    it('signs a client in with a short-lived ES256 access token and an httpOnly refresh cookie', async () => {
      const reply = await svc.request('/api/v1/auth/login', { origin: firmOrigin, body: { firm: 'hale', email: 'Alex@Example.com', password } });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.tokenType, 'Bearer');
      assert.equal(reply.body.expiresIn, 600);
      assert.deepEqual(reply.body.contact, {
        id: svc.fixtures.alex.id,
        firmId: svc.fixtures.firm.id,
        email: 'alex@example.com',
        name: 'Alex Morgan',
        locale: null,
      });

      const header = decodeProtectedHeader(reply.body.accessToken);
      assert.equal(header.alg, 'ES256');
      assert.equal(header.typ, 'at+jwt');
      assert.equal(header.kid, (await svc.services.keys.current()).kid);
      const claims = decodeJwt(reply.body.accessToken);
      assert.equal(claims.iss, issuer);
      assert.equal(claims.aud, 'portico');
      assert.equal(claims.sub, svc.fixtures.alex.id);
      assert.equal(claims.firm, svc.fixtures.firm.id);
      assert.ok(claims.exp! - claims.iat! <= 600);

      const cookie = reply.setCookie.find((c) => c.startsWith('portico_refresh='));
      assert.ok(cookie, 'sets the refresh cookie');
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /Path=\/api\/v1\/auth/);
      assert.match(cookie, /SameSite=Lax/i);
      assert.match(cookie, /Expires=/);
      assert.ok(reply.cookies.get('portico_refresh')!.length >= 43, 'at least 256 bits');
      assert.equal(reply.headers.get('cache-control'), 'no-store');
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const wrong = await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password: 'not the password' } });
      const unknown = await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'nobody@example.com', password: 'not the password' } });
      assertProblem(wrong, 401, 'invalid_credentials');
      assertProblem(unknown, 401, 'invalid_credentials');
      assert.equal(wrong.body.detail, unknown.body.detail);
    });

    it('does not let a client of one firm sign in to another', async () => {
      assertProblem(await svc.request('/api/v1/auth/login', { body: { firm: 'north', email: 'alex@example.com', password } }), 401, 'invalid_credentials');
    });

    it('answers GET /me for the signed-in client', async () => {
      const { token } = await svc.login('jordan@example.com');
      const reply = await svc.request('/api/v1/me', { token, origin: firmOrigin });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.contact.email, 'jordan@example.com');
      assert.equal(reply.body.firm.slug, 'hale');
      assert.equal(reply.body.firm.name, 'Hale & Whitmore LLP');
    });

    it("refuses a signed-in client's request from another firm's site", async () => {
      const { token } = await svc.login('alex@example.com');
      assertProblem(await svc.request('/api/v1/me', { token, origin: otherFirmOrigin }), 403, 'origin_not_allowed');
    });
  });

  describe('access tokens', () => {
    let claims: { sub: string; firm: string };
    before(() => {
      claims = { sub: svc.fixtures.alex.id, firm: svc.fixtures.firm.id };
    });

    const forge = async (
      options: { alg?: string; typ?: string; iss?: string; aud?: string; expSeconds?: number; key?: CryptoKey | Uint8Array; kid?: string } = {},
    ) => {
      const now = Math.floor(svc.clock().getTime() / 1000);
      const current = await svc.services.keys.current();
      return new SignJWT({ firm: claims.firm })
        .setProtectedHeader({ alg: options.alg ?? 'ES256', typ: options.typ ?? 'at+jwt', kid: options.kid ?? current.kid })
        .setSubject(claims.sub)
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? 'portico')
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expSeconds ?? 300))
        .sign(options.key ?? current.privateKey);
    };
    const me = (token: string) => svc.request('/api/v1/me', { token });

    it('accepts a token signed with the service key and the right claims', async () => {
      assert.equal((await me(await forge())).status, 200);
    });

    it('refuses a request without a token', async () => {
      assertProblem(await svc.request('/api/v1/me'), 401, 'token_missing');
      assertProblem(await svc.request('/api/v1/me', { headers: { authorization: 'Basic abc' } }), 401, 'token_missing');
    });

    it('refuses alg "none"', async () => {
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(svc.clock().getTime() / 1000);
      const unsigned = `${b64({ alg: 'none', typ: 'at+jwt', kid: (await svc.services.keys.current()).kid })}.${b64({
        sub: claims.sub,
        firm: claims.firm,
        iss: issuer,
        aud: 'portico',
        iat: now,
        exp: now + 300,
      })}.`;
      assertProblem(await me(unsigned), 401, 'token_invalid');
    });

    it('refuses HS256 signed with the public key', async () => {
      const jwk = (await svc.request('/.well-known/jwks.json')).body.keys[0];
      const pem = await exportSPKI((await importJWK(jwk, 'ES256', { extractable: true })) as CryptoKey);
      assertProblem(await me(await forge({ alg: 'HS256', key: new TextEncoder().encode(pem) })), 401, 'token_invalid');
    });

    it('refuses a token signed with another key under the same kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      assertProblem(await me(await forge({ key: privateKey })), 401, 'token_invalid');
    });

    it('refuses an unknown kid', async () => {
      assertProblem(await me(await forge({ kid: 'k-unknown' })), 401, 'token_invalid');
    });

    it('refuses the wrong audience, issuer or type', async () => {
      assertProblem(await me(await forge({ aud: 'someone-else' })), 401, 'token_invalid');
      assertProblem(await me(await forge({ iss: 'https://evil.example' })), 401, 'token_invalid');
      assertProblem(await me(await forge({ typ: 'JWT' })), 401, 'token_invalid');
    });

    it('refuses a token that lives longer than ten minutes', async () => {
      assertProblem(await me(await forge({ expSeconds: 3600 })), 401, 'token_invalid');
    });

    it('refuses an expired token', async () => {
      const { token } = await svc.login('alex@example.com');
      assert.equal((await me(token)).status, 200);
      svc.clock.advance(minutes(11));
      assertProblem(await me(token), 401, 'token_expired');
    });

    it('refuses a refresh token or an API key used as an access token', async () => {
      const { cookie } = await svc.login('alex@example.com');
      assertProblem(await me(cookie.split('=')[1]!), 401, 'token_invalid');
      assertProblem(await me(svc.fixtures.firmKey), 401, 'token_invalid');
    });

    it('keeps verifying tokens signed before a key rotation', async () => {
      const { token } = await svc.login('alex@example.com');
      const before = (await svc.services.keys.current()).kid;
      await svc.services.keys.rotate();
      assert.notEqual((await svc.services.keys.current()).kid, before);
      assert.equal((await me(token)).status, 200);
      const jwks = (await svc.request('/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid);
      assert.ok(jwks.includes(before));
      assert.ok(jwks.includes((await svc.services.keys.current()).kid));
    });
  });

  describe('refresh', () => {
    const refresh = (cookie?: string, origin?: string) => svc.request('/api/v1/auth/refresh', { method: 'POST', cookie, origin });

    it('rotates the refresh token and issues a new access token', async () => {
      const { cookie } = await svc.login('alex@example.com');
      const reply = await refresh(cookie, firmOrigin);
      assert.equal(reply.status, 200);
      assert.ok(reply.body.accessToken);
      const next = reply.cookies.get('portico_refresh');
      assert.ok(next);
      assert.notEqual(`portico_refresh=${next}`, cookie);
      assert.equal((await svc.request('/api/v1/me', { token: reply.body.accessToken })).status, 200);
    });

    it('revokes the whole sign-in when a rotated token is presented again', async () => {
      const { cookie: first } = await svc.login('alex@example.com');
      const rotated = await refresh(first);
      const second = `portico_refresh=${rotated.cookies.get('portico_refresh')}`;
      svc.clock.advance(refreshReuseGraceMs + 1_000);

      const reuse = await refresh(first);
      assertProblem(reuse, 401, 'refresh_reused');
      assert.ok(
        reuse.setCookie.some((c) => /^portico_refresh=;/.test(c)),
        'clears the cookie',
      );
      // The thief's copy and the rightful holder's newer token are both dead now.
      assertProblem(await refresh(second), 401, 'refresh_invalid');
    });

    it('lets two tabs refreshing at the same moment both continue', async () => {
      const { cookie } = await svc.login('alex@example.com');
      const [a, b] = await Promise.all([refresh(cookie), refresh(cookie)]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal((await refresh(`portico_refresh=${b.cookies.get('portico_refresh')}`)).status, 200);
    });

    it('refuses a missing, unknown or expired refresh token', async () => {
      assertProblem(await refresh(), 401, 'refresh_missing');
      assertProblem(await refresh('portico_refresh=made-up-token-value-that-is-long'), 401, 'refresh_invalid');
      const { cookie } = await svc.login('alex@example.com');
      svc.clock.advance(15 * 86_400_000);
      assertProblem(await refresh(cookie), 401, 'refresh_invalid');
    });

    it('refuses a refresh from a page the firm did not list, without rotating', async () => {
      const { cookie } = await svc.login('alex@example.com');
      assertProblem(await refresh(cookie, otherFirmOrigin), 403, 'origin_not_allowed');
      assert.equal((await refresh(cookie, firmOrigin)).status, 200, 'the token was not used up');
    });

    it('ends the sign-in on logout', async () => {
      const { cookie } = await svc.login('alex@example.com');
      const out = await svc.request('/api/v1/auth/logout', { method: 'POST', cookie });
      assert.equal(out.status, 204);
      assert.ok(out.setCookie.some((c) => /^portico_refresh=;/.test(c)));
      assertProblem(await refresh(cookie), 401, 'refresh_invalid');
      assert.equal((await svc.request('/api/v1/auth/logout', { method: 'POST' })).status, 204, 'logging out twice is fine');
    });
  });

  describe('archived contacts', () => {
    it('can neither sign in nor use a token they already have', async () => {
      const contact = await svc.services.repositories.contacts.create(
        svc.fixtures.firm.id,
        { email: 'casey@example.com', name: 'Casey Kim' },
        svc.clock().toISOString(),
      );
      await svc.services.auth.setPasswordHash(contact.id, await hashPassword(password), svc.clock().toISOString());
      const { token, cookie } = await svc.login('casey@example.com');
      await svc.services.contacts.setArchived(svc.fixtures.firm.id, contact.id, true, { type: 'system', id: 'test' });
      assertProblem(await svc.request('/api/v1/me', { token }), 401, 'token_invalid');
      assertProblem(await svc.request('/api/v1/auth/refresh', { method: 'POST', cookie }), 401, 'refresh_invalid');
      assertProblem(await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'casey@example.com', password } }), 403, 'contact_archived');
    });
  });
});

describe('invitations', () => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService();
  });
  const teardown = () => svc.close();

  async function inviteNewContact(email = 'pat@example.com') {
    const created = await svc.request('/api/v1/admin/contacts', { token: svc.fixtures.firmKey, body: { email, name: 'Pat Doe' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const invited = await svc.request(`/api/v1/admin/contacts/${created.body.id}/invitations`, { token: svc.fixtures.firmKey, body: {} });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const [mail] = await svc.outbox(email);
    assert.ok(mail, 'an invitation email was sent');
    return { contact: created.body, invitation: invited.body, mail, token: tokenFromEmail(mail.text, 'invitation') };
  }
  const accept = (token: string, pass = 'a new password of mine') => svc.request('/api/v1/auth/invitations/accept', { body: { token, password: pass } });

  it('emails a branded single-use link that creates the login and signs in', async () => {
    try {
      const { contact, invitation, mail, token } = await inviteNewContact();
      assert.equal(mail.kind, 'invitation');
      assert.match(mail.subject, /Hale & Whitmore LLP/);
      assert.match(mail.html, /#1f3a5f/i, 'in the firm colour');
      assert.ok(mail.text.includes(`https://www.hale.example/portal?invitation=${token}`));
      assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 bits');
      const days = (Date.parse(invitation.expiresAt) - svc.clock().getTime()) / 86_400_000;
      assert.equal(days, 7);

      const reply = await accept(token);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.contact.id, contact.id);
      assert.ok(reply.cookies.get('portico_refresh'));
      assert.equal((await svc.login('pat@example.com', 'hale', 'a new password of mine')).reply.status, 200);

      assertProblem(await accept(token), 400, 'invitation_invalid');
    } finally {
      await teardown();
    }
  });

  it('refuses an expired, replaced or made-up invitation, and a short password', async () => {
    try {
      const first = await inviteNewContact();
      const again = await svc.request(`/api/v1/admin/contacts/${first.contact.id}/invitations`, { token: svc.fixtures.firmKey, body: {} });
      assert.equal(again.status, 201);
      // The other of the two invitations (emails of one clock instant have no sending order on PostgreSQL).
      const tokens = (await svc.outbox('pat@example.com')).map((mail) => tokenFromEmail(mail.text, 'invitation'));
      assert.equal(tokens.length, 2);
      const second = tokens.find((token) => token !== first.token)!;
      assert.ok(second);
      assertProblem(await accept(first.token), 400, 'invitation_invalid');

      assertProblem(await accept(second, 'short'), 400, 'weak_password');
      assertProblem(await accept('x'.repeat(43)), 400, 'invitation_invalid');

      svc.clock.advance(7 * 86_400_000 + 1_000);
      assertProblem(await accept(second), 400, 'invitation_invalid');
    } finally {
      await teardown();
    }
  });

  it("cannot invite another firm's contact", async () => {
    try {
      const reply = await svc.request(`/api/v1/admin/contacts/${svc.fixtures.alex.id}/invitations`, { token: svc.fixtures.otherFirmKey, body: {} });
      assertProblem(reply, 404, 'not_found');
      assert.equal((await svc.outbox('alex@example.com')).length, 0);
    } finally {
      await teardown();
    }
  });
});

describe('password reset', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const requestReset = (email: string) => svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email } });
  const confirm = (token: string, pass = 'my brand new password') => svc.request('/api/v1/auth/password-reset/confirm', { body: { token, password: pass } });

  it('answers the same whether or not the email exists', async () => {
    const known = await requestReset('jordan@example.com');
    const unknown = await requestReset('nobody@example.com');
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.deepEqual(known.body, unknown.body);
    assert.equal((await svc.outbox('jordan@example.com')).length, 1);
    assert.equal((await svc.outbox('nobody@example.com')).length, 0);
  });

  it('sets the new password, ends every other sign-in and is single-use', async () => {
    const { cookie } = await svc.login('alex@example.com');
    await requestReset('alex@example.com');
    const mail = (await svc.outbox('alex@example.com'))[0]!;
    assert.equal(mail.kind, 'password_reset');
    const token = tokenFromEmail(mail.text, 'reset');

    assertProblem(await confirm(token, 'too short'), 400, 'weak_password');
    const reply = await confirm(token);
    assert.equal(reply.status, 200);
    assert.ok(reply.body.accessToken);

    assertProblem(await svc.request('/api/v1/auth/refresh', { method: 'POST', cookie }), 401, 'refresh_invalid');
    assertProblem(await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password } }), 401, 'invalid_credentials');
    assert.equal((await svc.login('alex@example.com', 'hale', 'my brand new password')).reply.status, 200);
    assertProblem(await confirm(token, 'yet another password'), 400, 'reset_token_invalid');
  });

  it('expires the link after an hour', async () => {
    await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'north', email: 'sam@example.com' } });
    const token = tokenFromEmail((await svc.outbox('sam@example.com'))[0]!.text, 'reset');
    svc.clock.advance(minutes(61));
    assertProblem(await confirm(token), 400, 'reset_token_invalid');
  });
});

describe('rate limits', () => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService();
  });

  it('locks an account after repeated failures, even for the right password, until the window passes', async () => {
    try {
      const attempt = (pass: string) => svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password: pass } });
      for (let i = 0; i < 8; i += 1) assertProblem(await attempt(`wrong guess ${i}`), 401, 'invalid_credentials');
      const locked = await attempt(password);
      assertProblem(locked, 429, 'rate_limited');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      assert.match(locked.body.detail, /Try again in/);
      // Another account is not affected.
      assert.equal((await svc.login('jordan@example.com')).reply.status, 200);
      svc.clock.advance(minutes(16));
      assert.equal((await attempt(password)).status, 200);
    } finally {
      await svc.close();
    }
  });

  it('limits login attempts per IP address across accounts', async () => {
    try {
      let last;
      for (let i = 0; i < 31; i += 1) {
        last = await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: `guess${i}@example.com`, password: 'not the password' } });
      }
      assertProblem(last!, 429, 'rate_limited');
    } finally {
      await svc.close();
    }
  });

  it('limits invitation attempts per IP address', async () => {
    try {
      let last;
      for (let i = 0; i < 21; i += 1) {
        last = await svc.request('/api/v1/auth/invitations/accept', { body: { token: `${'x'.repeat(40)}${i}`, password: 'long enough password' } });
      }
      assertProblem(last!, 429, 'rate_limited');
    } finally {
      await svc.close();
    }
  });

  it('limits reset requests per account', async () => {
    try {
      for (let i = 0; i < 3; i += 1) {
        assert.equal((await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'alex@example.com' } })).status, 202);
      }
      const limited = await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'alex@example.com' } });
      assertProblem(limited, 429, 'rate_limited');
      assert.equal((await svc.outbox('alex@example.com')).length, 3);
    } finally {
      await svc.close();
    }
  });
});
