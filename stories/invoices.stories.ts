import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { invoiceFilters, invoiceSorts, type InvoiceSort, type InvoiceStatusFilter, type PortalInvoices } from '../components/index.ts';
import '../components/invoices/define.ts';
import '../components/session/define.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';

interface InvoicesArgs {
  status: InvoiceStatusFilter;
  sort: InvoiceSort;
  service: MockOptions;
}

const meta: Meta<InvoicesArgs> = {
  title: 'Components/Invoices',
  component: 'portal-invoices',
  render: ({ status, sort, service }) =>
    html`<portal-invoices status=${status} sort=${sort} .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-invoices>`,
  args: { status: 'all', sort: '-issuedOn', service: {} },
  argTypes: {
    status: { control: 'select', options: invoiceFilters },
    sort: { control: 'select', options: invoiceSorts },
    service: { control: false },
  },
};

export default meta;

type Story = StoryObj<InvoicesArgs>;

/** A dozen invoices in every status, with the balance due and "Pay all open invoices" above them. Choose one to open it. */
export const Full: Story = {};

/** While the first page loads. */
export const Loading: Story = { args: { service: { invoices: 'never' } } };

/** A client with no invoices yet. */
export const Empty: Story = { args: { service: { invoices: 'empty' } } };

/** A filter that matches nothing offers to show every invoice. */
export const EmptyFilter: Story = { args: { status: 'void', service: { invoices: 'empty' } } };

/** Only what is still owed, most urgent first. */
export const UnpaidByDueDate: Story = { args: { status: 'unpaid', sort: 'dueOn' } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { service: { invoices: 'error' } } };

/** The service cannot be reached. */
export const Offline: Story = { args: { service: { invoices: 'offline' } } };

/** 5,000 invoices: pages of 200 load as the list scrolls, and only the rows in view are in the DOM. */
export const FiveThousandInvoices: Story = {
  args: { service: { invoices: 'many', latency: 150 } },
  render: ({ status, sort, service }) =>
    html`<portal-invoices page-size="200" status=${status} sort=${sort} .client=${mockClient({ signedIn: true, ...service })}></portal-invoices>`,
};

/** One invoice open, as after choosing a row (or following an emailed link). */
export const InvoiceOpen: Story = {
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector<PortalInvoices>('portal-invoices')!;
    list.invoiceId = 'inv_story_2';
  },
};

/**
 * Inside `<portal-session>`, themed by the firm's branding from the service, with component
 * tokens set by the page for the rows and the summary.
 */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  render: ({ status, sort }) => html`
    <portal-session
      .client=${mockClient({ signedIn: true, branding: themedBranding, latency: 300 })}
      style="--portal-invoices-row-hover-background: #eef6f3; --portal-invoices-summary-background: #f3faf7; --portal-invoices-header-background: #e3f0eb"
    >
      <portal-invoices status=${status} sort=${sort}></portal-invoices>
    </portal-session>
  `,
};

/** At the narrowest supported width (320px): one card per invoice. */
export const Narrow: Story = { parameters: { narrow: true } };

/**
 * In Spanish for a firm that bills in US dollars: amounts read as the United States writes them
 * ("$9,473.70", es-US), and "Pagada parcialmente" fits its column at every width.
 */
export const Spanish: Story = {
  render: ({ status, sort, service }) =>
    html`<div lang="es">
      <portal-invoices status=${status} sort=${sort} .client=${mockClient({ signedIn: true, latency: 300, ...service })}></portal-invoices>
    </div>`,
};
