import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { PortalAppLayout, PortalSectionName } from '../components/index.ts';
import '../components/app/define.ts';
import { demoBranding, mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface AppArgs {
  section: PortalSectionName | '';
  itemId: string;
  layout: PortalAppLayout;
  service: MockOptions;
  /** Page CSS set on the element (a firm's own theme). */
  pageStyle: Record<string, string>;
  headerActions: boolean;
  /** Stands in for the firm's site: hands out an assertion for the visitor it has signed in. */
  getAssertion?: () => Promise<string>;
}

/** The firm's own site, which has signed the visitor in and vouches for them. */
const fromFirmSite = () => Promise.resolve('eyJhbGciOiJFUzI1NiJ9.story.assertion');

const meta: Meta<AppArgs> = {
  title: 'Components/App',
  component: 'portal-app',
  // The stories keep the place to themselves: Storybook's own address is not the portal's.
  render: ({ section, itemId, layout, service, pageStyle, headerActions, getAssertion }) => html`
    <portal-app
      routing="none"
      section=${section}
      item-id=${itemId}
      layout=${layout}
      style=${styleMap(pageStyle)}
      .client=${mockClient({ signedIn: true, latency: 300, ...service })}
      .getAssertion=${getAssertion}
    >
      ${headerActions ? html`<a slot="header-actions" href="tel:+12075550148">Call us: (207) 555-0148</a>` : nothing}
    </portal-app>
  `,
  args: { section: '', itemId: '', layout: 'auto', service: {}, pageStyle: {}, headerActions: false },
  argTypes: {
    section: { control: 'select', options: ['', 'home', 'activities', 'invoices', 'payments', 'messages', 'files'] },
    layout: { control: 'inline-radio', options: ['auto', 'tabs', 'sidebar'] },
    service: { control: false },
    pageStyle: { control: false },
    getAssertion: { control: false },
  },
};

export default meta;

type Story = StoryObj<AppArgs>;

/**
 * The whole portal, signed in, landing on home: the balance due with "Pay all", unread messages,
 * the next events, open tasks and what changed since the last visit. The navigation counts unread
 * messages and unpaid invoices.
 */
export const Home: Story = {};

/** Tasks and events. */
export const Activities: Story = { args: { section: 'activities' } };

/** Home with nothing to do and nothing new: no counts on the navigation. */
export const HomeEmpty: Story = { args: { service: { home: 'empty' } } };

/** While the firm's branding loads and an earlier sign-in is looked for. */
export const Loading: Story = { args: { service: { branding: 'never' } } };

/** Nobody is signed in: the firm's header and the login. Sign in with any email and a password. */
export const SignedOut: Story = { args: { service: { signedIn: false } } };

/** The invoice list, with the balance due and "Pay all open invoices". "Pay now" opens the payment form in its place. */
export const Invoices: Story = { args: { section: 'invoices' } };

/** One invoice open, as from an emailed link (`?invoice=ID`) or `#portal/invoices/ID`. */
export const InvoiceOpen: Story = { args: { section: 'invoices', itemId: 'inv_story_2' } };

/** The payment history. */
export const Payments: Story = { args: { section: 'payments' } };

/** Secure messages (shown when `<portal-messages>` is registered). */
export const Messages: Story = { args: { section: 'messages' } };

/** Shared files (shown when `<portal-files>` is registered). */
export const Files: Story = { args: { section: 'files' } };

/** At the narrowest supported width (320px): the navigation is a row of tabs that scrolls sideways. */
export const Narrow: Story = { args: { section: 'payments' }, parameters: { narrow: true } };

/** The navigation as a sidebar (it becomes one by itself from 72rem with `layout="auto"`). */
export const Sidebar: Story = { args: { layout: 'sidebar', headerActions: true } };

/** The firm's colours and font from the service, with the page's own component tokens on top. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  args: {
    service: { branding: themedBranding },
    headerActions: true,
    pageStyle: {
      '--portal-app-nav-indicator-color': '#c2571a',
      '--portal-app-nav-current-background': '#eef6f3',
      '--portal-radius': '12px',
    },
  },
};

/**
 * A firm that turned payment history, messages and files off: only its other sections are
 * offered, and a link to payment history lands on home, which says so in its live region.
 */
export const SectionsDisabled: Story = {
  args: {
    section: 'payments',
    service: { branding: { ...demoBranding, sections: { activities: true, invoices: true, payments: false, messages: false, files: false } } },
  },
};

/** A firm that offers no section besides home. */
export const NoSections: Story = {
  args: {
    service: { branding: { ...demoBranding, sections: { activities: false, invoices: false, payments: false, messages: false, files: false } } },
  },
};

/** The service cannot be reached: the session's explanation and retry button. */
export const ServiceUnreachable: Story = { args: { service: { branding: 'offline' } } };

/** Signing in from the firm's own site: its assertion is being exchanged for a session, with no password. */
export const SigningInFromFirmSite: Story = {
  args: { service: { signedIn: false, tokenExchange: 'never' }, getAssertion: fromFirmSite },
};

/** The service refused the firm's site's assertion: the reason, and the login below it. */
export const FirmSiteSignInFailed: Story = {
  args: { service: { signedIn: false, tokenExchange: 'invalid-assertion' }, getAssertion: fromFirmSite },
};
