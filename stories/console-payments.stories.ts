import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FirmPayment, FirmPaymentSummary, FirmRefund } from '../components/console/api/payments-api.ts';
import type { StaffRole } from '../components/console/api/types.ts';
import '../components/console/payments/define.ts';
import type { PortalConsolePayments } from '../components/console/payments/payments.ts';
import { consoleMockClient, consoleProblem, storyStaffMe, type ConsoleAnswer, type ConsoleHandler } from './console-mock.ts';

const clients = [
  { id: 'con_alex', name: 'Alex Morgan', email: 'alex@example.com' },
  { id: 'con_jordan', name: 'Jordan Lee', email: 'jordan@example.com' },
].map((client) => ({
  ...client,
  firmId: 'firm_demo',
  phone: null,
  status: 'active',
  externalId: null,
  hasLogin: true,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
}));

const payment = (n: number, overrides: Partial<FirmPaymentSummary>): FirmPaymentSummary => ({
  id: `pay_s${n}`,
  status: 'succeeded',
  amount: 12_500,
  currency: 'USD',
  method: { type: 'card', brand: 'visa', last4: '4242' },
  source: 'portal',
  reference: null,
  receiptNumber: `R-10010${n}`,
  allocations: [{ invoiceId: `inv_s${n}`, invoiceNumber: `INV-2026-01${n}`, amount: overrides.amount ?? 12_500, depositAccount: 'operating' }],
  failure: null,
  amountRefunded: 0,
  refunds: [],
  checkoutId: `chk_s${n}`,
  createdAt: `2026-12-0${n}T15:00:00.000Z`,
  updatedAt: `2026-12-0${n}T15:00:02.000Z`,
  contactId: 'con_alex',
  ...overrides,
});

const storyPayments: FirmPaymentSummary[] = [
  payment(6, {
    amount: 51_500,
    surcharge: 1_500,
    surchargePercent: 3,
    allocations: [{ invoiceId: 'inv_s6', invoiceNumber: 'INV-2026-016', amount: 50_000, depositAccount: 'operating' }],
  }),
  payment(5, {
    status: 'processing',
    amount: 300_000,
    method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    contactId: 'con_jordan',
    allocations: [{ invoiceId: 'inv_s5', invoiceNumber: 'INV-2026-015', amount: 300_000, depositAccount: 'trust' }],
  }),
  payment(4, {
    amount: 50_000,
    amountRefunded: 10_000,
    refunds: [{ id: 'rf_s1', amount: 10_000, status: 'succeeded', createdAt: '2026-12-04T18:00:00.000Z' }],
  }),
  payment(3, { method: { type: 'check', brand: null, last4: null }, source: 'firm', reference: '1042', amount: 75_000 }),
  payment(2, {
    status: 'failed',
    amount: 7_000,
    contactId: 'con_jordan',
    failure: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  }),
  payment(1, { status: 'refunded', amount: 20_000, amountRefunded: 20_000 }),
];

const refund = (amount: number, overrides: Partial<FirmRefund> = {}): FirmRefund => ({
  id: 'rf_s1',
  paymentId: 'pay_s4',
  amount,
  currency: 'USD',
  reason: 'Retainer overpaid',
  status: 'succeeded',
  origin: 'api',
  processorRef: 're_s1',
  allocations: [{ invoiceId: 'inv_s4', invoiceNumber: 'INV-2026-014', amount }],
  failure: null,
  createdAt: '2026-12-04T18:00:00.000Z',
  updatedAt: '2026-12-04T18:00:03.000Z',
  ...overrides,
});

function detailOf(summary: FirmPaymentSummary): FirmPayment {
  const contact = clients.find((client) => client.id === summary.contactId)!;
  const refunds =
    summary.id === 'pay_s4' ? [refund(10_000)] : summary.id === 'pay_s1' ? [refund(20_000, { id: 'rf_s2', paymentId: 'pay_s1', reason: null })] : [];
  const later = summary.status === 'processing' ? [] : [{ status: summary.status === 'refunded' ? 'succeeded' : summary.status, at: summary.updatedAt }];
  return {
    ...summary,
    contact: { id: contact.id, name: contact.name, email: contact.email },
    processor: summary.source === 'portal' ? 'sandbox' : null,
    processorRef: summary.source === 'portal' ? `pi_${summary.id}` : null,
    fee: null,
    history: [
      { status: 'processing', at: summary.createdAt },
      ...later,
      ...(summary.status === 'refunded' ? [{ status: 'refunded', at: '2026-12-02T09:00:00.000Z' }] : []),
    ],
    refunds,
    mandate: null,
  };
}

