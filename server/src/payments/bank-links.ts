import type { ContactsService } from '../contacts/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { clientBankName } from './bank-names.ts';
import { BankLinkExchange } from './payments.contract.ts';
import type { SandboxBankLink } from './sandbox/sandbox-bank-link.ts';

/** Bank sign-in (the sandbox's Link, or Plaid Link): a link token to start, a public token to finish. */
export interface BankLinkProvider {
  readonly name: 'sandbox' | 'plaid';
  /** `firm.name` is what Link shows the client as the one asking for access. */
  createLinkToken(contact: { id: string; email: string; name: string }, firm?: { name: string }): Promise<{ linkToken: string; expiresAt: string }>;
  /** Turns the public token Link returned into a bank-debit payment method token of the processor. */
  exchange(contact: { id: string; email: string; name: string }, publicToken: string, accountId: string | undefined): Promise<LinkedAccount | undefined>;
  /**
   * Loads the SDK the provider calls, which it otherwise loads with the first bank sign-in. The
   * service calls it as it opens, so a configured provider whose package is missing stops it then.
   */
  load?(): Promise<void>;
}

export interface LinkedAccount {
  token: string;
  bankName: string;
  last4: string;
  accountType: string;
}

export function sandboxBankLinkProvider(link: SandboxBankLink): BankLinkProvider {
  return {
    name: 'sandbox',
    async createLinkToken(contact) {
      return link.createLinkToken(contact.id);
    },
    async exchange(contact, publicToken) {
      return link.exchange(contact.id, publicToken);
    },
  };
}

/**
 * Bank sign-in that cannot work: the sandbox's Link makes sandbox payment methods, which a real
 * processor cannot charge. Said clearly instead of failing later at the checkout.
 */
export function unavailableBankLink(message: string): BankLinkProvider {
  const refuse = async (): Promise<never> => {
    throw Problem.unprocessable('bank_link_unavailable', message);
  };
  return { name: 'sandbox', createLinkToken: refuse, exchange: refuse };
}

export class BankLinksService {
  constructor(
    private readonly provider: BankLinkProvider,
    private readonly contacts: ContactsService,
    private readonly firms: FirmsService,
  ) {}

  async start(firmId: string, contactId: string) {
    const firm = (await this.firms.findById(firmId))!;
    if (!firm.settings.paymentMethods.bankLink) {
      throw Problem.unprocessable('method_not_allowed', `${firm.name} does not accept payments from a linked bank in the portal.`);
    }
    const contact = (await this.contacts.find(firmId, contactId))!;
    return { provider: this.provider.name, ...(await this.provider.createLinkToken(contact, { name: firm.name })) };
  }

  async exchange(firmId: string, contactId: string, input: unknown) {
    const body = parse(BankLinkExchange, input);
    const contact = (await this.contacts.find(firmId, contactId))!;
    const account = await this.provider.exchange({ id: contact.id, email: contact.email, name: contact.name }, body.publicToken, body.accountId);
    if (!account) throw Problem.unprocessable('bank_link_invalid', 'The bank connection expired or was already used. Connect your bank again.');
    return { paymentMethod: { type: 'us_bank_account' as const, ...account, bankName: clientBankName(account.bankName) ?? 'Your bank' } };
  }
}
