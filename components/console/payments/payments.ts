import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { saveFile } from '../../base/save-file.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { formatDate, formatDateTime, formatMoney, localToday } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FirmPayment, FirmPaymentFilter, FirmPaymentSummary, FirmRefund, PaymentMethodType, PaymentStatus, PaymentTotal } from '../api/payments-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ClientDirectory } from '../controllers/client-directory.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { LoadMoreController } from '../controllers/load-more-controller.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import { PortalConsolePaymentRefundedEvent, PortalConsolePaymentsExportedEvent } from './events.ts';
import { moneyInputValue, parseMoneyInput } from './money-input.ts';
import { paymentsScreenStyles } from './payments.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** The refund form's fields a problem can name. */
type RefundField = 'amount' | 'reason';

/** The date filters a problem can name. */
type DateField = 'from' | 'to';

type MethodSummary = FirmPaymentSummary['method'];

const statuses: readonly PaymentStatus[] = ['succeeded', 'processing', 'requires_action', 'failed', 'refunded', 'disputed'];
const methods: readonly PaymentMethodType[] = ['card', 'us_bank_account', 'check', 'wire', 'cash', 'other'];

const statusTones: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'neutral'> = {
  succeeded: 'success',
  processing: 'warning',
  requires_action: 'warning',
  failed: 'danger',
  disputed: 'danger',
  refunded: 'neutral',
  pending: 'warning',
};

const LARGEST_PAGE = 200;
// The service exports at most a year at a time.
const EXPORT_DAYS = 365;

/**
 * The firm's Payments screen: every payment of the firm's clients, newest first, filtered by
 * status, method, client, deposit account (trust or operating) and the days they were made, with
 * the totals of what the filters select and an export of it as CSV.
 *
 * With `item-id`, one payment: its amount, method, receipt number, client, status history and
 * refunds, and the invoices it paid (each opens on the Invoices screen). An admin or owner can
 * refund all or part of it: the form proposes what is left to refund, and a confirmation states
 * the amount and where it goes before anything is sent. Results are announced in a live region;
 * the service's problems show next to the field they name.
 *
 * @tag portal-console-payments
 *
 * @attr item-id - The payment shown; empty for the list.
 * @prop itemId - The payment shown; empty for the list.
 *
 * @event portal-console-payment-refunded - The firm refunded a payment. `detail.paymentId`, `detail.refund`.
 * @event portal-console-payments-exported - The firm saved the CSV export. `detail.fileName`, `detail.from`, `detail.to`.
 * @event portal-console-open - Asks the console to open a payment (`screen: 'payments'`), an invoice (`'invoices'`) or a client (`'clients'`).
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading and the export button.
 * @csspart export-button - Saves the filtered payments as CSV.
 * @csspart filters - The filters.
 * @csspart totals - What the filtered payments add up to.
 * @csspart list - The list of payments.
 * @csspart payment - One payment in the list.
 * @csspart open-button - Opens a payment.
 * @csspart status - A status badge.
 * @csspart load-more-button - Loads more payments.
 * @csspart detail - One payment's page.
 * @csspart back-button - Goes back to the list.
 * @csspart surcharge - A card surcharge on a payment's page: its own operating line beside the invoices it paid.
 * @csspart timeline - A payment's status history and refunds.
 * @csspart allocations - The invoices a payment paid.
 * @csspart invoice-link - Opens an invoice.
 * @csspart client-link - Opens a client's page.
 * @csspart refunds - The refunds made of a payment.
 * @csspart refund-button - Opens the refund form.
 * @csspart refund-form - The refund form.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when no payment matches.
 * @csspart error - The panel shown when payments cannot be loaded.
 * @csspart retry-button - Tries again.
 * @csspart confirm-dialog - The confirmation before a refund.
 * @csspart announcer - The live region announcing results.
 *
 * @cssprop --portal-console-payments-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-console-payments-border-color - Borders of the list, panels and form (default `--portal-color-divider`).
 * @cssprop --portal-console-payments-row-background - A payment's background (default `--portal-color-surface`).
 * @cssprop --portal-console-payments-amount-color - Amounts (default `--portal-color-text`).
 * @cssprop --portal-console-payments-refund-color - Refunded amounts (default `--portal-color-danger`).
 * @cssprop --portal-console-payments-timeline-color - The timeline's line and dots (default `--portal-color-brand`).
 *
 * @cssstate loading - The payments (or the payment) are loading.
 * @cssstate empty - No payment matches the filters.
 * @cssstate error - The payments (or the payment) could not be loaded.
 * @cssstate detail - One payment is shown.
 * @cssstate refunding - A refund is being sent.
 */
export class PortalConsolePayments extends ConsoleScreen {
  static override styles = [ConsoleScreen.styles, confirmStyles, paymentsScreenStyles];

