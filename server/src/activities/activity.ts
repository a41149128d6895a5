import type { z } from 'zod';
import { isCalendarDate } from '../calendar.ts';
import type * as contract from './activities.contract.ts';

/**
 * The shapes of activities in replies are the API contract's (activities.contract.ts); these are
 * their TypeScript types.
 *
 * A task's status: `done` once completed, `overdue` when its due date is before the firm's
 * today, `upcoming` otherwise (a task without a due date is never overdue). An event is `done`
 * once it has ended, `upcoming` before that.
 *
 * A timed event's `startsAt` and `endsAt` are ISO instants in UTC (`2026-03-05T17:00:00.000Z`).
 * An all-day event's are calendar dates (`YYYY-MM-DD`) and both are inclusive: a one-day event
 * has `startsAt === endsAt`. (iCalendar's DTEND is exclusive; the `.ics` export adds the day.)
 */
export type Task = z.output<typeof contract.Task>;
export type CalendarEvent = z.output<typeof contract.CalendarEvent>;
export type TaskStatus = Task['status'];
export type EventStatus = CalendarEvent['status'];
export type Activity = z.output<typeof contract.Activity>;
export type ActivityKind = Activity['kind'];
/** An activity as the firm sees it: also whose it is, the firm's own id for it and when it was written. */
export type FirmActivity = z.output<typeof contract.FirmActivity>;
/** The client's activities, grouped the way the portal shows them. */
export type ActivityGroups = z.output<typeof contract.ActivityGroups>;

/** An activity as it is stored; its status depends on the date, so it is derived on reading. */
export interface ActivityRecord {
  id: string;
  firmId: string;
  contactId: string;
  kind: ActivityKind;
  title: string;
  notes: string | null;
  dueOn: string | null;
  completedAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  allDay: boolean;
  location: string | null;
  /** The firm's own id for the activity (its practice system's), unique in the firm; null when unset. */
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The firm's date and the current instant, which together decide every status. */
export interface Moment {
  today: string;
  now: Date;
  timeZone: string;
}

export function statusOf(record: ActivityRecord, moment: Moment): TaskStatus {
  if (record.kind === 'task') {
    if (record.completedAt) return 'done';
    return record.dueOn !== null && record.dueOn < moment.today ? 'overdue' : 'upcoming';
  }
  const ended = record.allDay ? record.endsAt! < moment.today : Date.parse(record.endsAt!) < moment.now.getTime();
  return ended ? 'done' : 'upcoming';
}

export function toActivity(record: ActivityRecord, moment: Moment): Activity {
  const status = statusOf(record, moment);
  if (record.kind === 'task') {
    return { id: record.id, kind: 'task', title: record.title, notes: record.notes, dueOn: record.dueOn, completedAt: record.completedAt, status };
  }
  return {
    id: record.id,
    kind: 'event',
    title: record.title,
    notes: record.notes,
    startsAt: record.startsAt!,
    endsAt: record.endsAt!,
    allDay: record.allDay,
    location: record.location,
    status: status as EventStatus,
  };
}

export function toFirmActivity(record: ActivityRecord, moment: Moment): FirmActivity {
  return {
    ...toActivity(record, moment),
    contactId: record.contactId,
    externalId: record.externalId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const timeOfDay = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?$/;
const offset = /^(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 instant: a real calendar date, a time of day and a UTC offset (`Z` or `±hh:mm`). */
export function isInstant(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([\d:.]+)(Z|[+-][\d:]+)$/.exec(value);
  if (!match) return false;
  const [, date, time, zone] = match as unknown as [string, string, string, string];
  return isCalendarDate(date) && timeOfDay.test(time) && offset.test(zone) && !Number.isNaN(Date.parse(value));
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of an instant in a time zone, as sortable text `YYYY-MM-DDTHH:MM:SS`. */
export function localDateTime(instant: Date, timeZone: string): string {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/**
 * Where an open activity falls in the upcoming list, as text that sorts by the firm's calendar:
 * a task's due date and an all-day event's first day sort before the timed events of that day.
 * Undated tasks sort after everything.
 */
function upcomingKey(record: ActivityRecord, timeZone: string): string {
  if (record.kind === 'task') return record.dueOn ?? '\uffff';
  return record.allDay ? record.startsAt! : localDateTime(new Date(record.startsAt!), timeZone);
}

/**
 * When an activity became done, in the firm's wall-clock time: a task's completion, an event's
 * end; an all-day event ends at the close of its last day.
 */
function doneKey(record: ActivityRecord, timeZone: string): string {
  if (record.kind === 'task') return localDateTime(new Date(record.completedAt!), timeZone);
  return record.allDay ? `${record.endsAt!}T24:00:00` : localDateTime(new Date(record.endsAt!), timeZone);
}

const byKey =
  <T>(key: (item: T) => string, descending = false) =>
  (a: T, b: T) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return 0;
    return (x < y ? -1 : 1) * (descending ? -1 : 1);
  };

/** Sorts and groups a contact's activities. `doneLimit` keeps the most recent done ones. */
export function groupActivities(records: ActivityRecord[], moment: Moment, doneLimit?: number): ActivityGroups {
  const tieBreak = (a: ActivityRecord, b: ActivityRecord) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const bucket: Record<TaskStatus, ActivityRecord[]> = { overdue: [], upcoming: [], done: [] };
  for (const record of records) bucket[statusOf(record, moment)].push(record);

  const upcoming = byKey((r: ActivityRecord) => upcomingKey(r, moment.timeZone));
  const done = byKey((r: ActivityRecord) => doneKey(r, moment.timeZone), true);
  bucket.overdue.sort((a, b) => upcoming(a, b) || tieBreak(a, b));
  bucket.upcoming.sort((a, b) => upcoming(a, b) || tieBreak(a, b));
  bucket.done.sort((a, b) => done(a, b) || tieBreak(a, b));

  const shown = doneLimit === undefined ? bucket.done : bucket.done.slice(0, doneLimit);
  return {
    overdue: bucket.overdue.map((r) => toActivity(r, moment) as Task),
    upcoming: bucket.upcoming.map((r) => toActivity(r, moment)),
    done: shown.map((r) => toActivity(r, moment)),
  };
}
