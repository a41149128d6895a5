import { formatCalendarDate, formatMoney } from '../money.ts';

export interface MandateTerms {
  firmName: string;
  firmEmail?: string;
  amount: number;
  currency: string;
  /** The date the debit is made (the firm's today). */
  date: string;
  bankName: string;
  accountType: string;
  last4: string;
}

/**
 * The ACH debit authorization (NACHA "WEB" entry) the client accepts before a bank debit: who
 * debits, how much, when, which account, and how to revoke. The exact words are stored with
 * the payment as the record of consent.
 */
export function mandateText(terms: MandateTerms): string {
  const amount = formatMoney(terms.amount, terms.currency);
  const contact = terms.firmEmail ? `by contacting ${terms.firmName} at ${terms.firmEmail}` : `by contacting ${terms.firmName}`;
  return [
    // Names the pay button as the portal labels it: "Pay $914.75".
    `By selecting Pay ${amount}, I authorize ${terms.firmName} to electronically debit my ${terms.accountType} account at ${terms.bankName} ending in ${terms.last4} for a one-time payment of ${amount} on ${formatCalendarDate(terms.date)}, and, if the debit is returned for an error, to correct it with a single credit or debit.`,
    `I understand that this authorization stays in effect until the payment is complete, and that I may revoke it ${contact} before the debit is processed. I confirm that I am an authorized signer on this account.`,
  ].join(' ');
}

export const saveConsentText = (firmName: string) =>
  `I authorize ${firmName} to save this payment method and charge it for future payments I make in this portal. I can remove it at any time.`;