  /** Payments per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private status: PaymentStatus | '' = '';
  @state() private methodType: PaymentMethodType | '' = '';
  @state() private contactId = '';
  @state() private depositAccount: 'operating' | 'trust' | '' = '';
  @state() private from = '';
  @state() private to = '';
  @state() private dateErrors: Partial<Record<DateField, Words>> = {};
  @state() private payments: FirmPaymentSummary[] = [];
  @state() private exporting = false;
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  // The refund form
  @state() private refundOpen = false;
  @state() private refundAmount = '';
  @state() private refundReason = '';
  @state() private refunding = false;
  @state() private refundErrors: Partial<Record<RefundField, Words>> = {};
  @state() private refundAlert: Words | undefined;

  readonly #directory = new ClientDirectory(this, () => this.client);
  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  readonly #more = new LoadMoreController(this, {
    fetch: (cursor, signal) => this.client && this.#loadMore(this.client, cursor, signal),
    failed: (error) => {
      this.alert = () => t('payments.error.more', { reason: errorMessage(error) });
    },
  });
  #request: AbortController | undefined;
  /** The key of a refund whose answer was lost, reused when the same refund is asked again. */
  #pendingRefund: { key: string; paymentId: string; amount: number; reason: string } | undefined;

  readonly #list = new Task(this, {
    task: async ([client, filter, pageSize], { signal }) => {
      this.#more.reset();
      if (!client) return untilAborted(signal);
      const page = await client.payments.list({ ...filter, limit: pageLimit(pageSize) }, { signal });
      this.payments = page.data;
      this.#more.cursor = page.nextCursor;
      return page;
    },
    args: () => [this.client, this.#filter, this.pageSize] as const,
    argsEqual: ([a, fa, pa], [b, fb, pb]) => a === b && pa === pb && sameFilter(fa, fb),
  });

  // One aggregate query beside the first page; a failure only hides the totals.
  readonly #totals = new Task(this, {
    task: async ([client, filter], { signal }): Promise<PaymentTotal[]> => {
      if (!client) return untilAborted(signal);
      return (await client.payments.totals(filter, { signal })).data;
    },
    args: () => [this.client, this.#filter] as const,
    argsEqual: ([a, fa], [b, fb]) => a === b && sameFilter(fa, fb),
  });

  readonly #detail = new Task(this, {
    task: async ([client, id], { signal }): Promise<FirmPayment | undefined> => {
      if (!id) return undefined;
      if (!client) return untilAborted(signal);
      return client.payments.get(id, { signal });
    },
    args: () => [this.client, this.itemId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the payments (or the payment shown), their totals and the clients again. */
  refresh(): Promise<unknown> {
    void this.#directory.refresh();
    void this.#totals.run();
    return Promise.all([this.#list.run(), this.itemId ? this.#detail.run() : undefined]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another payment's refund form starts closed.
    if (changed.has('itemId') && changed.get('itemId') !== undefined) this.#closeRefund();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const task = this.itemId ? this.#detail : this.#list;
    const status = task.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING || status === TaskStatus.INITIAL);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', !this.itemId && status === TaskStatus.COMPLETE && this.payments.length === 0);
    toggleState(this.#internals, 'detail', this.itemId !== '');
    toggleState(this.#internals, 'refunding', this.refunding);
  }

  get #filter(): FirmPaymentFilter {
    return {
      status: this.status || undefined,
      methodType: this.methodType || undefined,
      contactId: this.contactId || undefined,
      depositAccount: this.depositAccount || undefined,
      createdFrom: this.from || undefined,
      createdTo: this.to || undefined,
    };
  }

  get #canRefund(): boolean {
    return can(this.staff, 'write-money');
  }

  protected override render(): TemplateResult {
    return html`
      <section class="screen" part="base" aria-labelledby="heading">
        ${this.itemId ? this.#renderDetail() : this.#renderListView()}
        <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
        ${this.#confirm.renderDialog()}
      </section>
    `;
  }

  // The list

  #renderListView(): TemplateResult {
    return html`
      <div class="header" part="header">
        <h2 id="heading">${t('payments.heading')}</h2>
        <button
          class="button secondary"
          part="export-button"
          type="button"
          aria-disabled=${this.exporting ? 'true' : 'false'}
          aria-describedby="export-hint"
          @click=${this.#export}
        >
          ${this.exporting ? t('payments.export.working') : t('payments.export')}
        </button>
      </div>
      <p class="hint" id="export-hint">${this.#exportHint()}</p>
      ${this.#renderFilters()}
      <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      ${this.#renderTotals()}
      ${this.#list.render({
        initial: () => this.#renderSkeleton(),
        pending: () => (this.payments.length ? this.#renderList() : this.#renderSkeleton()),
        complete: () => (this.payments.length ? this.#renderList() : this.#renderEmpty()),
        error: (error) => this.#renderFailure(error, () => void this.#list.run()),
      })}
    `;
  }

  #renderFilters(): TemplateResult {
    const clients = this.#directory.clients;
    const today = localToday();
    const select = (id: string, label: string, value: string, options: readonly { value: string; label: string }[], set: (value: string) => void) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(event: Event) => set((event.target as HTMLSelectElement).value)}>
          ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
        </select>
      </div>
    `;
    const dateField = (field: DateField, label: string, value: string, min: string | undefined, max: string | undefined) => {
      const error = this.dateErrors[field];
      return html`
        <div class="field">
          <label for="filter-${field}">${label}</label>
          <input
            id="filter-${field}"
            type="date"
            .value=${value}
            min=${ifDefined(min)}
            max=${ifDefined(max)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `filter-${field}-error` : nothing}
            @change=${(event: Event) => this.#setDate(field, (event.target as HTMLInputElement).value)}
          />
          ${error ? html`<p class="field-error" id="filter-${field}-error">${error()}</p>` : nothing}
        </div>
      `;
    };
    return html`
      <div class="filters" part="filters" role="group" aria-label=${t('payments.filters')}>
        ${select(
          'filter-status',
          t('payments.filter.status'),
          this.status,
          [{ value: '', label: t('payments.filter.any-status') }, ...statuses.map((status) => ({ value: status, label: statusLabel(status) }))],
          (value) => (this.status = value as PaymentStatus | ''),
        )}
        ${select(
          'filter-method',
          t('payments.filter.method'),
          this.methodType,
          [{ value: '', label: t('payments.filter.any-method') }, ...methods.map((type) => ({ value: type, label: methodTypeLabel(type) }))],
          (value) => (this.methodType = value as PaymentMethodType | ''),
        )}
        ${select(
          'filter-client',
          t('payments.filter.client'),
          this.contactId,
          [
            { value: '', label: t('payments.filter.all-clients') },
            ...clients.map((client) => ({ value: client.id, label: client.name })),
            ...(this.contactId && !clients.some((client) => client.id === this.contactId)
              ? [{ value: this.contactId, label: t('payments.filter.this-client') }]
              : []),
          ],
          (value) => (this.contactId = value),
        )}
        ${select(
          'filter-account',
          t('payments.filter.account'),
          this.depositAccount,
          [
            { value: '', label: t('payments.filter.any-account') },
            { value: 'operating', label: t('payments.account.operating') },
            { value: 'trust', label: t('payments.account.trust') },
          ],
          (value) => (this.depositAccount = value as 'operating' | 'trust' | ''),
        )}
        ${dateField('from', t('payments.filter.from'), this.from, undefined, this.to || today)}
        ${dateField('to', t('payments.filter.to'), this.to, this.from || undefined, undefined)}
      </div>
      ${
        this.#filtered
          ? html`<p class="clear"><button class="link-button" type="button" @click=${this.#clearFilters}>${t('payments.filter.clear')}</button></p>`
          : nothing
      }
    `;
  }

  get #filtered(): boolean {
    return Boolean(this.status || this.methodType || this.contactId || this.depositAccount || this.from || this.to);
  }

  #renderTotals(): TemplateResult | typeof nothing {
    const totals = this.#totals.value;
    if (this.#totals.status !== TaskStatus.COMPLETE || !totals?.length) return nothing;
    return html`
      <dl class="totals" part="totals" aria-label=${t('payments.totals')}>
        ${totals.map(
          (total) => html`
            <div class="total">
              <dt>${t('payments.totals.collected')}</dt>
              <dd>${formatMoney(total.collected, total.currency)}</dd>
            </div>
            <div class="total">
              <dt>${t('payments.totals.refunded')}</dt>
              <dd>${formatMoney(total.refunded, total.currency)}</dd>
            </div>
            <div class="total">
              <dt>${t('payments.totals.processing')}</dt>
              <dd>${formatMoney(total.processing, total.currency)}</dd>
            </div>
            <div class="total">
              <dt>${t('payments.totals.count')}</dt>
              <dd>${total.count}</dd>
            </div>
          `,
        )}
      </dl>
    `;
  }

  #renderList(): TemplateResult {
    const busy = this.#list.status === TaskStatus.PENDING;
    return html`
      <ul class="list" part="list" aria-label=${t('payments.list')} aria-busy=${busy ? 'true' : 'false'}>
        ${this.payments.map((payment) => this.#renderRow(payment))}
      </ul>
      ${
        this.#more.cursor
          ? html`<div class="more">${this.#more.renderButton({ more: t('payments.load-more'), loading: t('payments.loading-more') })}</div>`
          : nothing
      }
    `;
  }

  #renderRow(payment: FirmPaymentSummary): TemplateResult {
    const accounts = [...new Set(payment.allocations.map((allocation) => allocation.depositAccount))];
    return html`
      <li class="payment" part="payment" data-payment-id=${payment.id}>
        <span class="payment-amount">${formatMoney(payment.amount, payment.currency)}</span>
        <span class="payment-open">
          <button
            class="link-button"
            part="open-button"
            type="button"
            aria-label=${t('payments.open', { receipt: payment.receiptNumber, amount: formatMoney(payment.amount, payment.currency) })}
            @click=${() => this.#open(payment.id)}
          >
            ${payment.receiptNumber}
          </button>
        </span>
        <span class="payment-client"><span class="visually-hidden">${t('payments.column.client')}: </span>${this.#clientName(payment.contactId)}</span>
        <span class="payment-method"><span class="visually-hidden">${t('payments.column.method')}: </span>${methodLabel(payment.method)}</span>
        <span class="payment-date"><span class="visually-hidden">${t('payments.column.date')}: </span>${formatDateTime(payment.createdAt)}</span>
        <span class="payment-account">
          <span class="visually-hidden">${t('payments.column.account')}: </span>${accounts.map((account) => accountLabel(account)).join(', ')}
        </span>
        <span class="payment-status">${this.#renderStatus(payment)}</span>
      </li>
    `;
  }

  #renderStatus(payment: Pick<FirmPaymentSummary, 'status' | 'amountRefunded'>): TemplateResult {
    const partly = payment.status === 'succeeded' && payment.amountRefunded > 0;
    return html`<span class="badge" part="status" data-tone=${partly ? 'info' : (statusTones[payment.status] ?? 'neutral')}>
      ${partly ? t('payments.status.partially-refunded') : statusLabel(payment.status)}
    </span>`;
  }

  #clientName(contactId: string): string {
    return this.#directory.nameOf(contactId) ?? t('payments.unknown-client');
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('payments.loading')}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    return html`<div class="state" part="empty"><p>${this.#filtered ? t('payments.empty-filtered') : t('payments.empty')}</p></div>`;
  }

  #renderFailure(error: unknown, retry: () => void): TemplateResult {
    return html`
      <div class="state error-state" part="error">
        <div class="alert" role="alert"><p>${t('payments.error.load', { reason: errorMessage(error) })}</p></div>
        <button class="button secondary" part="retry-button" type="button" @click=${retry}>${t('console.retry')}</button>
      </div>
    `;
  }

  #setDate(field: DateField, value: string): void {
    this.dateErrors = {};
    if (field === 'from') this.from = value;
    else this.to = value;
    if (this.from && this.to && this.from > this.to) this.dateErrors = { [field]: () => t('payments.filter.range-invalid') };
  }

  #clearFilters(): void {
    this.status = '';
    this.methodType = '';
    this.contactId = '';
    this.depositAccount = '';
    this.from = '';
    this.to = '';
    this.dateErrors = {};
    this.#announce(() => t('payments.announce.cleared'));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#filter-status')?.focus());
  }

  /**
   * The export's days: the date filters; without a start, the year up to the end (the most the
   * service sends at once); without an end, up to today. A longer range is the service's to refuse.
   */
  #exportRange(): { from: string; to: string } {
    const to = this.to || localToday();
    return { from: this.from || addDays(to, -EXPORT_DAYS), to };
  }

  #exportHint(): string {
    const { from, to } = this.#exportRange();
    return t('payments.export.hint', { from: formatDate(from), to: formatDate(to) });
  }

  async #export(): Promise<void> {
    const client = this.client;
    if (!client || this.exporting) return;
    if (this.dateErrors.from || this.dateErrors.to) {
      this.renderRoot.querySelector<HTMLElement>(this.dateErrors.from ? '#filter-from' : '#filter-to')?.focus();
      return;
    }
    const { from, to } = this.#exportRange();
    const request = new AbortController();
    this.#request = request;
    this.exporting = true;
    this.alert = undefined;
    try {
      const { createdFrom: _from, createdTo: _to, ...filter } = this.#filter;
      const file = await client.payments.exportCsv({ ...filter, from, to }, { signal: request.signal });
      const fileName = file.fileName ?? `payments-${from}-to-${to}.csv`;
      saveFile(file.blob, fileName);
      this.#announce(() => t('payments.announce.exported', { name: fileName }));
      this.dispatchEvent(new PortalConsolePaymentsExportedEvent({ fileName, from, to }));
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      if (error instanceof ApiError && error.errors.some((e) => e.field === 'from' || e.field === 'to')) {
        const errors: Partial<Record<DateField, Words>> = {};
        for (const { field, message } of error.errors) if (field === 'from' || field === 'to') errors[field] = () => message;
        this.dateErrors = errors;
      } else {
        this.alert = () => t('payments.error.export', { reason: errorMessage(error) });
      }
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.exporting = false;
    }
  }

  async #loadMore(client: ConsoleClient, cursor: string, signal: AbortSignal): Promise<void> {
    const firstNew = this.payments.length;
    const page = await client.payments.list({ ...this.#filter, limit: pageLimit(this.pageSize), cursor }, { signal });
    const known = new Set(this.payments.map((payment) => payment.id));
    this.payments = [...this.payments, ...page.data.filter((payment) => !known.has(payment.id))];
    this.#more.cursor = page.nextCursor;
    await this.updateComplete;
    const next = this.payments[firstNew];
    if (next) this.#focusRow(next.id);
  }

  #focusRow(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-payment-id="${CSS.escape(id)}"] [part~="open-button"]`)?.focus();
  }

  async #open(id: string): Promise<void> {
    this.itemId = id;
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'payments', itemId: id }));
    // Focus goes to the payment's heading once it is there (or to the problem's heading).
    await this.updateComplete;
    await this.#detail.taskComplete.catch(() => undefined);
    await this.updateComplete;
    if (this.itemId === id) this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  async #back(): Promise<void> {
    const from = this.itemId;
    this.itemId = '';
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'payments', itemId: '' }));
    await this.updateComplete;
    if (this.payments.some((payment) => payment.id === from)) this.#focusRow(from);
    else this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  // One payment

  #renderDetail(): TemplateResult {
    return html`
      <p class="back">
        <button class="link-button" part="back-button" type="button" @click=${this.#back}>${t('payments.back')}</button>
      </p>
      ${this.#detail.render({
        initial: () => this.#renderSkeleton(),
        pending: () => (this.#detail.value?.id === this.itemId ? this.#renderPayment(this.#detail.value) : this.#renderSkeleton()),
        complete: (payment) => (payment ? this.#renderPayment(payment) : this.#renderSkeleton()),
        error: (error) =>
          error instanceof ApiError && error.status === 404
            ? html`<h2 id="heading" tabindex="-1">${t('payments.heading')}</h2>
                <div class="state" part="empty"><p>${t('payments.not-found')}</p></div>`
            : html`<h2 id="heading" tabindex="-1">${t('payments.heading')}</h2>
                ${this.#renderFailure(error, () => void this.#detail.run())}`,
      })}
    `;
  }

  #renderPayment(payment: FirmPayment): TemplateResult {
    const money = (amount: number) => formatMoney(amount, payment.currency);
    return html`
      <article class="detail" part="detail" aria-labelledby="heading">
        <div class="detail-header">
          <h2 id="heading" tabindex="-1">${t('payments.detail.heading', { receipt: payment.receiptNumber })}</h2>
          ${this.#renderStatus(payment)}
        </div>
        <p class="detail-amount">${money(payment.amount)}</p>
        <dl class="facts">
          <div>
            <dt>${t('payments.detail.client')}</dt>
            <dd>
              <button class="link-button" part="client-link" type="button" @click=${() => this.#openElsewhere('clients', payment.contact.id)}>
                ${payment.contact.name}
              </button>
              <span class="muted">${payment.contact.email}</span>
            </dd>
          </div>
          <div>
            <dt>${t('payments.detail.method')}</dt>
            <dd>${methodLabel(payment.method)}</dd>
          </div>
          <div>
            <dt>${t('payments.detail.receipt')}</dt>
            <dd>${payment.receiptNumber}</dd>
          </div>
          <div>
            <dt>${t('payments.detail.date')}</dt>
            <dd>${formatDateTime(payment.createdAt)}</dd>
          </div>
          ${
            payment.reference
              ? html`<div>
                <dt>${t('payments.detail.reference')}</dt>
                <dd>${payment.reference}</dd>
              </div>`
              : nothing
          }
          ${
            payment.fee !== null
              ? html`<div>
                <dt>${t('payments.detail.fee')}</dt>
                <dd>${money(payment.fee)}</dd>
              </div>`
              : nothing
          }
          ${
            payment.processorRef
              ? html`<div>
                <dt>${t('payments.detail.processor-ref')}</dt>
                <dd class="code">${payment.processorRef}</dd>
              </div>`
              : nothing
          }
        </dl>
        ${payment.failure ? html`<div class="alert"><p>${t('payments.detail.failure', { reason: payment.failure.message })}</p></div>` : nothing}
        ${this.#renderRefundArea(payment)}
        <h3 id="allocations-heading">${t('payments.detail.allocations')}</h3>
        <ul class="allocations" part="allocations" aria-labelledby="allocations-heading">
          ${payment.allocations.map(
            (allocation) => html`
              <li>
                <button class="link-button" part="invoice-link" type="button" @click=${() => this.#openElsewhere('invoices', allocation.invoiceId)}>
                  ${t('payments.detail.invoice', { number: allocation.invoiceNumber })}
                </button>
                <span class="muted">${accountLabel(allocation.depositAccount)}</span>
                <span class="amount">${money(allocation.amount)}</span>
              </li>
            `,
          )}
          ${
            payment.surcharge
              ? html`<li part="surcharge">
                  <span>${t('payments.detail.surcharge', { percent: new Intl.NumberFormat(this.language, { maximumFractionDigits: 2 }).format(payment.surchargePercent ?? 0) })}</span>
                  <span class="muted">${accountLabel('operating')}</span>
                  <span class="amount">${money(payment.surcharge)}</span>
                </li>`
              : nothing
          }
        </ul>
        <h3 id="timeline-heading">${t('payments.detail.timeline')}</h3>
        <ol class="timeline" part="timeline" aria-labelledby="timeline-heading">
          ${timelineOf(payment).map(
            (entry) => html`<li data-tone=${entry.tone}>
              <span class="timeline-what">${entry.what()}</span>
              <time datetime=${entry.at}>${formatDateTime(entry.at)}</time>
            </li>`,
          )}
        </ol>
        ${this.#renderRefunds(payment)}
      </article>
    `;
  }

  #renderRefunds(payment: FirmPayment): TemplateResult {
    const money = (amount: number) => formatMoney(amount, payment.currency);
    return html`
      <h3 id="refunds-heading">${t('payments.refunds.heading')}</h3>
      ${
        payment.refunds.length === 0
          ? html`<p class="muted">${t('payments.refunds.none')}</p>`
          : html`<ul class="refunds" part="refunds" aria-labelledby="refunds-heading">
            ${payment.refunds.map(
              (refund) => html`
                <li data-refund-id=${refund.id}>
                  <span class="refund-amount">${money(refund.amount)}</span>
                  <span class="badge" data-tone=${statusTones[refund.status] ?? 'neutral'}>${refundStatusLabel(refund.status)}</span>
                  <span class="muted">${formatDateTime(refund.createdAt)}</span>
                  ${refund.reason ? html`<span class="refund-reason">${t('payments.refunds.reason', { reason: refund.reason })}</span>` : nothing}
                  ${refund.failure ? html`<span class="field-error">${refund.failure.message}</span>` : nothing}
                </li>
              `,
            )}
          </ul>`
      }
    `;
  }

  #renderRefundArea(payment: FirmPayment): TemplateResult | typeof nothing {
    if (!this.#canRefund) return nothing;
    const left = refundable(payment);
    if (payment.source === 'firm') return html`<p class="muted refund-note">${t('payments.refund.recorded')}</p>`;
    if (payment.status === 'disputed') return html`<p class="muted refund-note">${t('payments.refund.disputed')}</p>`;
    if ((payment.status !== 'succeeded' && payment.status !== 'processing') || left <= 0) return nothing;
    if (!this.refundOpen) {
      return html`<p class="refund-open">
        <button class="button" part="refund-button" type="button" @click=${() => this.#openRefund(payment)}>${t('payments.refund.open')}</button>
      </p>`;
    }
    const error = (field: RefundField) => this.refundErrors[field];
    return html`
      <form class="refund" part="refund-form" aria-labelledby="refund-heading" novalidate @submit=${(event: SubmitEvent) => this.#submitRefund(event, payment)}>
        <h3 id="refund-heading">${t('payments.refund.heading')}</h3>
        <div class="alert" role="alert">${this.refundAlert ? html`<p>${this.refundAlert()}</p>` : nothing}</div>
        <div class="field">
          <label for="refund-amount">${t('payments.refund.amount', { currency: payment.currency })}</label>
          <p class="hint" id="refund-amount-hint">${t('payments.refund.amount-hint', { amount: formatMoney(left, payment.currency) })}</p>
          <input
            id="refund-amount"
            name="amount"
            inputmode="decimal"
            autocomplete="off"
            required
            .value=${this.refundAmount}
            ?disabled=${this.refunding}
            aria-invalid=${error('amount') ? 'true' : 'false'}
            aria-describedby=${error('amount') ? 'refund-amount-hint refund-amount-error' : 'refund-amount-hint'}
            @input=${(event: Event) => {
              this.refundAmount = (event.target as HTMLInputElement).value;
              this.#clearRefundError('amount');
            }}
          />
          ${error('amount') ? html`<p class="field-error" id="refund-amount-error">${error('amount')!()}</p>` : nothing}
        </div>
        <div class="field">
          <label for="refund-reason">${t('payments.refund.reason')}</label>
          <p class="hint" id="refund-reason-hint">${t('payments.refund.reason-hint')}</p>
          <textarea
            id="refund-reason"
            name="reason"
            rows="2"
            maxlength="500"
            .value=${this.refundReason}
            ?disabled=${this.refunding}
            aria-invalid=${error('reason') ? 'true' : 'false'}
            aria-describedby=${error('reason') ? 'refund-reason-hint refund-reason-error' : 'refund-reason-hint'}
            @input=${(event: Event) => {
              this.refundReason = (event.target as HTMLTextAreaElement).value;
              this.#clearRefundError('reason');
            }}
          ></textarea>
          ${error('reason') ? html`<p class="field-error" id="refund-reason-error">${error('reason')!()}</p>` : nothing}
        </div>
        <div class="form-actions">
          <button class="button danger" type="submit" aria-disabled=${this.refunding ? 'true' : 'false'}>
            ${this.refunding ? t('payments.refund.working') : t('payments.refund.submit')}
          </button>
          <button class="button secondary" type="button" ?disabled=${this.refunding} @click=${() => void this.#cancelRefund()}>${t('payments.refund.cancel')}</button>
        </div>
      </form>
    `;
  }

  async #openRefund(payment: FirmPayment): Promise<void> {
    this.refundOpen = true;
    this.refundAmount = moneyInputValue(refundable(payment), payment.currency);
    this.refundReason = '';
    this.refundErrors = {};
    this.refundAlert = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#refund-amount')?.focus();
  }

  async #cancelRefund(): Promise<void> {
    this.#closeRefund();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="refund-button"]')?.focus();
  }

  #closeRefund(): void {
    this.refundOpen = false;
    this.refundErrors = {};
    this.refundAlert = undefined;
  }

  #clearRefundError(field: RefundField): void {
    if (!this.refundErrors[field] && !this.refundAlert) return;
    const { [field]: _cleared, ...rest } = this.refundErrors;
    this.refundErrors = rest;
    this.refundAlert = undefined;
  }

  async #submitRefund(event: SubmitEvent, payment: FirmPayment): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.refunding) return;
    const left = refundable(payment);
    const amount = parseMoneyInput(this.refundAmount, payment.currency);
    const reason = this.refundReason.trim();
    let problem: Words | undefined;
    if (!this.refundAmount.trim()) problem = () => t('payments.refund.amount-required');
    else if (amount === undefined) problem = () => t('payments.refund.amount-invalid');
    else if (amount <= 0) problem = () => t('payments.refund.amount-positive');
    else if (amount > left) problem = () => t('payments.refund.amount-too-much', { amount: formatMoney(left, payment.currency) });
    this.refundAlert = undefined;
    if (problem || amount === undefined) {
      this.refundErrors = { amount: problem };
      await this.#focusRefundError();
      return;
    }
    this.refundErrors = {};
    const sum = formatMoney(amount, payment.currency);
    const confirmed = await this.#confirm.ask({
      title: t('payments.refund.confirm-title', { amount: sum }),
      body: t('payments.refund.confirm-body', { amount: sum, method: methodLabel(payment.method), client: payment.contact.name }),
      confirm: t('payments.refund.confirm', { amount: sum }),
      cancel: t('payments.refund.confirm-cancel'),
    });
    if (!confirmed) {
      this.renderRoot.querySelector<HTMLElement>('#refund-amount')?.focus();
      return;
    }
    const pending = this.#pendingRefund;
    const key = pending && pending.paymentId === payment.id && pending.amount === amount && pending.reason === reason ? pending.key : crypto.randomUUID();
    this.#pendingRefund = { key, paymentId: payment.id, amount, reason };
    const request = new AbortController();
    this.#request = request;
    this.refunding = true;
    try {
      const result = await client.payments.refund(payment.id, { amount, reason: reason || null }, { idempotencyKey: key, signal: request.signal });
      this.#pendingRefund = undefined;
      this.#closeRefund();
      const refund = result.refund;
      this.#announce(() =>
        refund.status === 'succeeded'
          ? t('payments.announce.refunded', { amount: formatMoney(refund.amount, refund.currency), method: methodLabel(payment.method) })
          : t('payments.announce.refund-pending', { amount: formatMoney(refund.amount, refund.currency) }),
      );
      this.dispatchEvent(new PortalConsolePaymentRefundedEvent({ paymentId: payment.id, refund }));
      this.payments = this.payments.map((known) => (known.id === payment.id ? result.payment : known));
      void this.#totals.run();
      await this.#detail.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
    } catch (error) {
      if (request.signal.aborted) return;
      // Only a lost answer keeps the key: the service stores its refusals against it.
      if (error instanceof ApiError && error.code !== 'network_error' && error.status < 500) this.#pendingRefund = undefined;
      this.#showRefundProblem(error);
      await this.#focusRefundError();
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.refunding = false;
    }
  }

  /** Puts the service's problem next to the field it names, else in the form's alert. */
  #showRefundProblem(error: unknown): void {
    const errors: Partial<Record<RefundField, Words>> = {};
    if (error instanceof ApiError) {
      for (const { field, message } of error.errors) {
        if (field === 'amount' || field === 'reason') errors[field] = () => message;
      }
      const field = error.extensions.field;
      if ((field === 'amount' || field === 'reason') && !errors[field]) errors[field] = () => error.detail;
    }
    this.refundErrors = errors;
    if (Object.keys(errors).length === 0) this.refundAlert = () => t('payments.refund.failed', { reason: errorMessage(error) });
  }

  async #focusRefundError(): Promise<void> {
    await this.updateComplete;
    const target = this.refundErrors.amount ? '#refund-amount' : this.refundErrors.reason ? '#refund-reason' : '#refund-amount';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  #openElsewhere(screen: 'invoices' | 'clients', itemId: string): void {
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen, itemId }));
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  #announce(words: Words): void {
    this.announcement = undefined;
    void this.updateComplete.then(() => {
      this.announcement = words;
    });
  }
}

/** What is left to refund: the amount less refunds made or on their way. */
function refundable(payment: FirmPayment): number {
  const held = payment.refunds.filter((refund) => refund.status !== 'failed').reduce((sum, refund) => sum + refund.amount, 0);
  return Math.max(0, payment.amount - held);
}

interface TimelineEntry {
  at: string;
  what: Words;
  tone: string;
}

/** The payment's statuses and its refunds, in the order they happened. */
function timelineOf(payment: FirmPayment): TimelineEntry[] {
  const money = (amount: number) => formatMoney(amount, payment.currency);
  const entries: TimelineEntry[] = payment.history.map((entry) => ({
    at: entry.at,
    what: () => statusLabel(entry.status),
    tone: statusTones[entry.status] ?? 'neutral',
  }));
  for (const refund of payment.refunds) {
    entries.push({ at: refund.createdAt, what: () => t('payments.timeline.refund-asked', { amount: money(refund.amount) }), tone: 'neutral' });
    if (refund.status !== 'pending') {
      entries.push({
        at: refund.updatedAt,
        what: () =>
          refund.status === 'succeeded'
            ? t('payments.timeline.refund-made', { amount: money(refund.amount) })
            : t('payments.timeline.refund-failed', { amount: money(refund.amount) }),
        tone: refund.status === 'succeeded' ? 'neutral' : 'danger',
      });
    }
  }
  // A stable sort keeps a refund's request before its outcome when both share an instant.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

const statusWords: Record<PaymentStatus, Words> = {
  succeeded: () => t('payments.status.succeeded'),
  processing: () => t('payments.status.processing'),
  requires_action: () => t('payments.status.requires_action'),
  failed: () => t('payments.status.failed'),
  refunded: () => t('payments.status.refunded'),
  disputed: () => t('payments.status.disputed'),
};

/** A status in words; one this version does not know shows as the service names it. */
function statusLabel(status: string): string {
  return Object.hasOwn(statusWords, status) ? statusWords[status as PaymentStatus]() : status;
}

function refundStatusLabel(status: FirmRefund['status']): string {
  return status === 'succeeded'
    ? t('payments.refund-status.succeeded')
    : status === 'pending'
      ? t('payments.refund-status.pending')
      : t('payments.refund-status.failed');
}

const methodWords: Record<PaymentMethodType, Words> = {
  card: () => t('payments.method.card'),
  us_bank_account: () => t('payments.method.bank'),
  check: () => t('payments.method.check'),
  wire: () => t('payments.method.wire'),
  cash: () => t('payments.method.cash'),
  other: () => t('payments.method.other'),
};

function methodTypeLabel(type: string): string {
  return Object.hasOwn(methodWords, type) ? methodWords[type as PaymentMethodType]() : type;
}

const brandNames: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** How a payment was made: "Visa ending in 4242", "Chase Bank ending in 6789", "Check". */
function methodLabel(method: MethodSummary): string {
  if (method.type === 'card' && method.last4) {
    return t('payments.method.card-ending', {
      brand: method.brand ? (brandNames[method.brand.toLowerCase()] ?? method.brand) : t('payments.method.card'),
      last4: method.last4,
    });
  }
  if (method.type === 'us_bank_account' && method.last4) {
    return t('payments.method.bank-ending', { bank: method.brand ?? t('payments.method.bank'), last4: method.last4 });
  }
  return methodTypeLabel(method.type);
}

function accountLabel(account: string): string {
  return account === 'trust' ? t('payments.account.trust') : account === 'operating' ? t('payments.account.operating') : account;
}

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}

function sameFilter(a: FirmPaymentFilter, b: FirmPaymentFilter): boolean {
  return (
    a.status === b.status &&
    a.methodType === b.methodType &&
    a.contactId === b.contactId &&
    a.depositAccount === b.depositAccount &&
    a.createdFrom === b.createdFrom &&
    a.createdTo === b.createdTo
  );
}

/** A calendar day moved by whole days (`YYYY-MM-DD`, no time zone involved). */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
