import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, assertStripeError, paymentKit, testAccount, testCard, type PaymentKit } from './helpers/payments.ts';
import { firmOrigin, loopbackPublicUrl, startTestService, type TestService } from './helpers/service.ts';

describe('the sandbox processor', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let alexToken: string;
  let jordanToken: string;

  const tokenize = (body: unknown, origin: string | undefined = firmOrigin) => svc.request('/sandbox/v1/payment_methods', { body, origin });
  const card = (details: Record<string, unknown>, billing?: Record<string, unknown>) =>
    tokenize({
      type: 'card',
      card: { number: testCard.visa, exp_month: 12, exp_year: 2030, cvc: '123', ...details },
      ...(billing ? { billing_details: billing } : {}),
    });
  const bank = (details: Record<string, unknown>) =>
    tokenize({
      type: 'us_bank_account',
      us_bank_account: { routing_number: testAccount.routing, account_number: testAccount.succeeds, account_type: 'checking', ...details },
      billing_details: { name: 'Alex Morgan' },
    });
  const methodCount = () => kit.count`SELECT COUNT(*) AS n FROM sandbox_payment_methods`;

  before(async () => {
    // The sandbox clock's controls are development pages, served on a loopback PUBLIC_URL only.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    alexToken = (await svc.login('alex@example.com')).token;
    jordanToken = (await svc.login('jordan@example.com')).token;
  });
  after(() => svc.close());

  describe('POST /sandbox/v1/payment_methods: cards', () => {
    it('tokenizes a test card in Stripe’s shape', async () => {
      const reply = await card({}, { name: 'Alex Morgan', address: { postal_code: '94107' } });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
      assert.match(reply.body.id, /^pm_[A-Za-z0-9_-]+$/);
      assert.equal(reply.body.object, 'payment_method');
      assert.equal(reply.body.type, 'card');
      assert.equal(reply.body.card.brand, 'visa');
      assert.equal(reply.body.card.last4, '4242');
      assert.equal(reply.body.card.exp_month, 12);
      assert.equal(reply.body.card.exp_year, 2030);
      assert.equal(JSON.stringify(reply.body).includes(testCard.visa), false, 'the full number is never echoed');
      assert.equal(reply.headers.get('access-control-allow-origin'), firmOrigin, "the firm's site may call it from the browser");
    });

    it('accepts spaces in the number, as people type them', async () => {
      const reply = await card({ number: '4242 4242 4242 4242' });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.card.last4, '4242');
    });

    it('gives each tokenization its own id', async () => {
      const [a, b] = await Promise.all([card({}), card({})]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.notEqual(a.body.id, b.body.id);
    });

    it('knows the brands of Stripe’s test cards', async () => {
      const brands: [string, string][] = [
        ['5555555555554444', 'mastercard'],
        ['2223003122003222', 'mastercard'],
        ['6011111111111117', 'discover'],
        ['3566002020360505', 'jcb'],
      ];
      for (const [number, brand] of brands) {
        const reply = await card({ number });
        assert.equal(reply.status, 200, `${number}: ${JSON.stringify(reply.body)}`);
        assert.equal(reply.body.card.brand, brand, number);
        assert.equal(reply.body.card.last4, number.slice(-4));
      }
    });

    it('wants a four-digit CVC on American Express and three on other cards', async () => {
      const amex = await card({ number: testCard.amex, cvc: '1234' });
      assert.equal(amex.status, 200, JSON.stringify(amex.body));
      assert.equal(amex.body.card.brand, 'amex');
      assert.equal(amex.body.card.last4, '0005');
      assertStripeError(await card({ number: testCard.amex, cvc: '123' }), 402, 'card_error', 'invalid_cvc', 'card[cvc]');
      assertStripeError(await card({ number: testCard.visa, cvc: '1234' }), 402, 'card_error', 'invalid_cvc', 'card[cvc]');
    });

    it('refuses a number that fails the Luhn check with a 402 card_error', async () => {
      const before = await methodCount();
      assertStripeError(await card({ number: '4242424242424241' }), 402, 'card_error', 'incorrect_number', 'card[number]');
      assertStripeError(await card({ number: '4242' }), 402, 'card_error', undefined, 'card[number]');
      assertStripeError(await card({ number: '4242-abcd-4242-4242' }), 402, 'card_error', 'invalid_number', 'card[number]');
      assert.equal(await methodCount(), before, 'nothing was stored');
    });

    it('refuses an expiry in the past (the test clock reads March 2026)', async () => {
      assertStripeError(await card({ exp_month: 12, exp_year: 2025 }), 402, 'card_error', 'invalid_expiry_year_past', 'card[exp_year]');
      assertStripeError(await card({ exp_month: 2, exp_year: 2026 }), 402, 'card_error', 'invalid_expiry_year_past', 'card[exp_month]');
      assertStripeError(await card({ exp_month: 13, exp_year: 2030 }), 402, 'card_error', 'invalid_expiry_month', 'card[exp_month]');
      assertStripeError(await card({ exp_month: 0, exp_year: 2030 }), 402, 'card_error', 'invalid_expiry_month', 'card[exp_month]');
      const thisMonth = await card({ exp_month: 3, exp_year: 2026 });
      assert.equal(thisMonth.status, 200, 'a card is good through the end of its expiry month');
      const twoDigitYear = await card({ exp_month: 4, exp_year: 27 });
      assert.equal(twoDigitYear.status, 200, JSON.stringify(twoDigitYear.body));
    });

    it('refuses a malformed CVC', async () => {
      for (const cvc of ['12', '12a', '', '99999']) {
        assertStripeError(await card({ cvc }), 402, 'card_error', 'invalid_cvc', 'card[cvc]');
      }
    });

    it('refuses a malformed postal code', async () => {
      for (const postal_code of ['!', '9', '#####', 'ABCDEFGHIJKLMNOP']) {
        assertStripeError(await card({}, { address: { postal_code } }), 402, 'card_error', 'incorrect_zip', 'billing_details[address][postal_code]');
      }
      const canadian = await card({}, { address: { postal_code: 'K1A 0B1' } });
      assert.equal(canadian.status, 200, JSON.stringify(canadian.body));
    });

    it('tokenizes a valid number that is no test card, and the charge is then declined', async () => {
      const invoice = await kit.invoice({ amount: 12_000 });
      const reply = await card({ number: testCard.ordinary });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.equal(reply.body.card.brand, 'visa');
      assert.equal(reply.body.card.last4, '1111');
      const paid = await kit.pay(alexToken, {
        allocations: [{ invoiceId: invoice.id, amount: 12_000 }],
        paymentMethod: { type: 'card', token: reply.body.id },
      });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.payment.status, 'failed');
      assert.equal(paid.body.payment.failure.code, 'card_declined');
      assert.equal(paid.body.payment.failure.declineCode, 'generic_decline');
      assert.equal((await kit.invoiceAs(alexToken, invoice.id)).balance, 12_000);
    });
  });

  describe('POST /sandbox/v1/payment_methods: bank accounts', () => {
    it('tokenizes the test bank’s account in Stripe’s shape', async () => {
      const reply = await bank({});
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.match(reply.body.id, /^pm_/);
      assert.equal(reply.body.type, 'us_bank_account');
      assert.equal(typeof reply.body.us_bank_account.bank_name, 'string');
      assert.ok(reply.body.us_bank_account.bank_name.length > 0);
      assert.equal(reply.body.us_bank_account.last4, '6789');
      assert.equal(reply.body.us_bank_account.account_type, 'checking');
      assert.equal(JSON.stringify(reply.body).includes(testAccount.succeeds), false, 'the full account number is never echoed');
      const savings = await bank({ account_type: 'savings' });
      assert.equal(savings.status, 200);
      assert.equal(savings.body.us_bank_account.account_type, 'savings');
    });

    it('refuses a routing number that fails the ABA checksum with a 400 invalid_request_error', async () => {
      const before = await methodCount();
      assertStripeError(await bank({ routing_number: '110000001' }), 400, 'invalid_request_error', 'routing_number_invalid', 'us_bank_account[routing_number]');
      assertStripeError(await bank({ routing_number: '12345' }), 400, 'invalid_request_error', 'routing_number_invalid', 'us_bank_account[routing_number]');
      assert.equal(await methodCount(), before);
    });

    it('refuses a real bank’s routing number: only the test bank exists here', async () => {
      assertStripeError(await bank({ routing_number: '021000021' }), 400, 'invalid_request_error', 'routing_number_invalid', 'us_bank_account[routing_number]');
    });

    it('refuses an account number that is not one of the test accounts', async () => {
      assertStripeError(
        await bank({ account_number: '000999999999' }),
        400,
        'invalid_request_error',
        'account_number_invalid',
        'us_bank_account[account_number]',
      );
      assertStripeError(await bank({ account_number: '12' }), 400, 'invalid_request_error', 'account_number_invalid', 'us_bank_account[account_number]');
    });

    it('wants the account holder’s name', async () => {
      const reply = await tokenize({ type: 'us_bank_account', us_bank_account: { routing_number: testAccount.routing, account_number: testAccount.succeeds } });
      assertStripeError(reply, 400, 'invalid_request_error');
    });
  });

  describe('POST /sandbox/v1/payment_methods: malformed requests', () => {
    it('answers a body of the wrong shape with a 400 in Stripe’s shape', async () => {
      const before = await methodCount();
      assertStripeError(await tokenize({ type: 'card' }), 400, 'invalid_request_error');
      assertStripeError(await tokenize({ type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013000' } }), 400, 'invalid_request_error');
      assertStripeError(
        await tokenize({ type: 'card', card: { number: testCard.visa, exp_month: 12, exp_year: 2030, cvc: '123' }, metadata: { x: 1 } }),
        400,
        'invalid_request_error',
      );
      assertStripeError(
        await tokenize({ type: 'card', card: { number: 4242424242424242, exp_month: 12, exp_year: 2030, cvc: '123' } }),
        400,
        'invalid_request_error',
      );
      assertStripeError(await tokenize([]), 400, 'invalid_request_error');
      assert.equal(await methodCount(), before);
    });

    it('answers a body that is not JSON with a 400 in Stripe’s shape too', async () => {
      const reply = await svc.request('/sandbox/v1/payment_methods', { raw: '{"type": "card", "card": ', origin: firmOrigin });
      assertStripeError(reply, 400, 'invalid_request_error');
    });

    it('refuses an Origin that no firm lists', async () => {
      const before = await methodCount();
      const reply = await card({}, undefined);
      assert.equal(reply.status, 200);
      const refused = await tokenize({ type: 'card', card: { number: testCard.visa, exp_month: 12, exp_year: 2030, cvc: '123' } }, 'https://evil.example');
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
      assert.equal(await methodCount(), before + 1, 'only the allowed request stored a method');
    });
  });

  describe('bank sign-in (the sandbox’s Link)', () => {
    const linkStep = (linkToken: string, step: 'credentials' | 'mfa' | 'account', body: unknown) =>
      svc.request(`/sandbox/link/sessions/${linkToken}/${step}`, { body, origin: firmOrigin });
    const startLink = async (token: string) => {
      const reply = await svc.request('/api/v1/bank-links', { method: 'POST', token });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return reply.body as { provider: string; linkToken: string; expiresAt: string };
    };

    it('finds banks by name', async () => {
      const reply = await svc.request('/sandbox/link/institutions?query=tar', { origin: firmOrigin });
      assert.equal(reply.status, 200);
      assert.deepEqual(
        reply.body.institutions.map((i: { name: string }) => i.name),
        ['Tartan Bank'],
      );
      assert.equal(reply.body.institutions[0].mfa, true);
      const all = await svc.request('/sandbox/link/institutions?query=', { origin: firmOrigin });
      assert.ok(all.body.institutions.length >= 5);
      const none = await svc.request('/sandbox/link/institutions?query=zzzz', { origin: firmOrigin });
      assert.deepEqual(none.body.institutions, []);
    });

    it('signs in with a code, chooses an account, and exchanges the public token once, for the client who linked', async () => {
      const link = await startLink(alexToken);
      assert.equal(link.provider, 'sandbox');
      assert.match(link.linkToken, /^link-sandbox-/);
      assert.ok(Date.parse(link.expiresAt) > svc.clock().getTime());
      const tartan = (await svc.request('/sandbox/link/institutions?query=tar', { origin: firmOrigin })).body.institutions[0];

      const wrong = await linkStep(link.linkToken, 'credentials', { institutionId: tartan.id, username: 'user_good', password: 'pass_bad' });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');

      const early = await linkStep(link.linkToken, 'account', { accountId: 'acct_savings' });
      assert.equal(early.status, 400, 'no account before signing in');
      assert.equal(early.body.error.code, 'INVALID_STATE');

      const signedIn = await linkStep(link.linkToken, 'credentials', { institutionId: tartan.id, username: 'user_good', password: 'pass_good' });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.status, 'mfa_required');
      assert.equal(typeof signedIn.body.prompt, 'string');

      const skipped = await linkStep(link.linkToken, 'account', { accountId: 'acct_savings' });
      assert.equal(skipped.status, 400, 'the code comes first');

      const badCode = await linkStep(link.linkToken, 'mfa', { code: '9999' });
      assert.equal(badCode.status, 400);
      assert.equal(badCode.body.error.code, 'INVALID_MFA');

      const verified = await linkStep(link.linkToken, 'mfa', { code: '1234' });
      assert.equal(verified.status, 200, JSON.stringify(verified.body));
      assert.equal(verified.body.status, 'select_account');
      assert.equal(verified.body.institution.name, 'Tartan Bank');
      assert.deepEqual(verified.body.accounts.map((a: { mask: string }) => a.mask).sort(), ['0000', '1111']);

      const unknownAccount = await linkStep(link.linkToken, 'account', { accountId: 'acct_nope' });
      assert.equal(unknownAccount.status, 400);
      const savings = verified.body.accounts.find((a: { mask: string }) => a.mask === '1111');
      const chosen = await linkStep(link.linkToken, 'account', { accountId: savings.id });
      assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
      const publicToken = chosen.body.publicToken as string;
      assert.match(publicToken, /^public-sandbox-/);

      const stolen = await svc.request('/api/v1/bank-links/exchange', { token: jordanToken, body: { publicToken } });
      assertProblem(stolen, 422, 'bank_link_invalid');

      const exchanged = await svc.request('/api/v1/bank-links/exchange', { token: alexToken, body: { publicToken, accountId: savings.id } });
      assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
      assert.equal(exchanged.body.paymentMethod.type, 'us_bank_account');
      assert.match(exchanged.body.paymentMethod.token, /^pm_/);
      assert.equal(exchanged.body.paymentMethod.bankName, 'Tartan Bank');
      assert.equal(exchanged.body.paymentMethod.last4, '1111');
      assert.equal(exchanged.body.paymentMethod.accountType, 'savings');

      assertProblem(await svc.request('/api/v1/bank-links/exchange', { token: alexToken, body: { publicToken } }), 422, 'bank_link_invalid');
      const reused = await linkStep(link.linkToken, 'account', { accountId: savings.id });
      assert.equal(reused.status, 400, 'a finished link session is over');
      assert.equal(reused.body.error.code, 'INVALID_LINK_TOKEN');
    });

    it('goes straight to the accounts at a bank that asks no code, and the linked account pays', async () => {
      const link = await startLink(alexToken);
      const platypus = (await svc.request('/sandbox/link/institutions?query=platypus', { origin: firmOrigin })).body.institutions[0];
      assert.equal(platypus.mfa, false);
      const signedIn = await linkStep(link.linkToken, 'credentials', { institutionId: platypus.id, username: 'user_good', password: 'pass_good' });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.status, 'select_account');
      const checking = signedIn.body.accounts.find((a: { mask: string }) => a.mask === '0000');
      const chosen = await linkStep(link.linkToken, 'account', { accountId: checking.id });
      const exchanged = await svc.request('/api/v1/bank-links/exchange', { token: alexToken, body: { publicToken: chosen.body.publicToken } });
      assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
      assert.equal(exchanged.body.paymentMethod.last4, '0000');
      assert.equal(exchanged.body.paymentMethod.bankName, 'First Platypus Bank');

      const invoice = await kit.invoice({ amount: 30_000 });
      const paid = await kit.pay(alexToken, {
        allocations: [{ invoiceId: invoice.id, amount: 30_000 }],
        paymentMethod: { type: 'us_bank_account', token: exchanged.body.paymentMethod.token },
        mandate: { accepted: true },
      });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.payment.status, 'processing');
      assert.deepEqual(paid.body.payment.method, { type: 'us_bank_account', brand: 'First Platypus Bank', last4: '0000' });
    });

    it('refuses an unknown bank, a wrong link token and a garbled public token', async () => {
      const link = await startLink(alexToken);
      const unknownBank = await linkStep(link.linkToken, 'credentials', { institutionId: 'ins_nope', username: 'user_good', password: 'pass_good' });
      assert.equal(unknownBank.status, 400);
      assert.equal(unknownBank.body.error.code, 'INVALID_INSTITUTION');
      const wrongLink = await linkStep('link-sandbox-0000', 'credentials', { institutionId: 'ins_109508', username: 'user_good', password: 'pass_good' });
      assert.equal(wrongLink.status, 400);
      assert.equal(wrongLink.body.error.code, 'INVALID_LINK_TOKEN');
      assertProblem(
        await svc.request('/api/v1/bank-links/exchange', { token: alexToken, body: { publicToken: 'public-sandbox-nothing-here' } }),
        422,
        'bank_link_invalid',
      );
      assertProblem(await svc.request('/api/v1/bank-links/exchange', { token: alexToken, body: {} }), 400, 'invalid_request');
    });

    it('needs a signed-in client to start', async () => {
      const reply = await svc.request('/api/v1/bank-links', { method: 'POST' });
      assert.equal(reply.status, 401, JSON.stringify(reply.body));
    });

    it('lets a link session lapse after thirty minutes', async () => {
      const link = await startLink(alexToken);
      svc.clock.advance(31 * 60_000);
      try {
        const late = await linkStep(link.linkToken, 'credentials', { institutionId: 'ins_109508', username: 'user_good', password: 'pass_good' });
        assert.equal(late.status, 400);
        assert.equal(late.body.error.code, 'INVALID_LINK_TOKEN');
      } finally {
        svc.clock.advance(-31 * 60_000);
      }
    });
  });

  describe('the sandbox clock', () => {
    it('settles a bank debit after three business days, not counting the weekend', async () => {
      const clock = await svc.request('/dev/sandbox/clock');
      assert.equal(clock.status, 200);
      const today = new Date(clock.body.now);
      // Move the sandbox to the coming Friday.
      const toFriday = (5 - today.getUTCDay() + 7) % 7 || 7;
      const friday = await kit.advanceSandboxDays(toFriday);
      assert.equal(new Date(friday.now).getUTCDay(), 5);

      const invoice = await kit.invoice({ amount: 25_000 });
      const paid = await kit.pay(alexToken, {
        allocations: [{ invoiceId: invoice.id, amount: 25_000 }],
        paymentMethod: { type: 'us_bank_account', token: await kit.bankToken() },
        mandate: { accepted: true },
      });
      assert.equal(paid.body.payment.status, 'processing', JSON.stringify(paid.body));
      const status = async () => (await svc.request(`/api/v1/payments/${paid.body.payment.id}`, { token: alexToken })).body.status;

      await kit.advanceSandboxDays(3);
      assert.equal(await status(), 'processing', 'Friday + 3 calendar days is Monday: one business day');
      await kit.advanceSandboxDays(1);
      assert.equal(await status(), 'processing', 'Tuesday: two business days');
      const wednesday = await kit.advanceSandboxDays(1);
      assert.equal(new Date(wednesday.now).getUTCDay(), 3);
      assert.ok(wednesday.settled >= 1);
      assert.equal(await status(), 'succeeded');
    });

    it('refuses a clock move that is not a whole number of days forward', async () => {
      for (const days of [0, -1, 1.5, '2']) {
        assertProblem(await svc.request('/dev/sandbox/clock/advance', { body: { days } }), 400, 'invalid_request');
      }
    });
  });
});
