/**
 * Stripe in the browser, for end-to-end tests of the portal with PAYMENTS=stripe: a fake
 * `window.Stripe` installed before the page's scripts run (so @stripe/stripe-js/pure's loader
 * finds it and never adds js.stripe.com's script), backed by the test process's Stripe stand-in
 * through a Playwright binding. Its Payment Element renders a labelled select of Stripe's test
 * payment methods into the light-DOM mount point <portal-pay> gives it; `createPaymentMethod`
 * answers with the stand-in's PaymentMethod chosen there; `handleNextAction` completes the
 * PaymentIntent's 3-D Secure at the stand-in, as the client finishing the issuer's page would.
 * Any request to a stripe.com host is recorded and aborted.
 */
import type { BrowserContext } from 'playwright-core';
import type { StripeStandIn } from '../server/helpers/stripe-stand-in.ts';

/** The Payment Element's one field. */
export const testMethodLabel = 'Test payment method';

export interface StripeBrowser {
  /** Requests the page tried to make to js.stripe.com, api.stripe.com or any other stripe.com host. */
  stripeRequests: string[];
  /** The client secrets handleNextAction was called with. */
  nextActions: string[];
}

type BindingCall = { op: 'paymentMethod'; id: string } | { op: 'nextAction'; clientSecret: string };

