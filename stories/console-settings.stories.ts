import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ApiKey } from '../components/console/api/api-keys-api.ts';
import type { FirmProfile } from '../components/console/api/settings-api.ts';
import type { StaffMember, StaffRole } from '../components/console/api/types.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../components/console/api/webhooks-api.ts';
import '../components/console/settings/define.ts';
import type { PortalConsoleSettings } from '../components/console/settings/settings.ts';
import { darkTokens } from '../components/styles/tokens.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const storyProfile: FirmProfile = {
  id: 'firm_demo',
  slug: 'demo',
  name: 'Hale & Whitmore LLP',
  currency: 'USD',
  siteUrl: 'https://www.example-law.test',
  allowedOrigins: ['https://www.example-law.test', 'http://localhost:8080'],
  branding: { colors: { brand: '#1f3a5f', accent: '#b8860b' }, fontFamily: 'Georgia, serif' },
  settings: {
    sections: { activities: true, invoices: true, messages: true, files: true },
    showPayments: true,
    paymentMethods: { card: true, bankLink: true, bankAccount: false, wallets: false },
    surcharge: { enabled: false, percent: 0 },
    minimumPayment: 1000,
    maxUploadBytes: 26214400,
    paymentFailuresPerHour: 10,
    timeZone: 'America/New_York',
    staffTwoFactor: 'optional',
    clientTwoFactor: 'off',
    portalUrl: 'https://www.example-law.test/portal/',
    stripe: { trustAccount: 'acct_1TrustDemo' },
    plans: { enabled: true, maxInstalments: 6, minInstalment: 5_000 },
    autopay: { enabled: true },
  },
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  warnings: [],
};

const storyEndpoints: WebhookEndpoint[] = [
  {
    id: 'whe_s1',
    firmId: 'firm_demo',
    url: 'https://accounting.example-law.test/hooks/portico',
    events: ['payment.succeeded', 'payment.refunded', 'invoice.paid'],
    enabled: true,
    description: 'Accounting: post payments to the ledger',
    disabledReason: null,
    failingSince: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  },
  {
    id: 'whe_s2',
    firmId: 'firm_demo',
    url: 'https://intranet.example-law.test/portal-events',
    events: ['message.created', 'file.uploaded'],
    enabled: true,
    description: null,
    disabledReason: null,
    failingSince: '2026-12-03T08:00:00.000Z',
    createdAt: '2026-05-10T09:00:00.000Z',
    updatedAt: '2026-05-10T09:00:00.000Z',
  },
];

const storyDeliveries: WebhookDelivery[] = [
  {
    id: 'whd_s1',
    endpointId: 'whe_s1',
    eventId: 'msg_s1',
    eventType: 'payment.succeeded',
    status: 'succeeded',
    attempts: 1,
    lastStatusCode: 200,
    lastError: null,
    lastAttemptAt: '2026-12-04T16:21:00.000Z',
    createdAt: '2026-12-04T16:21:00.000Z',
  },
  {
    id: 'whd_s2',
    endpointId: 'whe_s1',
    eventId: 'msg_s2',
    eventType: 'invoice.paid',
    status: 'failed',
    attempts: 4,
    lastStatusCode: 502,
    lastError: null,
    lastAttemptAt: '2026-12-04T18:00:00.000Z',
    createdAt: '2026-12-04T16:21:00.000Z',
  },
];

const storyKeys: ApiKey[] = [
  {
    id: 'key_s1',
    name: 'Accounting export',
    prefix: 'pk_Q3v9xLm',
    createdAt: '2026-02-01T09:00:00.000Z',
    lastUsedAt: '2026-12-04T23:00:00.000Z',
    revokedAt: null,
  },
  {
    id: 'key_s2',
    name: 'Old website',
    prefix: 'pk_a81Zt0q',
    createdAt: '2026-01-06T09:00:00.000Z',
    lastUsedAt: '2026-04-01T10:00:00.000Z',
    revokedAt: '2026-04-02T10:00:00.000Z',
  },
];

