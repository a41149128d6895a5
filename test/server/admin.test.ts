import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest } from './helpers/raw-request.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

describe('the firm-side contacts API', () => {
  let svc: TestService;
  let key: string;
  before(async () => {
    svc = await startTestService();
    key = svc.fixtures.firmKey;
  });
  after(() => svc.close());

  const admin = (path: string, options: { method?: string; body?: unknown; token?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: key, ...options });

  it('requires a valid API key', async () => {
    assertProblem(await svc.request('/api/v1/admin/contacts'), 401, 'api_key_missing');
    assertProblem(await admin('/contacts', { token: `pk_${'A'.repeat(43)}` }), 401, 'api_key_invalid');
    assertProblem(await admin('/contacts', { token: 'not-a-key' }), 401, 'api_key_invalid');
    const { token } = await svc.login('alex@example.com');
    assertProblem(await admin('/contacts', { token }), 401, 'api_key_invalid');
  });

  it('stores API keys hashed', async () => {
    const rows = await svc.query<{ key_hash: string; prefix: string }>`SELECT key_hash, prefix FROM api_keys`;
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      assert.match(row.key_hash, /^[0-9a-f]{64}$/);
      assert.ok(!row.key_hash.includes(key));
    }
    assert.ok(rows.some((row) => key.startsWith(row.prefix)));
  });

  it('creates, reads and updates a contact', async () => {
    const created = await admin('/contacts', { body: { email: 'Riley@Example.com', name: 'Riley Chen', phone: '+1 415 555 0100' } });
    assert.equal(created.status, 201);
    assert.equal(created.body.email, 'riley@example.com');
    assert.equal(created.body.status, 'active');
    assert.equal(created.body.hasLogin, false);

    const read = await admin(`/contacts/${created.body.id}`);
    assert.deepEqual(read.body, created.body);

    svc.clock.advance(1_000);
    const updated = await admin(`/contacts/${created.body.id}`, { method: 'PATCH', body: { name: 'Riley Chen-Ward', phone: null } });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.name, 'Riley Chen-Ward');
    assert.equal(updated.body.phone, null);
    assert.equal(updated.body.email, 'riley@example.com');
    assert.notEqual(updated.body.updatedAt, created.body.updatedAt);
  });

  it('refuses a second contact with the same email', async () => {
    assertProblem(await admin('/contacts', { body: { email: 'ALEX@example.com', name: 'Alex Again' } }), 409, 'contact_exists');
    const other = await admin('/contacts', { body: { email: 'someone@example.com', name: 'Someone' } });
    assertProblem(await admin(`/contacts/${other.body.id}`, { method: 'PATCH', body: { email: 'alex@example.com' } }), 409, 'contact_exists');
  });

  it('refuses bad input with the field named', async () => {
    const missing = await admin('/contacts', { body: { email: 'x@example.com' } });
    assertProblem(missing, 400, 'invalid_request');
    assert.deepEqual(
      missing.body.errors.map((e: { field: string }) => e.field),
      ['name'],
    );
    assertProblem(await admin('/contacts', { body: { email: 'nope', name: 'X' } }), 400, 'invalid_request');
    assertProblem(await admin('/contacts', { body: { email: 'x@example.com', name: 'X', role: 'admin' } }), 400, 'invalid_request');
    assertProblem(await admin('/contacts', { body: { email: 'x@example.com', name: '   ' } }), 400, 'invalid_request');
    assertProblem(await admin(`/contacts/${svc.fixtures.alex.id}`, { method: 'PATCH', body: { status: 'archived' } }), 400, 'invalid_request');
  });

  it('lists contacts a page at a time', async () => {
    for (let i = 0; i < 5; i += 1) await admin('/contacts', { body: { email: `page${i}@example.com`, name: `Page ${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await admin(query);
      assert.equal(page.status, 200);
      assert.ok(page.body.data.length <= 3);
      seen.push(...page.body.data.map((c: { email: string }) => c.email));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    assert.ok(pages >= 3);
    assert.equal(new Set(seen).size, seen.length, 'no contact twice');
    for (let i = 0; i < 5; i += 1) assert.ok(seen.includes(`page${i}@example.com`));
    assert.ok(!seen.includes('sam@example.com'), "never another firm's contact");

    const found = await admin('/contacts?q=page3');
    assert.deepEqual(
      found.body.data.map((c: { email: string }) => c.email),
      ['page3@example.com'],
    );
  });

  it('refuses a bad cursor, filter or limit', async () => {
    assertProblem(await admin('/contacts?cursor=garbage'), 400, 'invalid_cursor');
    assertProblem(await admin('/contacts?status=deleted'), 400, 'invalid_request');
    assertProblem(await admin('/contacts?limit=0'), 400, 'invalid_request');
    assertProblem(await admin('/contacts?limit=abc'), 400, 'invalid_request');
    assertProblem(await admin('/contacts?sort=name'), 400, 'invalid_request');
  });

  it('archives a contact, who then cannot sign in, and restores them', async () => {
    const created = await admin('/contacts', { body: { email: 'drew@example.com', name: 'Drew Park' } });
    const archived = await admin(`/contacts/${created.body.id}/archive`, { method: 'POST' });
    assert.equal(archived.body.status, 'archived');
    const active = await admin('/contacts?status=active&q=drew');
    assert.equal(active.body.data.length, 0);
    const all = await admin('/contacts?status=archived&q=drew');
    assert.equal(all.body.data.length, 1);
    assertProblem(await admin(`/contacts/${created.body.id}/invitations`, { method: 'POST', body: {} }), 409, 'contact_archived');
    const restored = await admin(`/contacts/${created.body.id}/restore`, { method: 'POST' });
    assert.equal(restored.body.status, 'active');
  });

  it("never shows or changes another firm's contacts", async () => {
    const sam = svc.fixtures.sam.id;
    for (const [method, path, body] of [
      ['GET', `/contacts/${sam}`, undefined],
      ['PATCH', `/contacts/${sam}`, { name: 'Hijacked' }],
      ['POST', `/contacts/${sam}/archive`, undefined],
      ['POST', `/contacts/${sam}/restore`, undefined],
      ['POST', `/contacts/${sam}/invitations`, {}],
    ] as const) {
      assertProblem(await admin(path, { method, body }), 404, 'not_found');
    }
    const samNow = (await svc.services.repositories.contacts.find(svc.fixtures.otherFirm.id, sam))!;
    assert.equal(samNow.name, 'Sam Rivera');
    assert.equal(samNow.status, 'active');
  });

  it('records changes in the audit log', async () => {
    const actions = (await svc.query<{ action: string }>`SELECT action FROM audit_log WHERE actor_type = ${'api_key'}`).map((r) => r.action);
    assert.ok(actions.includes('contact.created'));
    assert.ok(actions.includes('contact.updated'));
    assert.ok(actions.includes('contact.archived'));
  });
});

describe('firm settings', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const settings = (body?: unknown, token = svc.fixtures.firmKey) =>
    svc.request('/api/v1/admin/settings', { token, method: body === undefined ? 'GET' : 'PATCH', body });

  it('shows and changes only the calling firm', async () => {
    const mine = await settings();
    assert.equal(mine.body.slug, 'hale');
    const other = await settings(undefined, svc.fixtures.otherFirmKey);
    assert.equal(other.body.slug, 'north');
    const renamed = await settings({ name: 'Hale Whitmore & Partners' });
    assert.equal(renamed.body.name, 'Hale Whitmore & Partners');
    assert.equal((await settings(undefined, svc.fixtures.otherFirmKey)).body.name, 'North Legal');
  });

  it('warns when the brand colour is hard to read on white, and picks a readable text colour', async () => {
    const pale = await settings({ branding: { colors: { brand: '#f5d76e', brandContrast: '#ffffff' } } });
    assert.equal(pale.status, 200);
    const codes = pale.body.warnings.map((w: { code: string }) => w.code);
    assert.deepEqual(codes, ['brand_contrast_low', 'brand_contrast_text_low']);
    const branding = await svc.request('/api/v1/firms/hale/branding');
    assert.equal(branding.body.colors.brand, '#f5d76e');
    assert.equal(branding.body.colors.brandContrast, '#000000', 'black reads on a pale yellow');

    const dark = await settings({ branding: { colors: { brand: '#1f3a5f' } } });
    assert.deepEqual(dark.body.warnings, []);
    assert.equal((await svc.request('/api/v1/firms/hale/branding')).body.colors.brandContrast, '#ffffff');
  });

  it('lets a cache keep the branding and revalidate it: unchanged, a 304 without a body; saved, the new branding', async () => {
    const branding = (headers: Record<string, string> = {}) => rawRequest(svc.baseUrl, '/api/v1/firms/hale/branding', { headers });
    const first = await branding();
    assert.equal(first.status, 200);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const tag = first.headers.etag;
    assert.ok(tag, 'the branding carries an entity tag');

    const unchanged = await branding({ 'if-none-match': tag });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.body.length, 0);

    const saved = await settings({ branding: { colors: { accent: '#5a3d8a' } } });
    assert.equal(saved.status, 200);
    const changed = await branding({ 'if-none-match': tag });
    assert.equal(changed.status, 200);
    assert.equal(JSON.parse(changed.body.toString('utf8')).colors.accent, '#5a3d8a');
    assert.notEqual(changed.headers.etag, tag);
    assert.equal((await branding({ 'if-none-match': changed.headers.etag! })).status, 304);
  });

  it('is a JSON Merge Patch: only the fields sent change, at any depth, and null removes', async () => {
    const before = (await settings()).body;
    const patch = async (body: unknown) => {
      const reply = await settings(body);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body;
    };
    const unchangedBut = (after: any, changed: (expected: any) => void) => {
      const expected = structuredClone(before);
      changed(expected);
      const { updatedAt: _a, warnings: _w, ...rest } = after;
      const { updatedAt: _b, warnings: _v, ...wanted } = expected;
      assert.deepEqual(rest, wanted);
    };

    unchangedBut(await patch({ settings: { timeZone: 'America/New_York', inboxEmail: 'accounts@hale.example' } }), (e) => {
      e.settings.timeZone = 'America/New_York';
      e.settings.inboxEmail = 'accounts@hale.example';
    });
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { showPayments: false } }), (e) => (e.settings.showPayments = false));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { minimumPayment: 2_500, maxUploadBytes: 1_000_000 } }), (e) => {
      e.settings.minimumPayment = 2_500;
      e.settings.maxUploadBytes = 1_000_000;
    });
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { sections: { files: false } } }), (e) => (e.settings.sections.files = false));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { paymentMethods: { bankLink: false } } }), (e) => (e.settings.paymentMethods.bankLink = false));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { stripe: { trustAccount: 'acct_1Trust' } } }), (e) => (e.settings.stripe = { trustAccount: 'acct_1Trust' }));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { stripe: { operatingAccount: 'acct_1Op' } } }), (e) => (e.settings.stripe.operatingAccount = 'acct_1Op'));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ branding: { fontFamily: 'Georgia, serif' } }), (e) => (e.branding.fontFamily = 'Georgia, serif'));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ branding: { colors: { accent: '#7a4b00' } } }), (e) => (e.branding.colors.accent = '#7a4b00'));
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ allowedOrigins: ['https://www.hale.example', 'https://intranet.hale.example'] }), (e) => {
      e.allowedOrigins = ['https://www.hale.example', 'https://intranet.hale.example'];
    });
    Object.assign(before, await settings().then((r) => r.body));
    unchangedBut(await patch({ settings: { inboxEmail: null, stripe: { trustAccount: null } }, branding: { fontFamily: null } }), (e) => {
      delete e.settings.inboxEmail;
      e.settings.stripe = { operatingAccount: 'acct_1Op' };
      delete e.branding.fontFamily;
    });
    Object.assign(before, await settings().then((r) => r.body));
    // Put back what the other tests expect.
    await patch({
      settings: {
        timeZone: 'UTC',
        showPayments: true,
        minimumPayment: 100,
        maxUploadBytes: 25 * 1024 * 1024,
        sections: { files: true },
        paymentMethods: { bankLink: true },
        stripe: null,
      },
      branding: { colors: { accent: null } },
      allowedOrigins: ['https://www.hale.example'],
    });
  });

  it('refuses a patch that would remove what a firm must have', async () => {
    for (const [body, field] of [
      [{ name: null }, 'name'],
      [{ branding: { colors: { brand: null } } }, 'branding.colors.brand'],
      [{ settings: { sections: null } }, 'settings.sections'],
    ] as const) {
      const reply = await settings(body);
      assert.equal(reply.status, 400, JSON.stringify(reply.body));
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field.startsWith(field)),
        JSON.stringify(reply.body.errors),
      );
    }
    const notObject = await settings([{ name: 'x' }]);
    assert.equal(notObject.status, 400);
    const merge = await svc.request('/api/v1/admin/settings', {
      token: svc.fixtures.firmKey,
      method: 'PATCH',
      raw: JSON.stringify({ settings: { timeZone: 'Europe/London' } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    assert.equal(merge.status, 200, 'the merge-patch media type is accepted');
    assert.equal(merge.body.settings.timeZone, 'Europe/London');
    await settings({ settings: { timeZone: 'UTC' } });
  });

  it('refuses bad settings with the field named', async () => {
    const bad = async (body: unknown, field: string) => {
      const reply = await settings(body);
      assert.equal(reply.status, 400, JSON.stringify(reply.body));
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field.startsWith(field)),
        JSON.stringify(reply.body.errors),
      );
    };
    await bad({ branding: { colors: { brand: 'red' } } }, 'branding.colors.brand');
    await bad({ allowedOrigins: ['https://www.hale.example/path'] }, 'allowedOrigins.0');
    await bad({ settings: { timeZone: 'Mars/Olympus' } }, 'settings.timeZone');
    await bad({ settings: { sections: { invoices: 'yes' } } }, 'settings.sections.invoices');
    await bad({ slug: 'renamed' }, 'slug');
    await bad({ branding: { logoUrl: 'javascript:alert(1)', colors: { brand: '#000000' } } }, 'branding.logoUrl');
  });
});

describe('sections the firm turns off', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  it('close their API too, with a clear 403', async () => {
    const { token } = await svc.login('alex@example.com');
    for (const path of ['/api/v1/activities', '/api/v1/invoices', '/api/v1/threads', '/api/v1/files']) {
      assert.equal((await svc.request(path, { token })).status, 200, path);
    }
    const off = await svc.request('/api/v1/admin/settings', {
      token: svc.fixtures.firmKey,
      method: 'PATCH',
      body: { settings: { sections: { activities: false, invoices: false, messages: false, files: false } } },
    });
    assert.equal(off.status, 200);
    for (const path of ['/api/v1/activities', '/api/v1/invoices', '/api/v1/threads', '/api/v1/files']) {
      assertProblem(await svc.request(path, { token }), 403, 'section_disabled');
    }
    const upload = new FormData();
    upload.append('file', new Blob(['hello']), 'note.txt');
    const response = await fetch(`${svc.baseUrl}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: upload });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { code: string }).code, 'section_disabled');
    assert.equal((await svc.request('/api/v1/me', { token })).status, 200, 'the rest still works');
    const branding = await svc.request('/api/v1/firms/hale/branding');
    assert.deepEqual(branding.body.sections, { activities: false, invoices: false, messages: false, files: false, payments: true });
  });
});
