import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmInvoice, FirmInvoiceDetail } from '../components/console/api/invoices-api.ts';
import type { StaffRole } from '../components/console/api/types.ts';
import '../components/console/invoices/define.ts';
import type { PortalConsoleInvoices } from '../components/console/invoices/invoices.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';
import { demoBranding } from './mock-service.ts';

const client = (id: string, name: string, email: string) => ({
  id,
  firmId: 'firm_demo',
  email,
  name,
  phone: null,
  status: 'active',
  externalId: null,
  hasLogin: true,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
});
const clients = [client('con_alex', 'Alex Morgan', 'alex@example.com'), client('con_jordan', 'Jordan Lee', 'jordan@example.com')];

const invoice = (n: number, fields: Partial<FirmInvoice>): FirmInvoice => ({
  id: `inv_s${n}`,
  number: `INV-10${40 + n}`,
  matter: null,
  contactId: 'con_alex',
  issuedOn: '2026-11-02',
  dueOn: '2026-12-02',
  currency: 'USD',
  depositAccount: 'operating',
  status: 'open',
  total: 0,
  amountPaid: 0,
  amountPending: 0,
  balance: 0,
  openBalance: 0,
  externalId: null,
  ...fields,
});

const storyInvoices: FirmInvoice[] = [
  invoice(6, {
    status: 'draft',
    matter: 'Lee Holdings — formation',
    contactId: 'con_jordan',
    issuedOn: '2026-12-04',
    dueOn: '2027-01-03',
    total: 240_000,
    balance: 240_000,
  }),
  invoice(5, { status: 'open', matter: 'Estate of Eleanor Morgan', depositAccount: 'trust', total: 500_000, balance: 500_000, openBalance: 500_000 }),
  invoice(4, {
    status: 'partially_paid',
    matter: 'Morgan v. Castellan',
    issuedOn: '2026-10-15',
    dueOn: '2026-12-15',
    total: 187_500,
    amountPaid: 50_000,
    balance: 137_500,
    openBalance: 137_500,
  }),
  invoice(3, { status: 'overdue', contactId: 'con_jordan', issuedOn: '2026-09-01', dueOn: '2026-10-01', total: 62_000, balance: 62_000, openBalance: 62_000 }),
  invoice(2, { status: 'paid', matter: 'Morgan v. Castellan', issuedOn: '2026-08-01', dueOn: '2026-09-01', total: 95_000, amountPaid: 95_000 }),
  invoice(1, { status: 'void', contactId: 'con_jordan', issuedOn: '2026-07-01', dueOn: '2026-08-01', total: 30_000 }),
];

const storyDetail: FirmInvoiceDetail = {
  ...storyInvoices[2]!,
  subtotal: 190_000,
  discount: -19_000,
  tax: 16_500,
  notes: 'Payment by check to Hale & Whitmore LLP, or pay online in the portal.',
  lines: [
    { id: 'l1', kind: 'time', date: '2026-10-02', description: 'Drafting the motion to compel', quantity: 3.5, rate: 40_000, amount: 140_000 },
    { id: 'l2', kind: 'time', date: '2026-10-09', description: 'Hearing preparation', quantity: 1, rate: 40_000, amount: 40_000 },
    { id: 'l3', kind: 'expense', date: null, description: 'Court filing fee', quantity: null, rate: null, amount: 10_000 },
    { id: 'l4', kind: 'discount', date: null, description: 'Discount', quantity: null, rate: null, amount: -19_000 },
    { id: 'l5', kind: 'tax', date: null, description: 'Tax', quantity: null, rate: null, amount: 16_500 },
  ],
  payments: [
    {
      paymentId: 'pay_s1',
      receiptNumber: 'R-100231',
      date: '2026-11-20T15:10:00.000Z',
      amount: 50_000,
      status: 'succeeded',
      method: { type: 'check', brand: null, last4: null },
    },
  ],
  sentAt: '2026-10-15T14:00:00.000Z',
  voidedAt: null,
  state: 'sent',
  createdAt: '2026-10-14T17:30:00.000Z',
  voidReason: null,
};

const draftDetail: FirmInvoiceDetail = {
  ...storyDetail,
  ...storyInvoices[0]!,
  state: 'draft',
  payments: [],
  sentAt: null,
  subtotal: 240_000,
  discount: 0,
  tax: 0,
  lines: [{ id: 'l6', kind: 'flat_fee', date: null, description: 'Formation package', quantity: null, rate: null, amount: 240_000 }],
};

