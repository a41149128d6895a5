import { z } from 'zod';
import { isCalendarDate } from '../calendar.ts';
import { externalIdFilter, externalIdSchema } from '../external-id.ts';
import { CalendarDate, Instant, pageOf } from '../http/schema.ts';

// Requests

const calendarDate = z.string().refine(isCalendarDate, 'must be a date like 2026-03-31');
const title = z.string().trim().min(1, 'is required').max(200);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => value || null);
const notes = optionalText(4000);
const location = optionalText(500);
const contactId = z.string().min(1, 'is required').max(64);
/** A date for all-day events, an instant for timed ones; which one is checked against `allDay`. */
const when = z.string().min(1, 'is required').max(64);
const externalId = externalIdSchema.nullable().optional();

const newTaskSchema = z.strictObject({
  kind: z.literal('task'),
  contactId,
  title,
  notes: notes.optional(),
  dueOn: calendarDate.nullable().optional(),
  externalId,
});
const newEventSchema = z.strictObject({
  kind: z.literal('event'),
  contactId,
  title,
  notes: notes.optional(),
  startsAt: when,
  endsAt: when,
  allDay: z.boolean().optional(),
  location: location.optional(),
  externalId,
});
export const newActivitySchema = z
  .discriminatedUnion('kind', [newTaskSchema, newEventSchema], { error: 'must be "task" or "event"' })
  .meta({ id: 'NewActivity' });

export const taskChangesSchema = z.strictObject({
  kind: z.literal('task', { error: 'cannot change: delete the task and create an event instead' }).optional(),
  contactId: contactId.optional(),
  title: title.optional(),
  notes: notes.optional(),
  dueOn: calendarDate.nullable().optional(),
  completed: z.boolean().optional(),
  externalId,
});
export const eventChangesSchema = z.strictObject({
  kind: z.literal('event', { error: 'cannot change: delete the event and create a task instead' }).optional(),
  contactId: contactId.optional(),
  title: title.optional(),
  notes: notes.optional(),
  startsAt: when.optional(),
  endsAt: when.optional(),
  allDay: z.boolean().optional(),
  location: location.optional(),
  externalId,
});

export const completionSchema = z.strictObject({ completed: z.boolean() }).meta({ id: 'TaskCompletion' });
export const clientListQuery = z.strictObject({ done: z.enum(['recent', 'all']).default('recent') });
export const firmListQuery = z.strictObject({
  contactId: z.string().max(64).optional(),
  kind: z.enum(['task', 'event']).optional(),
  externalId: externalIdFilter,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** A PATCH changes only the fields sent; a task stays a task and an event an event. */
export const ActivityChanges = z.union([taskChangesSchema, eventChangesSchema]).meta({ id: 'ActivityChanges' });

// Replies

/** Something the firm asks the client to do. */
export const Task = z
  .strictObject({
    id: z.string(),
    kind: z.literal('task'),
    title: z.string(),
    notes: z.string().nullable(),
    dueOn: CalendarDate.nullable().meta({ description: "The date it is due, in the firm's time zone" }),
    completedAt: Instant.nullable().meta({ description: 'When the client marked it done' }),
    status: z.enum(['overdue', 'upcoming', 'done']),
  })
  .meta({ id: 'Task' });

/** Something on the calendar: a hearing, a meeting, a deadline. */
export const CalendarEvent = z
  .strictObject({
    id: z.string(),
    kind: z.literal('event'),
    title: z.string(),
    notes: z.string().nullable(),
    startsAt: z.string().meta({ description: 'An ISO instant; for an all-day event a `YYYY-MM-DD` date' }),
    endsAt: z.string().meta({ description: 'An ISO instant; for an all-day event the last day (inclusive), `YYYY-MM-DD`' }),
    allDay: z.boolean(),
    location: z.string().nullable(),
    status: z.enum(['upcoming', 'done']),
  })
  .meta({ id: 'CalendarEvent' });

export const Activity = z.discriminatedUnion('kind', [Task, CalendarEvent]).meta({ id: 'Activity' });

/** The client's activities, grouped the way the portal shows them. */
export const ActivityGroups = z
  .strictObject({
    overdue: z.array(Task).meta({ description: 'Tasks past their due date, the longest overdue first' }),
    upcoming: z.array(Activity).meta({ description: 'Open tasks and events to come, soonest first; undated tasks last' }),
    done: z.array(Activity).meta({ description: 'Completed tasks and past events, the most recent first' }),
  })
  .meta({ id: 'ActivityGroups' });

const FirmFields = {
  contactId: z.string(),
  externalId: z.string().nullable().meta({ description: "The activity's id in the firm's own system, unique in the firm" }),
  createdAt: Instant,
  updatedAt: Instant,
};

/** A task or event as the firm sees it: also whose it is and when it was written. */
export const FirmActivity = z.discriminatedUnion('kind', [Task.extend(FirmFields), CalendarEvent.extend(FirmFields)]).meta({ id: 'FirmActivity' });

export const FirmActivityPage = pageOf(FirmActivity).meta({ id: 'FirmActivityPage' });
