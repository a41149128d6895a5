import assert from 'node:assert/strict';
import { generateKeyPairSync, KeyObject, randomUUID, sign as cryptoSign, type webcrypto } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { firmOrigin, loopbackPublicUrl, otherFirmOrigin, startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

const issuer = 'https://www.hale.example';
const audience = 'portico:hale';
const minutes = (n: number) => n * 60_000;

interface SigningKey {
  privateKey: CryptoKey;
  jwk: JWK;
  alg: 'ES256' | 'RS256';
}

async function signingKey(alg: 'ES256' | 'RS256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid }, alg };
}

/** What an assertion claims, by default a good one; `undefined` leaves a claim out. */
type Claims = Record<string, unknown>;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 JWS made by hand, for headers jose would refuse to sign. */
function signRaw(header: Record<string, unknown>, payload: Record<string, unknown>, key: SigningKey): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const signature = cryptoSign('sha256', Buffer.from(input), { key: KeyObject.from(key.privateKey as webcrypto.CryptoKey), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

describe('token exchange', () => {
  let svc: TestService;
  let es256: SigningKey;
  let rs256: SigningKey;
  let stranger: SigningKey;

  before(async () => {
    svc = await startTestService();
    [es256, rs256, stranger] = await Promise.all([signingKey('ES256', 'site-es'), signingKey('RS256', 'site-rs'), signingKey('ES256', 'site-es')]);
  });
  after(() => svc.close());
  // Each test starts in a new rate-limit window.
  beforeEach(() => svc.clock.advance(minutes(16)));

  const admin = (path: string, options: { method?: string; body?: unknown; token?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: svc.fixtures.firmKey, ...options });
  const setIdentity = (identity: unknown, token = svc.fixtures.firmKey) => admin('/settings', { method: 'PATCH', body: { settings: { identity } }, token });
  const nowSeconds = () => Math.floor(svc.clock().getTime() / 1000);

  /** A good assertion for `claims` over the defaults, signed by `key`. */
  function sign(claims: Claims = {}, key: SigningKey = es256, header: Record<string, unknown> = {}): Promise<string> {
    const now = nowSeconds();
    const payload = Object.fromEntries(
      Object.entries({
        iss: issuer,
        aud: audience,
        sub: 'site-user-1',
        email: 'alex@example.com',
        jti: randomUUID(),
        iat: now,
        exp: now + 120,
        ...claims,
      }).filter(([, v]) => v !== undefined),
    );
    return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.jwk.kid, typ: 'JWT', ...header }).sign(key.privateKey);
  }

  const exchange = (assertion: unknown, firm = 'hale', origin?: string) => svc.request('/api/v1/auth/token-exchange', { body: { firm, assertion }, origin });

  const identity = (changes: Record<string, unknown> = {}) => ({ issuer, audience, publicKeys: [es256.jwk, rs256.jwk], autoProvision: false, ...changes });

  describe('the identity settings', () => {
    it('are set, shown and removed through PATCH /admin/settings', async () => {
      const set = await setIdentity(identity());
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.equal(set.body.settings.identity.issuer, issuer);
      assert.equal(set.body.settings.identity.audience, audience);
      assert.equal(set.body.settings.identity.autoProvision, false);
      assert.deepEqual(
        set.body.settings.identity.publicKeys.map((k: JWK) => [k.kty, k.kid]),
        [
          ['EC', 'site-es'],
          ['RSA', 'site-rs'],
        ],
      );
      assert.deepEqual((await admin('/settings')).body.settings.identity, set.body.settings.identity);

      const patched = await admin('/settings', { method: 'PATCH', body: { settings: { identity: { autoProvision: true } } } });
      assert.equal(patched.body.settings.identity.autoProvision, true, 'a merge patch changes one field');
      assert.equal(patched.body.settings.identity.publicKeys.length, 2);

      const removed = await setIdentity(null);
      assert.equal(removed.status, 200);
      assert.equal(removed.body.settings.identity, undefined);
    });

    it('switch from listed keys to a key set URL with one patch', async () => {
      await setIdentity(identity());
      const switched = await setIdentity({ jwksUrl: 'https://www.hale.example/.well-known/jwks.json', publicKeys: null });
      assert.equal(switched.status, 200, JSON.stringify(switched.body));
      assert.equal(switched.body.settings.identity.jwksUrl, 'https://www.hale.example/.well-known/jwks.json');
      assert.equal(switched.body.settings.identity.publicKeys, undefined);
      await setIdentity(null);
    });

    it('keep only what a public key needs, and drop unknown members', async () => {
      const reply = await setIdentity(identity({ publicKeys: [{ ...es256.jwk, alg: 'ES256', use: 'sig', x5t: 'ignored' }] }));
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.deepEqual(reply.body.settings.identity.publicKeys, [
        { kty: 'EC', crv: 'P-256', x: es256.jwk.x, y: es256.jwk.y, kid: 'site-es', use: 'sig', alg: 'ES256' },
      ]);
      await setIdentity(null);
    });

    it('refuse what cannot verify an assertion safely, naming the field', async () => {
      const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
      const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
      const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const privateJwk = await exportJWK(privateKey);
      const bad: [string, unknown][] = [
        ['both', identity({ jwksUrl: 'https://www.hale.example/jwks.json' })],
        ['neither', { issuer, audience, autoProvision: false }],
        ['no keys', identity({ publicKeys: [] })],
        ['private key', identity({ publicKeys: [privateJwk] })],
        ['secret key', identity({ publicKeys: [{ kty: 'oct', k: 'c2VjcmV0' }] })],
        ['RSA 1024', identity({ publicKeys: [rsa1024] })],
        ['P-384', identity({ publicKeys: [p384] })],
        ['Ed25519', identity({ publicKeys: [ed25519] })],
        ['EC not on the curve', identity({ publicKeys: [{ ...es256.jwk, x: es256.jwk.y, y: es256.jwk.x }] })],
        ['RSA key marked ES256', identity({ publicKeys: [{ ...rs256.jwk, alg: 'ES256' }] })],
        ['EC key marked HS256', identity({ publicKeys: [{ ...es256.jwk, alg: 'HS256' }] })],
        ['encryption key', identity({ publicKeys: [{ ...es256.jwk, use: 'enc' }] })],
        ['eleven keys', identity({ publicKeys: Array.from({ length: 11 }, () => es256.jwk) })],
        ['no issuer', identity({ issuer: '' })],
        ['no audience', { issuer, publicKeys: [es256.jwk] }],
        ['autoProvision not a boolean', identity({ autoProvision: 'yes' })],
        ['unknown field', identity({ algorithms: ['HS256'] })],
        ['not a URL', { issuer, audience, jwksUrl: 'keys please' }],
        ['ftp URL', { issuer, audience, jwksUrl: 'ftp://www.hale.example/jwks.json' }],
        ['http in production', { issuer, audience, jwksUrl: 'http://www.hale.example/jwks.json' }],
        ['loopback in production', { issuer, audience, jwksUrl: 'https://127.0.0.1/jwks.json' }],
        ['localhost in production', { issuer, audience, jwksUrl: 'https://localhost/jwks.json' }],
        ['private address in production', { issuer, audience, jwksUrl: 'https://10.1.2.3/jwks.json' }],
        ['user in the URL', { issuer, audience, jwksUrl: 'https://user:pw@www.hale.example/jwks.json' }],
        ['not an object', 'yes'],
      ];
      for (const [why, value] of bad) {
        const reply = await setIdentity(value);
        assertProblem(reply, 400, 'invalid_request');
        assert.ok(
          reply.body.errors.some((e: { field: string }) => e.field.startsWith('settings.identity')),
          `${why}: ${JSON.stringify(reply.body.errors)}`,
        );
      }
      assert.equal((await admin('/settings')).body.settings.identity, undefined, 'nothing was stored');
    });
  });

  describe('signing in', () => {
    before(async () => {
      const reply = await setIdentity(identity());
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    });

    it('answers as a password sign-in does: access token, contact and the refresh cookie, which then refreshes', async () => {
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      const reply = await exchange(await sign({ sub: 'site-jordan', email: 'jordan@example.com' }), 'hale', firmOrigin);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.deepEqual(Object.keys(reply.body).sort(), ['accessToken', 'contact', 'expiresIn', 'tokenType']);
      assert.equal(reply.body.tokenType, 'Bearer');
      assert.equal(reply.body.expiresIn, 600);
      assert.deepEqual(reply.body.contact, {
        id: svc.fixtures.jordan.id,
        firmId: svc.fixtures.firm.id,
        email: 'jordan@example.com',
        name: 'Jordan Lee',
        locale: null,
      });
      const cookie = reply.setCookie.find((c) => c.startsWith('portico_refresh='));
      assert.ok(cookie);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /Path=\/api\/v1\/auth/);
      assert.equal(reply.headers.get('cache-control'), 'no-store');

      const me = await svc.request('/api/v1/me', { token: reply.body.accessToken });
      assert.equal(me.body.contact.id, svc.fixtures.jordan.id);

      const refreshed = await svc.request('/api/v1/auth/refresh', {
        method: 'POST',
        cookie: `portico_refresh=${reply.cookies.get('portico_refresh')}`,
        origin: firmOrigin,
      });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.equal(refreshed.body.contact.id, svc.fixtures.jordan.id);
      assert.notEqual(refreshed.cookies.get('portico_refresh'), reply.cookies.get('portico_refresh'));

      const [audit] = (await svc.query<{
        action: string;
        actor_id: string;
        data: string;
        ip: string;
      }>`SELECT action, actor_id, data, ip FROM audit_log WHERE action = 'login.succeeded' ORDER BY id DESC LIMIT 1`) as [
        { action: string; actor_id: string; data: string; ip: string },
      ];
      assert.equal(audit.actor_id, svc.fixtures.jordan.id);
      assert.deepEqual(JSON.parse(audit.data), { method: 'token_exchange' });
      assert.ok(audit.ip);
    });

    it('takes an RS256 assertion as well', async () => {
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      const reply = await exchange(await sign({ sub: 'site-jordan', email: 'jordan@example.com' }, rs256));
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.contact.id, svc.fixtures.jordan.id);
    });

    it("links the contact with the assertion's email (any case) to its sub, then finds them by it", async () => {
      const first = await exchange(await sign({ sub: 'site-alex', email: 'ALEX@Example.com' }));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.contact.id, svc.fixtures.alex.id);
      assert.equal((await admin(`/contacts/${svc.fixtures.alex.id}`)).body.externalId, 'site-alex');

      const renamed = await exchange(await sign({ sub: 'site-alex', email: 'alex.new@example.com' }));
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.contact.id, svc.fixtures.alex.id, 'found by sub, whatever the email now says');
    });

    it('refuses (401) an email whose contact is linked to another sub', async () => {
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      const reply = await exchange(await sign({ sub: 'site-impostor', email: 'jordan@example.com' }));
      assertProblem(reply, 401, 'external_id_mismatch');
      assert.equal((await admin(`/contacts/${svc.fixtures.jordan.id}`)).body.externalId, 'site-jordan');
      assert.equal(reply.setCookie.length, 0);
    });

    it('refuses (404 contact_not_found) a client the firm has not added, unless it provisions them', async () => {
      const reply = await exchange(await sign({ sub: 'site-new-1', email: 'new.one@example.com', name: 'New One' }));
      assertProblem(reply, 404, 'contact_not_found');
      assert.deepEqual((await admin('/contacts?q=new.one')).body.data, [], 'no contact was made');
    });

    it('creates the contact when autoProvision is on, named from `name` or else the email, and emits contact.activated once', async () => {
      await setIdentity(identity({ autoProvision: true }));
      try {
        const created = await exchange(await sign({ sub: 'site-new-2', email: 'New.Two@Example.com', name: '  Riley Two  ' }));
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.equal(created.body.contact.email, 'new.two@example.com');
        assert.equal(created.body.contact.name, 'Riley Two');
        const contact = (await admin(`/contacts/${created.body.contact.id}`)).body;
        assert.equal(contact.externalId, 'site-new-2');
        assert.equal(contact.status, 'active');

        const again = await exchange(await sign({ sub: 'site-new-2', email: 'new.two@example.com' }));
        assert.equal(again.body.contact.id, created.body.contact.id, 'the same contact, not another');

        const unnamed = await exchange(await sign({ sub: 'site-new-3', email: 'new.three@example.com' }));
        assert.equal(unnamed.body.contact.name, 'new.three@example.com');
      } finally {
        await setIdentity(identity());
      }
    });

    it('refuses an archived contact (403 contact_archived)', async () => {
      const contact = await admin('/contacts', { body: { email: 'archived@example.com', name: 'Archived', externalId: 'site-archived' } });
      await admin(`/contacts/${contact.body.id}/archive`, { method: 'POST' });
      assertProblem(await exchange(await sign({ sub: 'site-archived', email: 'archived@example.com' })), 403, 'contact_archived');

      const unlinked = await admin('/contacts', { body: { email: 'archived.unlinked@example.com', name: 'Archived Unlinked' } });
      await admin(`/contacts/${unlinked.body.id}/archive`, { method: 'POST' });
      assertProblem(await exchange(await sign({ sub: 'site-archived-2', email: 'archived.unlinked@example.com' })), 403, 'contact_archived');
      assert.equal((await admin(`/contacts/${unlinked.body.id}`)).body.externalId, null, 'a refused sign-in links nobody');
    });

    it('refuses a firm that has not set up token exchange, or does not exist', async () => {
      assertProblem(await exchange(await sign({}), 'north'), 401, 'token_exchange_not_enabled');
      assertProblem(await exchange(await sign({}), 'nowhere'), 404, 'firm_not_found');
    });

    it("refuses a page of another firm's site", async () => {
      assertProblem(await exchange(await sign({ sub: 'site-jordan', email: 'jordan@example.com' }), 'hale', otherFirmOrigin), 403, 'origin_not_allowed');
    });

    it('refuses a body without a firm or an assertion', async () => {
      assertProblem(await svc.request('/api/v1/auth/token-exchange', { body: { firm: 'hale' } }), 400, 'invalid_request');
      assertProblem(await svc.request('/api/v1/auth/token-exchange', { body: { assertion: 'x' } }), 400, 'invalid_request');
      assertProblem(await exchange(''), 400, 'invalid_request');
      assertProblem(await exchange(42), 400, 'invalid_request');
      assertProblem(
        await svc.request('/api/v1/auth/token-exchange', { body: { firm: 'hale', assertion: 'x', email: 'a@example.com' } }),
        400,
        'invalid_request',
      );
    });
  });

  describe('a bad assertion', () => {
    let detail: string | undefined;
    before(async () => {
      await setIdentity(identity({ autoProvision: true }));
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
    });

    /** Every refusal is the same 401, with the same words: nothing says which check failed. */
    async function refused(assertion: string | Promise<string>, why: string) {
      // Many refusals in a row: keep this test's own requests under the sign-in rate limit.
      await svc.query`DELETE FROM rate_limits WHERE key LIKE 'token-exchange-ip:%'`;
      const reply = await exchange(await assertion);
      assertProblem(reply, 401, 'invalid_assertion');
      // Only the request's own id besides the standard members.
      assert.deepEqual(Object.keys(reply.body).sort(), ['code', 'detail', 'requestId', 'status', 'title', 'type'], why);
      assert.equal(reply.body.requestId, reply.headers.get('x-request-id'), why);
      detail ??= reply.body.detail;
      assert.equal(reply.body.detail, detail, why);
      assert.equal(reply.setCookie.length, 0, why);
    }

    const unsigned = (header: Record<string, unknown>, payload: Record<string, unknown>, signature = '') =>
      `${base64url(header)}.${base64url(payload)}.${signature}`;

    it('is refused whatever is wrong with it, with one code and one message', async () => {
      const now = nowSeconds();
      const good = { iss: issuer, aud: audience, sub: 'site-bad', email: 'bad@example.com', jti: randomUUID(), iat: now, exp: now + 120 };
      const { privateKey: edKey } = await generateKeyPair('EdDSA', { extractable: true });
      const secret = new TextEncoder().encode('a shared secret that is long enough for HS256!');
      const goodToken = await sign(good);
      const [h, p] = goodToken.split('.');
      const jordan = { ...good, sub: 'site-jordan', email: 'jordan@example.com' };
      const byHand = await exchange(signRaw({ alg: 'ES256', kid: 'site-es' }, { ...jordan, jti: randomUUID() }, es256));
      assert.equal(byHand.status, 200, `an assertion signed by hand is good: ${JSON.stringify(byHand.body)}`);
      const cases: [string, string | Promise<string>][] = [
        ['expired', sign({ iat: now - 600, exp: now - 60 })],
        ['exp too far ahead', sign({ exp: now + 10 * 60 })],
        ['exp a little beyond five minutes and the skew', sign({ exp: now + 5 * 60 + 31 })],
        ['no exp', sign({ exp: undefined })],
        ['exp not a number', sign({ exp: 'tomorrow' })],
        ['iat in the future', sign({ iat: now + 120, exp: now + 240 })],
        ['nbf in the future', sign({ nbf: now + 120 })],
        ['no jti', sign({ jti: undefined })],
        ['empty jti', sign({ jti: '' })],
        ['jti not a string', sign({ jti: 7 })],
        ['no sub', sign({ sub: undefined })],
        ['sub with a control character', sign({ sub: 'bad\nsub' })],
        ['sub too long', sign({ sub: 's'.repeat(201) })],
        ['no email', sign({ email: undefined })],
        ['not an email', sign({ email: 'bad-at-example.com' })],
        ['name not a string', sign({ name: { first: 'Bad' } })],
        ['wrong issuer', sign({ iss: 'https://evil.example' })],
        ['no issuer', sign({ iss: undefined })],
        ['wrong audience', sign({ aud: 'portico:north' })],
        ['no audience', sign({ aud: undefined })],
        ['wrong key with a known kid', sign({}, stranger)],
        ['wrong key with an unknown kid', sign({}, { ...stranger, jwk: { ...stranger.jwk, kid: 'unknown' } })],
        [
          'an RS256 header over an ES256 signature',
          (() => {
            const [, payload, signature] = signRaw({ alg: 'ES256', kid: 'site-es' }, { ...jordan, jti: randomUUID() }, es256).split('.');
            return `${base64url({ alg: 'RS256', kid: 'site-es' })}.${payload}.${signature}`;
          })(),
        ],
        ['an ES256 header with an unknown kid', signRaw({ alg: 'ES256', kid: 'nobody' }, { ...jordan, jti: randomUUID() }, es256)],
        ['HS256', new SignJWT(good).setProtectedHeader({ alg: 'HS256' }).sign(secret)],
        [
          'HS256 keyed with the public key',
          new SignJWT(good).setProtectedHeader({ alg: 'HS256', kid: 'site-es' }).sign(new TextEncoder().encode(JSON.stringify(es256.jwk))),
        ],
        ['none', unsigned({ alg: 'none' }, good)],
        ['none, upper case', unsigned({ alg: 'NONE', typ: 'JWT' }, good)],
        ['EdDSA', new SignJWT(good).setProtectedHeader({ alg: 'EdDSA', kid: 'site-es' }).sign(edKey)],
        ['a signature cut off', goodToken.slice(0, -10)],
        ['a payload changed after signing', `${h}.${base64url({ ...good, sub: 'site-jordan', email: 'jordan@example.com' })}.${goodToken.split('.')[2]}`],
        ['the header only', `${h}.`],
        ['two parts', `${h}.${p}`],
        ['not a JWT', 'not-a-jwt'],
        ['three dots', '...'],
        ['garbage segments', 'a.b.c'],
        ['JSON', JSON.stringify(good)],
        ['an encrypted-looking token', 'a.b.c.d.e'],
        ['too long', `${goodToken}${'A'.repeat(17_000)}`],
        ['a critical header', signRaw({ alg: 'ES256', kid: 'site-es', crit: ['exp-check'], 'exp-check': true }, { ...jordan, jti: randomUUID() }, es256)],
        ['a JWE header', unsigned({ alg: 'RSA-OAEP', enc: 'A256GCM' }, good, 'AAAA')],
      ];
      for (const [why, assertion] of cases) await refused(assertion, why);
      assert.deepEqual((await admin('/contacts?q=bad%40example.com')).body.data, [], 'none made a contact');

      const [audit] = (await svc.query<{
        data: string;
      }>`SELECT data FROM audit_log WHERE action = 'login.failed' AND data LIKE '%token_exchange%' ORDER BY id DESC LIMIT 1`) as [{ data: string }];
      assert.equal(JSON.parse(audit.data).method, 'token_exchange');
      assert.ok(JSON.parse(audit.data).reason, 'the audit log says why, for the firm');
    });

    it('is good once: the same assertion again is refused', async () => {
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      const assertion = await sign({ sub: 'site-jordan', email: 'jordan@example.com' });
      assert.equal((await exchange(assertion)).status, 200);
      await refused(assertion, 'replayed');
      svc.clock.advance(60_000);
      await refused(assertion, 'replayed a minute later');
    });

    it('a jti used in one firm does not burn it in another', async () => {
      const jti = randomUUID();
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      assert.equal((await exchange(await sign({ jti, sub: 'site-jordan', email: 'jordan@example.com' }))).status, 200);
      await setIdentity(identity(), svc.fixtures.otherFirmKey);
      try {
        const reply = await exchange(await sign({ jti, sub: 'site-sam', email: 'sam@example.com' }), 'north');
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.equal(reply.body.contact.id, svc.fixtures.sam.id);
      } finally {
        await setIdentity(null, svc.fixtures.otherFirmKey);
      }
    });

    it('is accepted within the clock skew, and its jti is forgotten by the pruning job once it has expired', async () => {
      const now = nowSeconds();
      await admin(`/contacts/${svc.fixtures.jordan.id}`, { method: 'PATCH', body: { externalId: 'site-jordan' } });
      const skewed = await sign({ sub: 'site-jordan', email: 'jordan@example.com', iat: now + 20, exp: now + 5 * 60 + 20 });
      assert.equal((await exchange(skewed)).status, 200);
      const count = async () =>
        (await svc.query<{ n: number }>`SELECT COUNT(*) AS n FROM used_assertions WHERE expires_at >= ${svc.clock().toISOString()}`)[0]!.n;
      const total = async () => (await svc.query<{ n: number }>`SELECT COUNT(*) AS n FROM used_assertions`)[0]!.n;
      assert.ok((await count()) >= 1);
      svc.clock.advance(minutes(60));
      assert.equal(await count(), 0);
      assert.ok((await total()) > 0);
      await svc.services.jobs.enqueueRecurringNow();
      await svc.services.jobs.drain();
      assert.equal(await total(), 0, 'expired jtis are pruned');
    });

    it('is rate limited per address, as sign-in is', async () => {
      for (let n = 0; n < 30; n += 1) assertProblem(await exchange('not-a-jwt'), 401, 'invalid_assertion');
      const limited = await exchange(await sign({}));
      assertProblem(limited, 429, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    });
  });
});

