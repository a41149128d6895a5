import type { FirmActivity } from '../api/activities-api.ts';
import type { tasksEn } from './tasks.en.ts';

/**
 * A task or event as the form holds it: the inputs' own values. Dates are `YYYY-MM-DD`; a timed
 * event's start and end are `YYYY-MM-DDTHH:MM` in the browser's time zone.
 */
export interface ActivityDraft {
  kind: 'task' | 'event';
  contactId: string;
  title: string;
  notes: string;
  dueOn: string;
  allDay: boolean;
  startsAt: string;
  endsAt: string;
  location: string;
}

/** The form's fields a problem can name. */
export type DraftField = 'contactId' | 'title' | 'notes' | 'dueOn' | 'startsAt' | 'endsAt' | 'location';

/** The messages of what the form finds wrong before sending. */
type Message = Extract<
  keyof typeof tasksEn,
  'tasks.form.client-required' | 'tasks.form.title-required' | 'tasks.form.start-required' | 'tasks.form.end-required' | 'tasks.form.end-before-start'
>;

/** The draft of a new activity (for `contactId`, when one is chosen), or of one to edit. */
export function activityDraft(kind: 'task' | 'event', activity?: FirmActivity, contactId = ''): ActivityDraft {
  const blank: ActivityDraft = { kind, contactId, title: '', notes: '', dueOn: '', allDay: false, startsAt: '', endsAt: '', location: '' };
  if (!activity) return blank;
  const common = { ...blank, kind: activity.kind, contactId: activity.contactId, title: activity.title, notes: activity.notes ?? '' };
  if (activity.kind === 'task') return { ...common, dueOn: activity.dueOn ?? '' };
  const { allDay } = activity;
  return {
    ...common,
    allDay,
    startsAt: allDay ? activity.startsAt.slice(0, 10) : localInput(activity.startsAt),
    endsAt: allDay ? activity.endsAt.slice(0, 10) : localInput(activity.endsAt),
    location: activity.location ?? '',
  };
}

/** What is missing or wrong before the draft is worth sending, as message keys by field. */
export function draftErrors(draft: ActivityDraft): Partial<Record<DraftField, Message>> {
  const errors: Partial<Record<DraftField, Message>> = {};
  if (!draft.contactId) errors.contactId = 'tasks.form.client-required';
  if (!draft.title.trim()) errors.title = 'tasks.form.title-required';
  if (draft.kind === 'event') {
    if (!draft.startsAt) errors.startsAt = 'tasks.form.start-required';
    if (!draft.endsAt) errors.endsAt = 'tasks.form.end-required';
    else if (draft.startsAt && instantOf(draft.endsAt, draft.allDay) < instantOf(draft.startsAt, draft.allDay)) errors.endsAt = 'tasks.form.end-before-start';
  }
  return errors;
}

/** The body of `POST /admin/activities` for a new task or event. */
export function draftToNew(draft: ActivityDraft): Record<string, unknown> {
  return { kind: draft.kind, contactId: draft.contactId, ...fieldsOf(draft) };
}

/** The body of `PATCH /admin/activities/:id`: every field the form shows (the kind stays). */
export function draftToChanges(draft: ActivityDraft, activity: FirmActivity): Record<string, unknown> {
  return { ...(draft.contactId !== activity.contactId ? { contactId: draft.contactId } : {}), ...fieldsOf(draft) };
}

function fieldsOf(draft: ActivityDraft): Record<string, unknown> {
  const notes = draft.notes.trim() || null;
  if (draft.kind === 'task') return { title: draft.title.trim(), notes, dueOn: draft.dueOn || null };
  return {
    title: draft.title.trim(),
    notes,
    allDay: draft.allDay,
    startsAt: draft.allDay ? draft.startsAt : new Date(draft.startsAt).toISOString(),
    endsAt: draft.allDay ? draft.endsAt : new Date(draft.endsAt).toISOString(),
    location: draft.location.trim() || null,
  };
}

/** A comparable instant of an input's value: a date's midnight UTC, or a local time. */
function instantOf(value: string, allDay: boolean): number {
  return allDay ? Date.parse(`${value}T00:00:00Z`) : new Date(value).getTime();
}

/** An ISO instant as a `datetime-local` input's value, in the browser's time zone. */
export function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
