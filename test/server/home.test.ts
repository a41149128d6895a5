import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changesSince, visitGapMs } from '../../server/src/home/visit.ts';
import { boundary, multipart, pdfBytes, send } from './helpers/files.ts';
import { assertProblem, paymentKit, type PaymentKit } from './helpers/payments.ts';
import { startTestService, type TestService } from './helpers/service.ts';

const minute = 60_000;

describe('a visit', () => {
  const at = (iso: string) => new Date(iso);
  it('has no start before the first look at home', () => {
    assert.equal(changesSince(undefined, at('2026-03-02T15:00:00Z')), null);
  });
  it('goes on while the client comes back within half an hour, and starts again after', () => {
    const visits = { sinceAt: '2026-03-01T09:00:00.000Z', lastSeenAt: '2026-03-02T15:00:00.000Z' };
    assert.equal(changesSince(visits, new Date(Date.parse(visits.lastSeenAt) + visitGapMs)), visits.sinceAt);
    assert.equal(changesSince(visits, new Date(Date.parse(visits.lastSeenAt) + visitGapMs + 1)), visits.lastSeenAt);
  });
});

describe('GET /api/v1/home', () => {
  let svc: TestService;
  let kit: PaymentKit;
  const people = { alex: ['alex@example.com', 'hale'], jordan: ['jordan@example.com', 'hale'], sam: ['sam@example.com', 'north'] } as const;
  type Who = keyof typeof people;
  const sessions = new Map<Who, { token: string; at: number }>();

  /** A fresh access token: they live minutes, and these tests move the clock by hours. */
  async function tokenOf(who: Who): Promise<string> {
    const session = sessions.get(who);
    if (session && svc.clock().getTime() - session.at < 5 * minute) return session.token;
    const [email, firm] = people[who];
    const { token } = await svc.login(email, firm);
    sessions.set(who, { token, at: svc.clock().getTime() });
    return token;
  }
  const home = async (who: Who) => {
    const reply = await svc.request('/api/v1/home', { token: await tokenOf(who) });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  };
  const seen = async (who: Who) => {
    const reply = await svc.request('/api/v1/home/seen', { method: 'POST', token: await tokenOf(who) });
    assert.equal(reply.status, 204, JSON.stringify(reply.body));
  };
  const firmKeyOf = (who: Who) => (who === 'sam' ? svc.fixtures.otherFirmKey : svc.fixtures.firmKey);
  const contactOf = (who: Who) => svc.fixtures[who].id;

  /** Everything the firm does for a client: an invoice, a shared file, a message, a check received, a task and an event. */
  async function busyDay(who: Who, label: string) {
    const key = firmKeyOf(who);
    const invoice = await kit.invoice({ contactId: contactOf(who), amount: 10_000, key });
    const file = await send(
      `${svc.baseUrl}/api/v1/admin/files`,
      multipart([
        { name: 'contactId', data: contactOf(who) },
        { name: 'file', fileName: `${label}.pdf`, contentType: 'application/pdf', data: pdfBytes(label) },
      ]),
      { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    assert.equal(file.status, 201, JSON.stringify(file.body));
    const thread = await svc.request('/api/v1/admin/threads', {
      token: key,
      body: { contactId: contactOf(who), subject: `About ${label}`, body: `Please read ${label}.`, staffName: 'Margaret Hale' },
    });
    assert.equal(thread.status, 201, JSON.stringify(thread.body));
    const paid = await svc.request('/api/v1/admin/payments', {
      token: key,
      body: { contactId: contactOf(who), amount: 2_500, method: { type: 'check', reference: label }, allocations: [{ invoiceId: invoice.id, amount: 2_500 }] },
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    for (const activity of [
      { kind: 'task', title: `${label}: sign`, dueOn: '2026-03-01' },
      { kind: 'task', title: `${label}: read`, dueOn: '2026-03-20' },
      { kind: 'event', title: `${label}: hearing`, startsAt: '2026-03-10T17:00:00Z', endsAt: '2026-03-10T18:00:00Z' },
    ]) {
      const made = await svc.request('/api/v1/admin/activities', { token: key, body: { contactId: contactOf(who), ...activity } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
    return { invoiceId: invoice.id as string, fileId: file.body.id as string, threadId: thread.body.thread.id as string, paymentId: paid.body.id as string };
  }

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
  });
  after(() => svc.close());

  it('shows a first visit everything, and only the client’s own', async () => {
    const alex = await busyDay('alex', 'Engagement');
    await busyDay('jordan', 'Jordan');
    await busyDay('sam', 'Sam');
    const body = await home('alex');
    assert.equal(body.since, null, 'no visit before the first');
    assert.deepEqual([body.balance.invoiceIds, body.balance.amount, body.balance.currency], [[alex.invoiceId], 7_500, 'USD']);
    assert.equal(body.unreadMessages, 1);
    assert.deepEqual(
      body.nextEvents.map((e: { title: string }) => e.title),
      ['Engagement: hearing'],
    );
    assert.equal(body.tasks.openCount, 2);
    assert.equal(body.tasks.overdueCount, 1);
    assert.deepEqual(
      body.tasks.first.map((t: { title: string }) => t.title),
      ['Engagement: sign', 'Engagement: read'],
    );
    const { invoices, documents, messages, payments } = body.changes;
    assert.deepEqual([invoices.count, documents.count, messages.count, payments.count], [1, 1, 1, 1]);
    assert.equal(invoices.latest[0].id, alex.invoiceId);
    assert.equal(documents.latest[0].id, alex.fileId);
    assert.equal(documents.latest[0].name, 'Engagement.pdf');
    assert.equal(messages.latest[0].threadId, alex.threadId);
    assert.equal(messages.latest[0].subject, 'About Engagement');
    assert.equal(payments.latest[0].id, alex.paymentId);
    assert.equal(payments.latest[0].amount, 2_500);
    // Jordan (same firm) and Sam (another firm) see theirs alone.
    const jordan = await home('jordan');
    assert.equal(jordan.changes.documents.latest[0].name, 'Jordan.pdf');
    assert.equal(jordan.changes.invoices.count, 1);
    assert.notEqual(jordan.changes.invoices.latest[0].id, alex.invoiceId);
    const sam = await home('sam');
    assert.deepEqual(
      sam.nextEvents.map((e: { title: string }) => e.title),
      ['Sam: hearing'],
    );
    assert.equal(sam.changes.messages.latest[0].subject, 'About Sam');
    // The navigation's counts agree with home.
    const counts = await svc.request('/api/v1/home/counts', { token: await tokenOf('alex') });
    assert.equal(counts.status, 200, JSON.stringify(counts.body));
    assert.deepEqual(counts.body, { unreadMessages: body.unreadMessages, unpaidInvoices: body.balance.invoiceIds.length });
  });

  it('counts from the previous visit’s last look, the same all through a visit', async () => {
    await seen('alex');
    const firstLook = svc.clock().toISOString();
    // Still the first visit: reading home and looking again keep its start.
    svc.clock.advance(10 * minute);
    await seen('alex');
    const sameVisit = await home('alex');
    assert.equal(sameVisit.since, null);
    assert.equal(sameVisit.changes.invoices.count, 1);
    svc.clock.advance(20 * minute);
    const lastLook = svc.clock().toISOString();
    await seen('alex');
    assert.notEqual(lastLook, firstLook);

    // Back after an hour away, with something new from the firm.
    svc.clock.advance(60 * minute);
    const fresh = await busyDay('alex', 'Discovery');
    let body = await home('alex');
    assert.equal(body.since, lastLook);
    assert.deepEqual([body.changes.invoices.count, body.changes.documents.count, body.changes.messages.count, body.changes.payments.count], [1, 1, 1, 1]);
    assert.equal(body.changes.invoices.latest[0].id, fresh.invoiceId);
    assert.equal(body.changes.documents.latest[0].id, fresh.fileId);
    assert.equal(body.changes.payments.latest[0].id, fresh.paymentId);
    assert.equal(body.unreadMessages, 2, 'unread counts every unread message, new or not');
    // Reading home changes nothing; looking at it starts the new visit, which keeps its start.
    assert.equal((await home('alex')).since, lastLook);
    await seen('alex');
    svc.clock.advance(5 * minute);
    body = await home('alex');
    assert.equal(body.since, lastLook);
    assert.equal(body.changes.invoices.count, 1);
    // The next visit starts from this one's last look: nothing new since.
    svc.clock.advance(45 * minute);
    body = await home('alex');
    assert.deepEqual([body.changes.invoices.count, body.changes.documents.count, body.changes.messages.count, body.changes.payments.count], [0, 0, 0, 0]);
    assert.deepEqual(body.changes.invoices.latest, []);
    // Another client's visits are their own.
    assert.equal((await home('jordan')).since, null);
  });

  it('leaves out the sections the firm hides', async () => {
    const firm = svc.fixtures.firm;
    const now = svc.clock().toISOString();
    const hidden = { ...firm.settings, sections: { activities: false, invoices: false, messages: false, files: false }, showPayments: false };
    await svc.services.repositories.firms.update(firm.id, { settings: hidden }, now);
    try {
      const body = await home('alex');
      assert.deepEqual(
        { balance: body.balance, unreadMessages: body.unreadMessages, nextEvents: body.nextEvents, tasks: body.tasks, changes: body.changes },
        { balance: null, unreadMessages: null, nextEvents: null, tasks: null, changes: { invoices: null, documents: null, messages: null, payments: null } },
      );
      const counts = await svc.request('/api/v1/home/counts', { token: await tokenOf('alex') });
      assert.deepEqual(counts.body, { unreadMessages: null, unpaidInvoices: null });
    } finally {
      await svc.services.repositories.firms.update(firm.id, { settings: firm.settings }, svc.clock().toISOString());
    }
  });

  it('answers bad input and strangers with a clear problem', async () => {
    const token = await tokenOf('alex');
    const query = await svc.request('/api/v1/home?days=7', { token });
    assertProblem(query, 400, 'invalid_request');
    assert.match(query.body.detail, /days/);
    const body = await svc.request('/api/v1/home/seen', { token, body: { at: '2020-01-01T00:00:00Z' } });
    assertProblem(body, 400, 'invalid_request');
    assertProblem(await svc.request('/api/v1/home/counts?all=1', { token }), 400, 'invalid_request');
    assertProblem(await svc.request('/api/v1/home'), 401, 'token_missing');
    assertProblem(await svc.request('/api/v1/home/counts'), 401, 'token_missing');
    assertProblem(await svc.request('/api/v1/home/seen', { method: 'POST' }), 401, 'token_missing');
    assert.equal((await svc.request('/api/v1/home', { token: svc.fixtures.firmKey })).status, 401, 'a firm key is no client');
  });
});
