import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { surchargeFor } from '../../server/src/payments/surcharge.ts';
import { stateOfZip } from '../../server/src/payments/surcharge-rules.ts';
import { assertProblem, paymentKit, type PaymentKit } from './helpers/payments.ts';
import { pdfTextOf } from './helpers/pdf-text.ts';
import { firmOrigin, loopbackPublicUrl, startTestService, type TestService } from './helpers/service.ts';
import { startStripeStandIn, type StripeStandIn } from './helpers/stripe-stand-in.ts';

/** Stripe's test cards by how they are funded (https://docs.stripe.com/testing#cards). */
const cards = { credit: '4242424242424242', visaDebit: '4000056655665556', mastercardDebit: '5200828282828210', prepaid: '5105105105105100' };

describe('surcharge rules (pure)', () => {
  const setting = { enabled: true, percent: 3 };
  const credit = (postalCode: string | null) => ({ type: 'card' as const, funding: 'credit' as const, postalCode });

  it('maps ZIP prefixes to states, ZIP+4 included, and refuses what is not a ZIP', () => {
    assert.equal(stateOfZip('94107'), 'CA');
    assert.equal(stateOfZip('06103'), 'CT');
    assert.equal(stateOfZip('02108-1234'), 'MA');
    assert.equal(stateOfZip('04101'), 'ME');
    assert.equal(stateOfZip('00901'), 'PR');
    assert.equal(stateOfZip('80202'), 'CO');
    assert.equal(stateOfZip('05501'), 'MA', 'Andover, MA sits among the Vermont prefixes');
    assert.equal(stateOfZip('10001'), 'NY');
    assert.equal(stateOfZip('SW1A 1AA'), null);
    assert.equal(stateOfZip('1234'), null);
    assert.equal(stateOfZip(null), null);
  });

  it('adds the rate to the operating amount of a credit card, rounded to the cent', () => {
    assert.deepEqual(surchargeFor({ setting, method: credit('94107'), address: null, operatingAmount: 10_001 }), {
      amount: 300,
      percent: 3,
      reason: null,
      state: 'CA',
    });
    assert.equal(surchargeFor({ setting: { enabled: true, percent: 2.5 }, method: credit('94107'), address: null, operatingAmount: 10_001 }).amount, 250);
  });

  it('never for debit, prepaid, unknown funding or a bank debit', () => {
    for (const funding of ['debit', 'prepaid', 'unknown'] as const) {
      const result = surchargeFor({ setting, method: { type: 'card', funding, postalCode: '94107' }, address: null, operatingAmount: 10_000 });
      assert.deepEqual([result.amount, result.reason], [0, 'not_credit_card'], funding);
    }
    const bank = surchargeFor({ setting, method: { type: 'us_bank_account' }, address: null, operatingAmount: 10_000 });
    assert.deepEqual([bank.amount, bank.reason], [0, 'not_credit_card']);
  });

  it('never in CT, ME, MA or PR; at most 2 % in CO; the contact’s address where the card has no ZIP', () => {
    for (const zip of ['06103', '04101', '02108', '00901']) {
      const result = surchargeFor({ setting, method: credit(zip), address: null, operatingAmount: 10_000 });
      assert.deepEqual([result.amount, result.reason], [0, 'state_prohibits'], zip);
    }
    assert.deepEqual(surchargeFor({ setting, method: credit('80202'), address: null, operatingAmount: 10_000 }), {
      amount: 200,
      percent: 2,
      reason: 'state_cap',
      state: 'CO',
    });
    const fromAddress = surchargeFor({ setting, method: credit(null), address: { state: 'me', postalCode: null }, operatingAmount: 10_000 });
    assert.deepEqual([fromAddress.amount, fromAddress.reason, fromAddress.state], [0, 'state_prohibits', 'ME']);
    const fromAddressZip = surchargeFor({ setting, method: credit(null), address: { state: null, postalCode: '06103' }, operatingAmount: 10_000 });
    assert.equal(fromAddressZip.reason, 'state_prohibits');
    const cardWins = surchargeFor({ setting, method: credit('94107'), address: { state: 'ME', postalCode: null }, operatingAmount: 10_000 });
    assert.equal(cardWins.amount, 300, "the card's billing ZIP decides before the contact's address");
  });

  it('none when the firm turned it off, or when only trust money is paid', () => {
    assert.equal(surchargeFor({ setting: { enabled: false, percent: 3 }, method: credit('94107'), address: null, operatingAmount: 10_000 }).reason, 'disabled');
    assert.equal(surchargeFor({ setting, method: credit('94107'), address: null, operatingAmount: 0 }).reason, 'trust_only');
  });
});

