import type { PlaidApi } from 'plaid';
import type { Clock } from '../../clock.ts';
import { providerUnavailable } from '../../config.ts';
import { Problem } from '../../http/problem.ts';
import type { BankLinkProvider, LinkedAccount } from '../bank-links.ts';
import type * as Plaid from 'plaid';
import type { PlaidRepository } from './plaid.repository.ts';

type PlaidModule = typeof Plaid;

export interface PlaidClientOptions {
  clientId: string;
  secret: string;
  env: 'sandbox' | 'development' | 'production';
  /** Another address for the API (a proxy, or a stand-in in tests): scheme, host and port. */
  apiBase?: string;
  timeoutMs?: number;
}

/** Loads the SDK module; replaced in tests to check it is never loaded when Plaid is not in use. */
export type PlaidModuleLoader = () => Promise<PlaidModule>;

const loadPlaidModule: PlaidModuleLoader = () => import('plaid');

/** The Plaid client, made on first use: a service that never links a bank never loads the SDK. */
export function lazyPlaidClient(options: PlaidClientOptions, load: PlaidModuleLoader = loadPlaidModule): () => Promise<{ api: PlaidApi; plaid: PlaidModule }> {
  let client: Promise<{ api: PlaidApi; plaid: PlaidModule }> | undefined;
  return () =>
    (client ??= load().then(
      (plaid) => {
        const basePath = options.apiBase ?? plaid.PlaidEnvironments[options.env] ?? `https://${options.env}.plaid.com`;
        const configuration = new plaid.Configuration({
          basePath,
          baseOptions: { headers: { 'PLAID-CLIENT-ID': options.clientId, 'PLAID-SECRET': options.secret }, timeout: options.timeoutMs ?? 20_000 },
        });
        return { api: new plaid.PlaidApi(configuration), plaid };
      },
      (error: unknown) => {
        client = undefined;
        throw error;
      },
    ));
}

/** What the Plaid link needs of Stripe: a Stripe bank account token becomes a payment method of the contact. */
export interface StripeBankAccounts {
  attachBankAccountToken(contact: { id: string; email: string; name: string }, bankAccountToken: string, accountType: string): Promise<LinkedAccount>;
}

export interface PlaidBankLinkDeps {
  client: () => Promise<{ api: PlaidApi; plaid: PlaidModule }>;
  repository: PlaidRepository;
  stripe: StripeBankAccounts;
  clock: Clock;
}

/** What the client is told for each of Plaid's errors they can do something about. */
const clientMessages: Record<string, string> = {
  INVALID_PUBLIC_TOKEN: 'The bank connection expired or was already used. Connect your bank again.',
  INVALID_LINK_TOKEN: 'The bank connection expired. Connect your bank again.',
  ITEM_LOGIN_REQUIRED: 'Your bank asks you to sign in again. Connect your bank again.',
  INVALID_ACCOUNT_ID: 'That account is no longer available from your bank. Connect your bank again and choose another account.',
  ITEM_NOT_FOUND: 'The bank connection no longer exists. Connect your bank again.',
  NO_AUTH_ACCOUNTS: 'None of your accounts at this bank can be used for bank payments. Choose another bank, or pay by card.',
  PRODUCTS_NOT_SUPPORTED: 'This bank does not support payments from your account. Choose another bank, or pay by card.',
  ITEM_LOCKED: "Your bank has locked the connection. Sign in to your bank's website to unlock it, then connect again.",
};

/**
 * Bank sign-in with Plaid Link. The link token starts Link in the browser; the public token Link
 * returns is exchanged for an access token (kept here), and Plaid makes a Stripe bank account
 * token for the chosen account. That token is attached to the contact's Stripe Customer, and the
 * resulting bank account (`ba_…`) is the method the checkout charges as `us_bank_account`.
 */
export class PlaidBankLink implements BankLinkProvider {
  readonly name = 'plaid';

  constructor(private readonly deps: PlaidBankLinkDeps) {}

  async load(): Promise<void> {
    await this.deps.client().catch((error: unknown) => {
      throw providerUnavailable('BANK_LINK=plaid', 'plaid', error);
    });
  }

  async createLinkToken(contact: { id: string; email: string; name: string }, firm?: { name: string }) {
    const { api, plaid } = await this.deps.client();
    const response = await this.#call(() =>
      api.linkTokenCreate({
        client_name: (firm?.name ?? 'Client portal').slice(0, 30),
        user: { client_user_id: contact.id },
        products: [plaid.Products.Auth],
        country_codes: [plaid.CountryCode.Us],
        language: 'en',
      }),
    );
    return { linkToken: response.data.link_token, expiresAt: response.data.expiration };
  }

  async exchange(contact: { id: string; email: string; name: string }, publicToken: string, accountId: string | undefined): Promise<LinkedAccount> {
    const { api } = await this.deps.client();
    const item = await this.#call(() => api.itemPublicTokenExchange({ public_token: publicToken }));
    const accessToken = item.data.access_token;
    await this.deps.repository.keepItem({ itemId: item.data.item_id, contactId: contact.id, accessToken }, this.deps.clock().toISOString());

    const { accounts } = (await this.#call(() => api.accountsGet({ access_token: accessToken }))).data;
    const debitable = accounts.filter((account) => account.type === 'depository' && (account.subtype === 'checking' || account.subtype === 'savings'));
    const account = accountId ? accounts.find((candidate) => candidate.account_id === accountId) : debitable[0];
    if (!account) throw invalid(accountId ? 'INVALID_ACCOUNT_ID' : 'NO_AUTH_ACCOUNTS');
    if (!debitable.includes(account)) {
      throw Problem.unprocessable('bank_link_invalid', 'Only a checking or savings account can be debited. Choose another account.', {
        plaidErrorCode: 'ACCOUNT_NOT_DEBITABLE',
      });
    }

    const token = await this.#call(() => api.processorStripeBankAccountTokenCreate({ access_token: accessToken, account_id: account.account_id }));
    return this.deps.stripe.attachBankAccountToken(contact, token.data.stripe_bank_account_token, account.subtype ?? 'checking');
  }

  /** Plaid's refusals become a problem the client can act on; no answer becomes a 503. */
  async #call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const response = (error as { response?: { status?: number; data?: { error_code?: string; error_type?: string; display_message?: string | null } } })
        .response;
      const status = response?.status;
      const code = response?.data?.error_code;
      if (status && status < 500 && status !== 429 && code && response.data?.error_type !== 'RATE_LIMIT_EXCEEDED')
        throw invalid(code, response.data?.display_message);
      throw new Problem(503, 'bank_link_unavailable', 'Your bank could not be reached through Plaid just now. Try again in a moment.');
    }
  }
}

function invalid(code: string, displayMessage?: string | null): Problem {
  const message = clientMessages[code] ?? displayMessage ?? 'The bank connection could not be used. Connect your bank again.';
  return Problem.unprocessable('bank_link_invalid', message, { plaidErrorCode: code });
}
