import { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import type { InvoiceDetail, Plan, PlanInstalment, PlanOptions, PlanPreview, SavedPaymentMethod } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, untilAborted } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { t } from './plan-messages.ts';
import { paymentMethodLabel } from '../payments/payment-labels.ts';
import { alertStyles, badgeStyles, buttonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalPlanCancelledEvent, PortalPlanCreatedEvent } from './events.ts';
import { invoicePlanStyles } from './invoice-plan.styles.ts';
import { instalmentDates, largestPlan, planStatusLabel, planStatusTone, instalmentStatusLabel, instalmentStatusTone } from './plan-schedule.ts';

interface LoadedPlans {
  plans: Plan[];
  options: PlanOptions;
}

type Step = 'closed' | 'choose' | 'review';

/**
 * An invoice's payment plan: the plan it is on (next charge, each instalment with its status,
 * cancel), or, when the firm offers plans and the invoice qualifies, "Pay over time", which opens
 * the plan form: how many instalments, their dates, the saved method to charge, then the
 * authorization to read and accept before confirming. Used by `<portal-invoice>`.
 *
 * @tag portal-invoice-plan
 *
 * @event portal-plan-created - The client put the invoice on a plan. `detail.planId`, `detail.invoiceId`.
 * @event portal-plan-cancelled - The client cancelled the plan. `detail.planId`, `detail.invoiceId`.
 *
 * @csspart base - The plan panel.
 * @csspart start-button - "Pay over time".
 * @csspart form - The plan form.
 * @csspart authorization - The authorization text.
 * @csspart confirm-button - "Confirm plan".
 * @csspart instalments - The table of instalments.
 * @csspart cancel-button - "Cancel plan".
 * @csspart error - The alert shown when something failed.
 * @csspart loading - The note shown while the plan loads.
 * @csspart next-charge - The plan's next charge.
 * @csspart cancel-confirm-button - "Yes, cancel plan".
 *
 * @cssprop --portal-invoice-plan-background - Panel background (default `--portal-color-surface`).
 * @cssprop --portal-invoice-plan-border-color - Panel border (default `--portal-color-divider`).
 * @cssprop --portal-invoice-plan-accent - The authorization's edge (default `--portal-color-brand`).
 */
