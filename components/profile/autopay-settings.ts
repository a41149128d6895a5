import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { AutopayChargeUnderWay, AutopayEnrolment, AutopayMatters, AutopayPreview, SavedPaymentMethod } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController, type Words } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { savedMethodLabel } from '../pay/saved-methods.ts';
import { paymentMethodLabel } from '../payments/payment-labels.ts';
import { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalAutopayChangeEvent } from './autopay-events.ts';
import { t } from './autopay-messages.ts';
import { autopaySettingsStyles } from './autopay-settings.styles.ts';

interface AutopayData {
  matters: AutopayMatters;
  enrolments: AutopayEnrolment[];
  methods: SavedPaymentMethod[];
}

/** The form open for one matter: the chosen method, its authorization (once previewed) and the client's acceptance. */
interface Enrolling {
  matter: string;
  methodId: string;
  preview: AutopayPreview | undefined;
  accepted: boolean;
}

/**
 * The client's autopay, for their profile: each matter they have invoices for, with autopay on
 * (the method, the next charge) or off. Turning it on opens a form: a saved method, the
 * authorization the client accepts word for word (for a bank account the recurring debit
 * authorization banks require), and a confirmation. From then on each invoice the firm publishes
 * for the matter is charged on its due date. Turning it off revokes the authorization; it does not
 * stop a charge already under way, and the element says so beside the matter.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-autopay-settings
 *
 * @event portal-autopay-change - The client turned autopay on or off. `detail.change` (`enrolled`, `cancelled`), `detail.matter`, `detail.enrolmentId`.
 *
 * @csspart heading - The heading.
 * @csspart matter - One matter's row.
 * @csspart next-charge - The next charge under a matter's autopay.
 * @csspart under-way - After autopay was turned off: a charge already under way, which turning it off did not stop.
 * @csspart turn-on-button - "Turn on autopay".
 * @csspart turn-off-button - "Turn off autopay".
 * @csspart form - The form that turns autopay on.
 * @csspart authorization - The authorization text.
 * @csspart confirm-button - The button that turns autopay on.
 * @csspart alert - The live region for errors.
 * @csspart notice - The live region for what was done.
 * @csspart error - The panel shown when autopay cannot be loaded.
 *
 * @cssprop --portal-autopay-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-autopay-divider-color - Line between matters (default `--portal-color-divider`).
 *
 * @cssstate loading - Autopay is loading.
 * @cssstate pending - A change is under way.
 * @cssstate error - Autopay could not be loaded.
 */
