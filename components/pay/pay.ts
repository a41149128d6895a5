import { Task, TaskStatus } from '@lit/task';
import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import { ProcessorError, type SandboxApi } from '../api/sandbox-api.ts';
import type {
  Branding,
  InvoiceSummary,
  LinkedBankAccount,
  MandateQuery,
  PaymentMethodInput,
  PaymentMethodsAccepted,
  PaymentQuote,
  PaymentRequest,
  PaymentSetup,
  SavedPaymentMethod,
} from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDuration, formatMoney, formatPercent } from '../i18n/format.ts';
import { t } from './pay-messages.ts';
import { paymentMethodLabel } from '../payments/payment-labels.ts';
import { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { AmountFields } from './amount-fields.ts';
import {
  PortalPayCloseEvent,
  PortalPaymentFailedEvent,
  PortalPaymentProcessingEvent,
  PortalPaymentSucceededEvent,
  type PortalPayCloseDetail,
} from './events.ts';
import type { Message } from './fields.ts';
import { MandateController } from './mandate.ts';
import { payStyles } from './pay.styles.ts';
import { PlaidLink } from './plaid-link.ts';
import { PaymentAttempt, type PaymentChallenge, type SubmitOutcome } from './payment-attempt.ts';
import { outcomeOf, renderResult, resultHeading, resultSummary, type PayOutcome } from './result.ts';
import type { SandboxForms } from './sandbox-forms.ts';
import { SavedMethods } from './saved-methods.ts';
import { StripePaymentForm, stripeThemeStyles, type StripeMethodType, type StripeProblem } from './stripe-payment-element.ts';

export { newIdempotencyKey } from './payment-attempt.ts';

/** A way to pay: a saved method (`saved:<id>`), a card, bank sign-in, or bank account numbers. */
export type PayMethodChoice = `saved:${string}` | 'card' | 'bank-link' | 'bank-account';

interface CheckoutData {
  /** The invoices that can take a payment now, oldest due first. */
  invoices: InvoiceSummary[];
  branding: Branding | undefined;
  setup: PaymentSetup;
  sandbox: SandboxApi | undefined;
}

/** Bank account numbers turned into a processor token (needed for the authorization's wording). */
interface VerifiedBankAccount {
  fingerprint: string;
  status: 'verifying' | 'ready' | 'failed';
  account?: { token: string; bankName: string; last4: string; accountType: 'checking' | 'savings' };
  done: Promise<void>;
}

const allMethods: PaymentMethodsAccepted = { card: true, bankLink: true, bankAccount: true };

/** Invoice ids from an attribute: separated by spaces or commas. */
const idListConverter = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: readonly string[]): string => value.join(' '),
};

/**
 * Paying invoices: how much (the open balance, or any amount from the firm's minimum; with
 * several invoices applied oldest due first, adjustable per invoice), how (saved methods first,
 * then card, bank sign-in and bank account numbers, as the firm allows), consent to save the
 * method, the ACH debit authorization for bank payments, and the result with its receipt.
 *
 * Card and account numbers go only to the payment processor's tokenization endpoint (the
 * sandbox's, which mirrors Stripe's); the token service receives the token. Each press of
 * "Pay" sends one `Idempotency-Key`, and sends the same one again when the answer was
 * lost to the network, so that a retry can never pay twice. A card that asks for 3-D Secure shows
 * the processor's challenge in a dialog. Results are announced in a live region and focus moves to
 * the result's heading (or to the first field to correct). After too many declined attempts the
 * service refuses payments for a while (`429 rate_limited`): the form says how long, and the pay
 * button stays disabled until then.
 *
 * Give it `invoice-ids` (one or several, separated by spaces) or `all-open`. Inside
 * `<portal-session>` it uses the session's API client and branding; alone, give it `api` and `firm`.
 * With Stripe as the processor (as `GET /payments/setup` says), card and bank details are entered
 * in Stripe's Payment Element, themed from the portal's tokens: Stripe.js loads from Stripe when
 * the form opens (never with the sandbox), and the Payment Element is mounted in an element this
 * one adds to its light DOM, since Stripe's forms cannot work inside a shadow root. With Plaid as
 * the bank sign-in, "Link Bank Account" opens Plaid Link, whose script loads from Plaid then.
 *
 * @tag portal-pay
 *
 * @slot footer - Content under the "Pay" button, e.g. the firm's payment terms.
 * @slot stripe-payment-element - Filled by the element itself with Stripe's Payment Element, which must be in the light DOM. Leave it alone.
 *
 * @event portal-payment-succeeded - A payment succeeded. `detail`: `paymentId`, `paymentIds`, `amount`, `currency`, `status`, `receiptNumber`, `receiptNumbers`, `invoiceIds`, `method`.
 * @event portal-payment-processing - A bank payment is on its way (it clears in a few business days). Same `detail` as `portal-payment-succeeded`.
 * @event portal-payment-failed - A payment was declined or failed its 3-D Secure check. `detail`: `paymentId`, `paymentIds`, `amount`, `currency`, `status`, `invoiceIds`, `method`, `failure` (`code`, `declineCode`, `message`).
 * @event portal-pay-close - The client left ("Done" or "Cancel"). `detail.outcome`: `succeeded`, `processing`, `failed` or `cancelled`.
 *
 * @csspart base - The box around everything.
 * @csspart header - The heading and the firm's name.
 * @csspart heading - The heading.
 * @csspart alert - The live region for problems with the payment.
 * @csspart amount - The amount fieldset.
 * @csspart invoice - The invoice being paid, when there is one.
 * @csspart allocations - The share of each invoice, when there are several.
 * @csspart methods - The payment method choices.
 * @csspart method - One payment method choice.
 * @csspart saved-method - One saved payment method.
 * @csspart remove-button - A saved method's "Remove" button.
 * @csspart confirm-remove-button - The button that confirms removing a saved method.
 * @csspart card-fields - The card form.
 * @csspart card-brand - The card brand detected from the number.
 * @csspart bank-fields - The bank account numbers form.
 * @csspart account-type - The checking or savings choice.
 * @csspart bank-link - The bank sign-in panel.
 * @csspart bank-link-button - The button that opens the bank sign-in.
 * @csspart bank-link-dialog - The bank sign-in dialog.
 * @csspart institutions - The list of banks in the bank sign-in.
 * @csspart institution - One bank in that list.
 * @csspart accounts - The accounts to choose from in the bank sign-in.
 * @csspart processor-placeholder - Where the processor's own form goes (Stripe).
 * @csspart processor-form - Where Stripe's Payment Element appears, with its loading and error messages.
 * @csspart processor-retry-button - "Load the payment form again", after Stripe.js could not be loaded.
 * @csspart save - The "save this payment method" checkbox and its consent text.
 * @csspart mandate - The bank debit authorization.
 * @csspart mandate-text - The authorization's words.
 * @csspart mandate-accept - The "I authorize this debit" checkbox.
 * @csspart total - The total under the form.
 * @csspart surcharge - The card surcharge line ("Card surcharge (3%) $27.44"), above the total, once the service quoted one for the card.
 * @csspart pay-button - The "Pay" button, which states the amount ("Pay $914.75"), card surcharge included.
 * @csspart cancel-button - The "Cancel" button.
 * @csspart three-d-secure-dialog - The 3-D Secure challenge.
 * @csspart authenticate-button - "Complete authentication" in the challenge.
 * @csspart fail-authentication-button - "Fail authentication" in the challenge.
 * @csspart result - The result panel.
 * @csspart result-heading - The result's heading.
 * @csspart receipt - The receipt: number, amount, method, date, invoices.
 * @csspart retry-button - "Try again" after a decline.
 * @csspart done-button - "Done" after a result.
 * @csspart skeleton - The placeholder shown while the invoices load.
 * @csspart error - The panel shown when the invoices cannot be loaded.
 * @csspart empty - The panel shown when nothing is owed.
 * @csspart field - One label, hint, input and error.
 * @csspart label - A field's label.
 * @csspart hint - A field's hint.
 * @csspart input - A field's input.
 * @csspart field-error - A field's error message.
 *
 * @cssprop --portal-pay-max-width - Largest width (default `36rem`).
 * @cssprop --portal-pay-padding - Space inside the box (default one and a half `--portal-space`).
 * @cssprop --portal-pay-background - Background (default `--portal-color-surface`).
 * @cssprop --portal-pay-border-color - Border and dividers (default `--portal-color-divider`).
 * @cssprop --portal-pay-heading-color - Headings (default `--portal-color-text`).
 * @cssprop --portal-pay-method-background - A payment method choice's background (default `--portal-color-surface`).
 * @cssprop --portal-pay-method-selected-color - The chosen method's border (default `--portal-color-brand`).
 * @cssprop --portal-pay-button-background - "Pay" button background (default `--portal-color-brand`).
 * @cssprop --portal-pay-button-color - "Pay" button text (default `--portal-color-brand-contrast`).
 * @cssprop --portal-pay-dialog-background - The dialogs' background (default `--portal-color-surface`).
 * @cssprop --portal-pay-dialog-backdrop - What covers the page behind a dialog (default `--portal-color-backdrop`, a translucent black).
 * @cssprop --portal-pay-sandbox-color - The sandbox notes' accent (default `--portal-color-warning`).
 *
 * @cssstate loading - The invoices are loading.
 * @cssstate error - The invoices could not be loaded.
 * @cssstate submitting - A payment is being made.
 * @cssstate succeeded - The payment succeeded.
 * @cssstate processing - The payment is on its way (a bank debit).
 * @cssstate failed - The payment was declined.
 * @cssstate rate-limited - Paying is paused after too many declined attempts; the pay button is disabled until the wait is over.
 */
