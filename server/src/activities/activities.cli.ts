import { contactByEmail, withServices, type Command } from '../cli/command.ts';
import { datePattern } from '../calendar.ts';
import type { FirmActivity } from './activity.ts';

/** Changes made from the command line are the system's, not an API key's. */
const cli = { type: 'system', id: 'cli' } as const;

/** When an activity is due or happens, in one short column. */
function when(activity: FirmActivity): string {
  if (activity.kind === 'task') return activity.dueOn ? `due ${activity.dueOn}` : 'no due date';
  if (activity.allDay) return activity.startsAt === activity.endsAt ? activity.startsAt : `${activity.startsAt}..${activity.endsAt}`;
  return `${activity.startsAt}..${activity.endsAt}`;
}

export const activityCommands: Record<string, Command> = {
  'task add': {
    usage: 'portico task add --firm SLUG --contact EMAIL --title TITLE [--due YYYY-MM-DD] [--notes NOTES]',
    summary: 'Give a client a task to do, optionally by a due date.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "The client's email address." },
      title: { type: 'string', description: 'What the client should do.' },
      due: { type: 'string', description: "The date it is due, YYYY-MM-DD in the firm's time zone." },
      notes: { type: 'string', description: 'More detail for the client.' },
    },
    required: ['firm', 'contact', 'title'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contact = await contactByEmail(services, firm.id, v.contact as string);
        const task = await services.activities.create(firm.id, { kind: 'task', contactId: contact.id, title: v.title, dueOn: v.due, notes: v.notes }, cli);
        out(`Added task ${task.id} for ${contact.email}: ${task.title} (${when(task)})`);
      });
    },
  },
  'event add': {
    usage: 'portico event add --firm SLUG --contact EMAIL --title TITLE --start ISO|DATE --end ISO|DATE [--all-day] [--location PLACE] [--notes NOTES]',
    summary: "Put an event on a client's calendar. Dates alone (YYYY-MM-DD, end inclusive) make an all-day event.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "The client's email address." },
      title: { type: 'string', description: 'What the event is.' },
      start: { type: 'string', description: 'When it starts: 2026-03-31T09:30:00-07:00, or a date for all-day events.' },
      end: { type: 'string', description: 'When it ends: a date and time, or the last day of an all-day event.' },
      'all-day': { type: 'boolean', description: 'An all-day event (implied when --start and --end are dates).' },
      location: { type: 'string', description: 'Where it takes place.' },
      notes: { type: 'string', description: 'More detail for the client.' },
    },
    required: ['firm', 'contact', 'title', 'start', 'end'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contact = await contactByEmail(services, firm.id, v.contact as string);
        const [startsAt, endsAt] = [v.start as string, v.end as string];
        const allDay = v['all-day'] === true || (datePattern.test(startsAt) && datePattern.test(endsAt));
        const event = await services.activities.create(
          firm.id,
          { kind: 'event', contactId: contact.id, title: v.title, startsAt, endsAt, allDay, location: v.location, notes: v.notes },
          cli,
        );
        out(`Added event ${event.id} for ${contact.email}: ${event.title} (${when(event)})`);
      });
    },
  },
  'activity list': {
    usage: 'portico activity list --firm SLUG [--contact EMAIL]',
    summary: "List a firm's tasks and events, newest first, or one client's.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "Only this client's (their email address)." },
    },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contactId = v.contact === undefined ? undefined : (await contactByEmail(services, firm.id, v.contact as string)).id;
        const activities = services.activities;
        const emails = new Map<string, string>();
        const emailOf = async (id: string) => {
          if (!emails.has(id)) emails.set(id, (await services.repositories.contacts.find(firm.id, id))?.email ?? id);
          return emails.get(id)!;
        };
        let cursor: string | undefined;
        let count = 0;
        do {
          const page = await activities.listForFirm(firm.id, { contactId, limit: 200, cursor });
          for (const a of page.data) {
            out([a.id, a.kind.padEnd(5), a.status.padEnd(8), when(a), await emailOf(a.contactId), a.title].join('  '));
          }
          count += page.data.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (count === 0) out(`No tasks or events${v.contact ? ` for ${v.contact as string}` : ''} in ${firm.slug}.`);
      });
    },
  },
  'activity delete': {
    usage: 'portico activity delete --firm SLUG --id ID',
    summary: 'Delete a task or an event; the client no longer sees it.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      id: { type: 'string', description: 'The id of the task or event (see activity list).' },
    },
    required: ['firm', 'id'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        await services.activities.remove(firm.id, v.id as string, cli);
        out(`Deleted ${v.id as string} from ${firm.slug}`);
      });
    },
  },
};
