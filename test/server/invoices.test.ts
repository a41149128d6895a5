import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

const day = 86_400_000;

describe('invoices', () => {
  let svc: TestService;
  let alexToken: string;
  let jordanToken: string;
  const ids: Record<string, string> = {};

  const admin = (path: string, options: { method?: string; body?: unknown; token?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: svc.fixtures.firmKey, ...options });
  const asAlex = (path: string) => svc.request(`/api/v1${path}`, { token: alexToken });

  async function draft(body: Record<string, unknown>) {
    const reply = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, ...body } });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  }
  async function sent(body: Record<string, unknown>) {
    const invoice = await draft(body);
    const reply = await admin(`/invoices/${invoice.id}/send`, { method: 'POST' });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  }

  before(async () => {
    svc = await startTestService();
    // The test clock reads 2026-03-02 in UTC, the firm's time zone.
    ids.open = (
      await sent({
        number: 'A-1',
        issuedOn: '2026-02-20',
        dueOn: '2026-03-20',
        lines: [{ kind: 'time', description: 'Drafting', quantity: 1.5, rate: 29_500 }],
      })
    ).id;
    ids.overdue = (
      await sent({ number: 'A-2', issuedOn: '2026-01-10', dueOn: '2026-02-10', lines: [{ kind: 'flat_fee', description: 'Filing', amount: 50_000 }] })
    ).id;
    ids.partial = (
      await sent({ number: 'A-3', issuedOn: '2026-02-25', dueOn: '2026-03-25', lines: [{ kind: 'flat_fee', description: 'Review', amount: 100_000 }] })
    ).id;
    ids.paid = (
      await sent({ number: 'A-4', issuedOn: '2026-01-05', dueOn: '2026-02-05', lines: [{ kind: 'expense', description: 'Courier', amount: 2_500 }] })
    ).id;
    ids.trust = (
      await sent({
        number: 'A-5',
        issuedOn: '2026-03-01',
        dueOn: '2026-03-15',
        depositAccount: 'trust',
        lines: [{ kind: 'flat_fee', description: 'Retainer', amount: 500_000 }],
      })
    ).id;
    ids.void = (
      await sent({ number: 'A-6', issuedOn: '2026-02-01', dueOn: '2026-03-01', lines: [{ kind: 'flat_fee', description: 'Mistake', amount: 1_000 }] })
    ).id;
    ids.draft = (await draft({ number: 'A-7', lines: [{ kind: 'flat_fee', description: 'Not yet', amount: 9_900 }] })).id;
    assert.equal((await admin(`/invoices/${ids.void}/void`, { method: 'POST', body: { reason: 'Issued in error' } })).status, 200);
    const record = (invoiceId: string, amount: number) =>
      admin('/payments', {
        body: { contactId: svc.fixtures.alex.id, amount, method: { type: 'check', reference: '#1001' }, allocations: [{ invoiceId, amount }] },
      });
    assert.equal((await record(ids.partial!, 40_000)).status, 201);
    assert.equal((await record(ids.paid!, 2_500)).status, 201);
    const jordanInvoice = await admin('/invoices', {
      body: { contactId: svc.fixtures.jordan.id, number: 'J-1', lines: [{ kind: 'flat_fee', description: 'Jordan', amount: 7_700 }] },
    });
    ids.jordan = jordanInvoice.body.id;
    await admin(`/invoices/${ids.jordan}/send`, { method: 'POST' });
    alexToken = (await svc.login('alex@example.com')).token;
    jordanToken = (await svc.login('jordan@example.com')).token;
  });
  after(() => svc.close());

  describe('the client list', () => {
    it('shows every published invoice with its derived status, never drafts', async () => {
      const reply = await asAlex('/invoices');
      assert.equal(reply.status, 200);
      const byNumber = Object.fromEntries(reply.body.data.map((i: any) => [i.number, i]));
      assert.deepEqual(Object.keys(byNumber).sort(), ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6']);
      assert.equal(byNumber['A-1'].status, 'open');
      assert.equal(byNumber['A-2'].status, 'overdue');
      assert.equal(byNumber['A-3'].status, 'partially_paid');
      assert.equal(byNumber['A-4'].status, 'paid');
      assert.equal(byNumber['A-5'].status, 'open');
      assert.equal(byNumber['A-5'].depositAccount, 'trust');
      assert.equal(byNumber['A-6'].status, 'void');
      assert.deepEqual(
        { total: byNumber['A-3'].total, amountPaid: byNumber['A-3'].amountPaid, balance: byNumber['A-3'].balance, openBalance: byNumber['A-3'].openBalance },
        { total: 100_000, amountPaid: 40_000, balance: 60_000, openBalance: 60_000 },
      );
      assert.equal(byNumber['A-1'].total, 44_250, '1.5 h at $295.00');
      assert.equal(byNumber['A-6'].openBalance, 0, 'nothing can be paid on a void invoice');
      assert.ok(!reply.body.data.some((i: any) => i.number === 'J-1'), "never another client's");
    });

    it('sorts newest first by default and by any column on request', async () => {
      const newest = (await asAlex('/invoices')).body.data.map((i: any) => i.issuedOn);
      assert.deepEqual(newest, [...newest].sort().reverse());
      const byDue = (await asAlex('/invoices?sort=dueOn')).body.data.map((i: any) => i.dueOn);
      assert.deepEqual(byDue, [...byDue].sort());
      const byBalance = (await asAlex('/invoices?sort=-balance')).body.data.map((i: any) => i.balance);
      assert.deepEqual(
        byBalance,
        [...byBalance].sort((a, b) => b - a),
      );
    });

    it('filters by status', async () => {
      const numbers = async (query: string) => (await asAlex(`/invoices?${query}`)).body.data.map((i: any) => i.number).sort();
      assert.deepEqual(await numbers('status=unpaid'), ['A-1', 'A-2', 'A-3', 'A-5']);
      assert.deepEqual(await numbers('status=paid'), ['A-4']);
      assert.deepEqual(await numbers('status=overdue,void'), ['A-2', 'A-6']);
      assert.deepEqual(await numbers('status=draft'), [], 'drafts never reach a client');
    });

    it('sums what the client owes now in one answer: unpaid invoices with something to pay, soonest due first', async () => {
      const reply = await asAlex('/invoices/outstanding');
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      // Never the paid, void or draft invoices, nor Jordan's.
      assert.deepEqual(reply.body.invoiceIds, [ids.overdue, ids.trust, ids.open, ids.partial]);
      assert.equal(reply.body.amount, 50_000 + 500_000 + 44_250 + 60_000);
      assert.equal(reply.body.currency, 'USD');
      const jordans = await svc.request('/api/v1/invoices/outstanding', { token: jordanToken });
      assert.deepEqual(jordans.body, { invoiceIds: [ids.jordan], amount: 7_700, currency: 'USD', processing: 0 });
      assert.equal((await svc.request('/api/v1/invoices/outstanding')).status, 401);
    });

    it('pages with a cursor, each invoice once', async () => {
      for (const sort of ['-issuedOn', 'dueOn', '-balance', 'number']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `/invoices?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await asAlex(query);
          assert.equal(page.status, 200, JSON.stringify(page.body));
          seen.push(...page.body.data.map((i: any) => i.number));
          cursor = page.body.nextCursor;
        } while (cursor);
        assert.equal(seen.length, 6, sort);
        assert.equal(new Set(seen).size, 6, sort);
      }
    });

    it('refuses unknown filters, sorts and bad cursors with a 400', async () => {
      assertProblem(await asAlex('/invoices?status=unicorn'), 400, 'invalid_request');
      assertProblem(await asAlex('/invoices?sort=colour'), 400, 'invalid_request');
      assertProblem(await asAlex('/invoices?limit=5000'), 400, 'invalid_request');
      assertProblem(await asAlex('/invoices?cursor=not-a-cursor'), 400, 'invalid_cursor');
      assertProblem(await asAlex('/invoices?page=2'), 400, 'invalid_request');
      const first = await asAlex('/invoices?limit=1&sort=dueOn');
      assertProblem(await asAlex(`/invoices?limit=1&sort=number&cursor=${first.body.nextCursor}`), 400, 'invalid_cursor');
    });

    it('turns an open invoice overdue once its due date passes in the firm time zone', async () => {
      svc.clock.advance(30 * day);
      try {
        const { token } = await svc.login('alex@example.com');
        const reply = await svc.request(`/api/v1/invoices/${ids.open}`, { token });
        assert.equal(reply.body.status, 'overdue');
      } finally {
        svc.clock.advance(-30 * day);
      }
    });
  });

  describe('one invoice', () => {
    it('shows lines, totals, payments applied and the balance', async () => {
      const reply = await asAlex(`/invoices/${ids.partial}`);
      assert.equal(reply.status, 200);
      const invoice = reply.body;
      assert.equal(invoice.number, 'A-3');
      assert.equal(invoice.lines.length, 1);
      assert.deepEqual(invoice.lines[0].description, 'Review');
      assert.equal(invoice.subtotal, 100_000);
      assert.equal(invoice.total, 100_000);
      assert.equal(invoice.payments.length, 1);
      assert.equal(invoice.payments[0].amount, 40_000);
      assert.equal(invoice.payments[0].status, 'succeeded');
      assert.equal(invoice.payments[0].method.type, 'check');
      assert.match(invoice.payments[0].receiptNumber, /^R-\d+$/);
      assert.equal(invoice.balance, 60_000);
      assert.equal(invoice.depositAccount, 'operating');
    });

    it('prices discounts and tax from percentages, rounding half up', async () => {
      const invoice = await draft({
        lines: [
          { kind: 'time', description: 'Research', quantity: 0.333, rate: 30_000 },
          { kind: 'expense', description: 'Copies', quantity: 3, rate: 15 },
          { kind: 'discount', description: '10% courtesy', percent: 10 },
          { kind: 'tax', description: 'Sales tax 8.25%', percent: 8.25 },
        ],
      });
      assert.equal(invoice.lines[0].amount, 9_990);
      assert.equal(invoice.lines[1].amount, 45);
      assert.equal(invoice.subtotal, 10_035);
      assert.equal(invoice.discount, -1_004);
      assert.equal(invoice.tax, 745);
      assert.equal(invoice.total, 9_776);
      assert.equal(invoice.lines[0].quantity, 0.333);
    });
  });

  describe('isolation', () => {
    it("answers 404 for another client's invoice and for drafts", async () => {
      assertProblem(await svc.request(`/api/v1/invoices/${ids.open}`, { token: jordanToken }), 404, 'not_found');
      assertProblem(await asAlex(`/invoices/${ids.jordan}`), 404, 'not_found');
      assertProblem(await asAlex(`/invoices/${ids.draft}`), 404, 'not_found');
      assertProblem(await asAlex('/invoices/inv_doesnotexist'), 404, 'not_found');
      const jordanList = await svc.request('/api/v1/invoices', { token: jordanToken });
      assert.deepEqual(
        jordanList.body.data.map((i: any) => i.number),
        ['J-1'],
      );
    });

    it("gives another firm's API key nothing", async () => {
      const other = svc.fixtures.otherFirmKey;
      for (const [method, path, body] of [
        ['GET', `/invoices/${ids.open}`, undefined],
        ['PATCH', `/invoices/${ids.draft}`, { notes: 'x' }],
        ['DELETE', `/invoices/${ids.draft}`, undefined],
        ['POST', `/invoices/${ids.open}/send`, undefined],
        ['POST', `/invoices/${ids.open}/void`, {}],
      ] as const) {
        assertProblem(await admin(path, { method, body, token: other }), 404, 'not_found');
      }
      assert.deepEqual((await admin('/invoices', { token: other })).body.data, []);
      assertProblem(await admin('/invoices', { token: other, body: { contactId: svc.fixtures.alex.id, lines: [] } }), 422, 'contact_not_found');
      assertProblem(
        await admin('/payments', {
          token: other,
          body: { contactId: svc.fixtures.alex.id, amount: 100, method: { type: 'check' }, allocations: [{ invoiceId: ids.open, amount: 100 }] },
        }),
        422,
        'contact_not_found',
      );
      assert.equal((await asAlex(`/invoices/${ids.draft}`)).status, 404);
      assert.equal((await admin(`/invoices/${ids.draft}`)).body.notes, null, 'the draft is untouched');
    });
  });

  describe('the firm side', () => {
    it('publishes a draft and emails the client the amount due with a link', async () => {
      const invoice = await draft({
        number: 'B-1',
        matter: 'Estate of Morgan',
        dueOn: '2026-04-01',
        lines: [{ kind: 'flat_fee', description: 'Probate petition', amount: 125_000 }],
      });
      assert.equal(invoice.state, 'draft');
      assert.equal(invoice.status, 'draft');
      assertProblem(await asAlex(`/invoices/${invoice.id}`), 404, 'not_found');
      const before = (await svc.outbox('alex@example.com')).length;
      const reply = await admin(`/invoices/${invoice.id}/send`, { method: 'POST' });
      assert.equal(reply.body.status, 'open');
      assert.equal((await svc.outbox('alex@example.com')).length, before + 1);
      // This invoice's email (emails of one clock instant have no sending order on PostgreSQL).
      const mails = (await svc.outbox('alex@example.com')).filter((email) => email.text.includes(`?invoice=${invoice.id}`));
      assert.equal(mails.length, 1);
      const mail = mails[0]!;
      assert.equal(mail.kind, 'invoice');
      assert.match(mail.subject, /B-1/);
      assert.match(mail.text, /\$1,250\.00/);
      assert.match(mail.text, /April 1, 2026/);
      assert.ok(mail.text.includes(`https://www.hale.example/portal?invoice=${invoice.id}`));
      assert.match(mail.html, /#1f3a5f/i);
      assert.equal((await asAlex(`/invoices/${invoice.id}`)).status, 200);
    });

    it('locks the amounts of a sent invoice but lets its due date move', async () => {
      assertProblem(await admin(`/invoices/${ids.open}`, { method: 'PATCH', body: { lines: [] } }), 409, 'invoice_sent');
      const moved = await admin(`/invoices/${ids.open}`, { method: 'PATCH', body: { dueOn: '2026-03-31' } });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.dueOn, '2026-03-31');
    });

    it('voids only invoices without money applied', async () => {
      assertProblem(await admin(`/invoices/${ids.partial}/void`, { method: 'POST' }), 409, 'invoice_has_payments');
      assertProblem(await admin(`/invoices/${ids.void}/send`, { method: 'POST' }), 409, 'invoice_void');
      assertProblem(await admin(`/invoices/${ids.void}`, { method: 'PATCH', body: { notes: 'x' } }), 409, 'invoice_void');
    });

    it('deletes drafts only', async () => {
      const invoice = await draft({ lines: [] });
      assertProblem(await admin(`/invoices/${invoice.id}/send`, { method: 'POST' }), 409, 'invoice_empty');
      assert.equal((await admin(`/invoices/${invoice.id}`, { method: 'DELETE' })).status, 204);
      assertProblem(await admin(`/invoices/${invoice.id}`), 404, 'not_found');
      assertProblem(await admin(`/invoices/${ids.open}`, { method: 'DELETE' }), 409, 'invoice_not_draft');
    });

    it('refuses bad invoices with the field named', async () => {
      const bad = async (body: Record<string, unknown>, field: string) => {
        const reply = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, ...body } });
        assertProblem(reply, 400, 'invalid_request');
        assert.ok(
          reply.body.errors.some((e: { field: string }) => e.field.startsWith(field)),
          JSON.stringify(reply.body.errors),
        );
      };
      await bad({ lines: [{ kind: 'time', description: 'x', quantity: 1.2345, rate: 100 }] }, 'lines.0.quantity');
      await bad({ lines: [{ kind: 'time', description: 'x', quantity: 1, rate: 100, amount: 99 }] }, 'lines.0');
      await bad({ lines: [{ kind: 'time', description: 'x', rate: 100 }] }, 'lines.0');
      await bad({ lines: [{ kind: 'flat_fee', description: 'x', amount: 10.5 }] }, 'lines.0.amount');
      await bad({ lines: [{ kind: 'flat_fee', description: 'x', amount: -5 }] }, 'lines.0.amount');
      await bad(
        {
          lines: [
            { kind: 'flat_fee', description: 'x', amount: 100 },
            { kind: 'discount', description: 'too much', amount: 200 },
          ],
        },
        'lines.1',
      );
      await bad({ lines: [{ kind: 'retainer', description: 'x', amount: 1 }] }, 'lines.0.kind');
      await bad({ dueOn: '2026-02-30' }, 'dueOn');
      await bad({ issuedOn: '2026-03-10', dueOn: '2026-03-01' }, 'dueOn');
      await bad({ depositAccount: 'savings' }, 'depositAccount');
      await bad({ colour: 'red' }, 'colour');
      assertProblem(await admin('/invoices', { body: { contactId: 'con_nobody' } }), 422, 'contact_not_found');
      assertProblem(await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, number: 'A-1' } }), 409, 'invoice_number_taken');
    });
  });

  describe('payments recorded by the firm', () => {
    const record = (body: Record<string, unknown>, token = svc.fixtures.firmKey) =>
      svc.request('/api/v1/admin/payments', { token, body: { contactId: svc.fixtures.alex.id, method: { type: 'wire' }, ...body } });

    it('refuses amounts the invoice cannot take', async () => {
      assertProblem(await record({ amount: 60_001, allocations: [{ invoiceId: ids.partial, amount: 60_001 }] }), 422, 'amount_exceeds_balance');
      assertProblem(await record({ amount: 100, allocations: [{ invoiceId: ids.paid, amount: 100 }] }), 422, 'invoice_paid');
      assertProblem(await record({ amount: 100, allocations: [{ invoiceId: ids.void, amount: 100 }] }), 422, 'invoice_void');
      assertProblem(await record({ amount: 100, allocations: [{ invoiceId: ids.draft, amount: 100 }] }), 422, 'invoice_not_found');
      assertProblem(await record({ amount: 100, allocations: [{ invoiceId: ids.jordan, amount: 100 }] }), 422, 'invoice_not_found');
      assertProblem(await record({ amount: 200, allocations: [{ invoiceId: ids.partial, amount: 100 }] }), 422, 'allocation_mismatch');
      assertProblem(await record({ amount: 0, allocations: [{ invoiceId: ids.partial, amount: 0 }] }), 400, 'invalid_request');
      assertProblem(await record({ amount: 10.5, allocations: [{ invoiceId: ids.partial, amount: 10.5 }] }), 400, 'invalid_request');
      assertProblem(await record({ amount: -5, allocations: [{ invoiceId: ids.partial, amount: -5 }] }), 400, 'invalid_request');
      assertProblem(
        await record({
          amount: 200,
          allocations: [
            { invoiceId: ids.partial, amount: 100 },
            { invoiceId: ids.partial, amount: 100 },
          ],
        }),
        400,
        'duplicate_allocation',
      );
    });

    it('lets only one of many racing payments take the same balance', async () => {
      const target = await sent({ lines: [{ kind: 'flat_fee', description: 'Race', amount: 30_000 }] });
      const replies = await Promise.all(Array.from({ length: 20 }, () => record({ amount: 30_000, allocations: [{ invoiceId: target.id, amount: 30_000 }] })));
      assert.equal(replies.filter((r) => r.status === 201).length, 1);
      assert.ok(replies.filter((r) => r.status !== 201).every((r) => r.status === 422));
      const after = await asAlex(`/invoices/${target.id}`);
      assert.equal(after.body.status, 'paid');
      assert.equal(after.body.balance, 0);
      assert.equal(after.body.payments.length, 1);
    });
  });

  describe('payment history', () => {
    it("lists the client's payments, newest first, with the invoices they paid", async () => {
      const reply = await asAlex('/payments');
      assert.equal(reply.status, 200);
      assert.ok(reply.body.data.length >= 2);
      const check = reply.body.data.find((p: any) => p.reference === '#1001' && p.amount === 40_000);
      assert.equal(check.status, 'succeeded');
      assert.deepEqual(
        check.allocations.map((a: any) => a.invoiceNumber),
        ['A-3'],
      );
      const dates = reply.body.data.map((p: any) => p.createdAt);
      assert.deepEqual(dates, [...dates].sort().reverse());
      assert.equal((await asAlex(`/payments/${check.id}`)).body.id, check.id);
      assertProblem(await svc.request(`/api/v1/payments/${check.id}`, { token: jordanToken }), 404, 'not_found');
      assert.deepEqual((await svc.request('/api/v1/payments', { token: jordanToken })).body.data, []);
    });

    it('answers a clear 403 when the firm hides payment history', async () => {
      const hidden = await admin('/settings', { method: 'PATCH', body: { settings: { showPayments: false } } });
      assert.equal(hidden.status, 200);
      assert.equal(hidden.body.settings.showPayments, false);
      assert.equal(hidden.body.settings.sections.invoices, true, 'other settings kept');
      try {
        const reply = await asAlex('/payments');
        assertProblem(reply, 403, 'payments_hidden');
        assert.match(reply.body.detail, /Hale & Whitmore LLP/);
        const branding = await svc.request('/api/v1/firms/hale/branding');
        assert.equal(branding.body.sections.payments, false);
      } finally {
        await admin('/settings', { method: 'PATCH', body: { settings: { showPayments: true } } });
      }
    });

    it('refuses a bad cursor', async () => {
      assertProblem(await asAlex('/payments?cursor=%%%'), 400, 'invalid_cursor');
    });
  });
});
