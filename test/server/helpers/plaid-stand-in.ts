import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Plaid's API on 127.0.0.1: link tokens, the public token exchange, accounts,
 * and Stripe bank account tokens, with Plaid's error shape (`error_type`, `error_code`, …). A test
 * plays Link's part with `publicToken()`, which is what Link hands the browser on success.
 */

export interface StandInAccount {
  account_id: string;
  mask: string;
  name: string;
  type: 'depository' | 'credit';
  subtype: 'checking' | 'savings' | 'credit card';
}

interface Item {
  itemId: string;
  institution: string;
  accounts: StandInAccount[];
  loginRequired: boolean;
}

export interface PlaidRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, any>;
}

const id = (prefix: string) => `${prefix}-sandbox-${randomBytes(12).toString('hex')}`;

export function defaultAccounts(): StandInAccount[] {
  return [
    { account_id: `acc_${randomBytes(6).toString('hex')}`, mask: '0000', name: 'Plaid Checking', type: 'depository', subtype: 'checking' },
    { account_id: `acc_${randomBytes(6).toString('hex')}`, mask: '1111', name: 'Plaid Saving', type: 'depository', subtype: 'savings' },
    { account_id: `acc_${randomBytes(6).toString('hex')}`, mask: '3333', name: 'Plaid Credit Card', type: 'credit', subtype: 'credit card' },
  ];
}

export async function startPlaidStandIn(
  options: {
    clientId?: string;
    secret?: string;
    /** Told of each Stripe bank account token made, so a Stripe stand-in can accept it. */
    onBankAccountToken?: (token: string, account: { bank_name: string; last4: string; account_type: 'checking' | 'savings' }) => void;
  } = {},
) {
  const clientId = options.clientId ?? 'client-standin';
  const secret = options.secret ?? 'secret-standin';
  const publicTokens = new Map<string, Item>();
  const items = new Map<string, Item>();
  const requests: PlaidRequest[] = [];

  type Answer = { status: number; body: Record<string, unknown> };
  const plaidError = (status: number, errorType: string, errorCode: string, message: string, displayMessage: string | null = null): Answer => ({
    status,
    body: { error_type: errorType, error_code: errorCode, error_message: message, display_message: displayMessage, request_id: randomBytes(6).toString('hex') },
  });
  const ok = (body: Record<string, unknown>): Answer => ({ status: 200, body: { ...body, request_id: randomBytes(6).toString('hex') } });

  function itemFor(accessToken: unknown): Item | Answer {
    const item = typeof accessToken === 'string' ? items.get(accessToken) : undefined;
    if (!item) return plaidError(400, 'INVALID_INPUT', 'INVALID_ACCESS_TOKEN', 'provided access token is in an invalid format or does not exist');
    if (item.loginRequired) {
      return plaidError(
        400,
        'ITEM_ERROR',
        'ITEM_LOGIN_REQUIRED',
        'the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information.',
        'The login details of this item have changed. Please log in again.',
      );
    }
    return item;
  }

  function route(path: string, body: Record<string, any>): Answer {
    switch (path) {
      case '/link/token/create': {
        if (!body.client_name || !body.user?.client_user_id || !Array.isArray(body.country_codes) || !body.language) {
          return plaidError(
            400,
            'INVALID_REQUEST',
            'MISSING_FIELDS',
            'the following required fields are missing: client_name, user.client_user_id, country_codes, language',
          );
        }
        return ok({ link_token: id('link'), expiration: new Date(Date.now() + 4 * 3_600_000).toISOString() });
      }
      case '/item/public_token/exchange': {
        const item = typeof body.public_token === 'string' ? publicTokens.get(body.public_token) : undefined;
        if (!item)
          return plaidError(
            400,
            'INVALID_INPUT',
            'INVALID_PUBLIC_TOKEN',
            'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged',
          );
        publicTokens.delete(body.public_token);
        const accessToken = id('access');
        items.set(accessToken, item);
        return ok({ access_token: accessToken, item_id: item.itemId });
      }
      case '/accounts/get': {
        const item = itemFor(body.access_token);
        if ('status' in item) return item;
        return ok({
          accounts: item.accounts.map((account) => ({ ...account, official_name: null, balances: { available: 100, current: 110, iso_currency_code: 'USD' } })),
          item: { item_id: item.itemId, institution_id: 'ins_109508' },
        });
      }
      case '/processor/stripe/bank_account_token/create': {
        const item = itemFor(body.access_token);
        if ('status' in item) return item;
        const account = item.accounts.find((candidate) => candidate.account_id === body.account_id);
        if (!account) return plaidError(400, 'INVALID_INPUT', 'INVALID_ACCOUNT_ID', 'one or more of the account IDs is invalid');
        const token = `btok_${randomBytes(10).toString('hex')}`;
        options.onBankAccountToken?.(token, {
          bank_name: item.institution,
          last4: account.mask,
          account_type: account.subtype === 'savings' ? 'savings' : 'checking',
        });
        return ok({ stripe_bank_account_token: token });
      }
      default:
        return plaidError(404, 'INVALID_REQUEST', 'UNKNOWN_FIELDS', `no route for ${path}`);
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, any>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        body = {};
      }
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
      requests.push({ path, headers: req.headers, body });
      const send = (answer: Answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      };
      const sentId = req.headers['plaid-client-id'] ?? body.client_id;
      const sentSecret = req.headers['plaid-secret'] ?? body.secret;
      if (sentId !== clientId || sentSecret !== secret) {
        return send(plaidError(400, 'INVALID_INPUT', 'INVALID_API_KEYS', 'invalid client_id or secret provided'));
      }
      send(route(path, body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId,
    secret,
    requests,
    /** What Link gives the browser when the client signed in and chose their accounts. */
    publicToken(link: { institution?: string; accounts?: StandInAccount[]; loginRequired?: boolean } = {}) {
      const token = id('public');
      const accounts = link.accounts ?? defaultAccounts();
      publicTokens.set(token, {
        itemId: `item_${randomBytes(8).toString('hex')}`,
        institution: link.institution ?? 'First Platypus Bank',
        accounts,
        loginRequired: link.loginRequired ?? false,
      });
      return { publicToken: token, accounts };
    },
    /** The bank asks every item for a new sign-in (ITEM_LOGIN_REQUIRED). */
    requireLogin() {
      for (const item of items.values()) item.loginRequired = true;
    },
    accessTokens: () => [...items.keys()],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type PlaidStandIn = Awaited<ReturnType<typeof startPlaidStandIn>>;
