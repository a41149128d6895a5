// How thread lists show a thread, shared by the client's messages and the firm's inbox.
import { currentLocale } from '../i18n/language.ts';

/** The start of a body on one line, as the service previews it. */
export function previewOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= 140 ? line : `${chars.slice(0, 139).join('').trimEnd()}…`;
}

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/** A list's date: the time for today, the day for this year, else the full date. */
export function shortWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const locale = currentLocale();
  const sameDay = date.toDateString() === now.toDateString();
  const sameYear = date.getFullYear() === now.getFullYear();
  const style = sameDay ? 'time' : sameYear ? 'day' : 'date';
  const key = `${locale}|${style}`;
  let format = whenFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time' ? { timeStyle: 'short' } : style === 'day' ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' };
    format = new Intl.DateTimeFormat(locale, options);
    whenFormats.set(key, format);
  }
  return format.format(date);
}