const openDetail: FirmInvoiceDetail = {
  ...storyDetail,
  ...storyInvoices[1]!,
  payments: [],
  subtotal: 500_000,
  discount: 0,
  tax: 0,
  notes: null,
  lines: [{ id: 'l7', kind: 'flat_fee', date: null, description: 'Retainer for the estate administration', quantity: null, rate: null, amount: 500_000 }],
};

/** The admin routes of the Invoices screen: `invoices` answers the list ('never', 'offline' or a Response stand in for states). */
function invoicesHandler(invoices: FirmInvoice[] | ConsoleAnswer): ConsoleHandler {
  return (method, url) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/admin/contacts') return { data: clients, nextCursor: null };
    if (method === 'GET' && path === '/api/v1/firms/demo/branding') return demoBranding as unknown as Record<string, unknown>;
    if (method === 'GET' && path === '/api/v1/admin/invoices/inv_s4') return storyDetail as unknown as Record<string, unknown>;
    if (method === 'GET' && path === '/api/v1/admin/invoices/inv_s6') return draftDetail as unknown as Record<string, unknown>;
    if (method === 'GET' && path === '/api/v1/admin/invoices/inv_s5') return openDetail as unknown as Record<string, unknown>;
    if (method === 'GET' && path === '/api/v1/admin/invoices') {
      if (!Array.isArray(invoices)) return invoices;
      const account = url.searchParams.get('depositAccount');
      const contactId = url.searchParams.get('contactId');
      const status = url.searchParams.get('status');
      const data = (invoices as FirmInvoice[]).filter(
        (each) =>
          (!account || each.depositAccount === account) && (!contactId || each.contactId === contactId) && (!status || status.split(',').includes(each.status)),
      );
      return { data, nextCursor: null };
    }
    return undefined;
  };
}

interface InvoicesArgs {
  invoices: FirmInvoice[] | ConsoleAnswer;
  role: StaffRole;
  itemId: string;
}

const meta: Meta<InvoicesArgs> = {
  title: 'Console/Invoices',
  component: 'portal-console-invoices',
  render: ({ invoices, role, itemId }) =>
    html`<portal-console-invoices
      item-id=${itemId}
      .client=${consoleMockClient({ role, handlers: [invoicesHandler(invoices)] })}
      .staff=${storyStaffMe(role)}
    ></portal-console-invoices>`,
  args: { invoices: storyInvoices, role: 'admin', itemId: '' },
  argTypes: { invoices: { control: false }, role: { control: 'select', options: ['owner', 'admin', 'staff'] } },
};

export default meta;

type Story = StoryObj<InvoicesArgs>;

async function ready(canvas: HTMLElement, selector: string): Promise<PortalConsoleInvoices> {
  const element = canvas.querySelector<PortalConsoleInvoices>('portal-console-invoices')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector(selector); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** Every invoice, drafts included: client, due date, status, total and balance; trust invoices are marked. */
export const Full: Story = {};

/** While the invoices load. */
export const Loading: Story = { args: { invoices: 'never' } };

/** No invoices yet. */
export const Empty: Story = { args: { invoices: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { invoices: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** One invoice: lines, discount, tax, totals, the check applied and its history. */
export const Invoice: Story = { args: { itemId: 'inv_s4' } };

/** A draft, with Edit, Send and Delete. */
export const Draft: Story = { args: { itemId: 'inv_s6' } };

/** The staff role reads only: no New invoice, no actions on an invoice. */
export const ReadOnly: Story = { args: { role: 'staff', itemId: 'inv_s4' } };

/** A new invoice's form, totals following as lines are typed. */
export const NewInvoiceForm: Story = {
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="new-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="new-button"]')!.click();
  },
};

/** Recording a check received for the invoice. */
export const RecordPayment: Story = {
  args: { itemId: 'inv_s4' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="record-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="record-button"]')!.click();
  },
};

/** The confirmation before an invoice is voided. */
export const ConfirmVoid: Story = {
  args: { itemId: 'inv_s5' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="void-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="void-button"]')!.click();
  },
};

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-color-danger: #fca5a5; --portal-color-success: #86efac;
        --portal-color-warning: #fcd34d; --portal-color-accent: #fcd34d; --portal-console-invoices-trust-color: #fbbf24;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
