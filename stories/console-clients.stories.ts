import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmAutopay } from '../components/console/api/autopay-api.ts';
import type { StaffRole } from '../components/console/api/types.ts';
import type { FirmContact } from '../components/console/api/contacts-api.ts';
import type { PortalConsoleClients } from '../components/console/clients/clients.ts';
import '../components/console/clients/define.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const client = (id: string, name: string, email: string, overrides: Partial<FirmContact> = {}): FirmContact => ({
  id,
  firmId: 'firm_demo',
  email,
  name,
  phone: null,
  status: 'active',
  externalId: null,
  locale: null,
  hasLogin: false,
  invitationStatus: 'none',
  invitedAt: null,
  lastSignInAt: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});

const storyClients: FirmContact[] = [
  client('con_alex', 'Alex Morgan', 'alex@example.com', {
    phone: '+1 415 555 0100',
    hasLogin: true,
    invitationStatus: 'accepted',
    invitedAt: '2026-01-06T10:00:00.000Z',
    lastSignInAt: '2026-12-04T16:20:00.000Z',
  }),
  client('con_jordan', 'Jordan Lee', 'jordan@example.com', {
    hasLogin: true,
    invitationStatus: 'accepted',
    invitedAt: '2026-02-11T10:00:00.000Z',
    lastSignInAt: '2026-11-28T09:05:00.000Z',
  }),
  client('con_priya', 'Priya Shah', 'priya.shah@example.com', { invitationStatus: 'pending', invitedAt: '2026-12-02T14:00:00.000Z' }),
  client('con_marcus', 'Marcus Bell', 'marcus@bell-holdings.example', { invitationStatus: 'expired', invitedAt: '2026-10-01T14:00:00.000Z' }),
  client('con_elena', 'Elena Ruiz', 'elena.ruiz@example.com', { locale: 'es' }),
  client('con_drew', 'Drew Park', 'drew@example.com', { status: 'archived', hasLogin: true, lastSignInAt: '2026-05-01T12:00:00.000Z' }),
];

const records: Record<string, unknown[]> = {
  invoices: [
    { id: 'inv_1', number: 'INV-1042', status: 'open', balance: 125000, currency: 'USD', contactId: 'con_alex' },
    { id: 'inv_2', number: 'INV-1031', status: 'paid', balance: 0, currency: 'USD', contactId: 'con_alex' },
  ],
  payments: [{ id: 'pay_1', status: 'succeeded', amount: 50000, currency: 'USD', createdAt: '2026-10-12T10:00:00.000Z', contactId: 'con_alex' }],
  files: [{ id: 'file_1', name: 'Signed lease.pdf', createdAt: '2026-12-04T16:20:00.000Z', contactId: 'con_alex' }],
  activities: [{ id: 'act_1', kind: 'task', title: 'Sign the engagement letter', status: 'overdue', contactId: 'con_alex' }],
  threads: [{ id: 'thr_1', subject: 'Hearing date', status: 'open', unreadCount: 2, lastActivityAt: '2026-12-03T10:00:00.000Z', contact: { id: 'con_alex' } }],
};

/** The admin routes the Clients screen calls: `list` answers the list ('never', 'offline' or a Response stand in for states). */
function clientsHandler(list: FirmContact[] | ConsoleAnswer): ConsoleHandler {
  return (method, url) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/admin/contacts') {
      if (!Array.isArray(list)) return list;
      const status = url.searchParams.get('status') ?? 'active';
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const data = (list as FirmContact[]).filter((c) => (status === 'all' || c.status === status) && (!q || `${c.name} ${c.email}`.toLowerCase().includes(q)));
      return { data, nextCursor: null };
    }
    const one = /^\/api\/v1\/admin\/contacts\/([^/]+)(\/\w+)?$/.exec(path);
    const found = one ? storyClients.find((c) => c.id === one[1]) : undefined;
    if (one && !found) return consoleProblem(404, 'not_found', 'No such contact.');
    if (found && method === 'GET' && !one![2]) return found;
    if (found && one![2] === '/invitations')
      return { id: 'inv_new', contactId: found.id, expiresAt: '2026-12-12T10:00:00.000Z', createdAt: '2026-12-05T10:00:00.000Z' };
    if (found && one![2] === '/archive') return { ...found, status: 'archived' };
    if (found && one![2] === '/restore') return { ...found, status: 'active' };
    if (found && method === 'PATCH') return found;
    const kind = /^\/api\/v1\/admin\/(invoices|payments|files|activities|threads)$/.exec(path)?.[1];
    if (method === 'GET' && kind) {
      const contactId = url.searchParams.get('contactId');
      const rows = records[kind]!.filter((r) => ((r as { contactId?: string }).contactId ?? (r as { contact: { id: string } }).contact.id) === contactId);
      return { data: rows, nextCursor: null };
    }
    return undefined;
  };
}