export class PortalPay extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, payStyles, stripeThemeStyles];

  /** The invoices to pay (`inv_…`), separated by spaces in the attribute. */
  @property({ attribute: 'invoice-ids', converter: idListConverter }) invoiceIds: string[] = [];

  /** Pays every unpaid invoice instead of `invoice-ids`. */
  @property({ attribute: 'all-open', type: Boolean, reflect: true }) allOpen = false;

  /** The amount to start with, in minor units (e.g. from `portal-pay-request`); the open balance when absent. */
  @property({ type: Number }) amount: number | undefined;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @state() private method: PayMethodChoice | undefined;
  @state() private save = false;
  @state() private submitting = false;
  @state() private outcome: PayOutcome | undefined;
  @state() private alert: Message | undefined;
  @state() private announcement: Message | undefined;
  @state() private linked: LinkedBankAccount | undefined;
  @state() private bankLinkError: Message | undefined;
  @state() private bankAccount: VerifiedBankAccount | undefined;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  readonly #amount = new AmountFields(
    this,
    () => this.language,
    () => this.#changed(),
  );
  readonly #mandate = new MandateController(this, () => this.#api.value);
  readonly #saved = new SavedMethods(this, {
    client: () => this.#api.value,
    onRemoved: (method) => this.#savedRemoved(method),
    announce: (message) => (this.announcement = message),
  });
  /** The sandbox's own forms and dialogs, once loaded (never with Stripe). */
  #sandboxForms: SandboxForms | undefined;
  readonly #stripe = new StripePaymentForm(this, {
    state: () => ({
      type: this.#stripeMethodType(),
      amount: this.#amount.total ?? 0,
      currency: this.#amount.currency,
      saveForLater: this.save,
      language: this.language,
      wallets: this.#accepted.wallets === true,
    }),
    themeProbe: () => this.renderRoot?.querySelector('.stripe-theme'),
    onChange: () => this.#stripeChanged(),
  });
  readonly #plaid = new PlaidLink(this, {
    client: () => this.#api.value,
    onLinked: (account) => this.#bankLinked(account),
    onClosed: ({ linked, problem }) => this.#plaidClosed(linked, problem),
  });
  /** Stripe's Payment Element holds the detail to correct, rather than one of the form's own fields. */
  #stripeToCorrect = false;
  /** The payment being made: its Idempotency-Key, surcharge quote, 3-D Secure challenges, and the pause after too many declines. */
  readonly #attempt = new PaymentAttempt({
    client: () => this.#api.value,
    challenge: (challenge, signal) => this.#challenge(challenge, signal),
    onPauseOver: () => this.#resume(),
  });
  #request: AbortController | undefined;
  #focusWhenReady = false;
  #bankTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the form says while paying is paused (after a field's alert is gone, too). */
  #pauseMessage: Message | undefined;

  readonly #checkout = new Task(this, {
    task: async ([client, ids, allOpen], { signal }): Promise<CheckoutData | undefined> => {
      if (!allOpen && !ids) return undefined;
      if (!client) throw new NotConfiguredError();
      const [invoices, branding, setup, saved] = await Promise.all([
        allOpen ? unpaidInvoices(client, signal) : Promise.all(ids.split(' ').map((id) => client.invoices.get(id, { signal }))),
        // Outside <portal-session> the firm's settings (minimum, methods, name) come from its branding.
        this.sessionBranding ? undefined : client.branding({ signal }).catch(() => undefined),
        client.payments.setup({ signal }),
        // Saved methods are a convenience: without them the client can still pay.
        client.paymentMethods.list({ signal }).catch((error: unknown) => {
          if (isAbortError(error)) throw error;
          return [] as SavedPaymentMethod[];
        }),
      ]);
      const payable = invoices.filter((invoice) => invoice.openBalance > 0 && invoice.status !== 'void' && invoice.status !== 'paid');
      const data: CheckoutData = {
        invoices: payable,
        branding,
        setup,
        sandbox: setup.processor === 'sandbox' && setup.sandboxUrl ? client.sandbox(setup.sandboxUrl) : undefined,
      };
      if (data.sandbox) await this.#loadSandboxForms();
      signal.throwIfAborted();
      this.#start(data, saved);
      return data;
    },
    args: () => [this.#api.value, this.invoiceIds.join(' '), this.allOpen] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /**
   * Moves focus to the heading of what is shown: the form, the result, or the error panel. While
   * the invoices load, focus waits on the loading placeholder and moves to the heading once they are in.
   */
  override focus(options?: FocusOptions): void {
    const heading = this.#heading();
    if (heading) {
      heading.focus(options);
      return;
    }
    this.#focusWhenReady = true;
    const skeleton = this.renderRoot?.querySelector<HTMLElement>('.skeleton');
    if (skeleton) skeleton.focus(options);
    else void this.updateComplete.then(() => (this.#heading() ?? this.renderRoot.querySelector<HTMLElement>('.skeleton'))?.focus(options));
  }

  #heading(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('#result-heading, #heading, [part~="error"] h2, [part~="empty"] h2');
  }

  /** Loads the invoices again and starts over. */
  refresh(): Promise<unknown> {
    return this.#checkout.run();
  }

  /**
   * The sandbox's forms and dialogs, with their styles: a module of their own, imported only
   * when the firm pays through the sandbox, so that a page paying through Stripe never fetches it.
   */
  async #loadSandboxForms(): Promise<void> {
    if (this.#sandboxForms) return;
    const { SandboxForms, sandboxStyles } = await import('./sandbox-forms.ts');
    if (this.#sandboxForms) return;
    this.#sandboxForms = new SandboxForms(this, {
      onBankChange: () => this.#bankChanged(),
      bankLink: {
        client: () => this.#api.value,
        sandbox: () => this.#data?.sandbox,
        onLinked: (account) => this.#bankLinked(account),
        onClosed: () => this.#bankLinkClosed(),
      },
    });
    // Added after the element's own styles, as if they had been part of them from the start.
    if (this.renderRoot instanceof ShadowRoot) adoptStyles(this.renderRoot, [...(this.constructor as typeof PortalPay).elementStyles, sandboxStyles]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#attempt.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
    clearTimeout(this.#bankTimer);
    this.#attempt.stop();
  }

  get #data(): CheckoutData | undefined {
    return this.#checkout.value;
  }

  get #firmBranding(): Branding | undefined {
    return this.sessionBranding ?? this.#data?.branding;
  }

  get #accepted(): PaymentMethodsAccepted {
    return this.#firmBranding?.paymentMethods ?? allMethods;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#mandate.query = this.#mandateQuery();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#checkout.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'submitting', this.submitting);
    toggleState(this.#internals, 'rate-limited', this.#attempt.paused);
    for (const result of ['succeeded', 'processing', 'failed'] as const) {
      toggleState(this.#internals, result, this.outcome?.status === result);
    }
    if (this.#focusWhenReady && (status === TaskStatus.COMPLETE || status === TaskStatus.ERROR)) {
      this.#focusWhenReady = false;
      this.#heading()?.focus();
    }
  }

  protected override render(): TemplateResult {
    return html`
      <div class="base" part="base">
        ${this.#checkout.render({
          initial: () => nothing,
          pending: () => this.#renderSkeleton(),
          error: (error) => this.#renderFailure(error),
          complete: (data) => (data ? this.#renderLoaded(data) : nothing),
        })}
        <div class="visually-hidden" role="status">${this.announcement ? this.announcement() : nothing}</div>
        ${this.#sandboxForms?.bankLink.render() ?? nothing} ${this.#sandboxForms?.threeDSecure.render() ?? nothing}
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton" tabindex="-1">
        <span class="visually-hidden" role="status">${t('pay.loading')}</span>
        <span class="skeleton-block title" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
        <span class="skeleton-block tall" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="panel" part="error">
        <h2 tabindex="-1">${t('pay.error-heading')}</h2>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        <div class="actions">
          ${
            configured
              ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>`
              : nothing
          }
          <button class="button secondary" part="cancel-button" type="button" @click=${() => this.#close('cancelled')}>${t('pay.cancel')}</button>
        </div>
      </div>
    `;
  }

  #renderLoaded(data: CheckoutData): TemplateResult {
    if (this.outcome) {
      return renderResult(this.outcome, {
        onDone: () => this.#close(this.outcome?.status === 'unconfirmed' ? 'processing' : (this.outcome?.status ?? 'cancelled')),
        onRetry: () => void this.#tryAgain(),
      });
    }
    if (!data.invoices.length) {
      return html`
        <div class="panel" part="empty">
          <h2 tabindex="-1">${t('pay.nothing-heading')}</h2>
          <p>${t('pay.nothing-text')}</p>
          <div class="actions">
            <button class="button" part="done-button" type="button" @click=${() => this.#close('cancelled')}>${t('pay.result.done')}</button>
          </div>
        </div>
      `;
    }
    return this.#renderForm(data);
  }

  #renderForm(data: CheckoutData): TemplateResult {
    const firmName = this.#firmBranding?.name;
    const quoted = this.#attempt.quoteFor(() => this.#fingerprint());
    // With a surcharge quoted, the total and the button state what will be charged.
    const total = quoted?.total ?? this.#amount.total;
    const alert = this.alert ?? (this.#attempt.paused ? this.#pauseMessage : undefined);
    const payDisabled = this.submitting || this.#attempt.paused;
    // The heading's box is no <header>: inside <portal-app> that would be a banner landmark nested in the page's.
    return html`
      <form novalidate aria-labelledby="heading" aria-busy=${this.submitting ? 'true' : 'false'} @submit=${this.#submit}>
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">${t('pay.heading')}</h2>
          ${firmName ? html`<p class="firm">${t('pay.to-firm', { firm: firmName })}</p>` : nothing}
        </div>
        <div class="alert" part="alert" role="alert">${alert ? html`<p>${alert()}</p>` : nothing}</div>
        ${this.#amount.render()} ${this.#renderMethods()} ${this.#renderMethodPanel(data)} ${this.#renderSave()}
        ${this.#isBankDebit() ? this.#mandate.render() : nothing}
        ${quoted ? this.#renderSurcharge(quoted) : nothing}
        <p class="total" part="total">
          ${total !== undefined && total > 0 ? t('pay.total', { amount: formatMoney(total, this.#amount.currency) }) : nothing}
        </p>
        <div class="actions">
          <button type="submit" class="button pay-button" part="pay-button" aria-disabled=${payDisabled ? 'true' : 'false'}>
            ${this.submitting ? t('pay.submitting') : total !== undefined && total > 0 ? t('pay.submit', { amount: formatMoney(total, this.#amount.currency) }) : t('pay.submit-no-amount')}
          </button>
          <button
            type="button"
            class="button secondary"
            part="cancel-button"
            aria-disabled=${this.submitting ? 'true' : 'false'}
            @click=${() => {
              // Leaving while a payment is on its way would hide its result.
              if (!this.submitting) this.#close('cancelled');
            }}
          >
            ${t('pay.cancel')}
          </button>
        </div>
        <slot name="footer"></slot>
      </form>
    `;
  }

  /** The card surcharge as its own line, above the total and the button that states it. */
  #renderSurcharge(quote: PaymentQuote): TemplateResult {
    const percent = formatPercent(quote.surcharge.percent, this.language);
    return html`
      <p class="surcharge" part="surcharge">
        <span>${t('pay.surcharge', { percent })}</span>
        <span class="surcharge-amount">${formatMoney(quote.surcharge.amount, quote.currency)}</span>
      </p>
    `;
  }

  #choices(): PayMethodChoice[] {
    const accepted = this.#accepted;
    const saved = this.#saved.list
      .filter((method) => (method.type === 'card' ? accepted.card : accepted.bankLink || accepted.bankAccount))
      .map((method) => `saved:${method.id}` as const);
    const fresh: PayMethodChoice[] = [];
    if (accepted.card) fresh.push('card');
    if (accepted.bankLink && bankLinkOffered(this.#data?.setup)) fresh.push('bank-link');
    if (accepted.bankAccount) fresh.push('bank-account');
    return [...saved, ...fresh];
  }

  #renderMethods(): TemplateResult {
    const choices = this.#choices();
    if (!choices.length) {
      return html`<div class="alert" part="methods"><p>${t('pay.method.none')}</p></div>`;
    }
    return html`
      <fieldset class="methods" part="methods">
        <legend class="section-title">${t('pay.method.legend')}</legend>
        ${choices.map((choice) => {
          const checked = this.method === choice;
          if (choice.startsWith('saved:')) {
            const method = this.#saved.get(choice.slice('saved:'.length));
            return method ? this.#saved.renderChoice(method, checked, () => this.#choose(choice)) : nothing;
          }
          return html`
            <div class="method" part="method">
              <label class="choice">
                <input type="radio" name="method" value=${choice} .checked=${checked} @change=${() => this.#choose(choice)} />
                <span>${t(`pay.method.${choice as 'card' | 'bank-link' | 'bank-account'}`)}</span>
              </label>
              <p class="hint method-hint">${this.#methodHint(choice)}</p>
            </div>
          `;
        })}
      </fieldset>
    `;
  }

  #methodHint(choice: PayMethodChoice): string {
    if (choice === 'card') return t('pay.method.card-hint');
    if (choice === 'bank-link') return t('pay.method.bank-link-hint');
    return t('pay.method.bank-account-hint');
  }

  #renderMethodPanel(data: CheckoutData): TemplateResult | typeof nothing {
    const placeholder = (text: string) => html`<p class="processor-placeholder" part="processor-placeholder">${text}</p>`;
    switch (this.method) {
      case 'card':
        if (data.sandbox && this.#sandboxForms) return this.#sandboxForms.card.render();
        return usesStripe(data.setup) ? this.#stripe.render() : placeholder(t('pay.processor.card'));
      case 'bank-account':
        if (data.sandbox && this.#sandboxForms) return html`${this.#sandboxForms.bank.render()}${this.#renderBankVerification()}`;
        return usesStripe(data.setup)
          ? html`${this.#stripe.render(t('pay.stripe.bank-hint'))}${this.#renderBankVerification()}`
          : placeholder(t('pay.processor.bank'));
      case 'bank-link':
        if (data.setup.bankLink === 'plaid') return this.#renderBankLink();
        return data.setup.bankLink === 'sandbox' && data.sandbox ? this.#renderBankLink() : placeholder(t('pay.processor.bank-link'));
      default:
        return nothing;
    }
  }

  #renderBankVerification(): TemplateResult | typeof nothing {
    if (this.bankAccount?.status !== 'verifying') return nothing;
    return html`<p class="hint" role="status">${t('pay.bank.verifying')}</p>`;
  }

  #renderBankLink(): TemplateResult {
    const linked = this.linked;
    const plaid = this.#data?.setup.bankLink === 'plaid';
    const describedBy = ['bank-link-text', this.bankLinkError ? 'bank-link-error' : ''].filter(Boolean).join(' ');
    return html`
      <div class="bank-link" part="bank-link">
        ${
          linked
            ? html`<p class="linked" id="bank-link-text">
              ${t('pay.link.connected', { account: paymentMethodLabel({ type: 'us_bank_account', brand: linked.bankName, last4: linked.last4 }) })}
            </p>`
            : html`<p id="bank-link-text">${t('pay.link.explain')}</p>`
        }
        <button
          type="button"
          id="bank-link-button"
          class="button secondary"
          part="bank-link-button"
          aria-describedby=${describedBy}
          data-invalid=${this.bankLinkError ? 'true' : nothing}
          aria-disabled=${plaid && this.#plaid.busy ? 'true' : 'false'}
          @click=${() => this.#openBankLink()}
        >
          ${linked ? t('pay.link.change') : t('pay.link.open')}
        </button>
        ${plaid ? html`<p class="hint" role="status">${this.#plaidStatus()}</p>` : nothing}
        ${this.bankLinkError ? html`<p class="field-error" id="bank-link-error" part="field-error">${this.bankLinkError()}</p>` : nothing}
      </div>
    `;
  }

  #renderSave(): TemplateResult | typeof nothing {
    const method = this.method;
    if (!method || method.startsWith('saved:')) return nothing;
    if (!this.#data?.sandbox && !usesStripe(this.#data?.setup) && method !== 'bank-link') return nothing;
    const firm = this.#firmBranding?.name ?? t('pay.save.the-firm');
    return html`
      <div class="save" part="save">
        <label class="choice checkbox">
          <input id="save-method" type="checkbox" .checked=${this.save} aria-describedby="save-consent" @change=${this.#toggleSave} />
          ${t('pay.save.label')}
        </label>
        <p class="hint" id="save-consent">${t('pay.save.consent', { firm })}</p>
      </div>
    `;
  }

  readonly #toggleSave = (event: Event): void => {
    this.save = (event.target as HTMLInputElement).checked;
  };

  #isBankDebit(): boolean {
    const method = this.method;
    if (method === 'bank-link' || method === 'bank-account') return true;
    if (method?.startsWith('saved:')) return this.#saved.get(method.slice('saved:'.length))?.type === 'us_bank_account';
    return false;
  }

  /** The method entered in Stripe's Payment Element now, if any (nothing while a result is shown). */
  #stripeMethodType(): StripeMethodType | undefined {
    const data = this.#data;
    if (!data || !usesStripe(data.setup) || this.outcome || !data.invoices.length) return undefined;
    return this.method === 'card' ? 'card' : this.method === 'bank-account' ? 'us_bank_account' : undefined;
  }

  #mandateQuery(): MandateQuery | undefined {
    if (!this.#isBankDebit()) return undefined;
    const total = this.#amount.total;
    if (total === undefined || total <= 0 || total > this.#amount.openBalance) return undefined;
    const method = this.method;
    if (method === 'bank-link') {
      const linked = this.linked;
      if (!linked) return undefined;
      return { amount: total, bankName: linked.bankName, accountType: linked.accountType === 'savings' ? 'savings' : 'checking', last4: linked.last4 };
    }
    if (method === 'bank-account') {
      const verified = this.bankAccount;
      if (verified?.status !== 'ready' || verified.fingerprint !== this.#bankFingerprint() || !verified.account) return undefined;
      const { bankName, accountType, last4 } = verified.account;
      return { amount: total, bankName, accountType, last4 };
    }
    const saved = method ? this.#saved.get(method.slice('saved:'.length)) : undefined;
    if (!saved) return undefined;
    return { amount: total, bankName: saved.brand || t('pay.mandate.your-bank'), accountType: 'checking', last4: saved.last4 };
  }

  #start(data: CheckoutData, saved: SavedPaymentMethod[]): void {
    this.#request?.abort();
    this.#attempt.reset();
    this.outcome = undefined;
    this.alert = undefined;
    this.submitting = false;
    this.linked = undefined;
    this.bankAccount = undefined;
    this.bankLinkError = undefined;
    this.save = false;
    this.#sandboxForms?.card.reset();
    this.#sandboxForms?.bank.reset();
    // Stripe.js loads now that the client is about to pay, not before.
    if (usesStripe(data.setup)) this.#stripe.start(data.setup.publishableKey!);
    const branding = this.sessionBranding ?? data.branding;
    this.#amount.setUp({
      invoices: data.invoices,
      currency: data.invoices[0]?.currency ?? branding?.currency ?? 'USD',
      minimum: branding?.minimumPayment ?? 0,
      suggested: this.amount,
    });
    this.#saved.list = saved;
    const accepted = branding?.paymentMethods ?? allMethods;
    const accepts = (method: SavedPaymentMethod) => (method.type === 'card' ? accepted.card : accepted.bankLink || accepted.bankAccount);
    // The method the client made their default in their profile comes first, when the firm takes it.
    const usable = saved.find((method) => method.isDefault && accepts(method)) ?? saved.find(accepts);
    const bankLink = accepted.bankLink && bankLinkOffered(data.setup);
    this.method = usable ? `saved:${usable.id}` : accepted.card ? 'card' : bankLink ? 'bank-link' : accepted.bankAccount ? 'bank-account' : undefined;
  }

  #choose(choice: PayMethodChoice): void {
    this.method = choice;
    this.alert = undefined;
    this.bankLinkError = undefined;
  }

  #changed(): void {
    this.requestUpdate();
  }

  #savedRemoved(method: SavedPaymentMethod): void {
    if (this.method === `saved:${method.id}`) {
      const next = this.#choices()[0];
      this.method = next;
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name="method"]:checked, input[name="method"]')?.focus());
  }

  #bankLinked(account: LinkedBankAccount): void {
    this.linked = account;
    this.bankLinkError = undefined;
    this.alert = undefined;
    this.announcement = () =>
      t('pay.link.connected', { account: paymentMethodLabel({ type: 'us_bank_account', brand: account.bankName, last4: account.last4 }) });
  }

  #openBankLink(): void {
    if (this.#data?.setup.bankLink !== 'plaid') {
      void this.#sandboxForms?.bankLink.show();
      return;
    }
    if (this.#plaid.busy) return;
    this.bankLinkError = undefined;
    this.announcement = undefined;
    void this.#plaid.open();
  }

  #plaidStatus(): string {
    switch (this.#plaid.step) {
      case 'starting':
        return t('pay.plaid.opening');
      case 'open':
        return t('pay.plaid.open');
      case 'exchanging':
        return t('pay.plaid.connecting');
      default:
        return '';
    }
  }

  /** Link closed: what went wrong is said next to its button, and focus goes back to that button. */
  #plaidClosed(linked: boolean, problem: Message | undefined): void {
    if (problem) this.bankLinkError = problem;
    else if (!linked) this.announcement = () => t('pay.plaid.closed');
    this.#bankLinkClosed();
  }

  /** Focus goes back to the button that opened the sign-in, whether or not an account was connected. */
  #bankLinkClosed(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#bank-link-button')?.focus());
  }

  #bankFingerprint(): string {
    if (usesStripe(this.#data?.setup)) return `stripe:${this.#stripe.revision}`;
    const values = this.#sandboxForms?.bank.values;
    return values ? JSON.stringify([values.routing, values.account, values.accountType, values.holder.trim()]) : '';
  }

  #bankChanged(): void {
    clearTimeout(this.#bankTimer);
    if (!this.#sandboxForms?.bank.complete || this.bankAccount?.fingerprint === this.#bankFingerprint()) return;
    this.#bankTimer = setTimeout(() => void this.#verifyBankAccount(), 400);
  }

  /** The client changed the Payment Element: a complete bank account is made into a PaymentMethod, for the authorization's wording. */
  #stripeChanged(): void {
    this.requestUpdate();
    if (this.method !== 'bank-account') return;
    clearTimeout(this.#bankTimer);
    if (!this.#stripe.complete || this.bankAccount?.fingerprint === this.#bankFingerprint()) return;
    this.#bankTimer = setTimeout(() => void this.#verifyBankAccount(), 400);
  }

  /** Tokenizes the bank account numbers (at the processor), which tells the bank's name for the authorization. */
  #verifyBankAccount(): Promise<void> {
    const fingerprint = this.#bankFingerprint();
    if (this.bankAccount?.fingerprint === fingerprint && this.bankAccount.status !== 'failed') return this.bankAccount.done;
    if (usesStripe(this.#data?.setup)) return this.#verifyStripeBankAccount(fingerprint);
    const sandbox = this.#data?.sandbox;
    const bank = this.#sandboxForms?.bank;
    if (!sandbox || !bank?.complete) return Promise.resolve();
    const done = (async () => {
      try {
        const method = await sandbox.createBankAccountMethod(bank.details());
        const current = this.bankAccount;
        if (current?.fingerprint !== fingerprint) return;
        const account = method.us_bank_account;
        this.bankAccount = {
          ...current,
          status: 'ready',
          account: {
            token: method.id,
            bankName: account?.bank_name ?? t('pay.mandate.your-bank'),
            last4: account?.last4 ?? bank.values.account.slice(-4),
            accountType: account?.account_type ?? bank.values.accountType,
          },
        };
      } catch (error) {
        const current = this.bankAccount;
        if (current?.fingerprint !== fingerprint) return;
        this.bankAccount = { ...current, status: 'failed' };
        if (error instanceof ProcessorError && bank.showProcessorError(error.param, error.code, error.message)) return;
        this.alert = error instanceof ProcessorError ? () => error.message : () => t('pay.error.processor-unreachable');
      }
    })();
    this.bankAccount = { fingerprint, status: 'verifying', done };
    return done;
  }

  /** Makes a PaymentMethod of the bank account in Stripe's Payment Element; Stripe names its bank for the authorization. */
  #verifyStripeBankAccount(fingerprint: string): Promise<void> {
    const done = (async () => {
      const result = await this.#stripe.createPaymentMethod();
      const current = this.bankAccount;
      if (current?.fingerprint !== fingerprint) return;
      const method = result.paymentMethod;
      const bank = method?.us_bank_account;
      if (!method || !bank) {
        this.bankAccount = { ...current, status: 'failed' };
        this.#showStripeProblem(result.error ?? { kind: 'other', message: t('pay.stripe.error.generic') });
        return;
      }
      this.bankAccount = {
        ...current,
        status: 'ready',
        account: {
          token: method.id,
          bankName: bank.bank_name || t('pay.mandate.your-bank'),
          last4: bank.last4,
          accountType: bank.account_type === 'savings' ? 'savings' : 'checking',
        },
      };
    })();
    this.bankAccount = { fingerprint, status: 'verifying', done };
    return done;
  }

  /** Stripe.js refused the details: its words go at the top, and focus into its form when a field is to be corrected. */
  #showStripeProblem(problem: StripeProblem): void {
    this.alert = () => problem.message;
    this.#stripeToCorrect = problem.kind === 'validation';
  }

  /** The form as it stands, to tell a repeated press of "Pay" from a changed payment. */
  #fingerprint(): string {
    return JSON.stringify({
      allocations: this.#amount.allocations(),
      method: this.method,
      card: this.method === 'card' ? (usesStripe(this.#data?.setup) ? this.#stripe.revision : this.#sandboxForms?.card.values) : undefined,
      bank: this.method === 'bank-account' ? this.#bankFingerprint() : undefined,
      linked: this.method === 'bank-link' ? this.linked?.token : undefined,
      save: this.save,
      mandate: this.#isBankDebit() ? [this.#mandate.text, this.#mandate.accepted] : undefined,
    });
  }

  /** Checks everything and shows each problem; true when the payment can be sent. */
  #validate(data: CheckoutData): boolean {
    let valid = this.#amount.validate();
    const method = this.method;
    if (!method) {
      this.alert = () => t('pay.method.none');
      return false;
    }
    if (method === 'card') {
      if (usesStripe(data.setup)) {
        // Stripe checks the card itself, when the payment method is made.
        if (this.#stripe.status !== 'ready') {
          this.alert = () => t(this.#stripe.status === 'failed' ? 'pay.stripe.error.load' : 'pay.stripe.not-ready');
          return false;
        }
      } else if (!data.sandbox || !this.#sandboxForms) {
        this.alert = () => t('pay.processor.card');
        return false;
      } else {
        valid = this.#sandboxForms.card.validate() && valid;
      }
    } else if (method === 'bank-account' && usesStripe(data.setup)) {
      // Checked by Stripe when the account was made into a payment method; the alert says what went wrong.
      const verified = this.bankAccount;
      if (verified?.status !== 'ready' || verified.fingerprint !== this.#bankFingerprint()) return false;
    } else if (method === 'bank-account') {
      if (!data.sandbox || !this.#sandboxForms) {
        this.alert = () => t('pay.processor.bank');
        return false;
      }
      valid = this.#sandboxForms.bank.validate() && valid;
    } else if (method === 'bank-link') {
      if (!this.linked) {
        this.bankLinkError = () => t('pay.link.error.not-connected');
        valid = false;
      }
    }
    if (valid && this.#isBankDebit()) valid = this.#mandate.validate();
    return valid;
  }

  async #focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"], form [data-invalid="true"]');
    const inStripe = this.#stripeToCorrect;
    this.#stripeToCorrect = false;
    if (!invalid && inStripe) this.#stripe.focus();
    else (invalid ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const data = this.#data;
    if (this.submitting || this.#attempt.paused || !data || !this.#api.value) return;
    this.alert = undefined;
    this.announcement = undefined;
    this.#stripeToCorrect = false;

    const fingerprint = this.#fingerprint();
    // The same request again after a lost answer is sent as it was, unchecked.
    if (!this.#attempt.resends(fingerprint)) {
      if (this.method === 'bank-account' && (usesStripe(data.setup) || this.#sandboxForms?.bank.complete)) await this.#verifyBankAccount();
      if (!this.#validate(data)) {
        this.alert ??= () => t('pay.error.fix-fields');
        await this.#focusFirstProblem();
        return;
      }
    }

    const request = new AbortController();
    const { signal } = request;
    this.#request = request;
    this.submitting = true;
    try {
      const sent = await this.#attempt.submit({
        fingerprint,
        allocations: this.#amount.allocations(),
        save: this.save,
        bankDebit: this.#isBankDebit(),
        paymentMethod: (signal) => this.#paymentMethod(data, signal),
        signal,
      });
      if (sent.kind !== 'created') {
        await this.#showSubmitOutcome(sent);
        return;
      }
      this.#spent(sent.request.paymentMethod);
      const authenticated = await this.#attempt.authenticate(sent.result, signal);
      if (authenticated.kind === 'cancelled' || signal.aborted) return;
      await this.#finish(outcomeOf(authenticated.payments), sent.request);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      this.alert = () => errorMessage(error);
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.submitting = false;
    }
  };

  /** Says what a press of "Pay" that made no payment came to. */
  async #showSubmitOutcome(outcome: Exclude<SubmitOutcome, { kind: 'created' }>): Promise<void> {
    switch (outcome.kind) {
      case 'quoted': {
        const { quote } = outcome;
        this.announcement = () =>
          t('pay.surcharge.confirm', { amount: formatMoney(quote.surcharge.amount, quote.currency), total: formatMoney(quote.total, quote.currency) });
        return;
      }
      case 'retry':
        this.alert = () => t(outcome.reason === 'in-progress' ? 'pay.error.in-progress' : 'pay.error.network-retry');
        return;
      case 'quote-changed':
        this.alert = () => t('pay.error.surcharge-changed');
        return;
      case 'paused':
        // Nothing to correct: the alert says how long to wait, and focus stays where it is.
        this.#pause(outcome.retryAfter);
        return;
      case 'refused':
        await this.#showProblem(outcome.error, outcome.request);
        return;
      default:
        // No method (the form says why already), or the press was abandoned.
        return;
    }
  }

  /** The method to pay with: a saved one, or a fresh processor token (card details go to the processor here). */
  async #paymentMethod(data: CheckoutData, signal: AbortSignal): Promise<PaymentMethodInput | undefined> {
    const method = this.method;
    if (method?.startsWith('saved:')) return { savedId: method.slice('saved:'.length) };
    if (method === 'bank-link') return this.linked ? { type: 'us_bank_account', token: this.linked.token } : undefined;
    if (method === 'bank-account') {
      await this.#verifyBankAccount();
      const account = this.bankAccount?.status === 'ready' ? this.bankAccount.account : undefined;
      if (!account) {
        await this.#focusFirstProblem();
        return undefined;
      }
      return { type: 'us_bank_account', token: account.token };
    }
    if (method === 'card' && usesStripe(data.setup)) {
      const result = await this.#stripe.createPaymentMethod();
      if (signal.aborted) throw signal.reason;
      if (result.paymentMethod) return { type: 'card', token: result.paymentMethod.id };
      this.#showStripeProblem(result.error);
      await this.#focusFirstProblem();
      return undefined;
    }
    const card = this.#sandboxForms?.card;
    if (method !== 'card' || !data.sandbox || !card) return undefined;
    try {
      const created = await data.sandbox.createCardMethod(card.details(), { signal });
      return { type: 'card', token: created.id };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) throw error;
      if (error instanceof ProcessorError) {
        if (card.showProcessorError(error.param, error.code, error.message)) {
          this.alert = () => t('pay.error.fix-fields');
          await this.#focusFirstProblem();
        } else {
          this.alert = () => error.message;
        }
      } else {
        this.alert = () => t('pay.error.processor-unreachable');
      }
      return undefined;
    }
  }

  /** A token the processor has charged cannot be charged again (unless the client saved it). */
  #spent(method: PaymentMethodInput): void {
    if ('savedId' in method) return;
    if (this.linked?.token === method.token) this.linked = undefined;
    if (this.bankAccount?.account?.token === method.token) this.bankAccount = undefined;
  }

  /**
   * Shows a 3-D Secure challenge: Stripe.js shows the card issuer's page in its own window; the
   * sandbox, its dialog, whose answer goes to the sandbox. The service then tells how it ended.
   */
  async #challenge({ payment, clientSecret }: PaymentChallenge, signal: AbortSignal): Promise<boolean> {
    const data = this.#data;
    if (usesStripe(data?.setup)) {
      await this.#stripe.handleNextAction(clientSecret);
      if (!signal.aborted) this.announcement = () => t('pay.3ds.checking');
      return true;
    }
    if (!data?.sandbox || !this.#sandboxForms) return false;
    const outcome = await this.#sandboxForms.threeDSecure.challenge({
      amount: formatMoney(payment.amount, payment.currency),
      method: paymentMethodLabel(payment.method),
    });
    if (signal.aborted) return true;
    this.announcement = () => t('pay.3ds.checking');
    await data.sandbox.authenticate(clientSecret, outcome, { signal });
    return true;
  }

  async #finish(outcome: PayOutcome, request: PaymentRequest): Promise<void> {
    this.outcome = outcome;
    this.announcement = () => `${resultHeading(outcome)}. ${resultSummary(outcome)}`;
    const first = outcome.settled[0] ?? outcome.payments[0];
    if (first) {
      const base = {
        paymentId: first.id,
        paymentIds: outcome.settled.map((payment) => payment.id),
        amount: outcome.amount,
        currency: outcome.currency,
        invoiceIds: request.allocations.map((allocation) => allocation.invoiceId),
        method: first.method,
      };
      // Settled and processing payments always have their number; only a failed one has none.
      const receipts = { receiptNumber: first.receiptNumber ?? '', receiptNumbers: outcome.settled.flatMap((payment) => payment.receiptNumber ?? []) };
      if (outcome.status === 'succeeded') this.dispatchEvent(new PortalPaymentSucceededEvent({ ...base, ...receipts, status: 'succeeded' }));
      else if (outcome.status === 'processing') this.dispatchEvent(new PortalPaymentProcessingEvent({ ...base, ...receipts, status: 'processing' }));
      else if (outcome.status === 'failed') {
        this.dispatchEvent(new PortalPaymentFailedEvent({ ...base, status: 'failed', failure: outcome.failure ?? { code: 'failed', message: '' } }));
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus();
  }

  async #tryAgain(): Promise<void> {
    this.outcome = undefined;
    this.announcement = undefined;
    // The card (or account) that failed is entered afresh, not sent again as it was.
    if (this.method === 'card') this.#sandboxForms?.card.clearCard();
    if (this.method === 'card' || this.method === 'bank-account') this.#stripe.clearEntry();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** Shows the service's refusal in plain words, next to the field it is about or at the top. */
  async #showProblem(error: unknown, request: PaymentRequest): Promise<void> {
    if (!(error instanceof ApiError)) {
      this.alert = () => errorMessage(error);
      return;
    }
    const currency = this.#amount.currency;
    switch (error.code) {
      case 'amount_exceeds_balance': {
        const index = /^allocations\.(\d+)$/.exec(String(error.extensions.field ?? ''))?.[1];
        const invoiceId = index === undefined ? undefined : request.allocations[Number(index)]?.invoiceId;
        const open = typeof error.extensions.openBalance === 'number' ? error.extensions.openBalance : undefined;
        if (invoiceId && open !== undefined) this.#amount.setOpenBalance(invoiceId, open);
        this.#amount.showError(
          () => (open === undefined ? t('pay.error.exceeds-balance-unknown') : t('pay.error.exceeds-balance', { maximum: formatMoney(open, currency) })),
          invoiceId,
        );
        this.alert = () => t('pay.error.fix-fields');
        break;
      }
      case 'amount_below_minimum': {
        const minimum = typeof error.extensions.minimum === 'number' ? error.extensions.minimum : this.#amount.minimum;
        this.#amount.showError(() => t('pay.amount.error.minimum', { minimum: formatMoney(minimum, currency) }));
        this.alert = () => t('pay.error.fix-fields');
        break;
      }
      case 'mandate_required':
        this.#mandate.showRequired();
        this.alert = () => t('pay.error.fix-fields');
        break;
      case 'payment_method_invalid':
        this.#spent(request.paymentMethod);
        this.alert = () => t('pay.error.method-invalid');
        break;
      case 'saved_method_not_found': {
        const savedId = 'savedId' in request.paymentMethod ? request.paymentMethod.savedId : '';
        this.#saved.list = this.#saved.list.filter((method) => method.id !== savedId);
        this.method = this.#choices()[0];
        this.alert = () => t('pay.error.saved-missing');
        break;
      }
      case 'method_not_allowed':
        this.alert = () => t('pay.error.method-not-allowed');
        break;
      case 'invoice_paid':
      case 'invoice_void':
      case 'invoice_not_found':
        this.alert = () => t('pay.error.invoice-unavailable');
        break;
      case 'currency_mismatch':
        this.alert = () => t('pay.error.currency-mismatch');
        break;
      default:
        this.alert = () => errorMessage(error);
        return;
    }
    await this.#focusFirstProblem();
  }

  /**
   * The service refuses payments for `retryAfter` seconds (too many declined attempts; the pay
   * button stays disabled until then): says so, in the firm's name. Without a wait, only says so.
   */
  #pause(retryAfter: number | undefined): void {
    const firm = () => this.#firmBranding?.name ?? t('pay.save.the-firm');
    if (retryAfter === undefined) {
      this.alert = () => t('pay.error.rate-limited-later', { firm: firm() });
      return;
    }
    // Said once, as the service answered: a live region whose words changed every minute would be read out again.
    const message: Message = () => t('pay.error.rate-limited', { time: formatDuration(retryAfter), firm: firm() });
    this.#pauseMessage = message;
    this.alert = message;
  }

  /** The wait is over: the pay button works again, and the live region says so. */
  #resume(): void {
    if (this.alert === this.#pauseMessage) this.alert = undefined;
    this.#pauseMessage = undefined;
    this.announcement = () => t('pay.rate-limited.over');
  }

  #close(outcome: PortalPayCloseDetail['outcome']): void {
    this.dispatchEvent(new PortalPayCloseEvent({ outcome }));
  }
}

/** Every unpaid invoice, oldest due first, page by page. */
async function unpaidInvoices(client: ApiClient, signal: AbortSignal): Promise<InvoiceSummary[]> {
  const invoices: InvoiceSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const result: { data: InvoiceSummary[]; nextCursor: string | null } = await client.invoices.list(
      { status: 'unpaid', sort: 'dueOn', limit: 100, cursor },
      { signal },
    );
    invoices.push(...result.data);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return invoices;
}

/** Payments go through Stripe's Payment Element. */
function usesStripe(setup: PaymentSetup | undefined): boolean {
  return setup?.processor === 'stripe' && Boolean(setup.publishableKey);
}

/**
 * Bank sign-in can be offered: the sandbox's, or Plaid's. With Stripe and no Plaid the service
 * refuses bank sign-in, so the choice is not shown.
 */
function bankLinkOffered(setup: PaymentSetup | undefined): boolean {
  return !setup || setup.processor === 'sandbox' || setup.bankLink === 'plaid';
}
