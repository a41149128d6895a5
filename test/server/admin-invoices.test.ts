import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { assertProblem, paymentKit, type PaymentKit } from './helpers/payments.ts';
import { startTestService, type TestService } from './helpers/service.ts';

// The firm's console works on invoices through these: the list's filters, an invoice's own
// history, and the checks, wires and cash the firm records against one invoice.

describe("the firm's invoices: filters and history", () => {
  let svc: TestService;
  let kit: PaymentKit;
  const ids: Record<string, string> = {};

  const draft = async (body: Record<string, unknown>) => {
    const reply = await kit.admin('/invoices', {
      body: { contactId: svc.fixtures.alex.id, issuedOn: '2026-02-01', lines: [{ kind: 'flat_fee', description: 'Advice', amount: 10_000 }], ...body },
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body as { id: string };
  };

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
    ids.early = (await draft({ dueOn: '2026-02-10' })).id;
    ids.trust = (await draft({ dueOn: '2026-03-10', depositAccount: 'trust' })).id;
    ids.late = (await draft({ dueOn: '2026-04-10', contactId: svc.fixtures.jordan.id })).id;
  });
  after(() => svc.close());

  const listed = async (query: string) => {
    const reply = await kit.admin(`/invoices${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return (reply.body.data as { id: string }[]).map((invoice) => invoice.id).sort();
  };

  it('filters by deposit account and by a due range, with the other filters', async () => {
    assert.deepEqual(await listed('?depositAccount=trust'), [ids.trust]);
    assert.deepEqual(await listed('?depositAccount=operating'), [ids.early, ids.late].sort());
    assert.deepEqual(await listed('?dueFrom=2026-03-01'), [ids.trust, ids.late].sort());
    assert.deepEqual(await listed('?dueTo=2026-03-10'), [ids.early, ids.trust].sort());
    assert.deepEqual(await listed('?dueFrom=2026-03-10&dueTo=2026-03-10'), [ids.trust]);
    assert.deepEqual(await listed(`?dueFrom=2026-03-01&contactId=${svc.fixtures.alex.id}&status=draft`), [ids.trust]);
    assert.deepEqual(await listed('?dueFrom=2026-03-01&sort=-balance'), [ids.trust, ids.late].sort());
  });

  it('refuses a bad range with the field named', async () => {
    for (const [query, field] of [
      ['?dueFrom=2026-04-01&dueTo=2026-03-01', 'dueFrom'],
      ['?dueTo=soon', 'dueTo'],
      ['?depositAccount=savings', 'depositAccount'],
    ] as const) {
      const reply = await kit.admin(`/invoices${query}`);
      assertProblem(reply, 400, 'invalid_request');
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field === field),
        JSON.stringify(reply.body),
      );
    }
  });

  it('shows when an invoice was drafted, and why it was voided', async () => {
    const fresh = await kit.admin(`/invoices/${ids.early}`);
    assert.equal(fresh.body.createdAt, svc.clock().toISOString());
    assert.equal(fresh.body.voidReason, null);
    await kit.admin(`/invoices/${ids.early}/send`, { method: 'POST' });
    const voided = await kit.admin(`/invoices/${ids.early}/void`, { body: { reason: 'Billed twice' } });
    assert.equal(voided.status, 200, JSON.stringify(voided.body));
    assert.equal(voided.body.voidReason, 'Billed twice');
    assert.equal(voided.body.state, 'void');
  });
});

describe('POST /api/v1/admin/invoices/:id/payments: a check, wire or cash the firm received', () => {
  let svc: TestService;
  let kit: PaymentKit;

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
  });
  after(() => svc.close());

  const record = (invoiceId: string, body: unknown, key: string | null = randomUUID(), token = svc.fixtures.firmKey) =>
    svc.request(`/api/v1/admin/invoices/${invoiceId}/payments`, { token, body, headers: key === null ? {} : { 'idempotency-key': key } });

  it('lowers the balance, books to the invoice’s account, shows in the client’s history and the audit log', async () => {
    const invoice = await kit.invoice({ amount: 50_000, depositAccount: 'trust' });
    const reply = await record(invoice.id, { amount: 20_000, method: { type: 'check', reference: '1042' } });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.headers.get('idempotent-replayed'), null);
    assert.equal(reply.body.status, 'succeeded');
    assert.equal(reply.body.source, 'firm');
    assert.equal(reply.body.reference, '1042');
    assert.deepEqual(reply.body.method, { type: 'check', brand: null, last4: null });
    assert.deepEqual(reply.body.allocations, [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: 20_000, depositAccount: 'trust' }]);

    const { token } = await svc.login('alex@example.com');
    const seen = await kit.invoiceAs(token, invoice.id);
    assert.equal(seen.status, 'partially_paid');
    assert.equal(seen.balance, 30_000);
    const mine = await svc.request(`/api/v1/payments/${reply.body.id}`, { token });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.method.type, 'check');

    const firm = await kit.admin(`/invoices/${invoice.id}`);
    assert.equal(firm.body.payments.length, 1);
    assert.equal(firm.body.payments[0].paymentId, reply.body.id);
    assert.equal(firm.body.payments[0].method.type, 'check');

    const audit = await svc.query<{ actor_type: string; data: string }>`
      SELECT actor_type, data FROM audit_log WHERE action = 'payment.recorded' AND subject_id = ${reply.body.id}`;
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_type, 'api_key');
    assert.equal(JSON.parse(audit[0]!.data).invoiceId, invoice.id);

    const rest = await record(invoice.id, { amount: 30_000, method: { type: 'wire' } });
    assert.equal(rest.status, 201, JSON.stringify(rest.body));
    assert.equal((await kit.invoiceAs(token, invoice.id)).status, 'paid');
  });

  it('answers a retry with the same payment, and never records it twice', async () => {
    const invoice = await kit.invoice({ amount: 9_000 });
    const key = randomUUID();
    const body = { amount: 4_000, method: { type: 'cash' } };
    const first = await record(invoice.id, body, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await record(invoice.id, body, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 1);

    // Sent at once, one key: one payment, and both get it.
    const racing = randomUUID();
    const [a, b] = await Promise.all([record(invoice.id, body, racing), record(invoice.id, body, racing)]);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.equal(a.body.id, b.body.id);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 2);

    assertProblem(await record(invoice.id, { ...body, amount: 1_000 }, key), 422, 'idempotency_key_reused');
    assertProblem(await record(invoice.id, body, null), 400, 'idempotency_key_missing');
    assertProblem(await record(invoice.id, body, 'x'.repeat(256)), 400, 'idempotency_key_invalid');
  });

  it('keeps a firm’s key apart from the client’s own keys', async () => {
    const invoice = await kit.invoice({ amount: 6_000 });
    const key = randomUUID();
    const { token } = await svc.login('alex@example.com');
    const paid = await kit.pay(
      token,
      { allocations: [{ invoiceId: invoice.id, amount: 1_000 }], paymentMethod: { type: 'card', token: await kit.cardToken() } },
      key,
    );
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const recorded = await record(invoice.id, { amount: 1_000, method: { type: 'check' } }, key);
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.notEqual(recorded.body.id, paid.body.payment.id);
  });

  it('books an earlier day’s check on that day, and refuses a day still to come', async () => {
    const invoice = await kit.invoice({ amount: 5_000 });
    const reply = await record(invoice.id, { amount: 5_000, method: { type: 'check' }, receivedOn: '2026-02-28' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.createdAt.slice(0, 10), '2026-02-28');
    const future = await record(invoice.id, { amount: 1, method: { type: 'check' }, receivedOn: '2099-01-01' });
    assertProblem(future, 400, 'invalid_request');
    assert.deepEqual(
      future.body.errors.map((e: { field: string }) => e.field),
      ['receivedOn'],
    );
  });

  it('refuses what no invoice can take, with the field named', async () => {
    const invoice = await kit.invoice({ amount: 3_000 });
    assertProblem(await record(invoice.id, { amount: 3_001, method: { type: 'check' } }), 422, 'amount_exceeds_balance');
    for (const [body, field] of [
      [{ amount: 0, method: { type: 'check' } }, 'amount'],
      [{ amount: 10.5, method: { type: 'check' } }, 'amount'],
      [{ amount: 100, method: { type: 'card' } }, 'method.type'],
      [{ amount: 100, method: { type: 'check', reference: 'r'.repeat(101) } }, 'method.reference'],
      [{ amount: 100, method: { type: 'check' }, receivedOn: 'yesterday' }, 'receivedOn'],
    ] as const) {
      const reply = await record(invoice.id, body);
      assertProblem(reply, 400, 'invalid_request');
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field === field),
        JSON.stringify(reply.body),
      );
    }
    const draft = await kit.invoice({ amount: 1_000, draft: true });
    assertProblem(await record(draft.id, { amount: 1_000, method: { type: 'check' } }), 422, 'invoice_not_found');
    const voided = await kit.invoice({ amount: 1_000 });
    await kit.admin(`/invoices/${voided.id}/void`, { body: {} });
    assertProblem(await record(voided.id, { amount: 1_000, method: { type: 'check' } }), 422, 'invoice_void');
    assertProblem(await record('inv_nope', { amount: 1_000, method: { type: 'check' } }), 404, 'not_found');
    assertProblem(await record(invoice.id, { amount: 1_000, method: { type: 'check' } }, randomUUID(), svc.fixtures.otherFirmKey), 404, 'not_found');
    assert.equal(await kit.rows.paymentsFor(invoice.id), 0);
  });
});
