import { currencyDigits } from '../../i18n/format.ts';

/**
 * An amount typed by a person ("125", "125.5", "1,250.00", "125,50") as integer minor units of
 * `currency`, or undefined when it is not a plain amount with at most the currency's decimals.
 * A lone comma followed by one to the currency's digits is a decimal comma (as typed in Spanish).
 */
export function parseMoneyInput(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  let plain = text.replace(/[\s\u00a0]/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  if (!plain) return undefined;
  const commas = (plain.match(/,/g) ?? []).length;
  if (!plain.includes('.') && commas === 1 && new RegExp(`,\\d{1,${Math.max(digits, 1)}}$`).test(plain) && !/,\d{3}$/.test(plain)) {
    plain = plain.replace(',', '.');
  } else {
    // Thousands separators: only in groups of three.
    if (!/^\d{1,3}(,\d{3})*(\.\d*)?$/.test(plain) && plain.includes(',')) return undefined;
    plain = plain.replace(/,/g, '');
  }
  const match = /^(\d+)(?:\.(\d*))?$/.exec(plain);
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return undefined;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** Minor units as the plain number a person would type back ("125.00" for 12500 USD). */
export function moneyInputValue(minorUnits: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minorUnits / 10 ** digits).toFixed(digits);
}
