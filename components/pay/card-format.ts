/**
 * Card numbers, expiry dates and security codes as the client types them: digits only, grouped
 * the way the card shows them, checked the way the networks define them. Pure functions only.
 */

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

/** The digits of `text`, in order. */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** The card's network from its leading digits (the IIN ranges the networks publish). */
export function detectBrand(number: string): CardBrand {
  const digits = digitsOf(number);
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d{2}|27[01]\d|2720)/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9]|622)/.test(digits)) return 'discover';
  if (/^(36|30[0-5]|3095|38|39)/.test(digits)) return 'diners';
  if (/^35(2[89]|[3-8]\d)/.test(digits)) return 'jcb';
  if (/^62/.test(digits)) return 'unionpay';
  return 'unknown';
}

/** How many digits a card of `brand` has at most. */
export function maxCardLength(brand: CardBrand): number {
  return brand === 'amex' ? 15 : 19;
}

/** How long the groups printed on a card of `brand` are (the last one takes what is left). */
function groupsOf(brand: CardBrand): readonly number[] {
  return brand === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
}

/** A card number in the groups printed on the card: `4242 4242 4242 4242`, `3782 822463 10005`. */
export function formatCardNumber(number: string): string {
  const brand = detectBrand(number);
  const digits = digitsOf(number).slice(0, maxCardLength(brand));
  const groups: string[] = [];
  let at = 0;
  for (const size of groupsOf(brand)) {
    if (at >= digits.length) break;
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  if (at < digits.length) groups.push(digits.slice(at));
  return groups.join(' ');
}

/**
 * Where the caret goes in `formatted` so that `digitsBefore` digits precede it, as they did
 * before the text was reformatted.
 */
export function caretAfterDigits(formatted: string, digitsBefore: number): number {
  if (digitsBefore <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i += 1) {
    if (/\d/.test(formatted[i]!)) seen += 1;
    if (seen === digitsBefore) return i + 1;
  }
  return formatted.length;
}

/** The Luhn checksum every card number carries in its last digit. */
export function luhnValid(number: string): boolean {
  const digits = digitsOf(number);
  if (digits.length < 12 || digits.length > 19 || digits.length !== number.replace(/[\s-]/g, '').length) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const validLengths: Record<CardBrand, readonly number[]> = {
  visa: [13, 16, 19],
  mastercard: [16],
  amex: [15],
  discover: [16, 17, 18, 19],
  diners: [14, 15, 16, 17, 18, 19],
  jcb: [16, 17, 18, 19],
  unionpay: [16, 17, 18, 19],
  unknown: [12, 13, 14, 15, 16, 17, 18, 19],
};

export type CardNumberProblem = 'required' | 'incomplete' | 'invalid';

/** What is wrong with a card number, if anything: missing, too short for its brand, or failing the checksum. */
export function cardNumberProblem(number: string): CardNumberProblem | undefined {
  const digits = digitsOf(number);
  if (!digits) return 'required';
  const lengths = validLengths[detectBrand(digits)];
  if (!lengths.includes(digits.length)) return digits.length < lengths[lengths.length - 1]! ? 'incomplete' : 'invalid';
  return luhnValid(digits) ? undefined : 'invalid';
}

/**
 * An expiry date as typed, written `MM / YY`: the slash comes by itself after the month, and a
 * first digit above 1 is a month on its own (`4` → `04 / `). While the client deletes, the slash
 * is not put back, so that backspace can go through it.
 */
export function formatExpiry(text: string, deleting = false): string {
  let digits = digitsOf(text);
  if (/^[2-9]/.test(digits)) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : `${digits} / `;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

/** The month and the four-digit year of `MM / YY`, or undefined when that is not what it holds. */
export function parseExpiry(text: string): { month: number; year: number } | undefined {
  const digits = digitsOf(text);
  if (digits.length !== 4) return undefined;
  const month = Number(digits.slice(0, 2));
  const year = 2000 + Number(digits.slice(2));
  return { month, year };
}

export type ExpiryProblem = 'required' | 'invalid' | 'past';

/** What is wrong with an expiry date, if anything; `now` decides what is past. */
export function expiryProblem(text: string, now: Date = new Date()): ExpiryProblem | undefined {
  if (!digitsOf(text)) return 'required';
  const expiry = parseExpiry(text);
  if (!expiry || expiry.month < 1 || expiry.month > 12) return 'invalid';
  const thisYear = now.getFullYear();
  if (expiry.year < thisYear || (expiry.year === thisYear && expiry.month < now.getMonth() + 1)) return 'past';
  if (expiry.year > thisYear + 50) return 'invalid';
  return undefined;
}

/** How many digits the security code of a card of `brand` has. */
export function cvcLength(brand: CardBrand): number {
  return brand === 'amex' ? 4 : 3;
}

/**
 * How many digits the security code field takes: before the number says which card it is, 4,
 * so that an American Express code typed first (or filled in by the browser first) is not cut.
 */
export function cvcMaxLength(brand: CardBrand): number {
  return brand === 'unknown' ? 4 : cvcLength(brand);
}

export type CvcProblem = 'required' | 'invalid';

export function cvcProblem(cvc: string, brand: CardBrand): CvcProblem | undefined {
  if (!cvc) return 'required';
  const digits = brand === 'unknown' ? '3,4' : String(cvcLength(brand));
  return new RegExp(`^\\d{${digits}}$`).test(cvc) ? undefined : 'invalid';
}

export type PostalCodeProblem = 'required' | 'invalid';

/** A US ZIP code: five digits, or ZIP+4. */
export function postalCodeProblem(zip: string): PostalCodeProblem | undefined {
  const value = zip.trim();
  if (!value) return 'required';
  return /^\d{5}(?:-?\d{4})?$/.test(value) ? undefined : 'invalid';
}
