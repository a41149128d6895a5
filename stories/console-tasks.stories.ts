import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmActivity } from '../components/console/api/activities-api.ts';
import '../components/console/tasks/define.ts';
import type { ActivityView, PortalConsoleTasks } from '../components/console/tasks/tasks.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const clients = [
  {
    id: 'con_alex',
    firmId: 'firm_demo',
    email: 'alex@example.com',
    name: 'Alex Morgan',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  },
  {
    id: 'con_jordan',
    firmId: 'firm_demo',
    email: 'jordan@example.com',
    name: 'Jordan Lee',
    phone: null,
    status: 'active',
    externalId: null,
    hasLogin: true,
    createdAt: '2026-02-11T09:00:00.000Z',
    updatedAt: '2026-02-11T09:00:00.000Z',
  },
];

const stamp = { externalId: null, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' };

const storyActivities: FirmActivity[] = [
  {
    id: 'act_1',
    kind: 'task',
    title: 'Sign and return the retainer',
    notes: 'Both pages, initials on page 2.',
    dueOn: '2026-12-18',
    completedAt: null,
    status: 'upcoming',
    contactId: 'con_alex',
    ...stamp,
  },
  {
    id: 'act_2',
    kind: 'event',
    title: 'Probate hearing',
    notes: null,
    startsAt: '2026-12-10T15:00:00.000Z',
    endsAt: '2026-12-10T16:00:00.000Z',
    allDay: false,
    location: 'County Courthouse, Courtroom 4B',
    status: 'upcoming',
    contactId: 'con_alex',
    ...stamp,
  },
  {
    id: 'act_3',
    kind: 'event',
    title: 'Mediation day',
    notes: null,
    startsAt: '2027-01-12',
    endsAt: '2027-01-12',
    allDay: true,
    location: 'Hale & Whitmore, Room 2',
    status: 'upcoming',
    contactId: 'con_jordan',
    ...stamp,
  },
  {
    id: 'act_4',
    kind: 'task',
    title: 'Send 2025 bank statements',
    notes: null,
    dueOn: '2026-11-20',
    completedAt: null,
    status: 'overdue',
    contactId: 'con_jordan',
    ...stamp,
  },
  {
    id: 'act_5',
    kind: 'task',
    title: 'Fill in the intake form',
    notes: null,
    dueOn: '2026-11-10',
    completedAt: '2026-11-08T18:12:00.000Z',
    status: 'done',
    contactId: 'con_alex',
    ...stamp,
  },
];

function activitiesHandler(activities: FirmActivity[] | ConsoleAnswer): ConsoleHandler {
  return (method, url, body) => {
    if (method === 'GET' && url.pathname === '/api/v1/admin/contacts') return { data: clients, nextCursor: null };
    if (method === 'DELETE' && url.pathname.startsWith('/api/v1/admin/activities/')) return new Response(null, { status: 204 });
    if (method === 'POST' && url.pathname === '/api/v1/admin/activities') {
      const input = body as Record<string, unknown>;
      return { id: `act_${Date.now()}`, status: 'upcoming', completedAt: null, dueOn: null, notes: null, location: null, ...stamp, ...input };
    }
    if (method === 'PATCH' && url.pathname.startsWith('/api/v1/admin/activities/')) {
      const id = url.pathname.split('/').at(-1);
      const current = storyActivities.find((activity) => activity.id === id)!;
      const changes = body as { completed?: boolean };
      const completed = changes.completed;
      const { completed: _ignored, ...rest } = changes as Record<string, unknown>;
      const next = { ...current, ...rest } as FirmActivity;
      if (next.kind === 'task' && completed !== undefined)
        return { ...next, completedAt: completed ? new Date().toISOString() : null, status: completed ? 'done' : 'upcoming' };
      return next;
    }
    if (method !== 'GET' || url.pathname !== '/api/v1/admin/activities') return undefined;
    if (!Array.isArray(activities)) return activities;
    const contactId = url.searchParams.get('contactId');
    const kind = url.searchParams.get('kind');
    return { data: (activities as FirmActivity[]).filter((a) => (!contactId || a.contactId === contactId) && (!kind || a.kind === kind)), nextCursor: null };
  };
}

interface TasksArgs {
  activities: FirmActivity[] | ConsoleAnswer;
  signedInStaff: boolean;
  view: ActivityView;
}

const meta: Meta<TasksArgs> = {
  title: 'Console/Tasks',
  component: 'portal-console-tasks',
  render: ({ activities, signedInStaff, view }) =>
    html`<portal-console-tasks
      view=${view}
      .client=${consoleMockClient({ role: 'staff', handlers: [activitiesHandler(activities)] })}
      .staff=${signedInStaff ? storyStaffMe('staff') : undefined}
    ></portal-console-tasks>`,
  args: { activities: storyActivities, signedInStaff: true, view: 'upcoming' },
  argTypes: { activities: { control: false }, view: { control: 'inline-radio', options: ['upcoming', 'overdue', 'done'] } },
};

export default meta;

type Story = StoryObj<TasksArgs>;

async function ready(canvas: HTMLElement): Promise<PortalConsoleTasks> {
  const element = canvas.querySelector<PortalConsoleTasks>('portal-console-tasks')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector('[part~="activity"]'); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** What is coming up for every client, soonest first. */
export const Full: Story = {};

/** Tasks past their due date. */
export const Overdue: Story = { args: { view: 'overdue' } };

/** Completed tasks and past events, with when each task was completed. */
export const Done: Story = { args: { view: 'done' } };

/** While the list loads. */
export const Loading: Story = { args: { activities: 'never' } };

/** Nothing yet. */
export const Empty: Story = { args: { activities: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { activities: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** The form for a new event. */
export const NewEvent: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="new-event-button"]')!.click();
  },
};

/** The confirmation before a delete. */
export const ConfirmDelete: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-activity-id="act_2"] [part~="delete-button"]')!.click();
  },
};

/** Without a signed-in staff member who may write: reading only. */
export const ReadOnly: Story = { args: { signedInStaff: false } };

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-color-danger: #fca5a5; --portal-color-success: #86efac;
        --portal-color-warning: #fcd34d; --portal-console-tasks-overdue-color: #fca5a5;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
