// A stand-in for Stripe.js, installed as window.Stripe before <portal-pay> loads it, so that
// loadStripe finds it and adds no script. It records every call and lets a test script what
// elements.submit, createPaymentMethod and handleNextAction answer. The Payment Element renders a
// small labelled form into its mount point, and refuses a mount point in a shadow root as Stripe does.

export interface FakeStripeError {
  type: 'validation_error' | 'card_error' | 'api_connection_error' | 'api_error' | 'invalid_request_error' | 'rate_limit_error';
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface FakePaymentMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  card?: { brand: string; last4: string };
  us_bank_account?: { bank_name: string; last4: string; account_type: 'checking' | 'savings' };
}

export interface StripeCall {
  method: string;
  args: unknown[];
}

type Handler = (event: unknown) => void;

export class FakePaymentElement {
  readonly options: Record<string, unknown>;
  readonly elements: FakeElements;
  mountedIn: HTMLElement | undefined;
  destroyed = false;
  /** What the client typed: like Stripe's, the form keeps it while unmounted, until `clear()`. */
  value = '';
  readonly #handlers = new Map<string, Handler[]>();

  constructor(elements: FakeElements, options: Record<string, unknown>) {
    this.elements = elements;
    this.options = options;
  }

  get type(): string {
    return this.elements.type;
  }

  mount(target: HTMLElement | string): void {
    const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
    this.elements.stripe.record('element.mount', [element]);
    if (!element?.isConnected) throw new Error('IntegrationError: payment Element didn’t mount normally.');
    if (element.getRootNode() instanceof ShadowRoot)
      throw new Error('IntegrationError: Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
    const form = document.createElement('div');
    form.className = 'fake-stripe-payment-element';
    form.dataset.type = this.type;
    const label = document.createElement('label');
    label.textContent = this.type === 'card' ? 'Card number' : 'Bank account';
    const input = document.createElement('input');
    input.name = this.type === 'card' ? 'cardnumber' : 'account';
    input.value = this.value;
    input.addEventListener('input', () => (this.value = input.value));
    label.append(input);
    form.append(label);
    element.append(form);
    this.mountedIn = element;
    this.#emit('ready', { elementType: 'payment' });
  }

  unmount(): void {
    this.elements.stripe.record('element.unmount', []);
    this.mountedIn?.querySelector('.fake-stripe-payment-element')?.remove();
    this.mountedIn = undefined;
  }

  destroy(): void {
    this.elements.stripe.record('element.destroy', []);
    this.unmount();
    this.destroyed = true;
  }

  clear(): void {
    this.elements.stripe.record('element.clear', []);
    this.value = '';
    const input = this.mountedIn?.querySelector('input');
    if (input) input.value = '';
    this.change(false, true);
  }

  focus(): void {
    this.elements.stripe.record('element.focus', []);
    this.mountedIn?.querySelector('input')?.focus();
  }

  on(event: string, handler: Handler): this {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
    return this;
  }

  /** What the client does in the form, as Stripe reports it. */
  change(complete = true, empty = false): void {
    this.#emit('change', { elementType: 'payment', complete, empty, collapsed: false, value: { type: this.type } });
  }

  /** The form failed to load in its iframe. */
  loadError(): void {
    this.#emit('loaderror', { elementType: 'payment', error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
  }

  #emit(event: string, payload: unknown): void {
    for (const handler of this.#handlers.get(event) ?? []) handler(payload);
  }
}

export class FakeElements {
  readonly stripe: FakeStripe;
  readonly options: Record<string, unknown> & { allowedPaymentMethodTypes?: string[] };
  readonly updates: Record<string, unknown>[] = [];
  element: FakePaymentElement | undefined;

  constructor(stripe: FakeStripe, options: FakeElements['options']) {
    this.stripe = stripe;
    this.options = options;
  }

  get type(): 'card' | 'us_bank_account' {
    return this.options.allowedPaymentMethodTypes?.[0] === 'us_bank_account' ? 'us_bank_account' : 'card';
  }

