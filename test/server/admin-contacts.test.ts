import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestService, tokenFromEmail, type TestService } from './helpers/service.ts';

// What the firm sees of a client's portal access: the invitation's state and the last sign-in,
// read from the auth component's records through the contacts service.
describe("the firm's view of a client's invitation and sign-ins", () => {
  let svc: TestService;
  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  const admin = (path: string, options: { method?: string; body?: unknown } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: svc.fixtures.firmKey, ...options });
  const day = 86_400_000;

  async function addContact(email: string, name: string) {
    const created = await admin('/contacts', { body: { email, name } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { id: string };
  }

  async function invite(id: string) {
    const invited = await admin(`/contacts/${id}/invitations`, { method: 'POST', body: {} });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    return invited.body as { createdAt: string; expiresAt: string };
  }

  it('shows a new contact as never invited and never signed in', async () => {
    const { id } = await addContact('quinn@example.com', 'Quinn Ames');
    const read = await admin(`/contacts/${id}`);
    assert.equal(read.body.invitationStatus, 'none');
    assert.equal(read.body.invitedAt, null);
    assert.equal(read.body.lastSignInAt, null);
    assert.equal(read.body.hasLogin, false);
  });

  it('follows an invitation from sent to expired to sent again to accepted, then each sign-in', async () => {
    const { id } = await addContact('robin@example.com', 'Robin Vale');
    const first = await invite(id);
    const firstMails = await svc.outbox('robin@example.com');
    let read = await admin(`/contacts/${id}`);
    assert.equal(read.body.invitationStatus, 'pending');
    assert.equal(read.body.invitedAt, first.createdAt);

    svc.clock.advance(8 * day);
    read = await admin(`/contacts/${id}`);
    assert.equal(read.body.invitationStatus, 'expired', 'an invitation past its end can no longer be used');

    const second = await invite(id);
    read = await admin(`/contacts/${id}`);
    assert.equal(read.body.invitationStatus, 'pending');
    assert.equal(read.body.invitedAt, second.createdAt);
    assert.notEqual(second.createdAt, first.createdAt);

    const latest = (await svc.outbox('robin@example.com')).filter((mail) => !firstMails.some((old) => old.id === mail.id));
    assert.equal(latest.length, 1, 'the second invitation was emailed');
    const token = tokenFromEmail(latest[0]!.text, 'invitation');
    svc.clock.advance(60_000);
    const accepted = await svc.request('/api/v1/auth/invitations/accept', { body: { token, password: 'a long new password' } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const acceptedAt = svc.clock().toISOString();
    read = await admin(`/contacts/${id}`);
    assert.equal(read.body.invitationStatus, 'accepted');
    assert.equal(read.body.hasLogin, true);
    assert.equal(read.body.lastSignInAt, acceptedAt, 'accepting an invitation signs the client in');

    svc.clock.advance(2 * day);
    await svc.login('robin@example.com', 'hale', 'a long new password');
    read = await admin(`/contacts/${id}`);
    assert.equal(read.body.lastSignInAt, svc.clock().toISOString());
  });

  it('counts a sign-in through the firm’s own site (token exchange) as a sign-in', async () => {
    const { id } = await addContact('sasha@example.com', 'Sasha Grey');
    const at = '2026-03-20T10:00:00.000Z';
    await svc.query`INSERT INTO assertion_sign_ins (contact_id, firm_id, first_at, last_at) VALUES (${id}, ${svc.fixtures.firm.id}, ${at}, ${at})`;
    const read = await admin(`/contacts/${id}`);
    assert.equal(read.body.lastSignInAt, at);
    assert.equal(read.body.hasLogin, false, 'a client signed in by their firm has no portal password');
    assert.equal(read.body.invitationStatus, 'none');
  });

  it('gives the same fields on every contact of a list page', async () => {
    const { id } = await addContact('tatum@example.com', 'Tatum Reed');
    const sent = await invite(id);
    const page = await admin('/contacts?q=tatum');
    assert.equal(page.status, 200);
    assert.equal(page.body.data.length, 1);
    const [listed] = page.body.data;
    assert.equal(listed.invitationStatus, 'pending');
    assert.equal(listed.invitedAt, sent.createdAt);
    assert.equal(listed.lastSignInAt, null);

    const alex = await admin(`/contacts/${svc.fixtures.alex.id}`);
    const all = await admin('/contacts?limit=200');
    const alexListed = all.body.data.find((contact: { id: string }) => contact.id === svc.fixtures.alex.id);
    assert.deepEqual(alexListed, alex.body, 'a list row and the contact read alone agree');
  });

  it("answers archive and restore with the client's access unchanged", async () => {
    const { id } = await addContact('uma@example.com', 'Uma Stone');
    await invite(id);
    const archived = await admin(`/contacts/${id}/archive`, { method: 'POST' });
    assert.equal(archived.body.status, 'archived');
    assert.equal(archived.body.invitationStatus, 'pending');
    const restored = await admin(`/contacts/${id}/restore`, { method: 'POST' });
    assert.equal(restored.body.status, 'active');
  });
});
