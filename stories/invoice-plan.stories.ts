import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ApiClient, type InvoiceDetail, type Plan } from '../components/index.ts';
import '../components/invoice/define.ts';

type PlanState = 'offer' | 'active' | 'retrying' | 'stopped' | 'loading' | 'error';

interface PlanArgs {
  state: PlanState;
}

const invoice = {
  id: 'inv_story_plan',
  number: 'INV-1003',
  matter: 'Estate of Eleanor Morgan (2025-0388)',
  contactId: 'con_story',
  issuedOn: '2026-11-05',
  dueOn: '2026-12-05',
  currency: 'USD',
  depositAccount: 'operating',
  status: 'open',
  total: 90_470,
  amountPaid: 0,
  amountPending: 0,
  balance: 90_470,
  openBalance: 90_470,
  subtotal: 90_470,
  discount: 0,
  tax: 0,
  notes: null,
  lines: [],
  payments: [],
  sentAt: '2026-11-05T10:00:00.000Z',
  voidedAt: null,
} as unknown as InvoiceDetail;

const text =
  'By selecting Confirm plan, I authorize Hale & Whitmore LLP to charge my Visa ending in 4242 in 3 recurring payments totalling $904.70 for invoice INV-1003: $301.57 on December 10, 2026; $301.57 on January 10, 2027; $301.56 on February 10, 2027. If a charge is declined, it may be tried once more 3 days later. This authorization stays in effect until the last payment is made or I revoke it.';

function planIn(state: PlanState): Plan[] {
  if (state === 'offer') return [];
  const retrying = state === 'retrying' || state === 'stopped';
  return [
    {
      id: 'plan_story',
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      contactId: 'con_story',
      status: state === 'stopped' ? 'stopped' : 'active',
      amount: 90_470,
      currency: 'USD',
      method: { type: 'card', brand: 'visa', last4: '4242' },
      authorization: {
        id: 'auth_story',
        version: 'plan-2026-12',
        text,
        acceptedAt: '2026-12-01T10:00:00.000Z',
        revokedAt: state === 'stopped' ? '2027-01-13T10:00:00.000Z' : null,
      },
      nextCharge: state === 'stopped' ? null : retrying ? { on: '2027-01-13', amount: 30_157 } : { on: '2027-01-10', amount: 30_157 },
      instalments: [
        { id: 'pin_1', seq: 1, dueOn: '2026-12-10', attemptOn: '2026-12-10', amount: 30_157, status: 'paid', attempts: 1, paymentId: 'pay_1', lastError: null },
        {
          id: 'pin_2',
          seq: 2,
          dueOn: '2027-01-10',
          attemptOn: retrying ? '2027-01-13' : '2027-01-10',
          amount: 30_157,
          status: state === 'stopped' ? 'failed' : 'scheduled',
          attempts: retrying ? (state === 'stopped' ? 2 : 1) : 0,
          paymentId: null,
          lastError: retrying ? 'Your card was declined.' : null,
        },
        {
          id: 'pin_3',
          seq: 3,
          dueOn: '2027-02-10',
          attemptOn: '2027-02-10',
          amount: 30_156,
          status: state === 'stopped' ? 'cancelled' : 'scheduled',
          attempts: 0,
          paymentId: null,
          lastError: null,
        },
      ],
      createdAt: '2026-12-01T10:00:00.000Z',
      endedAt: state === 'stopped' ? '2027-01-13T10:00:00.000Z' : null,
      endedReason: state === 'stopped' ? 'charge_failed' : null,
    },
  ];
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A stand-in for the service's plan routes: enough to walk through the form. */
function planClient(state: PlanState): ApiClient {
  let plans = planIn(state);
  return new ApiClient({
    baseUrl: 'https://portal.example-law.test',
    firm: 'demo',
    fetch: async (input, init) => {
      const url = new URL(input);
      const route = `${init.method ?? 'GET'} ${url.pathname}`;
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (state === 'loading') return new Promise<Response>(() => {});
      if (state === 'error') return json({ type: 'about:blank', title: 'Error', status: 500, code: 'internal_error', detail: 'The service failed.' }, 500);
      if (route === 'POST /api/v1/auth/refresh')
        return json({
          accessToken: 'story',
          tokenType: 'Bearer',
          expiresIn: 600,
          contact: { id: 'con_story', firmId: 'firm', email: 'alex@example.com', name: 'Alex Morgan', locale: null },
        });
      if (route === 'GET /api/v1/plans') return json({ data: plans });
      if (route === 'GET /api/v1/plans/options')
        return json({ enabled: true, maxInstalments: 6, minInstalment: 5_000, earliest: '2026-12-05', latest: '2027-06-05' });
      if (route === 'GET /api/v1/payment-methods')
        return json({
          data: [
            { id: 'spm_1', type: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, createdAt: '2026-11-01T00:00:00.000Z', isDefault: true },
          ],
        });
      if (route === 'POST /api/v1/plans/preview') {
        const body = JSON.parse(String(init.body)) as { dates: string[] };
        const share = Math.floor(invoice.openBalance / body.dates.length);
        return json({
          amount: invoice.openBalance,
          currency: 'USD',
          method: { type: 'card', brand: 'visa', last4: '4242' },
          instalments: body.dates.map((dueOn, index) => ({ dueOn, amount: share + (index < invoice.openBalance - share * body.dates.length ? 1 : 0) })),
          authorization: { version: 'plan-2026-12', text },
        });
      }
      if (route === 'POST /api/v1/plans') {
        plans = planIn('active');
        return json(plans[0], 201);
      }
      if (route === 'POST /api/v1/plans/plan_story/cancel') {
        plans = [{ ...plans[0]!, status: 'cancelled', nextCharge: null }];
        return json(plans[0]);
      }
      return json({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', detail: 'No such route.' }, 404);
    },
  });
}

const meta: Meta<PlanArgs> = {
  title: 'Components/Invoice plan',
  component: 'portal-invoice-plan',
  render: ({ state }) => html`<portal-invoice-plan .invoice=${invoice} .client=${planClient(state)}></portal-invoice-plan>`,
  args: { state: 'offer' },
  argTypes: { state: { control: 'select', options: ['offer', 'active', 'retrying', 'stopped', 'loading', 'error'] } },
};

export default meta;

type Story = StoryObj<PlanArgs>;

/** The invoice is on no plan: "Pay over time" opens the form (count, dates, method), then the authorization. */
export const Offer: Story = {};

/** A plan under way: the next charge, each instalment's status, "Cancel plan". */
export const Active: Story = { args: { state: 'active' } };

/** An instalment failed once and is tried again 3 days later. */
export const Retrying: Story = { args: { state: 'retrying' } };

/** The retry failed too: the plan stopped. */
export const Stopped: Story = { args: { state: 'stopped' } };

/** While the plans load. */
export const Loading: Story = { args: { state: 'loading' } };

/** The service failed. */
export const ServiceError: Story = { args: { state: 'error' } };

/** The page's theme through the component tokens. */
export const Themed: Story = {
  args: { state: 'active' },
  render: ({ state }) => html`
    <portal-invoice-plan
      style="--portal-invoice-plan-background: #fbf6ee; --portal-invoice-plan-border-color: #a97c2f; --portal-invoice-plan-accent: #a97c2f"
      .invoice=${invoice}
      .client=${planClient(state)}
    ></portal-invoice-plan>
  `,
};

/** In Spanish. */
export const Spanish: Story = {
  args: { state: 'active' },
  render: ({ state }) => html`<div lang="es"><portal-invoice-plan .invoice=${invoice} .client=${planClient(state)}></portal-invoice-plan></div>`,
};
