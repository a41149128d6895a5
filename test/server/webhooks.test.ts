import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { boundary, multipart, pdfBytes, send } from './helpers/files.ts';
import { paymentKit, type PaymentKit } from './helpers/payments.ts';
import { password, startTestService, tokenFromEmail, type TestService } from './helpers/service.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Whether one of the delivery's signatures is the one the Standard Webhooks library makes with this
 * secret. (Its `verify` also checks the timestamp against the real clock, which the service's test
 * clock is far from.)
 */
function signedWith(secret: string, received: Received): boolean {
  const id = received.headers['webhook-id'] as string;
  const timestamp = new Date(Number(received.headers['webhook-timestamp']) * 1000);
  const expected = new Webhook(secret).sign(id, timestamp, received.body);
  return (received.headers['webhook-signature'] as string).split(' ').includes(expected);
}

/** The firm's own software: a real HTTP server on 127.0.0.1 that answers what the test tells it to. */
async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** The next answers, in order; 204 after that. */
    answer: (...statuses: number[]) => answers.push(...statuses),
    ofType: (type: string) => received.filter((r) => JSON.parse(r.body).type === type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks out', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let alex: string;
  let endpoint: { id: string; secret: string };

  const admin = (path: string, options: { method?: string; body?: unknown; key?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: options.key ?? svc.fixtures.firmKey, method: options.method, body: options.body });
  const deliver = () => svc.services.jobs.drain();

  before(async () => {
    // A loopback service address: development, where http://127.0.0.1 may receive webhooks.
    svc = await startTestService({ env: { PUBLIC_URL: 'http://localhost:8787' } });
    kit = paymentKit(svc);
    receiver = await startReceiver();
    alex = (await svc.login('alex@example.com')).token;
  });
  after(async () => {
    await svc.close();
    await receiver.close();
  });

  it('creates an endpoint and shows its secret once', async () => {
    const created = await admin('/webhook-endpoints', {
      body: {
        url: receiver.url,
        events: ['payment.succeeded', 'payment.failed', 'payment.processing', 'invoice.paid', 'message.created', 'contact.activated', 'activity.completed'],
        description: 'Practice system',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(created.body.enabled, true);
    endpoint = { id: created.body.id, secret: created.body.secret };

    const listed = await admin('/webhook-endpoints');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.data.map((e: { id: string }) => e.id),
      [endpoint.id],
    );
    assert.equal(JSON.stringify(listed.body).includes(endpoint.secret), false, 'never shown again');
    assert.equal(JSON.stringify((await admin(`/webhook-endpoints/${endpoint.id}`)).body).includes('whsec_'), false);
  });

  it('refuses bad endpoints with the field named', async () => {
    const refused = async (body: unknown, status: number, code: string, field: string) => {
      const reply = await admin('/webhook-endpoints', { body });
      assert.equal(reply.status, status, JSON.stringify(reply.body));
      assert.equal(reply.body.code, code);
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field.startsWith(field)),
        JSON.stringify(reply.body),
      );
    };
    await refused({ url: 'not a url', events: ['payment.succeeded'] }, 422, 'webhook_url_invalid', 'url');
    await refused({ url: 'ftp://hooks.example.com/', events: ['payment.succeeded'] }, 422, 'webhook_url_invalid', 'url');
    await refused({ url: 'http://hooks.example.com/', events: ['payment.succeeded'] }, 422, 'webhook_url_invalid', 'url');
    await refused({ url: receiver.url, events: ['payment.exploded'] }, 400, 'invalid_request', 'events.0');
    await refused({ url: receiver.url, events: [] }, 400, 'invalid_request', 'events');
    await refused({ url: receiver.url, events: ['payment.failed', 'payment.failed'] }, 400, 'invalid_request', 'events');
    await refused({ url: receiver.url }, 400, 'invalid_request', 'events');
    const other = await admin(`/webhook-endpoints/${endpoint.id}`, { key: svc.fixtures.otherFirmKey });
    assert.equal(other.status, 404, "another firm's endpoint does not exist for it");
    assert.equal((await admin(`/webhook-endpoints/${endpoint.id}/deliveries`, { key: svc.fixtures.otherFirmKey })).status, 404);
  });

  it("delivers a client's payment, and the invoice it paid, signed by the Standard Webhooks rules", async () => {
    const invoice = await kit.invoice({ amount: 12_500 });
    const paid = await kit.pay(alex, {
      allocations: [{ invoiceId: invoice.id, amount: 12_500 }],
      paymentMethod: { type: 'card', token: await kit.cardToken() },
    });
    assert.equal(paid.status, 201);
    await deliver();

    const [payment] = receiver.ofType('payment.succeeded');
    assert.ok(payment, 'payment.succeeded arrived');
    assert.ok(signedWith(endpoint.secret, payment));
    const verified = JSON.parse(payment.body) as { type: string; timestamp: string; data: any };
    assert.equal(verified.type, 'payment.succeeded');
    assert.equal(verified.data.id, paid.body.payment.id);
    assert.equal(verified.data.amount, 12_500);
    assert.equal(verified.data.contactId, svc.fixtures.alex.id);
    assert.match(payment.headers['webhook-id'] as string, /^msg_/);
    assert.match(payment.headers['webhook-signature'] as string, /^v1,[A-Za-z0-9+/=]+$/);
    assert.equal(signedWith(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, payment), false, 'another secret does not verify');
    assert.equal(Number(payment.headers['webhook-timestamp']), Math.floor(svc.clock().getTime() / 1000));

    const [paidInvoice] = receiver.ofType('invoice.paid');
    assert.ok(paidInvoice, 'invoice.paid arrived');
    assert.equal(JSON.parse(paidInvoice.body).data.invoiceId, invoice.id);
  });

  it('retries a failing delivery with backoff under the same webhook-id, and logs each attempt', async () => {
    receiver.answer(500, 503);
    const before = receiver.received.length;
    const invoice = await kit.invoice({ amount: 3_000 });
    await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 1_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } });
    await deliver();
    assert.equal(receiver.received.length, before + 1, 'the first attempt failed');
    svc.clock.advance(60_000);
    await deliver();
    svc.clock.advance(120_000);
    await deliver();
    const attempts = receiver.received.slice(before);
    assert.equal(attempts.length, 3);
    assert.equal(new Set(attempts.map((a) => a.headers['webhook-id'])).size, 1, 'one webhook-id for every attempt');

    const log = await admin(`/webhook-endpoints/${endpoint.id}/deliveries?limit=200`);
    assert.equal(log.status, 200);
    const latest = log.body.data.find((delivery: { eventId: string }) => delivery.eventId === attempts[0]!.headers['webhook-id']);
    assert.equal(latest.status, 'succeeded');
    assert.equal(latest.attempts, 3);
    assert.equal(latest.lastStatusCode, 204);
    assert.equal(latest.eventType, 'payment.succeeded');
    const first = await admin(`/webhook-endpoints/${endpoint.id}/deliveries?limit=1`);
    assert.equal(first.body.data.length, 1);
    const second = await admin(`/webhook-endpoints/${endpoint.id}/deliveries?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(second.body.data.length, 1);
    assert.notEqual(second.body.data[0].id, first.body.data[0].id, 'the next page goes on');

    const again = await admin(`/webhook-endpoints/${endpoint.id}/deliveries/${latest.id}/retry`, { method: 'POST' });
    assert.equal(again.status, 202);
    await deliver();
    assert.equal(receiver.received.at(-1)!.headers['webhook-id'], attempts[0]!.headers['webhook-id'], 'a retry on request is the same message');
  });

  it('reports what the client writes, accepts and completes', async () => {
    const thread = await svc.request('/api/v1/threads', { token: alex, body: { subject: 'Lease question', body: 'Can we talk on Friday?' } });
    assert.equal(thread.status, 201, JSON.stringify(thread.body));
    const contact = await admin('/contacts', { body: { email: 'pat@example.com', name: 'Pat Doe' } });
    await admin(`/contacts/${contact.body.id}/invitations`, { method: 'POST', body: {} });
    const [invitation] = await svc.outbox('pat@example.com');
    const accepted = await svc.request('/api/v1/auth/invitations/accept', { body: { token: tokenFromEmail(invitation!.text, 'invitation'), password } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const task = await svc.request('/api/v1/admin/activities', {
      token: svc.fixtures.firmKey,
      body: { contactId: svc.fixtures.alex.id, kind: 'task', title: 'Sign the engagement letter', dueOn: '2026-03-20' },
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    assert.equal((await svc.request(`/api/v1/activities/${task.body.id}`, { token: alex, method: 'PATCH', body: { completed: true } })).status, 200);
    await admin(`/webhook-endpoints/${endpoint.id}`, {
      method: 'PATCH',
      body: { events: ['payment.succeeded', 'payment.failed', 'invoice.paid', 'message.created', 'contact.activated', 'activity.completed', 'file.uploaded'] },
    });
    const upload = await send(
      `${svc.baseUrl}/api/v1/files`,
      multipart([
        { name: 'folder', data: 'Lease' },
        { name: 'file', fileName: 'lease.pdf', contentType: 'application/pdf', data: pdfBytes() },
      ]),
      {
        authorization: `Bearer ${alex}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    );
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    await deliver();

    const message = JSON.parse(receiver.ofType('message.created').at(-1)!.body).data;
    assert.equal(message.threadId, thread.body.thread.id);
    assert.equal(message.body, 'Can we talk on Friday?');
    assert.equal(JSON.parse(receiver.ofType('contact.activated').at(-1)!.body).data.contactId, contact.body.id);
    assert.equal(JSON.parse(receiver.ofType('activity.completed').at(-1)!.body).data.activityId, task.body.id);
    const uploaded = JSON.parse(receiver.ofType('file.uploaded').at(-1)!.body).data;
    assert.equal(uploaded.fileId, upload.body.id);
    assert.equal(uploaded.folder, 'Lease');
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const rotated = await admin(`/webhook-endpoints/${endpoint.id}/secret`, { method: 'POST' });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, endpoint.secret);
    await svc.request('/api/v1/threads', { token: alex, body: { subject: 'Another', body: 'Hello' } });
    await deliver();
    const during = receiver.received.at(-1)!;
    assert.equal((during.headers['webhook-signature'] as string).split(' ').length, 2);
    assert.ok(signedWith(endpoint.secret, during) && signedWith(rotated.body.secret, during), 'both secrets verify');

    svc.clock.advance(86_400_000 + 1);
    alex = (await svc.login('alex@example.com')).token;
    const later = await svc.request('/api/v1/threads', { token: alex, body: { subject: 'A day later', body: 'Hello again' } });
    assert.equal(later.status, 201);
    await deliver();
    const afterwards = receiver.received.at(-1)!;
    assert.equal((afterwards.headers['webhook-signature'] as string).split(' ').length, 1);
    assert.equal(signedWith(endpoint.secret, afterwards), false, 'the old secret no longer signs');
    assert.ok(signedWith(rotated.body.secret, afterwards));
    endpoint.secret = rotated.body.secret;
  });

  it('keeps endpoint secrets sealed, and signs with one stored in plain text before sealing began', async () => {
    const [row] = await svc.query<{
      secret: string;
      previous_secret: string | null;
    }>`SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ${endpoint.id}`;
    assert.match(row!.secret, /^enc:v1:/);
    assert.match(row!.previous_secret!, /^enc:v1:/, 'the secret a rotation replaced stays sealed');
    assert.equal(JSON.stringify(row).includes('whsec_'), false);

    // As an earlier release stored it: in plain text.
    await svc.query`UPDATE webhook_endpoints SET secret = ${endpoint.secret}, previous_secret = NULL, previous_secret_until = NULL WHERE id = ${endpoint.id}`;
    await svc.request('/api/v1/threads', { token: alex, body: { subject: 'Plain', body: 'Hello' } });
    await deliver();
    const before = receiver.received.at(-1)!;
    assert.equal(JSON.parse(before.body).data.subject, 'Plain');
    assert.ok(signedWith(endpoint.secret, before));

    // What the service does as it opens: the plain secret is sealed, and goes on signing.
    assert.deepEqual(await svc.services.sealPlainSecrets(), { plaidTokens: 0, webhookSecrets: 1 });
    const [sealed] = await svc.query<{ secret: string }>`SELECT secret FROM webhook_endpoints WHERE id = ${endpoint.id}`;
    assert.match(sealed!.secret, /^enc:v1:/);
    await svc.request('/api/v1/threads', { token: alex, body: { subject: 'Sealed', body: 'Hello' } });
    await deliver();
    const last = receiver.received.at(-1)!;
    assert.equal(JSON.parse(last.body).data.subject, 'Sealed');
    assert.ok(signedWith(endpoint.secret, last));
  });

  it('turns an endpoint off after three days of failures and tells the firm', async () => {
    await admin('/settings', { method: 'PATCH', body: { settings: { inboxEmail: 'accounts@hale.example' } } });
    const failing = await startReceiver();
    try {
      const created = await admin('/webhook-endpoints', { body: { url: failing.url, events: ['message.created'] } });
      failing.answer(...Array(20).fill(500));
      alex = (await svc.login('alex@example.com')).token;
      assert.equal((await svc.request('/api/v1/threads', { token: alex, body: { subject: 'Anyone there?', body: '…' } })).status, 201);
      for (let hours = 0; hours < 80; hours += 6) {
        await deliver();
        svc.clock.advance(6 * 3_600_000);
      }
      await deliver();
      const off = await admin(`/webhook-endpoints/${created.body.id}`);
      assert.equal(off.body.enabled, false);
      assert.match(off.body.disabledReason, /failed since/);
      const notices = (await svc.outbox('accounts@hale.example')).filter((mail) => mail.kind === 'webhook_endpoint_disabled');
      assert.equal(notices.length, 1);
      assert.ok(notices[0]!.text.includes(failing.url));

      const on = await admin(`/webhook-endpoints/${created.body.id}`, { method: 'PATCH', body: { enabled: true } });
      assert.equal(on.body.enabled, true);
      assert.equal(on.body.disabledReason, null);
      assert.equal((await admin(`/webhook-endpoints/${created.body.id}`, { method: 'DELETE' })).status, 204);
      assert.equal((await admin(`/webhook-endpoints/${created.body.id}`)).status, 404);
    } finally {
      await failing.close();
    }
  });
});

