import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Stripe's API on 127.0.0.1, speaking the part of it Portico uses, in
 * Stripe's own shapes: form-encoded bodies, Bearer secret keys, idempotent POSTs (the same key
 * replays the stored answer), test payment methods that succeed, decline, ask for 3-D Secure or
 * stay processing. Faults can be injected: a response dropped after the work was done (and
 * stored), or an error answered before any work.
 */

export interface StandInMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  outcome: 'succeed' | 'decline' | 'insufficient_funds' | 'authenticate' | 'processing' | 'microdeposits';
  card?: { brand: string; last4: string; exp_month: number; exp_year: number; funding?: string; wallet?: { type: string } | null };
  billing_details?: { address: { postal_code: string | null } | null };
  us_bank_account?: { bank_name: string; last4: string; account_type: 'checking' | 'savings'; financial_connections_account: string | null };
  customer: string | null;
}

export interface StandInIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: 'succeeded' | 'processing' | 'requires_action' | 'requires_payment_method' | 'canceled';
  client_secret: string;
  customer: string | null;
  payment_method: string;
  payment_method_types: string[];
  description: string | null;
  metadata: Record<string, string>;
  setup_future_usage: string | null;
  transfer_data: { destination: string; amount: number | null } | null;
  next_action:
    | { type: 'use_stripe_sdk'; use_stripe_sdk: Record<string, string> }
    | { type: 'verify_with_microdeposits'; verify_with_microdeposits: Record<string, string> }
    | null;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  latest_charge: string | null;
  created: number;
  livemode: false;
}

export interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string | null;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: string | null;
  source_transfer_reversal: null;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  failure_reason?: string;
  transfer_reversal: string | null;
}

/** Money pulled back from a connected account when a destination charge is refunded with `reverse_transfer`. */
export interface StandInTransferReversal {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  destination: string;
  refund: string;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  params: Record<string, any>;
  idempotencyKey: string | undefined;
  /** The stored answer was sent again for a repeated idempotency key. */
  replayed: boolean;
}

interface Answer {
  status: number;
  body: unknown;
}

/** Which requests a fault hits: a path pattern, or any test of the request. */
export type RequestMatch = RegExp | ((request: ReceivedRequest) => boolean);

interface Fault {
  match: (request: ReceivedRequest) => boolean;
  remaining: number;
  kind: 'drop' | 429 | 500;
}

const matcher = (match: RequestMatch) => (typeof match === 'function' ? match : (request: ReceivedRequest) => match.test(request.path));

const testMethods: Omit<StandInMethod, 'customer'>[] = [
  { id: 'pm_card_visa', type: 'card', outcome: 'succeed', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } },
  { id: 'pm_card_mastercard', type: 'card', outcome: 'succeed', card: { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2034 } },
  { id: 'pm_card_visa_debit', type: 'card', outcome: 'succeed', card: { brand: 'visa', last4: '5556', exp_month: 12, exp_year: 2034, funding: 'debit' } },
  {
    id: 'pm_card_visa_applePay',
    type: 'card',
    outcome: 'succeed',
    card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', wallet: { type: 'apple_pay' } },
    billing_details: { address: { postal_code: '02108' } },
  },
  { id: 'pm_card_chargeDeclined', type: 'card', outcome: 'decline', card: { brand: 'visa', last4: '0002', exp_month: 12, exp_year: 2034 } },
  {
    id: 'pm_card_chargeDeclinedInsufficientFunds',
    type: 'card',
    outcome: 'insufficient_funds',
    card: { brand: 'visa', last4: '9995', exp_month: 12, exp_year: 2034 },
  },
  { id: 'pm_card_authenticationRequired', type: 'card', outcome: 'authenticate', card: { brand: 'visa', last4: '3155', exp_month: 12, exp_year: 2034 } },
  {
    id: 'pm_usBankAccount_microdeposits',
    type: 'us_bank_account',
    outcome: 'microdeposits',
    us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789', account_type: 'checking', financial_connections_account: null },
  },
  {
    id: 'pm_usBankAccount_success',
    type: 'us_bank_account',
    outcome: 'processing',
    us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789', account_type: 'checking', financial_connections_account: null },
  },
];