  create(type: string, options: Record<string, unknown> = {}): FakePaymentElement {
    this.stripe.record('elements.create', [type, options]);
    this.element = new FakePaymentElement(this, options);
    this.stripe.paymentElements.push(this.element);
    return this.element;
  }

  getElement(): FakePaymentElement | null {
    return this.element ?? null;
  }

  async update(options: Record<string, unknown>): Promise<void> {
    this.stripe.record('elements.update', [options]);
    this.updates.push(options);
  }

  async submit(): Promise<{ error?: FakeStripeError; selectedPaymentMethod?: string }> {
    this.stripe.record('elements.submit', []);
    const scripted = this.stripe.outcomes.submit.shift();
    return scripted ?? { selectedPaymentMethod: this.type };
  }
}

export class FakeStripe {
  readonly calls: StripeCall[] = [];
  readonly publishableKeys: string[] = [];
  readonly elementGroups: FakeElements[] = [];
  readonly paymentElements: FakePaymentElement[] = [];
  /** Scripted answers, first in first out; an empty list answers with success. */
  readonly outcomes = {
    submit: [] as { error: FakeStripeError }[],
    createPaymentMethod: [] as ({ paymentMethod: FakePaymentMethod } | { error: FakeStripeError })[],
    handleNextAction: [] as ({ error: FakeStripeError } | { paymentIntent: { id: string; status: string } })[],
  };
  /** Called with the client secret when handleNextAction runs (a test lets its service answer the confirmation). */
  onNextAction: (clientSecret: string) => void = () => undefined;
  #created = 0;

  record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }

  called(method: string): StripeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  elements(options: FakeElements['options']): FakeElements {
    this.record('elements', [options]);
    const group = new FakeElements(this, options);
    this.elementGroups.push(group);
    return group;
  }

  async createPaymentMethod(options: { elements: FakeElements }): Promise<{ paymentMethod?: FakePaymentMethod; error?: FakeStripeError }> {
    this.record('createPaymentMethod', [options]);
    const scripted = this.outcomes.createPaymentMethod.shift();
    if (scripted) return scripted;
    this.#created += 1;
    return options.elements.type === 'card'
      ? { paymentMethod: { id: `pm_fake_card_${this.#created}`, type: 'card', card: { brand: 'visa', last4: '4242' } } }
      : {
          paymentMethod: {
            id: `pm_fake_bank_${this.#created}`,
            type: 'us_bank_account',
            us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789', account_type: 'checking' },
          },
        };
  }

  async handleNextAction(options: { clientSecret: string }): Promise<unknown> {
    this.record('handleNextAction', [options]);
    this.onNextAction(options.clientSecret);
    return this.outcomes.handleNextAction.shift() ?? { paymentIntent: { id: options.clientSecret.split('_secret')[0], status: 'succeeded' } };
  }

  /** The Payment Element mounted now, if any. */
  get mounted(): FakePaymentElement | undefined {
    return this.paymentElements.find((element) => element.mountedIn && !element.destroyed);
  }
}

let current: FakeStripe | undefined;
/** Every call to window.Stripe (the publishable key and options), across fakes. */
export const stripeConstructions: unknown[][] = [];

/**
 * Makes a new fake the one window.Stripe answers with. window.Stripe itself is installed once per
 * page: Stripe's loader keeps the function it found the first time.
 */
export function installFakeStripe(): FakeStripe {
  current = new FakeStripe();
  const global = window as unknown as { Stripe?: unknown };
  if (!global.Stripe) {
    const constructor = (publishableKey: string, ...rest: unknown[]) => {
      stripeConstructions.push([publishableKey, ...rest]);
      if (!current) throw new Error('no fake Stripe installed');
      current.publishableKeys.push(publishableKey);
      return current;
    };
    // The release Stripe's loader expects, so that it does not warn about versions.
    global.Stripe = Object.assign(constructor, { version: 'endive' });
  }
  return current;
}

export function validationError(message = 'Your card number is incomplete.'): { error: FakeStripeError } {
  return { error: { type: 'validation_error', code: 'incomplete_number', message } };
}

export function cardError(message = 'Your card was declined.', declineCode = 'generic_decline'): { error: FakeStripeError } {
  return { error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message } };
}
