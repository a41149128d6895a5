import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { startTestService, type TestService } from './helpers/service.ts';

describe("the firm's payments: GET /api/v1/admin/payments", () => {
  let svc: TestService;
  let kit: PaymentKit;
  const paid: Record<string, { id: string; receiptNumber: string; invoiceId: string; invoiceNumber: string }> = {};

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
    // Signed in again after each day the clock moves: access tokens last minutes.
    const alex = async () => (await svc.login('alex@example.com')).token;
    const jordan = async () => (await svc.login('jordan@example.com')).token;
    const card = async (signIn: () => Promise<string>, contactId: string, amount: number, number: string = testCard.visa, depositAccount?: 'trust') => {
      const invoice = await kit.invoice({ contactId, amount, depositAccount });
      const reply = await kit.pay(await signIn(), {
        allocations: [{ invoiceId: invoice.id, amount }],
        paymentMethod: { type: 'card', token: await kit.cardToken(number) },
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return { id: reply.body.payment.id, receiptNumber: reply.body.payment.receiptNumber, invoiceId: invoice.id, invoiceNumber: invoice.number };
    };
    paid.alexCard = await card(alex, svc.fixtures.alex.id, 12_500);
    svc.clock.advance(86_400_000);
    paid.alexTrust = await card(alex, svc.fixtures.alex.id, 50_000, testCard.visa, 'trust');
    svc.clock.advance(60_000);
    paid.jordanDeclined = await card(jordan, svc.fixtures.jordan.id, 7_000, testCard.declined);
    svc.clock.advance(86_400_000);
    const invoice = await kit.invoice({ contactId: svc.fixtures.jordan.id, amount: 30_000 });
    const debit = await kit.pay(await jordan(), {
      allocations: [{ invoiceId: invoice.id, amount: 30_000 }],
      paymentMethod: { type: 'us_bank_account', token: await kit.bankToken(testAccount.succeeds) },
      mandate: { accepted: true },
    });
    paid.jordanDebit = { id: debit.body.payment.id, receiptNumber: debit.body.payment.receiptNumber, invoiceId: invoice.id, invoiceNumber: invoice.number };
  });
  after(() => svc.close());

  const list = async (query = '') => {
    const reply = await kit.admin(`/payments${query}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { data: { id: string; contactId: string; status: string }[]; nextCursor: string | null };
  };

  it('lists every client’s payments, newest first, a page at a time', async () => {
    const all = await list();
    assert.deepEqual(
      all.data.map((p) => p.id),
      [paid.jordanDebit!.id, paid.jordanDeclined!.id, paid.alexTrust!.id, paid.alexCard!.id],
    );
    const first = await list('?limit=3');
    assert.equal(first.data.length, 3);
    const rest = await list(`?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`);
    assert.deepEqual(
      rest.data.map((p) => p.id),
      [all.data[3]!.id],
    );
    assert.equal(rest.nextCursor, null);
  });

  it('filters by status, client, invoice, method, deposit account and day', async () => {
    const ids = async (query: string) => (await list(query)).data.map((p) => p.id).sort();
    assert.deepEqual(await ids('?status=failed'), [paid.jordanDeclined!.id]);
    assert.deepEqual(await ids('?status=processing'), [paid.jordanDebit!.id]);
    assert.deepEqual(await ids(`?contactId=${svc.fixtures.alex.id}`), [paid.alexCard!.id, paid.alexTrust!.id].sort());
    assert.deepEqual(await ids(`?invoiceId=${paid.alexTrust!.invoiceId}`), [paid.alexTrust!.id]);
    assert.deepEqual(await ids('?methodType=us_bank_account'), [paid.jordanDebit!.id]);
    assert.deepEqual(await ids('?depositAccount=trust'), [paid.alexTrust!.id]);
    assert.deepEqual(await ids('?createdFrom=2026-03-03&createdTo=2026-03-03'), [paid.alexTrust!.id, paid.jordanDeclined!.id].sort());
    assert.deepEqual(await ids('?createdTo=2026-03-02'), [paid.alexCard!.id]);
  });

  it('refuses bad filters with the field named, and never shows another firm’s payments', async () => {
    for (const [query, field] of [
      ['?status=pending', 'status'],
      ['?createdFrom=yesterday', 'createdFrom'],
      ['?limit=0', 'limit'],
      ['?colour=blue', 'colour'],
    ] as const) {
      const reply = await kit.admin(`/payments${query}`);
      assertProblem(reply, 400, 'invalid_request');
      assert.ok(
        reply.body.errors.some((e: { field: string }) => e.field === field),
        JSON.stringify(reply.body),
      );
    }
    assertProblem(await kit.admin('/payments?cursor=nonsense'), 400, 'invalid_cursor');
    const other = await svc.request('/api/v1/admin/payments', { token: svc.fixtures.otherFirmKey });
    assert.deepEqual(other.body.data, []);
    assertProblem(await svc.request(`/api/v1/admin/payments/${paid.alexCard!.id}`, { token: svc.fixtures.otherFirmKey }), 404, 'not_found');
  });

  it('shows one payment with its client, processor ids, history and authorization', async () => {
    const card = await kit.admin(`/payments/${paid.alexCard!.id}`);
    assert.equal(card.status, 200);
    assert.equal(card.body.contact.email, 'alex@example.com');
    assert.equal(card.body.processor, 'sandbox');
    assert.match(card.body.processorRef, /^pi_/);
    assert.deepEqual(
      card.body.history.map((h: { status: string }) => h.status),
      ['processing', 'succeeded'],
    );
    assert.equal(card.body.mandate, null);
    assert.deepEqual(card.body.refunds, []);

    const debit = await kit.admin(`/payments/${paid.jordanDebit!.id}`);
    assert.ok(debit.body.mandate.text.includes('$300.00'), debit.body.mandate.text);
    assert.equal(debit.body.mandate.ip, '127.0.0.1');
    const declined = await kit.admin(`/payments/${paid.jordanDeclined!.id}`);
    assert.equal(declined.body.failure.code, 'card_declined');
    assertProblem(await kit.admin('/payments/pay_nope'), 404, 'not_found');
  });

  it('exports a month as CSV, one row per allocation, for reconciliation', async () => {
    const reply = await svc.request('/api/v1/admin/payments/export?from=2026-03-01&to=2026-03-31', { token: svc.fixtures.firmKey });
    assert.equal(reply.status, 200);
    assert.match(reply.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.equal(reply.headers.get('content-disposition'), 'attachment; filename=payments-2026-03-01-to-2026-03-31.csv');
    const lines = (reply.body as string).trimEnd().split('\r\n');
    assert.equal(lines[0], 'date,receipt_number,client,client_email,invoice,amount,currency,method,reference,deposit_account,status,payment_id,refund_id');
    assert.equal(lines.length, 5);
    const trust = lines.find((line) => line.includes(paid.alexTrust!.receiptNumber))!;
    assert.equal(
      trust,
      [
        '2026-03-03T15:00:00.000Z',
        paid.alexTrust!.receiptNumber,
        'Alex Morgan',
        'alex@example.com',
        paid.alexTrust!.invoiceNumber,
        '500.00',
        'USD',
        'card visa 4242',
        '',
        'trust',
        'succeeded',
        paid.alexTrust!.id,
        '',
      ].join(','),
    );
    assert.ok(lines.some((line) => line.includes(paid.jordanDeclined!.id) && line.endsWith(`,operating,failed,${paid.jordanDeclined!.id},`)));

    const none = await svc.request('/api/v1/admin/payments/export?from=2026-04-01&to=2026-04-30', { token: svc.fixtures.firmKey });
    assert.equal((none.body as string).trimEnd().split('\r\n').length, 1, 'the header only');
    for (const query of ['', '?from=2026-03-31&to=2026-03-01', '?from=2026-03-01&to=2027-06-01', '?from=march&to=2026-03-31']) {
      assertProblem(await svc.request(`/api/v1/admin/payments/export${query}`, { token: svc.fixtures.firmKey }), 400, 'invalid_request');
    }
  });

  it('adds up the payments a filter selects, per currency', async () => {
    const totals = async (query = '') => {
      const reply = await kit.admin(`/payments/totals${query}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body.data as { currency: string; count: number; collected: number; processing: number; refunded: number }[];
    };
    assert.deepEqual(await totals('?createdTo=2026-03-04'), [{ currency: 'USD', count: 4, collected: 62_500, processing: 30_000, refunded: 0 }]);
    assert.deepEqual(await totals(`?contactId=${svc.fixtures.jordan.id}&createdTo=2026-03-04`), [
      { currency: 'USD', count: 2, collected: 0, processing: 30_000, refunded: 0 },
    ]);
    assert.deepEqual(await totals('?depositAccount=trust'), [{ currency: 'USD', count: 1, collected: 50_000, processing: 0, refunded: 0 }]);
    assert.deepEqual(await totals('?createdFrom=2027-01-01'), [], 'nothing matches');
    const bad = await kit.admin('/payments/totals?methodType=bitcoin&limit=5');
    assertProblem(bad, 400, 'invalid_request');
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['limit', 'methodType']);
    assert.deepEqual((await svc.request('/api/v1/admin/payments/totals', { token: svc.fixtures.otherFirmKey })).body.data, []);
  });

  it('exports only what the list’s filters select', async () => {
    const csv = async (query: string) => {
      const reply = await svc.request(`/api/v1/admin/payments/export?from=2026-03-01&to=2026-03-31${query}`, { token: svc.fixtures.firmKey });
      assert.equal(reply.status, 200, String(reply.body));
      return (reply.body as string).trimEnd().split('\r\n').slice(1);
    };
    const trust = await csv('&depositAccount=trust');
    assert.equal(trust.length, 1);
    assert.ok(trust[0]!.includes(paid.alexTrust!.id), trust[0]);
    const jordan = await csv(`&contactId=${svc.fixtures.jordan.id}&status=processing`);
    assert.equal(jordan.length, 1);
    assert.ok(jordan[0]!.includes(paid.jordanDebit!.id), jordan[0]);
    assert.equal((await csv('&methodType=us_bank_account')).length, 1);
    const bad = await svc.request('/api/v1/admin/payments/export?from=2026-03-01&to=2026-03-31&status=lost', { token: svc.fixtures.firmKey });
    assertProblem(bad, 400, 'invalid_request');
    assert.ok(
      bad.body.errors.some((e: { field: string }) => e.field === 'status'),
      JSON.stringify(bad.body),
    );
  });

  it('counts what refunds gave back in the totals, and exports the refund with its payment', async () => {
    const refund = await svc.request(`/api/v1/admin/payments/${paid.alexCard!.id}/refunds`, {
      token: svc.fixtures.firmKey,
      body: { amount: 2_500, reason: 'Billed twice' },
      headers: { 'idempotency-key': 'totals-refund-1' },
    });
    assert.equal(refund.status, 201, JSON.stringify(refund.body));
    const reply = await kit.admin(`/payments/totals?contactId=${svc.fixtures.alex.id}&createdTo=2026-03-04`);
    assert.deepEqual(reply.body.data, [{ currency: 'USD', count: 2, collected: 62_500, processing: 0, refunded: 2_500 }]);
    const csv = await svc.request(`/api/v1/admin/payments/export?from=2026-03-01&to=2026-12-31&contactId=${svc.fixtures.alex.id}&depositAccount=operating`, {
      token: svc.fixtures.firmKey,
    });
    const lines = (csv.body as string).trimEnd().split('\r\n').slice(1);
    assert.equal(lines.length, 2, csv.body as string);
    assert.ok(
      lines.some((line) => line.includes(',-25.00,') && line.endsWith(`,${refund.body.refund.id}`)),
      csv.body as string,
    );
  });

  it('keeps a spreadsheet from running a client’s name as a formula', async () => {
    const contact = await kit.admin('/contacts', { body: { email: 'formula@example.com', name: '=HYPERLINK("http://evil.example","Pay, now")' } });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));
    await kit.admin('/payments', {
      body: {
        contactId: contact.body.id,
        amount: 1_000,
        method: { type: 'check', reference: '+1234' },
        allocations: [{ invoiceId: (await kit.invoice({ contactId: contact.body.id, amount: 1_000 })).id, amount: 1_000 }],
      },
    });
    const reply = await svc.request('/api/v1/admin/payments/export?from=2026-03-01&to=2026-03-31', { token: svc.fixtures.firmKey });
    const line = (reply.body as string).split('\r\n').find((row) => row.includes('formula@example.com'))!;
    assert.ok(line.includes(`"'=HYPERLINK(""http://evil.example"",""Pay, now"")"`), line);
    assert.ok(line.includes(",'+1234,"), line);
  });
});
