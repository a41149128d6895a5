import { addDays } from '../calendar.ts';

/** What an `.ics` file says about one event. */
export interface IcsEvent {
  uid: string;
  /** When this copy of the calendar was made (DTSTAMP). */
  stamp: Date;
  title: string;
  notes: string | null;
  location: string | null;
  allDay: boolean;
  /** Timed events: ISO instants; all-day events: dates, `endsAt` inclusive. */
  startsAt: string;
  endsAt: string;
  createdAt: string;
  updatedAt: string;
  organizer?: { name: string; email: string };
}

const CRLF = '\r\n';
const maxOctets = 75;

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, line
 * breaks become `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 §3.1) so that no physical line is longer than 75 octets of
 * UTF-8, counting the space that starts each continuation. Splits only between characters, so a
 * multi-byte character is never cut in two.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > maxOctets) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** A parameter value in double quotes, which may not itself hold a quote or a control character. */
function quotedParam(value: string): string {
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

const basicDate = (date: string) => date.replaceAll('-', '');
const utcDateTime = (instant: Date) =>
  instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/**
 * One event as an iCalendar object that calendar apps import (`METHOD:PUBLISH`). All-day events
 * use `VALUE=DATE` with the exclusive DTEND iCalendar expects (the day after the last day);
 * timed events are written in UTC.
 */
export function eventCalendar(event: IcsEvent): string {
  const [start, end] = event.allDay
    ? [`DTSTART;VALUE=DATE:${basicDate(event.startsAt)}`, `DTEND;VALUE=DATE:${basicDate(addDays(event.endsAt, 1))}`]
    : [`DTSTART:${utcDateTime(new Date(event.startsAt))}`, `DTEND:${utcDateTime(new Date(event.endsAt))}`];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Portico//Client Portal//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `CREATED:${utcDateTime(new Date(event.createdAt))}`,
    `LAST-MODIFIED:${utcDateTime(new Date(event.updatedAt))}`,
    start,
    end,
    `SUMMARY:${escapeText(event.title)}`,
  ];
  if (event.notes) lines.push(`DESCRIPTION:${escapeText(event.notes)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.organizer) lines.push(`ORGANIZER;CN=${quotedParam(event.organizer.name)}:mailto:${event.organizer.email}`);
  if (event.allDay) lines.push('TRANSP:TRANSPARENT');
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A file name for the download: the title in plain ASCII letters, digits and dashes. */
export function calendarFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'event'}.ics`;
}
