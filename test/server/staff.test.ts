import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { refreshReuseGraceMs } from '../../server/src/auth/refresh-rotation.ts';
import { runCli } from './helpers/cli.ts';
import { SoftwareAuthenticator } from './helpers/passkey-authenticator.ts';
import { firmOrigin, issuer, otherFirmOrigin, startTestService, tokenFromEmail, type Reply, type TestService } from './helpers/service.ts';

const staffPassword = 'a long staff password';

function assertProblem(reply: Reply, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

/** The staff refresh cookie a reply set, as a `Cookie` header value. */
function refreshCookie(reply: Reply): string {
  const value = reply.cookies.get('portico_staff_refresh');
  assert.ok(value, `a staff refresh cookie was set: ${reply.setCookie.join(' | ')}`);
  return `portico_staff_refresh=${value}`;
}

/** A test service whose firm `hale` has a console URL and the two-factor rule given. */
async function startStaffService(staffTwoFactor: 'required' | 'optional') {
  const svc = await startTestService();
  for (const firm of [svc.fixtures.firm, svc.fixtures.otherFirm]) {
    await svc.services.firms.update(firm.id, { settings: { staffTwoFactor, consoleUrl: `${firm.allowedOrigins[0]}/console/` } });
  }
  const owner = await svc.services.staff.addActive(svc.fixtures.firm.id, {
    email: 'margaret@hale.example',
    name: 'Margaret Hale',
    role: 'owner',
    passwordHash: await hashPassword(staffPassword),
  });
  const staffLogin = (email: string, password = staffPassword, firm = 'hale', origin = firmOrigin) =>
    svc.request('/api/v1/staff/auth/login', { body: { firm, email, password }, origin });
  /** An owner's invitation of a new member, accepted with `staffPassword`: the acceptance's reply. */
  const inviteAndAccept = async (ownerToken: string, email: string, role: 'owner' | 'admin' | 'staff') => {
    const added = await svc.request('/api/v1/admin/staff', { token: ownerToken, origin: firmOrigin, body: { email, name: `Member ${role}`, role } });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const [mail] = await svc.outbox(email);
    assert.ok(mail, 'the invitation was emailed');
    const accepted = await svc.request('/api/v1/staff/auth/invitations/accept', {
      body: { token: tokenFromEmail(mail.text, 'invitation'), password: staffPassword },
      origin: firmOrigin,
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    return { added: added.body, accepted };
  };
  return { svc, owner, staffLogin, inviteAndAccept };
}

describe('staff accounts: sign-in, refresh, roles and the audit log', () => {
  let svc: TestService;
  let ctx: Awaited<ReturnType<typeof startStaffService>>;
  let ownerToken: string;
  before(async () => {
    ctx = await startStaffService('optional');
    svc = ctx.svc;
    const login = await ctx.staffLogin('margaret@hale.example');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    ownerToken = login.body.accessToken;
  });
  after(() => svc.close());

  it('signs an owner in from the firm’s site with a staff token and its own refresh cookie', async () => {
    const reply = await ctx.staffLogin('MARGARET@hale.example');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.headers.get('access-control-allow-origin'), firmOrigin);
    assert.equal(reply.headers.get('access-control-allow-credentials'), 'true');
    assert.deepEqual(Object.keys(reply.body).sort(), ['access', 'accessToken', 'expiresIn', 'staff']);
    assert.ok(reply.body.expiresIn <= 600);
    assert.equal(reply.body.staff.id, ctx.owner.id);
    assert.equal(reply.body.staff.role, 'owner');
    assert.equal(reply.body.staff.lastSignInAt, svc.clock().toISOString());
    const cookie = reply.setCookie.find((c) => c.startsWith('portico_staff_refresh='));
    assert.match(cookie ?? '', /HttpOnly/i);
    assert.match(cookie ?? '', /Path=\/api\/v1\/staff\/auth/);
    const header = JSON.parse(Buffer.from(reply.body.accessToken.split('.')[0], 'base64url').toString());
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'staff-at+jwt');

    const me = await svc.request('/api/v1/admin/staff/me', { token: reply.body.accessToken, origin: firmOrigin });
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual(me.body.firm, { slug: 'hale', name: 'Hale & Whitmore LLP', staffTwoFactor: 'optional' });
    assert.deepEqual(me.body.twoFactor, { totp: false, passkeys: [], recoveryCodesLeft: 0 });
    assert.equal(me.headers.get('access-control-allow-origin'), firmOrigin);
    // What the role may do comes with the sign-in too, as `/admin/staff/me` tells it.
    assert.deepEqual(reply.body.access, me.body.access);
    assert.equal(reply.body.access.settings.write, true);
  });

  it('refuses a wrong password, an unknown email and another firm’s page', async () => {
    assertProblem(await ctx.staffLogin('margaret@hale.example', 'not the password'), 401, 'invalid_credentials');
    assertProblem(await ctx.staffLogin('nobody@hale.example'), 401, 'invalid_credentials');
    assertProblem(await ctx.staffLogin('margaret@hale.example', staffPassword, 'hale', otherFirmOrigin), 403, 'origin_not_allowed');
    assertProblem(await ctx.staffLogin('margaret@hale.example', staffPassword, 'north'), 403, 'origin_not_allowed');
  });

  it('invites a member, who sets a password and is signed in; the email links to the console', async () => {
    const { added, accepted } = await ctx.inviteAndAccept(ownerToken, 'paul@hale.example', 'admin');
    assert.equal(added.status, 'invited');
    assert.equal(added.lastSignInAt, null);
    const [mail] = await svc.outbox('paul@hale.example');
    assert.equal(mail!.kind, 'staff_invitation');
    assert.match(mail!.text, /https:\/\/www\.hale\.example\/console\/\?invitation=/);
    assert.match(mail!.html, /Hale &amp; Whitmore LLP/);
    assert.equal(accepted.body.staff.status, 'active');
    assert.equal(accepted.body.staff.role, 'admin');
    refreshCookie(accepted);
    // The link works once.
    const again = await svc.request('/api/v1/staff/auth/invitations/accept', {
      body: { token: tokenFromEmail(mail!.text, 'invitation'), password: staffPassword },
    });
    assertProblem(again, 400, 'invitation_invalid');
    // An email already in the firm is a conflict.
    assertProblem(
      await svc.request('/api/v1/admin/staff', { token: ownerToken, body: { email: 'PAUL@hale.example', name: 'Paul', role: 'staff' } }),
      409,
      'staff_exists',
    );
    const list = await svc.request('/api/v1/admin/staff', { token: ownerToken });
    assert.deepEqual(list.body.data.map((m: { email: string }) => m.email).sort(), ['margaret@hale.example', 'paul@hale.example']);
  });

  it('rotates the refresh cookie; a reused one revokes the whole sign-in', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    const first = refreshCookie(login);
    const refreshed = await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie: first, origin: firmOrigin });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.staff.id, ctx.owner.id);
    const second = refreshCookie(refreshed);
    assert.notEqual(second, first);
    assert.equal((await svc.request('/api/v1/admin/staff/me', { token: refreshed.body.accessToken })).status, 200);

    svc.clock.advance(refreshReuseGraceMs + 1_000);
    assertProblem(await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie: first }), 401, 'refresh_reused');
    assertProblem(await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie: second }), 401, 'refresh_invalid');
    // A client's refresh cookie is not a staff one.
    const client = await svc.login('alex@example.com');
    assertProblem(await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie: client.cookie }), 401, 'refresh_missing');
  });

  it('signs out: the refresh cookie stops working', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    const cookie = refreshCookie(login);
    const out = await svc.request('/api/v1/staff/auth/logout', { method: 'POST', cookie });
    assert.equal(out.status, 204);
    assertProblem(await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie }), 401, 'refresh_invalid');
  });

  it('lets each role do what its role allows, and answers 403 role_forbidden beyond it', async () => {
    const { accepted } = await ctx.inviteAndAccept(ownerToken, 'sara@hale.example', 'staff');
    const staffToken = accepted.body.accessToken;
    const admin = await ctx.staffLogin('paul@hale.example');
    const adminToken = admin.body.accessToken;

    assert.equal((await svc.request('/api/v1/admin/contacts', { token: staffToken, origin: firmOrigin })).status, 200);
    assert.equal((await svc.request('/api/v1/admin/invoices', { token: staffToken })).status, 200);
    assert.equal((await svc.request('/api/v1/admin/staff/me', { token: staffToken })).body.staff.role, 'staff');
    const invoice = { contactId: svc.fixtures.alex.id, dueOn: '2026-04-01', lines: [{ kind: 'flat_fee', description: 'Advice', amount: 10000 }] };
    const refused = await svc.request('/api/v1/admin/invoices', { token: staffToken, body: invoice });
    assertProblem(refused, 403, 'role_forbidden');
    assert.equal(refused.body.requiredRole, 'admin');
    assert.match(refused.body.detail, /needs an admin/);
    assertProblem(await svc.request('/api/v1/admin/settings', { token: staffToken }), 403, 'role_forbidden');
    assertProblem(await svc.request('/api/v1/admin/api-keys', { token: adminToken }), 403, 'role_forbidden');

    const adminAdds = await svc.request('/api/v1/admin/staff', { token: adminToken, body: { email: 'x@hale.example', name: 'X', role: 'staff' } });
    assertProblem(adminAdds, 403, 'role_forbidden');
    assert.equal(adminAdds.body.requiredRole, 'owner');
    const drafted = await svc.request('/api/v1/admin/invoices', { token: adminToken, body: invoice });
    assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
    // An API key keeps every right.
    assert.equal((await svc.request('/api/v1/admin/staff', { token: svc.fixtures.firmKey })).status, 200);

    // `/admin/staff/me` tells each member what their role may do, group by group, as the checks above enforce it.
    const accessOf = async (token: string) => (await svc.request('/api/v1/admin/staff/me', { token })).body.access;
    const [staffAccess, adminAccess, ownerAccess] = [await accessOf(staffToken), await accessOf(adminToken), await accessOf(ownerToken)];
    const groups = [
      'activities',
      'api-keys',
      'autopay',
      'contacts',
      'files',
      'invoices',
      'payments',
      'plans',
      'settings',
      'staff',
      'staff/me',
      'threads',
      'webhook-endpoints',
    ];
    for (const access of [staffAccess, adminAccess, ownerAccess]) assert.deepEqual(Object.keys(access).sort(), groups);
    const yes = { read: true, write: true };
    const readOnly = { read: true, write: false };
    const no = { read: false, write: false };
    assert.deepEqual(staffAccess.contacts, yes);
    assert.deepEqual(staffAccess.threads, yes);
    assert.deepEqual(staffAccess.invoices, readOnly);
    assert.deepEqual(staffAccess.payments, readOnly);
    assert.deepEqual(staffAccess.plans, readOnly);
    assert.deepEqual(staffAccess.autopay, readOnly);
    assert.deepEqual(staffAccess.settings, no);
    assert.deepEqual(staffAccess['api-keys'], no);
    assert.deepEqual(staffAccess.staff, no);
    assert.deepEqual(staffAccess['staff/me'], readOnly);
    assert.deepEqual(adminAccess.invoices, yes);
    assert.deepEqual(adminAccess.payments, yes);
    assert.deepEqual(adminAccess.plans, yes);
    assert.deepEqual(adminAccess.autopay, yes);
    assert.deepEqual(adminAccess.settings, yes);
    assert.deepEqual(adminAccess['webhook-endpoints'], yes);
    assert.deepEqual(adminAccess['api-keys'], no);
    assert.deepEqual(adminAccess.staff, no);
    for (const group of groups) assert.deepEqual(ownerAccess[group], yes, group);
  });

  it('keeps staff tokens off the client API and client tokens off the firm API', async () => {
    assertProblem(await svc.request('/api/v1/invoices', { token: ownerToken, origin: firmOrigin }), 401, 'token_invalid');
    assertProblem(await svc.request('/api/v1/me', { token: ownerToken }), 401, 'token_invalid');
    const client = await svc.login('alex@example.com');
    assertProblem(await svc.request('/api/v1/admin/contacts', { token: client.token }), 401, 'api_key_invalid');
    assertProblem(await svc.request('/api/v1/admin/staff/me', { token: client.token }), 401, 'api_key_invalid');
    assertProblem(await svc.request('/api/v1/admin/staff/me', { token: svc.fixtures.firmKey }), 401, 'token_missing');
  });

  it('answers the console’s preflight on the firm-side API for the firm’s origins only', async () => {
    const preflight = await svc.request('/api/v1/admin/contacts', {
      method: 'OPTIONS',
      origin: firmOrigin,
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), firmOrigin);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const stranger = await svc.request('/api/v1/admin/contacts', { method: 'OPTIONS', origin: 'https://evil.example' });
    assertProblem(stranger, 403, 'origin_not_allowed');
    // Another firm's site cannot use this firm's staff token.
    assertProblem(await svc.request('/api/v1/admin/contacts', { token: ownerToken, origin: otherFirmOrigin }), 403, 'origin_not_allowed');
  });

  it('records staff actions in the audit log with the staff member as the actor', async () => {
    const created = await svc.request('/api/v1/admin/contacts', {
      token: ownerToken,
      origin: firmOrigin,
      body: { email: 'casey@example.com', name: 'Casey Doe' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const rows = await svc.query<{ actor_type: string; actor_id: string; action: string }>`
      SELECT actor_type, actor_id, action FROM audit_log WHERE subject_id = ${created.body.id}`;
    assert.ok(rows.length > 0, 'the change is in the audit log');
    for (const row of rows) assert.deepEqual([row.actor_type, row.actor_id], ['staff', ctx.owner.id]);
    const signIns = await svc.query<{ n: number }>`
      SELECT count(*) AS n FROM audit_log WHERE actor_type = 'staff' AND actor_id = ${ctx.owner.id} AND action = 'staff.login.succeeded'`;
    assert.ok(Number(signIns[0]!.n) >= 1);
  });

  it('keeps the last owner, and disabling a member ends their access at once', async () => {
    const demote = await svc.request(`/api/v1/admin/staff/${ctx.owner.id}`, { method: 'PATCH', token: ownerToken, body: { role: 'admin' } });
    assertProblem(demote, 409, 'last_owner');
    assertProblem(
      await svc.request(`/api/v1/admin/staff/${ctx.owner.id}`, { method: 'PATCH', token: ownerToken, body: { status: 'disabled' } }),
      409,
      'last_owner',
    );
    const login = await ctx.staffLogin('sara@hale.example');
    const saraId = login.body.staff.id;
    const disabled = await svc.request(`/api/v1/admin/staff/${saraId}`, { method: 'PATCH', token: ownerToken, body: { status: 'disabled' } });
    assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
    assert.equal(disabled.body.status, 'disabled');
    assertProblem(await svc.request('/api/v1/admin/contacts', { token: login.body.accessToken }), 401, 'token_invalid');
    assertProblem(await svc.request('/api/v1/staff/auth/refresh', { method: 'POST', cookie: refreshCookie(login) }), 401, 'refresh_invalid');
    assertProblem(await ctx.staffLogin('sara@hale.example'), 403, 'staff_disabled');
    // Another firm's member is not found.
    const north = await svc.request(`/api/v1/admin/staff/${saraId}`, { method: 'PATCH', token: svc.fixtures.otherFirmKey, body: { status: 'active' } });
    assertProblem(north, 404, 'not_found');
    assertProblem(await svc.request(`/api/v1/admin/staff/${saraId}`, { method: 'PATCH', token: ownerToken, body: { role: 'boss' } }), 400, 'invalid_request');
  });

  it('resends an invitation only to a member who has not accepted one', async () => {
    const added = await svc.request('/api/v1/admin/staff', { token: ownerToken, body: { email: 'ivy@hale.example', name: 'Ivy', role: 'staff' } });
    const [first] = await svc.outbox('ivy@hale.example');
    const firstToken = tokenFromEmail(first!.text, 'invitation');
    const resent = await svc.request(`/api/v1/admin/staff/${added.body.id}/invitations`, { method: 'POST', token: ownerToken });
    assert.equal(resent.status, 202);
    const mails = await svc.outbox('ivy@hale.example');
    assert.equal(mails.length, 2);
    const secondToken = mails.map((mail) => tokenFromEmail(mail.text, 'invitation')).find((token) => token !== firstToken)!;
    // The first link was replaced by the second.
    assertProblem(
      await svc.request('/api/v1/staff/auth/invitations/accept', { body: { token: firstToken, password: staffPassword } }),
      400,
      'invitation_invalid',
    );
    const weak = await svc.request('/api/v1/staff/auth/invitations/accept', { body: { token: secondToken, password: 'short' } });
    assertProblem(weak, 400, 'weak_password');
    const accepted = await svc.request('/api/v1/staff/auth/invitations/accept', { body: { token: secondToken, password: staffPassword } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assertProblem(await svc.request(`/api/v1/admin/staff/${ctx.owner.id}/invitations`, { method: 'POST', token: ownerToken }), 409, 'staff_not_invited');
  });

  it('limits wrong passwords per account like a client’s', async () => {
    await svc.services.staff.addActive(svc.fixtures.firm.id, {
      email: 'guess@hale.example',
      name: 'Guess',
      role: 'staff',
      passwordHash: await hashPassword(staffPassword),
    });
    for (let attempt = 0; attempt < 8; attempt++) assertProblem(await ctx.staffLogin('guess@hale.example', `wrong ${attempt}`), 401, 'invalid_credentials');
    const limited = await ctx.staffLogin('guess@hale.example');
    assertProblem(limited, 429, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('adds a member from the command line: the invitation is emailed and the id printed', async () => {
    const env = { DATA_DIR: svc.dataDir, PUBLIC_URL: issuer };
    const added = await runCli(['staff', 'add', '--firm', 'hale', '--email', 'cli@hale.example', '--name', 'Cli Person', '--role', 'admin'], env);
    assert.equal(added.code, 0, added.stderr);
    const id = added.stdout.trim();
    assert.match(id, /^stf_/);
    const [mail] = await svc.outbox('cli@hale.example');
    assert.equal(mail?.kind, 'staff_invitation');
    const listed = await runCli(['staff', 'list', '--firm', 'hale'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`${id}  cli@hale\\.example  Cli Person  admin  invited  last sign-in never`));
    const badRole = await runCli(['staff', 'add', '--firm', 'hale', '--email', 'x@hale.example', '--name', 'X', '--role', 'boss'], env);
    assert.equal(badRole.code, 1);
    assert.match(badRole.stderr, /--role must be one of owner, admin, staff/);
  });
});

describe('staff accounts: an authenticator app as the second factor', () => {
  let ctx: Awaited<ReturnType<typeof startStaffService>>;
  let svc: TestService;
  before(async () => {
    ctx = await startStaffService('required');
    svc = ctx.svc;
  });
  after(() => svc.close());

  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(svc.clock().getTime() / 1000) });
  let secret: string;
  let recoveryCodes: string[];

  it('makes a member the firm requires a second factor of set one up before signing in', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.deepEqual(Object.keys(login.body).sort(), ['enrollmentRequired', 'mfaToken']);
    assert.equal(login.cookies.get('portico_staff_refresh'), undefined, 'no sign-in yet');
    const { mfaToken } = login.body;
    // The enrolment token is no access token.
    assertProblem(await svc.request('/api/v1/admin/staff/me', { token: mfaToken }), 401, 'api_key_invalid');
    assertProblem(await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken, code: '123456' } }), 401, 'mfa_token_invalid');

    const setup = await svc.request('/api/v1/staff/auth/totp/setup', { body: { mfaToken }, origin: firmOrigin });
    assert.equal(setup.status, 200, JSON.stringify(setup.body));
    secret = setup.body.secret;
    assert.match(setup.body.otpauthUri, /^otpauth:\/\/totp\/.*secret=/);
    assert.ok(setup.body.qrCode.size >= 21);
    assert.match(setup.body.qrCode.path, /^M\d/);
    const stored = await svc.query<{ pending_secret: string }>`SELECT pending_secret FROM staff_totp WHERE staff_id = ${ctx.owner.id}`;
    assert.match(stored[0]!.pending_secret, /^enc:v1:/);
    assert.ok(!stored[0]!.pending_secret.includes(secret), 'sealed at rest');

    assertProblem(await svc.request('/api/v1/staff/auth/totp/confirm', { body: { mfaToken, code: 'abc' } }), 400, 'invalid_request');
    const wrong = String((Number(await codeAt(secret)) + 1) % 1_000_000).padStart(6, '0');
    assertProblem(await svc.request('/api/v1/staff/auth/totp/confirm', { body: { mfaToken, code: wrong } }), 401, 'mfa_code_invalid');
    const confirmed = await svc.request('/api/v1/staff/auth/totp/confirm', { body: { mfaToken, code: await codeAt(secret) }, origin: firmOrigin });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    recoveryCodes = confirmed.body.recoveryCodes;
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    assert.equal(confirmed.body.signIn.staff.id, ctx.owner.id);
    refreshCookie(confirmed);
    // Once a factor is set up, the password alone adds no more.
    assertProblem(await svc.request('/api/v1/staff/auth/totp/setup', { body: { mfaToken } }), 401, 'mfa_token_invalid');
  });

  it('then asks for a code at sign-in; a code works once', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    assert.equal(login.body.mfaRequired, true, JSON.stringify(login.body));
    assert.deepEqual(login.body.methods, ['totp', 'recovery_code']);
    // The code that confirmed the app was used in this same 30-second step.
    assertProblem(
      await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken: login.body.mfaToken, code: await codeAt(secret) } }),
      401,
      'mfa_code_invalid',
    );
    svc.clock.advance(30_000);
    const signedIn = await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken: login.body.mfaToken, code: await codeAt(secret) }, origin: firmOrigin });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.staff.id, ctx.owner.id);
    refreshCookie(signedIn);
    const me = await svc.request('/api/v1/admin/staff/me', { token: signedIn.body.accessToken });
    assert.deepEqual(me.body.twoFactor, { totp: true, passkeys: [], recoveryCodesLeft: 10 });
  });

  it('takes a recovery code once instead of a code', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    const recovery = recoveryCodes[0]!;
    const signedIn = await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken: login.body.mfaToken, code: recovery.toUpperCase() } });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assertProblem(await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken: login.body.mfaToken, code: recovery } }), 401, 'mfa_code_invalid');
    const me = await svc.request('/api/v1/admin/staff/me', { token: signedIn.body.accessToken });
    assert.equal(me.body.twoFactor.recoveryCodesLeft, 9);
    const audit = await svc.query<{ data: string }>`
      SELECT data FROM audit_log WHERE actor_id = ${ctx.owner.id} AND action = 'staff.login.succeeded' ORDER BY id DESC LIMIT 1`;
    assert.deepEqual(JSON.parse(audit[0]!.data), { method: 'recovery_code' });
  });

  it('keeps the last factor while the firm requires one', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    svc.clock.advance(30_000);
    const signedIn = await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken: login.body.mfaToken, code: await codeAt(secret) } });
    assertProblem(await svc.request('/api/v1/staff/auth/totp', { method: 'DELETE', token: signedIn.body.accessToken }), 409, 'second_factor_required');
    assertProblem(await svc.request('/api/v1/staff/auth/totp', { method: 'DELETE' }), 401, 'token_missing');
  });

  it('limits wrong codes', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    const { mfaToken } = login.body;
    for (let attempt = 0; attempt < 8; attempt++) {
      assertProblem(await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken, code: `00000${attempt}` } }), 401, 'mfa_code_invalid');
    }
    svc.clock.advance(30_000);
    assertProblem(await svc.request('/api/v1/staff/auth/mfa', { body: { mfaToken, code: await codeAt(secret) } }), 429, 'rate_limited');
    const failures = await svc.query<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE actor_id = ${ctx.owner.id} AND action = 'staff.mfa.failed'`;
    assert.ok(Number(failures[0]!.n) >= 8);
  });
});

describe('staff accounts: passkeys', () => {
  let ctx: Awaited<ReturnType<typeof startStaffService>>;
  let svc: TestService;
  const authenticator = new SoftwareAuthenticator();
  before(async () => {
    ctx = await startStaffService('required');
    svc = ctx.svc;
  });
  after(() => svc.close());

  it('sets a passkey up as the first factor, on the page’s own host', async () => {
    const { mfaToken } = (await ctx.staffLogin('margaret@hale.example')).body;
    assertProblem(await svc.request('/api/v1/staff/auth/passkeys/options', { body: { mfaToken } }), 400, 'invalid_request');
    assertProblem(await svc.request('/api/v1/staff/auth/passkeys/options', { body: { mfaToken }, origin: otherFirmOrigin }), 403, 'origin_not_allowed');
    const options = await svc.request('/api/v1/staff/auth/passkeys/options', { body: { mfaToken }, origin: firmOrigin });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.equal(options.body.options.rp.id, 'www.hale.example');
    assert.equal(options.body.options.user.name, 'margaret@hale.example');
    const stored = await svc.query<{
      challenge: string;
      used_at: string | null;
    }>`SELECT challenge, used_at FROM staff_challenges WHERE staff_id = ${ctx.owner.id}`;
    assert.deepEqual(stored, [{ challenge: options.body.options.challenge, used_at: null }]);

    const credential = authenticator.register(options.body.options, firmOrigin);
    const registered = await svc.request('/api/v1/staff/auth/passkeys', { body: { credential, name: 'Office laptop', mfaToken }, origin: firmOrigin });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    assert.equal(registered.body.passkey.name, 'Office laptop');
    assert.equal(registered.body.recoveryCodes.length, 10);
    assert.equal(registered.body.signIn.staff.id, ctx.owner.id);
    refreshCookie(registered);
    // The challenge was single use.
    assertProblem(await svc.request('/api/v1/staff/auth/passkeys', { body: { credential, mfaToken }, origin: firmOrigin }), 401, 'mfa_token_invalid');
    const again = await svc.request('/api/v1/staff/auth/passkeys', { body: { credential }, token: registered.body.signIn.accessToken, origin: firmOrigin });
    assertProblem(again, 400, 'passkey_invalid');
  });

  it('signs in with the passkey as the second factor', async () => {
    const login = await ctx.staffLogin('margaret@hale.example');
    assert.deepEqual(login.body.methods, ['passkey', 'recovery_code']);
    const { mfaToken } = login.body;
    const options = await svc.request('/api/v1/staff/auth/mfa/passkey/options', { body: { mfaToken }, origin: firmOrigin });
    assert.equal(options.status, 200, JSON.stringify(options.body));
    assert.equal(options.body.options.rpId, 'www.hale.example');
    assert.deepEqual(
      options.body.options.allowCredentials.map((c: { id: string }) => c.id),
      [authenticator.id],
    );
    const credential = authenticator.authenticate(options.body.options, firmOrigin);
    const signedIn = await svc.request('/api/v1/staff/auth/mfa/passkey', { body: { mfaToken, credential }, origin: firmOrigin });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
    assert.equal(signedIn.body.staff.id, ctx.owner.id);
    refreshCookie(signedIn);
    // The same assertion again: its challenge is used up.
    assertProblem(await svc.request('/api/v1/staff/auth/mfa/passkey', { body: { mfaToken, credential }, origin: firmOrigin }), 400, 'passkey_invalid');

    // A response signed for another site is refused.
    const other = await svc.request('/api/v1/staff/auth/mfa/passkey/options', { body: { mfaToken }, origin: firmOrigin });
    const forged = authenticator.authenticate({ ...other.body.options, rpId: 'evil.example' }, firmOrigin);
    assertProblem(await svc.request('/api/v1/staff/auth/mfa/passkey', { body: { mfaToken, credential: forged }, origin: firmOrigin }), 400, 'passkey_invalid');

    const me = await svc.request('/api/v1/admin/staff/me', { token: signedIn.body.accessToken });
    assert.equal(me.body.twoFactor.passkeys.length, 1);
    const [passkey] = me.body.twoFactor.passkeys;
    assertProblem(
      await svc.request(`/api/v1/staff/auth/passkeys/${passkey.id}`, { method: 'DELETE', token: signedIn.body.accessToken }),
      409,
      'second_factor_required',
    );

    // With an authenticator app set up as well, the passkey can go.
    const setup = await svc.request('/api/v1/staff/auth/totp/setup', { method: 'POST', token: signedIn.body.accessToken, origin: firmOrigin });
    assert.equal(setup.status, 200, JSON.stringify(setup.body));
    const code = await generate({ secret: setup.body.secret, epoch: Math.floor(svc.clock().getTime() / 1000) });
    const confirmed = await svc.request('/api/v1/staff/auth/totp/confirm', { body: { code }, token: signedIn.body.accessToken, origin: firmOrigin });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.signIn, undefined, 'already signed in');
    const removed = await svc.request(`/api/v1/staff/auth/passkeys/${passkey.id}`, { method: 'DELETE', token: signedIn.body.accessToken });
    assert.equal(removed.status, 204);
    assertProblem(await svc.request(`/api/v1/staff/auth/passkeys/${passkey.id}`, { method: 'DELETE', token: signedIn.body.accessToken }), 404, 'not_found');
  });
});