describe('webhook addresses in production', () => {
  let svc: TestService;
  const addresses: Record<string, string[]> = {
    'hooks.practice.example': ['93.184.216.34'],
    'intranet.practice.example': ['10.0.0.5'],
    'mixed.practice.example': ['93.184.216.34', '192.168.1.20'],
  };

  before(async () => {
    svc = await startTestService({
      env: { NODE_ENV: 'production', SCANNER: 'none', PUBLIC_URL: 'https://portal.hale.example' },
      resolveHost: async (hostname) => {
        const found = addresses[hostname];
        if (!found) throw new Error(`ENOTFOUND ${hostname}`);
        return found;
      },
    });
  });
  after(() => svc.close());

  it('takes only https URLs that resolve to public addresses', async () => {
    const create = (url: string) =>
      svc.request('/api/v1/admin/webhook-endpoints', { token: svc.fixtures.firmKey, body: { url, events: ['payment.succeeded'] } });
    assert.equal((await create('https://hooks.practice.example/portico')).status, 201);
    for (const url of [
      'http://localhost:9000/hooks',
      'http://hooks.practice.example/portico',
      'https://127.0.0.1/hooks',
      'https://10.1.2.3/hooks',
      'https://[::1]/hooks',
      'https://169.254.169.254/latest/meta-data',
      'https://intranet.practice.example/hooks',
      'https://mixed.practice.example/hooks',
      'https://unknown.practice.example/hooks',
    ]) {
      const reply = await create(url);
      assert.equal(reply.status, 422, `${url}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, 'webhook_url_invalid');
    }
  });
});
