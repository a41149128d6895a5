import type {
  PaymentMethod,
  Stripe,
  StripeElements,
  StripeElementsOptionsMode,
  StripeError,
  StripePaymentElement,
  StripePaymentElementOptions,
} from '@stripe/stripe-js';
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { t } from './pay-messages.ts';
import { tokens } from '../styles/tokens.ts';
import { readPortalTheme, stripeAppearance, stripeLocale } from './stripe-appearance.ts';
import { loadStripeJs } from './stripe-loader.ts';

/** The payment method types the portal takes through Stripe's Payment Element. */
export type StripeMethodType = 'card' | 'us_bank_account';

/** The slot of `<portal-pay>` that shows Stripe's Payment Element, mounted in the light DOM. */
export const stripeSlotName = 'stripe-payment-element';

/** What the Payment Element is for, read each time the host updates. */
export interface StripeCheckoutState {
  /** The method being entered, or undefined when the form is not shown. */
  type: StripeMethodType | undefined;
  /** Minor units. */
  amount: number;
  currency: string;
  /** The client asked to save the method: Stripe sets it up for later payments. */
  saveForLater: boolean;
  /** The language the form is in. */
  language: string;
  /** Offer Apple Pay and Google Pay with cards (the firm turned them on and registered its domain with Stripe). */
  wallets?: boolean;
}

export interface StripePaymentOptions {
  state: () => StripeCheckoutState;
  /** An element of the host's shadow root styled with `stripeThemeStyles`, to read the theme from. */
  themeProbe: () => Element | null | undefined;
  /** The client changed what is in the Payment Element. */
  onChange: () => void;
}

/** Why Stripe.js refused: what the client can do about it, in plain words. */
export interface StripeProblem {
  /** `validation`: the form shows what to correct; `declined`: the card or bank said no; `unreachable`: no connection to Stripe. */
  kind: 'validation' | 'declined' | 'unreachable' | 'other';
  message: string;
  code?: string;
}

export type StripeMethodResult = { paymentMethod: PaymentMethod; error?: undefined } | { paymentMethod?: undefined; error: StripeProblem };

type Status = 'idle' | 'loading' | 'ready' | 'failed';

interface PaymentElementGroup {
  type: StripeMethodType;
  elements: StripeElements;
  element: StripePaymentElement;
  /** What `elements.update` was last given (amount, currency, saving). */
  applied: string;
  complete: boolean;
}

/** The probe that `readPortalTheme` reads, resolved through the same tokens as the rest of the form. */
export const stripeThemeStyles = css`
  .stripe-theme {
    display: none;
    color: ${tokens.colorBrand};
    background-color: var(--portal-pay-background, ${tokens.colorSurface});
    border-top: 0 solid ${tokens.colorText};
    border-bottom: 0 solid ${tokens.colorDanger};
    border-radius: ${tokens.radius};
    padding: ${tokens.space} 0 0;
    font-family: ${tokens.fontFamily};
  }
  .processor-form {
    margin-block-end: ${tokens.space};
  }
  .processor-form .hint {
    margin-block: 0 0.5rem;
  }
`;

/**
 * Stripe's Payment Element inside `<portal-pay>`. Stripe.js loads from Stripe when `start` is
 * called (the client opened the payment form with Stripe as the processor), never before. The
 * Payment Element cannot live in a shadow root, so it is mounted in an element this controller
 * adds to the light DOM and the host shows through `<slot name="stripe-payment-element">`; when
 * the host is itself inside other shadow roots, a slot in each of them passes it through. The
 * theme's tokens become Stripe's Appearance. The card or bank details go to Stripe only: the
 * host gets a PaymentMethod (`pm_…`) to pay with.
 */
