/** Money is an integer count of the currency's minor units; these helpers never use floats for sums. */

/** How many minor-unit digits a currency has (USD 2, JPY 0, BHD 3), as Intl knows it. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `12500, 'USD'` → `$125.00`. */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits }).format(amount / 10 ** digits);
}

/** `2026-03-02` → `March 2, 2026`. */
export function formatCalendarDate(date: string, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
