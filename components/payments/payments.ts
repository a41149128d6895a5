import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { Page, Payment } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { safeFileName } from '../base/save-file.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { CursorPagesController } from '../controllers/cursor-pages-controller.ts';
import { DownloadsController } from '../controllers/downloads-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { t } from './payments-messages.ts';
import { alertStyles, badgeStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { paymentMethodLabel, paymentStatusLabel, paymentStatusTone, refundSummary } from './payment-labels.ts';
import { paymentsStyles } from './payments.styles.ts';

/** What the first load found: the firm hides payment history, or a first page. */
type FirstPage = { hidden: true } | { hidden: false };

/**
 * The client's payment history, newest first: date, amount, method (card brand and last four
 * digits, bank account, check…), the invoices it paid, its status and receipt number. A payment
 * the firm refunded says how much came back: "Refunded" (all of it) or "Partially refunded",
 * with "Refunded $X", and a refund still on its way. More payments load with a "Load more" button.
 *
 * A firm can keep payment history out of the portal: then (when the firm's branding says so, or
 * the service answers `payments_hidden`) the element says where to ask instead of showing an error.
 *
 * Each payment that was received (completed, refunded or disputed) has a "Receipt (PDF)" button
 * that saves the service's receipt (`Receipt-<number>.pdf`, in the element's language); a live
 * region says it was saved, an alert why it was not.
 *
 * Inside `<portal-session>` it uses the session's API client and branding; alone, give it `api`
 * and `firm`.
 *
 * @tag portal-payments
 *
 * @csspart base - The table of payments.
 * @csspart heading - The heading.
 * @csspart header-row - The table's column headings (visible on wide containers).
 * @csspart plan-instalment - The note on a payment that was a payment plan's instalment ("Plan instalment 1 of 3").
 * @csspart autopay-charge - The note on a payment that autopay made ("Autopay").
 * @csspart row - One payment.
 * @csspart status - A payment's status badge.
 * @csspart refund - What refunds gave back of a payment (and what is on its way).
 * @csspart receipt-button - A received payment's "Receipt (PDF)" button.
 * @csspart receipt-error - The alert shown when a receipt could not be downloaded.
 * @csspart announcer - The live region that says a receipt was downloaded.
 * @csspart load-more-button - The button that loads more payments.
 * @csspart hidden - The message shown when the firm does not show payment history.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when there are no payments.
 * @csspart error - The panel shown when payments cannot be loaded.
 * @csspart retry-button - The button that tries again.
 *
 * @cssprop --portal-payments-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-payments-background - Table background (default `--portal-color-surface`).
 * @cssprop --portal-payments-border-color - Table border (default `--portal-color-divider`).
 * @cssprop --portal-payments-header-background - Column headings' background (default `--portal-color-surface-alt`).
 * @cssprop --portal-payments-row-background - Row background (default transparent).
 * @cssprop --portal-payments-row-border-color - Line between rows (default `--portal-color-divider`).
 *
 * @cssstate loading - The first page is loading.
 * @cssstate empty - There are no payments.
 * @cssstate hidden-by-firm - The firm does not show payment history.
 * @cssstate error - The payments could not be loaded.
 */
export class PortalPayments extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, badgeStyles, paymentsStyles];

  /** Payments per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  readonly #downloads = new DownloadsController(this);
  readonly #announcer = new AnnouncerController(this);
  /** Why a receipt could not be downloaded, in the current language; cleared by the next try. */
  @state() private receiptError: (() => string) | undefined;
  /** Payments that were a plan's instalment: which one of how many. */
  @state() private instalments = new Map<string, { seq: number; count: number }>();
  /** Payments that autopay made. */
  @state() private autopaid = new Set<string>();

  /** The payments loaded so far, newest first. */
  readonly #pages = new CursorPagesController<Payment, Page<Payment>>(this, {
    fetch: (cursor, signal) => this.#api.value?.payments.list({ limit: pageLimit(this.pageSize), cursor }, { signal }),
    added: async (page, { firstNew, pressed }) => {
      // Whoever pressed "Load more" continues reading at the first payment it brought.
      if (!pressed || !page.data.length) return;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[part~="row"][data-index="${firstNew}"]`)?.focus();
    },
  });

  readonly #firstPage = new Task(this, {
    task: async ([client, , pageSize, shown], { signal }): Promise<FirstPage> => {
      this.#pages.clear();
      if (!shown) return { hidden: true };
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      try {
        const [page, plans, autopay] = await Promise.all([
          client.payments.list({ limit: pageLimit(pageSize) }, { signal }),
          // These only mark rows: the history reads the same without them.
          this.sessionBranding?.plans?.enabled ? client.plans.list({}, { signal }).catch(() => []) : [],
          this.sessionBranding?.autopay?.enabled ? client.autopay.list({}, { signal }).catch(() => []) : [],
        ]);
        this.autopaid = new Set(autopay.flatMap((enrolment) => enrolment.charges.flatMap((charge) => (charge.paymentId ? [charge.paymentId] : []))));
        this.instalments = new Map(
          plans.flatMap((plan) =>
            plan.instalments.filter((i) => i.paymentId).map((i) => [i.paymentId!, { seq: i.seq, count: plan.instalments.length }] as const),
          ),
        );
        this.#pages.show(page);
        return { hidden: false };
      } catch (error) {
        if (error instanceof ApiError && error.code === 'payments_hidden') return { hidden: true };
        throw error;
      }
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.pageSize, this.sessionBranding?.sections?.payments !== false] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the history again from the newest payment (e.g. after a payment). */
  refresh(): Promise<unknown> {
    return this.#firstPage.run();
  }

  /** The payments loaded so far, newest first. */
  protected get payments(): readonly Payment[] {
    return this.#pages.items;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#firstPage.status;
    const complete = status === TaskStatus.COMPLETE;
    const hidden = complete && this.#firstPage.value?.hidden === true;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'hidden-by-firm', hidden);
    toggleState(this.#internals, 'empty', complete && !hidden && this.payments.length === 0);
  }

  protected override render(): TemplateResult {
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('payments.heading')}</h2>
      ${this.#firstPage.render({
        initial: () => this.#renderSkeleton(),
        pending: () => this.#renderSkeleton(),
        complete: (first) => (first.hidden ? this.#renderHidden() : this.payments.length ? this.#renderTable() : this.#renderEmpty()),
        error: (error) => this.#renderFailure(error),
      })}
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('payments.loading')}</span>
        ${[0, 1, 2].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderHidden(): TemplateResult {
    return html`
      <div class="state hidden-note" part="hidden" role="status">
        <p>${t('payments.hidden', { firm: this.sessionBranding?.name ?? t('payments.hidden-firm') })}</p>
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    return html`
      <div class="state" part="empty" role="status">
        <h3>${t('payments.empty')}</h3>
        <p>${t('payments.empty-detail')}</p>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="state" part="error">
        <h3>${t('payments.error-heading')}</h3>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderTable(): TemplateResult {
    // Explicit roles keep the table's meaning when narrow containers lay rows out as cards.
    return html`
      <p class="visually-hidden" part="announcer" role="status">${this.#announcer.text}</p>
      ${this.receiptError ? html`<div class="alert" part="receipt-error" role="alert"><p>${this.receiptError()}</p></div>` : nothing}
      <table class="table" part="base" role="table" aria-labelledby="heading" aria-busy=${this.#pages.loading ? 'true' : 'false'}>
        <thead class="head" role="rowgroup">
          <tr class="row" part="header-row" role="row">
            <th class="date" role="columnheader" scope="col">${t('payments.column.date')}</th>
            <th class="amount" role="columnheader" scope="col">${t('payments.column.amount')}</th>
            <th class="method" role="columnheader" scope="col">${t('payments.column.method')}</th>
            <th class="invoices" role="columnheader" scope="col">${t('payments.column.invoices')}</th>
            <th class="status" role="columnheader" scope="col">${t('payments.column.status')}</th>
            <th class="receipt" role="columnheader" scope="col">${t('payments.column.receipt')}</th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${this.payments.map((payment, index) => this.#renderRow(payment, index))}
        </tbody>
      </table>
      ${this.#pages.renderMore({ more: t('payments.load-more'), loading: t('payments.loading-more'), failed: t('payments.more-error') })}
    `;
  }

  #scheduleNote(paymentId: string): TemplateResult | typeof nothing {
    if (this.autopaid.has(paymentId)) return html`<span class="detail" part="autopay-charge">${t('payments.autopay-charge')}</span>`;
    const instalment = this.instalments.get(paymentId);
    if (!instalment) return nothing;
    return html`<span class="detail" part="plan-instalment">${t('plan.payment-badge', { number: String(instalment.seq), count: String(instalment.count) })}</span>`;
  }

  #renderRow(payment: Payment, index: number): TemplateResult {
    const method = paymentMethodLabel(payment.method);
    const numbers = payment.allocations.map((allocation) => allocation.invoiceNumber).join(', ');
    const refunds = refundSummary(payment);
    return html`
      <tr class="row" part="row" role="row" data-index=${index} tabindex="-1">
        <td class="date" role="cell">${formatDate(payment.createdAt)}</td>
        <td class="amount" role="cell">${formatMoney(payment.amount, payment.currency)}</td>
        <td class="method" role="cell">
          ${method} ${payment.reference && payment.reference !== method ? html`<span class="detail">${payment.reference}</span>` : nothing}
          ${this.#scheduleNote(payment.id)}
        </td>
        <td class="invoices" role="cell"><span class="cell-label" aria-hidden="true">${t('payments.column.invoices')}</span>${numbers}</td>
        <td class="status" role="cell">
          <span class="badge" part="status" data-tone=${refunds.tone ?? paymentStatusTone(payment.status)}>${refunds.label ?? paymentStatusLabel(payment.status)}</span>
          ${refunds.details.length ? html`<span class="detail" part="refund">${refunds.details.join(' · ')}</span>` : nothing}
          ${
            payment.status === 'failed' && payment.failure?.message
              ? html`<span class="detail">${t('payments.failure', { message: payment.failure.message })}</span>`
              : nothing
          }
        </td>
        <td class="receipt" role="cell">
          <span class="cell-label" aria-hidden="true">${t('payments.column.receipt')}</span><span id="receipt-${index}">${payment.receiptNumber ?? t('payments.no-receipt')}</span>
          ${this.#receiptButton(payment, `receipt-${index}`)}
        </td>
      </tr>
    `;
  }

  #receiptButton(payment: Payment, numberId: string): TemplateResult | typeof nothing {
    const number = payment.receiptNumber;
    if (!receivedStatuses.has(payment.status) || !number) return nothing;
    const busy = this.#downloads.has(payment.id);
    // Described by the receipt number, so that one row's button is told from another's.
    return html`<button
      class="link-button receipt-button"
      part="receipt-button"
      type="button"
      aria-describedby=${numberId}
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => void this.#downloadReceipt(payment, number)}
    >
      ${busy ? t('payments.receipt-downloading') : t('payments.receipt-pdf')}
    </button>`;
  }

  async #downloadReceipt(payment: Payment, number: string): Promise<void> {
    const client = this.#api.value;
    if (!client) return;
    await this.#downloads.save(
      payment.id,
      `Receipt-${safeFileName(number, 'receipt')}.pdf`,
      () => client.payments.receipt(payment.id, { language: this.language }),
      {
        started: () => (this.receiptError = undefined),
        saved: () => void this.#announcer.announce(() => t('payments.receipt-downloaded', { number })),
        failed: (error) =>
          (this.receiptError = () =>
            t('payments.receipt-error', {
              number,
              reason: error instanceof ApiError && error.code === 'receipt_not_available' ? t('payments.receipt-not-available') : errorMessage(error),
            })),
      },
    );
  }
}

/** Payments that were received, and so have a receipt: a failed or unfinished attempt has none. */
const receivedStatuses: ReadonlySet<string> = new Set(['succeeded', 'refunded', 'disputed']);

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(200, Math.max(1, Math.round(pageSize))) : 25;
}
