import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { loadSecretsKey } from '../../server/src/secrets/secrets-key.ts';
import { assertProblem, paymentKit, type PaymentKit } from './helpers/payments.ts';
import { startPlaidStandIn, type PlaidStandIn } from './helpers/plaid-stand-in.ts';
import { startTestService, type TestService } from './helpers/service.ts';
import { startStripeStandIn, type StripeStandIn } from './helpers/stripe-stand-in.ts';

const webhookSecret = 'whsec_portico_plaid_test';

describe('bank sign-in through Plaid', () => {
  let stripe: StripeStandIn;
  let plaid: PlaidStandIn;
  let svc: TestService;
  let kit: PaymentKit;
  let alex: string;

  const env = (plaidBase: string) => ({
    PAYMENTS: 'stripe',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_portico',
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_BASE: stripe.baseUrl,
    BANK_LINK: 'plaid',
    PLAID_CLIENT_ID: plaid.clientId,
    PLAID_SECRET: plaid.secret,
    PLAID_API_BASE: plaidBase,
  });

  before(async () => {
    stripe = await startStripeStandIn();
    plaid = await startPlaidStandIn({ onBankAccountToken: (token, account) => stripe.addBankAccountToken(token, account) });
    svc = await startTestService({ env: env(plaid.baseUrl) });
    kit = paymentKit(svc);
    alex = (await svc.login('alex@example.com')).token;
  });
  after(async () => {
    await svc?.close();
    await plaid?.close();
    await stripe?.close();
  });

  const exchange = (token: string, body: Record<string, unknown>) => svc.request('/api/v1/bank-links/exchange', { token, body });

  it('tells the browser to use Plaid Link', async () => {
    const setup = await svc.request('/api/v1/payments/setup', { token: alex });
    assert.deepEqual(setup.body, { processor: 'stripe', publishableKey: 'pk_test_portico', bankLink: 'plaid', sandboxUrl: null });
  });

  it('starts Link with a link token made for the firm and the contact', async () => {
    const reply = await svc.request('/api/v1/bank-links', { token: alex, method: 'POST' });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.provider, 'plaid');
    assert.match(reply.body.linkToken, /^link-sandbox-/);
    assert.ok(Date.parse(reply.body.expiresAt) > Date.now());
    const sent = plaid.requests.filter((request) => request.path === '/link/token/create').at(-1)!;
    assert.equal(sent.body.client_name, 'Hale & Whitmore LLP');
    assert.deepEqual(sent.body.user, { client_user_id: svc.fixtures.alex.id });
    assert.deepEqual(sent.body.products, ['auth']);
    assert.deepEqual(sent.body.country_codes, ['US']);
    assert.equal(sent.body.language, 'en');
    assert.equal(sent.headers['plaid-client-id'], plaid.clientId);
    assert.equal(sent.headers['plaid-secret'], plaid.secret);
  });

  it('exchanges the public token for a Stripe bank account of the contact, keeps the access token to itself, and pays with it', async () => {
    const { publicToken, accounts } = plaid.publicToken({ institution: 'Tartan Bank' });
    const savings = accounts.find((account) => account.subtype === 'savings')!;
    const reply = await exchange(alex, { publicToken, accountId: savings.account_id });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const method = reply.body.paymentMethod;
    assert.match(method.token, /^ba_/);
    assert.deepEqual({ ...method, token: 'ba' }, { type: 'us_bank_account', token: 'ba', bankName: 'Tartan Bank', last4: '1111', accountType: 'savings' });
    assert.doesNotMatch(JSON.stringify(reply.body), /access-sandbox/);
    // Stored sealed with SECRETS_KEY: the column holds ciphertext that opens to Plaid's token.
    const items = await svc.query<{ contact_id: string; access_token: string }>`SELECT contact_id, access_token FROM plaid_items`;
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.match(item.access_token, /^enc:v1:/);
      assert.equal(
        plaid.accessTokens().some((token) => item.access_token.includes(token)),
        false,
      );
    }
    const box = loadSecretsKey(svc.config);
    assert.ok(items.some((item) => item.contact_id === svc.fixtures.alex.id && plaid.accessTokens().includes(box.open(item.access_token))));

    const processorToken = plaid.requests.filter((request) => request.path === '/processor/stripe/bank_account_token/create').at(-1)!;
    assert.equal(processorToken.body.account_id, savings.account_id);
    const source = stripe.requests.filter((request) => /^\/v1\/customers\/[^/]+\/sources$/.test(request.path)).at(-1)!;
    assert.match(source.params.source, /^btok_/);
    const customer = stripe.customers().find((candidate) => candidate.metadata.contactId === svc.fixtures.alex.id)!;
    assert.equal(source.path, `/v1/customers/${customer.id}/sources`);

    const invoice = await kit.invoice({ amount: 15_000 });
    const paid = await kit.pay(alex, {
      allocations: [{ invoiceId: invoice.id, amount: 15_000 }],
      paymentMethod: { type: 'us_bank_account', token: method.token },
      mandate: { accepted: true },
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    assert.equal(paid.body.payment.status, 'processing');
    assert.deepEqual(paid.body.payment.method, { type: 'us_bank_account', brand: 'Tartan Bank', last4: '1111' });
    const intent = stripe.intents().find((candidate) => candidate.metadata.paymentId === paid.body.payment.id)!;
    assert.equal(intent.payment_method, method.token);
    assert.equal(intent.customer, customer.id);
    const [mandate] = (await svc.query<{ text: string }>`SELECT text FROM payment_mandates WHERE payment_id = ${paid.body.payment.id}`) as [{ text: string }];
    assert.match(mandate.text, /savings account at Tartan Bank ending in 1111/);

    const settled = stripe.settle(intent.id);
    const event = stripe.event('payment_intent.succeeded', settled);
    const payload = JSON.stringify(event);
    const signature = new Stripe('sk_test_signer_only').webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const delivered = await svc.request('/webhooks/stripe', { raw: payload, headers: { 'stripe-signature': signature } });
    assert.equal(delivered.body.outcome, 'applied');
    assert.equal((await kit.invoiceAs(alex, invoice.id)).status, 'paid');
  });

  it('takes the first checking account when Link named none', async () => {
    const { publicToken } = plaid.publicToken();
    const reply = await exchange(alex, { publicToken });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.paymentMethod.last4, '0000');
    assert.equal(reply.body.paymentMethod.accountType, 'checking');
  });

  it("is the contact's own: another client cannot pay with it", async () => {
    const { publicToken } = plaid.publicToken();
    const linked = (await exchange(alex, { publicToken })).body.paymentMethod;
    const jordan = (await svc.login('jordan@example.com')).token;
    const invoice = await kit.invoice({ amount: 1_000, contactId: svc.fixtures.jordan.id });
    const reply = await kit.pay(
      jordan,
      { allocations: [{ invoiceId: invoice.id, amount: 1_000 }], paymentMethod: { type: 'us_bank_account', token: linked.token }, mandate: { accepted: true } },
      randomUUID(),
    );
    assertProblem(reply, 422, 'payment_method_invalid');
  });

  describe("Plaid's refusals become 422 bank_link_invalid", () => {
    it('an unknown, expired or already used public token', async () => {
      const unknown = await exchange(alex, { publicToken: 'public-sandbox-00000000-not-real' });
      assertProblem(unknown, 422, 'bank_link_invalid');
      assert.equal(unknown.body.plaidErrorCode, 'INVALID_PUBLIC_TOKEN');
      assert.match(unknown.body.detail, /Connect your bank again/);

      const { publicToken } = plaid.publicToken();
      assert.equal((await exchange(alex, { publicToken })).status, 200);
      const reused = await exchange(alex, { publicToken });
      assertProblem(reused, 422, 'bank_link_invalid');
    });

    it('a bank that wants the client to sign in again', async () => {
      const { publicToken } = plaid.publicToken({ loginRequired: true });
      const reply = await exchange(alex, { publicToken });
      assertProblem(reply, 422, 'bank_link_invalid');
      assert.equal(reply.body.plaidErrorCode, 'ITEM_LOGIN_REQUIRED');
      assert.match(reply.body.detail, /sign in again/);
    });

    it('an account that is not there, or that cannot be debited', async () => {
      const first = plaid.publicToken();
      const missing = await exchange(alex, { publicToken: first.publicToken, accountId: 'acc_nope' });
      assertProblem(missing, 422, 'bank_link_invalid');
      assert.equal(missing.body.plaidErrorCode, 'INVALID_ACCOUNT_ID');

      const second = plaid.publicToken();
      const credit = second.accounts.find((account) => account.type === 'credit')!;
      const notDebitable = await exchange(alex, { publicToken: second.publicToken, accountId: credit.account_id });
      assertProblem(notDebitable, 422, 'bank_link_invalid');
      assert.match(notDebitable.body.detail, /checking or savings/);
    });

    it('makes no Stripe bank account when Plaid refuses', async () => {
      const sources = stripe.requests.filter((request) => request.path.endsWith('/sources')).length;
      await exchange(alex, { publicToken: 'public-sandbox-11111111-not-real' });
      assert.equal(stripe.requests.filter((request) => request.path.endsWith('/sources')).length, sources);
    });
  });

  it('answers 503 bank_link_unavailable when Plaid cannot be reached', async () => {
    const unreachable = await startTestService({ env: env('http://127.0.0.1:9') });
    try {
      const token = (await unreachable.login('alex@example.com')).token;
      const reply = await unreachable.request('/api/v1/bank-links', { token, method: 'POST' });
      assertProblem(reply, 503, 'bank_link_unavailable');
    } finally {
      await unreachable.close();
    }
  });
});
