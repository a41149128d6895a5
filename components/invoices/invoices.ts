import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { InvoiceSort, InvoiceStatusFilter, InvoiceSummary, OutstandingInvoices } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatMoney, formatNumber } from '../i18n/format.ts';
import { t } from './invoices-messages.ts';
import { PortalPayRequestEvent } from '../invoice/events.ts';
import { invoiceStatusLabel, invoiceStatusTone } from '../invoice/invoice-labels.ts';
import type { PortalInvoice } from '../invoice/invoice.ts';
import { alertStyles, badgeStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalInvoiceSelectEvent } from './events.ts';
import { invoicesStyles } from './invoices.styles.ts';

/** The filters offered, in order. Any other value of `status` still works; it just has no option. */
export const invoiceFilters: readonly InvoiceStatusFilter[] = ['all', 'unpaid', 'overdue', 'partially_paid', 'open', 'paid', 'void'];

/** The sort orders offered, in order. */
export const invoiceSorts: readonly InvoiceSort[] = ['-issuedOn', 'issuedOn', 'dueOn', '-dueOn', '-balance', 'balance', '-total', 'total', '-number', 'number'];

// The service's largest page.
const LARGEST_PAGE = 200;
// Up to this many rows are plain DOM (every row readable in a screen reader's browse mode);
// longer lists keep only the rows near the viewport in the DOM.
const VIRTUALIZE_AFTER = 100;
// The next page starts loading when the end of the list comes this close to the viewport.
const END_MARGIN_PX = 800;

/**
 * Rows stacked top to bottom, rendered from a screenful above the viewport to a screenful below
 * (half the virtualizer's default margin: fewer rows to build before the first paint). Named
 * here so that the virtualizer never waits to import its default layout.
 */
class RowLayout extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = 500;
  }
}
const rowLayout = { type: RowLayout };

// The inner invoice's parts, offered to the page as `invoice-<part>`.
const invoiceParts = ['base', 'header', 'heading', 'status', 'pay-button', 'pay-button-top', 'pay-button-bottom']
  .concat(['print-button', 'download-button', 'lines', 'totals', 'payments', 'footer', 'error', 'not-found'])
  .map((name) => `${name}: invoice-${name}`)
  .join(', ');

/**
 * The client's invoices: number, matter, issue and due dates, status, total and balance, newest
 * first. A filter (all, unpaid, overdue, paid…) and a sort order are chosen with labelled
 * selects; more invoices load as the client scrolls (or presses "Load more"). Past 100 invoices
 * only the rows near the viewport are in the DOM, so thousands of invoices stay fast. Wide containers show a table-like
 * grid, narrow ones (phones) a card per invoice.
 *
 * Choosing an invoice fires `portal-invoice-select`; unless a listener cancels it, the list
 * shows that invoice (`<portal-invoice>`) with a "Back to invoices" button that returns to the
 * same row. Above the list, the balance due across every unpaid invoice and a "Pay all open
 * invoices" button, which fires `portal-pay-request`.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-invoices
 *
 * @event portal-invoice-select - The client chose an invoice. `detail.invoiceId`. Cancelable: `preventDefault()` keeps the list showing.
 * @event portal-pay-request - The client pressed "Pay all open invoices" (or "Pay now" on the invoice shown). `detail.invoiceIds`, `detail.amount`.
 *
 * @csspart base - The list view: header, summary and table.
 * @csspart header - The heading and the controls.
 * @csspart heading - The heading.
 * @csspart controls - The filter and sort selects.
 * @csspart filter - The filter select.
 * @csspart sort - The sort select.
 * @csspart summary - The balance due across unpaid invoices, with the "Pay all" button.
 * @csspart pay-all-button - The "Pay all open invoices" button.
 * @csspart processing - The line under the balance due that gives bank payments still processing: in the rows' balances, not in the balance due.
 * @csspart table - The invoice table.
 * @csspart header-row - The table's column headings (visible on wide containers).
 * @csspart row - One invoice.
 * @csspart open-button - The invoice number, a button that opens the invoice.
 * @csspart status - An invoice's status badge.
 * @csspart load-more-button - The button that loads the next page.
 * @csspart skeleton - The placeholder shown while invoices load.
 * @csspart empty - The message shown when there are no invoices.
 * @csspart error - The panel shown when invoices cannot be loaded.
 * @csspart retry-button - The button that tries again.
 * @csspart detail - The view of one invoice.
 * @csspart back-button - The "Back to invoices" button.
 * @csspart invoice - The `<portal-invoice>` shown; its parts are offered as `invoice-<part>` (`invoice-pay-button`, `invoice-heading`, …).
 *
 * @cssprop --portal-invoices-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-invoices-background - Table background (default `--portal-color-surface`).
 * @cssprop --portal-invoices-border-color - Table border (default `--portal-color-divider`).
 * @cssprop --portal-invoices-header-background - Column headings' background (default `--portal-color-surface-alt`).
 * @cssprop --portal-invoices-row-background - Row background (default `--portal-color-surface`).
 * @cssprop --portal-invoices-row-hover-background - Row background under the pointer (default `--portal-color-surface-alt`).
 * @cssprop --portal-invoices-row-border-color - Line between rows (default `--portal-color-divider`).
 * @cssprop --portal-invoices-summary-background - Balance summary background (default `--portal-color-surface-alt`).
 * @cssprop --portal-invoices-summary-border-color - Balance summary border (default `--portal-color-divider`).
 *
 * @cssstate loading - The first page is loading.
 * @cssstate empty - There are no invoices to show.
 * @cssstate error - The invoices could not be loaded.
 * @cssstate detail - One invoice is shown.
 */
