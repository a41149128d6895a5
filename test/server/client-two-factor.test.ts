import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { SoftwareAuthenticator } from './helpers/passkey-authenticator.ts';
import { firmOrigin, otherFirmOrigin, password, startTestService, tokenFromEmail, type Reply, type TestService } from './helpers/service.ts';

function assertProblem(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

function assertSession(reply: Reply, contactId: string) {
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal(reply.body.tokenType, 'Bearer');
  assert.equal(reply.body.contact.id, contactId);
  assert.ok(reply.cookies.get('portico_refresh'), 'a refresh cookie was set');
}

async function startWith(clientTwoFactor: 'off' | 'optional' | 'required') {
  const svc = await startTestService();
  await svc.services.firms.update(svc.fixtures.firm.id, { settings: { clientTwoFactor } });
  const login = (email: string, pass = password) => svc.request('/api/v1/auth/login', { body: { firm: 'hale', email, password: pass }, origin: firmOrigin });
  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(svc.clock().getTime() / 1000) });
  return { svc, login, codeAt };
}

describe('client two-factor: off (the default)', () => {
  let svc: TestService;
  let ctx: Awaited<ReturnType<typeof startWith>>;
  before(async () => {
    ctx = await startWith('off');
    svc = ctx.svc;
  });
  after(() => svc.close());

  it('signs in with a password alone and offers no second factor', async () => {
    const firm = await svc.services.firms.findById(svc.fixtures.firm.id);
    assert.equal(firm!.settings.clientTwoFactor, 'off');
    const login = await ctx.login('alex@example.com');
    assertSession(login, svc.fixtures.alex.id);
    const token = login.body.accessToken;
    const overview = await svc.request('/api/v1/auth/two-factor', { token, origin: firmOrigin });
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.deepEqual(overview.body, { setting: 'off', totp: null, passkeys: [], recoveryCodesLeft: 0 });
    assertProblem(await svc.request('/api/v1/auth/two-factor/totp/setup', { method: 'POST', token, origin: firmOrigin }), 409, 'two_factor_off');
    assertProblem(await svc.request('/api/v1/auth/passkey/options', { body: { firm: 'hale' }, origin: firmOrigin }), 409, 'two_factor_off');
  });
});