/** The admin routes of the Payments screen: `payments` answers the list ('never', 'offline' or a Response stand in for states). */
function paymentsHandler(payments: FirmPaymentSummary[] | ConsoleAnswer, refundAnswer?: ConsoleAnswer): ConsoleHandler {
  return (method, url, body) => {
    const path = url.pathname;
    if (method === 'GET' && path === '/api/v1/admin/contacts') return { data: clients, nextCursor: null };
    if (!path.startsWith('/api/v1/admin/payments')) return undefined;
    if (!Array.isArray(payments)) return payments;
    const list = payments as FirmPaymentSummary[];
    const status = url.searchParams.get('status');
    const contactId = url.searchParams.get('contactId');
    const methodType = url.searchParams.get('methodType');
    const account = url.searchParams.get('depositAccount');
    const chosen = list.filter(
      (p) =>
        (!status || p.status === status) &&
        (!contactId || p.contactId === contactId) &&
        (!methodType || p.method.type === methodType) &&
        (!account || p.allocations.some((a) => a.depositAccount === account)),
    );
    if (method === 'GET' && path === '/api/v1/admin/payments') return { data: chosen, nextCursor: null };
    if (method === 'GET' && path === '/api/v1/admin/payments/totals') {
      if (!chosen.length) return { data: [] };
      const sum = (pick: (p: FirmPaymentSummary) => number) => chosen.reduce((total, p) => total + pick(p), 0);
      return {
        data: [
          {
            currency: 'USD',
            count: chosen.length,
            collected: sum((p) => (['succeeded', 'refunded', 'disputed'].includes(p.status) ? p.amount : 0)),
            processing: sum((p) => (p.status === 'processing' ? p.amount : 0)),
            refunded: sum((p) => p.amountRefunded),
          },
        ],
      };
    }
    if (method === 'GET' && path === '/api/v1/admin/payments/export') {
      return new Response('date,receipt_number\r\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename=payments.csv' } });
    }
    const id = decodeURIComponent(path.split('/')[5] ?? '');
    const found = list.find((p) => p.id === id);
    if (!found) return consoleProblem(404, 'not_found', 'No such payment.');
    if (method === 'GET') return detailOf(found) as unknown as Record<string, unknown>;
    if (method === 'POST' && path.endsWith('/refunds')) {
      if (refundAnswer) return refundAnswer;
      const { amount } = body as { amount: number };
      return { refund: refund(amount, { paymentId: found.id }), payment: { ...found, amountRefunded: found.amountRefunded + amount } };
    }
    return undefined;
  };
}

interface PaymentsArgs {
  payments: FirmPaymentSummary[] | ConsoleAnswer;
  role: StaffRole;
  itemId: string;
  refundAnswer?: ConsoleAnswer;
}

const meta: Meta<PaymentsArgs> = {
  title: 'Console/Payments',
  component: 'portal-console-payments',
  render: ({ payments, role, itemId, refundAnswer }) =>
    html`<portal-console-payments
      item-id=${itemId}
      .client=${consoleMockClient({ role, handlers: [paymentsHandler(payments, refundAnswer)] })}
      .staff=${storyStaffMe(role)}
    ></portal-console-payments>`,
  args: { payments: storyPayments, role: 'admin', itemId: '' },
  argTypes: { payments: { control: false }, refundAnswer: { control: false }, role: { control: 'inline-radio', options: ['staff', 'admin', 'owner'] } },
};

export default meta;

type Story = StoryObj<PaymentsArgs>;

async function ready(canvas: HTMLElement, selector: string): Promise<PortalConsolePayments> {
  const element = canvas.querySelector<PortalConsolePayments>('portal-console-payments')!;
  for (let frame = 0; frame < 600 && !element.shadowRoot?.querySelector(selector); frame += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return element;
}

/** Every payment, newest first, with the filters, the totals of what they select and the CSV export. */
export const Full: Story = {};

/** While the payments load. */
export const Loading: Story = { args: { payments: 'never' } };

/** No payments yet. */
export const Empty: Story = { args: { payments: [] } };

/** The service failed: an explanation and a retry button. */
export const ServiceError: Story = { args: { payments: consoleProblem(503, 'unavailable', 'Down for maintenance.') } };

/** One card payment, partly refunded: its history, the invoice it paid and its refunds. */
export const Detail: Story = { args: { itemId: 'pay_s4' } };

/** A credit-card payment with the firm's 3 % card surcharge: its own operating line beside the invoice it paid. */
export const CardSurcharge: Story = { args: { itemId: 'pay_s6' } };

/** A bank debit still processing: the service refuses its refund, and the form says why. */
export const BankDebitProcessing: Story = {
  args: {
    itemId: 'pay_s5',
    refundAnswer: consoleProblem(
      422,
      'payment_not_settled',
      'This bank debit is still processing. It can be refunded once it has settled (usually within 3 business days).',
    ),
  },
};

/** The refund form, proposing what is left to refund. */
export const RefundForm: Story = {
  args: { itemId: 'pay_s4' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="refund-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="refund-button"]')!.click();
  },
};

/** The confirmation that states the amount and where it goes. */
export const ConfirmRefund: Story = {
  args: { itemId: 'pay_s4' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement, '[part~="refund-button"]');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="refund-button"]')!.click();
    await element.updateComplete;
    element.shadowRoot!.querySelector<HTMLButtonElement>('form button[type="submit"]')!.click();
  },
};

/** The `staff` role reads payments but cannot refund. */
export const ReadOnly: Story = { args: { role: 'staff', itemId: 'pay_s4' } };

/** A dark theme and the screen's own tokens, set on a wrapper. */
export const Themed: Story = {
  render: (args, context) => html`
    <div
      style="padding: 1rem; background: #111827; --portal-color-surface: #1f2937; --portal-color-surface-alt: #111827; --portal-color-text: #f9fafb;
        --portal-color-muted: #cbd5e1; --portal-color-brand: #93c5fd; --portal-color-brand-contrast: #0b1220; --portal-color-border: #94a3b8;
        --portal-color-divider: #374151; --portal-color-hover-mix: #ffffff; --portal-color-danger: #fca5a5; --portal-color-success: #86efac;
        --portal-color-warning: #fcd34d; --portal-console-payments-amount-color: #fbbf24;"
    >
      ${meta.render!(args, context)}
    </div>
  `,
};

/** In Spanish, from `lang="es"` on an ancestor. */
export const Spanish: Story = {
  render: (args, context) => html`<div lang="es">${meta.render!(args, context)}</div>`,
};