describe('card surcharges: POST /api/v1/payments/quote and /payments', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;

  const settings = async (changes: Record<string, unknown>) => {
    const reply = await kit.admin('/settings', { method: 'PATCH', body: { settings: changes } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply;
  };
  /** Tokenizes a card at the sandbox as the browser does, with the billing ZIP given (none when null). */
  const token = async (number: string, postalCode: string | null = '94107') => {
    const reply = await svc.request('/sandbox/v1/payment_methods', {
      origin: firmOrigin,
      body: {
        type: 'card',
        card: { number, exp_month: 12, exp_year: 2030, cvc: '123' },
        billing_details: { name: 'Alex Morgan', ...(postalCode === null ? {} : { address: { postal_code: postalCode } }) },
      },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body as { id: string; card: { brand: string; last4: string; funding: string } };
  };
  const quote = (body: unknown) => svc.request('/api/v1/payments/quote', { token: alex, body });
  const card = (id: string) => ({ type: 'card', token: id });

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
    await settings({ surcharge: { enabled: true, percent: 3 } });
  });
  after(() => svc.close());

  it('refuses a rate above 3 % with a 422, and keeps the setting it had', async () => {
    assertProblem(await kit.admin('/settings', { method: 'PATCH', body: { settings: { surcharge: { percent: 3.5 } } } }), 422, 'surcharge_too_high');
    assertProblem(await kit.admin('/settings', { method: 'PATCH', body: { settings: { surcharge: { percent: -1 } } } }), 400, 'invalid_request');
    const current = await kit.admin('/settings');
    assert.deepEqual(current.body.settings.surcharge, { enabled: true, percent: 3 });
  });

  it('the sandbox reports each test card’s funding, as Stripe does', async () => {
    assert.equal((await token(cards.credit)).card.funding, 'credit');
    assert.equal((await token(cards.visaDebit)).card.funding, 'debit');
    assert.equal((await token(cards.mastercardDebit)).card.funding, 'debit');
    assert.equal((await token(cards.prepaid)).card.funding, 'prepaid');
  });

  it('a credit card: quoted, refused unconfirmed or mismatched, then charged with the surcharge on its own', async () => {
    const invoice = await kit.invoice({ amount: 20_000 });
    const method = card((await token(cards.credit)).id);
    const allocations = [{ invoiceId: invoice.id, amount: 20_000 }];
    const quoted = await quote({ allocations, paymentMethod: method });
    assert.equal(quoted.status, 200, JSON.stringify(quoted.body));
    assert.deepEqual(quoted.body, { currency: 'USD', subtotal: 20_000, surcharge: { amount: 600, percent: 3, reason: null }, total: 20_600 });

    assertProblem(await kit.pay(alex, { allocations, paymentMethod: method }), 409, 'surcharge_not_confirmed');
    const mismatch = await kit.pay(alex, { allocations, paymentMethod: method, amount: 20_000 });
    assertProblem(mismatch, 409, 'amount_mismatch');
    assert.equal(mismatch.body.expected, 20_600);
    assert.equal(await kit.rows.paymentsFor(invoice.id), 0, 'nothing reserved or charged');

    const paid = await kit.pay(alex, { allocations, paymentMethod: method, amount: 20_600 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const { payment } = paid.body;
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.amount, 20_600);
    assert.equal(payment.surcharge, 600);
    assert.equal(payment.surchargePercent, 3);
    assert.deepEqual(
      payment.allocations.map((a: { amount: number; depositAccount: string }) => [a.amount, a.depositAccount]),
      [[20_000, 'operating']],
    );
    const charged = await svc.query<{ amount: number }>`SELECT amount FROM sandbox_charges WHERE metadata LIKE ${`%${payment.id}%`}`;
    assert.equal(Number(charged[0]!.amount), 20_600, 'the processor charged the total');
    const after = await kit.invoiceAs(alex, invoice.id);
    assert.deepEqual([after.status, after.amountPaid], ['paid', 20_000], 'the invoice is paid by its allocation, not the surcharge');

    const receipt = (await kit.emails('alex@example.com', 'receipt')).find((mail) => mail.subject.includes(payment.receiptNumber))!;
    assert.ok(receipt, 'a receipt was sent');
    assert.match(receipt.text, /Card surcharge \(3 %\)/);
    assert.ok(receipt.text.includes('$6.00'), receipt.text);
    assert.ok(receipt.text.includes('$206.00'), receipt.text);

    const pdf = await fetch(`${svc.baseUrl}/api/v1/payments/${payment.id}/receipt.pdf`, { headers: { authorization: `Bearer ${alex}` } });
    assert.equal(pdf.status, 200);
    const printed = pdfTextOf(Buffer.from(await pdf.arrayBuffer()));
    assert.match(printed, /Card surcharge/, printed);
    assert.ok(printed.includes('$6.00') && printed.includes('$206.00'), printed);

    const detail = await kit.admin(`/payments/${payment.id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual([detail.body.amount, detail.body.surcharge, detail.body.surchargePercent], [20_600, 600, 3]);

    const day = payment.createdAt.slice(0, 10);
    const csv = await svc.request(`/api/v1/admin/payments/export?from=${day}&to=${day}`, { token: svc.fixtures.firmKey });
    assert.equal(csv.status, 200);
    const lines = String(csv.body)
      .split('\r\n')
      .filter((line) => line.includes(payment.id));
    assert.equal(lines.length, 2, String(csv.body));
    assert.ok(lines[0]!.includes(`,${invoice.number},200.00,USD,`), lines[0]);
    assert.ok(lines[1]!.includes(',surcharge,6.00,USD,') && lines[1]!.includes(',operating,'), lines[1]);
  });

  it('a full refund gives the surcharge back too; the invoice reopens by its allocation', async () => {
    const invoice = await kit.invoice({ amount: 10_000 });
    const method = card((await token(cards.credit)).id);
    const paid = await kit.pay(alex, { allocations: [{ invoiceId: invoice.id, amount: 10_000 }], paymentMethod: method, amount: 10_300 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const refunded = await svc.request(`/api/v1/admin/payments/${paid.body.payment.id}/refunds`, {
      token: svc.fixtures.firmKey,
      body: { amount: 10_300 },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.ok(refunded.status === 201 || refunded.status === 200, JSON.stringify(refunded.body));
    const detail = await kit.admin(`/payments/${paid.body.payment.id}`);
    assert.equal(detail.body.status, 'refunded');
    assert.equal(detail.body.amountRefunded, 10_300);
    assert.equal((await kit.invoiceAs(alex, invoice.id)).balance, 10_000);

    const day = paid.body.payment.createdAt.slice(0, 10);
    const csv = await svc.request(`/api/v1/admin/payments/export?from=${day}&to=${day}`, { token: svc.fixtures.firmKey });
    const refundLines = String(csv.body)
      .split('\r\n')
      .filter((line) => line.includes(paid.body.payment.id) && line.includes(',refunded,') && line.includes('-'));
    assert.ok(
      refundLines.some((line) => line.includes(`,${invoice.number},-100.00,`)),
      String(csv.body),
    );
    assert.ok(
      refundLines.some((line) => line.includes(',surcharge,-3.00,') && line.includes(',operating,')),
      String(csv.body),
    );
  });

  for (const [label, number] of [
    ['a Visa debit card', cards.visaDebit],
    ['a Mastercard debit card', cards.mastercardDebit],
    ['a prepaid card', cards.prepaid],
  ] as const) {
    it(`${label} pays with no surcharge`, async () => {
      const invoice = await kit.invoice({ amount: 5_000 });
      const method = card((await token(number)).id);
      const allocations = [{ invoiceId: invoice.id, amount: 5_000 }];
      const quoted = await quote({ allocations, paymentMethod: method });
      assert.deepEqual(quoted.body.surcharge, { amount: 0, percent: 0, reason: 'not_credit_card' });
      assert.equal(quoted.body.total, 5_000);
      const paid = await kit.pay(alex, { allocations, paymentMethod: method });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.deepEqual([paid.body.payment.amount, paid.body.payment.surcharge], [5_000, 0]);
    });
  }

  it('trust invoices never carry one: a mixed payment is surcharged on its operating part only', async () => {
    const trust = await kit.invoice({ amount: 50_000, depositAccount: 'trust' });
    const operating = await kit.invoice({ amount: 10_000 });
    const trustOnly = await quote({ allocations: [{ invoiceId: trust.id, amount: 50_000 }], paymentMethod: card((await token(cards.credit)).id) });
    assert.deepEqual(trustOnly.body.surcharge, { amount: 0, percent: 0, reason: 'trust_only' });

    const method = card((await token(cards.credit)).id);
    const allocations = [
      { invoiceId: trust.id, amount: 50_000 },
      { invoiceId: operating.id, amount: 10_000 },
    ];
    const quoted = await quote({ allocations, paymentMethod: method });
    assert.deepEqual([quoted.body.surcharge.amount, quoted.body.total], [300, 60_300]);
    const paid = await kit.pay(alex, { allocations, paymentMethod: method, amount: 60_300 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const byAccount = Object.fromEntries(
      paid.body.payments.map((p: { allocations: { depositAccount: string }[]; amount: number; surcharge: number }) => [p.allocations[0]!.depositAccount, p]),
    );
    assert.deepEqual([byAccount.trust.amount, byAccount.trust.surcharge], [50_000, 0]);
    assert.deepEqual([byAccount.operating.amount, byAccount.operating.surcharge], [10_300, 300]);
  });

  it('none for a billing ZIP in a state that forbids it (CT, MA)', async () => {
    for (const zip of ['06103', '02108']) {
      const invoice = await kit.invoice({ amount: 10_000 });
      const method = card((await token(cards.credit, zip)).id);
      const allocations = [{ invoiceId: invoice.id, amount: 10_000 }];
      const quoted = await quote({ allocations, paymentMethod: method });
      assert.deepEqual(quoted.body.surcharge, { amount: 0, percent: 0, reason: 'state_prohibits' }, zip);
      const paid = await kit.pay(alex, { allocations, paymentMethod: method });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.payment.amount, 10_000);
    }
  });

  it("none for a card without a ZIP when the contact's address is in a state that forbids it", async () => {
    const alexId = svc.fixtures.alex.id;
    const patched = await kit.admin(`/contacts/${alexId}`, {
      method: 'PATCH',
      body: { address: { line1: '1 Congress St', city: 'Portland', state: 'me', postalCode: '04101' } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(patched.body.address, { line1: '1 Congress St', city: 'Portland', state: 'ME', postalCode: '04101' });
    try {
      const invoice = await kit.invoice({ amount: 10_000 });
      const allocations = [{ invoiceId: invoice.id, amount: 10_000 }];
      const noZip = await quote({ allocations, paymentMethod: card((await token(cards.credit, null)).id) });
      assert.deepEqual(noZip.body.surcharge, { amount: 0, percent: 0, reason: 'state_prohibits' });
      const withZip = await quote({ allocations, paymentMethod: card((await token(cards.credit, '94107')).id) });
      assert.equal(withZip.body.surcharge.amount, 300, "the card's billing ZIP decides first");
    } finally {
      const cleared = await kit.admin(`/contacts/${alexId}`, { method: 'PATCH', body: { address: null } });
      assert.equal(cleared.body.address, null);
    }
  });

  it('refuses an address that is not a state code or a ZIP code', async () => {
    const reply = await kit.admin(`/contacts/${svc.fixtures.alex.id}`, { method: 'PATCH', body: { address: { state: 'Maine', postalCode: '4101' } } });
    assertProblem(reply, 400, 'invalid_request');
  });

  it('at most 2 % in Colorado', async () => {
    const invoice = await kit.invoice({ amount: 10_000 });
    const method = card((await token(cards.credit, '80202')).id);
    const allocations = [{ invoiceId: invoice.id, amount: 10_000 }];
    const quoted = await quote({ allocations, paymentMethod: method });
    assert.deepEqual(quoted.body.surcharge, { amount: 200, percent: 2, reason: 'state_cap' });
    const paid = await kit.pay(alex, { allocations, paymentMethod: method, amount: 10_200 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    assert.deepEqual([paid.body.payment.surcharge, paid.body.payment.surchargePercent], [200, 2]);
  });

  it('quotes a payment the way it would be checked: another client’s invoice is not found', async () => {
    const other = await kit.invoice({ amount: 10_000, contactId: svc.fixtures.jordan.id });
    const reply = await quote({ allocations: [{ invoiceId: other.id, amount: 10_000 }], paymentMethod: card((await token(cards.credit)).id) });
    assertProblem(reply, 422, 'invoice_not_found');
  });

  it('none once the firm turns it off; a confirmed total is still checked', async () => {
    await settings({ surcharge: { enabled: false } });
    try {
      const invoice = await kit.invoice({ amount: 10_000 });
      const method = card((await token(cards.credit)).id);
      const allocations = [{ invoiceId: invoice.id, amount: 10_000 }];
      const quoted = await quote({ allocations, paymentMethod: method });
      assert.deepEqual(quoted.body.surcharge, { amount: 0, percent: 0, reason: 'disabled' });
      assertProblem(await kit.pay(alex, { allocations, paymentMethod: method, amount: 10_300 }), 409, 'amount_mismatch');
      const paid = await kit.pay(alex, { allocations, paymentMethod: method, amount: 10_000 });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.payment.surcharge, 0);
    } finally {
      await settings({ surcharge: { enabled: true } });
    }
  });
});

describe('card surcharges through Stripe: funding and billing ZIP read from the PaymentMethod', () => {
  let stripe: StripeStandIn;
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;
  const quote = (body: unknown) => svc.request('/api/v1/payments/quote', { token: alex, body });

  before(async () => {
    stripe = await startStripeStandIn();
    svc = await startTestService({
      env: {
        PAYMENTS: 'stripe',
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_PUBLISHABLE_KEY: 'pk_test_portico',
        STRIPE_WEBHOOK_SECRET: 'whsec_surcharge_tests',
        STRIPE_API_BASE: stripe.baseUrl,
      },
    });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
    const reply = await kit.admin('/settings', { method: 'PATCH', body: { settings: { surcharge: { enabled: true, percent: 3 } } } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  });
  after(async () => {
    await svc?.close();
    await stripe?.close();
  });

  it('charges the PaymentIntent the total for a credit card, nothing more for a debit card', async () => {
    const invoice = await kit.invoice({ amount: 10_000 });
    const allocations = [{ invoiceId: invoice.id, amount: 5_000 }];
    const credit = await quote({ allocations, paymentMethod: { type: 'card', token: 'pm_card_visa' } });
    assert.deepEqual(credit.body.surcharge, { amount: 150, percent: 3, reason: null });
    const paid = await kit.pay(alex, { allocations, paymentMethod: { type: 'card', token: 'pm_card_visa' }, amount: 5_150 });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const intent = stripe.intents().find((candidate) => candidate.metadata.paymentId === paid.body.payment.id)!;
    assert.equal(intent.amount, 5_150);

    const debit = await quote({ allocations, paymentMethod: { type: 'card', token: 'pm_card_visa_debit' } });
    assert.deepEqual(debit.body.surcharge, { amount: 0, percent: 0, reason: 'not_credit_card' });
  });

  it('an Apple Pay card follows its funding and its billing ZIP (here in Massachusetts: none)', async () => {
    const invoice = await kit.invoice({ amount: 10_000 });
    const reply = await quote({ allocations: [{ invoiceId: invoice.id, amount: 10_000 }], paymentMethod: { type: 'card', token: 'pm_card_visa_applePay' } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.surcharge, { amount: 0, percent: 0, reason: 'state_prohibits' });
  });
});

describe('card surcharges and payment plans', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;

  before(async () => {
    // The sandbox clock's controls are development pages, served on a loopback PUBLIC_URL only.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    const patched = await kit.admin('/settings', {
      method: 'PATCH',
      body: { settings: { surcharge: { enabled: true, percent: 3 }, plans: { enabled: true, maxInstalments: 6, minInstalment: 1_000 } } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    alex = (await svc.login('alex@example.com')).token;
  });
  after(() => svc.close());

  it('charges a plan’s instalment on a credit card at the amount the client authorized, with no surcharge', async () => {
    const invoice = await kit.invoice({ amount: 20_000 });
    const created = await svc.request('/api/v1/plans', {
      token: alex,
      body: {
        invoiceId: invoice.id,
        dates: ['2026-03-10', '2026-04-10'],
        paymentMethod: { type: 'card', token: await kit.cardToken() },
        authorization: { accepted: true, version: 'plan-2026-12' },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await kit.advanceSandboxDays(8); // 03-10: the first instalment is charged
    const plans = await svc.request(`/api/v1/plans?invoiceId=${invoice.id}`, { token: alex });
    const first = plans.body.data[0].instalments[0];
    assert.equal(first.status, 'paid', JSON.stringify(plans.body));
    const payment = await svc.request(`/api/v1/payments/${first.paymentId}`, { token: alex });
    assert.deepEqual([payment.body.amount, payment.body.surcharge], [10_000, 0]);
  });
});
