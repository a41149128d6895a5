import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { PortalPay } from '../components/index.ts';
import '../components/pay/define.ts';
import { mockClient, themedBranding, type MockOptions } from './mock-service.ts';
import { installStoryPlaid, installStoryStripe } from './pay-processors.ts';

interface PayArgs {
  invoiceIds: string;
  allOpen: boolean;
  service: MockOptions;
  /** Page CSS around the element, as a firm's site would set it. */
  pageStyle: Record<string, string>;
}

const meta: Meta<PayArgs> = {
  title: 'Components/Pay',
  component: 'portal-pay',
  render: ({ invoiceIds, allOpen, service, pageStyle }) => html`
    <div style=${styleMap(pageStyle)}>
      <portal-pay invoice-ids=${invoiceIds} ?all-open=${allOpen} .client=${mockClient({ signedIn: true, latency: 150, ...service })}></portal-pay>
    </div>
  `,
  args: { invoiceIds: 'inv_story_1', allOpen: false, service: {}, pageStyle: {} },
  argTypes: { service: { control: false }, pageStyle: { control: false } },
};

export default meta;

type Story = StoryObj<PayArgs>;

// The fields live in a shadow root, so the stories type by setting values and firing events.
async function payIn(canvas: HTMLElement): Promise<PortalPay> {
  const pay = canvas.querySelector('portal-pay')!;
  await until(() => pay.shadowRoot?.querySelector('#heading'));
  return pay;
}

async function until(condition: () => unknown, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const inside = <T extends HTMLElement>(pay: PortalPay, selector: string) => pay.shadowRoot!.querySelector<T>(selector);

async function type(pay: PortalPay, id: string, value: string): Promise<void> {
  const input = inside<HTMLInputElement>(pay, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  input.dispatchEvent(new FocusEvent('blur'));
  await pay.updateComplete;
}

async function choose(pay: PortalPay, method: string): Promise<void> {
  inside<HTMLInputElement>(pay, `input[name="method"][value="${method}"]`)!.click();
  await pay.updateComplete;
}

async function payByCard(pay: PortalPay, number: string): Promise<void> {
  await choose(pay, 'card');
  await type(pay, 'card-name', 'Alex Rivera');
  await type(pay, 'card-number', number);
  await type(pay, 'card-expiry', '0830');
  await type(pay, 'card-cvc', '123');
  await type(pay, 'card-postal-code', '04101');
  inside<HTMLButtonElement>(pay, '[part~="pay-button"]')!.click();
}

/** Loading the invoices, the firm's settings and the saved methods. */
export const Loading: Story = { args: { service: { invoices: 'never' } } };

/** One invoice; the client has a saved card and a saved bank account, listed first. */
export const ChooseMethod: Story = { args: { service: { pay: { saved: 'card-and-bank' } } } };

/** No saved methods: card is chosen first. */
export const NewCustomer: Story = {};

/** Several invoices: the amount goes to the oldest due first, and each share can be changed. */
export const SeveralInvoices: Story = { args: { invoiceIds: 'inv_story_1 inv_story_3 inv_story_2' } };

/** Every unpaid invoice (`all-open`). */
export const AllOpen: Story = { args: { allOpen: true, invoiceIds: '' } };

/** "Make a Payment" with nothing filled in: each card field says what it needs. */
export const CardWithErrors: Story = {
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'card');
    await type(pay, 'card-number', '4242424242424241');
    await type(pay, 'card-expiry', '0119');
    inside<HTMLButtonElement>(pay, '[part~="pay-button"]')!.click();
  },
};

/** An amount below the firm's minimum. */
export const AmountTooSmall: Story = {
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await type(pay, 'amount-total', '0.50');
  },
};

/** Bank sign-in, like Plaid Link: search for the bank (sandbox: user_good / pass_good, code 1234). */
export const BankSignIn: Story = {
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'bank-link');
    inside<HTMLButtonElement>(pay, '#bank-link-button')!.click();
  },
};

/** Bank account numbers: the routing number's checksum is checked as it is typed. */
export const BankAccountNumbers: Story = {
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'bank-account');
    await type(pay, 'bank-holder', 'Alex Rivera');
    await type(pay, 'bank-routing', '110000000');
    await type(pay, 'bank-account', '000123456789');
    await type(pay, 'bank-account-confirm', '000123456789');
  },
};

