import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmMessage, FirmThread } from '../components/console/api/threads-api.ts';
import '../components/console/inbox/define.ts';
import type { PortalConsoleInbox } from '../components/console/inbox/inbox.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const alex = { id: 'con_alex', name: 'Alex Morgan', email: 'alex@example.com' };
const jordan = { id: 'con_jordan', name: 'Jordan Lee', email: 'jordan@example.com' };
const clients = [alex, jordan].map((who) => ({
  ...who,
  firmId: 'firm_demo',
  phone: null,
  status: 'active',
  externalId: null,
  hasLogin: true,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
}));

const thread = (
  id: string,
  subject: string,
  contact: typeof alex,
  last: { author: FirmMessage['author']; preview: string; at: string },
  extra: Partial<FirmThread> = {},
): FirmThread => ({
  id,
  subject,
  status: 'open',
  lastMessage: { id: `${id}_last`, author: last.author, preview: last.preview, createdAt: last.at },
  unreadCount: 0,
  createdAt: '2026-11-20T09:00:00.000Z',
  lastActivityAt: last.at,
  contact,
  closedAt: null,
  ...extra,
});

const storyThreads: FirmThread[] = [
  thread(
    'thr_s1',
    'Lease renewal — signed copy',
    alex,
    {
      author: { type: 'contact', name: 'Alex Morgan' },
      preview: 'Attached is the signed lease. Do I need to send the original by post?',
      at: '2026-12-04T16:20:00.000Z',
    },
    { unreadCount: 2 },
  ),
  thread('thr_s2', 'Engagement letter', jordan, {
    author: { type: 'staff', name: 'Margaret Hale' },
    preview: 'Thank you, Jordan. We will file the formation documents on Monday.',
    at: '2026-12-03T11:05:00.000Z',
  }),
  thread(
    'thr_s3',
    'Estate of Eleanor Morgan — bank statements',
    alex,
    { author: { type: 'contact', name: 'Alex Morgan' }, preview: 'Here are the statements for 2026.', at: '2026-11-27T14:00:00.000Z' },
    { status: 'closed', closedAt: '2026-11-28T10:00:00.000Z' },
  ),
];

const storyMessages: FirmMessage[] = [
  {
    id: 'msg_s1',
    threadId: 'thr_s1',
    author: { type: 'staff', name: 'Margaret Hale' },
    body: 'Hi Alex, the landlord has agreed to the renewal terms. Please sign and send the lease back.',
    attachments: [{ id: 'file_s1', name: 'Lease renewal.pdf', size: 240_000, contentType: 'application/pdf' }],
    createdAt: '2026-12-02T09:15:00.000Z',
  },
  {
    id: 'msg_s2',
    threadId: 'thr_s1',
    author: { type: 'contact', name: 'Alex Morgan' },
    body: 'Thanks! Signed copy attached.',
    attachments: [{ id: 'file_s2', name: 'Signed lease.pdf', size: 2_400_000, contentType: 'application/pdf' }],
    createdAt: '2026-12-04T16:18:00.000Z',
  },
  {
    id: 'msg_s3',
    threadId: 'thr_s1',
    author: { type: 'contact', name: 'Alex Morgan' },
    body: 'Do I need to send the original by post?',
    attachments: [],
    createdAt: '2026-12-04T16:20:00.000Z',
  },
];

/** The admin routes of the Inbox: `threads` answers the list ('never', 'offline' or a Response stand in for states). */
function inboxHandler(threads: FirmThread[] | ConsoleAnswer): ConsoleHandler {
  return (method, url) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/admin/contacts') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return { data: clients.filter((client) => client.name.toLowerCase().includes(q)), nextCursor: null };
    }
    if (method === 'GET' && path === '/api/v1/admin/threads') {
      if (!Array.isArray(threads)) return threads;
      const list = threads as FirmThread[];
      const contactId = url.searchParams.get('contactId');
      const status = url.searchParams.get('status');
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const data = list.filter((t) => (!contactId || t.contact.id === contactId) && (!status || t.status === status) && t.subject.toLowerCase().includes(q));
      return { data, nextCursor: null, unreadCount: list.reduce((sum, t) => sum + t.unreadCount, 0) };
    }
    const match = /^\/api\/v1\/admin\/threads\/([^/]+)(?:\/(read|close|reopen))?$/.exec(path);
    const found = match && Array.isArray(threads) ? (threads as FirmThread[]).find((t) => t.id === match[1]) : undefined;
    if (!match || !found) return undefined;
    if (method === 'GET') return { thread: found, data: storyMessages.map((m) => ({ ...m, threadId: found.id })), nextCursor: null };
    if (match[2] === 'read') return { ...found, unreadCount: 0 };
    if (match[2] === 'close') return { ...found, status: 'closed', closedAt: '2026-12-05T09:00:00.000Z' };
    if (match[2] === 'reopen') return { ...found, status: 'open', closedAt: null };
    return undefined;
  };
}

interface InboxArgs {
  threads: FirmThread[] | ConsoleAnswer;
  itemId: string;
  signedInStaff: boolean;
}

const meta: Meta<InboxArgs> = {
  title: 'Console/Inbox',
  component: 'portal-console-inbox',
  render: ({ threads, itemId, signedInStaff }) =>
    html`<portal-console-inbox
      item-id=${itemId}
      poll-interval="0"
      .client=${consoleMockClient({ role: 'staff', handlers: [inboxHandler(threads)] })}
      .staff=${signedInStaff ? storyStaffMe('staff') : undefined}
    ></portal-console-inbox>`,
  args: { threads: storyThreads, itemId: '', signedInStaff: true },
  argTypes: { threads: { control: false } },
};

export default meta;

type Story = StoryObj<InboxArgs>;

async function ready(canvas: HTMLElement): Promise<PortalConsoleInbox> {
  const element = canvas.querySelector<PortalConsoleInbox>('portal-console-inbox')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector('[part~="thread"]'); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** Every client's threads, newest activity first, with what the firm has not read. */
export const Full: Story = {};

/** While the threads load. */
export const Loading: Story = { args: { threads: 'never' } };

/** No threads yet. */
export const Empty: Story = { args: { threads: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { threads: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** A thread open beside the list (one at a time on a phone), with its files and the reply box. */
export const ThreadOpen: Story = { args: { itemId: 'thr_s1' } };

/** A closed thread: no replies until it is reopened. */
export const ClosedThread: Story = { args: { itemId: 'thr_s3' } };

/** The form that starts a thread with a client. */
export const NewThread: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="new-button"]')!.click();
  },
};

/** The service refused the staff member's role: a clear message instead of the threads. */
export const RoleRefused: Story = { args: { threads: consoleProblem(403, 'role_forbidden', 'This role may not read messages.') } };

/** On a phone: the list, or the open thread with a Back button. */
export const Phone: Story = {
  args: { itemId: 'thr_s1' },
  render: (args, context) => html`<div style="max-width: 375px">${meta.render!(args, context)}</div>`,
};

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  args: { itemId: 'thr_s1' },
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-divider: #374151; --portal-color-brand: #a78bfa; --portal-color-brand-contrast: #111827;
        --portal-console-inbox-filters-background: #1e293b; --portal-messages-unread-background: #f59e0b; --portal-messages-unread-color: #111827"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};
