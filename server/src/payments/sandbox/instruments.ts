/**
 * Card and bank-account checks the sandbox processor makes, and Stripe's published test
 * numbers with the outcome each one produces.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

/** What happens when a sandbox payment method is charged. */
export type Outcome =
  | 'succeed'
  | 'decline'
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'authenticate'
  | 'account_closed'
  | 'no_account'
  | 'debit_not_authorized';

/** Stripe's test cards (https://docs.stripe.com/testing). */
export const testCards: Record<string, Outcome> = {
  '4242424242424242': 'succeed',
  '4000056655665556': 'succeed',
  '5555555555554444': 'succeed',
  '2223003122003222': 'succeed',
  '5200828282828210': 'succeed',
  '5105105105105100': 'succeed',
  '378282246310005': 'succeed',
  '371449635398431': 'succeed',
  '6011111111111117': 'succeed',
  '3056930009020004': 'succeed',
  '3566002020360505': 'succeed',
  '6200000000000005': 'succeed',
  '4000000000000002': 'decline',
  '4000000000009995': 'insufficient_funds',
  '4000000000009987': 'lost_card',
  '4000000000009979': 'stolen_card',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
  '4000000000000119': 'processing_error',
  '4000002500003155': 'authenticate',
  '4000002760003184': 'authenticate',
};

/** How a card is funded: Stripe's test cards report it as `card.funding`; every test card not listed is a credit card. */
export type CardFunding = 'credit' | 'debit' | 'prepaid' | 'unknown';

/** Stripe's test cards that are not credit cards (https://docs.stripe.com/testing#cards). */
export const testCardFunding: Record<string, CardFunding> = {
  '4000056655665556': 'debit',
  '5200828282828210': 'debit',
  '5105105105105100': 'prepaid',
};

/** The sandbox bank's routing number and Stripe's test account numbers. */
export const testRoutingNumber = '110000000';
export const testBankAccounts: Record<string, Outcome> = {
  '000123456789': 'succeed',
  '000111111113': 'account_closed',
  '000111111116': 'no_account',
  '000222222227': 'insufficient_funds',
  '000333333335': 'debit_not_authorized',
};

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand from the number's leading digits (the IIN ranges the networks publish). */
export function cardBrand(number: string): CardBrand {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9]|622)/.test(number)) return 'discover';
  if (/^(36|30[0-5]|3095|38|39)/.test(number)) return 'diners';
  if (/^35(2[89]|[3-8]\d)/.test(number)) return 'jcb';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

/** The ABA routing-number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** An error in Stripe's shape: `{ error: { type, code, message, param } }` with its HTTP status. */
export interface InstrumentError {
  status: 400 | 402;
  type: 'card_error' | 'invalid_request_error';
  code: string;
  message: string;
  param: string;
}

const cardError = (code: string, message: string, param: string): InstrumentError => ({ status: 402, type: 'card_error', code, message, param });
const invalid = (code: string, message: string, param: string): InstrumentError => ({ status: 400, type: 'invalid_request_error', code, message, param });

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  postalCode?: string;
}

/** Checks card details as a processor would when tokenizing; `now` decides expiry. */
export function checkCard(card: CardInput, now: Date): InstrumentError | { brand: CardBrand; last4: string; funding: CardFunding; outcome: Outcome } {
  const number = card.number.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(number)) return cardError('invalid_number', 'Your card number is invalid.', 'card[number]');
  if (number.length < 12 || number.length > 19 || !luhnValid(number)) {
    return cardError(number.length < 15 ? 'incomplete_number' : 'incorrect_number', 'Your card number is incorrect.', 'card[number]');
  }
  if (!Number.isInteger(card.exp_month) || card.exp_month < 1 || card.exp_month > 12) {
    return cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'card[exp_month]');
  }
  const year = card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  const thisYear = now.getUTCFullYear();
  if (!Number.isInteger(year) || year < thisYear || year > thisYear + 50) {
    return cardError(year < thisYear ? 'invalid_expiry_year_past' : 'invalid_expiry_year', "Your card's expiration year is invalid.", 'card[exp_year]');
  }
  if (year === thisYear && card.exp_month < now.getUTCMonth() + 1) {
    return cardError('invalid_expiry_year_past', "Your card's expiration date is in the past.", 'card[exp_month]');
  }
  const brand = cardBrand(number);
  const cvcLength = brand === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc)) {
    return cardError('invalid_cvc', "Your card's security code is invalid.", 'card[cvc]');
  }
  if (card.postalCode !== undefined && !/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(card.postalCode.trim())) {
    return cardError('incorrect_zip', "Your card's postal code is invalid.", 'billing_details[address][postal_code]');
  }
  // Like Stripe's test mode: numbers that are not test cards are declined.
  return { brand, last4: number.slice(-4), funding: testCardFunding[number] ?? 'credit', outcome: testCards[number] ?? 'decline' };
}

export interface BankAccountInput {
  routing_number: string;
  account_number: string;
  account_type: 'checking' | 'savings';
}

export function checkBankAccount(account: BankAccountInput): InstrumentError | { last4: string; outcome: Outcome; bankName: string } {
  if (!abaValid(account.routing_number)) {
    return invalid('routing_number_invalid', 'The routing number is not a valid ABA routing number.', 'us_bank_account[routing_number]');
  }
  if (!/^\d{4,17}$/.test(account.account_number)) {
    return invalid('account_number_invalid', 'The account number must be 4 to 17 digits.', 'us_bank_account[account_number]');
  }
  if (account.routing_number !== testRoutingNumber) {
    return invalid(
      'routing_number_invalid',
      `The sandbox accepts only its test bank: routing number ${testRoutingNumber} with a test account number such as 000123456789.`,
      'us_bank_account[routing_number]',
    );
  }
  const outcome = testBankAccounts[account.account_number];
  if (!outcome) {
    return invalid('account_number_invalid', 'Use a sandbox test account number such as 000123456789.', 'us_bank_account[account_number]');
  }
  return { last4: account.account_number.slice(-4), outcome, bankName: 'STRIPE TEST BANK' };
}
