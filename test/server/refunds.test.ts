import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import Stripe from 'stripe';
import { listOutbox } from '../../server/src/mail/outbox.ts';
import { ProcessorUnavailable } from '../../server/src/payments/processor.ts';
import type { SandboxProcessor } from '../../server/src/payments/sandbox/sandbox.processor.ts';
import { refundLeaseMs, refundProcessorKey } from '../../server/src/payments/refunds.service.ts';
import { assertProblem, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { loopbackPublicUrl, startTestService, type Reply, type TestService } from './helpers/service.ts';
import { startStripeStandIn, type StripeStandIn } from './helpers/stripe-stand-in.ts';

/** The firm's own software: records the webhooks it is sent. */
async function startReceiver() {
  const received: { type: string; data: any }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    ofType: (type: string) => received.filter((event) => event.type === type),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Helpers shared by the sandbox and Stripe suites. */
function refundKit(svc: TestService, kit: PaymentKit) {
  const refund = (paymentId: string, body: unknown, options: { key?: string | null; token?: string } = {}): Promise<Reply> =>
    svc.request(`/api/v1/admin/payments/${paymentId}/refunds`, {
      token: options.token ?? svc.fixtures.firmKey,
      body,
      headers: options.key === null ? {} : { 'idempotency-key': options.key ?? randomUUID() },
    });
  const detail = async (paymentId: string) => {
    const reply = await kit.admin(`/payments/${paymentId}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body;
  };
  const refundRows = (paymentId: string) => kit.count`SELECT COUNT(*) AS n FROM refunds WHERE payment_id = ${paymentId}`;
  const refundEmails = async (to = 'alex@example.com') => {
    await svc.services.jobs.drain();
    return svc.services.storage.asSystem(() => listOutbox(svc.services.storage, { to, kind: 'refund', limit: 500 }));
  };
  return { refund, detail, refundRows, refundEmails };
}

describe('refunds: POST /api/v1/admin/payments/:id/refunds (sandbox processor)', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let rk: ReturnType<typeof refundKit>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let alex: string;

  const sandboxRefunds = (paymentId: string) =>
    kit.count`SELECT COUNT(*) AS n FROM sandbox_refunds r JOIN payments p ON p.processor_ref = r.charge_id WHERE p.id = ${paymentId}`;

  /** Alex pays invoices of these amounts (one deposit account) by card: one payment. */
  async function cardPayment(...amounts: number[]) {
    const invoices = [];
    for (const amount of amounts) invoices.push(await kit.invoice({ amount }));
    const reply = await kit.pay(alex, {
      allocations: invoices.map((invoice, n) => ({ invoiceId: invoice.id, amount: amounts[n]! })),
      paymentMethod: { type: 'card', token: await kit.cardToken() },
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.payment.status, 'succeeded');
    return { payment: reply.body.payment as { id: string; receiptNumber: string; allocations: { invoiceId: string; amount: number }[] }, invoices };
  }

  /**
   * What the summary says Alex owes is what the unpaid list says of each invoice. On PostgreSQL
   * the two work the ledger sums out apart: the list invoice by invoice, the summary from all of
   * the client's allocations at once.
   */
  async function assertSummaryAgrees() {
    const summary = (await svc.request('/api/v1/invoices/outstanding', { token: alex })).body;
    const unpaid: { id: string; openBalance: number }[] = (await svc.request('/api/v1/invoices?status=unpaid&sort=dueOn&limit=200', { token: alex })).body.data;
    assert.ok(unpaid.length < 200, 'every unpaid invoice on one page');
    const owed = unpaid.filter((invoice) => invoice.openBalance > 0);
    assert.deepEqual(
      summary.invoiceIds,
      owed.map((invoice) => invoice.id),
    );
    assert.ok(owed.length > 0);
    assert.equal(
      summary.amount,
      owed.reduce((sum, invoice) => sum + invoice.openBalance, 0),
    );
  }

  before(async () => {
    // A loopback service address: webhooks may go to http://127.0.0.1, and the sandbox clock's controls exist.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    rk = refundKit(svc, kit);
    receiver = await startReceiver();
    alex = (await svc.login('alex@example.com')).token;
    const endpoint = await kit.admin('/webhook-endpoints', { body: { url: receiver.url, events: ['payment.refunded'] } });
    assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));
  });
  after(async () => {
    await svc.close();
    await receiver.close();
  });

  it('refunds a card payment in full: refunded, the invoice open again, the client told, the webhook sent', async () => {
    const { payment, invoices } = await cardPayment(12_500);
    const reply = await rk.refund(payment.id, { amount: 12_500, reason: 'Paid twice by mistake' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const { refund } = reply.body;
    assert.match(refund.id, /^rfd_/);
    assert.equal(refund.status, 'succeeded');
    assert.equal(refund.origin, 'api');
    assert.match(refund.processorRef, /^re_/);
    assert.deepEqual(refund.allocations, [{ invoiceId: invoices[0]!.id, invoiceNumber: invoices[0]!.number, amount: 12_500 }]);
    assert.equal(reply.body.payment.status, 'refunded');
    assert.equal(reply.body.payment.amountRefunded, 12_500);
    assert.equal(await sandboxRefunds(payment.id), 1);

    const invoice = await kit.invoiceAs(alex, invoices[0]!.id);
    assert.equal(invoice.status, 'open');
    assert.equal(invoice.balance, 12_500);
    assert.equal(invoice.openBalance, 12_500);
    assert.equal(invoice.amountPaid, 0);

    // The client's history shows it, without the firm's reason.
    const mine = await svc.request(`/api/v1/payments/${payment.id}`, { token: alex });
    assert.equal(mine.body.status, 'refunded');
    assert.equal(mine.body.amountRefunded, 12_500);
    assert.deepEqual(mine.body.refunds, [{ id: refund.id, amount: 12_500, status: 'succeeded', createdAt: refund.createdAt }]);
    const listed = (await svc.request('/api/v1/payments', { token: alex })).body.data.find((p: { id: string }) => p.id === payment.id);
    assert.equal(listed.amountRefunded, 12_500);

    const emails = (await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber));
    assert.equal(emails.length, 1);
    assert.match(emails[0]!.subject, /refunded \$125\.00 of payment R-/);
    assert.match(emails[0]!.text, /Visa ending in 4242/);
    assert.match(emails[0]!.html, /#1f3a5f/, "in the firm's colour");
    assert.equal(emails[0]!.text.includes('Paid twice'), false, "the firm's reason is its own");

    const [event] = receiver.ofType('payment.refunded').filter((e) => e.data.id === payment.id);
    assert.ok(event, 'payment.refunded was delivered');
    assert.equal(event.data.status, 'refunded');
    assert.equal(event.data.amountRefunded, 12_500);
    assert.equal(event.data.contactId, svc.fixtures.alex.id);
    assert.equal(event.data.refund.id, refund.id);
    assert.equal(event.data.refund.reason, 'Paid twice by mistake');

    const firmView = await rk.detail(payment.id);
    assert.equal(firmView.fee, null, 'the sandbox charges no fee');
    assert.equal(firmView.refunds.length, 1);
    assert.deepEqual(
      {
        id: firmView.refunds[0].id,
        amount: firmView.refunds[0].amount,
        reason: firmView.refunds[0].reason,
        status: firmView.refunds[0].status,
        processorRef: firmView.refunds[0].processorRef,
        createdAt: firmView.refunds[0].createdAt,
      },
      { id: refund.id, amount: 12_500, reason: 'Paid twice by mistake', status: 'succeeded', processorRef: refund.processorRef, createdAt: refund.createdAt },
    );
    assert.deepEqual(
      firmView.history.map((h: { status: string }) => h.status),
      ['processing', 'succeeded', 'refunded'],
    );
  });

  it('refunds part, part again, then the rest: the last allocation reopens first, and the payment is refunded only at the end', async () => {
    const { payment } = await cardPayment(6_000, 4_000);
    const [first, last] = payment.allocations as { invoiceId: string; amount: number }[];
    const invoice = (id: string) => kit.invoiceAs(alex, id);

    const one = await rk.refund(payment.id, { amount: 3_000 });
    assert.equal(one.status, 201, JSON.stringify(one.body));
    assert.deepEqual(
      one.body.refund.allocations.map((a: { invoiceId: string; amount: number }) => [a.invoiceId, a.amount]),
      [[last!.invoiceId, 3_000]],
    );
    assert.equal(one.body.payment.status, 'succeeded', 'a partial refund keeps the payment succeeded');
    assert.equal(one.body.payment.amountRefunded, 3_000);
    assert.deepEqual([(await invoice(last!.invoiceId)).status, (await invoice(last!.invoiceId)).balance], ['partially_paid', 3_000]);
    assert.equal((await invoice(first!.invoiceId)).status, 'paid');
    await assertSummaryAgrees();

    // A moment apart, as refunds always are: they are listed oldest first.
    svc.clock.advance(1_000);
    const two = await rk.refund(payment.id, { amount: 2_000 });
    assert.equal(two.status, 201, JSON.stringify(two.body));
    assert.deepEqual(
      two.body.refund.allocations.map((a: { invoiceId: string; amount: number }) => [a.invoiceId, a.amount]).sort(),
      [
        [first!.invoiceId, 1_000],
        [last!.invoiceId, 1_000],
      ].sort(),
    );
    assert.equal((await invoice(last!.invoiceId)).status, 'open');
    assert.deepEqual([(await invoice(first!.invoiceId)).status, (await invoice(first!.invoiceId)).balance], ['partially_paid', 1_000]);
    assert.equal(two.body.payment.amountRefunded, 5_000);
    await assertSummaryAgrees();

    svc.clock.advance(1_000);
    const rest = await rk.refund(payment.id, { amount: 5_000 });
    assert.equal(rest.status, 201, JSON.stringify(rest.body));
    assert.equal(rest.body.payment.status, 'refunded');
    assert.equal(rest.body.payment.amountRefunded, 10_000);
    assert.equal((await invoice(first!.invoiceId)).balance, 6_000);
    assert.equal((await invoice(last!.invoiceId)).balance, 4_000);
    assert.equal(await sandboxRefunds(payment.id), 3);
    await assertSummaryAgrees();

    const more = await rk.refund(payment.id, { amount: 1 });
    assertProblem(more, 422, 'amount_exceeds_refundable');
    assert.equal(more.body.refundable, 0);

    const mine = await svc.request(`/api/v1/payments/${payment.id}`, { token: alex });
    assert.deepEqual(
      mine.body.refunds.map((r: { amount: number }) => r.amount),
      [3_000, 2_000, 5_000],
    );

    // Reconciliation: the money back is in the month's export, one negative row per invoice it came from.
    const day = svc.clock().toISOString().slice(0, 10);
    const csv = (await svc.request(`/api/v1/admin/payments/export?from=${day}&to=${day}`, { token: svc.fixtures.firmKey })).body as string;
    const rows = csv
      .trimEnd()
      .split('\r\n')
      .filter((line) => line.includes(`,${payment.id},`));
    const refundRows = rows.filter((line) => !line.endsWith(','));
    assert.equal(rows.length - refundRows.length, 2, 'the two allocations of the payment');
    assert.deepEqual(refundRows.map((line) => line.split(',')[5]).sort(), ['-10.00', '-10.00', '-30.00', '-50.00']);
    assert.ok(refundRows.every((line) => line.split(',')[10] === 'refunded'));
    assert.equal((await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber)).length, 3);
    // The invoices can be paid again.
    const again = await kit.pay(alex, {
      allocations: [{ invoiceId: first!.invoiceId, amount: 6_000 }],
      paymentMethod: { type: 'card', token: await kit.cardToken() },
    });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    assert.equal((await invoice(first!.invoiceId)).status, 'paid');
  });

  it('refuses more than is left, naming what is left, and refunds nothing', async () => {
    const { payment } = await cardPayment(5_000);
    const over = await rk.refund(payment.id, { amount: 5_001 });
    assertProblem(over, 422, 'amount_exceeds_refundable');
    assert.equal(over.body.refundable, 5_000);
    assert.match(over.body.detail, /\$50\.01 is more than the \$50\.00 left to refund/);
    assert.equal(await rk.refundRows(payment.id), 0);
    assert.equal(await sandboxRefunds(payment.id), 0);
    assert.equal((await rk.refund(payment.id, { amount: 4_000 })).status, 201);
    const rest = await rk.refund(payment.id, { amount: 1_500 });
    assertProblem(rest, 422, 'amount_exceeds_refundable');
    assert.equal(rest.body.refundable, 1_000);
  });

  it('answers bad requests with a clear 4xx problem, never a 5xx, and refunds nothing', async () => {
    const { payment } = await cardPayment(3_000);
    const bad = async (body: unknown, status: number, code: string, field?: string, options: { key?: string | null; token?: string; id?: string } = {}) => {
      const reply = await rk.refund(options.id ?? payment.id, body, options);
      assertProblem(reply, status, code);
      if (field)
        assert.ok(
          reply.body.errors.some((e: { field: string }) => e.field === field),
          JSON.stringify(reply.body),
        );
      return reply;
    };
    await bad({ amount: 1_000 }, 400, 'idempotency_key_missing', undefined, { key: null });
    await bad({ amount: 1_000 }, 400, 'idempotency_key_invalid', undefined, { key: 'k'.repeat(256) });
    const missing = await bad({ reason: 'no amount' }, 400, 'invalid_request', 'amount');
    assert.match(missing.body.detail, /amount is required/);
    await bad({ amount: 0 }, 400, 'invalid_request', 'amount');
    await bad({ amount: -500 }, 400, 'invalid_request', 'amount');
    await bad({ amount: 12.5 }, 400, 'invalid_request', 'amount');
    await bad({ amount: '1000' }, 400, 'invalid_request', 'amount');
    await bad({ amount: 1_000, reason: 'x'.repeat(501) }, 400, 'invalid_request', 'reason');
    await bad({ amount: 1_000, note: 'unknown field' }, 400, 'invalid_request', 'note');
    const malformed = await svc.request(`/api/v1/admin/payments/${payment.id}/refunds`, {
      token: svc.fixtures.firmKey,
      raw: '{"amount":',
      headers: { 'idempotency-key': randomUUID() },
    });
    assertProblem(malformed, 400, 'malformed_json');

    // Another firm's payment, or none, does not exist for this key.
    await bad({ amount: 1_000 }, 404, 'not_found', undefined, { token: svc.fixtures.otherFirmKey });
    await bad({ amount: 1_000 }, 404, 'not_found', undefined, { id: 'pay_nope' });
    assert.equal(
      (await svc.request(`/api/v1/admin/payments/${payment.id}/refunds`, { body: { amount: 1_000 }, headers: { 'idempotency-key': randomUUID() } })).status,
      401,
    );

    // A declined card took nothing.
    const declinedInvoice = await kit.invoice({ amount: 2_000 });
    const declined = await kit.pay(alex, {
      allocations: [{ invoiceId: declinedInvoice.id, amount: 2_000 }],
      paymentMethod: { type: 'card', token: await kit.cardToken(testCard.declined) },
    });
    assert.equal(declined.body.payment.status, 'failed');
    await bad({ amount: 2_000 }, 422, 'payment_not_refundable', undefined, { id: declined.body.payment.id });

    // A check the firm recorded never went through the processor.
    const checkInvoice = await kit.invoice({ amount: 2_500 });
    const check = await kit.admin('/payments', {
      body: {
        contactId: svc.fixtures.alex.id,
        amount: 2_500,
        method: { type: 'check', reference: '#1187' },
        allocations: [{ invoiceId: checkInvoice.id, amount: 2_500 }],
      },
    });
    assert.equal(check.status, 201, JSON.stringify(check.body));
    await bad({ amount: 2_500 }, 422, 'payment_not_refundable', undefined, { id: check.body.id });

    assert.equal(await rk.refundRows(payment.id), 0);
    assert.equal(await sandboxRefunds(payment.id), 0);
    assert.equal((await rk.detail(payment.id)).amountRefunded, 0);
  });

  it('refunds a bank debit only once it has settled', async () => {
    const invoice = await kit.invoice({ amount: 30_000 });
    const debit = await kit.pay(alex, {
      allocations: [{ invoiceId: invoice.id, amount: 30_000 }],
      paymentMethod: { type: 'us_bank_account', token: await kit.bankToken(testAccount.succeeds) },
      mandate: { accepted: true },
    });
    assert.equal(debit.body.payment.status, 'processing');
    const early = await rk.refund(debit.body.payment.id, { amount: 30_000 });
    assertProblem(early, 422, 'payment_not_settled');
    assert.match(early.body.detail, /can be refunded once it has settled/);
    assert.equal(await rk.refundRows(debit.body.payment.id), 0);

    await kit.advanceSandboxDays(7);
    assert.equal((await svc.request(`/api/v1/payments/${debit.body.payment.id}`, { token: alex })).body.status, 'succeeded');
    const settled = await rk.refund(debit.body.payment.id, { amount: 10_000 });
    assert.equal(settled.status, 201, JSON.stringify(settled.body));
    assert.equal(settled.body.refund.status, 'succeeded');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 10_000);
    const [email] = (await rk.refundEmails()).filter((message) => message.text.includes(debit.body.payment.receiptNumber));
    assert.match(email!.text, /to Test bank account ending in 6789/);
  });

  it('replays the first answer for the same key and body; another body with the key is refused', async () => {
    const { payment } = await cardPayment(8_000);
    const key = randomUUID();
    const first = await rk.refund(payment.id, { amount: 2_000, reason: 'Courtesy' }, { key });
    assert.equal(first.status, 201);
    const again = await rk.refund(payment.id, { reason: 'Courtesy', amount: 2_000 }, { key });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(await sandboxRefunds(payment.id), 1);
    assert.equal(await rk.refundRows(payment.id), 1);

    assertProblem(await rk.refund(payment.id, { amount: 2_500, reason: 'Courtesy' }, { key }), 422, 'idempotency_key_reused');
    const other = await cardPayment(1_000);
    assertProblem(await rk.refund(other.payment.id, { amount: 2_000, reason: 'Courtesy' }, { key }), 422, 'idempotency_key_reused');

    // A refusal is the key's answer too.
    const refusedKey = randomUUID();
    assertProblem(await rk.refund(payment.id, { amount: 9_000 }, { key: refusedKey }), 422, 'amount_exceeds_refundable');
    const refusedAgain = await rk.refund(payment.id, { amount: 9_000 }, { key: refusedKey });
    assertProblem(refusedAgain, 422, 'amount_exceeds_refundable');
    assert.equal(refusedAgain.headers.get('idempotent-replayed'), 'true');
    assert.equal(refusedAgain.body.title, 'Unprocessable Content');
  });

  it('makes exactly one refund when requests for the whole amount race', async () => {
    const { payment } = await cardPayment(9_000);
    const replies = await Promise.all(Array.from({ length: 6 }, () => rk.refund(payment.id, { amount: 9_000 })));
    const made = replies.filter((reply) => reply.status === 201);
    assert.equal(made.length, 1, JSON.stringify(replies.map((reply) => [reply.status, reply.body.code])));
    for (const reply of replies.filter((r) => r.status !== 201)) assertProblem(reply, 422, 'amount_exceeds_refundable');
    assert.equal(await sandboxRefunds(payment.id), 1);
    assert.equal((await rk.detail(payment.id)).amountRefunded, 9_000);

    // The same key sent at once: one refund, the others wait for it or get its answer.
    const second = await cardPayment(4_000);
    const key = randomUUID();
    const same = await Promise.all(Array.from({ length: 4 }, () => rk.refund(second.payment.id, { amount: 4_000 }, { key })));
    for (const reply of same) {
      if (reply.status !== 201) assertProblem(reply, 409, 'idempotency_in_progress');
    }
    assert.ok(same.some((reply) => reply.status === 201));
    assert.equal(await sandboxRefunds(second.payment.id), 1);
    assert.equal(await rk.refundRows(second.payment.id), 1);
  });

  describe('when the processor does not answer', () => {
    const processor = () => svc.services.sandbox.processor;
    let real: SandboxProcessor['refund'];
    beforeEach(() => {
      real = processor().refund;
    });
    /** The processor refunds (or not) but its answer is lost, `times` times. */
    function loseAnswers(times: number, options: { refundFirst: boolean }) {
      let left = times;
      processor().refund = async (request) => {
        if (left <= 0) return real.call(processor(), request);
        left -= 1;
        if (options.refundFirst) await real.call(processor(), request);
        throw new ProcessorUnavailable(503, 'The payment processor could not be reached.', 'unreachable');
      };
    }
    const restore = () => {
      processor().refund = real;
    };

    it('holds the amount, and a retry with the same key finishes the one refund the processor made', async () => {
      const { payment, invoices } = await cardPayment(7_000);
      loseAnswers(1, { refundFirst: true });
      const key = randomUUID();
      try {
        const lost = await rk.refund(payment.id, { amount: 7_000 }, { key });
        assertProblem(lost, 503, 'processor_unavailable');
        const waiting = await rk.detail(payment.id);
        assert.equal(waiting.refunds[0].status, 'pending');
        assert.equal(waiting.amountRefunded, 0);
        assert.equal((await kit.invoiceAs(alex, invoices[0]!.id)).status, 'paid', 'nothing reopened while nobody knows');
        assertProblem(await rk.refund(payment.id, { amount: 1 }), 422, 'amount_exceeds_refundable');

        const retried = await rk.refund(payment.id, { amount: 7_000 }, { key });
        assert.equal(retried.status, 201, JSON.stringify(retried.body));
        assert.equal(retried.body.refund.status, 'succeeded');
        assert.equal(await sandboxRefunds(payment.id), 1, 'the processor was asked again with the same key');
        assert.equal(await rk.refundRows(payment.id), 1);
        assert.equal((await kit.invoiceAs(alex, invoices[0]!.id)).status, 'open');
        assert.equal((await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);
      } finally {
        restore();
      }
    });

    it('with no retry, the recovery sweep records the refund the processor made, or fails one it never saw', async () => {
      const made = await cardPayment(2_000);
      const never = await cardPayment(3_000);
      const madeKey = randomUUID();
      const neverKey = randomUUID();
      try {
        loseAnswers(1, { refundFirst: true });
        assertProblem(await rk.refund(made.payment.id, { amount: 2_000 }, { key: madeKey }), 503, 'processor_unavailable');
        loseAnswers(1, { refundFirst: false });
        assertProblem(await rk.refund(never.payment.id, { amount: 3_000 }, { key: neverKey }), 503, 'processor_unavailable');
      } finally {
        restore();
      }
      assert.deepEqual(await svc.services.refunds.recover(), { settled: 0, waiting: 0 }, 'not before the lease runs out');
      svc.clock.advance(refundLeaseMs);
      await svc.sweep(() => svc.services.refunds.recover());

      const found = await rk.detail(made.payment.id);
      assert.equal(found.status, 'refunded');
      assert.equal(found.refunds[0].status, 'succeeded');
      assert.equal(await sandboxRefunds(made.payment.id), 1, 'found, not made again');
      const replay = await rk.refund(made.payment.id, { amount: 2_000 }, { key: madeKey });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');

      const lost = await rk.detail(never.payment.id);
      assert.equal(lost.status, 'succeeded');
      assert.equal(lost.refunds[0].status, 'failed');
      assert.equal(lost.refunds[0].failure.code, 'refund_interrupted');
      assert.equal(lost.amountRefunded, 0);
      assert.equal((await rk.refund(never.payment.id, { amount: 3_000 }, { key: neverKey })).body.refund.status, 'failed');
      const anew = await rk.refund(never.payment.id, { amount: 3_000 });
      assert.equal(anew.status, 201, 'the amount is free again');
      assert.equal(anew.body.payment.status, 'refunded');
    });
  });
});

const webhookSecret = 'whsec_portico_test_secret';

describe('refunds through Stripe', () => {
  let stripe: StripeStandIn;
  let svc: TestService;
  let kit: PaymentKit;
  let rk: ReturnType<typeof refundKit>;
  let alex: string;
  const signer = new Stripe('sk_test_signer_only');

  before(async () => {
    stripe = await startStripeStandIn();
    svc = await startTestService({
      env: {
        PAYMENTS: 'stripe',
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_portico',
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_BASE: stripe.baseUrl,
      },
    });
    kit = paymentKit(svc);
    rk = refundKit(svc, kit);
    alex = (await svc.login('alex@example.com')).token;
    const settings = await kit.admin('/settings', {
      method: 'PATCH',
      body: { settings: { stripe: { trustAccount: 'acct_1TrustHale', operatingAccount: 'acct_1OperatingHale' } } },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
  });
  after(async () => {
    await svc?.close();
    await stripe?.close();
  });
  beforeEach(() => stripe.clearFaults());

  async function paid(amount: number, options: { depositAccount?: 'trust' | 'operating'; method?: string } = {}) {
    const invoice = await kit.invoice({ amount, depositAccount: options.depositAccount });
    const bank = options.method?.startsWith('pm_usBank');
    const reply = await kit.pay(alex, {
      allocations: [{ invoiceId: invoice.id, amount }],
      paymentMethod: { type: bank ? 'us_bank_account' : 'card', token: options.method ?? 'pm_card_visa' },
      ...(bank ? { mandate: { accepted: true } } : {}),
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const intent = stripe.intents().find((candidate) => candidate.metadata.paymentId === reply.body.payment.id)!;
    return { invoice, payment: reply.body.payment as { id: string; receiptNumber: string; status: string }, intent };
  }

  function deliver(event: unknown) {
    const payload = JSON.stringify(event);
    return svc.request('/webhooks/stripe', {
      raw: payload,
      headers: { 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) },
    });
  }

  it('refunds trust money out of the trust account with the Refunds API, keyed by our refund id; the fee is shown and stays off trust', async () => {
    const { invoice, payment, intent } = await paid(50_000, { depositAccount: 'trust' });
    const reply = await rk.refund(payment.id, { amount: 20_000, reason: 'Retainer returned' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const { refund } = reply.body;
    assert.equal(refund.status, 'succeeded');

    const [made, ...others] = stripe.refunds(intent.id);
    assert.equal(others.length, 0);
    assert.equal(refund.processorRef, made!.id);
    assert.equal(made!.amount, 20_000);
    const request = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.params.metadata?.refundId === refund.id)!;
    assert.equal(request.params.payment_intent, intent.id);
    assert.equal(request.params.reverse_transfer, 'true', 'the transfer to the trust account is reversed');
    assert.equal(request.idempotencyKey, refundProcessorKey(refund.id));
    assert.deepEqual(
      stripe
        .transferReversals()
        .filter((r) => r.refund === made!.id)
        .map((r) => [r.destination, r.amount]),
      [['acct_1TrustHale', 20_000]],
      'exactly the refunded amount comes back out of trust; Stripe keeps its fee from the platform',
    );

    const detail = await rk.detail(payment.id);
    assert.equal(detail.fee, Math.round(50_000 * 0.029) + 30, "Stripe's fee from the charge's balance transaction");
    assert.equal(detail.refunds[0].processorRef, made!.id);
    assert.equal(detail.status, 'succeeded');
    assert.equal(detail.amountRefunded, 20_000);
    const owed = await kit.invoiceAs(alex, invoice.id);
    assert.deepEqual([owed.status, owed.balance], ['partially_paid', 20_000]);
  });

  it('applies charge.refunded for a refund made through the API once: not counted twice', async () => {
    const { payment, intent } = await paid(6_000);
    const reply = await rk.refund(payment.id, { amount: 6_000 });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const events = await kit.count`SELECT COUNT(*) AS n FROM payment_events WHERE payment_id = ${payment.id}`;
    const event = stripe.event('charge.refunded', stripe.chargeOf(intent.id));
    assert.equal((await deliver(event)).body.outcome, 'unchanged');
    assert.equal((await deliver(event)).body.outcome, 'duplicate');
    assert.equal((await deliver(stripe.event('charge.refunded', stripe.chargeOf(intent.id)))).body.outcome, 'unchanged', 'another event for the same refund');
    assert.equal(await rk.refundRows(payment.id), 1);
    assert.equal(await kit.count`SELECT COUNT(*) AS n FROM payment_events WHERE payment_id = ${payment.id}`, events);
    const detail = await rk.detail(payment.id);
    assert.equal(detail.amountRefunded, 6_000);
    assert.equal(detail.status, 'refunded');
    assert.equal((await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);
  });

  it('settles our refund from charge.refunded when Stripe’s answer to us was lost, and the retry then answers without refunding again', async () => {
    const { payment, intent } = await paid(4_000);
    stripe.dropResponses(3, /^\/v1\/refunds$/);
    const key = randomUUID();
    const lost = await rk.refund(payment.id, { amount: 4_000 }, { key });
    assertProblem(lost, 503, 'processor_unavailable');
    assert.equal(stripe.refunds(intent.id).length, 1, 'Stripe made it; the answer never came');
    assert.equal((await rk.detail(payment.id)).refunds[0].status, 'pending');

    const applied = await deliver(stripe.event('charge.refunded', stripe.chargeOf(intent.id)));
    assert.equal(applied.body.outcome, 'applied');
    const detail = await rk.detail(payment.id);
    assert.equal(detail.refunds.length, 1, 'matched to our refund by the id Stripe kept, not recorded twice');
    assert.equal(detail.refunds[0].status, 'succeeded');
    assert.equal(detail.refunds[0].origin, 'api');
    assert.equal(detail.status, 'refunded');

    const retried = await rk.refund(payment.id, { amount: 4_000 }, { key });
    assert.equal(retried.status, 201, JSON.stringify(retried.body));
    assert.equal(retried.body.refund.id, detail.refunds[0].id);
    assert.equal(stripe.refunds(intent.id).length, 1);
    assert.equal((await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);
  });

  it('the recovery sweep finds a refund whose answer was lost at Stripe, by our id', async () => {
    const { payment, intent } = await paid(2_500);
    stripe.dropResponses(3, /^\/v1\/refunds$/);
    assertProblem(await rk.refund(payment.id, { amount: 1_000 }), 503, 'processor_unavailable');
    svc.clock.advance(refundLeaseMs);
    await svc.sweep(() => svc.services.refunds.recover());
    const detail = await rk.detail(payment.id);
    assert.equal(detail.refunds[0].status, 'succeeded');
    assert.equal(detail.refunds[0].processorRef, stripe.refunds(intent.id)[0]!.id);
    assert.equal(stripe.refunds(intent.id).length, 1);
  });

  it('records a refund made in Stripe’s dashboard when its event arrives, once', async () => {
    const { invoice, payment, intent } = await paid(9_000);
    const made = stripe.dashboardRefund(intent.id, 3_000);
    const event = stripe.event('charge.refunded', stripe.chargeOf(intent.id));
    assert.equal((await deliver(event)).body.outcome, 'applied');
    assert.equal((await deliver(event)).body.outcome, 'duplicate');
    assert.equal((await deliver(stripe.event('charge.refunded', stripe.chargeOf(intent.id)))).body.outcome, 'unchanged');

    const detail = await rk.detail(payment.id);
    assert.equal(detail.refunds.length, 1);
    assert.deepEqual(
      [detail.refunds[0].origin, detail.refunds[0].processorRef, detail.refunds[0].amount, detail.refunds[0].status, detail.refunds[0].reason],
      ['processor', made.id, 3_000, 'succeeded', null],
    );
    assert.equal(detail.amountRefunded, 3_000);
    assert.equal(detail.status, 'succeeded');
    const owed = await kit.invoiceAs(alex, invoice.id);
    assert.deepEqual([owed.status, owed.balance], ['partially_paid', 3_000]);
    assert.equal((await rk.refundEmails()).filter((email) => email.text.includes(payment.receiptNumber)).length, 1);

    // What is left to refund through the API counts the dashboard's refund.
    assertProblem(await rk.refund(payment.id, { amount: 6_001 }), 422, 'amount_exceeds_refundable');
    assert.equal((await rk.refund(payment.id, { amount: 6_000 })).body.payment.status, 'refunded');
  });

  it('a bank debit’s refund is pending until Stripe finishes it; the invoice reopens then', async () => {
    const { invoice, payment, intent } = await paid(15_000, { method: 'pm_usBankAccount_success' });
    assert.equal(payment.status, 'processing');
    assertProblem(await rk.refund(payment.id, { amount: 15_000 }), 422, 'payment_not_settled');
    assert.equal(stripe.refunds(intent.id).length, 0, 'Stripe is not asked');
    assert.equal((await deliver(stripe.event('payment_intent.succeeded', stripe.settle(intent.id)))).body.outcome, 'applied');

    const reply = await rk.refund(payment.id, { amount: 15_000 });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.refund.status, 'pending');
    assert.equal(reply.body.payment.status, 'succeeded');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid', 'not reopened until the money is back');
    assertProblem(await rk.refund(payment.id, { amount: 1 }), 422, 'amount_exceeds_refundable');

    const refund = stripe.settleRefund(stripe.refunds(intent.id)[0]!.id);
    assert.equal((await deliver(stripe.event('charge.refund.updated', refund))).body.outcome, 'applied');
    const detail = await rk.detail(payment.id);
    assert.equal(detail.refunds[0].status, 'succeeded');
    assert.equal(detail.status, 'refunded');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 15_000);
  });
});