export class StripePaymentForm implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: StripePaymentOptions;
  #status: Status = 'idle';
  #publishableKey = '';
  #stripe: Stripe | undefined;
  #loading: Promise<Stripe | undefined> = Promise.resolve(undefined);
  #groups = new Map<StripeMethodType, PaymentElementGroup>();
  #mounted: PaymentElementGroup | undefined;
  #mountPoint: LightDomMount | undefined;
  #formFailed = false;
  #revision = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, options: StripePaymentOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#status === 'ready') this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#clear();
  }

  hostUpdated(): void {
    if (this.#status !== 'ready' || this.#formFailed) return;
    const state = this.#options.state();
    if (this.#mounted && this.#mounted.type !== state.type) {
      this.#mounted.element.unmount();
      this.#mounted = undefined;
    }
    const type = state.type;
    if (!type) return;
    const group = this.#groups.get(type) ?? this.#create({ ...state, type });
    if (!group) return;
    this.#apply(group, state);
    if (this.#mounted !== group) {
      const point = (this.#mountPoint ??= lightDomMount(this.#host, stripeSlotName));
      group.element.mount(point.element);
      this.#mounted = group;
    }
  }

  /** Stripe.js is loading, ready, or failed to load. */
  get status(): Status {
    return this.#formFailed ? 'failed' : this.#status;
  }

  /** Counts the client's changes to the Payment Element: a new count means new details. */
  get revision(): number {
    return this.#revision;
  }

  /** The Payment Element shown holds complete details (as far as Stripe can tell before submitting). */
  get complete(): boolean {
    return this.#mounted?.complete ?? false;
  }

  /** The light-DOM element the Payment Element is mounted in, once mounted. */
  get mountPoint(): HTMLElement | undefined {
    return this.#mountPoint?.element;
  }

  /**
   * Empties the Payment Element after a payment with what it held failed, so that "Try again"
   * starts from an empty form rather than the declined card (Stripe keeps what was typed while
   * the form is unmounted for the result).
   */
  clearEntry(): void {
    for (const group of this.#groups.values()) {
      group.element.clear();
      group.complete = false;
    }
    this.#revision += 1;
  }

  /** Starts loading Stripe.js for `publishableKey`; the forms entered before are cleared. */
  start(publishableKey: string): void {
    this.#clear();
    if (publishableKey === this.#publishableKey && this.#status !== 'failed' && this.#status !== 'idle') {
      this.#host.requestUpdate();
      return;
    }
    this.#publishableKey = publishableKey;
    this.#load();
  }

  /** Loads Stripe.js again after it failed, or makes a new Payment Element after it failed to load. */
  retry(): void {
    this.#formFailed = false;
    this.#clear();
    if (this.#status === 'failed' && this.#publishableKey) this.#load();
    else this.#host.requestUpdate();
  }

  /** Stripe.js once loaded; undefined when it could not be. */
  ready(): Promise<Stripe | undefined> {
    return this.#loading;
  }

  /** Moves focus into the Payment Element (to the field to correct). */
  focus(): void {
    this.#mounted?.element.focus();
  }

  /** Checks the details in the Payment Element and makes a PaymentMethod of them at Stripe. */
  async createPaymentMethod(): Promise<StripeMethodResult> {
    const stripe = this.#stripe;
    const group = this.#mounted;
    if (!stripe || !group) return { error: { kind: 'other', message: t(this.status === 'failed' ? 'pay.stripe.error.load' : 'pay.stripe.not-ready') } };
    try {
      const submitted = await group.elements.submit();
      if (submitted.error) return { error: problemOf(submitted.error) };
      const created = await stripe.createPaymentMethod({ elements: group.elements });
      if (created.error) return { error: problemOf(created.error) };
      return { paymentMethod: created.paymentMethod };
    } catch {
      return { error: { kind: 'other', message: t('pay.stripe.error.generic') } };
    }
  }

  /** Runs what a payment waits for (3-D Secure, usually) in Stripe's own window; settles when it is done. */
  async handleNextAction(clientSecret: string): Promise<{ error?: StripeProblem }> {
    const stripe = await this.ready();
    if (!stripe) return { error: { kind: 'unreachable', message: t('pay.stripe.error.load') } };
    try {
      const result = await stripe.handleNextAction({ clientSecret });
      return result.error ? { error: problemOf(result.error) } : {};
    } catch {
      return { error: { kind: 'other', message: t('pay.stripe.error.generic') } };
    }
  }

  /** The area where the Payment Element appears, with its loading and failure states; `hint` explains it. */
  render(hint?: string): TemplateResult {
    const status = this.status;
    return html`
      <div class="processor-form" part="processor-form">
        <span class="stripe-theme" aria-hidden="true"></span>
        ${hint ? html`<p class="hint">${hint}</p>` : nothing}
        ${status === 'loading' || status === 'idle' ? html`<p class="hint" role="status">${t('pay.stripe.loading')}</p>` : nothing}
        ${
          status === 'failed'
            ? html`<div class="alert" role="alert">
              <p>${t(this.#formFailed ? 'pay.stripe.error.form' : 'pay.stripe.error.load')}</p>
              <button type="button" class="button secondary" part="processor-retry-button" @click=${() => this.retry()}>
                ${t('pay.stripe.retry')}
              </button>
            </div>`
            : nothing
        }
        ${status === 'ready' ? html`<slot name=${stripeSlotName}></slot>` : nothing}
      </div>
    `;
  }

  #load(): void {
    this.#status = 'loading';
    this.#stripe = undefined;
    const key = this.#publishableKey;
    this.#loading = loadStripeJs(key).then(
      (stripe) => {
        if (key !== this.#publishableKey) return undefined;
        this.#stripe = stripe;
        this.#status = 'ready';
        this.#host.requestUpdate();
        return stripe;
      },
      () => {
        if (key === this.#publishableKey) {
          this.#status = 'failed';
          this.#host.requestUpdate();
        }
        return undefined;
      },
    );
    this.#host.requestUpdate();
  }

  #create(state: StripeCheckoutState & { type: StripeMethodType }): PaymentElementGroup | undefined {
    const stripe = this.#stripe;
    if (!stripe) return undefined;
    const probe = this.#options.themeProbe();
    const appearance = stripeAppearance(probe ? readPortalTheme(probe) : {});
    const elements = stripe.elements(elementsOptions(state, appearance, stripeLocale(state.language)));
    const element = elements.create('payment', paymentElementOptions({ type: state.type, wallets: state.wallets ?? false }));
    const group: PaymentElementGroup = { type: state.type, elements, element, applied: appliedKey(state), complete: false };
    element.on('change', (event) => {
      group.complete = event.complete;
      this.#revision += 1;
      this.#options.onChange();
    });
    element.on('loaderror', () => {
      this.#formFailed = true;
      this.#host.requestUpdate();
    });
    this.#groups.set(state.type, group);
    return group;
  }

  /** Keeps the amount, currency and saving Stripe shows and checks in step with the form. */
  #apply(group: PaymentElementGroup, state: StripeCheckoutState): void {
    const key = appliedKey(state);
    if (key === group.applied) return;
    group.applied = key;
    void group.elements
      .update({ amount: minorAmount(state.amount), currency: state.currency.toLowerCase(), setupFutureUsage: state.saveForLater ? 'off_session' : null })
      .catch(() => undefined);
  }

  #clear(): void {
    for (const group of this.#groups.values()) group.element.destroy();
    this.#groups.clear();
    this.#mounted = undefined;
    this.#mountPoint?.remove();
    this.#mountPoint = undefined;
  }
}

/** The Elements group for one method type: deferred (no PaymentIntent yet), PaymentMethods made by hand. */
export function elementsOptions(
  state: Pick<StripeCheckoutState, 'amount' | 'currency' | 'saveForLater'> & { type: StripeMethodType },
  appearance: StripeElementsOptionsMode['appearance'],
  locale: StripeElementsOptionsMode['locale'],
): StripeElementsOptionsMode {
  return {
    mode: 'payment',
    amount: minorAmount(state.amount),
    currency: state.currency.toLowerCase(),
    paymentMethodCreation: 'manual',
    allowedPaymentMethodTypes: [state.type],
    ...(state.saveForLater ? { setupFutureUsage: 'off_session' as const } : {}),
    appearance,
    locale,
  };
}

/**
 * The Payment Element shows only the method chosen in the portal's own list. Apple Pay and Google
 * Pay come with cards when the firm turned wallets on (`'auto'`: Stripe shows each where the
 * browser and device support it, on a domain registered with Stripe); they make a card
 * PaymentMethod like a typed card, so the service reads its funding for the surcharge rules the
 * same way. Link stays off. Stripe's own terms are off: the portal shows the firm's consent to
 * save a method and the ACH debit authorization the token service records.
 */
export function paymentElementOptions(options: { type: StripeMethodType; wallets: boolean } = { type: 'card', wallets: false }): StripePaymentElementOptions {
  const wallet = options.wallets && options.type === 'card' ? 'auto' : 'never';
  return {
    layout: 'tabs',
    wallets: { applePay: wallet, googlePay: wallet, link: 'never' },
    terms: { card: 'never', usBankAccount: 'never' },
  };
}

function minorAmount(amount: number): number {
  // Stripe wants a positive amount; it only shapes what the form shows, the charge is the service's.
  return Math.max(1, Math.round(amount) || 0);
}

function appliedKey(state: Pick<StripeCheckoutState, 'amount' | 'currency' | 'saveForLater'>): string {
  return JSON.stringify([minorAmount(state.amount), state.currency.toLowerCase(), state.saveForLater]);
}

/** Stripe.js's error in the client's words: Stripe writes validation and card messages for customers. */
export function problemOf(error: StripeError): StripeProblem {
  const code = error.decline_code ?? error.code;
  const base = code ? { code } : {};
  switch (error.type) {
    case 'validation_error':
      return { kind: 'validation', message: error.message || t('pay.error.fix-fields'), ...base };
    case 'card_error':
      return { kind: 'declined', message: error.message || t('pay.failure.unknown'), ...base };
    case 'api_connection_error':
      return { kind: 'unreachable', message: t('pay.error.processor-unreachable'), ...base };
    case 'rate_limit_error':
    case 'api_error':
      return { kind: 'other', message: t('pay.stripe.error.busy'), ...base };
    default:
      return { kind: 'other', message: t('pay.stripe.error.generic'), ...base };
  }
}

interface LightDomMount {
  element: HTMLElement;
  remove(): void;
}

let relays = 0;

/**
 * A `<div slot=…>` in the document's light DOM, shown in `host`'s slot `slot`. When `host` is
 * itself in a shadow root, the div goes to the light DOM of the outermost host, and a slot in
 * each shadow root on the way passes it down to `host`. Each of those slots has a name of its
 * own, so that two forms in one shadow root, or a host's own slots, cannot take the other's.
 */
export function lightDomMount(host: HTMLElement, slot: string): LightDomMount {
  const added: Element[] = [];
  let owner: Element = host;
  let assignTo = slot;
  let root = host.getRootNode();
  while (root instanceof ShadowRoot) {
    const relay = document.createElement('slot');
    relay.slot = assignTo;
    relays += 1;
    relay.name = assignTo = `${slot}-relay-${relays}`;
    owner.append(relay);
    added.push(relay);
    owner = root.host;
    root = owner.getRootNode();
  }
  const element = document.createElement('div');
  element.slot = assignTo;
  element.className = 'portal-stripe-payment-element';
  owner.append(element);
  added.push(element);
  return { element, remove: () => added.forEach((node) => node.remove()) };
}
