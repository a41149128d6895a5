/** Money is an integer count of the currency's minor units; these helpers never use floats for sums. */
import { dateTimeFormat } from './intl-formats.ts';

/** How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), as Intl knows it. */
const digitsByCurrency = new Map<string, number>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** `12500, 'USD'` → `$125.00`. Formatters are built once per locale and currency. */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  const digits = minorDigits(currency);
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format.format(amount / 10 ** digits);
}

/** `2026-03-02` → `March 2, 2026`. */
export function formatCalendarDate(date: string, locale = 'en-US'): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
