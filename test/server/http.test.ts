import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rawRequest } from './helpers/raw-request.ts';
import { firmOrigin, otherFirmOrigin, startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; headers: Headers; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(reply.body.status, status);
  assert.equal(reply.body.code, code);
  assert.equal(typeof reply.body.detail, 'string');
  assert.ok(!/at .+\.ts:\d+/.test(JSON.stringify(reply.body)), 'no stack trace in a problem');
}

describe('the HTTP surface', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  it('answers /healthz', async () => {
    const reply = await svc.request('/healthz');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { status: 'ok' });
  });

  it('answers /readyz once its database and file store answer', async () => {
    const reply = await svc.request('/readyz');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { status: 'ok', checks: { database: 'ok', files: 'ok' } });
    assert.equal(reply.headers.get('cache-control'), 'no-store');
  });

  it('sends the same security headers on every response', async () => {
    // Helmet's defaults with a same-origin resource policy, exactly: the service computes them once.
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;" +
        "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const { token } = await svc.login('alex@example.com');
    const replies = [
      await svc.request('/healthz'),
      await svc.request('/nope'),
      await svc.request('/api/v1/invoices', { token }),
      await svc.request('/api/v1/auth/login', { raw: '{' }),
    ];
    for (const reply of replies) {
      for (const [name, value] of Object.entries(expected)) assert.equal(reply.headers.get(name), value, `${name} (a ${reply.status})`);
      assert.equal(reply.headers.get('x-powered-by'), null);
    }
    // Public resources still widen the resource policy for other sites.
    assert.equal((await svc.request('/.well-known/jwks.json')).headers.get('cross-origin-resource-policy'), 'cross-origin');
  });

  it('answers an unknown route with a JSON 404 problem', async () => {
    assertProblem(await svc.request('/nope'), 404, 'route_not_found');
    // The client API does not say which routes exist until the caller is signed in.
    assertProblem(await svc.request('/api/v1/nothing-here'), 401, 'token_missing');
    const { token } = await svc.login('alex@example.com');
    assertProblem(await svc.request('/api/v1/nothing-here', { token }), 404, 'route_not_found');
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    assertProblem(await svc.request('/api/v1/auth/login', { raw: '{"firm": "hale",' }), 400, 'malformed_json');
  });

  it('refuses an oversized body with a 413 problem', async () => {
    const reply = await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'a@b.co', password: 'x'.repeat(200 * 1024) } });
    assertProblem(reply, 413, 'body_too_large');
  });

  it('names each field with a wrong type', async () => {
    const reply = await svc.request('/api/v1/auth/login', { body: { firm: 7, email: 'not-an-email', password: ['x'] } });
    assertProblem(reply, 400, 'invalid_request');
    assert.deepEqual(reply.body.errors.map((e: { field: string }) => e.field).sort(), ['email', 'firm', 'password']);
  });

  it('refuses unknown fields', async () => {
    const reply = await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'alex@example.com', password: 'x', admin: true } });
    assertProblem(reply, 400, 'invalid_request');
    assert.deepEqual(reply.body.errors, [{ field: 'admin', message: 'is not a known field' }]);
  });

  it('refuses a body that is not an object', async () => {
    assertProblem(await svc.request('/api/v1/auth/login', { raw: '[1,2]' }), 400, 'invalid_request');
    assertProblem(await svc.request('/api/v1/auth/login', { raw: '"text"' }), 400, 'malformed_json');
  });

  it('answers an unknown firm with a 404 problem', async () => {
    assertProblem(await svc.request('/api/v1/firms/nobody/branding'), 404, 'firm_not_found');
    const reply = await svc.request('/api/v1/auth/login', { body: { firm: 'nobody', email: 'alex@example.com', password: 'whatever-it-is' } });
    assertProblem(reply, 404, 'firm_not_found');
  });

  it('publishes the firm branding', async () => {
    const reply = await svc.request('/api/v1/firms/hale/branding', { origin: firmOrigin });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.name, 'Hale & Whitmore LLP');
    assert.equal(reply.body.colors.brand, '#1f3a5f');
    assert.equal(reply.body.currency, 'USD');
    assert.equal(reply.body.sections.invoices, true);
    assert.equal(reply.headers.get('access-control-allow-origin'), firmOrigin);
    assert.equal(reply.headers.get('access-control-allow-credentials'), 'true');
  });

  describe('CORS', () => {
    it('answers a preflight from a firm origin', async () => {
      const reply = await svc.request('/api/v1/auth/login', {
        method: 'OPTIONS',
        origin: firmOrigin,
        headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(reply.status, 204);
      assert.equal(reply.headers.get('access-control-allow-origin'), firmOrigin);
      assert.match(reply.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
      assert.match(reply.headers.get('vary') ?? '', /Origin/);
    });

    it('refuses an origin no firm lists, without CORS headers', async () => {
      for (const method of ['OPTIONS', 'POST']) {
        const reply = await svc.request('/api/v1/auth/login', {
          method,
          origin: 'https://evil.example',
          body: method === 'POST' ? { firm: 'hale', email: 'alex@example.com', password: 'x' } : undefined,
        });
        assertProblem(reply, 403, 'origin_not_allowed');
        assert.equal(reply.headers.get('access-control-allow-origin'), null);
      }
    });

    it("refuses one firm's site signing in to another firm", async () => {
      const reply = await svc.request('/api/v1/auth/login', {
        origin: otherFirmOrigin,
        body: { firm: 'hale', email: 'alex@example.com', password: 'whatever-it-is' },
      });
      assertProblem(reply, 403, 'origin_not_allowed');
      assertProblem(await svc.request('/api/v1/firms/hale/branding', { origin: otherFirmOrigin }), 403, 'origin_not_allowed');
    });
  });

  it('publishes the signing keys without their private parts', async () => {
    const reply = await svc.request('/.well-known/jwks.json');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('access-control-allow-origin'), '*');
    assert.equal(reply.body.keys.length, 1);
    const [key] = reply.body.keys;
    assert.equal(key.kty, 'EC');
    assert.equal(key.crv, 'P-256');
    assert.equal(key.alg, 'ES256');
    assert.ok(key.kid);
    assert.equal(key.d, undefined);
  });

  it('tags only the replies a cache may keep', async () => {
    const keys = await rawRequest(svc.baseUrl, '/.well-known/jwks.json');
    assert.equal(keys.status, 200);
    assert.equal(keys.headers['cache-control'], 'public, max-age=300');
    const tag = keys.headers.etag;
    assert.ok(tag, 'the signing keys carry an entity tag');
    const again = await rawRequest(svc.baseUrl, '/.well-known/jwks.json', { headers: { 'if-none-match': tag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);

    const { token } = await svc.login('alex@example.com');
    const me = await svc.request('/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.headers.get('cache-control'), 'no-store');
    assert.equal(me.headers.get('etag'), null, 'a reply no cache keeps has no tag to compute');
  });

  it('explains a bundle that was never built', async () => {
    const reply = await svc.request('/sdk/portal.js');
    assertProblem(reply, 503, 'sdk_not_built');
  });
});

describe('the SDK route', () => {
  it('serves the built bundle to any origin', async () => {
    const sdkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-sdk-'));
    fs.writeFileSync(path.join(sdkDir, 'portal.js'), 'export const built = true;\n');
    const svc = await startTestService({ sdkDir });
    try {
      const reply = await svc.request('/sdk/portal.js', { origin: 'https://any.example' });
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get('content-type') ?? '', /javascript/);
      assert.equal(reply.headers.get('access-control-allow-origin'), '*');
      assert.equal(reply.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.equal(reply.body, 'export const built = true;\n');
      assert.match(reply.headers.get('cache-control') ?? '', /max-age=300/);

      const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
      const pinned = await svc.request(`/sdk/v${version}/portal.js`, { origin: 'https://any.example' });
      assert.equal(pinned.status, 200);
      assert.equal(pinned.body, 'export const built = true;\n');
      assert.match(pinned.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
      assert.equal((await svc.request('/sdk/v0.0.0-nope/portal.js')).status, 404);
    } finally {
      await svc.close();
      fs.rmSync(sdkDir, { recursive: true, force: true });
    }
  });
});