const autopayText = (matter: string, account: string) =>
  `By selecting Turn on autopay, I authorize Hale & Whitmore LLP to charge my ${account} in recurring payments for the balance of each invoice Hale & Whitmore LLP issues to me for the matter “${matter}” from today on, on that invoice’s due date (or on the day it is issued, if that is later).`;

/** Alex Morgan's autopay: on by card for one matter (the open invoice's charge scheduled), turned off by Alex for another. */
const storyAutopay: FirmAutopay[] = [
  {
    id: 'apay_estate',
    contactId: 'con_alex',
    matter: 'Estate of Eleanor Morgan (2025-0388)',
    status: 'active',
    currency: 'USD',
    method: { type: 'card', brand: 'visa', last4: '4242' },
    authorization: {
      id: 'auth_estate',
      version: 'autopay-2026-12',
      text: autopayText('Estate of Eleanor Morgan (2025-0388)', 'card ending in 4242'),
      acceptedAt: '2026-09-01T10:00:00.000Z',
      revokedAt: null,
    },
    nextCharge: { invoiceId: 'inv_1', invoiceNumber: 'INV-1042', on: '2026-12-20', amount: 125000 },
    charges: [
      {
        id: 'apc_1042',
        invoiceId: 'inv_1',
        invoiceNumber: 'INV-1042',
        chargeOn: '2026-12-20',
        attemptOn: '2026-12-20',
        amount: 125000,
        status: 'scheduled',
        attempts: 0,
        paymentId: null,
        lastError: null,
      },
    ],
    chargesUnderWay: [],
    createdAt: '2026-09-01T10:00:00.000Z',
    endedAt: null,
    endedReason: null,
  },
  {
    id: 'apay_castellan',
    contactId: 'con_alex',
    matter: 'Morgan v. Castellan Property Group (2025-0412)',
    status: 'cancelled',
    currency: 'USD',
    method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    authorization: {
      id: 'auth_castellan',
      version: 'autopay-2026-12',
      text: autopayText('Morgan v. Castellan Property Group (2025-0412)', 'bank account ending in 6789'),
      acceptedAt: '2026-08-14T10:00:00.000Z',
      revokedAt: '2026-10-20T15:30:00.000Z',
    },
    nextCharge: null,
    charges: [
      {
        id: 'apc_1031',
        invoiceId: 'inv_2',
        invoiceNumber: 'INV-1031',
        chargeOn: '2026-10-12',
        attemptOn: '2026-10-12',
        amount: 50000,
        status: 'paid',
        attempts: 1,
        paymentId: 'pay_1',
        lastError: null,
      },
    ],
    chargesUnderWay: [],
    createdAt: '2026-08-14T10:00:00.000Z',
    endedAt: '2026-10-20T15:30:00.000Z',
    endedReason: 'cancelled_by_client',
  },
];

/**
 * How "Turn off autopay" ends: it goes through (and sticks for the story's life), it goes through
 * while the scheduled charge was already being made (`under-way`), or the service cannot be reached.
 */
type AutopayCancel = 'ok' | 'under-way' | 'offline';

/** The admin autopay routes the client's page calls: the client's enrolments, and turning one off. */
function autopayHandler(enrolments: FirmAutopay[], cancel: AutopayCancel): ConsoleHandler {
  let list = enrolments;
  return (method, url) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/admin/autopay') {
      const contactId = url.searchParams.get('contactId');
      return { data: list.filter((enrolment) => !contactId || enrolment.contactId === contactId) };
    }
    const id = method === 'POST' ? /^\/api\/v1\/admin\/autopay\/([^/]+)\/cancel$/.exec(path)?.[1] : undefined;
    if (!id) return undefined;
    if (cancel === 'offline') return 'offline';
    const found = list.find((enrolment) => enrolment.id === id);
    if (!found) return consoleProblem(404, 'not_found', 'No such autopay.');
    if (found.status !== 'active') return consoleProblem(409, 'autopay_not_active', 'Autopay for this matter has already been turned off.');
    const endedAt = new Date().toISOString();
    const started = cancel === 'under-way' ? ('charging' as const) : ('cancelled' as const);
    const charges: FirmAutopay['charges'] = found.charges.map((charge) => (charge.status === 'scheduled' ? { ...charge, status: started } : charge));
    const ended: FirmAutopay = {
      ...found,
      status: 'cancelled',
      authorization: { ...found.authorization, revokedAt: endedAt },
      nextCharge: null,
      charges,
      chargesUnderWay: charges
        .filter((charge) => charge.status === 'charging')
        .map(({ invoiceId, invoiceNumber, amount }) => ({ invoiceId, invoiceNumber, amount, currency: found.currency, status: 'charging' as const })),
      endedAt,
      endedReason: 'cancelled_by_firm',
    };
    list = list.map((enrolment) => (enrolment.id === id ? ended : enrolment));
    return ended;
  };
}

