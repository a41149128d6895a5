import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/invoice/define.ts';
import '../components/session/define.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface InvoiceArgs {
  invoiceId: string;
  service: MockOptions;
}

const meta: Meta<InvoiceArgs> = {
  title: 'Components/Invoice',
  component: 'portal-invoice',
  render: ({ invoiceId, service }) =>
    html`<portal-invoice invoice-id=${invoiceId} .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-invoice>`,
  args: { invoiceId: 'inv_story_2', service: {} },
  argTypes: {
    invoiceId: {
      control: 'select',
      options: ['inv_story_0', 'inv_story_1', 'inv_story_2', 'inv_story_3', 'inv_story_4', 'inv_story_5', 'inv_missing'],
    },
    service: { control: false },
  },
};

export default meta;

type Story = StoryObj<InvoiceArgs>;

/** Partly paid, with a discount, a payment applied and a bank payment still processing; "Download PDF" saves the mocked service's PDF. */
export const Full: Story = {};

/** A trust retainer request: labelled as such, with the firm's note. */
export const TrustRetainer: Story = { args: { invoiceId: 'inv_story_0' } };

/** Overdue, nothing paid yet. */
export const Overdue: Story = { args: { invoiceId: 'inv_story_3' } };

/** Paid in full: no "Pay now". */
export const Paid: Story = { args: { invoiceId: 'inv_story_4' } };

/** Voided by the firm. */
export const Void: Story = { args: { invoiceId: 'inv_story_5' } };

/** Open, on a matter with autopay on: "Autopay will charge … on …" with the amount and the due date it is scheduled for. */
export const AutopayScheduled: Story = { args: { invoiceId: 'inv_story_1', service: { autopay: true } } };

/** While the invoice loads. */
export const Loading: Story = { args: { service: { invoices: 'never' } } };

/** No such invoice for this client. */
export const NotFound: Story = { args: { invoiceId: 'inv_missing' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { invoices: 'error' } } };

/** Inside `<portal-session>`, with the firm's branding and a page-set "Pay now" colour. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: ({ invoiceId }) => html`
    <portal-session .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })} style="--portal-invoice-pay-background: #a84a15">
      <portal-invoice invoice-id=${invoiceId}></portal-invoice>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px). */
export const Narrow: Story = { parameters: { narrow: true } };
