import { formatCalendarDate, formatMoney } from '../money.ts';
import type { PlanMethod } from './plan.ts';

/** The version of the authorization wording, stored with each acceptance; change it when the words change. */
export const authorizationVersion = 'plan-2026-12';

export interface PlanTerms {
  firmName: string;
  firmEmail?: string;
  currency: string;
  invoiceNumber: string;
  method: PlanMethod & { accountType?: string | null };
  instalments: { dueOn: string; amount: number }[];
}

/**
 * What the client accepts to put an invoice on a plan, word for word as it is stored: for a bank
 * account the NACHA recurring "WEB" debit authorization (amounts, dates, account, how to revoke),
 * for a card the recurring card authorization with the same terms.
 */
export function planAuthorizationText(terms: PlanTerms): string {
  const money = (amount: number) => formatMoney(amount, terms.currency);
  const total = terms.instalments.reduce((sum, instalment) => sum + instalment.amount, 0);
  const schedule = terms.instalments.map((instalment) => `${money(instalment.amount)} on ${formatCalendarDate(instalment.dueOn)}`).join('; ');
  const contact = terms.firmEmail ? `by contacting ${terms.firmName} at ${terms.firmEmail}` : `by contacting ${terms.firmName}`;
  const revoke = `I may revoke this authorization at any time by cancelling the plan in the client portal or ${contact}, at least 3 days before a scheduled payment.`;
  const count = terms.instalments.length;
  if (terms.method.type === 'us_bank_account') {
    return [
      `By selecting Confirm plan, I authorize ${terms.firmName} to electronically debit my ${terms.method.accountType ?? 'checking'} account at ${terms.method.brand ?? 'my bank'} ending in ${terms.method.last4} in ${count} recurring payments totalling ${money(total)} for invoice ${terms.invoiceNumber}: ${schedule}.`,
      `If a debit is returned, it may be tried once more 3 days later; if a debit is returned for an error, ${terms.firmName} may correct it with a single credit or debit.`,
      `This authorization stays in effect until the last payment is made or I revoke it. ${revoke} I confirm that I am an authorized signer on this account.`,
    ].join(' ');
  }
  const card = `${terms.method.brand ? terms.method.brand[0]!.toUpperCase() + terms.method.brand.slice(1) : 'card'} ending in ${terms.method.last4}`;
  return [
    `By selecting Confirm plan, I authorize ${terms.firmName} to charge my ${card} in ${count} recurring payments totalling ${money(total)} for invoice ${terms.invoiceNumber}: ${schedule}.`,
    `If a charge is declined, it may be tried once more 3 days later.`,
    `This authorization stays in effect until the last payment is made or I revoke it. ${revoke}`,
  ].join(' ');
}

/** The version of the autopay authorization wording, stored with each acceptance. */
export const autopayAuthorizationVersion = 'autopay-2026-12';

export interface AutopayTerms {
  firmName: string;
  firmEmail?: string;
  matter: string;
  method: PlanMethod & { accountType?: string | null };
}

/**
 * What the client accepts to turn on autopay for a matter, word for word as it is stored: for a
 * bank account the NACHA recurring "WEB" debit authorization (the amounts: each new invoice's
 * balance; the dates: each invoice's due date; the account; how to revoke), for a card the
 * recurring card authorization with the same terms.
 */
export function autopayAuthorizationText(terms: AutopayTerms): string {
  const contact = terms.firmEmail ? `by contacting ${terms.firmName} at ${terms.firmEmail}` : `by contacting ${terms.firmName}`;
  const scope = `for the balance of each invoice ${terms.firmName} issues to me for the matter “${terms.matter}” from today on, on that invoice’s due date (or on the day it is issued, if that is later)`;
  const notice = `I will be emailed the amount and date at least 3 days before each payment.`;
  const revoke = `I may revoke this authorization at any time by turning autopay off in the client portal or ${contact}, at least 3 days before a scheduled payment.`;
  if (terms.method.type === 'us_bank_account') {
    return [
      `By selecting Turn on autopay, I authorize ${terms.firmName} to electronically debit my ${terms.method.accountType ?? 'checking'} account at ${terms.method.brand ?? 'my bank'} ending in ${terms.method.last4} in recurring payments ${scope}.`,
      notice,
      `If a debit is returned, it may be tried once more 3 days later; if a debit is returned for an error, ${terms.firmName} may correct it with a single credit or debit.`,
      `This authorization stays in effect until I revoke it. ${revoke} I confirm that I am an authorized signer on this account.`,
    ].join(' ');
  }
  const card = `${terms.method.brand ? terms.method.brand[0]!.toUpperCase() + terms.method.brand.slice(1) : 'card'} ending in ${terms.method.last4}`;
  return [
    `By selecting Turn on autopay, I authorize ${terms.firmName} to charge my ${card} in recurring payments ${scope}.`,
    notice,
    `If a charge is declined, it may be tried once more 3 days later.`,
    `This authorization stays in effect until I revoke it. ${revoke}`,
  ].join(' ');
}
