import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/session/define.ts';
import { SessionHint } from '../components/session/session-hint.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface SessionArgs {
  service: MockOptions;
  /** Stands in for the firm's site: hands out an assertion for the visitor it has signed in. */
  getAssertion?: () => Promise<string>;
}

/** The firm's own site, which has signed the visitor in and vouches for them. */
const fromFirmSite = () => Promise.resolve('eyJhbGciOiJFUzI1NiJ9.story.assertion');

const portalContent = html`
  <section style="padding: 0 1rem">
    <h2 style="margin-top: 0">Welcome back</h2>
    <p>Your invoices, messages and files appear here once those sections are added to the page.</p>
  </section>
`;

const meta: Meta<SessionArgs> = {
  title: 'Components/Session',
  component: 'portal-session',
  render: ({ service, getAssertion }) => html`<portal-session .client=${mockClient(service)} .getAssertion=${getAssertion}>${portalContent}</portal-session>`,
  args: { service: {} },
  argTypes: { service: { control: false }, getAssertion: { control: false } },
};

export default meta;

type Story = StoryObj<SessionArgs>;

/**
 * While the branding loads: the login is there at once, and the firm's name and logo fill in,
 * in the room kept for them, when the branding arrives.
 */
export const Loading: Story = { args: { service: { branding: 'never' } } };

/**
 * A tab that was signed in (after a reload, say) while its sign-in resumes and the branding
 * loads: a placeholder rather than a login that would flash by.
 */
export const Resuming: Story = {
  args: { service: { signedIn: true, branding: 'never' } },
  loaders: [
    () => {
      new SessionHint(mockClient()).remember(true);
      return Promise.resolve({});
    },
  ],
};

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

/** The firm's own site signed the client in: the session exchanges its assertion, with no password. */
export const SignedInFromFirmSite: Story = { args: { service: { signedIn: false }, getAssertion: fromFirmSite } };

/** While the assertion from the firm's site is exchanged for a session. */
export const SigningInFromFirmSite: Story = { args: { service: { signedIn: false, tokenExchange: 'never' }, getAssertion: fromFirmSite } };

/** The service refused the assertion from the firm's site: a message, and the login below it. */
export const FirmSiteSignInFailed: Story = {
  args: { service: { signedIn: false, tokenExchange: 'invalid-assertion' }, getAssertion: fromFirmSite },
};

/** The firm's site vouched for someone without a portal account. */
export const FirmSiteClientUnknown: Story = {
  args: { service: { signedIn: false, tokenExchange: 'contact-not-found' }, getAssertion: fromFirmSite },
};

/**
 * A logo drawn in the header's own colour (a navy logo on the firm's navy header) on a light
 * plate the page sets with `--portal-session-logo-background` and `--portal-session-logo-padding`.
 */
export const LogoOnPlate: Story = {
  args: { service: { signedIn: true, branding: themedBranding } },
  render: ({ service }) =>
    html`<portal-session .client=${mockClient(service)} style="--portal-session-logo-background: #ffffff; --portal-session-logo-padding: 0.25rem"
      >${portalContent}</portal-session
    >`,
};