export class PortalInvoicePlan extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, badgeStyles, invoicePlanStyles];

  /** The invoice the plan is for. */
  @property({ attribute: false }) invoice: InvoiceDetail | undefined;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @state() private step: Step = 'closed';
  @state() private count = 3;
  @state() private dates: string[] = [];
  @state() private methodId = '';
  @state() private methods: SavedPaymentMethod[] | undefined;
  @state() private preview: PlanPreview | undefined;
  @state() private accepted = false;
  @state() private busy = false;
  @state() private failure: (() => string) | undefined;
  @state() private confirmingCancel = false;

  readonly #api = new ApiClientController(this);
  readonly #announcer = new AnnouncerController(this);

  readonly #plans = new Task(this, {
    task: async ([client, invoiceId], { signal }): Promise<LoadedPlans | undefined> => {
      if (!invoiceId) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const [plans, options] = await Promise.all([client.plans.list({ invoiceId }, { signal }), client.plans.options({ signal })]);
      return { plans, options };
    },
    args: () => [this.#api.signedInClient, this.invoice?.id] as const,
  });

  /** Loads the plan again (after a payment, or when the clock moved). */
  refresh(): Promise<unknown> {
    return this.#plans.run();
  }

  protected override render(): TemplateResult | typeof nothing {
    return this.#plans.render({
      pending: () => html`<p class="muted" part="loading" role="status">${t('plan.loading')}</p>`,
      complete: (loaded) => (loaded && this.invoice ? this.#renderLoaded(this.invoice, loaded) : nothing),
      error: (error) => html`<div class="alert" part="error" role="alert"><p>${errorMessage(error)}</p></div>`,
    }) as TemplateResult | typeof nothing;
  }

  #renderLoaded(invoice: InvoiceDetail, { plans, options }: LoadedPlans): TemplateResult | typeof nothing {
    const active = plans.find((plan) => plan.status === 'active');
    const shown = active ?? plans[0];
    const largest = largestPlan(invoice.openBalance, options);
    const qualifies = !active && options.enabled && invoice.status !== 'void' && invoice.openBalance > 0 && largest >= 2;
    if (!shown && !qualifies) return nothing;
    return html`
      <section class="plan" part="base" aria-labelledby="plan-heading">
        <h3 id="plan-heading">${t('plan.heading')}</h3>
        ${shown ? this.#renderPlan(shown, invoice) : nothing}
        ${qualifies ? this.#renderStart(invoice, options, largest) : nothing}
        ${this.failure ? html`<div class="alert" part="error" role="alert"><p>${this.failure()}</p></div>` : nothing}
        <p class="visually-hidden" role="status">${this.#announcer.text}</p>
      </section>
    `;
  }

  #renderPlan(plan: Plan, invoice: InvoiceDetail): TemplateResult {
    const money = (amount: number) => formatMoney(amount, plan.currency);
    return html`
      <p>
        <span class="badge" data-tone=${planStatusTone(plan.status)}>${planStatusLabel(plan.status)}</span>
        ${t('plan.summary', { count: String(plan.instalments.length), method: paymentMethodLabel(plan.method) })}
      </p>
      ${
        plan.nextCharge
          ? html`<p class="next" part="next-charge">${t('plan.next-charge', { amount: money(plan.nextCharge.amount), date: formatDate(plan.nextCharge.on) })}</p>`
          : nothing
      }
      <table part="instalments" aria-label=${t('plan.instalments-caption', { number: invoice.number })}>
        <thead>
          <tr>
            <th scope="col">${t('plan.column.number')}</th>
            <th scope="col">${t('plan.column.date')}</th>
            <th scope="col">${t('plan.column.status')}</th>
            <th scope="col" class="amount">${t('plan.column.amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${plan.instalments.map((instalment) => this.#instalmentRow(instalment, money))}
        </tbody>
      </table>
      ${plan.status === 'active' ? this.#cancelControls(plan) : nothing}
    `;
  }

  #cancelControls(plan: Plan): TemplateResult {
    if (!this.confirmingCancel) {
      return html`<div class="row">
        <button class="button secondary" part="cancel-button" type="button" @click=${() => this.#askCancel()}>${t('plan.cancel')}</button>
      </div>`;
    }
    return html`<div class="row" role="group" aria-labelledby="plan-cancel-question">
      <p id="plan-cancel-question">${t('plan.cancel-confirm')}</p>
      <button class="button" part="cancel-confirm-button" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.#cancel(plan)}>
        ${t('plan.cancel-yes')}
      </button>
      <button class="button secondary" type="button" @click=${() => (this.confirmingCancel = false)}>${t('plan.cancel-no')}</button>
    </div>`;
  }

  async #askCancel(): Promise<void> {
    this.confirmingCancel = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="cancel-confirm-button"]')?.focus();
  }

  #instalmentRow(instalment: PlanInstalment, money: (amount: number) => string): TemplateResult {
    const retrying = instalment.status === 'scheduled' && instalment.attempts > 0;
    return html`<tr>
      <td>${instalment.seq}</td>
      <td>${formatDate(retrying ? instalment.attemptOn : instalment.dueOn)}</td>
      <td>
        <span class="badge" data-tone=${instalmentStatusTone(instalment.status, retrying)}>${instalmentStatusLabel(instalment.status, retrying)}</span>
      </td>
      <td class="amount">${money(instalment.amount)}</td>
    </tr>`;
  }

  #renderStart(invoice: InvoiceDetail, options: PlanOptions, largest: number): TemplateResult {
    if (this.step === 'closed') {
      return html`
        <p class="muted">${t('plan.offer', { max: String(largest) })}</p>
        <div class="row">
          <button class="button secondary" part="start-button" type="button" @click=${() => void this.#open(options, largest)}>${t('plan.start')}</button>
        </div>
      `;
    }
    if (this.step === 'review' && this.preview) return this.#renderReview(this.preview);
    return this.#renderForm(invoice, options, largest);
  }

  #renderForm(invoice: InvoiceDetail, options: PlanOptions, largest: number): TemplateResult {
    const counts = Array.from({ length: largest - 1 }, (_, index) => index + 2);
    const methods = this.methods ?? [];
    return html`
      <form part="form" @submit=${(event: Event) => this.#review(event, invoice)}>
        <div class="field">
          <label for="plan-count">${t('plan.count')}</label>
          <select id="plan-count" @change=${(event: Event) => this.#setCount(Number((event.target as HTMLSelectElement).value), options)}>
            ${counts.map((count) => html`<option value=${count} ?selected=${count === this.count}>${t('plan.count-option', { count: String(count) })}</option>`)}
          </select>
        </div>
        <fieldset>
          <legend>${t('plan.dates')}</legend>
          <p class="muted">${t('plan.dates-hint', { earliest: formatDate(options.earliest), latest: formatDate(options.latest) })}</p>
          ${this.dates.map(
            (date, index) => html`<div class="field">
              <label for="plan-date-${index}">${t('plan.date-label', { number: String(index + 1) })}</label>
              <input
                id="plan-date-${index}"
                type="date"
                required
                min=${options.earliest}
                max=${options.latest}
                .value=${date}
                @change=${(event: Event) => this.#setDate(index, (event.target as HTMLInputElement).value)}
              />
            </div>`,
          )}
        </fieldset>
        <div class="field">
          <label for="plan-method">${t('plan.method')}</label>
          ${
            methods.length
              ? html`<select id="plan-method" @change=${(event: Event) => (this.methodId = (event.target as HTMLSelectElement).value)}>
                  ${methods.map((method) => html`<option value=${method.id} ?selected=${method.id === this.methodId}>${paymentMethodLabel(method)}</option>`)}
                </select>`
              : html`<p class="muted" id="plan-method">${this.methods ? t('plan.no-methods') : t('common.loading')}</p>`
          }
        </div>
        <div class="row">
          <button class="button" type="submit" aria-disabled=${this.busy || !methods.length ? 'true' : 'false'}>${t('plan.review')}</button>
          <button class="button secondary" type="button" @click=${this.#close}>${t('plan.close')}</button>
        </div>
      </form>
    `;
  }

  #renderReview(preview: PlanPreview): TemplateResult {
    const money = (amount: number) => formatMoney(amount, preview.currency);
    return html`
      <h4>${t('plan.review-heading')}</h4>
      <table aria-label=${t('plan.schedule-caption')}>
        <thead>
          <tr>
            <th scope="col">${t('plan.column.number')}</th>
            <th scope="col">${t('plan.column.date')}</th>
            <th scope="col" class="amount">${t('plan.column.amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${preview.instalments.map(
            (instalment, index) => html`<tr>
              <td>${index + 1}</td>
              <td>${formatDate(instalment.dueOn)}</td>
              <td class="amount">${money(instalment.amount)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="authorization" part="authorization" id="plan-authorization" lang="en">${preview.authorization.text}</p>
      <label class="accept">
        <input type="checkbox" .checked=${this.accepted} aria-describedby="plan-authorization" @change=${(event: Event) => (this.accepted = (event.target as HTMLInputElement).checked)} />
        <span>${t('plan.accept')}</span>
      </label>
      <div class="row">
        <button class="button" part="confirm-button" type="button" aria-disabled=${this.busy || !this.accepted ? 'true' : 'false'} @click=${() => void this.#confirm(preview)}>
          ${t('plan.confirm')}
        </button>
        <button class="button secondary" type="button" @click=${() => (this.step = 'choose')}>${t('plan.back')}</button>
      </div>
    `;
  }

  async #open(options: PlanOptions, largest: number): Promise<void> {
    this.failure = undefined;
    this.step = 'choose';
    this.accepted = false;
    this.#setCount(Math.min(3, largest), options);
    const client = this.#api.value;
    if (!client) return;
    try {
      this.methods = await client.paymentMethods.list();
      this.methodId = this.methods.find((method) => method.isDefault)?.id ?? this.methods[0]?.id ?? '';
    } catch (error) {
      this.methods = [];
      this.failure = () => errorMessage(error);
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#plan-count')?.focus();
  }

  #close = (): void => {
    this.step = 'closed';
    this.preview = undefined;
    this.failure = undefined;
  };

  #setCount(count: number, options: PlanOptions): void {
    this.count = count;
    this.dates = instalmentDates(options.earliest, options.latest, count);
  }

  #setDate(index: number, value: string): void {
    this.dates = this.dates.map((date, position) => (position === index ? value : date));
  }

  async #review(event: Event, invoice: InvoiceDetail): Promise<void> {
    event.preventDefault();
    const client = this.#api.value;
    if (!client || this.busy || !this.methodId) return;
    this.busy = true;
    this.failure = undefined;
    try {
      this.preview = await client.plans.preview({ invoiceId: invoice.id, dates: this.dates, paymentMethod: { savedId: this.methodId } });
      this.accepted = false;
      this.step = 'review';
    } catch (error) {
      this.failure = () => errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  async #confirm(preview: PlanPreview): Promise<void> {
    const client = this.#api.value;
    const invoice = this.invoice;
    if (!client || !invoice || this.busy || !this.accepted) return;
    this.busy = true;
    this.failure = undefined;
    try {
      const plan = await client.plans.create({
        invoiceId: invoice.id,
        dates: preview.instalments.map((instalment) => instalment.dueOn),
        paymentMethod: { savedId: this.methodId },
        authorization: { accepted: true, version: preview.authorization.version },
      });
      this.step = 'closed';
      this.preview = undefined;
      await this.#plans.run();
      void this.#announcer.announce(() => t('plan.created', { date: plan.nextCharge ? formatDate(plan.nextCharge.on) : '' }));
      this.dispatchEvent(new PortalPlanCreatedEvent({ planId: plan.id, invoiceId: invoice.id }));
    } catch (error) {
      this.failure = () => errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  async #cancel(plan: Plan): Promise<void> {
    const client = this.#api.value;
    if (!client || this.busy) return;
    this.busy = true;
    this.failure = undefined;
    try {
      await client.plans.cancel(plan.id);
      this.confirmingCancel = false;
      await this.#plans.run();
      void this.#announcer.announce(() => t('plan.cancelled'));
      this.dispatchEvent(new PortalPlanCancelledEvent({ planId: plan.id, invoiceId: plan.invoiceId }));
    } catch (error) {
      this.failure = () => errorMessage(error);
    } finally {
      this.busy = false;
    }
  }
}
