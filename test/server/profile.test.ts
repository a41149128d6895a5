import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { password, startTestService, type Reply, type TestService } from './helpers/service.ts';

function assertProblem(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /application\/problem\+json/);
}

const minutes = (n: number) => n * 60_000;
const codeIn = (text: string) => {
  const code = /Confirmation code: (\d{6})\b/.exec(text)?.[1];
  assert.ok(code, `a code in:\n${text}`);
  return code;
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe("the client's own profile: /me", () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());
  // Fresh rate-limit windows for each test; a code left from the last one has expired.
  beforeEach(() => svc.clock.advance(minutes(61)));

  const as = async (email: string) => {
    const { token, cookie } = await svc.login(email);
    const call = (path: string, opts: { method?: string; body?: unknown } = {}) => svc.request(`/api/v1${path}`, { token, ...opts });
    return { token, cookie, call };
  };
  const mailsOfKind = async (to: string, kind: string) => (await svc.outbox(to)).filter((mail) => mail.kind === kind);

  it('GET /me carries the profile; PATCH /me changes name, language and which emails, and answers the same shape', async () => {
    const { call } = await as('jordan@example.com');
    const me = await call('/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.profile, { notifications: { invoices: true, messages: true }, hasPassword: true, pendingEmail: null });

    const patched = await call('/me', { method: 'PATCH', body: { name: '  Jordan A. Lee ', locale: 'es', notifications: { messages: false } } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.contact.name, 'Jordan A. Lee');
    assert.equal(patched.body.contact.locale, 'es');
    assert.deepEqual(patched.body.profile.notifications, { invoices: true, messages: false });
    // Left out stays as it is; null forgets the language.
    const again = await call('/me', { method: 'PATCH', body: { locale: null, notifications: { invoices: false } } });
    assert.equal(again.body.contact.name, 'Jordan A. Lee');
    assert.equal(again.body.contact.locale, null);
    assert.deepEqual(again.body.profile.notifications, { invoices: false, messages: false });
    const back = await call('/me', { method: 'PATCH', body: { name: 'Jordan Lee', notifications: { invoices: true, messages: true } } });
    assert.deepEqual(back.body.profile.notifications, { invoices: true, messages: true });
  });

  it('refuses bad changes with 400 problems naming the field', async () => {
    const { call } = await as('jordan@example.com');
    for (const body of [
      { name: '' },
      { locale: 'fr' },
      { notifications: { invoices: 'yes' } },
      { email: 'x@example.com' },
      { notifications: { receipts: false } },
    ]) {
      const reply = await call('/me', { method: 'PATCH', body });
      assertProblem(reply, 400, 'invalid_request');
    }
  });

  it('sends no invoice or message notices to a client who turned them off, and sends them again once turned on', async () => {
    const { call } = await as('alex@example.com');
    const key = svc.fixtures.firmKey;
    const notices = async () => ({
      invoices: (await mailsOfKind('alex@example.com', 'invoice')).length,
      messages: (await mailsOfKind('alex@example.com', 'message_notice')).length,
    });
    const sendBoth = async (label: string) => {
      const created = await svc.request('/api/v1/admin/invoices', {
        token: key,
        body: {
          contactId: svc.fixtures.alex.id,
          number: `PROF-${label}`,
          issuedOn: '2026-03-02',
          dueOn: '2026-04-01',
          lines: [{ kind: 'flat_fee', description: 'Work', amount: 10_000 }],
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await svc.request(`/api/v1/admin/invoices/${created.body.id}/send`, { method: 'POST', token: key })).status, 200);
      const thread = await svc.request('/api/v1/admin/threads', {
        token: key,
        body: { contactId: svc.fixtures.alex.id, subject: `About ${label}`, body: 'Please read.', staffName: 'Margaret Hale' },
      });
      assert.equal(thread.status, 201, JSON.stringify(thread.body));
    };
    const start = await notices();
    assert.equal((await call('/me', { method: 'PATCH', body: { notifications: { invoices: false, messages: false } } })).status, 200);
    await sendBoth('off');
    assert.deepEqual(await notices(), start, 'no notice while turned off');
    assert.equal(
      (await call('/invoices')).body.data.some((invoice: { number: string }) => invoice.number === 'PROF-off'),
      true,
      'the invoice is still published',
    );
    assert.equal((await call('/me', { method: 'PATCH', body: { notifications: { invoices: true, messages: true } } })).status, 200);
    await sendBoth('on');
    assert.deepEqual(await notices(), { invoices: start.invoices + 1, messages: start.messages + 1 });
  });

  it('changes the email with a code sent to the new address, after a notice to the old one', async () => {
    const { call } = await as('jordan@example.com');
    assertProblem(await call('/me/email-change', { body: { newEmail: 'jordan.new@example.com', password: 'not my password' } }), 400, 'password_incorrect');
    assertProblem(await call('/me/email-change', { body: { newEmail: 'alex@example.com', password } }), 409, 'email_in_use');
    assertProblem(await call('/me/email-change', { body: { newEmail: 'JORDAN@example.com', password } }), 400, 'email_unchanged');
    assertProblem(await call('/me/email-change', { body: { newEmail: 'not an email', password } }), 400, 'invalid_request');
    assertProblem(await call('/me/email-change/confirm', { body: { code: '123456' } }), 400, 'email_change_expired');

    const started = await call('/me/email-change', { body: { newEmail: 'Jordan.New@example.com', password } });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.email, 'jordan.new@example.com');
    const [codeMail] = await mailsOfKind('jordan.new@example.com', 'email_change_code');
    const code = codeIn(codeMail!.text);
    const [notice] = await mailsOfKind('jordan@example.com', 'email_change_notice');
    assert.ok(notice?.text.includes('jordan.new@example.com'), 'the old address is told where the account is moving');
    assert.ok(!notice!.text.includes(code), 'never the code');
    const stored = await svc.query<{ code_hash: string }>`SELECT code_hash FROM email_changes WHERE new_email = ${'jordan.new@example.com'}`;
    assert.ok(stored.length === 1 && !stored[0]!.code_hash.includes(code), 'stored hashed');
    assert.equal((await call('/me')).body.profile.pendingEmail.email, 'jordan.new@example.com');

    const wrongTry = await call('/me/email-change/confirm', { body: { code: wrong(code) } });
    assertProblem(wrongTry, 400, 'email_change_invalid');
    assert.match(wrongTry.body.detail, /4 more times/);
    assertProblem(await call('/me/email-change/confirm', { body: { code: 'abc' } }), 400, 'invalid_request');

    const confirmed = await call('/me/email-change/confirm', { body: { code } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.contact.email, 'jordan.new@example.com');
    assert.equal(confirmed.body.profile.pendingEmail, null);
    assertProblem(await call('/me/email-change/confirm', { body: { code } }), 400, 'email_change_expired');
    // The new address signs in; the old one no longer does.
    await svc.login('jordan.new@example.com');
    assertProblem(await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'jordan@example.com', password } }), 401, 'invalid_credentials');

    // Back again, for the other tests.
    const renewed = await as('jordan.new@example.com');
    assert.equal((await renewed.call('/me/email-change', { body: { newEmail: 'jordan@example.com', password } })).status, 202);
    const [backMail] = await mailsOfKind('jordan@example.com', 'email_change_code');
    assert.equal((await renewed.call('/me/email-change/confirm', { body: { code: codeIn(backMail!.text) } })).status, 200);
  });

  it('burns a code after 5 wrong tries, expires it after 10 minutes, and keeps only the latest', async () => {
    let { call } = await as('alex@example.com');
    const start = async (newEmail: string) => {
      const before = new Set((await svc.outbox(newEmail)).map((mail) => mail.id));
      assert.equal((await call('/me/email-change', { body: { newEmail, password } })).status, 202);
      const fresh = (await mailsOfKind(newEmail, 'email_change_code')).filter((mail) => !before.has(mail.id));
      assert.equal(fresh.length, 1);
      return codeIn(fresh[0]!.text);
    };
    const code = await start('alex.one@example.com');
    for (let i = 1; i <= 4; i++) assertProblem(await call('/me/email-change/confirm', { body: { code: wrong(code) } }), 400, 'email_change_invalid');
    const fifth = await call('/me/email-change/confirm', { body: { code: wrong(code) } });
    assertProblem(fifth, 400, 'email_change_expired');
    assert.match(fifth.body.detail, /too many times/);
    assertProblem(await call('/me/email-change/confirm', { body: { code } }), 400, 'email_change_expired');

    const late = await start('alex.two@example.com');
    svc.clock.advance(minutes(10) + 1);
    ({ call } = await as('alex@example.com')); // the access token ran out too
    assertProblem(await call('/me/email-change/confirm', { body: { code: late } }), 400, 'email_change_expired');

    const first = await start('alex.three@example.com');
    const second = await start('alex.four@example.com');
    if (first !== second) assertProblem(await call('/me/email-change/confirm', { body: { code: first } }), 400, 'email_change_invalid');
    const done = await call('/me/email-change/confirm', { body: { code: second } });
    assert.equal(done.body.contact.email, 'alex.four@example.com');
    const back = await start('alex@example.com');
    assert.equal((await call('/me/email-change/confirm', { body: { code: back } })).body.contact.email, 'alex@example.com');
  });

  it('changes the password with the current one, emails that it changed, and keeps the rules', async () => {
    const { call } = await as('jordan@example.com');
    assertProblem(
      await call('/me/password', { body: { currentPassword: 'wrong password', newPassword: 'a brand new passphrase' } }),
      400,
      'password_incorrect',
    );
    const weak = await call('/me/password', { body: { currentPassword: password, newPassword: 'short' } });
    assertProblem(weak, 400, 'weak_password');
    assert.equal(weak.body.errors[0].field, 'newPassword');
    assertProblem(await call('/me/password', { body: { currentPassword: password } }), 400, 'invalid_request');

    assert.equal((await call('/me/password', { body: { currentPassword: password, newPassword: 'a brand new passphrase' } })).status, 204);
    const [changed] = await mailsOfKind('jordan@example.com', 'password_changed');
    assert.ok(changed, 'a "your password was changed" email');
    assert.match(changed!.text, /If this wasn't you, reset your password/);
    await svc.login('jordan@example.com', 'hale', 'a brand new passphrase');
    assertProblem(await svc.request('/api/v1/auth/login', { body: { firm: 'hale', email: 'jordan@example.com', password } }), 401, 'invalid_credentials');
    const again = await as_('jordan@example.com', 'a brand new passphrase');
    assert.equal((await again('/me/password', { body: { currentPassword: 'a brand new passphrase', newPassword: password } })).status, 204);
  });

  const as_ = async (email: string, pass: string) => {
    const { token } = await svc.login(email, 'hale', pass);
    return (path: string, opts: { method?: string; body?: unknown } = {}) => svc.request(`/api/v1${path}`, { token, ...opts });
  };

  it('signs out everywhere: every refresh cookie of the client stops working, another client’s does not', async () => {
    const phone = await as('jordan@example.com');
    const laptop = await as('jordan@example.com');
    const other = await as('alex@example.com');
    assert.equal((await laptop.call('/me/sign-out-everywhere', { body: {} })).status, 204);
    for (const { cookie } of [phone, laptop]) {
      assertProblem(await svc.request('/api/v1/auth/refresh', { method: 'POST', cookie }), 401, 'refresh_invalid');
    }
    assert.equal((await svc.request('/api/v1/auth/refresh', { method: 'POST', cookie: other.cookie })).status, 200);
    await svc.login('jordan@example.com');
  });

  it('chooses the default saved payment method; only the client’s own', async () => {
    const now = svc.clock().toISOString();
    const add = async (id: string, contactId: string, last4: string) =>
      svc.query`INSERT INTO saved_payment_methods (id, firm_id, contact_id, processor, processor_ref, type, brand, last4, exp_month, exp_year, consent_text, consented_at, created_at)
        VALUES (${id}, ${svc.fixtures.firm.id}, ${contactId}, ${'sandbox'}, ${`pm_${id}`}, ${'card'}, ${'visa'}, ${last4}, ${12}, ${2030}, ${'ok'}, ${now}, ${now})`;
    await add('spm_profile_a', svc.fixtures.alex.id, '4242');
    await add('spm_profile_b', svc.fixtures.alex.id, '1881');
    await add('spm_profile_j', svc.fixtures.jordan.id, '0005');
    const { call } = await as('alex@example.com');
    const defaults = (reply: Reply) => reply.body.data.filter((m: { isDefault: boolean }) => m.isDefault).map((m: { id: string }) => m.id);
    assert.deepEqual(defaults(await call('/payment-methods')), []);
    const chosen = await call('/payment-methods/spm_profile_a/default', { body: {} });
    assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
    assert.deepEqual(defaults(chosen), ['spm_profile_a']);
    assert.deepEqual(defaults(await call('/payment-methods/spm_profile_b/default', { body: {} })), ['spm_profile_b']);
    assertProblem(await call('/payment-methods/spm_profile_j/default', { body: {} }), 404, 'saved_method_not_found');
    assertProblem(await call('/payment-methods/spm_nope/default', { body: {} }), 404, 'saved_method_not_found');
  });
});