export class PortalInvoices extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, badgeStyles, invoicesStyles];

  /** Which invoices to list: `all`, `unpaid`, `open`, `partially_paid`, `overdue`, `paid` or `void`. */
  @property({ reflect: true }) status: InvoiceStatusFilter = 'all';

  /** The order: a field (`issuedOn`, `dueOn`, `number`, `total`, `balance`), with a leading `-` for descending. */
  @property({ reflect: true }) sort: InvoiceSort = '-issuedOn';

  /** Invoices per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** The invoice shown instead of the list; empty for the list. Set it to open an invoice (e.g. from an email link). */
  @property({ attribute: 'invoice-id', reflect: true }) invoiceId = '';

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The invoices loaded so far, in order. */
  @state() protected invoices: InvoiceSummary[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loadingMore = false;
  @state() private moreError: unknown;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  #more: AbortController | undefined;
  #returnTo: string | undefined;
  #endObserver: IntersectionObserver | undefined;
  #end: Element | undefined;

  readonly #firstPage = new Task(this, {
    task: async ([client, , status, sort, pageSize], { signal }) => {
      this.#more?.abort();
      this.loadingMore = false;
      this.moreError = undefined;
      this.invoices = [];
      this.nextCursor = null;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const page = await client.invoices.list({ status, sort, limit: pageLimit(pageSize) }, { signal });
      this.invoices = page.data;
      this.nextCursor = page.nextCursor;
      return page;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.status, this.sort, this.pageSize] as const,
  });

  readonly #outstanding = new Task(this, {
    task: async ([client], { signal }): Promise<OutstandingInvoices | undefined> => {
      if (!client) return undefined;
      // The list comes first; the total follows once the first page is on screen.
      await this.#firstPage.taskComplete.catch(() => undefined);
      await afterPaint();
      signal.throwIfAborted();
      return client.invoices.outstanding({ signal });
    },
    args: () => [this.#api.signedInClient, this.#api.contactId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the list and the balance due again (e.g. after a payment), keeping the filter and sort. */
  async refresh(): Promise<void> {
    await Promise.all([this.#firstPage.run(), this.#outstanding.run()]);
    const invoice = this.renderRoot?.querySelector<PortalInvoice>('portal-invoice');
    if (invoice) await invoice.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#more?.abort();
    this.#endObserver?.disconnect();
    this.#endObserver = undefined;
    this.#end = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#firstPage.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && this.invoices.length === 0);
    toggleState(this.#internals, 'detail', Boolean(this.invoiceId));
    this.#watchEnd();
  }

  protected override render(): TemplateResult {
    return html`
      <section class="list" part="base" aria-labelledby="heading" ?hidden=${Boolean(this.invoiceId)}>
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">${t('invoices.heading')}</h2>
          ${this.#renderControls()}
        </div>
        ${this.#renderSummary()}
        ${this.#firstPage.render({
          initial: () => this.#renderSkeleton(),
          pending: () => this.#renderSkeleton(),
          complete: () => (this.invoices.length ? this.#renderTable() : this.#renderEmpty()),
          error: (error) => this.#renderFailure(error),
        })}
      </section>
      ${this.invoiceId ? this.#renderDetail() : nothing}
    `;
  }

  #renderControls(): TemplateResult {
    const filters = invoiceFilters.includes(this.status) ? invoiceFilters : [...invoiceFilters, this.status];
    const sorts = invoiceSorts.includes(this.sort) ? invoiceSorts : [...invoiceSorts, this.sort];
    return html`
      <div class="controls" part="controls">
        <div class="control">
          <label for="filter">${t('invoices.filter.label')}</label>
          <select id="filter" part="filter" @change=${this.#onFilterChange}>
            ${filters.map((filter) => html`<option value=${filter} ?selected=${filter === this.status}>${filterLabel(filter)}</option>`)}
          </select>
        </div>
        <div class="control">
          <label for="sort">${t('invoices.sort.label')}</label>
          <select id="sort" part="sort" @change=${this.#onSortChange}>
            ${sorts.map((sort) => html`<option value=${sort} ?selected=${sort === this.sort}>${sortLabel(sort)}</option>`)}
          </select>
        </div>
      </div>
    `;
  }

  #renderSummary(): TemplateResult | typeof nothing {
    const outstanding = this.#outstanding.value;
    if (this.#outstanding.status !== TaskStatus.COMPLETE || !outstanding) return nothing;
    const owed = outstanding.invoiceIds.length > 0;
    // Bank payments on their way are in the rows' balances but not in the balance due: said
    // on a line of their own, the figures add up.
    const processing = outstanding.processing && outstanding.currency ? formatMoney(outstanding.processing, outstanding.currency) : undefined;
    if (!owed && !processing) return nothing;
    return html`
      <div class="summary" part="summary">
        ${
          owed
            ? html`<p>
              ${
                outstanding.amount !== null && outstanding.currency
                  ? html`${t('invoices.summary.balance')}: <span class="amount">${formatMoney(outstanding.amount, outstanding.currency)}</span>`
                  : nothing
              }
              <span class="count">${t('invoices.summary.count', { count: formatNumber(outstanding.invoiceIds.length) })}</span>
            </p>`
            : nothing
        }
        ${processing ? html`<p class="processing" part="processing">${t('invoices.summary.processing', { amount: processing })}</p>` : nothing}
        ${owed ? html`<button class="button" part="pay-all-button" type="button" @click=${() => this.#payAll(outstanding)}>${t('invoices.pay-all')}</button>` : nothing}
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('invoices.loading')}</span>
        ${[0, 1, 2, 3, 4].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    const filtered = this.status !== 'all';
    return html`
      <div class="state" part="empty" role="status">
        <h3>${filtered ? t('invoices.empty-filtered') : t('invoices.empty')}</h3>
        ${
          filtered
            ? html`<p><button class="link-button" type="button" @click=${() => this.#setFilter('all')}>${t('invoices.show-all')}</button></p>`
            : html`<p>${t('invoices.empty-detail')}</p>`
        }
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="state error-state" part="error">
        <h3>${t('invoices.error-heading')}</h3>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderTable(): TemplateResult {
    const rowCount = this.nextCursor ? -1 : this.invoices.length + 1;
    return html`
      <div class="table" part="table" role="table" aria-labelledby="heading" aria-rowcount=${rowCount} aria-busy=${this.loadingMore ? 'true' : 'false'}>
        <div role="rowgroup">
          <div class="row head-row" part="header-row" role="row" aria-rowindex="1">
            <span class="cell number" role="columnheader">${t('invoices.column.number')}</span>
            <span class="cell matter" role="columnheader">${t('invoices.column.matter')}</span>
            <span class="cell issued" role="columnheader">${t('invoices.column.issued')}</span>
            <span class="cell due" role="columnheader">${t('invoices.column.due')}</span>
            <span class="cell status" role="columnheader">${t('invoices.column.status')}</span>
            <span class="cell total" role="columnheader">${t('invoices.column.total')}</span>
            <span class="cell balance" role="columnheader">${t('invoices.column.balance')}</span>
          </div>
        </div>
        <div class="body" role="rowgroup">
          ${
            this.invoices.length > VIRTUALIZE_AFTER
              ? virtualize({
                  items: this.invoices,
                  layout: rowLayout,
                  keyFunction: (invoice: InvoiceSummary) => invoice.id,
                  renderItem: (invoice: InvoiceSummary, index: number) => this.#renderRow(invoice, index),
                })
              : repeat(
                  this.invoices,
                  (invoice) => invoice.id,
                  (invoice, index) => this.#renderRow(invoice, index),
                )
          }
        </div>
      </div>
      <div class="more">
        <p class="visually-hidden" role="status">${this.loadingMore ? t('invoices.loading-more') : ''}</p>
        ${this.moreError ? html`<div class="alert" role="alert"><p>${t('invoices.more-error')} ${errorMessage(this.moreError)}</p></div>` : nothing}
        ${
          this.nextCursor
            ? html`<button
              class="button secondary"
              part="load-more-button"
              type="button"
              aria-disabled=${this.loadingMore ? 'true' : 'false'}
              @click=${() => void this.#loadMore()}
            >
              ${this.loadingMore ? t('invoices.loading-more') : this.moreError ? t('common.retry') : t('invoices.load-more')}
            </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderRow(invoice: InvoiceSummary, index: number): TemplateResult {
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const overdue = invoice.status === 'overdue';
    return html`
      <div class="row" part="row" role="row" aria-rowindex=${index + 2} data-invoice-id=${invoice.id} @click=${() => this.#select(invoice)}>
        <span class="cell number" role="cell">
          <button class="link-button open-button" part="open-button" type="button">${invoice.number}</button>
        </span>
        <span class="cell matter" role="cell">
          ${invoice.matter ?? html`<span class="muted">${t('invoices.no-matter')}</span>`}
          ${invoice.depositAccount === 'trust' ? html`<span class="trust">${t('invoices.trust')}</span>` : nothing}
        </span>
        <span class="cell issued" role="cell"><span class="cell-label" aria-hidden="true">${t('invoices.column.issued')}</span>${formatDate(invoice.issuedOn)}</span>
        <span class="cell due" role="cell">
          <span class="cell-label" aria-hidden="true">${t('invoices.column.due')}</span><span class=${overdue ? 'overdue' : ''}>${formatDate(invoice.dueOn)}</span>
        </span>
        <span class="cell status" role="cell">
          <span class="badge" part="status" data-tone=${invoiceStatusTone(invoice.status)}>${invoiceStatusLabel(invoice.status)}</span>
        </span>
        <span class="cell total" role="cell"><span class="cell-label" aria-hidden="true">${t('invoices.column.total')}</span>${money(invoice.total)}</span>
        <span class="cell balance" role="cell"><span class="cell-label" aria-hidden="true">${t('invoices.column.balance')}</span>${money(invoice.balance)}</span>
      </div>
    `;
  }

  #renderDetail(): TemplateResult {
    return html`
      <div class="detail" part="detail">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('invoices.back')}</button>
        <portal-invoice part="invoice" exportparts=${invoiceParts} invoice-id=${this.invoiceId} .client=${this.#api.value}></portal-invoice>
      </div>
    `;
  }

  #onFilterChange(event: Event): void {
    this.#setFilter((event.target as HTMLSelectElement).value as InvoiceStatusFilter);
  }

  #setFilter(filter: InvoiceStatusFilter): void {
    this.status = filter;
  }

  #onSortChange(event: Event): void {
    this.sort = (event.target as HTMLSelectElement).value as InvoiceSort;
  }

  /** Watches the end of the list, so that the next page loads before the client reaches it. */
  #watchEnd(): void {
    const end = this.renderRoot.querySelector('.more') ?? undefined;
    if (end === this.#end) return;
    this.#endObserver ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && this.nextCursor && !this.loadingMore && !this.moreError) void this.#loadMore();
      },
      { rootMargin: `0px 0px ${END_MARGIN_PX}px 0px` },
    );
    if (this.#end) this.#endObserver.unobserve(this.#end);
    this.#end = end;
    if (end) this.#endObserver.observe(end);
  }

  async #loadMore(): Promise<void> {
    const client = this.#api.value;
    const cursor = this.nextCursor;
    if (!client || !cursor || this.loadingMore) return;
    const request = new AbortController();
    const active = this.shadowRoot?.activeElement;
    const pressed = active?.matches('[part~="load-more-button"]') ?? false;
    // A longer list re-renders its rows virtualized: focus on a row must survive that.
    const focusedRow = active?.closest<HTMLElement>('[data-invoice-id]')?.dataset.invoiceId;
    const firstNewIndex = this.invoices.length;
    this.#more = request;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await client.invoices.list({ status: this.status, sort: this.sort, limit: pageLimit(this.pageSize), cursor }, { signal: request.signal });
      if (request.signal.aborted) return;
      this.invoices = [...this.invoices, ...page.data];
      this.nextCursor = page.nextCursor;
      // Whoever pressed "Load more" continues at the first invoice it brought.
      const firstNew = this.invoices[firstNewIndex]?.id;
      if (pressed && firstNew) {
        await this.updateComplete;
        (await this.#rowButton(firstNew))?.focus();
      } else if (focusedRow) {
        await this.updateComplete;
        if (!this.shadowRoot?.activeElement) (await this.#rowButton(focusedRow))?.focus();
      }
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.moreError = error;
    } finally {
      if (this.#more === request) {
        this.#more = undefined;
        this.loadingMore = false;
      }
    }
    if (!request.signal.aborted && !this.moreError) void this.#continueIfEndInView();
  }

  /**
   * The end-of-list observer only reports changes: if the end is still in range once the new
   * rows are laid out (a client holding End, a tall screen), the next page loads now.
   */
  async #continueIfEndInView(): Promise<void> {
    await this.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const end = this.#end;
    if (!end || !end.isConnected || this.loadingMore || !this.nextCursor || this.invoiceId) return;
    if (end.getBoundingClientRect().top <= window.innerHeight + END_MARGIN_PX) void this.#loadMore();
  }

  async #select(invoice: InvoiceSummary): Promise<void> {
    const event = new PortalInvoiceSelectEvent({ invoiceId: invoice.id });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.#returnTo = invoice.id;
    this.invoiceId = invoice.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="back-button"]')?.focus();
  }

  async #back(): Promise<void> {
    const returnTo = this.#returnTo;
    this.#returnTo = undefined;
    this.invoiceId = '';
    await this.updateComplete;
    const button = returnTo ? await this.#rowButton(returnTo) : null;
    if (button) button.focus();
    else this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  /** The open button of an invoice's row, scrolling the row into the rendered range first if needed. */
  async #rowButton(invoiceId: string): Promise<HTMLElement | null> {
    const find = () => this.renderRoot.querySelector<HTMLElement>(`[data-invoice-id="${CSS.escape(invoiceId)}"] [part~="open-button"]`);
    const body = this.renderRoot.querySelector<VirtualizerHostElement>('.body');
    const virtualizer = body?.[virtualizerRef];
    if (virtualizer) await virtualizer.layoutComplete.catch(() => undefined);
    let button = find();
    const index = this.invoices.findIndex((invoice) => invoice.id === invoiceId);
    if (!button && virtualizer && index >= 0) {
      virtualizer.element(index)?.scrollIntoView({ block: 'center' });
      await virtualizer.layoutComplete.catch(() => undefined);
      button = find();
    }
    return button;
  }

  #payAll(outstanding: OutstandingInvoices): void {
    this.dispatchEvent(new PortalPayRequestEvent({ invoiceIds: [...outstanding.invoiceIds], amount: outstanding.amount ?? undefined }));
  }
}

/** Resolves once the browser has painted and is idle (or after half a second at most). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
      else setTimeout(resolve, 50);
    });
  });
}

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}

function filterLabel(filter: InvoiceStatusFilter): string {
  switch (filter) {
    case 'all':
      return t('invoices.filter.all');
    case 'unpaid':
      return t('invoices.filter.unpaid');
    default:
      return invoiceStatusLabel(filter);
  }
}

function sortLabel(sort: InvoiceSort): string {
  return invoiceSorts.includes(sort) ? t(`invoices.sort.${sort}`) : sort;
}
