import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientBankName } from '../../server/src/payments/bank-names.ts';
import { runCli } from './helpers/cli.ts';
import { paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { firmOrigin, loopbackPublicUrl, startTestService, type TestService } from './helpers/service.ts';

// What a client reads of the service: their payment history, the emails they get and the names
// shown in them. Each case is one a new client ran into.
describe('what clients read: payment history, emails, bank names', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;

  const card = (token: string) => ({ type: 'card', token });
  const debit = (token: string) => ({ type: 'us_bank_account', token });
  const history = async () => {
    const reply = await svc.request('/api/v1/payments?limit=200', { token: alex });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.data as { id: string; status: string; receiptNumber: string | null; method: { brand: string | null } }[];
  };
  const settings = async (changes: Record<string, unknown>) => {
    const reply = await kit.admin('/settings', { method: 'PATCH', body: { settings: changes } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  };

  before(async () => {
    // The sandbox clock's controls are development pages, served on a loopback PUBLIC_URL only.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
    await settings({ showPayments: true });
  });
  after(() => svc.close());

  describe('payment history, read like a bank statement', () => {
    it('leaves a declined card attempt out of the history, and gives it no receipt number', async () => {
      const invoice = await kit.invoice({ amount: 18_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 18_000 }],
        paymentMethod: card(await kit.cardToken(testCard.declined)),
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const { payment } = reply.body;
      assert.equal(payment.status, 'failed');
      assert.equal(payment.receiptNumber, null, 'a decline is not a receipt');
      assert.ok(!(await history()).some((row) => row.id === payment.id), 'a card statement never shows a declined charge');
      const one = await svc.request(`/api/v1/payments/${payment.id}`, { token: alex });
      assert.equal(one.status, 200);
      assert.equal(one.body.receiptNumber, null);
      // The firm's ledger keeps every attempt under its reference.
      const firm = await kit.admin(`/payments/${payment.id}`);
      assert.equal(firm.status, 200);
      assert.match(firm.body.receiptNumber, /^R-\d+$/);
    });

    it('keeps a successful card payment in the history with its receipt number', async () => {
      const invoice = await kit.invoice({ amount: 12_000 });
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 12_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(reply.body.payment.status, 'succeeded', JSON.stringify(reply.body));
      const row = (await history()).find((candidate) => candidate.id === reply.body.payment.id);
      assert.match(row?.receiptNumber ?? '', /^R-\d+$/);
    });

    it('shows a returned bank debit as failed, without a receipt number, and emails a link to the invoice', async () => {
      const invoice = await kit.invoice({ amount: 64_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 64_000 }],
        paymentMethod: debit(await kit.bankToken(testAccount.insufficientFunds)),
        mandate: { accepted: true },
      });
      assert.equal(reply.body.payment.status, 'processing', JSON.stringify(reply.body));
      assert.match(reply.body.payment.receiptNumber, /^R-\d+$/, 'a debit on its way has its number');
      await kit.advanceSandboxDays(5);

      const row = (await history()).find((candidate) => candidate.id === reply.body.payment.id);
      assert.ok(row, 'money left the account and came back: a statement shows it');
      assert.equal(row.status, 'failed');
      assert.equal(row.receiptNumber, null);

      const [notice] = (await kit.emails('alex@example.com', 'payment_failed')).filter((email) => email.text.includes('$640.00'));
      assert.ok(notice, 'the client is told');
      const link = `${firmOrigin}/portal?invoice=${invoice.id}`;
      assert.ok(notice.text.includes(link), notice.text);
      assert.ok(notice.html.includes(link.replace(/&/g, '&amp;')), 'the button opens the invoice');
    });
  });

  describe('a re-sent invoice', () => {
    it('is a reminder of the balance left, not "a new invoice"', async () => {
      const invoice = await kit.invoice({ amount: 50_000 });
      const [first] = (await kit.emails('alex@example.com', 'invoice')).filter((email) => email.subject.includes(invoice.number));
      assert.match(first!.text, /A new invoice is ready/);

      const paid = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 20_000 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(paid.body.payment.status, 'succeeded', JSON.stringify(paid.body));
      const resent = await kit.admin(`/invoices/${invoice.id}/send`, { method: 'POST' });
      assert.equal(resent.status, 200, JSON.stringify(resent.body));

      const emails = (await kit.emails('alex@example.com', 'invoice')).filter((email) => email.subject.includes(invoice.number));
      assert.equal(emails.length, 2);
      const reminder = emails.find((email) => email !== first && email.id !== first!.id)!;
      assert.doesNotMatch(reminder.text, /new invoice/i);
      assert.match(reminder.subject, /Reminder/);
      assert.match(reminder.text, /\$300\.00/, 'the balance left');
      assert.match(reminder.text, /\$200\.00/, 'what was paid already');
      assert.ok(reminder.text.includes(`${firmOrigin}/portal?invoice=${invoice.id}`));
    });
  });

  describe('inviting a client who already has a login', () => {
    it('says so in the reply and the email, and a first invitation still reads as one', async () => {
      const reply = await kit.admin(`/contacts/${svc.fixtures.alex.id}/invitations`, { method: 'POST', body: {} });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.hasLogin, true);
      const [email] = (await kit.emails('alex@example.com', 'invitation')).slice(-1);
      assert.match(email!.text, /already have a login/);
      assert.doesNotMatch(email!.text, /has invited you/);
      assert.doesNotMatch(email!.subject, /invited you/);

      const created = await kit.admin('/contacts', { body: { email: 'casey@example.com', name: 'Casey Park' } });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const first = await kit.admin(`/contacts/${created.body.id}/invitations`, { method: 'POST', body: {} });
      assert.equal(first.body.hasLogin, false);
      const [invitation] = await kit.emails('casey@example.com', 'invitation');
      assert.match(invitation!.text, /has invited you/);
    });

    it('`portico invite` says the client already has a login', async () => {
      const result = await runCli(['invite', '--firm', 'hale', '--email', 'jordan@example.com'], { DATA_DIR: svc.dataDir, PUBLIC_URL: loopbackPublicUrl });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /Jordan Lee already has a portal login/);
      assert.doesNotMatch(result.stdout, /^Invitation emailed/m);
    });
  });

  describe('bank names', () => {
    it('puts sandbox names in words a client recognises', () => {
      assert.equal(clientBankName('STRIPE TEST BANK'), 'Test bank');
      assert.equal(clientBankName('Test Institution'), 'Test bank');
      assert.equal(clientBankName('WELLS FARGO BANK, NA'), 'Wells Fargo Bank, NA');
      assert.equal(clientBankName('JPMORGAN CHASE BANK'), 'JPMorgan Chase Bank');
      assert.equal(clientBankName('First Platypus Bank'), 'First Platypus Bank');
      assert.equal(clientBankName(''), null);
      assert.equal(clientBankName(null), null);
    });

    it('never shows "STRIPE TEST BANK" to a client: payment, saved method, authorization, email', async () => {
      const invoice = await kit.invoice({ amount: 30_000 });
      const reply = await kit.pay(alex, {
        allocations: [{ invoiceId: invoice.id, amount: 30_000 }],
        paymentMethod: debit(await kit.bankToken()),
        mandate: { accepted: true },
        savePaymentMethod: true,
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.payment.method.brand, 'Test bank');
      const saved = await svc.request('/api/v1/payment-methods', { token: alex });
      assert.ok(
        saved.body.data.some((method: { brand: string | null }) => method.brand === 'Test bank'),
        JSON.stringify(saved.body),
      );
      assert.ok(!JSON.stringify(saved.body).includes('STRIPE'));

      const preview = await svc.request('/api/v1/payments/mandate?amount=30000&bankName=STRIPE%20TEST%20BANK&accountType=checking&last4=6789', { token: alex });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.match(preview.body.text, /checking account at Test bank ending in 6789/);

      await kit.advanceSandboxDays(5);
      const [receipt] = (await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes('$300.00') && email.text.includes('6789'));
      assert.ok(receipt, 'the debit settled and was receipted');
      assert.doesNotMatch(receipt.text + receipt.html, /STRIPE TEST BANK/);
      assert.match(receipt.text, /Paid with: Test bank account ending in 6789/);
    });
  });

  describe("times in emails, in the firm's time zone", () => {
    it("shows the invitation's expiry in the firm's zone, not UTC", async () => {
      await settings({ timeZone: 'America/Los_Angeles' });
      const created = await kit.admin('/contacts', { body: { email: 'robin@example.com', name: 'Robin Diaz' } });
      const reply = await kit.admin(`/contacts/${created.body.id}/invitations`, { method: 'POST', body: {} });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      // Seven days from 2026-03-02T15:00Z is 8:00 in the morning in Los Angeles, after the clocks changed.
      const [email] = await kit.emails('robin@example.com', 'invitation');
      assert.match(email!.text, /March 9, 2026 at 8:00\sAM PDT/);
      assert.doesNotMatch(email!.text, /UTC/);
    });

    it("dates a receipt by the firm's day, not UTC's", async () => {
      await settings({ timeZone: 'America/Los_Angeles' });
      // 9 p.m. on March 2 in Los Angeles is already March 3 in UTC.
      svc.clock.advance(Date.parse('2026-03-03T05:00:00Z') - svc.clock().getTime());
      alex = (await svc.login('alex@example.com')).token;
      const invoice = await kit.invoice({ amount: 7_700 });
      const reply = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 7_700 }], paymentMethod: card(await kit.cardToken()) });
      assert.equal(reply.body.payment.status, 'succeeded', JSON.stringify(reply.body));
      const [receipt] = (await kit.emails('alex@example.com', 'receipt')).filter((email) => email.text.includes('$77.00'));
      assert.match(receipt!.text, /March 2, 2026/);
    });
  });
});
