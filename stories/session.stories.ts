import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/session/define.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface SessionArgs {
  service: MockOptions;
}

const portalContent = html`
  <section style="padding: 0 1rem">
    <h2 style="margin-top: 0">Welcome back</h2>
    <p>Your invoices, messages and files appear here once those sections are added to the page.</p>
  </section>
`;

const meta: Meta<SessionArgs> = {
  title: 'Components/Session',
  component: 'portal-session',
  render: ({ service }) => html`<portal-session .client=${mockClient(service)}>${portalContent}</portal-session>`,
  args: { service: {} },
  argTypes: { service: { control: false } },
};

export default meta;

type Story = StoryObj<SessionArgs>;

/** While the branding loads and an earlier sign-in is looked for. */
export const Loading: Story = { args: { service: { branding: 'never' } } };

/** Nobody is signed in: the firm's header and the login. Sign in with any email and a password. */
export const SignedOut: Story = { args: { service: { signedIn: false } } };

/** An earlier sign-in was resumed: the header shows the client and a sign-out button, then the portal. */
export const SignedIn: Story = { args: { service: { signedIn: true } } };

/** The service cannot be reached: an explanation and a retry button. */
export const ServiceUnreachable: Story = { args: { service: { branding: 'offline' } } };

/** The firm's slug is unknown to the service. */
export const UnknownFirm: Story = { args: { service: { branding: 'unknown-firm' } } };

/** The service's branding sets the colours and font; the page's CSS (theme toolbar) still wins. */
export const FirmBranding: Story = { args: { service: { signedIn: true, branding: themedBranding } } };

/** Signed in, at the narrowest supported width (320px). */
export const Narrow: Story = {
  args: { service: { signedIn: true } },
  parameters: { narrow: true },
};
