import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { firmOrigin, otherFirmOrigin, startTestService, tokenFromEmail, type Reply, type TestService } from './helpers/service.ts';

function assertProblem(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

const minutes = (n: number) => n * 60_000;

/** The code and the one-click link's token in a sign-in code email. */
function fromEmail(text: string) {
  const code = /Sign-in code: (\d{6})\b/.exec(text)?.[1];
  const token = /[?&]sign-in=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  assert.ok(code && token, `a code and a link in:\n${text}`);
  return { code, token };
}

/** A code that is not `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('sign-in by emailed code', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());
  // Each test starts with fresh rate-limit windows (and any code left from the last one expired).
  beforeEach(() => svc.clock.advance(minutes(16)));

  const requestCode = (email: string, firm = 'hale') => svc.request('/api/v1/auth/email-code/request', { origin: firmOrigin, body: { firm, email } });
  const verify = (body: Record<string, string>, firm = 'hale') =>
    svc.request('/api/v1/auth/email-code/verify', { origin: firm === 'hale' ? firmOrigin : otherFirmOrigin, body: { firm, ...body } });
  const linkStatus = (kind: string, token: string) => svc.request('/api/v1/auth/link-status', { body: { kind, token } });
  async function latestCode(email: string) {
    const mails = (await svc.outbox(email)).filter((mail) => mail.kind === 'sign_in_code');
    assert.ok(mails.length > 0, `a sign-in code email to ${email}`);
    // Newest last in the outbox's order is not promised across engines: the latest code is the one not seen before.
    return mails;
  }
  async function freshCode(email: string) {
    const before = new Set((await svc.outbox(email)).map((mail) => mail.id));
    assert.equal((await requestCode(email)).status, 202);
    const mails = (await latestCode(email)).filter((mail) => !before.has(mail.id));
    assert.equal(mails.length, 1, 'one new email');
    return { mail: mails[0]!, ...fromEmail(mails[0]!.text) };
  }
  const jobsOfKind = async () => Number((await svc.query<{ n: number }>`SELECT count(*) AS n FROM jobs WHERE kind = ${'auth.email_code'}`)[0]!.n);

  it('answers a known and an unknown address alike, doing the same work, and mails only the known one', async () => {
    const jobsBefore = await jobsOfKind();
    const known = await requestCode('jordan@example.com');
    const afterKnown = await jobsOfKind();
    const unknown = await requestCode('nobody@example.com');
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.deepEqual(known.body, { accepted: true });
    assert.deepEqual(known.body, unknown.body);
    assert.equal(afterKnown - jobsBefore, 1, 'one job for the known address');
    assert.equal((await jobsOfKind()) - afterKnown, 1, 'one job for the unknown address');

    const [mail] = await latestCode('jordan@example.com');
    assert.equal(mail!.kind, 'sign_in_code');
    assert.match(mail!.subject, /Hale & Whitmore LLP/);
    const { code, token } = fromEmail(mail!.text);
    assert.ok(mail!.text.includes(`https://www.hale.example/portal?sign-in=${token}`), 'the link goes to the firm’s portal page');
    assert.ok(mail!.html.includes(code), 'the code is in the HTML too');
    assert.equal((await svc.outbox('nobody@example.com')).length, 0);
    const stored = await svc.query<{ code_hash: string }>`SELECT code_hash FROM email_sign_in_codes WHERE email = ${'jordan@example.com'}`;
    assert.ok(stored.length > 0 && stored.every((row) => !row.code_hash.includes(code)), 'stored hashed');

    // A wrong code, and a code for an address never asked about, answer the same as for a real account.
    const wrongKnown = await verify({ email: 'jordan@example.com', code: wrong(code) });
    const wrongUnknown = await verify({ email: 'nobody@example.com', code: wrong(code) });
    assertProblem(wrongKnown, 401, 'email_code_invalid');
    assertProblem(wrongUnknown, 401, 'email_code_invalid');
    assert.equal(wrongKnown.body.detail, wrongUnknown.body.detail);
    const neverKnown = await verify({ email: 'alex@example.com', code });
    const neverUnknown = await verify({ email: 'someone-else@example.com', code });
    assertProblem(neverKnown, 401, 'email_code_expired');
    assertProblem(neverUnknown, 401, 'email_code_expired');
    assert.equal(neverKnown.body.detail, neverUnknown.body.detail);
  });

  it('signs in with the code once, with a session like a password sign-in', async () => {
    const { code } = await freshCode('alex@example.com');
    const reply = await verify({ email: 'Alex@Example.com', code });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.tokenType, 'Bearer');
    assert.equal(reply.body.contact.id, svc.fixtures.alex.id);
    assert.ok(reply.cookies.get('portico_refresh'), 'sets the refresh cookie');
    assert.equal((await svc.request('/api/v1/me', { token: reply.body.accessToken })).status, 200);
    const refreshed = await svc.request('/api/v1/auth/refresh', { method: 'POST', cookie: `portico_refresh=${reply.cookies.get('portico_refresh')}` });
    assert.equal(refreshed.status, 200, 'the refresh cookie works');

    assertProblem(await verify({ email: 'alex@example.com', code }), 401, 'email_code_expired');
  });

  it('burns the code after five wrong tries', async () => {
    const { code, token } = await freshCode('alex@example.com');
    for (let left = 4; left >= 1; left -= 1) {
      const reply = await verify({ email: 'alex@example.com', code: wrong(code) });
      assertProblem(reply, 401, 'email_code_invalid');
      assert.match(reply.body.detail, new RegExp(`${left} more time`));
    }
    const fifth = await verify({ email: 'alex@example.com', code: wrong(code) });
    assertProblem(fifth, 401, 'email_code_expired');
    assert.match(fifth.body.detail, /too many times/);
    assertProblem(await verify({ email: 'alex@example.com', code }), 401, 'email_code_expired');
    assertProblem(await verify({ token }), 401, 'email_code_expired');
    assert.deepEqual((await linkStatus('sign-in', token)).body, { kind: 'sign-in', status: 'expired' });
  });

  it('expires the code and the link after 10 minutes', async () => {
    const { code, token } = await freshCode('jordan@example.com');
    assert.deepEqual((await linkStatus('sign-in', token)).body, { kind: 'sign-in', status: 'usable' });
    svc.clock.advance(minutes(10) + 1000);
    assertProblem(await verify({ email: 'jordan@example.com', code }), 401, 'email_code_expired');
    assertProblem(await verify({ token }), 401, 'email_code_expired');
    assert.deepEqual((await linkStatus('sign-in', token)).body, { kind: 'sign-in', status: 'expired' });
  });

  it('replaces the open code with a new request', async () => {
    const first = await freshCode('jordan@example.com');
    const second = await freshCode('jordan@example.com');
    assert.notEqual(first.token, second.token);
    assertProblem(await verify({ token: first.token }), 401, 'email_code_expired');
    assert.deepEqual((await linkStatus('sign-in', first.token)).body, { kind: 'sign-in', status: 'replaced' });
    if (first.code !== second.code) assertProblem(await verify({ email: 'jordan@example.com', code: first.code }), 401, 'email_code_invalid');
    assert.equal((await verify({ email: 'jordan@example.com', code: second.code })).status, 200);
  });

  it("signs in with the email's link once, and only for its own firm", async () => {
    const { token } = await freshCode('alex@example.com');
    assertProblem(await verify({ token }, 'north'), 401, 'email_code_invalid');
    const reply = await verify({ token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.contact.email, 'alex@example.com');
    assert.deepEqual((await linkStatus('sign-in', token)).body, { kind: 'sign-in', status: 'used' });
    assertProblem(await verify({ token }), 401, 'email_code_expired');
    assertProblem(await verify({ token: 'x'.repeat(43) }), 401, 'email_code_invalid');
  });

  it('lets an invited client with no password yet sign in, and leaves the invitation open', async () => {
    const created = await svc.request('/api/v1/admin/contacts', { token: svc.fixtures.firmKey, body: { email: 'pat@example.com', name: 'Pat Doe' } });
    assert.equal(created.status, 201);
    // Not invited yet: the portal is not open to them, so no code is mailed.
    assert.equal((await requestCode('pat@example.com')).status, 202);
    assert.equal((await svc.outbox('pat@example.com')).length, 0);

    assert.equal((await svc.request(`/api/v1/admin/contacts/${created.body.id}/invitations`, { token: svc.fixtures.firmKey, body: {} })).status, 201);
    const invitation = tokenFromEmail((await svc.outbox('pat@example.com'))[0]!.text, 'invitation');
    const { code } = await freshCode('pat@example.com');
    const reply = await verify({ email: 'pat@example.com', code });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.contact.id, created.body.id);
    assert.deepEqual((await linkStatus('invitation', invitation)).body, { kind: 'invitation', status: 'usable' });
    const view = await svc.request(`/api/v1/admin/contacts/${created.body.id}`, { token: svc.fixtures.firmKey });
    assert.equal(view.body.lastSignInAt, svc.clock().toISOString(), 'the firm sees the sign-in');
  });

  it('mails no code to an archived client, and refuses their link', async () => {
    const { token } = await freshCode('jordan@example.com');
    await svc.services.contacts.setArchived(svc.fixtures.firm.id, svc.fixtures.jordan.id, true, { type: 'system' });
    try {
      assertProblem(await verify({ token }), 403, 'contact_archived');
      assert.deepEqual((await linkStatus('sign-in', token)).body, { kind: 'sign-in', status: 'unknown' });
      const count = (await svc.outbox('jordan@example.com')).length;
      assert.equal((await requestCode('jordan@example.com')).status, 202);
      assert.equal((await svc.outbox('jordan@example.com')).length, count);
    } finally {
      await svc.services.contacts.setArchived(svc.fixtures.firm.id, svc.fixtures.jordan.id, false, { type: 'system' });
    }
  });

  it('refuses bad input with a clear problem', async () => {
    const short = await verify({ email: 'alex@example.com', code: '12345' });
    assertProblem(short, 400, 'invalid_request');
    assert.deepEqual(short.body.errors, [{ field: 'code', message: 'must be the 6 digits from the email' }]);
    assertProblem(await verify({ email: 'alex@example.com' }), 400, 'invalid_request');
    assertProblem(await verify({ token: 'short' }), 400, 'invalid_request');
    assertProblem(await requestCode('not an email'), 400, 'invalid_request');
    assertProblem(await requestCode('alex@example.com', 'no-such-firm'), 404, 'firm_not_found');
    assertProblem(await linkStatus('coupon', 'x'.repeat(43)), 400, 'invalid_request');
  });
});

describe('link status', () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const linkStatus = (kind: string, token: string) => svc.request('/api/v1/auth/link-status', { body: { kind, token } });

  it('tells a usable, used and expired reset link apart, and an unknown one', async () => {
    assert.equal((await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'alex@example.com' } })).status, 202);
    const token = tokenFromEmail((await svc.outbox('alex@example.com'))[0]!.text, 'reset');
    assert.deepEqual((await linkStatus('reset', token)).body, { kind: 'reset', status: 'usable' });
    assert.equal((await svc.request('/api/v1/auth/password-reset/confirm', { body: { token, password: 'my brand new password' } })).status, 200);
    assert.deepEqual((await linkStatus('reset', token)).body, { kind: 'reset', status: 'used' });
    assert.deepEqual((await linkStatus('reset', 'y'.repeat(43))).body, { kind: 'reset', status: 'unknown' });

    assert.equal((await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'jordan@example.com' } })).status, 202);
    const late = tokenFromEmail((await svc.outbox('jordan@example.com'))[0]!.text, 'reset');
    svc.clock.advance(minutes(61));
    assert.deepEqual((await linkStatus('reset', late)).body, { kind: 'reset', status: 'expired' });
  });

  it('sends a new reset or sign-in link where a used one went, and answers alike for any token', async () => {
    const renew = (kind: string, token: string) => svc.request('/api/v1/auth/link-renew', { body: { kind, token } });
    svc.clock.advance(minutes(61));
    const resets = async () => (await svc.outbox('alex@example.com')).filter((mail) => mail.kind === 'password_reset');
    const [used] = await resets();
    const token = tokenFromEmail(used!.text, 'reset');
    assert.deepEqual((await renew('reset', token)).body, { accepted: true });
    const after = await resets();
    assert.equal(after.length, 2, 'a new reset email');
    const fresh = after.map((mail) => tokenFromEmail(mail.text, 'reset')).find((t) => t !== token)!;
    assert.deepEqual((await linkStatus('reset', fresh)).body, { kind: 'reset', status: 'usable' });

    assert.equal((await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: 'jordan@example.com' } })).status, 202);
    const codes = async () => (await svc.outbox('jordan@example.com')).filter((mail) => mail.kind === 'sign_in_code');
    const signInToken = /[?&]sign-in=([A-Za-z0-9_-]+)/.exec((await codes())[0]!.text)![1]!;
    svc.clock.advance(minutes(11));
    assert.equal((await renew('sign-in', signInToken)).status, 202);
    assert.equal((await codes()).length, 2, 'a new code email');

    const unknown = await renew('sign-in', 'z'.repeat(43));
    assert.equal(unknown.status, 202);
    assert.deepEqual(unknown.body, { accepted: true });
    const invitation = await renew('invitation', 'z'.repeat(43));
    assert.equal(invitation.status, 400);
    assert.equal(invitation.body.code, 'invalid_request');
  });

  it('tells a replaced, usable and expired invitation apart', async () => {
    const created = await svc.request('/api/v1/admin/contacts', { token: svc.fixtures.firmKey, body: { email: 'robin@example.com', name: 'Robin Park' } });
    const invite = () => svc.request(`/api/v1/admin/contacts/${created.body.id}/invitations`, { token: svc.fixtures.firmKey, body: {} });
    assert.equal((await invite()).status, 201);
    const first = tokenFromEmail((await svc.outbox('robin@example.com'))[0]!.text, 'invitation');
    svc.clock.advance(1000);
    assert.equal((await invite()).status, 201);
    const second = (await svc.outbox('robin@example.com')).map((mail) => tokenFromEmail(mail.text, 'invitation')).find((token) => token !== first)!;
    assert.deepEqual((await linkStatus('invitation', first)).body, { kind: 'invitation', status: 'replaced' });
    assert.deepEqual((await linkStatus('invitation', second)).body, { kind: 'invitation', status: 'usable' });
    svc.clock.advance(8 * 86_400_000);
    assert.deepEqual((await linkStatus('invitation', second)).body, { kind: 'invitation', status: 'expired' });
  });
});

describe('sign-in code rate limits', () => {
  let svc: TestService;
  beforeEach(async () => {
    svc = await startTestService();
  });

  it('limits code requests per address', async () => {
    try {
      for (let i = 0; i < 5; i += 1) {
        assert.equal((await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: 'alex@example.com' } })).status, 202);
      }
      const limited = await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: 'alex@example.com' } });
      assertProblem(limited, 429, 'rate_limited');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((await svc.outbox('alex@example.com')).length, 5);
    } finally {
      await svc.close();
    }
  });

  it('limits code checks per IP address', async () => {
    try {
      let last: Reply | undefined;
      for (let i = 0; i < 31; i += 1) {
        last = await svc.request('/api/v1/auth/email-code/verify', { body: { firm: 'hale', email: `guess${i}@example.com`, code: '123456' } });
      }
      assertProblem(last!, 429, 'rate_limited');
    } finally {
      await svc.close();
    }
  });
});
