import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { newId } from '../../db/ids.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

/** The sandbox's banks, named after Plaid's sandbox institutions; some ask for a one-time code. */
export const institutions = [
  { id: 'ins_109508', name: 'First Platypus Bank', mfa: false },
  { id: 'ins_109509', name: 'First Gingham Credit Union', mfa: false },
  { id: 'ins_109510', name: 'Tattersall Federal Credit Union', mfa: true },
  { id: 'ins_109511', name: 'Tartan Bank', mfa: true },
  { id: 'ins_109512', name: 'Houndstooth Bank', mfa: false },
] as const;

export const sandboxCredentials = { username: 'user_good', password: 'pass_good', mfaCode: '1234' } as const;

const accounts = [
  { id: 'acct_checking', name: 'Plaid Checking', mask: '0000', subtype: 'checking' },
  { id: 'acct_savings', name: 'Plaid Saving', mask: '1111', subtype: 'savings' },
] as const;

export type LinkStepResult =
  | { status: 'mfa_required'; prompt: string }
  | { status: 'select_account'; institution: { id: string; name: string }; accounts: typeof accounts }
  | { error: { code: string; message: string } };

const linkLifetimeMs = 30 * 60_000;

/**
 * The sandbox's stand-in for Plaid Link: a link token starts a session; the client picks a bank,
 * signs in with the sandbox credentials (and a code where the bank asks), chooses an account,
 * and gets a public token that the service exchanges for a bank-debit payment method.
 */
export class SandboxBankLink {
  constructor(
    private readonly repository: SandboxRepository,
    private readonly clock: Clock,
  ) {}

  async createLinkToken(contactId: string): Promise<{ linkToken: string; expiresAt: string }> {
    const linkToken = `link-sandbox-${randomBytes(16).toString('hex')}`;
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + linkLifetimeMs).toISOString();
    await this.repository.createLinkSession({ linkToken, contactId, expiresAt, createdAt: now.toISOString() });
    return { linkToken, expiresAt };
  }

  searchInstitutions(query: string) {
    const q = query.trim().toLowerCase();
    return institutions.filter((institution) => institution.name.toLowerCase().includes(q));
  }

  async signIn(linkToken: string, input: { institutionId: string; username: string; password: string }): Promise<LinkStepResult> {
    const session = await this.#session(linkToken);
    if ('error' in session) return session;
    const institution = institutions.find((candidate) => candidate.id === input.institutionId);
    if (!institution) return { error: { code: 'INVALID_INSTITUTION', message: 'Choose a bank from the list.' } };
    if (input.username !== sandboxCredentials.username || input.password !== sandboxCredentials.password) {
      return {
        error: { code: 'INVALID_CREDENTIALS', message: 'The username or password you entered is incorrect. In the sandbox, use user_good and pass_good.' },
      };
    }
    await this.repository.updateLinkSession(linkToken, { state: institution.mfa ? 'mfa' : 'signed_in', institution: institution.id });
    if (institution.mfa) return { status: 'mfa_required', prompt: `${institution.name} sent a code to your phone ending in 5309. Enter it to continue.` };
    return { status: 'select_account', institution: { id: institution.id, name: institution.name }, accounts };
  }

  async verifyCode(linkToken: string, code: string): Promise<LinkStepResult> {
    const session = await this.#session(linkToken);
    if ('error' in session) return session;
    if (session.state !== 'mfa') return { error: { code: 'INVALID_STATE', message: 'Sign in to your bank first.' } };
    if (code.trim() !== sandboxCredentials.mfaCode)
      return { error: { code: 'INVALID_MFA', message: 'That code is incorrect. In the sandbox, the code is 1234.' } };
    await this.repository.updateLinkSession(linkToken, { state: 'signed_in' });
    const institution = institutions.find((candidate) => candidate.id === session.institution)!;
    return { status: 'select_account', institution: { id: institution.id, name: institution.name }, accounts };
  }

  /** The client chose an account: the session yields its public token. */
  async chooseAccount(linkToken: string, accountId: string): Promise<{ publicToken: string } | { error: { code: string; message: string } }> {
    const session = await this.#session(linkToken);
    if ('error' in session) return session;
    if (session.state !== 'signed_in') return { error: { code: 'INVALID_STATE', message: 'Sign in to your bank first.' } };
    if (!accounts.some((account) => account.id === accountId)) return { error: { code: 'INVALID_ACCOUNT', message: 'Choose one of your accounts.' } };
    const publicToken = `public-sandbox-${randomBytes(16).toString('hex')}`;
    await this.repository.updateLinkSession(linkToken, { state: `chosen:${accountId}`, publicToken });
    return { publicToken };
  }

  /**
   * Exchanges a public token for a reusable bank-debit payment method of the sandbox processor
   * (with Plaid, this is the processor-token step). Single use; only for the contact who linked.
   */
  async exchange(contactId: string, publicToken: string): Promise<{ token: string; bankName: string; last4: string; accountType: string } | undefined> {
    const session = await this.repository.linkSessionByPublicToken(publicToken);
    if (!session || session.contact_id !== contactId || !session.state.startsWith('chosen:') || session.expires_at <= this.clock().toISOString()) {
      return undefined;
    }
    const account = accounts.find((candidate) => `chosen:${candidate.id}` === session.state)!;
    const institution = institutions.find((candidate) => candidate.id === session.institution)!;
    const token = newId('pm');
    const exchanged = await this.repository.exchangeLinkSession(session.link_token, session.state, {
      id: token,
      type: 'us_bank_account',
      outcome: 'succeed',
      brand: null,
      last4: account.mask,
      expMonth: null,
      expYear: null,
      bankName: institution.name,
      accountType: account.subtype,
      holderName: null,
      origin: 'linked',
      createdAt: this.clock().toISOString(),
    });
    if (!exchanged) return undefined;
    return { token, bankName: institution.name, last4: account.mask, accountType: account.subtype };
  }

  async #session(linkToken: string) {
    const session = await this.repository.linkSession(linkToken);
    if (!session || session.expires_at <= this.clock().toISOString() || session.state === 'exchanged') {
      return { error: { code: 'INVALID_LINK_TOKEN', message: 'This bank connection has expired. Start again.' } } as const;
    }
    return session;
  }
}
