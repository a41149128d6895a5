import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Storage } from '../../db/storage.ts';
import type { SecretBox } from '../../secrets/secret-box.ts';
import type { BankLinkProvider } from '../bank-links.ts';
import { lazyPlaidClient, PlaidBankLink, type PlaidModuleLoader, type StripeBankAccounts } from './plaid.bank-link.ts';
import { PlaidRepository } from './plaid.repository.ts';

export type PlaidFactory = (options: {
  config: Config['plaid'];
  storage: Storage;
  secrets: SecretBox;
  clock: Clock;
  stripe: StripeBankAccounts;
  load?: PlaidModuleLoader;
}) => BankLinkProvider;

/** Plaid as the bank sign-in. Nothing of the SDK is loaded until the first call to Plaid. */
export const createPlaid: PlaidFactory = ({ config, storage, secrets, clock, stripe, load }) => {
  if (!config.clientId || !config.secret) throw new Error('createPlaid: PLAID_CLIENT_ID and PLAID_SECRET are required');
  const client = lazyPlaidClient({ clientId: config.clientId, secret: config.secret, env: config.env, apiBase: config.apiBase }, load);
  return new PlaidBankLink({ client, repository: new PlaidRepository(storage, secrets), stripe, clock });
};
