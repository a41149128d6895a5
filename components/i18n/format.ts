import { currentLocale, currentRegion, localeFor, validLocale } from './language.ts';
import { currencyRegion } from './region.ts';

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
 * "$1,234.56" and `formatMoney(1500, 'JPY', 'ja')` is "￥1,500". A locale without a region is read
 * in the firm's region while an element renders, else in the currency's own country:
 * `formatMoney(947370, 'USD', 'es')` is "$9,473.70" (es-US), not Spain's "9473,70 US$".
 */
export function formatMoney(minorUnits: number, currency: string, locale: string = currentLocale()): string {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  const regional = localeFor(localeFor(locale, currentRegion()), currencyRegion(code));
  return numberFormat(regional, { style: 'currency', currency: code }).format(minorUnits / 10 ** digits);
}

export type DateStyle = 'short' | 'medium' | 'long' | 'full';

/**
 * An ISO 8601 date or timestamp for display. A date without a time (`2025-03-31`, e.g. a due
 * date) is shown as that calendar day in every time zone.
 */
export function formatDate(iso: string, locale: string = currentLocale(), style: DateStyle = 'medium'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const key = `${locale}|${style}|${dateOnly}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(validLocale(locale), dateOnly ? { dateStyle: style, timeZone: 'UTC' } : { dateStyle: style });
    dateFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

export { formatDuration } from './duration.ts';

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

function rangeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = rangeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(validLocale(locale), options);
    rangeFormats.set(key, format);
  }
  return format;
}

/** Today's calendar date where the reader is, as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from calendar date `from` to calendar date `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A calendar date relative to today, in words: "today", "tomorrow", "in 3 days", "2 weeks ago".
 * Days up to two weeks, then weeks up to two months, then months.
 */
export function formatRelativeDate(date: string, locale: string = currentLocale(), today: string = localToday()): string {
  const days = daysBetween(today, date);
  const format = new Intl.RelativeTimeFormat(validLocale(locale), { numeric: 'auto' });
  const size = Math.abs(days);
  if (size < 14) return format.format(days, 'day');
  if (size < 60) return format.format(Math.trunc(days / 7), 'week');
  return format.format(Math.trunc(days / 30), 'month');
}

/** An ISO timestamp as date and time in the reader's time zone, e.g. "Mar 5, 2026, 9:30 AM". */
export function formatDateTime(iso: string, locale: string = currentLocale()): string {
  return rangeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The span of an event. All-day events take calendar dates (`YYYY-MM-DD`, both inclusive) and
 * show as dates: "Mar 5 – 7, 2026". Timed events take ISO instants and show in the reader's time
 * zone: "Mar 5, 2026, 9:00 – 10:30 AM". A span that starts and ends at once shows once.
 */
export function formatDateRange(start: string, end: string, allDay: boolean, locale: string = currentLocale()): string {
  const format = allDay
    ? rangeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    : rangeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const from = new Date(allDay ? `${start.slice(0, 10)}T00:00:00Z` : start);
  const to = new Date(allDay ? `${end.slice(0, 10)}T00:00:00Z` : end);
  if (!(to.getTime() > from.getTime())) return format.format(from);
  return format.formatRange(from, to);
}

/** A plain number in the reader's locale, e.g. a quantity of `1.5` hours ("1.5"), up to three decimals. */
export function formatNumber(value: number, locale: string = currentLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/**
 * A rate given in percent (`3` for 3 %), with the sign where and how the locale writes it, up to
 * two decimals: "3%" and "2.5%" in English, "3 %" and "2,5 %" in Spanish (a no-break space).
 */
export function formatPercent(percent: number, locale: string = currentLocale()): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

const sizeUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * A file size in the largest unit that keeps it at 1 or more, counted in 1,024s as file managers
 * do, with one decimal below 10 of a unit: "512 bytes", "2.4 MB", "14 kB", "25 MB".
 */
export function formatFileSize(bytes: number, locale: string = currentLocale()): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < sizeUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return numberFormat(locale, { style: 'unit', unit: sizeUnits[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: digits }).format(
    value,
  );
}