/** A bank debit: the ACH authorization and its required checkbox. */
export const Mandate: Story = {
  args: { service: { pay: { saved: 'card-and-bank' } } },
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'saved:spm_story_bank');
  },
};

/** The payment is on its way to the processor. */
export const Submitting: Story = {
  args: { service: { pay: { payment: 'never' } } },
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4242424242424242'),
};

/** The card payment succeeded: receipt number, amount, card. */
export const Success: Story = {
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4242424242424242'),
};

/** A credit card with the firm's 3 % card surcharge: its own line, and the button states the total to confirm. */
export const CardSurcharge: Story = {
  args: { service: { pay: { surcharge: 3 } } },
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4242424242424242'),
};

/** The surcharge confirmed: the receipt shows the total charged. */
export const CardSurchargePaid: Story = {
  args: { service: { pay: { surcharge: 3 } } },
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await payByCard(pay, '4242424242424242');
    await until(() => inside(pay, '[part="surcharge"]'));
    inside<HTMLButtonElement>(pay, '[part~="pay-button"]')!.click();
  },
};

/** A debit card never carries a surcharge: it pays at once. */
export const DebitCardNoSurcharge: Story = {
  args: { service: { pay: { surcharge: 3 } } },
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4000056655665556'),
};

/** A bank debit: processing until the bank settles it. */
export const Processing: Story = {
  args: { service: { pay: { saved: 'card-and-bank' } } },
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'saved:spm_story_bank');
    await until(() => inside(pay, '#mandate-accept'));
    inside<HTMLInputElement>(pay, '#mandate-accept')!.click();
    await pay.updateComplete;
    inside<HTMLButtonElement>(pay, '[part~="pay-button"]')!.click();
  },
};

/** The card was declined: what happened in plain words, and what to do next. */
export const Declined: Story = {
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4000000000009995'),
};

/**
 * Too many declined attempts: the service refuses payments for a while (`429 rate_limited`). The
 * form says how long to wait and whom to contact, and the pay button stays disabled until then.
 */
export const TooManyDeclines: Story = {
  args: { service: { pay: { payment: 'rate-limited' } } },
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4000000000000002'),
};

/** The card asks for 3-D Secure: the sandbox's challenge page. */
export const ThreeDSecure: Story = {
  play: async ({ canvasElement }) => payByCard(await payIn(canvasElement), '4000002500003155'),
};

/** The invoices could not be loaded. */
export const ErrorLoadingInvoices: Story = { args: { service: { invoices: 'error' } } };

/** Stripe as the processor: the card goes into Stripe's Payment Element (a stand-in here), themed from the portal's tokens. */
export const StripeProcessor: Story = {
  args: { service: { pay: { processor: 'stripe' } } },
  beforeEach: () => {
    installStoryStripe();
    installStoryPlaid();
  },
};

/** Stripe as the processor, bank account: Stripe's Payment Element takes it, then the authorization asks for consent. */
export const StripeBankAccount: Story = {
  ...StripeProcessor,
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'bank-account');
  },
};

/** Stripe.js could not load (offline, or blocked by the page's CSP): what happened, and a way to load it again. */
export const StripeBlocked: Story = {
  args: { service: { pay: { processor: 'stripe' } } },
  beforeEach: () => {
    installStoryStripe({ failFirstLoad: true });
  },
};

/** Plaid as the bank sign-in: "Link Bank Account" opens Plaid Link (a stand-in here). */
export const PlaidLink: Story = {
  ...StripeProcessor,
  play: async ({ canvasElement }) => {
    const pay = await payIn(canvasElement);
    await choose(pay, 'bank-link');
    inside<HTMLButtonElement>(pay, '#bank-link-button')!.click();
  },
};

/** The firm's branding from the service, and the page's own tokens and parts on top. */
export const Themed: Story = {
  // A firm's own light theme: the toolbar's page themes do not apply to it.
  globals: { theme: 'default' },
  args: {
    service: { branding: themedBranding, pay: { saved: 'card' } },
    pageStyle: {
      '--portal-color-brand': '#5b2333',
      '--portal-radius': '2px',
      '--portal-pay-background': '#fffdf9',
      '--portal-pay-border-color': '#e7ddd0',
      '--portal-pay-button-background': '#8c6d1f',
      '--portal-font-family': "Georgia, 'Times New Roman', serif",
    },
  },
};

/** On a phone: 320px wide, several invoices. */
export const Narrow: Story = {
  args: { invoiceIds: 'inv_story_1 inv_story_3' },
  parameters: { narrow: true },
};
