import { currentLanguage, validLocale } from './language.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(validLocale(locale), options);
    numberFormats.set(key, format);
  }
  return format;
}

/** How many minor units a currency has per major unit's decimal places: USD 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An amount in integer minor units as money, e.g. `formatMoney(123456, 'USD', 'en-US')` is
 * "$1,234.56" and `formatMoney(1500, 'JPY', 'ja')` is "￥1,500".
 */
export function formatMoney(minorUnits: number, currency: string, locale: string = currentLanguage()): string {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  return numberFormat(locale, { style: 'currency', currency: code }).format(minorUnits / 10 ** digits);
}

export type DateStyle = 'short' | 'medium' | 'long' | 'full';

/**
 * An ISO 8601 date or timestamp for display. A date without a time (`2025-03-31`, e.g. a due
 * date) is shown as that calendar day in every time zone.
 */
export function formatDate(iso: string, locale: string = currentLanguage(), style: DateStyle = 'medium'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const key = `${locale}|${style}|${dateOnly}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(validLocale(locale), dateOnly ? { dateStyle: style, timeZone: 'UTC' } : { dateStyle: style });
    dateFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** A duration in seconds as words, rounded up to whole minutes past a minute: "45 seconds", "2 minutes". */
export function formatDuration(seconds: number, locale: string = currentLanguage()): string {
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