const id = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/** Stripe's form encoding (`a[b][0]=c`) back into objects and arrays. */
export function parseForm(body: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const [head, ...rest] = rawKey.split('[');
    const path = [head!, ...rest.map((part) => part.replace(/\]$/, ''))];
    let node = root;
    for (const [index, part] of path.entries()) {
      if (index === path.length - 1) node[part] = value;
      else node = node[part] ??= {};
    }
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, arrays(inner)] as const);
    if (entries.length && entries.every(([key], index) => key === String(index))) return entries.map(([, inner]) => inner);
    return Object.fromEntries(entries);
  };
  return arrays(root) as Record<string, any>;
}

export async function startStripeStandIn(options: { secretKey?: string } = {}) {
  const secretKey = options.secretKey ?? 'sk_test_standin';
  const methods = new Map<string, StandInMethod>(testMethods.map((method) => [method.id, { ...method, customer: null }]));
  const intents = new Map<string, StandInIntent>();
  const customers = new Map<string, { id: string; object: 'customer'; email: string | null; name: string | null; metadata: Record<string, string> }>();
  const refunds = new Map<string, StandInRefund>();
  const reversals: StandInTransferReversal[] = [];
  const bankTokens = new Map<string, { bank_name: string; last4: string; account_type: 'checking' | 'savings'; used: boolean }>();
  const stored = new Map<string, { params: string; answer: Answer }>();
  const requests: ReceivedRequest[] = [];
  const faults: Fault[] = [];

  const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}): Answer => ({
    status,
    body: { error: { type, message, ...extra } },
  });
  const missing = (what: string, param: string) => error(404, 'invalid_request_error', `No such ${what}`, { code: 'resource_missing', param });

  const methodJson = (method: StandInMethod) => ({
    id: method.id,
    object: 'payment_method',
    type: method.type,
    customer: method.customer,
    billing_details: { name: null, email: null, address: method.billing_details?.address ?? null, phone: null },
    ...(method.card ? { card: { funding: 'credit', wallet: null, ...method.card, country: 'US' } } : {}),
    ...(method.us_bank_account ? { us_bank_account: { ...method.us_bank_account, account_holder_type: 'individual', routing_number: '110000000' } } : {}),
    livemode: false,
  });

  function createIntent(params: Record<string, any>): Answer {
    const amount = Number(params.amount);
    if (!Number.isInteger(amount) || amount < 50)
      return error(400, 'invalid_request_error', 'Amount must be at least $0.50 usd', { code: 'amount_too_small', param: 'amount' });
    if (!/^[a-z]{3}$/.test(params.currency ?? '')) return error(400, 'invalid_request_error', 'Invalid currency', { param: 'currency' });
    const method = methods.get(params.payment_method);
    if (!method) return missing(`PaymentMethod '${params.payment_method}'`, 'payment_method');
    if (params.confirm !== 'true') return error(400, 'invalid_request_error', 'This stand-in only creates confirmed PaymentIntents', { param: 'confirm' });
    if (params.customer && !customers.has(params.customer)) return missing(`customer: '${params.customer}'`, 'customer');
    if (method.customer && method.customer !== params.customer) {
      return error(400, 'invalid_request_error', 'The provided PaymentMethod is attached to another customer.', {
        code: 'payment_method_unexpected_state',
        param: 'payment_method',
      });
    }
    const types: string[] = params.allowed_payment_method_types ?? ['card'];
    if (!types.includes(method.type)) {
      return error(400, 'invalid_request_error', `The PaymentMethod type ${method.type} is not allowed on this PaymentIntent.`, { param: 'payment_method' });
    }
    const online = params.mandate_data?.customer_acceptance?.online;
    if (method.type === 'us_bank_account' && (params.mandate_data?.customer_acceptance?.type !== 'online' || !online?.ip_address || !online?.user_agent)) {
      return error(400, 'invalid_request_error', 'A mandate with online customer acceptance is required for us_bank_account.', { param: 'mandate_data' });
    }
    if (params.transfer_data && !/^acct_/.test(params.transfer_data.destination ?? '')) {
      return error(400, 'invalid_request_error', `No such destination: '${params.transfer_data.destination}'`, { param: 'transfer_data[destination]' });
    }
    const intentId = id('pi');
    const intent: StandInIntent = {
      id: intentId,
      object: 'payment_intent',
      amount,
      currency: params.currency,
      status: 'processing',
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
      customer: params.customer ?? null,
      payment_method: method.id,
      payment_method_types: [method.type],
      description: params.description ?? null,
      metadata: params.metadata ?? {},
      setup_future_usage: params.setup_future_usage ?? null,
      transfer_data: params.transfer_data
        ? { destination: params.transfer_data.destination, amount: params.transfer_data.amount ? Number(params.transfer_data.amount) : null }
        : null,
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    intents.set(intent.id, intent);
    if (method.outcome === 'decline' || method.outcome === 'insufficient_funds') {
      const declineCode = method.outcome === 'decline' ? 'generic_decline' : 'insufficient_funds';
      const message = method.outcome === 'decline' ? 'Your card was declined.' : 'Your card has insufficient funds.';
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: declineCode, message };
      return error(402, 'card_error', message, { code: 'card_declined', decline_code: declineCode, payment_intent: intent, charge: id('ch') });
    }
    if (method.outcome === 'authenticate') {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
    } else if (method.outcome === 'microdeposits') {
      intent.status = 'requires_action';
      intent.next_action = { type: 'verify_with_microdeposits', verify_with_microdeposits: { microdeposit_type: 'descriptor_code' } };
    } else if (method.outcome === 'succeed') {
      succeed(intent);
    }
    if (intent.setup_future_usage && intent.customer && intent.status !== 'requires_payment_method') method.customer = intent.customer;
    return { status: 200, body: intent };
  }

  /** What has been refunded (or is being) of a PaymentIntent's charge, as Stripe's `amount_refunded` counts it. */
  const refundedOf = (intentId: string) =>
    [...refunds.values()]
      .filter((refund) => refund.payment_intent === intentId && (refund.status === 'succeeded' || refund.status === 'pending'))
      .reduce((sum, refund) => sum + refund.amount, 0);

  /** Card refunds complete at once; a bank debit's refund is pending until `settleRefund`. As in Stripe. */
  function createRefund(params: Record<string, any>, origin: 'api' | 'dashboard'): Answer {
    const intent = intents.get(params.payment_intent ?? '');
    if (!intent) return missing(`payment_intent: '${params.payment_intent}'`, 'payment_intent');
    if (intent.status !== 'succeeded' || !intent.latest_charge) {
      return error(400, 'invalid_request_error', `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
        param: 'payment_intent',
      });
    }
    const left = intent.amount - refundedOf(intent.id);
    if (left <= 0) return error(400, 'invalid_request_error', `Charge ${intent.latest_charge} has already been refunded.`, { code: 'charge_already_refunded' });
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (!Number.isInteger(amount) || amount <= 0) return error(400, 'invalid_request_error', 'Invalid positive integer', { param: 'amount' });
    if (amount > left) {
      return error(
        400,
        'invalid_request_error',
        `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(left / 100).toFixed(2)})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    if (params.reverse_transfer === 'true' && !intent.transfer_data) {
      return error(400, 'invalid_request_error', 'The charge has no transfer to reverse.', { param: 'reverse_transfer' });
    }
    const refund: StandInRefund = {
      id: id('re'),
      object: 'refund',
      amount,
      balance_transaction: id('txn'),
      charge: intent.latest_charge,
      created: Math.floor(Date.now() / 1000),
      currency: intent.currency,
      metadata: params.metadata ?? {},
      payment_intent: intent.id,
      reason: params.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: intent.payment_method_types.includes('us_bank_account') ? 'pending' : 'succeeded',
      transfer_reversal: null,
    };
    // A dashboard refund of a destination charge reverses the transfer too, as the dashboard offers.
    if (intent.transfer_data && (params.reverse_transfer === 'true' || origin === 'dashboard')) {
      const transferred = intent.transfer_data.amount ?? intent.amount;
      const reversal: StandInTransferReversal = {
        id: id('trr'),
        object: 'transfer_reversal',
        amount: Math.round((amount * transferred) / intent.amount),
        destination: intent.transfer_data.destination,
        refund: refund.id,
      };
      reversals.push(reversal);
      refund.transfer_reversal = reversal.id;
    }
    refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  /** The charge of a PaymentIntent, as `charge.*` events and `latest_charge` expansions show it. */
  function chargeJson(intent: StandInIntent) {
    const refunded = refundedOf(intent.id);
    return {
      id: intent.latest_charge ?? id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_refunded: refunded,
      refunded: refunded >= intent.amount,
      currency: intent.currency,
      payment_intent: intent.id,
      metadata: intent.metadata,
      transfer_data: intent.transfer_data,
      balance_transaction: {
        id: `txn_${intent.id.slice(3)}`,
        object: 'balance_transaction',
        amount: intent.amount,
        currency: intent.currency,
        // Stripe's US pricing: 2.9% + 30¢ for cards, 0.8% capped at $5 for ACH debits.
        fee: intent.payment_method_types.includes('us_bank_account')
          ? Math.min(500, Math.round(intent.amount * 0.008))
          : Math.round(intent.amount * 0.029) + 30,
      },
    };
  }

  function succeed(intent: StandInIntent) {
    intent.status = 'succeeded';
    intent.next_action = null;
    intent.latest_charge ??= id('ch');
  }

  function route(method: string, path: string, params: Record<string, any>): Answer {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: id('cus'), object: 'customer' as const, email: params.email ?? null, name: params.name ?? null, metadata: params.metadata ?? {} };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if ((match = /^\/v1\/customers\/([^/]+)\/sources$/.exec(path)) && method === 'POST') {
      const customer = customers.get(match[1]!);
      if (!customer) return missing(`customer: '${match[1]}'`, 'id');
      const token = bankTokens.get(params.source);
      if (!token || token.used) return missing(`token: '${params.source}'`, 'source');
      token.used = true;
      const bankAccount: StandInMethod = {
        id: id('ba'),
        type: 'us_bank_account',
        outcome: 'processing',
        customer: customer.id,
        us_bank_account: { bank_name: token.bank_name, last4: token.last4, account_type: token.account_type, financial_connections_account: null },
      };
      methods.set(bankAccount.id, bankAccount);
      return {
        status: 200,
        body: {
          id: bankAccount.id,
          object: 'bank_account',
          bank_name: token.bank_name,
          last4: token.last4,
          account_type: token.account_type,
          account_holder_type: 'individual',
          routing_number: '110000000',
          status: 'verified',
          customer: customer.id,
          country: 'US',
          currency: 'usd',
        },
      };
    }
    if ((match = /^\/v1\/customers\/([^/]+)\/sources\/([^/]+)$/.exec(path)) && method === 'DELETE') {
      const source = methods.get(match[2]!);
      if (!source || source.customer !== match[1]) return missing(`source: '${match[2]}'`, 'id');
      methods.delete(source.id);
      return { status: 200, body: { id: source.id, object: 'bank_account', deleted: true } };
    }
    if ((match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path)) && method === 'GET') {
      const found = methods.get(match[1]!);
      return found ? { status: 200, body: methodJson(found) } : missing(`PaymentMethod '${match[1]}'`, 'payment_method');
    }
    if ((match = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path)) && method === 'POST') {
      const found = methods.get(match[1]!);
      if (!found) return missing(`PaymentMethod '${match[1]}'`, 'payment_method');
      if (!found.customer)
        return error(400, 'invalid_request_error', 'The payment method you provided is not attached to a customer so detachment is impossible.', {
          code: 'payment_method_unexpected_state',
        });
      found.customer = null;
      return { status: 200, body: methodJson(found) };
    }
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    if (method === 'GET' && path === '/v1/payment_intents') {
      // Newest first, as Stripe lists; filtered by customer and creation time like the real API.
      const since = Number(params.created?.gte ?? 0);
      const data = [...intents.values()]
        .filter((intent) => (!params.customer || intent.customer === params.customer) && intent.created >= since)
        .reverse()
        .slice(0, Number(params.limit ?? 10));
      return { status: 200, body: { object: 'list', url: '/v1/payment_intents', has_more: false, data } };
    }
    if ((match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === 'GET') {
      const intent = intents.get(match[1]!);
      if (!intent) return missing(`payment_intent: '${match[1]}'`, 'intent');
      const expand: string[] = params.expand ?? [];
      const expanded = expand.some((field) => field === 'latest_charge' || field.startsWith('latest_charge.'));
      if (!expanded || !intent.latest_charge) return { status: 200, body: intent };
      const charge = chargeJson(intent);
      return {
        status: 200,
        body: {
          ...intent,
          latest_charge: expand.includes('latest_charge.balance_transaction') ? charge : { ...charge, balance_transaction: charge.balance_transaction.id },
        },
      };
    }
    if (method === 'POST' && path === '/v1/refunds') return createRefund(params, 'api');
    if (method === 'GET' && path === '/v1/refunds') {
      // Newest first, as Stripe lists; by PaymentIntent like the real API.
      const data = [...refunds.values()]
        .filter((refund) => !params.payment_intent || refund.payment_intent === params.payment_intent)
        .reverse()
        .slice(0, Number(params.limit ?? 10));
      return { status: 200, body: { object: 'list', url: '/v1/refunds', has_more: false, data } };
    }
    if ((match = /^\/v1\/refunds\/([^/]+)$/.exec(path)) && method === 'GET') {
      const refund = refunds.get(match[1]!);
      return refund ? { status: 200, body: refund } : missing(`refund: '${match[1]}'`, 'id');
    }
    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const method = req.method ?? 'GET';
      const params = parseForm(method === 'GET' ? url.search.slice(1) : raw);
      const key = req.headers['idempotency-key'] as string | undefined;
      const received: ReceivedRequest = { method, path: url.pathname, headers: req.headers, params, idempotencyKey: key, replayed: false };
      requests.push(received);
      const send = (answer: Answer, headers: Record<string, string> = {}) => {
        res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers });
        res.end(JSON.stringify(answer.body));
      };

      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        return send(error(401, 'invalid_request_error', 'Invalid API Key provided.'));
      }
      const fault = faults.find((candidate) => candidate.remaining > 0 && candidate.match(received));
      if (fault && fault.kind !== 'drop') {
        // Refused before any work: nothing is stored against the key.
        fault.remaining -= 1;
        return fault.kind === 429
          ? send(error(429, 'invalid_request_error', 'Too many requests hit the API too quickly.', { code: 'rate_limit' }))
          : send(error(500, 'api_error', 'Something went wrong on our end.'), { 'stripe-should-retry': 'false' });
      }

      let answer: Answer;
      let replay = false;
      const previous = key && method === 'POST' ? stored.get(key) : undefined;
      if (previous) {
        if (previous.params !== raw) {
          answer = error(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          );
        } else {
          answer = previous.answer;
          replay = true;
        }
      } else {
        answer = route(method, url.pathname, params);
        if (key && method === 'POST') stored.set(key, { params: raw, answer: structuredClone(answer) });
      }
      received.replayed = replay;
      if (fault?.kind === 'drop') {
        // The work is done and stored, but the answer never arrives.
        fault.remaining -= 1;
        req.socket.destroy();
        return;
      }
      send(answer, replay ? { 'idempotent-replayed': 'true' } : {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    secretKey,
    requests,
    /** PaymentIntents as created, newest last. */
    intents: () => [...intents.values()],
    intent: (intentId: string) => intents.get(intentId),
    customers: () => [...customers.values()],
    method: (methodId: string) => methods.get(methodId),
    /** Drops the next `count` responses on matching paths, after doing (and storing) the work. */
    dropResponses(count: number, match: RequestMatch = /^\/v1\/payment_intents$/) {
      faults.push({ match: matcher(match), remaining: count, kind: 'drop' });
    },
    /** Answers the next `count` matching requests with 429 or 500, before doing any work. */
    failRequests(status: 429 | 500, count: number, match: RequestMatch = /^\/v1\/payment_intents$/) {
      faults.push({ match: matcher(match), remaining: count, kind: status });
    },
    clearFaults() {
      faults.length = 0;
    },
    /** A Stripe bank account token (as Plaid makes them) that `customers.createSource` accepts. */
    addBankAccountToken(token: string, account: { bank_name: string; last4: string; account_type: 'checking' | 'savings' }) {
      bankTokens.set(token, { ...account, used: false });
    },
    /** The client finished (or failed) 3-D Secure in the browser. */
    completeAction(intentId: string, approve = true) {
      const intent = intents.get(intentId)!;
      if (approve) succeed(intent);
      else {
        intent.status = 'requires_payment_method';
        intent.next_action = null;
        intent.last_payment_error = {
          type: 'invalid_request_error',
          code: 'payment_intent_authentication_failure',
          message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
        };
      }
      return intent;
    },
    /** A bank debit settles, or comes back. */
    settle(intentId: string, outcome: 'succeeded' | 'failed' = 'succeeded') {
      const intent = intents.get(intentId)!;
      if (outcome === 'succeeded') succeed(intent);
      else {
        intent.status = 'requires_payment_method';
        intent.last_payment_error = {
          type: 'invalid_request_error',
          code: 'insufficient_funds',
          message: "The customer's account has insufficient funds to cover this payment.",
        };
      }
      return intent;
    },
    /** An event as Stripe would deliver it to a webhook endpoint. */
    event(type: string, object: unknown, created = Math.floor(Date.now() / 1000)) {
      return { id: id('evt'), object: 'event', api_version: '2026-10-28.endive', created, livemode: false, pending_webhooks: 1, type, data: { object } };
    },
    /** The charge of a PaymentIntent, as `charge.*` events carry it (with what its refunds took back). */
    chargeOf(intentId: string, changes: Record<string, unknown> = {}) {
      const { balance_transaction: transaction, ...charge } = chargeJson(intents.get(intentId)!);
      return { ...charge, balance_transaction: transaction.id, ...changes };
    },
    /** Refunds as Stripe holds them, oldest first. */
    refunds: (intentId?: string) => [...refunds.values()].filter((refund) => !intentId || refund.payment_intent === intentId),
    /** Money pulled back from connected accounts by refunds of destination charges. */
    transferReversals: () => [...reversals],
    /** Someone at the firm refunds in Stripe's dashboard (no metadata of ours); the refund, or the error Stripe would show. */
    dashboardRefund(intentId: string, amount?: number) {
      const answer = createRefund({ payment_intent: intentId, ...(amount === undefined ? {} : { amount: String(amount) }) }, 'dashboard');
      if (answer.status !== 200) throw new Error(`dashboard refund refused: ${JSON.stringify(answer.body)}`);
      return answer.body as StandInRefund;
    },
    /** A pending refund (a bank debit's) completes, or fails. */
    settleRefund(refundId: string, outcome: 'succeeded' | 'failed' = 'succeeded') {
      const refund = refunds.get(refundId)!;
      refund.status = outcome;
      if (outcome === 'failed') refund.failure_reason = 'declined';
      return refund;
    },
    disputeOf(intentId: string, changes: Record<string, unknown> = {}) {
      const intent = intents.get(intentId)!;
      return {
        id: id('dp'),
        object: 'dispute',
        amount: intent.amount,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        reason: 'fraudulent',
        status: 'needs_response',
        ...changes,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;