const storyStaff: StaffMember[] = [
  storyStaffMe('owner').staff,
  {
    id: 'stf_s2',
    email: 'daniel@example.com',
    name: 'Daniel Whitmore',
    role: 'admin',
    status: 'active',
    lastSignInAt: '2026-12-04T08:30:00.000Z',
    createdAt: '2026-01-05T09:00:00.000Z',
  },
  {
    id: 'stf_s3',
    email: 'priya@example.com',
    name: 'Priya Natarajan',
    role: 'staff',
    status: 'active',
    lastSignInAt: '2026-12-03T14:10:00.000Z',
    createdAt: '2026-02-10T09:00:00.000Z',
  },
  { id: 'stf_s4', email: 'sam@example.com', name: 'Sam Okafor', role: 'staff', status: 'invited', lastSignInAt: null, createdAt: '2026-12-01T09:00:00.000Z' },
];

interface SettingsData {
  profile: FirmProfile | ConsoleAnswer;
  endpoints: WebhookEndpoint[] | ConsoleAnswer;
  keys: ApiKey[] | ConsoleAnswer;
  staff: StaffMember[] | ConsoleAnswer;
}

const created = (body: unknown): Response => new Response(JSON.stringify(body), { status: 201, headers: { 'Content-Type': 'application/json' } });

/** The admin routes of the settings screen; a `ConsoleAnswer` ('never', 'offline', a Response) stands in for a state. */
function settingsHandler(data: SettingsData): ConsoleHandler {
  let profile = data.profile;
  return (method, url, body) => {
    const path = url.pathname;
    const list = (answer: unknown[] | ConsoleAnswer) => (Array.isArray(answer) ? { data: answer } : answer);
    if (path === '/api/v1/admin/settings') {
      if (method === 'PATCH' && typeof profile === 'object' && !(profile instanceof Response)) {
        const patch = body as { branding?: FirmProfile['branding'] };
        profile = { ...(profile as FirmProfile), ...(patch.branding ? { branding: patch.branding } : {}) };
      }
      return profile as ConsoleAnswer;
    }
    if (method === 'GET' && path === '/api/v1/admin/webhook-endpoints') return list(data.endpoints);
    if (method === 'POST' && path === '/api/v1/admin/webhook-endpoints') {
      return created({ ...storyEndpoints[0], id: 'whe_new', ...(body as object), secret: 'whsec_MfKQ9r2pS8x3aB7cD1eF4gH6' });
    }
    if (method === 'GET' && /\/deliveries$/.test(path)) return { data: storyDeliveries, nextCursor: null };
    if (method === 'POST' && /\/secret$/.test(path)) return { secret: 'whsec_R0tat3dS3cr3tV4lu3xYz', previousValidUntil: '2026-12-06T09:00:00.000Z' };
    if (method === 'GET' && path === '/api/v1/admin/api-keys') return list(data.keys);
    if (method === 'POST' && path === '/api/v1/admin/api-keys') {
      return created({ ...storyKeys[0], id: 'key_new', name: (body as { name: string }).name, key: 'pk_7bQmR2vX9sLk4TzA1nYc8dEf3GhJ6pWq0uVi5oNr' });
    }
    if (method === 'GET' && path === '/api/v1/admin/staff') return list(data.staff);
    if (method === 'POST' && path === '/api/v1/admin/staff') return created({ ...storyStaff[3], id: 'stf_new', ...(body as object) });
    if (method === 'DELETE') return new Response(null, { status: 204 });
    const endpoint = /^\/api\/v1\/admin\/webhook-endpoints\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && endpoint) return { ...(storyEndpoints.find((e) => e.id === endpoint[1]) ?? storyEndpoints[0]), ...(body as object) };
    const retry = /\/deliveries\/([^/]+)\/retry$/.exec(path);
    if (method === 'POST' && retry) return { ...(storyDeliveries.find((d) => d.id === retry[1]) ?? storyDeliveries[0]), status: 'pending' };
    const member = /^\/api\/v1\/admin\/staff\/([^/]+)(\/invitations)?$/.exec(path);
    if (member?.[2]) return new Response(null, { status: 202 });
    if (method === 'PATCH' && member) return { ...(storyStaff.find((m) => m.id === member[1]) ?? storyStaff[0]), ...(body as object) };
    return undefined;
  };
}