describe('token exchange with a key set URL', () => {
  let svc: TestService;
  let key: SigningKey;
  let keySet: http.Server;
  let keySetUrl: string;
  let fetches = 0;
  let answer: 'keys' | 'error' | 'huge' = 'keys';
  const hooks: { type: string; data: Record<string, unknown> }[] = [];

  before(async () => {
    key = await signingKey('ES256', 'remote-1');
    keySet = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/hooks') {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          hooks.push(JSON.parse(body));
          res.writeHead(204).end();
        });
        return;
      }
      fetches += 1;
      if (answer === 'error') return void res.writeHead(500).end('down');
      if (answer === 'huge')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key.jwk], padding: 'x'.repeat(100_000) }));
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: [key.jwk] }));
    });
    await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
    const { port } = keySet.address() as AddressInfo;
    keySetUrl = `http://127.0.0.1:${port}/jwks.json`;
    // A loopback PUBLIC_URL is development: a key set and webhooks on http://127.0.0.1 are allowed.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    await svc.services.webhooks.create(svc.fixtures.firm.id, { url: `http://127.0.0.1:${port}/hooks`, events: ['contact.activated'] }, { type: 'system' });
  });
  after(async () => {
    await svc.close();
    await new Promise((resolve) => keySet.close(resolve));
  });
  beforeEach(() => svc.clock.advance(minutes(16)));

  const sign = (claims: Claims, signer: SigningKey = key) => {
    const now = Math.floor(svc.clock().getTime() / 1000);
    return new SignJWT({ email: 'alex@example.com', ...claims })
      .setProtectedHeader({ alg: signer.alg, kid: signer.jwk.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('site-alex')
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(signer.privateKey);
  };
  const exchange = async (assertion: string) => svc.request('/api/v1/auth/token-exchange', { body: { firm: 'hale', assertion } });
  const setIdentity = (identity: unknown, firmKey = svc.fixtures.firmKey) =>
    svc.request('/api/v1/admin/settings', { method: 'PATCH', token: firmKey, body: { settings: { identity } } });

  it('fetches the keys once and keeps them, and emits contact.activated on the first sign-in only', async () => {
    const set = await setIdentity({ issuer, audience, jwksUrl: keySetUrl, autoProvision: false });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const first = await exchange(await sign({}));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.contact.id, svc.fixtures.alex.id);
    const second = await exchange(await sign({}));
    assert.equal(second.status, 200);
    assert.equal(fetches, 1, 'the key set is cached');

    await svc.services.jobs.drain();
    const activated = hooks.filter((hook) => hook.type === 'contact.activated');
    assert.equal(activated.length, 1, JSON.stringify(hooks));
    assert.equal(activated[0]!.data.contactId, svc.fixtures.alex.id);
    assert.equal(activated[0]!.data.email, 'alex@example.com');
  });

  it('refuses an assertion signed by a key the set does not hold', async () => {
    const other = await signingKey('ES256', 'remote-1');
    assertProblem(await exchange(await sign({}, other)), 401, 'invalid_assertion');
  });

  it('refuses every assertion, with the same answer, while the key set cannot be read', async () => {
    for (const [n, failure] of (['error', 'huge'] as const).entries()) {
      answer = failure;
      const jwksUrl = `${keySetUrl}?try=${n}`;
      assert.equal((await setIdentity({ issuer, audience, jwksUrl, autoProvision: false })).status, 200);
      assertProblem(await exchange(await sign({})), 401, 'invalid_assertion');
    }
    answer = 'keys';
  });

  it('is refused in production for a key set on this machine, even if one were stored', async () => {
    const production = await startTestService();
    try {
      production.clock.advance(svc.clock().getTime() - production.clock().getTime());
      const stored = (await production.services.repositories.firms.findById(production.fixtures.firm.id))!;
      await production.services.repositories.firms.update(
        stored.id,
        { settings: { ...stored.settings, identity: { issuer, audience, jwksUrl: keySetUrl, autoProvision: false } } },
        production.clock().toISOString(),
      );
      const before = fetches;
      const reply = await production.request('/api/v1/auth/token-exchange', { body: { firm: 'hale', assertion: await sign({}) } });
      assertProblem(reply, 401, 'invalid_assertion');
      assert.equal(fetches, before, 'the key set was never fetched');
    } finally {
      await production.close();
    }
  });
});