describe('client two-factor: an authenticator app and recovery codes (optional)', () => {
  let svc: TestService;
  let ctx: Awaited<ReturnType<typeof startWith>>;
  let secret: string;
  let recoveryCodes: string[];
  before(async () => {
    ctx = await startWith('optional');
    svc = ctx.svc;
  });
  after(() => svc.close());

  it('lets a signed-in client set up an authenticator app, with recovery codes shown once and an email', async () => {
    const login = await ctx.login('alex@example.com');
    assertSession(login, svc.fixtures.alex.id);
    const token = login.body.accessToken;
    assertProblem(await svc.request('/api/v1/auth/two-factor/totp/setup', { method: 'POST' }), 401, 'token_missing');
    const setup = await svc.request('/api/v1/auth/two-factor/totp/setup', { method: 'POST', token, origin: firmOrigin });
    assert.equal(setup.status, 200, JSON.stringify(setup.body));
    secret = setup.body.secret;
    assert.match(setup.body.otpauthUri, /^otpauth:\/\/totp\/.*secret=/);
    assert.ok(setup.body.qrCode.size >= 21);
    const [stored] = await svc.query<{ pending_secret: string }>`SELECT pending_secret FROM client_totp WHERE contact_id = ${svc.fixtures.alex.id}`;
    assert.match(stored!.pending_secret, /^enc:v1:/, 'the secret is sealed at rest');

    assertProblem(await svc.request('/api/v1/auth/two-factor/totp/confirm', { body: { code: 'abc' }, token }), 400, 'invalid_request');
    const wrong = String((Number(await ctx.codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    assertProblem(await svc.request('/api/v1/auth/two-factor/totp/confirm', { body: { code: wrong }, token }), 401, 'mfa_code_invalid');
    const confirmed = await svc.request('/api/v1/auth/two-factor/totp/confirm', { body: { code: await ctx.codeAt(secret) }, token, origin: firmOrigin });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    recoveryCodes = confirmed.body.recoveryCodes;
    assert.equal(recoveryCodes.length, 10);
    assert.equal(confirmed.body.signIn, undefined, 'already signed in');

    const overview = await svc.request('/api/v1/auth/two-factor', { token, origin: firmOrigin });
    assert.equal(overview.body.setting, 'optional');
    assert.ok(overview.body.totp.enabledAt);
    assert.equal(overview.body.recoveryCodesLeft, 10);
    const mails = (await svc.outbox('alex@example.com')).filter((m) => m.kind === 'second_factor_changed');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /Authenticator app added/);
  });

  it('asks for the second factor after the password, and signs in with a code from the app once', async () => {
    svc.clock.advance(30_000);
    const login = await ctx.login('ALEX@example.com');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['methods', 'mfaRequired', 'mfaToken']);
    assert.deepEqual(login.body.methods, ['totp', 'recovery_code']);
    assert.equal(login.cookies.get('portico_refresh'), undefined, 'no session yet');
    const { mfaToken } = login.body;
    // The MFA token opens nothing else.
    assertProblem(await svc.request('/api/v1/invoices', { token: mfaToken, origin: firmOrigin }), 401, 'token_invalid');

    const code = await ctx.codeAt(secret);
    const signedIn = await svc.request('/api/v1/auth/mfa', { body: { mfaToken, code }, origin: firmOrigin });
    assertSession(signedIn, svc.fixtures.alex.id);
    assert.equal((await svc.request('/api/v1/me', { token: signedIn.body.accessToken, origin: firmOrigin })).status, 200);
    // The same code does not work twice, even with a new token.
    const again = await ctx.login('alex@example.com');
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken: again.body.mfaToken, code } }), 401, 'mfa_code_invalid');
  });

  it('signs in with a recovery code, once', async () => {
    const { mfaToken } = (await ctx.login('alex@example.com')).body;
    const recoveryCode = recoveryCodes[0]!.toUpperCase();
    assertSession(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, recoveryCode } }), svc.fixtures.alex.id);
    const next = (await ctx.login('alex@example.com')).body.mfaToken;
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken: next, recoveryCode } }), 401, 'mfa_code_invalid');
    const mails = (await svc.outbox('alex@example.com')).filter((m) => m.kind === 'second_factor_changed');
    assert.ok(mails.some((m) => /Recovery code used/.test(m.subject)));
  });

  it('refuses a bad, expired or other kind of MFA token with a problem', async () => {
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken: 'not-a-token', code: '123456' } }), 401, 'mfa_token_invalid');
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { code: '123456' } }), 400, 'invalid_request');
    const session = await svc.login('jordan@example.com');
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken: session.token, code: '123456' } }), 401, 'mfa_token_invalid');
    const { mfaToken } = (await ctx.login('alex@example.com')).body;
    svc.clock.advance(301_000);
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, code: await ctx.codeAt(secret) } }), 401, 'mfa_token_invalid');
  });

  it('burns an MFA token after five wrong codes', async () => {
    const { mfaToken } = (await ctx.login('alex@example.com')).body;
    for (let i = 0; i < 5; i++) {
      assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, recoveryCode: `wrong-code-${i}` } }), 401, 'mfa_code_invalid');
    }
    svc.clock.advance(30_000);
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, code: await ctx.codeAt(secret) } }), 401, 'mfa_attempts_exceeded');
    const audit = await svc.query<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'login.second_factor_failed'`;
    assert.ok(Number(audit[0]!.n) >= 5);
  });

  it('asks for the second factor after an emailed code too', async () => {
    await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: 'alex@example.com' }, origin: firmOrigin });
    const mail = (await svc.outbox('alex@example.com')).find((m) => m.kind === 'sign_in_code');
    const code = /\b(\d{6})\b/.exec(mail!.text)![1]!;
    const verified = await svc.request('/api/v1/auth/email-code/verify', { body: { firm: 'hale', email: 'alex@example.com', code }, origin: firmOrigin });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
    assert.equal(verified.body.mfaRequired, true);
    assert.equal(verified.cookies.get('portico_refresh'), undefined);
  });

  it('asks for the second factor after a password reset: a new password alone is not a sign-in', async () => {
    svc.clock.advance(30_000);
    await svc.request('/api/v1/auth/password-reset/request', { body: { firm: 'hale', email: 'alex@example.com' }, origin: firmOrigin });
    const mail = (await svc.outbox('alex@example.com')).find((m) => m.kind === 'password_reset');
    const confirmed = await svc.request('/api/v1/auth/password-reset/confirm', {
      body: { token: tokenFromEmail(mail!.text, 'reset'), password },
      origin: firmOrigin,
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.mfaRequired, true);
    assert.equal(confirmed.body.accessToken, undefined);
    assert.equal(confirmed.cookies.get('portico_refresh'), undefined, 'no session yet');
    const signedIn = await svc.request('/api/v1/auth/mfa', { body: { mfaToken: confirmed.body.mfaToken, code: await ctx.codeAt(secret) }, origin: firmOrigin });
    assertSession(signedIn, svc.fixtures.alex.id);
  });

  it('replaces the recovery codes with the password, and removes the app', async () => {
    svc.clock.advance(600_000);
    const { mfaToken } = (await ctx.login('alex@example.com')).body;
    const signedIn = await svc.request('/api/v1/auth/mfa', { body: { mfaToken, recoveryCode: recoveryCodes[1]! } });
    const token = signedIn.body.accessToken;
    assertProblem(await svc.request('/api/v1/auth/two-factor/recovery-codes', { body: { password: 'not it' }, token }), 401, 'invalid_credentials');
    const replaced = await svc.request('/api/v1/auth/two-factor/recovery-codes', { body: { password }, token });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.equal(replaced.body.recoveryCodes.length, 10);
    const stale = (await ctx.login('alex@example.com')).body.mfaToken;
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken: stale, recoveryCode: recoveryCodes[2]! } }), 401, 'mfa_code_invalid');

    const removed = await svc.request('/api/v1/auth/two-factor/totp', { method: 'DELETE', token });
    assert.equal(removed.status, 204);
    assertSession(await ctx.login('alex@example.com'), svc.fixtures.alex.id);
    const mails = (await svc.outbox('alex@example.com')).filter((m) => m.kind === 'second_factor_changed');
    assert.ok(mails.some((m) => /Authenticator app removed/.test(m.subject)));
  });
});

describe('client two-factor: passkeys and required enrolment', () => {
  let svc: TestService;
  let ctx: Awaited<ReturnType<typeof startWith>>;
  const authenticator = new SoftwareAuthenticator();
  before(async () => {
    ctx = await startWith('required');
    svc = ctx.svc;
  });
  after(() => svc.close());

  it('makes a client set up a second factor at the next sign-in: a passkey, which then signs them in', async () => {
    const login = await ctx.login('jordan@example.com');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['enrollmentRequired', 'mfaToken']);
    const { mfaToken } = login.body;
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, code: '123456' } }), 401, 'mfa_token_invalid');
    assertProblem(await svc.request('/api/v1/auth/two-factor/passkeys/options', { body: { mfaToken }, origin: otherFirmOrigin }), 403, 'origin_not_allowed');
    const options = await svc.request('/api/v1/auth/two-factor/passkeys/options', { body: { mfaToken }, origin: firmOrigin });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.equal(options.body.options.rp.id, 'www.hale.example');
    assert.equal(options.body.options.user.name, 'jordan@example.com');
    const credential = authenticator.register(options.body.options, firmOrigin);
    const registered = await svc.request('/api/v1/auth/two-factor/passkeys', { body: { credential, name: 'Phone', mfaToken }, origin: firmOrigin });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    assert.equal(registered.body.passkey.name, 'Phone');
    assert.equal(registered.body.recoveryCodes.length, 10);
    assert.equal(registered.body.signIn.contact.id, svc.fixtures.jordan.id);
    assert.ok(registered.cookies.get('portico_refresh'));
    // Once a factor is set up, the enrolment token adds no more.
    assertProblem(await svc.request('/api/v1/auth/two-factor/totp/setup', { body: { mfaToken }, origin: firmOrigin }), 401, 'mfa_token_invalid');
  });

  it('signs in with the passkey as the second factor', async () => {
    const login = await ctx.login('jordan@example.com');
    assert.deepEqual(login.body.methods, ['passkey', 'recovery_code']);
    const { mfaToken } = login.body;
    const options = await svc.request('/api/v1/auth/mfa/passkey/options', { body: { mfaToken }, origin: firmOrigin });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.deepEqual(
      options.body.options.allowCredentials.map((c: { id: string }) => c.id),
      [authenticator.id],
    );
    const credential = authenticator.authenticate(options.body.options, firmOrigin);
    assertSession(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, credential }, origin: firmOrigin }), svc.fixtures.jordan.id);
    // The challenge was single use.
    assertProblem(await svc.request('/api/v1/auth/mfa', { body: { mfaToken, credential }, origin: firmOrigin }), 400, 'passkey_invalid');
  });

  it('signs in with the passkey alone, without an address (discoverable) or with one', async () => {
    const options = await svc.request('/api/v1/auth/passkey/options', { body: { firm: 'hale' }, origin: firmOrigin });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.deepEqual(options.body.options.allowCredentials ?? [], []);
    const credential = authenticator.authenticate(options.body.options, firmOrigin);
    assertSession(await svc.request('/api/v1/auth/passkey/verify', { body: { firm: 'hale', credential }, origin: firmOrigin }), svc.fixtures.jordan.id);
    assertProblem(await svc.request('/api/v1/auth/passkey/verify', { body: { firm: 'hale', credential }, origin: firmOrigin }), 400, 'passkey_invalid');

    const named = await svc.request('/api/v1/auth/passkey/options', { body: { firm: 'hale', email: 'jordan@example.com' }, origin: firmOrigin });
    assert.deepEqual(
      named.body.options.allowCredentials.map((c: { id: string }) => c.id),
      [authenticator.id],
    );
    // Another firm's page, or a passkey nobody registered, signs nobody in.
    const stranger = new SoftwareAuthenticator().authenticate(named.body.options, firmOrigin);
    assertProblem(
      await svc.request('/api/v1/auth/passkey/verify', { body: { firm: 'hale', credential: stranger }, origin: firmOrigin }),
      400,
      'passkey_invalid',
    );
    assertProblem(await svc.request('/api/v1/auth/passkey/options', { body: { firm: 'hale' }, origin: otherFirmOrigin }), 403, 'origin_not_allowed');
  });

  it('makes a newly invited client set up a second factor before the invitation signs them in', async () => {
    const created = await svc.request('/api/v1/admin/contacts', { token: svc.fixtures.firmKey, body: { email: 'pat@example.com', name: 'Pat Doe' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const invited = await svc.request(`/api/v1/admin/contacts/${created.body.id}/invitations`, { token: svc.fixtures.firmKey, body: {} });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const [mail] = await svc.outbox('pat@example.com');
    const accepted = await svc.request('/api/v1/auth/invitations/accept', {
      body: { token: tokenFromEmail(mail!.text, 'invitation'), password: 'a new password of mine' },
      origin: firmOrigin,
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.deepEqual(Object.keys(accepted.body).sort(), ['enrollmentRequired', 'mfaToken']);
    assert.equal(accepted.cookies.get('portico_refresh'), undefined, 'no session yet');
    // The password is set all the same: the next sign-in asks for the enrolment too.
    const login = await svc.request('/api/v1/auth/login', {
      body: { firm: 'hale', email: 'pat@example.com', password: 'a new password of mine' },
      origin: firmOrigin,
    });
    assert.equal(login.body.enrollmentRequired, true, JSON.stringify(login.body));
    const app = await svc.request('/api/v1/auth/two-factor/totp/setup', { body: { mfaToken: accepted.body.mfaToken }, origin: firmOrigin });
    assert.equal(app.status, 200, JSON.stringify(app.body));
    const enrolled = await svc.request('/api/v1/auth/two-factor/totp/confirm', {
      body: { mfaToken: accepted.body.mfaToken, code: await ctx.codeAt(app.body.secret) },
      origin: firmOrigin,
    });
    assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
    assert.equal(enrolled.body.signIn.contact.id, created.body.id);
  });

  it('keeps the last factor while the firm requires one, and lists factors', async () => {
    const options = await svc.request('/api/v1/auth/passkey/options', { body: { firm: 'hale' }, origin: firmOrigin });
    const credential = authenticator.authenticate(options.body.options, firmOrigin);
    const token = (await svc.request('/api/v1/auth/passkey/verify', { body: { firm: 'hale', credential }, origin: firmOrigin })).body.accessToken;
    const overview = await svc.request('/api/v1/auth/two-factor', { token, origin: firmOrigin });
    assert.equal(overview.body.setting, 'required');
    assert.equal(overview.body.passkeys.length, 1);
    assert.ok(overview.body.passkeys[0].lastUsedAt);
    const id = overview.body.passkeys[0].id;
    assertProblem(await svc.request(`/api/v1/auth/two-factor/passkeys/${id}`, { method: 'DELETE', token }), 409, 'second_factor_required');
    assertProblem(await svc.request('/api/v1/auth/two-factor/passkeys/cpk_nope', { method: 'DELETE', token }), 404, 'not_found');
    // Another client cannot remove it: it is not theirs to find.
    const alex = await ctx.login('alex@example.com');
    assert.equal(alex.body.enrollmentRequired, true);
    const app = await svc.request('/api/v1/auth/two-factor/totp/setup', { body: { mfaToken: alex.body.mfaToken }, origin: firmOrigin });
    const enrolled = await svc.request('/api/v1/auth/two-factor/totp/confirm', {
      body: { mfaToken: alex.body.mfaToken, code: await ctx.codeAt(app.body.secret) },
      origin: firmOrigin,
    });
    assert.equal(enrolled.status, 200, JSON.stringify(enrolled.body));
    const alexToken = enrolled.body.signIn.accessToken;
    assertProblem(await svc.request(`/api/v1/auth/two-factor/passkeys/${id}`, { method: 'DELETE', token: alexToken }), 404, 'not_found');
  });
});