/** Installs the fake Stripe.js and the stripe.com watch on a context, before its pages navigate. */
export async function fakeStripeJs(context: BrowserContext, standIn: StripeStandIn): Promise<StripeBrowser> {
  const state: StripeBrowser = { stripeRequests: [], nextActions: [] };
  const isStripe = (url: string | URL) => {
    try {
      const host = new URL(url).hostname;
      return host === 'stripe.com' || host.endsWith('.stripe.com') || host.endsWith('.stripe.network');
    } catch {
      return false;
    }
  };
  context.on('request', (request) => {
    if (isStripe(request.url())) state.stripeRequests.push(`${request.method()} ${request.url()}`);
  });
  await context.route(isStripe, (route) => route.abort('blockedbyclient'));

  await context.exposeBinding('__porticoStripeStandIn', async (_source, call: BindingCall) => {
    if (call.op === 'paymentMethod') {
      const response = await fetch(`${standIn.baseUrl}/v1/payment_methods/${encodeURIComponent(call.id)}`, {
        headers: { authorization: `Bearer ${standIn.secretKey}` },
      });
      return { status: response.status, body: await response.json() };
    }
    state.nextActions.push(call.clientSecret);
    const intent = standIn.intents().find((candidate) => candidate.client_secret === call.clientSecret);
    if (!intent) return { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent.' } };
    if (intent.status === 'requires_action') standIn.completeAction(intent.id, true);
    return { paymentIntent: { id: intent.id, object: 'payment_intent', status: intent.status } };
  });

  // As source text: tsx names functions with an `__name` helper the page does not have.
  const source = `(() => { const __name = (target) => target; (${installFakeStripe.toString()})(${JSON.stringify({ label: testMethodLabel })}); })();`;
  await context.addInitScript({ content: source });
  return state;
}

/** Runs in the page, before its scripts: must be self-contained. */
function installFakeStripe({ label }: { label: string }): void {
  type Handler = (event: unknown) => void;
  type Call = { op: 'paymentMethod'; id: string } | { op: 'nextAction'; clientSecret: string };
  const binding = (call: Call): Promise<any> => (window as any).__porticoStripeStandIn(call);
  const choices: Record<string, [string, string][]> = {
    card: [
      ['pm_card_visa', 'Visa, succeeds'],
      ['pm_card_chargeDeclined', 'Visa, declined'],
      ['pm_card_chargeDeclinedInsufficientFunds', 'Visa, insufficient funds'],
      ['pm_card_authenticationRequired', 'Visa, asks for 3-D Secure'],
    ],
    us_bank_account: [
      ['pm_usBankAccount_success', 'STRIPE TEST BANK, succeeds'],
      ['pm_usBankAccount_microdeposits', 'STRIPE TEST BANK, microdeposits'],
    ],
  };
  let paymentElementCount = 0;

  class PaymentElement {
    readonly handlers = new Map<string, Handler[]>();
    select: HTMLSelectElement | undefined;
    form: HTMLElement | undefined;
    constructor(readonly elements: Elements) {}
    mount(target: HTMLElement | string): void {
      const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
      if (!element?.isConnected) throw new Error('IntegrationError: payment Element didn’t mount normally.');
      if (element.getRootNode() instanceof ShadowRoot)
        throw new Error('IntegrationError: Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
      paymentElementCount += 1;
      const form = document.createElement('div');
      form.className = 'fake-stripe-payment-element';
      form.dataset.type = this.elements.type;
      const fieldLabel = document.createElement('label');
      const id = `fake-stripe-method-${paymentElementCount}`;
      fieldLabel.htmlFor = id;
      fieldLabel.textContent = label;
      const select = document.createElement('select');
      select.id = id;
      const empty = document.createElement('option');
      empty.value = '';
      empty.textContent = 'Choose one';
      select.append(empty);
      for (const [value, text] of choices[this.elements.type] ?? []) {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = text;
        select.append(option);
      }
      select.addEventListener('change', () =>
        this.emit('change', {
          elementType: 'payment',
          complete: Boolean(select.value),
          empty: !select.value,
          collapsed: false,
          value: { type: this.elements.type },
        }),
      );
      form.append(fieldLabel, select);
      element.append(form);
      this.select = select;
      this.form = form;
      queueMicrotask(() => this.emit('ready', { elementType: 'payment' }));
    }
    unmount(): void {
      this.form?.remove();
      this.form = undefined;
    }
    destroy(): void {
      this.unmount();
    }
    focus(): void {
      this.select?.focus();
    }
    /** As Stripe's `element.clear()`: what was chosen is gone, and the element says it is empty. */
    clear(): void {
      if (!this.select) return;
      this.select.value = '';
      this.emit('change', { elementType: 'payment', complete: false, empty: true, collapsed: false, value: { type: this.elements.type } });
    }
    blur(): void {
      this.select?.blur();
    }
    collapse(): void {}
    update(): void {}
    on(event: string, handler: Handler): this {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
      return this;
    }
    off(event: string, handler?: Handler): this {
      this.handlers.set(event, handler ? (this.handlers.get(event) ?? []).filter((h) => h !== handler) : []);
      return this;
    }
    once(event: string, handler: Handler): this {
      const wrapped: Handler = (payload) => {
        this.off(event, wrapped);
        handler(payload);
      };
      return this.on(event, wrapped);
    }
    emit(event: string, payload: unknown): void {
      for (const handler of this.handlers.get(event) ?? []) handler(payload);
    }
  }

  class Elements {
    element: PaymentElement | undefined;
    constructor(readonly options: { allowedPaymentMethodTypes?: string[] }) {}
    get type(): 'card' | 'us_bank_account' {
      return this.options.allowedPaymentMethodTypes?.[0] === 'us_bank_account' ? 'us_bank_account' : 'card';
    }
    create(kind: string): PaymentElement {
      if (kind !== 'payment') throw new Error(`IntegrationError: this fake makes only the Payment Element, not ${kind}`);
      this.element = new PaymentElement(this);
      return this.element;
    }
    getElement(): PaymentElement | null {
      return this.element ?? null;
    }
    async update(): Promise<void> {}
    async fetchUpdates(): Promise<object> {
      return {};
    }
    async submit(): Promise<object> {
      if (!this.element?.select?.value) {
        return { error: { type: 'validation_error', code: 'incomplete', message: 'Choose a test payment method.' } };
      }
      return { selectedPaymentMethod: this.type };
    }
  }

  const stripe = {
    elements: (options: { allowedPaymentMethodTypes?: string[] }) => new Elements(options ?? {}),
    async createPaymentMethod(options: { elements: Elements }) {
      const id = options.elements.element?.select?.value;
      if (!id) return { error: { type: 'validation_error', code: 'incomplete', message: 'Choose a test payment method.' } };
      const answer = await binding({ op: 'paymentMethod', id });
      if (answer.status !== 200) return { error: answer.body.error };
      return { paymentMethod: answer.body };
    },
    handleNextAction: (options: { clientSecret: string }) => binding({ op: 'nextAction', clientSecret: options.clientSecret }),
  };
  const constructor = (publishableKey: string) => {
    if (!/^pk_test_/.test(publishableKey)) throw new Error(`IntegrationError: expected a test publishable key, got ${publishableKey}`);
    (window as any).__fakeStripeKeys = [...((window as any).__fakeStripeKeys ?? []), publishableKey];
    return stripe;
  };
  // The release @stripe/stripe-js expects, so that it does not warn about versions.
  (window as any).Stripe = Object.assign(constructor, { version: 'endive' });
}
