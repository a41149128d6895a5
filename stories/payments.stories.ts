import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/payments/define.ts';
import '../components/session/define.ts';
import { demoBranding, mockClient, themedBranding, withAutopay, type MockOptions } from './mock-service.ts';

interface PaymentsArgs {
  pageSize: number;
  service: MockOptions;
}

const meta: Meta<PaymentsArgs> = {
  title: 'Components/Payments',
  component: 'portal-payments',
  render: ({ pageSize, service }) =>
    html`<portal-payments page-size=${pageSize} .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-payments>`,
  args: { pageSize: 10, service: {} },
  argTypes: { pageSize: { control: { type: 'number', min: 1, max: 200 } }, service: { control: false } },
};

export default meta;

type Story = StoryObj<PaymentsArgs>;

/** Card, bank and check payments in every status, each received one with "Receipt (PDF)"; "Load more" pages through the rest. */
export const Full: Story = {};

/** While the history loads. */
export const Loading: Story = { args: { service: { payments: 'never' } } };

/** Payments the firm refunded: "Partially refunded" with what came back (and a bank refund on its way), and "Refunded". */
export const Refunds: Story = { args: { service: { payments: 'refunds' } } };

/** Inside `<portal-session>` for a firm that offers autopay: the payments autopay made (a bank debit still processing, two card charges) marked "Autopay". */
export const Autopay: Story = {
  render: ({ pageSize }) => html`
    <portal-session .client=${mockClient({ signedIn: true, branding: withAutopay(demoBranding), autopay: true, latency: 300 })}>
      <portal-payments page-size=${pageSize}></portal-payments>
    </portal-session>
  `,
};

/** No payments yet. */
export const Empty: Story = { args: { service: { payments: 'empty' } } };

/** The firm does not show payment history in the portal. */
export const HiddenByFirm: Story = { args: { service: { payments: 'hidden' } } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { payments: 'error' } } };

/** Inside `<portal-session>`, with the firm's branding and a page-set table background. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: ({ pageSize }) => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-payments-header-background: #e3f0eb"
    >
      <portal-payments page-size=${pageSize}></portal-payments>
    </portal-session>
  `,
};

/** The autopay marks with the firm's branding, a page-set table background, and `::part(autopay-charge)` styled by the page. */
export const AutopayThemed: Story = {
  globals: { theme: 'default' },
  render: ({ pageSize }) => html`
    <style>
      .autopay-themed portal-payments::part(autopay-charge) {
        color: #0f5c4d;
        font-weight: 600;
      }
    </style>
    <portal-session
      class="autopay-themed"
      .client=${mockClient({ signedIn: true, branding: withAutopay(themedBranding), autopay: true, latency: 300 })}
      style="--portal-payments-header-background: #e3f0eb"
    >
      <portal-payments page-size=${pageSize}></portal-payments>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px): one card per payment. */
export const Narrow: Story = { parameters: { narrow: true } };
