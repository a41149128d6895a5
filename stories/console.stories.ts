import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/console/define.ts';
import type { StaffRole } from '../components/console/api/types.ts';
import { consoleMockClient, type ConsoleHandler } from './console-mock.ts';

interface ConsoleArgs {
  role: StaffRole;
  signedIn: boolean;
  /** Keeps the sign-in to resume unanswered: the console's placeholder. */
  loading: boolean;
  screen: string;
}

const neverRefresh: ConsoleHandler = (method, url) => (method === 'POST' && url.pathname === '/api/v1/staff/auth/refresh' ? 'never' : undefined);

const meta: Meta<ConsoleArgs> = {
  title: 'Console/Console',
  component: 'portal-console',
  // The account screen is the one every role has, and the mock answers it; the other screens' stories show them.
  render: ({ role, signedIn, loading, screen }) =>
    html`<portal-console
      routing="none"
      screen=${screen}
      .client=${consoleMockClient({ role, signedIn, latency: 250, handlers: loading ? [neverRefresh] : [] })}
    ></portal-console>`,
  args: { role: 'owner', signedIn: true, loading: false, screen: 'account' },
  argTypes: { role: { control: 'inline-radio', options: ['owner', 'admin', 'staff'] }, screen: { control: 'text' } },
};

export default meta;

type Story = StoryObj<ConsoleArgs>;

/** Nobody signed in: the firm's header and the staff sign-in. Sign in with any email and password. */
export const SignedOut: Story = { args: { signedIn: false } };

/** While the sign-in resumes. */
export const Loading: Story = { args: { loading: true } };

/** An owner: every screen, staff and API keys in settings. */
export const SignedInOwner: Story = {};

/** An admin: every screen, settings included. */
export const SignedInAdmin: Story = { args: { role: 'admin' } };

/** A member of staff: no settings. */
export const SignedInStaff: Story = { args: { role: 'staff' } };

/** The page's own tokens over the firm's branding: header, navigation and brand colour. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="--portal-color-brand: #0f766e; --portal-color-accent: #c2571a; --portal-console-header-background: #134e4a; --portal-radius: 12px;
        --portal-console-nav-indicator-color: #c2571a; --portal-font-family: Georgia, serif;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** On a 375 px phone: the navigation is a row of tabs that scrolls sideways. */
export const Phone: Story = {
  render: (args, context) => html`<div style="width: 375px; border: 1px dashed #94a3b8">${meta.render!(args, context)}</div>`,
};