interface ClientsArgs {
  list: FirmContact[] | ConsoleAnswer;
  role: StaffRole;
  itemId: string;
  /** The firm's autopay enrolments (the client's page shows the client's). */
  autopay: FirmAutopay[];
  autopayCancel: AutopayCancel;
}

const meta: Meta<ClientsArgs> = {
  title: 'Console/Clients',
  component: 'portal-console-clients',
  render: ({ list, role, itemId, autopay, autopayCancel }) =>
    html`<portal-console-clients
      item-id=${itemId}
      .client=${consoleMockClient({ role, handlers: [clientsHandler(list), autopayHandler(autopay, autopayCancel)] })}
      .staff=${storyStaffMe(role)}
    ></portal-console-clients>`,
  args: { list: storyClients, role: 'admin', itemId: '', autopay: [], autopayCancel: 'ok' },
  argTypes: {
    list: { control: false },
    role: { control: 'select', options: ['owner', 'admin', 'staff'] },
    autopay: { control: false },
    autopayCancel: { control: 'inline-radio', options: ['ok', 'under-way', 'offline'] },
  },
};

export default meta;

type Story = StoryObj<ClientsArgs>;

async function ready(canvas: HTMLElement, part: string): Promise<PortalConsoleClients> {
  const element = canvas.querySelector<PortalConsoleClients>('portal-console-clients')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector(`[part~="${part}"]`); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** The active clients with their standing (active, invited, invitation expired, not invited) and last sign-in. */
export const Full: Story = {};

/** While the clients load. */
export const Loading: Story = { args: { list: 'never' } };

/** No clients yet. */
export const Empty: Story = { args: { list: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { list: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** The form that adds a client, with "send the invitation now" ticked. */
export const AddForm: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, 'add-button');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="add-button"]')!.click();
  },
};

/** A client's page: details, invitation, last sign-in, and their invoices, payments, files, tasks and messages. */
export const ClientPage: Story = { args: { itemId: 'con_alex' } };

/** A client who has not accepted their invitation: "Resend invitation". */
export const InvitedClient: Story = { args: { itemId: 'con_priya' } };

/** A client the firm set to read the portal and its emails in Spanish. */
export const SpanishSpeakingClient: Story = { args: { itemId: 'con_elena' } };

/** An archived client: "Restore", no shortcuts. */
export const ArchivedClient: Story = { args: { itemId: 'con_drew' } };

/** The confirmation before a client is archived. */
export const ConfirmArchive: Story = {
  args: { itemId: 'con_jordan' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, 'archive-button');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="archive-button"]')!.click();
  },
};

/** "Turn off autopay" on the client's page and its confirmation, confirmed. */
async function turnOffAutopay(canvas: HTMLElement): Promise<void> {
  const element = await ready(canvas, 'autopay-cancel-button');
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="autopay-cancel-button"]')!.click();
  const dialog = element.shadowRoot!.querySelector<HTMLDialogElement>('[part~="confirm-dialog"]')!;
  await element.updateComplete;
  for (let frame = 0; frame < 600 && !dialog.open; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
  dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
}

/** A client with autopay: on by card for one matter (its next charge, "Turn off autopay"), turned off by the client for another. */
export const ClientWithAutopay: Story = { args: { itemId: 'con_alex', autopay: storyAutopay } };

/** The confirmation before a client's autopay is turned off. */
export const ConfirmTurnOffAutopay: Story = {
  args: { itemId: 'con_alex', autopay: storyAutopay },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, 'autopay-cancel-button');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="autopay-cancel-button"]')!.click();
  },
};

/** After "Turn off autopay" was confirmed: both matters read "Turned off", no button is left, and the change is announced. */
export const AutopayTurnedOff: Story = {
  args: { itemId: 'con_alex', autopay: storyAutopay },
  play: ({ canvasElement }) => turnOffAutopay(canvasElement),
};

/** Turned off while its charge was being made: the matter says turning autopay off did not stop that payment, and the announcement too. */
export const AutopayTurnedOffWhileCharging: Story = {
  args: { itemId: 'con_alex', autopay: storyAutopay, autopayCancel: 'under-way' },
  play: ({ canvasElement }) => turnOffAutopay(canvasElement),
};

/** Turning autopay off failed (the service could not be reached): an alert says so and autopay stays on. */
export const AutopayTurnOffFails: Story = {
  args: { itemId: 'con_alex', autopay: storyAutopay, autopayCancel: 'offline' },
  play: ({ canvasElement }) => turnOffAutopay(canvasElement),
};

/** The `staff` role: no "New invoice" (billing needs `admin`). */
export const StaffRoleCannotBill: Story = { args: { role: 'staff', itemId: 'con_alex' } };

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-color-success: #86efac; --portal-color-warning: #fcd34d;
        --portal-color-danger: #fca5a5; --portal-console-clients-row-hover-background: #334155;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  args: { itemId: 'con_alex' },
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