export class PortalAutopaySettings extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, autopaySettingsStyles];

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @state() private enrolling: Enrolling | undefined;
  @state() private pending = false;
  @state() private alert: Words | undefined;
  /** What was still under way when autopay was turned off, by matter (until it is turned on again). */
  @state() private underWay: ReadonlyMap<string, readonly AutopayChargeUnderWay[]> = new Map();

  readonly #api = new ApiClientController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  #request: AbortController | undefined;

  readonly #data = new Task(this, {
    task: async ([client], { signal }): Promise<AutopayData> => {
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const matters = await client.autopay.matters({ signal });
      if (!matters.enabled) return { matters, enrolments: [], methods: [] };
      const [enrolments, methods] = await Promise.all([client.autopay.list({ status: 'active' }, { signal }), client.paymentMethods.list({ signal })]);
      return { matters, enrolments, methods };
    },
    args: () => [this.#api.signedInClient, this.#api.contactId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the matters and enrolments again. */
  refresh(): Promise<unknown> {
    return this.#data.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    toggleState(this.#internals, 'loading', this.#data.status === TaskStatus.PENDING && !this.#data.value);
    toggleState(this.#internals, 'error', this.#data.status === TaskStatus.ERROR);
    toggleState(this.#internals, 'pending', this.pending);
  }

  protected override render(): TemplateResult {
    return html`
      <h3 id="autopay-heading" part="heading" tabindex="-1">${t('autopay.heading')}</h3>
      <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      <div class="visually-hidden" part="notice" role="status">${this.#announcer.text}</div>
      ${this.#data.render({
        initial: () => this.#skeleton(),
        pending: () => (this.#data.value ? this.#renderData(this.#data.value) : this.#skeleton()),
        complete: (data) => this.#renderData(data),
        error: (error) => html`
          <div class="error" part="error">
            <p>${error instanceof NotConfiguredError ? t('error.not-configured') : errorMessage(error)}</p>
            <button class="button secondary" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>
          </div>
        `,
      })}
    `;
  }

  #skeleton(): TemplateResult {
    return html`<div class="skeleton"><span class="visually-hidden" role="status">${t('common.loading')}</span><span class="skeleton-block" aria-hidden="true"></span></div>`;
  }

  #renderData(data: AutopayData): TemplateResult {
    if (!data.matters.enabled) return html`<p class="muted">${t('autopay.off-for-firm')}</p>`;
    if (!data.matters.data.length) return html`<p class="muted">${t('autopay.intro')}</p><p class="muted" data-empty>${t('autopay.no-matters')}</p>`;
    return html`
      <p class="muted">${t('autopay.intro')}</p>
      <ul aria-label=${t('autopay.matters')}>
        ${data.matters.data.map(({ matter, enrolmentId }) => {
          const enrolment = enrolmentId ? data.enrolments.find((candidate) => candidate.id === enrolmentId) : undefined;
          return this.#renderMatter(matter, enrolment, data.methods);
        })}
      </ul>
    `;
  }

  #renderMatter(matter: string, enrolment: AutopayEnrolment | undefined, methods: SavedPaymentMethod[]): TemplateResult {
    const busy = this.pending ? 'true' : 'false';
    const open = this.enrolling?.matter === matter;
    const next = enrolment?.nextCharge;
    return html`
      <li class="matter" part="matter" data-matter=${matter}>
        <div class="matter-text">
          <p><span class="matter-name">${matter}</span></p>
          <p>${enrolment ? t('autopay.status-on', { method: methodText(enrolment.method) }) : t('autopay.status-off')}</p>
          ${enrolment ? nothing : (this.underWay.get(matter) ?? []).map((charge) => html`<p class="under-way" part="under-way">${underWayText(charge)}</p>`)}
          ${
            enrolment && next
              ? html`<p class="muted" part="next-charge">
                  ${t('autopay.next-charge', { amount: formatMoney(next.amount, enrolment.currency), date: formatDate(next.on), number: next.invoiceNumber })}
                </p>`
              : nothing
          }
        </div>
        ${
          enrolment
            ? html`<button
                class="button secondary"
                part="turn-off-button"
                type="button"
                aria-disabled=${busy}
                aria-label=${t('autopay.turn-off-label', { matter })}
                @click=${() => void this.#cancel(enrolment)}
              >
                ${t('autopay.turn-off')}
              </button>`
            : open
              ? nothing
              : html`<button
                  class="button secondary"
                  part="turn-on-button"
                  type="button"
                  aria-disabled=${busy}
                  aria-label=${t('autopay.turn-on-label', { matter })}
                  @click=${() => void this.#open(matter, methods)}
                >
                  ${t('autopay.turn-on')}
                </button>`
        }
        ${open ? this.#renderForm(this.enrolling!, methods) : nothing}
      </li>
    `;
  }

  #renderForm(enrolling: Enrolling, methods: SavedPaymentMethod[]): TemplateResult {
    const busy = this.pending ? 'true' : 'false';
    if (!methods.length) {
      return html`<div part="form" class="form">
        <p class="muted">${t('autopay.no-methods')}</p>
        <button class="button secondary" type="button" @click=${this.#close}>${t('autopay.cancel')}</button>
      </div>`;
    }
    return html`
      <form part="form" novalidate aria-labelledby="autopay-form-heading" @submit=${this.#confirm}>
        <h4 id="autopay-form-heading">${t('autopay.form-heading', { matter: enrolling.matter })}</h4>
        <div class="field">
          <label for="autopay-method">${t('autopay.method')}</label>
          <select id="autopay-method" @change=${(event: Event) => void this.#chooseMethod((event.target as HTMLSelectElement).value)}>
            ${methods.map((method) => html`<option value=${method.id} ?selected=${method.id === enrolling.methodId}>${savedMethodLabel(method)}</option>`)}
          </select>
        </div>
        <p class="field-label" id="autopay-authorization-label"><strong>${t('autopay.authorization')}</strong></p>
        <div class="authorization" part="authorization" id="autopay-authorization" tabindex="0" role="region" aria-labelledby="autopay-authorization-label">
          ${enrolling.preview ? enrolling.preview.authorization.text : html`<span class="muted">${t('autopay.authorization-loading')}</span>`}
        </div>
        <label class="check">
          <input
            id="autopay-accept"
            type="checkbox"
            aria-describedby="autopay-authorization"
            .checked=${live(enrolling.accepted)}
            ?disabled=${!enrolling.preview}
            @change=${(event: Event) => (this.enrolling = { ...enrolling, accepted: (event.target as HTMLInputElement).checked })}
          />
          <span>${t('autopay.accept')}</span>
        </label>
        <div class="actions">
          <button class="button" part="confirm-button" type="submit" aria-disabled=${busy}>${this.pending ? t('autopay.pending') : t('autopay.confirm')}</button>
          <button class="button secondary" type="button" @click=${this.#close}>${t('autopay.cancel')}</button>
        </div>
      </form>
    `;
  }

  async #open(matter: string, methods: SavedPaymentMethod[]): Promise<void> {
    if (this.pending) return;
    const method = methods.find((candidate) => candidate.isDefault) ?? methods[0];
    this.alert = undefined;
    this.enrolling = { matter, methodId: method?.id ?? '', preview: undefined, accepted: false };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(method ? '#autopay-method' : '.form button')?.focus();
    if (method) await this.#loadPreview();
  }

  async #chooseMethod(methodId: string): Promise<void> {
    if (!this.enrolling) return;
    this.enrolling = { ...this.enrolling, methodId, preview: undefined, accepted: false };
    await this.#loadPreview();
  }

  async #loadPreview(): Promise<void> {
    const enrolling = this.enrolling;
    if (!enrolling) return;
    await this.#run(async (client, signal) => {
      const preview = await client.autopay.preview({ matter: enrolling.matter, paymentMethod: { savedId: enrolling.methodId } }, { signal });
      if (this.enrolling?.matter === enrolling.matter && this.enrolling.methodId === enrolling.methodId) this.enrolling = { ...this.enrolling, preview };
    }, false);
  }

  #close = (): void => {
    const matter = this.enrolling?.matter;
    this.enrolling = undefined;
    this.alert = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-matter="${CSS.escape(matter ?? '')}"] [part~="turn-on-button"]`)?.focus(),
    );
  };

  #confirm = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const enrolling = this.enrolling;
    if (!enrolling?.preview) return;
    if (!enrolling.accepted) {
      this.alert = () => t('autopay.error.accept');
      this.renderRoot.querySelector<HTMLInputElement>('#autopay-accept')?.focus();
      return;
    }
    await this.#run(async (client, signal) => {
      const enrolment = await client.autopay.enrol(
        {
          matter: enrolling.matter,
          paymentMethod: { savedId: enrolling.methodId },
          authorization: { accepted: true, version: enrolling.preview!.authorization.version },
        },
        { signal },
      );
      this.enrolling = undefined;
      this.#setUnderWay(enrolment.matter, []);
      await this.#data.run();
      void this.#announcer.announce(() => t('autopay.turned-on', { matter: enrolment.matter }));
      this.dispatchEvent(new PortalAutopayChangeEvent({ change: 'enrolled', matter: enrolment.matter, enrolmentId: enrolment.id }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-matter="${CSS.escape(enrolment.matter)}"] [part~="turn-off-button"]`)?.focus();
    });
  };

  async #cancel(enrolment: AutopayEnrolment): Promise<void> {
    await this.#run(async (client, signal) => {
      const ended = await client.autopay.cancel(enrolment.id, { signal });
      const underWay = ended.chargesUnderWay;
      this.#setUnderWay(enrolment.matter, underWay);
      await this.#data.run();
      // Said with the outcome, so that a screen reader hears that money still moves.
      void this.#announcer.announce(() => [t('autopay.turned-off', { matter: enrolment.matter }), ...underWay.map(underWayText)].join(' '));
      this.dispatchEvent(new PortalAutopayChangeEvent({ change: 'cancelled', matter: enrolment.matter, enrolmentId: enrolment.id }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-matter="${CSS.escape(enrolment.matter)}"] [part~="turn-on-button"]`)?.focus();
    });
  }

  #setUnderWay(matter: string, charges: readonly AutopayChargeUnderWay[]): void {
    const underWay = new Map(this.underWay);
    if (charges.length) underWay.set(matter, charges);
    else underWay.delete(matter);
    this.underWay = underWay;
  }

  /** Runs one request with its abort and its errors shown; `blocking` requests hold the buttons while they run. */
  async #run(work: (client: ApiClient, signal: AbortSignal) => Promise<void>, blocking = true): Promise<void> {
    const client = this.#api.signedInClient;
    if (!client || (blocking && this.pending)) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    if (blocking) this.pending = true;
    this.alert = undefined;
    try {
      await work(client, request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.alert = () => message(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }
}

function methodText(method: AutopayEnrolment['method']): string {
  return paymentMethodLabel(method);
}

function underWayText(charge: AutopayChargeUnderWay): string {
  return t('autopay.under-way', { amount: formatMoney(charge.amount, charge.currency), number: charge.invoiceNumber });
}

function message(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'autopay_exists') return t('autopay.error.exists');
    if (error.code === 'autopay_disabled') return t('autopay.error.disabled');
    if (error.code === 'authorization_outdated') return t('autopay.error.outdated');
  }
  return errorMessage(error);
}