interface SettingsArgs extends SettingsData {
  role: StaffRole;
  itemId: string;
}

const meta: Meta<SettingsArgs> = {
  title: 'Console/Settings',
  component: 'portal-console-settings',
  render: ({ role, itemId, ...data }) =>
    html`<portal-console-settings
      item-id=${itemId}
      .client=${consoleMockClient({ role, handlers: [settingsHandler(data)] })}
      .staff=${storyStaffMe(role)}
    ></portal-console-settings>`,
  args: { role: 'owner', itemId: 'branding', profile: storyProfile, endpoints: storyEndpoints, keys: storyKeys, staff: storyStaff },
  argTypes: {
    role: { control: 'inline-radio', options: ['owner', 'admin', 'staff'] },
    itemId: { control: 'select', options: ['branding', 'portal', 'webhooks', 'api-keys', 'staff'] },
    profile: { control: false },
    endpoints: { control: false },
    keys: { control: false },
    staff: { control: false },
  },
};

export default meta;

type Story = StoryObj<SettingsArgs>;

const darkStyle = Object.entries(darkTokens)
  .map(([name, value]) => `${name}: ${value}`)
  .join('; ');

async function ready(canvas: HTMLElement, selector: string): Promise<PortalConsoleSettings> {
  const element = canvas.querySelector<PortalConsoleSettings>('portal-console-settings')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector(selector); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** The branding with its contrast check and the live preview of the portal. */
export const Full: Story = {};

/** While the settings load. */
export const Loading: Story = { args: { profile: 'never' } };

/** No webhook endpoints yet. */
export const Empty: Story = { args: { itemId: 'webhooks', endpoints: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { profile: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** A brand colour too light to read: the check fails and the preview shows why. */
export const LowContrast: Story = {
  args: { profile: { ...storyProfile, branding: { colors: { brand: '#f5c400', brandContrast: '#ffffff' } } } },
};

/** What clients see and how they pay, allowed origins, time zone and accounts. */
export const Portal: Story = { args: { itemId: 'portal' } };

/** Webhook endpoints, one failing, with the first one's delivery log open. */
export const Webhooks: Story = {
  args: { itemId: 'webhooks' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="deliveries-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="deliveries-button"]')!.click();
  },
};

/** Deleting an endpoint asks first. */
export const ConfirmDelete: Story = {
  args: { itemId: 'webhooks' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="delete-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
  },
};

/** The API keys, one revoked. */
export const ApiKeys: Story = { args: { itemId: 'api-keys' } };

/** A new API key, shown once with its copy button and warning. */
export const NewApiKey: Story = {
  args: { itemId: 'api-keys' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '#key-name');
    const name = element.shadowRoot!.querySelector<HTMLInputElement>('#key-name')!;
    name.value = 'Nightly export';
    name.dispatchEvent(new Event('input'));
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="create-key-button"]')!.click();
  },
};

/** The staff, one still invited (owners only). */
export const Staff: Story = { args: { itemId: 'staff' } };

/** An admin: no API keys or staff tabs. */
export const Admin: Story = { args: { role: 'admin' } };

/** A `staff` role cannot see settings at all. */
export const StaffRoleCannot: Story = { args: { role: 'staff' } };

/** The service refused the role anyway: a clear message. */
export const RoleRefused: Story = { args: { itemId: 'webhooks', endpoints: consoleProblem(403, 'role_forbidden', 'This role may not manage webhooks.') } };

/** On a phone: the preview goes under the fields. */
export const Phone: Story = {
  render: (args, context) => html`<div style="max-width: 375px">${meta.render!(args, context)}</div>`,
};

/** In Spanish. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: ${darkTokens['--portal-color-surface-alt']}; ${darkStyle};
        --portal-console-settings-tab-active-color: #f2c46d; --portal-console-settings-preview-background: #312e81"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};
