import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any; headers: Headers }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

describe('the firm-side API keys API', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const admin = (path: string, token: string, options: { method?: string } = {}) => svc.request(`/api/v1/admin${path}`, { token, ...options });
  /** A key of its own for a test that revokes it, so the fixtures' keys stay usable. */
  const newKey = (firmId = svc.fixtures.firm.id, name = 'spare') => svc.services.apiKeys.create(firmId, name);

  it("lists the firm's keys with no secret in them", async () => {
    const { key: extra, apiKey } = await newKey(svc.fixtures.firm.id, 'accounting export');
    const reply = await admin('/api-keys', svc.fixtures.firmKey);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.headers.get('cache-control'), 'no-store');
    const listed = reply.body.data as Record<string, unknown>[];
    for (const entry of listed) assert.deepEqual(Object.keys(entry).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    const extraEntry = listed.find((entry) => entry.id === apiKey.id);
    assert.deepEqual(extraEntry, {
      id: apiKey.id,
      name: 'accounting export',
      prefix: extra.slice(0, 10),
      createdAt: apiKey.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });

    const text = JSON.stringify(reply.body);
    const hashes = (await svc.query<{ key_hash: string }>`SELECT key_hash FROM api_keys`).map((row) => row.key_hash);
    for (const secret of [svc.fixtures.firmKey, svc.fixtures.otherFirmKey, extra, ...hashes]) assert.ok(!text.includes(secret), 'no key and no hash');
  });

  it("lists only the firm's own keys, with when each was last used", async () => {
    const mine = (await svc.services.apiKeys.list(svc.fixtures.firm.id)).map((k) => k.id);
    const theirs = (await svc.services.apiKeys.list(svc.fixtures.otherFirm.id)).map((k) => k.id);
    const reply = await admin('/api-keys', svc.fixtures.firmKey);
    assert.deepEqual(
      reply.body.data.map((entry: { id: string }) => entry.id),
      mine,
    );
    for (const id of theirs) assert.ok(!mine.includes(id));
    const current = reply.body.data.find((entry: { prefix: string }) => svc.fixtures.firmKey.startsWith(entry.prefix));
    assert.equal(current.lastUsedAt, svc.clock().toISOString());
  });

  it('creates a key shown once, which then works, and audits who created it', async () => {
    const created = await svc.request('/api/v1/admin/api-keys', { token: svc.fixtures.firmKey, body: { name: '  Accounting export ' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { key, ...described } = created.body;
    assert.match(key, /^pk_[A-Za-z0-9_-]{40,64}$/);
    assert.equal(described.name, 'Accounting export');
    assert.equal(described.prefix, key.slice(0, 10));
    assert.deepEqual(Object.keys(described).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt']);
    assert.equal((await admin('/contacts', key)).status, 200, 'the new key works');

    const listed = (await admin('/api-keys', svc.fixtures.firmKey)).body.data.find((entry: { id: string }) => entry.id === described.id);
    assert.equal(listed.key, undefined, 'the list never shows the key');
    const rows = await svc.query`SELECT actor_type AS "actorType" FROM audit_log WHERE action = 'api_key.created' AND subject_id = ${described.id}`;
    assert.deepEqual(rows, [{ actorType: 'api_key' }]);
  });

  it('refuses a key without a name, naming the field', async () => {
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 'ok', scope: 'all' }]) {
      const reply = await svc.request('/api/v1/admin/api-keys', { token: svc.fixtures.firmKey, body });
      assertProblem(reply, 400, 'invalid_request');
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field === 'name' || e.field === 'scope'),
        JSON.stringify(reply.body),
      );
    }
  });

  it('refuses an unknown query parameter', async () => {
    assertProblem(await admin('/api-keys?limit=5', svc.fixtures.firmKey), 400, 'invalid_request');
  });

  it('revokes a key: the same key is a 401 on the very next request', async () => {
    const { key, apiKey } = await newKey();
    assert.equal((await admin('/contacts', key)).status, 200, 'the key works before');
    const revoked = await admin(`/api-keys/${apiKey.id}`, svc.fixtures.firmKey, { method: 'DELETE' });
    assert.equal(revoked.status, 204, JSON.stringify(revoked.body));
    assert.equal(revoked.body, '');
    assertProblem(await admin('/contacts', key), 401, 'api_key_invalid');
    assertProblem(await admin('/api-keys', key), 401, 'api_key_invalid');

    const listed = (await admin('/api-keys', svc.fixtures.firmKey)).body.data.find((entry: { id: string }) => entry.id === apiKey.id);
    assert.equal(listed.revokedAt, svc.clock().toISOString());
  });

  it('lets a key revoke itself, and then refuses it', async () => {
    const { key, apiKey } = await newKey();
    assert.equal((await admin(`/api-keys/${apiKey.id}`, key, { method: 'DELETE' })).status, 204);
    assertProblem(await admin('/api-keys', key), 401, 'api_key_invalid');
  });

  it('records who revoked a key in the audit log', async () => {
    const { apiKey } = await newKey();
    await admin(`/api-keys/${apiKey.id}`, svc.fixtures.firmKey, { method: 'DELETE' });
    const revoker = (await svc.services.apiKeys.list(svc.fixtures.firm.id)).find((k) => svc.fixtures.firmKey.startsWith(k.prefix))!;
    const rows =
      await svc.query`SELECT firm_id AS "firmId", actor_type AS "actorType", actor_id AS "actorId", subject_type AS "subjectType" FROM audit_log WHERE action = 'api_key.revoked' AND subject_id = ${apiKey.id}`;
    assert.deepEqual(rows, [{ firmId: svc.fixtures.firm.id, actorType: 'api_key', actorId: revoker.id, subjectType: 'api_key' }]);
  });

  it("is a 404 for another firm's key, which keeps working", async () => {
    const { key, apiKey } = await newKey(svc.fixtures.otherFirm.id);
    assertProblem(await admin(`/api-keys/${apiKey.id}`, svc.fixtures.firmKey, { method: 'DELETE' }), 404, 'not_found');
    assert.equal((await admin('/contacts', key)).status, 200);
    assert.equal((await svc.services.apiKeys.list(svc.fixtures.otherFirm.id)).find((k) => k.id === apiKey.id)?.revokedAt, null);
  });

  it('is a 404 for an unknown id', async () => {
    assertProblem(await admin('/api-keys/key_doesnotexist0000000', svc.fixtures.firmKey, { method: 'DELETE' }), 404, 'not_found');
  });

  it('is a 404 the second time a key is revoked, with no second audit record', async () => {
    const { apiKey } = await newKey();
    assert.equal((await admin(`/api-keys/${apiKey.id}`, svc.fixtures.firmKey, { method: 'DELETE' })).status, 204);
    assertProblem(await admin(`/api-keys/${apiKey.id}`, svc.fixtures.firmKey, { method: 'DELETE' }), 404, 'not_found');
    const [{ n }] = (await svc.query<{ n: number }>`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'api_key.revoked' AND subject_id = ${apiKey.id}`) as [
      { n: number },
    ];
    assert.equal(n, 1);
  });

  it('needs an API key, not a client token', async () => {
    assertProblem(await svc.request('/api/v1/admin/api-keys'), 401, 'api_key_missing');
    const { token } = await svc.login('alex@example.com');
    assertProblem(await admin('/api-keys', token), 401, 'api_key_invalid');
    assertProblem(
      await admin(`/api-keys/${(await svc.services.apiKeys.list(svc.fixtures.firm.id))[0]!.id}`, token, { method: 'DELETE' }),
      401,
      'api_key_invalid',
    );
  });
});
