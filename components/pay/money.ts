/**
 * Amounts the client types, in the firm's currency and the page's language, turned into integer
 * minor units by string arithmetic (never through floating point), and back.
 */
import { currencyDigits } from '../i18n/format.ts';
import { validLocale } from '../i18n/language.ts';

interface Separators {
  decimal: string;
  group: string;
}

function separatorsOf(locale: string): Separators {
  const parts = new Intl.NumberFormat(validLocale(locale)).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}

/**
 * The amount in `text` as integer minor units of `currency`, or undefined when `text` is not an
 * amount: `"1,234.5"` in USD and English is `123450`; `"1.234,50"` in German is `123450` too.
 * Currency symbols, spaces and group separators are ignored; more decimals than the currency has
 * make it invalid, as do negative amounts.
 */
export function parseMoney(text: string, currency: string, locale: string): number | undefined {
  const digits = currencyDigits(currency);
  const { decimal, group } = separatorsOf(locale);
  let value = text
    .replaceAll(currencySymbol(currency, locale), '')
    .replace(new RegExp(currency, 'gi'), '')
    .replace(/[\s\u00a0\u202f]/g, '');
  if (!value || !/^[\d.,'\u2019]+$/.test(value)) return undefined;
  // A point typed where the locale writes a comma (or the other way round) is a decimal mark when
  // it cannot be a group separator: one mark followed by fewer than three digits.
  const foreign = decimal === ',' ? '.' : ',';
  if (!value.includes(decimal) && new RegExp(`^\\d+\\${foreign}\\d{1,2}$`).test(value)) value = value.replace(foreign, decimal);
  const [whole = '', fraction = '', ...rest] = value.split(decimal);
  if (rest.length) return undefined;
  const groupMarks = new Set([group, "'", '\u2019']);
  const wholeDigits = [...whole].filter((char) => !groupMarks.has(char)).join('');
  if (!/^\d*$/.test(wholeDigits) || !/^\d*$/.test(fraction)) return undefined;
  if ((!wholeDigits && !fraction) || fraction.length > digits) return undefined;
  const minor = `${wholeDigits || '0'}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  if (minor.length > 15) return undefined;
  return Number(minor);
}

/** Minor units as the client would type them: `123450` in USD and English is `"1,234.50"`. */
export function formatMoneyInput(minorUnits: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const text = String(Math.abs(Math.trunc(minorUnits))).padStart(digits + 1, '0');
  const whole = digits ? text.slice(0, -digits) : text;
  const fraction = digits ? text.slice(-digits) : '';
  const { decimal } = separatorsOf(locale);
  const grouped = new Intl.NumberFormat(validLocale(locale), { useGrouping: true, maximumFractionDigits: 0 }).format(BigInt(whole));
  return fraction ? `${grouped}${decimal}${fraction}` : grouped;
}

/** The currency's symbol in the client's language, e.g. `$` or `€`, to show beside an amount field. */
export function currencySymbol(currency: string, locale: string): string {
  const parts = new Intl.NumberFormat(validLocale(locale), { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

/** An invoice that can take part of a payment. */
export interface Payable {
  id: string;
  dueOn: string;
  issuedOn: string;
  /** What can be paid on it now, in minor units. */
  openBalance: number;
}

/** Invoices in the order a payment goes to them: the oldest due first (then the oldest issued). */
export function oldestDueFirst<T extends Payable>(invoices: readonly T[]): T[] {
  return [...invoices].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id));
}

/**
 * Splits `amount` across `invoices` oldest due first, each taking up to its open balance.
 * Whatever is left over (an amount above the total open balance) is not allocated.
 */
export function allocateOldestFirst(amount: number, invoices: readonly Payable[]): Map<string, number> {
  const allocation = new Map<string, number>();
  let left = Math.max(0, amount);
  for (const invoice of oldestDueFirst(invoices)) {
    const share = Math.min(left, invoice.openBalance);
    allocation.set(invoice.id, share);
    left -= share;
  }
  return allocation;
}
