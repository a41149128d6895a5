import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/console/account/define.ts';
import type { PortalConsoleAccount } from '../components/console/account/account.ts';
import type { StaffMe } from '../components/console/api/types.ts';
import { consoleMockClient, storyStaffMe, type ConsoleAnswer } from './console-mock.ts';

interface AccountArgs {
  /** What `GET /admin/staff/me` answers. */
  me: ConsoleAnswer;
}

const full: StaffMe = {
  ...storyStaffMe('owner'),
  twoFactor: {
    totp: true,
    passkeys: [
      { id: 'pk_1', name: 'Work laptop', createdAt: '2026-10-14T09:30:00.000Z' },
      { id: 'pk_2', name: 'Security key', createdAt: '2026-11-20T16:05:00.000Z' },
    ],
    recoveryCodesLeft: 8,
  },
};

const meta: Meta<AccountArgs> = {
  title: 'Console/Account',
  component: 'portal-console-account',
  render: ({ me }) => html`<portal-console-account
    .client=${consoleMockClient({
      latency: 250,
      handlers: [(method, url) => (method === 'GET' && url.pathname === '/api/v1/admin/staff/me' ? me : undefined)],
    })}
  ></portal-console-account>`,
  args: { me: full as unknown as ConsoleAnswer },
  argTypes: { me: { control: false } },
};

export default meta;

type Story = StoryObj<AccountArgs>;

/** While the account loads. */
export const Loading: Story = { args: { me: 'never' } };

/** An owner with the authenticator app, two passkeys and eight recovery codes left. */
export const Full: Story = {};

/** Nothing set up yet (the demo firm's second factor is optional). */
export const Empty: Story = {
  args: { me: { ...storyStaffMe('staff'), twoFactor: { totp: false, passkeys: [], recoveryCodesLeft: 0 } } as unknown as ConsoleAnswer },
};

/** The service could not be reached. */
export const Error: Story = { args: { me: 'offline' } };

/** The question before removing a passkey. */
export const ConfirmRemove: Story = {
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector<PortalConsoleAccount>('portal-console-account')!;
    await new Promise<void>((resolve) => {
      const check = () => (element.shadowRoot?.querySelector('[data-action="remove-passkey"]') ? resolve() : setTimeout(check, 50));
      check();
    });
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="remove-passkey"]')!.click();
  },
};

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-console-account-section-background: #0f172a;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
