import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { WebhookEvents } from '../webhooks/index.ts';
import type { AuditEntry, AuditLog } from '../audit/index.ts';
import { isCalendarDate, todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { externalIdTaken, guardExternalId } from '../external-id.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { clientListQuery, completionSchema, eventChangesSchema, firmListQuery, newActivitySchema, taskChangesSchema } from './activities.contract.ts';
import type { ActivitiesRepository, ActivityFields } from './activities.repository.ts';
import {
  groupActivities,
  isInstant,
  toActivity,
  toFirmActivity,
  type Activity,
  type ActivityGroups,
  type ActivityRecord,
  type FirmActivity,
  type Moment,
} from './activity.ts';
import { calendarFileName, eventCalendar } from './icalendar.ts';

/** How many done activities the client list shows unless asked for all of them. */
export const recentDoneLimit = 50;

/** The fields of neither kind, which each kind then fills in. */
const blank: ActivityFields = {
  contactId: '',
  title: '',
  notes: null,
  dueOn: null,
  completedAt: null,
  startsAt: null,
  endsAt: null,
  allDay: false,
  location: null,
  externalId: null,
};

export interface ActivitiesServiceDeps {
  activities: ActivitiesRepository;
  firms: FirmsService;
  contacts: ContactsService;
  audit: AuditLog;
  clock: Clock;
  webhooks: WebhookEvents;
  unitOfWork: UnitOfWork;
}

/** Who changed something on the firm's side: an API key's id, or another actor such as the CLI. */
export type FirmActor = string | AuditEntry['actor'];
const actorOf = (actor: FirmActor): AuditEntry['actor'] => (typeof actor === 'string' ? { type: 'api_key', id: actor } : actor);

/** An event as a file for calendar apps. */
export interface CalendarFile {
  fileName: string;
  content: string;
}

/**
 * Tasks and events the firm assigns to a client. The client reads them grouped by where they
 * stand on the firm's calendar and marks tasks done; the firm writes them. Status is derived on
 * every read from the firm's date, never stored.
 */
export class ActivitiesService {
  constructor(private readonly deps: ActivitiesServiceDeps) {}

  /** The client's activities: overdue, upcoming and done (the last 50 unless `done=all`). */
  async list(firmId: string, contactId: string, query: unknown = {}): Promise<ActivityGroups> {
    const { done } = parse(clientListQuery, query, 'query');
    const records = await this.deps.activities.listForContact(firmId, contactId);
    return groupActivities(records, await this.#moment(firmId), done === 'all' ? undefined : recentDoneLimit);
  }

  async getForClient(firmId: string, contactId: string, id: string): Promise<Activity> {
    return toActivity(await this.#forClient(firmId, contactId, id), await this.#moment(firmId));
  }

  /** The client marks a task done or not done. Marking a done task done again keeps its time. */
  async setCompleted(firmId: string, contactId: string, id: string, input: unknown): Promise<Activity> {
    const { completed } = parse(completionSchema, input);
    const record = await this.#forClient(firmId, contactId, id);
    if (record.kind !== 'task') throw Problem.conflict('not_a_task', 'Only tasks can be marked done; an event is done once it has ended.');
    const now = this.deps.clock().toISOString();
    const completedAt = completed ? (record.completedAt ?? now) : null;
    if (completedAt !== record.completedAt) {
      await this.deps.unitOfWork(async () => {
        await this.deps.activities.setCompleted(firmId, contactId, id, completedAt, now);
        await this.deps.audit.record(
          { firmId, actor: { type: 'contact', id: contactId }, action: completed ? 'task.completed' : 'task.reopened', subject: { type: 'activity', id } },
          now,
        );
        if (completedAt) await this.deps.webhooks.emit(firmId, 'activity.completed', { activityId: id, contactId, title: record.title, completedAt });
      });
    }
    return this.getForClient(firmId, contactId, id);
  }

  /** An event as an iCalendar file the client can add to their own calendar. */
  async calendar(firmId: string, contactId: string, id: string): Promise<CalendarFile> {
    const record = await this.#forClient(firmId, contactId, id);
    if (record.kind !== 'event') throw Problem.conflict('not_an_event', 'Only events can be added to a calendar.');
    const firm = (await this.deps.firms.findById(firmId))!;
    const content = eventCalendar({
      uid: `${record.id}@portico`,
      stamp: this.deps.clock(),
      title: record.title,
      notes: record.notes,
      location: record.location,
      allDay: record.allDay,
      startsAt: record.startsAt!,
      endsAt: record.endsAt!,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      organizer: firm.settings.inboxEmail ? { name: firm.name, email: firm.settings.inboxEmail } : undefined,
    });
    return { fileName: calendarFileName(record.title), content };
  }

  /** The firm's activities, newest first, a page at a time; `contactId` and `kind` narrow the list. */
  async listForFirm(firmId: string, query: unknown): Promise<Page<FirmActivity>> {
    const q = parse(firmListQuery, query, 'query');
    if (q.contactId && !(await this.deps.contacts.find(firmId, q.contactId))) throw Problem.notFound('contact');
    let after: { createdAt: string; id: string } | undefined;
    if (q.cursor) {
      const position = decodeCursor(q.cursor, ['c', 'id']);
      if (typeof position.c !== 'string' || typeof position.id !== 'string') {
        throw Problem.badRequest('invalid_cursor', 'The paging cursor is not valid. Start again from the first page.');
      }
      after = { createdAt: position.c, id: position.id };
    }
    const rows = await this.deps.activities.list({ firmId, contactId: q.contactId, kind: q.kind, externalId: q.externalId, limit: q.limit + 1, after });
    const page = rows.slice(0, q.limit);
    const moment = await this.#moment(firmId);
    const last = page.at(-1);
    return {
      data: page.map((record) => toFirmActivity(record, moment)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.createdAt, id: last.id }) : null,
    };
  }

  async get(firmId: string, id: string): Promise<FirmActivity> {
    return toFirmActivity(await this.#forFirm(firmId, id), await this.#moment(firmId));
  }

  /** A new task (`kind: "task"`) or event (`kind: "event"`) for one of the firm's contacts. */
  async create(firmId: string, input: unknown, actor: FirmActor): Promise<FirmActivity> {
    const body = parse(newActivitySchema, input);
    await this.#contact(firmId, body.contactId);
    await this.#assertExternalIdFree(firmId, body.externalId);
    const fields: ActivityFields =
      body.kind === 'task'
        ? { ...blank, contactId: body.contactId, title: body.title, notes: body.notes ?? null, dueOn: body.dueOn ?? null, externalId: body.externalId ?? null }
        : {
            ...blank,
            contactId: body.contactId,
            externalId: body.externalId ?? null,
            title: body.title,
            notes: body.notes ?? null,
            location: body.location ?? null,
            ...this.#span(body.allDay ?? false, body.startsAt, body.endsAt),
          };
    const now = this.deps.clock().toISOString();
    const id = await guardExternalId('activity', fields.externalId, () => this.deps.activities.create(firmId, body.kind, fields, now));
    await this.deps.audit.record(
      { firmId, actor: actorOf(actor), action: 'activity.created', subject: { type: 'activity', id }, data: { kind: body.kind, contactId: body.contactId } },
      now,
    );
    return this.get(firmId, id);
  }

  /** Changes some fields of a task or an event; its kind is fixed. */
  async update(firmId: string, id: string, input: unknown, actor: FirmActor): Promise<FirmActivity> {
    const current = await this.#forFirm(firmId, id);
    const now = this.deps.clock().toISOString();
    let fields: ActivityFields;
    let changed: string[];
    if (current.kind === 'task') {
      const changes = parse(taskChangesSchema, input);
      changed = Object.keys(changes);
      if (changes.contactId !== undefined) await this.#contact(firmId, changes.contactId);
      const completedAt = changes.completed === undefined ? current.completedAt : changes.completed ? (current.completedAt ?? now) : null;
      fields = {
        ...blank,
        contactId: changes.contactId ?? current.contactId,
        title: changes.title ?? current.title,
        notes: changes.notes === undefined ? current.notes : changes.notes,
        dueOn: changes.dueOn === undefined ? current.dueOn : changes.dueOn,
        completedAt,
        externalId: changes.externalId === undefined ? current.externalId : changes.externalId,
      };
    } else {
      const changes = parse(eventChangesSchema, input);
      changed = Object.keys(changes);
      if (changes.contactId !== undefined) await this.#contact(firmId, changes.contactId);
      fields = {
        ...blank,
        contactId: changes.contactId ?? current.contactId,
        title: changes.title ?? current.title,
        notes: changes.notes === undefined ? current.notes : changes.notes,
        location: changes.location === undefined ? current.location : changes.location,
        externalId: changes.externalId === undefined ? current.externalId : changes.externalId,
        ...this.#span(changes.allDay ?? current.allDay, changes.startsAt ?? current.startsAt!, changes.endsAt ?? current.endsAt!),
      };
    }
    if (fields.externalId !== current.externalId) await this.#assertExternalIdFree(firmId, fields.externalId);
    await guardExternalId('activity', fields.externalId, () => this.deps.activities.update(firmId, id, fields, now));
    await this.deps.audit.record(
      { firmId, actor: actorOf(actor), action: 'activity.updated', subject: { type: 'activity', id }, data: { kind: current.kind, fields: changed } },
      now,
    );
    return this.get(firmId, id);
  }

  async remove(firmId: string, id: string, actor: FirmActor): Promise<void> {
    const current = await this.#forFirm(firmId, id);
    await this.deps.activities.delete(firmId, id);
    await this.deps.audit.record(
      {
        firmId,
        actor: actorOf(actor),
        action: 'activity.deleted',
        subject: { type: 'activity', id },
        data: { kind: current.kind, contactId: current.contactId },
      },
      this.deps.clock().toISOString(),
    );
  }

  /**
   * An event's start and end, checked against `allDay`: dates (end inclusive) for all-day
   * events, instants with a UTC offset for timed ones, stored in UTC. The end may not come first.
   */
  #span(allDay: boolean, startsAt: string, endsAt: string): Pick<ActivityFields, 'allDay' | 'startsAt' | 'endsAt'> {
    const valid = allDay ? isCalendarDate : isInstant;
    const expected = allDay
      ? 'must be a date like 2026-03-31 for an all-day event'
      : 'must be a date and time with a UTC offset, like 2026-03-31T09:30:00-07:00 or 2026-03-31T16:30:00Z';
    const errors = (['startsAt', 'endsAt'] as const).filter((field) => !valid({ startsAt, endsAt }[field])).map((field) => ({ field, message: expected }));
    if (errors.length) throw invalid(errors);
    const span = allDay ? { allDay, startsAt, endsAt } : { allDay, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
    if (span.endsAt < span.startsAt) throw invalid([{ field: 'endsAt', message: 'must not be before startsAt' }]);
    return span;
  }

  async #assertExternalIdFree(firmId: string, externalId: string | null | undefined): Promise<void> {
    if (externalId && (await this.deps.activities.findByExternalId(firmId, externalId))) throw externalIdTaken('activity', externalId);
  }

  async #contact(firmId: string, contactId: string) {
    const contact = await this.deps.contacts.find(firmId, contactId);
    if (!contact) throw Problem.unprocessable('contact_not_found', `No contact ${contactId} in this firm.`);
    return contact;
  }

  async #forClient(firmId: string, contactId: string, id: string): Promise<ActivityRecord> {
    const record = await this.deps.activities.findForContact(firmId, contactId, id);
    if (!record) throw Problem.notFound('activity');
    return record;
  }

  async #forFirm(firmId: string, id: string): Promise<ActivityRecord> {
    const record = await this.deps.activities.find(firmId, id);
    if (!record) throw Problem.notFound('activity');
    return record;
  }

  async #moment(firmId: string): Promise<Moment> {
    const { timeZone } = (await this.deps.firms.findById(firmId))!.settings;
    const now = this.deps.clock();
    return { today: todayIn(timeZone, now), now, timeZone };
  }
}

function invalid(errors: { field: string; message: string }[]) {
  const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
  return Problem.badRequest('invalid_request', `The request body is invalid: ${summary}.`, { errors });
}
