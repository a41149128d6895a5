import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { formatDate, formatDateTime, formatMoney, localToday } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FirmPlan } from '../api/plans-api.ts';
import type { FirmInvoice, FirmInvoiceDetail, FirmInvoiceFilter, FirmInvoiceSort, FirmInvoiceStatus, InvoicePayment } from '../api/invoices-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ClientDirectory } from '../controllers/client-directory.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { LoadMoreController } from '../controllers/load-more-controller.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import {
  PortalConsoleInvoicePaymentRecordedEvent,
  PortalConsoleInvoiceSavedEvent,
  PortalConsoleInvoiceSentEvent,
  PortalConsoleInvoiceVoidedEvent,
} from './events.ts';
import {
  emptyDraft,
  emptyLine,
  formField,
  fromInvoice,
  moneyText,
  parseMoney,
  priceDraft,
  toRequest,
  type DraftAdjustment,
  type DraftLine,
  type DraftProblem,
  type InvoiceDraft,
  type LineOrigin,
} from './invoice-draft.ts';
import { invoicesScreenStyles } from './invoices.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** What the screen shows: the list, one invoice, or the invoice form (new or editing `invoiceId`). */
type Editing = { invoiceId: string | null } | undefined;

type OfflineMethod = InvoicePayment['method']['type'];

interface PaymentForm {
  amount: string;
  method: OfflineMethod;
  receivedOn: string;
  reference: string;
}

export const invoiceStatusFilters: readonly FirmInvoiceFilter[] = ['all', 'draft', 'unpaid', 'open', 'partially_paid', 'overdue', 'paid', 'void'];
export const invoiceSorts = [
  '-issuedOn',
  'issuedOn',
  'dueOn',
  '-dueOn',
  '-balance',
  '-total',
  'number',
  '-number',
] as const satisfies readonly FirmInvoiceSort[];
/** The orders the screen offers. */
export type InvoiceListSort = (typeof invoiceSorts)[number];
const offlineMethods: readonly OfflineMethod[] = ['check', 'wire', 'cash', 'other'];
const statusTone: Record<FirmInvoiceStatus, string> = {
  draft: 'neutral',
  open: 'info',
  partially_paid: 'warning',
  overdue: 'danger',
  paid: 'success',
  void: 'neutral',
};

const LARGEST_PAGE = 200;

/**
 * The firm's Invoices screen. The list filters by status (drafts included), client, deposit
 * account (trust or operating) and a due-date range, sorts, and loads more a page at a time. An
 * invoice's page (`item-id`) shows its lines, discounts, tax, totals, balance, the payments
 * applied (each opens in the Payments screen) and its history.
 *
 * Staff who may write money (`admin`, `owner`) also create and edit drafts (client, matter, fee
 * lines, a discount and a tax as an amount or a percentage, trust or operating, issue and due
 * dates, notes; the totals follow as they type), send an invoice (the client is emailed), void
 * one after a confirmation, delete a draft, and record a check, wire or cash received. The
 * service's problems show next to the field they name; results are announced in a live region.
 *
 * @tag portal-console-invoices
 *
 * @attr item-id - The invoice shown; empty for the list.
 * @prop itemId - The invoice shown; empty for the list.
 *
 * @event portal-console-invoice-saved - An invoice was created or changed. `detail.invoice`, `detail.created`.
 * @event portal-console-invoice-sent - An invoice was sent to its client. `detail.invoice`.
 * @event portal-console-invoice-voided - An invoice was voided, or a draft deleted. `detail.invoiceId`, `detail.deleted`.
 * @event portal-console-invoice-payment-recorded - A check, wire or cash was recorded. `detail.invoiceId`, `detail.payment`.
 * @event portal-console-open - Asks the console to open a payment (`screen: 'payments'`) or a client (`screen: 'clients'`).
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading and the "New invoice" button.
 * @csspart new-button - The "New invoice" button.
 * @csspart filters - The filters and the sort.
 * @csspart list - The invoice list.
 * @csspart row - One invoice in the list.
 * @csspart open-button - An invoice's number, a button that opens it.
 * @csspart status - A status badge.
 * @csspart load-more-button - Loads more invoices.
 * @csspart detail - One invoice's page.
 * @csspart back-button - Returns to the list.
 * @csspart actions - The invoice's actions.
 * @csspart edit-button - Opens the form on a draft.
 * @csspart send-button - Sends the invoice.
 * @csspart void-button - Voids the invoice.
 * @csspart delete-button - Deletes a draft.
 * @csspart record-button - Opens the form that records a payment.
 * @csspart payment-form - The form that records a payment.
 * @csspart lines - The invoice's lines.
 * @csspart totals - Subtotal, discount, tax, total, paid and balance.
 * @csspart payments - The payments applied.
 * @csspart payment-link - A payment applied, a button that opens it.
 * @csspart history - The invoice's history.
 * @csspart form - The invoice form.
 * @csspart form-line - One fee line in the form.
 * @csspart form-totals - The totals in the form.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when no invoice matches.
 * @csspart error - The panel shown when something cannot be loaded.
 * @csspart retry-button - Tries again.
 * @csspart confirm-dialog - The confirmation before voiding or deleting.
 * @csspart announcer - The live region announcing results.
 *
 * @cssprop --portal-console-invoices-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-console-invoices-border-color - Borders of the list, the page and the forms (default `--portal-color-divider`).
 * @cssprop --portal-console-invoices-row-background - An invoice row's background (default `--portal-color-surface`).
 * @cssprop --portal-console-invoices-total-color - The total and balance figures (default `--portal-color-text`).
 * @cssprop --portal-console-invoices-trust-color - The "Trust" mark (default `--portal-color-accent`).
 *
 * @cssstate loading - The list or the invoice is loading.
 * @cssstate empty - No invoice matches the filters.
 * @cssstate error - The list or the invoice could not be loaded.
 * @cssstate detail - One invoice is shown.
 * @cssstate editing - The invoice form is open.
 */
export class PortalConsoleInvoices extends ConsoleScreen {
  static override styles = [ConsoleScreen.styles, confirmStyles, invoicesScreenStyles];

  /** Invoices per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  // The list's filters and order
  @state() private status: FirmInvoiceFilter = 'all';
  @state() private contactId = '';
  @state() private account: '' | 'operating' | 'trust' = '';
  @state() private dueFrom = '';
  @state() private dueTo = '';
  @state() private sort: InvoiceListSort = '-issuedOn';
  @state() private invoices: FirmInvoice[] = [];
  // What is being done
  @state() private busy = false;
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  // The invoice form
  @state() private editing: Editing;
  @state() private draft: InvoiceDraft = emptyDraft(localToday());
  @state() private formErrors: ReadonlyMap<string, Words> = new Map();
  @state() private formAlert: Words | undefined;
  // The payment form
  @state() private paying = false;
  @state() private payment: PaymentForm = { amount: '', method: 'check', receivedOn: localToday(), reference: '' };
  @state() private paymentErrors: ReadonlyMap<string, Words> = new Map();
  @state() private paymentAlert: Words | undefined;

  readonly #directory = new ClientDirectory(this, () => this.client);
  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  readonly #more = new LoadMoreController(this, { fetch: (cursor, signal) => this.client && this.#loadMore(this.client, cursor, signal) });
  #action: AbortController | undefined;
  /** The form's request lines, by where each came from, to place the service's problems. */
  #origins: LineOrigin[] = [];
  /** One key per payment being recorded: a retry of the same form sends it again. */
  #paymentKey = '';
  /** The row to focus again when coming back from an invoice. */
  #returnTo: string | undefined;

  readonly #list = new Task(this, {
    task: async ([client, status, contactId, account, dueFrom, dueTo, sort, pageSize], { signal }) => {
      this.#more.reset();
      if (!client) return untilAborted(signal);
      const page = await client.invoices.list(
        {
          status,
          contactId: contactId || undefined,
          depositAccount: account || undefined,
          dueFrom: dueFrom || undefined,
          dueTo: dueTo || undefined,
          sort,
          limit: pageLimit(pageSize),
        },
        { signal },
      );
      this.invoices = page.data;
      this.#more.cursor = page.nextCursor;
      return page;
    },
    args: () => [this.client, this.status, this.contactId, this.account, this.dueFrom, this.dueTo, this.sort, this.pageSize] as const,
  });

  readonly #invoice = new Task(this, {
    task: async ([client, id], { signal }): Promise<FirmInvoiceDetail | undefined> => {
      if (!id) return undefined;
      if (!client) return untilAborted(signal);
      return client.invoices.get(id, { signal });
    },
    args: () => [this.client, this.itemId] as const,
  });

  // The invoice's payment plans; an invoice reads the same without them.
  readonly #plans = new Task(this, {
    task: async ([client, id], { signal }): Promise<FirmPlan[]> => {
      if (!id || !client) return [];
      return client.plans.list({ invoiceId: id }, { signal }).catch((error: unknown) => {
        if (isAbortError(error)) throw error;
        return [];
      });
    },
    args: () => [this.client, this.itemId] as const,
  });

  // The firm's currency, for a new invoice (an invoice keeps its own).
  readonly #branding = new Task(this, {
    task: async ([client], { signal }) => (client ? client.branding({ signal }) : undefined),
    args: () => [this.editing && this.editing.invoiceId === null ? this.client : undefined] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the list, the invoice shown and the clients again. */
  async refresh(): Promise<void> {
    void this.#directory.refresh();
    await Promise.all([this.#list.run(), this.itemId ? this.#invoice.run() : undefined]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#action?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('itemId') && changed.get('itemId') !== undefined) {
      // Another invoice's forms are not this one's.
      this.paying = false;
      this.alert = undefined;
      if (this.editing?.invoiceId) this.editing = undefined;
      // Back on the list: what changed while an invoice was open (a client paid it) shows.
      if (!this.itemId) void this.#list.run();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const task = this.itemId ? this.#invoice : this.#list;
    toggleState(this.#internals, 'loading', task.status === TaskStatus.PENDING || task.status === TaskStatus.INITIAL);
    toggleState(this.#internals, 'error', task.status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', !this.itemId && this.#list.status === TaskStatus.COMPLETE && this.invoices.length === 0);
    toggleState(this.#internals, 'detail', Boolean(this.itemId));
    toggleState(this.#internals, 'editing', this.editing !== undefined);
  }

  get #canWrite(): boolean {
    return can(this.staff, 'write-money');
  }

  protected override render(): TemplateResult {
    return html`
      <section class="screen" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" tabindex="-1">${t('invoices.heading')}</h2>
          ${
            this.#canWrite && !this.editing
              ? html`<button class="button" part="new-button" type="button" @click=${() => void this.#openForm(undefined)}>${t('invoices.new')}</button>`
              : nothing
          }
        </div>
        <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
        ${this.editing ? this.#renderForm() : this.itemId ? this.#renderDetail() : this.#renderListView()}
        <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
        ${this.#confirm.renderDialog()}
      </section>
    `;
  }

  // The list

  #renderListView(): TemplateResult {
    return html`
      ${this.#renderFilters()}
      ${this.#list.render({
        initial: () => this.#renderSkeleton(),
        pending: () => (this.invoices.length ? this.#renderList() : this.#renderSkeleton()),
        complete: () => (this.invoices.length ? this.#renderList() : this.#renderEmpty()),
        error: (error) => this.#renderFailure(error, () => void this.#list.run()),
      })}
    `;
  }

  #renderFilters(): TemplateResult {
    const clients = this.#directory.clients;
    const select = (id: string, label: string, onChange: (value: string) => void, options: TemplateResult[]) => html`
      <div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value)}>${options}</select>
      </div>
    `;
    const option = (value: string, label: string, selected: boolean) => html`<option value=${value} ?selected=${selected}>${label}</option>`;
    return html`
      <div class="filters" part="filters" role="group" aria-label=${t('invoices.filters')}>
        ${select(
          'filter-status',
          t('invoices.filter.status'),
          (value) => (this.status = value as FirmInvoiceFilter),
          invoiceStatusFilters.map((status) => option(status, filterLabel(status), status === this.status)),
        )}
        ${select('filter-client', t('invoices.filter.client'), (value) => (this.contactId = value), [
          option('', t('invoices.filter.all-clients'), this.contactId === ''),
          ...clients.map((client) => option(client.id, client.name, client.id === this.contactId)),
        ])}
        ${select('filter-account', t('invoices.filter.account'), (value) => (this.account = value as '' | 'operating' | 'trust'), [
          option('', t('invoices.filter.any-account'), this.account === ''),
          option('operating', t('invoices.account.operating'), this.account === 'operating'),
          option('trust', t('invoices.account.trust'), this.account === 'trust'),
        ])}
        <div class="field">
          <label for="filter-due-from">${t('invoices.filter.due-from')}</label>
          <input id="filter-due-from" type="date" .value=${this.dueFrom} max=${ifDefined(this.dueTo || undefined)} @change=${(event: Event) => (this.dueFrom = (event.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="filter-due-to">${t('invoices.filter.due-to')}</label>
          <input id="filter-due-to" type="date" .value=${this.dueTo} min=${ifDefined(this.dueFrom || undefined)} @change=${(event: Event) => (this.dueTo = (event.target as HTMLInputElement).value)} />
        </div>
        ${select(
          'sort',
          t('invoices.sort'),
          (value) => (this.sort = value as InvoiceListSort),
          invoiceSorts.map((sort) => option(sort, t(`invoices.sort.${sort}`), sort === this.sort)),
        )}
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('invoices.loading')}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    const filtered = this.status !== 'all' || this.contactId || this.account || this.dueFrom || this.dueTo;
    return html`
      <div class="state" part="empty" role="status">
        <h3>${filtered ? t('invoices.empty-filtered') : t('invoices.empty')}</h3>
        ${
          filtered
            ? html`<p><button class="link-button" type="button" @click=${this.#clearFilters}>${t('invoices.clear-filters')}</button></p>`
            : html`<p>${this.#canWrite ? t('invoices.empty-detail') : t('invoices.empty-detail-read')}</p>`
        }
      </div>
    `;
  }

  #renderFailure(error: unknown, retry: () => void): TemplateResult {
    return html`
      <div class="state error-state" part="error">
        <h3>${t('invoices.error-heading')}</h3>
        <div class="alert" role="alert"><p>${errorMessage(error)}</p></div>
        <button class="button" part="retry-button" type="button" @click=${retry}>${t('console.retry')}</button>
      </div>
    `;
  }

  #renderList(): TemplateResult {
    const busy = this.#list.status === TaskStatus.PENDING;
    return html`
      <div class="table" part="list" role="table" aria-labelledby="heading" aria-busy=${busy ? 'true' : 'false'}>
        <div role="rowgroup">
          <div class="row head-row" role="row">
            <span class="cell number" role="columnheader">${t('invoices.column.number')}</span>
            <span class="cell client" role="columnheader">${t('invoices.column.client')}</span>
            <span class="cell due" role="columnheader">${t('invoices.column.due')}</span>
            <span class="cell status" role="columnheader">${t('invoices.column.status')}</span>
            <span class="cell total" role="columnheader">${t('invoices.column.total')}</span>
            <span class="cell balance" role="columnheader">${t('invoices.column.balance')}</span>
          </div>
        </div>
        <div role="rowgroup">${this.invoices.map((invoice) => this.#renderRow(invoice))}</div>
      </div>
      <div class="more">
        ${this.#more.renderError()}
        ${this.#more.renderButton({ more: t('invoices.load-more'), loading: t('invoices.loading-more') })}
      </div>
    `;
  }

  #renderRow(invoice: FirmInvoice): TemplateResult {
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const label = (key: 'invoices.column.due' | 'invoices.column.total' | 'invoices.column.balance' | 'invoices.column.client') =>
      html`<span class="cell-label" aria-hidden="true">${t(key)}</span>`;
    return html`
      <div class="row" part="row" role="row" data-invoice-id=${invoice.id}>
        <span class="cell number" role="cell">
          <button class="link-button" part="open-button" type="button" @click=${() => void this.#open(invoice.id)}>${invoice.number}</button>
          ${invoice.depositAccount === 'trust' ? html`<span class="trust">${t('invoices.account.trust')}</span>` : nothing}
        </span>
        <span class="cell client" role="cell">
          ${label('invoices.column.client')}${this.#directory.nameOf(invoice.contactId) ?? t('invoices.unknown-client')}
          ${invoice.matter ? html`<span class="matter">${invoice.matter}</span>` : nothing}
        </span>
        <span class="cell due" role="cell">${label('invoices.column.due')}${formatDate(invoice.dueOn)}</span>
        <span class="cell status" role="cell">${this.#badge(invoice.status)}</span>
        <span class="cell total" role="cell">${label('invoices.column.total')}${money(invoice.total)}</span>
        <span class="cell balance" role="cell">${label('invoices.column.balance')}${money(invoice.balance)}</span>
      </div>
    `;
  }

  #badge(status: FirmInvoiceStatus): TemplateResult {
    return html`<span class="badge" part="status" data-tone=${statusTone[status] ?? 'neutral'}>${statusLabel(status)}</span>`;
  }

  // One invoice

  #renderDetail(): TemplateResult {
    return html`
      <div class="detail" part="detail">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('invoices.back')}</button>
        ${this.#invoice.render({
          initial: () => this.#renderSkeleton(),
          pending: () => (this.#invoice.value ? this.#renderInvoice(this.#invoice.value) : this.#renderSkeleton()),
          complete: (invoice) => (invoice ? this.#renderInvoice(invoice) : nothing),
          error: (error) => this.#renderFailure(error, () => void this.#invoice.run()),
        })}
      </div>
    `;
  }

  #renderInvoice(invoice: FirmInvoiceDetail): TemplateResult {
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const clientName = this.#directory.nameOf(invoice.contactId) ?? t('invoices.unknown-client');
    return html`
      <article class="invoice" aria-labelledby="invoice-heading">
        <div class="invoice-header">
          <h3 id="invoice-heading" tabindex="-1">${t('invoices.invoice-heading', { number: invoice.number })}</h3>
          ${this.#badge(invoice.status)}
        </div>
        <dl class="facts">
          <div>
            <dt>${t('invoices.field.client')}</dt>
            <dd><button class="link-button" part="client-link" type="button" @click=${() => this.#openElsewhere('clients', invoice.contactId)}>${clientName}</button></dd>
          </div>
          ${invoice.matter ? html`<div><dt>${t('invoices.field.matter')}</dt><dd>${invoice.matter}</dd></div>` : nothing}
          <div><dt>${t('invoices.field.issued')}</dt><dd>${formatDate(invoice.issuedOn)}</dd></div>
          <div><dt>${t('invoices.field.due')}</dt><dd>${formatDate(invoice.dueOn)}</dd></div>
          <div><dt>${t('invoices.field.account')}</dt><dd>${t(`invoices.account.${invoice.depositAccount}`)}</dd></div>
        </dl>
        ${this.#canWrite ? this.#renderActions(invoice) : nothing}
        ${this.paying ? this.#renderPaymentForm(invoice) : nothing}
        <h4 id="lines-heading">${t('invoices.lines')}</h4>
        ${
          invoice.lines.length
            ? html`<table class="lines" part="lines" aria-labelledby="lines-heading">
              <thead>
                <tr>
                  <th scope="col">${t('invoices.line.description')}</th>
                  <th scope="col" class="num">${t('invoices.line.quantity')}</th>
                  <th scope="col" class="num">${t('invoices.line.unit-price')}</th>
                  <th scope="col" class="num">${t('invoices.line.amount')}</th>
                </tr>
              </thead>
              <tbody>
                ${invoice.lines.map(
                  (line) => html`<tr data-kind=${line.kind}>
                    <td>${line.kind === 'discount' || line.kind === 'tax' ? `${t(`invoices.kind.${line.kind}`)}: ` : nothing}${line.description}</td>
                    <td class="num">${line.quantity ?? ''}</td>
                    <td class="num">${line.rate === null ? '' : money(line.rate)}</td>
                    <td class="num">${money(line.amount)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
            : html`<p class="muted">${t('invoices.no-lines')}</p>`
        }
        <dl class="totals" part="totals">
          <div><dt>${t('invoices.totals.subtotal')}</dt><dd>${money(invoice.subtotal)}</dd></div>
          ${invoice.discount ? html`<div><dt>${t('invoices.totals.discount')}</dt><dd>${money(invoice.discount)}</dd></div>` : nothing}
          ${invoice.tax ? html`<div><dt>${t('invoices.totals.tax')}</dt><dd>${money(invoice.tax)}</dd></div>` : nothing}
          <div class="total"><dt>${t('invoices.totals.total')}</dt><dd>${money(invoice.total)}</dd></div>
          <div><dt>${t('invoices.totals.paid')}</dt><dd>${money(invoice.amountPaid)}</dd></div>
          ${invoice.amountPending ? html`<div><dt>${t('invoices.totals.pending')}</dt><dd>${money(invoice.amountPending)}</dd></div>` : nothing}
          <div class="total"><dt>${t('invoices.totals.balance')}</dt><dd>${money(invoice.balance)}</dd></div>
        </dl>
        <h4 id="payments-heading">${t('invoices.payments')}</h4>
        ${
          invoice.payments.length
            ? html`<ul class="payments" part="payments" aria-labelledby="payments-heading">
              ${invoice.payments.map(
                (payment) => html`<li>
                  <button class="link-button" part="payment-link" type="button" @click=${() => this.#openElsewhere('payments', payment.paymentId)}>
                    ${t('invoices.payment.receipt', { receipt: payment.receiptNumber })}
                  </button>
                  <span>${formatDate(payment.date)}</span>
                  <span>${methodLabel(payment.method.type)}${payment.method.last4 ? ` •••• ${payment.method.last4}` : ''}</span>
                  <span class="num">${money(payment.amount)}</span>
                </li>`,
              )}
            </ul>`
            : html`<p class="muted">${t('invoices.no-payments')}</p>`
        }
        ${this.#renderPlans(invoice)}
        <h4 id="history-heading">${t('invoices.history')}</h4>
        <ol class="history" part="history" aria-labelledby="history-heading">
          ${historyOf(invoice).map((entry) => html`<li><time datetime=${entry.at}>${formatDateTime(entry.at)}</time> ${entry.words()}</li>`)}
        </ol>
        ${invoice.notes ? html`<h4>${t('invoices.field.notes')}</h4><p class="notes">${invoice.notes}</p>` : nothing}
      </article>
    `;
  }

  #renderPlans(invoice: FirmInvoiceDetail): TemplateResult | typeof nothing {
    const plans = this.#plans.value ?? [];
    if (!plans.length) return nothing;
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    return html`
      <h4 id="plans-heading">${t('invoices.plans')}</h4>
      ${plans.map(
        (plan) => html`<section class="plan" part="plan" aria-label=${t('invoices.plan.label', { date: formatDate(plan.createdAt) })}>
          <p>
            ${t(`invoices.plan.status.${plan.status}`)} ·
            ${t('invoices.plan.summary', { count: plan.instalments.length, method: `${methodLabel(plan.method.type)} •••• ${plan.method.last4}` })}
            ${plan.nextCharge ? html` · ${t('invoices.plan.next', { amount: money(plan.nextCharge.amount), date: formatDate(plan.nextCharge.on) })}` : nothing}
          </p>
          <table class="lines" part="plan-instalments">
            <caption class="visually-hidden">${t('invoices.plan.caption', { number: invoice.number })}</caption>
            <thead>
              <tr>
                <th scope="col">${t('invoices.plan.date')}</th>
                <th scope="col">${t('invoices.plan.state')}</th>
                <th scope="col" class="num">${t('invoices.line.amount')}</th>
              </tr>
            </thead>
            <tbody>
              ${plan.instalments.map(
                (instalment) => html`<tr>
                  <td>${formatDate(instalment.attemptOn)}</td>
                  <td>${t(`invoices.plan.instalment.${instalment.status}`)}${instalment.lastError ? html` <span class="muted">(${instalment.lastError})</span>` : nothing}</td>
                  <td class="num">${money(instalment.amount)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${
            plan.status === 'active' && this.#canWrite
              ? html`<button class="button secondary danger-outline" part="plan-cancel-button" type="button" @click=${() => void this.#cancelPlan(invoice, plan)}>
                  ${t('invoices.plan.cancel')}
                </button>`
              : nothing
          }
        </section>`,
      )}
    `;
  }

  async #cancelPlan(invoice: FirmInvoiceDetail, plan: FirmPlan): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const confirmed = await this.#confirm.ask({
      title: t('invoices.plan.cancel-title', { number: invoice.number }),
      body: t('invoices.plan.cancel-body'),
      confirm: t('invoices.plan.cancel'),
      cancel: t('invoices.void.cancel'),
    });
    if (!confirmed) {
      this.renderRoot.querySelector<HTMLElement>('[part~="plan-cancel-button"]')?.focus();
      return;
    }
    const request = this.#start();
    try {
      await client.plans.cancel(plan.id, { signal: request.signal });
      await this.#plans.run();
      this.#announce(() => t('invoices.announce.plan-cancelled', { number: invoice.number }));
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => t('invoices.plan.cancel-failed', { reason: errorMessage(error) });
    } finally {
      this.#finish(request);
    }
  }

  #renderActions(invoice: FirmInvoiceDetail): TemplateResult {
    const draft = invoice.state === 'draft';
    const open = invoice.state === 'sent';
    const hasMoney = invoice.amountPaid > 0 || invoice.amountPending > 0;
    const disabled = this.busy ? 'true' : 'false';
    return html`
      <div class="actions" part="actions">
        ${draft ? html`<button class="button secondary" part="edit-button" type="button" aria-disabled=${disabled} @click=${() => void this.#openForm(invoice)}>${t('invoices.edit')}</button>` : nothing}
        ${
          invoice.state !== 'void'
            ? html`<button class="button" part="send-button" type="button" aria-disabled=${disabled} @click=${() => void this.#send(invoice)}>
              ${draft ? t('invoices.send') : t('invoices.send-again')}
            </button>`
            : nothing
        }
        ${
          open && invoice.openBalance > 0 && !this.paying
            ? html`<button class="button secondary" part="record-button" type="button" aria-disabled=${disabled} @click=${() => void this.#openPayment(invoice)}>
              ${t('invoices.record')}
            </button>`
            : nothing
        }
        ${
          open && !hasMoney
            ? html`<button class="button secondary danger-outline" part="void-button" type="button" aria-disabled=${disabled} @click=${() => void this.#void(invoice)}>
              ${t('invoices.void')}
            </button>`
            : nothing
        }
        ${
          draft
            ? html`<button class="button secondary danger-outline" part="delete-button" type="button" aria-disabled=${disabled} @click=${() => void this.#delete(invoice)}>
              ${t('invoices.delete')}
            </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderPaymentForm(invoice: FirmInvoiceDetail): TemplateResult {
    const error = (field: string) => this.paymentErrors.get(field);
    const described = (field: string) => (error(field) ? `payment-${field}-error` : nothing);
    const errorText = (field: string) => {
      const words = error(field);
      return words ? html`<p class="field-error" id="payment-${field}-error">${words()}</p>` : nothing;
    };
    const set = (changes: Partial<PaymentForm>, field: string) => {
      this.payment = { ...this.payment, ...changes };
      this.paymentErrors = without(this.paymentErrors, field);
    };
    return html`
      <form class="panel" part="payment-form" aria-labelledby="payment-heading" novalidate @submit=${(event: Event) => void this.#record(event, invoice)}>
        <h4 id="payment-heading">${t('invoices.record.heading')}</h4>
        <p class="hint">${t('invoices.record.hint', { balance: formatMoney(invoice.openBalance, invoice.currency) })}</p>
        <div class="alert" role="alert">${this.paymentAlert ? html`<p>${this.paymentAlert()}</p>` : nothing}</div>
        <div class="grid">
          <div class="field">
            <label for="payment-amount">${t('invoices.record.amount', { currency: invoice.currency })}</label>
            <input
              id="payment-amount"
              inputmode="decimal"
              autocomplete="off"
              .value=${this.payment.amount}
              aria-invalid=${error('amount') ? 'true' : 'false'}
              aria-describedby=${described('amount')}
              @input=${(event: Event) => set({ amount: (event.target as HTMLInputElement).value }, 'amount')}
            />
            ${errorText('amount')}
          </div>
          <div class="field">
            <label for="payment-method">${t('invoices.record.method')}</label>
            <select
              id="payment-method"
              aria-invalid=${error('method.type') ? 'true' : 'false'}
              aria-describedby=${described('method.type')}
              @change=${(event: Event) => set({ method: (event.target as HTMLSelectElement).value as OfflineMethod }, 'method.type')}
            >
              ${offlineMethods.map((method) => html`<option value=${method} ?selected=${method === this.payment.method}>${methodLabel(method)}</option>`)}
            </select>
            ${errorText('method.type')}
          </div>
          <div class="field">
            <label for="payment-date">${t('invoices.record.date')}</label>
            <input
              id="payment-date"
              type="date"
              max=${localToday()}
              .value=${this.payment.receivedOn}
              aria-invalid=${error('receivedOn') ? 'true' : 'false'}
              aria-describedby=${described('receivedOn')}
              @change=${(event: Event) => set({ receivedOn: (event.target as HTMLInputElement).value }, 'receivedOn')}
            />
            ${errorText('receivedOn')}
          </div>
          <div class="field">
            <label for="payment-reference">${t('invoices.record.reference')}</label>
            <input
              id="payment-reference"
              maxlength="100"
              autocomplete="off"
              .value=${this.payment.reference}
              aria-invalid=${error('method.reference') ? 'true' : 'false'}
              aria-describedby=${described('method.reference')}
              @input=${(event: Event) => set({ reference: (event.target as HTMLInputElement).value }, 'method.reference')}
            />
            ${errorText('method.reference')}
          </div>
        </div>
        <div class="form-actions">
          <button class="button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t('invoices.record.saving') : t('invoices.record.submit')}</button>
          <button class="button secondary" type="button" @click=${this.#closePayment}>${t('invoices.cancel')}</button>
        </div>
      </form>
    `;
  }

  // The invoice form

  #renderForm(): TemplateResult {
    const editing = this.editing!;
    const existing = editing.invoiceId ? this.#invoice.value : undefined;
    const currency = existing?.currency ?? this.#branding.value?.currency ?? 'USD';
    const priced = priceDraft(this.draft, currency, this.language);
    const money = (amount: number) => formatMoney(amount, currency);
    const draft = this.draft;
    const clients = this.#directory.activeClients;
    const field = (name: string, label: string, control: TemplateResult) => html`
      <div class="field">
        <label for="form-${name}">${label}</label>
        ${control} ${this.#formError(name)}
      </div>
    `;
    return html`
      <form class="panel invoice-form" part="form" aria-labelledby="form-heading" novalidate @submit=${(event: Event) => void this.#save(event, currency)}>
        <h3 id="form-heading" tabindex="-1">${editing.invoiceId ? t('invoices.form.edit-heading', { number: existing?.number ?? '' }) : t('invoices.form.new-heading')}</h3>
        <div class="alert" role="alert">${this.formAlert ? html`<p>${this.formAlert()}</p>` : nothing}</div>
        <div class="grid">
          ${field(
            'contactId',
            t('invoices.field.client'),
            html`<select
              id="form-contactId"
              required
              ?disabled=${editing.invoiceId !== null}
              aria-invalid=${this.#invalid('contactId')}
              aria-describedby=${this.#describedBy('contactId')}
              @change=${(event: Event) => this.#setDraft({ contactId: (event.target as HTMLSelectElement).value }, 'contactId')}
            >
              <option value="" ?selected=${draft.contactId === ''}>${t('invoices.form.choose-client')}</option>
              ${clients.map((client) => html`<option value=${client.id} ?selected=${client.id === draft.contactId}>${client.name} (${client.email})</option>`)}
              ${
                draft.contactId && !clients.some((client) => client.id === draft.contactId)
                  ? html`<option value=${draft.contactId} selected>${this.#directory.nameOf(draft.contactId) ?? t('invoices.unknown-client')}</option>`
                  : nothing
              }
            </select>`,
          )}
          ${field('matter', t('invoices.field.matter'), this.#textInput('matter', draft.matter, 200))}
          ${field(
            'issuedOn',
            t('invoices.field.issued'),
            html`<input
              id="form-issuedOn"
              type="date"
              .value=${draft.issuedOn}
              aria-invalid=${this.#invalid('issuedOn')}
              aria-describedby=${this.#describedBy('issuedOn')}
              @change=${(event: Event) => this.#setDraft({ issuedOn: (event.target as HTMLInputElement).value }, 'issuedOn', 'dueOn')}
            />`,
          )}
          ${field(
            'dueOn',
            t('invoices.field.due'),
            html`<input
              id="form-dueOn"
              type="date"
              min=${ifDefined(draft.issuedOn || undefined)}
              .value=${draft.dueOn}
              aria-invalid=${this.#invalid('dueOn')}
              aria-describedby=${this.#describedBy('dueOn')}
              @change=${(event: Event) => this.#setDraft({ dueOn: (event.target as HTMLInputElement).value }, 'dueOn')}
            />`,
          )}
        </div>
        <fieldset class="account" aria-describedby=${this.#describedBy('depositAccount')}>
          <legend>${t('invoices.field.account')}</legend>
          ${(['operating', 'trust'] as const).map(
            (account) => html`<label class="choice">
              <input
                type="radio"
                name="depositAccount"
                value=${account}
                .checked=${draft.depositAccount === account}
                @change=${() => this.#setDraft({ depositAccount: account }, 'depositAccount')}
              />
              ${t(`invoices.account.${account}`)}
            </label>`,
          )}
          ${this.#formError('depositAccount')}
        </fieldset>
        <fieldset class="lines-editor">
          <legend>${t('invoices.lines')}</legend>
          ${this.#formError('lines')}
          ${draft.lines.map((line, index) => this.#renderFormLine(line, index, priced.amounts[index], currency))}
          <button class="button secondary" type="button" @click=${this.#addLine}>${t('invoices.form.add-line')}</button>
        </fieldset>
        <div class="grid">
          ${this.#renderAdjustment('discount', draft.discount, currency)} ${this.#renderAdjustment('tax', draft.tax, currency)}
        </div>
        ${field(
          'notes',
          t('invoices.field.notes'),
          html`<textarea
            id="form-notes"
            rows="3"
            maxlength="4000"
            .value=${draft.notes}
            aria-invalid=${this.#invalid('notes')}
            aria-describedby=${this.#describedBy('notes')}
            @input=${(event: Event) => this.#setDraft({ notes: (event.target as HTMLTextAreaElement).value }, 'notes')}
          ></textarea>`,
        )}
        <dl class="totals" part="form-totals">
          <div><dt>${t('invoices.totals.subtotal')}</dt><dd>${money(priced.subtotal)}</dd></div>
          ${priced.discount ? html`<div><dt>${t('invoices.totals.discount')}</dt><dd>${money(priced.discount)}</dd></div>` : nothing}
          ${priced.tax ? html`<div><dt>${t('invoices.totals.tax')}</dt><dd>${money(priced.tax)}</dd></div>` : nothing}
          <div class="total"><dt>${t('invoices.totals.total')}</dt><dd data-total>${money(priced.total)}</dd></div>
        </dl>
        <div class="form-actions">
          <button class="button" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>${this.busy ? t('invoices.form.saving') : t('invoices.form.save')}</button>
          <button class="button secondary" type="button" @click=${this.#closeForm}>${t('invoices.cancel')}</button>
        </div>
      </form>
    `;
  }

  #renderFormLine(line: DraftLine, index: number, amount: number | undefined, currency: string): TemplateResult {
    const name = (part: string) => `lines.${index}.${part}`;
    const id = (part: string) => `form-line-${index}-${part}`;
    const set = (changes: Partial<DraftLine>, part: string) => {
      this.draft = { ...this.draft, lines: this.draft.lines.map((each, n) => (n === index ? { ...each, ...changes } : each)) };
      this.formErrors = without(this.formErrors, name(part), 'lines');
    };
    const input = (part: 'description' | 'quantity' | 'unitPrice', label: string, extra: { inputmode?: string; maxlength?: number }) => html`
      <div class="field ${part}">
        <label for=${id(part)}>${label}</label>
        <input
          id=${id(part)}
          autocomplete="off"
          inputmode=${ifDefined(extra.inputmode)}
          maxlength=${ifDefined(extra.maxlength)}
          .value=${line[part]}
          aria-invalid=${this.#invalid(name(part))}
          aria-describedby=${this.#describedBy(name(part))}
          @input=${(event: Event) => set({ [part]: (event.target as HTMLInputElement).value }, part)}
        />
        ${this.#formError(name(part))}
      </div>
    `;
    return html`
      <div class="form-line" part="form-line" role="group" aria-label=${t('invoices.form.line', { number: index + 1 })}>
        <div class="field kind">
          <label for=${id('kind')}>${t('invoices.line.kind')}</label>
          <select id=${id('kind')} @change=${(event: Event) => set({ kind: (event.target as HTMLSelectElement).value as DraftLine['kind'] }, 'kind')}>
            ${(['time', 'expense', 'flat_fee'] as const).map((kind) => html`<option value=${kind} ?selected=${kind === line.kind}>${t(`invoices.kind.${kind}`)}</option>`)}
          </select>
        </div>
        ${input('description', t('invoices.line.description'), { maxlength: 1000 })}
        ${input('quantity', line.kind === 'time' ? t('invoices.line.hours') : t('invoices.line.quantity'), { inputmode: 'decimal' })}
        ${input('unitPrice', line.kind === 'time' ? t('invoices.line.rate', { currency }) : t('invoices.line.price', { currency }), { inputmode: 'decimal' })}
        <p class="line-amount"><span class="visually-hidden">${t('invoices.line.amount')}: </span>${amount === undefined ? '—' : formatMoney(amount, currency)}</p>
        ${
          this.draft.lines.length > 1
            ? html`<button class="link-button remove" type="button" @click=${() => this.#removeLine(index)}>
              ${t('invoices.form.remove-line')}<span class="visually-hidden"> ${index + 1}</span>
            </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderAdjustment(kind: 'discount' | 'tax', adjustment: DraftAdjustment, currency: string): TemplateResult {
    const set = (changes: Partial<DraftAdjustment>) => {
      this.draft = { ...this.draft, [kind]: { ...this.draft[kind], ...changes } };
      this.formErrors = without(this.formErrors, kind);
    };
    return html`
      <fieldset class="adjustment">
        <legend>${t(`invoices.kind.${kind}`)}</legend>
        <div class="field">
          <label for="form-${kind}-mode">${t('invoices.form.adjustment-mode')}</label>
          <select id="form-${kind}-mode" @change=${(event: Event) => set({ mode: (event.target as HTMLSelectElement).value as DraftAdjustment['mode'] })}>
            <option value="none" ?selected=${adjustment.mode === 'none'}>${t(`invoices.form.${kind}-none`)}</option>
            <option value="amount" ?selected=${adjustment.mode === 'amount'}>${t('invoices.form.as-amount', { currency })}</option>
            <option value="percent" ?selected=${adjustment.mode === 'percent'}>${t('invoices.form.as-percent')}</option>
          </select>
        </div>
        ${
          adjustment.mode === 'none'
            ? nothing
            : html`<div class="field">
              <label for="form-${kind}">${adjustment.mode === 'percent' ? t(`invoices.form.${kind}-percent`) : t(`invoices.form.${kind}-amount`, { currency })}</label>
              <input
                id="form-${kind}"
                inputmode="decimal"
                autocomplete="off"
                .value=${adjustment.value}
                aria-invalid=${this.#invalid(kind)}
                aria-describedby=${this.#describedBy(kind)}
                @input=${(event: Event) => set({ value: (event.target as HTMLInputElement).value })}
              />
            </div>`
        }
        ${this.#formError(kind)}
      </fieldset>
    `;
  }

  #textInput(name: 'matter', value: string, maxlength: number): TemplateResult {
    return html`<input
      id="form-${name}"
      autocomplete="off"
      maxlength=${maxlength}
      .value=${value}
      aria-invalid=${this.#invalid(name)}
      aria-describedby=${this.#describedBy(name)}
      @input=${(event: Event) => this.#setDraft({ [name]: (event.target as HTMLInputElement).value }, name)}
    />`;
  }

  #formError(field: string): TemplateResult | typeof nothing {
    const words = this.formErrors.get(field);
    return words ? html`<p class="field-error" id=${errorId(field)}>${words()}</p>` : nothing;
  }

  #invalid(field: string): 'true' | 'false' {
    return this.formErrors.has(field) ? 'true' : 'false';
  }

  #describedBy(field: string): string | typeof nothing {
    return this.formErrors.has(field) ? errorId(field) : nothing;
  }

  #setDraft(changes: Partial<InvoiceDraft>, ...fields: string[]): void {
    this.draft = { ...this.draft, ...changes };
    this.formErrors = without(this.formErrors, ...fields);
  }

  #addLine = async (): Promise<void> => {
    this.draft = { ...this.draft, lines: [...this.draft.lines, emptyLine()] };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#form-line-${this.draft.lines.length - 1}-description`)?.focus();
  };

  async #removeLine(index: number): Promise<void> {
    this.draft = { ...this.draft, lines: this.draft.lines.filter((_, n) => n !== index) };
    // Problems were placed by line number: the numbers after this one moved.
    this.formErrors = new Map([...this.formErrors].filter(([field]) => !field.startsWith('lines.')));
    this.#announce(() => t('invoices.announce.line-removed', { number: index + 1 }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#form-line-${Math.min(index, this.draft.lines.length - 1)}-description`)?.focus();
  }

  // Actions

  async #open(id: string): Promise<void> {
    this.#returnTo = id;
    this.itemId = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="back-button"]')?.focus();
  }

  #back = async (): Promise<void> => {
    const returnTo = this.#returnTo;
    this.#returnTo = undefined;
    this.itemId = '';
    await this.updateComplete;
    const row = returnTo ? this.renderRoot.querySelector<HTMLElement>(`[data-invoice-id="${CSS.escape(returnTo)}"] [part~="open-button"]`) : null;
    (row ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
  };

  #openElsewhere(screen: 'payments' | 'clients', itemId: string): void {
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen, itemId }));
  }

  #clearFilters = (): void => {
    this.status = 'all';
    this.contactId = '';
    this.account = '';
    this.dueFrom = '';
    this.dueTo = '';
  };

  #loadMore = async (client: ConsoleClient, cursor: string, signal: AbortSignal): Promise<void> => {
    const firstNew = this.invoices.length;
    const page = await client.invoices.list(
      {
        status: this.status,
        contactId: this.contactId || undefined,
        depositAccount: this.account || undefined,
        dueFrom: this.dueFrom || undefined,
        dueTo: this.dueTo || undefined,
        sort: this.sort,
        limit: pageLimit(this.pageSize),
        cursor,
      },
      { signal },
    );
    this.invoices = [...this.invoices, ...page.data];
    this.#more.cursor = page.nextCursor;
    this.#announce(() => t('invoices.announce.loaded', { count: page.data.length }));
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('[part~="open-button"]')[firstNew]?.focus();
  };

  async #openForm(invoice: FirmInvoiceDetail | undefined): Promise<void> {
    if (this.busy) return;
    this.editing = { invoiceId: invoice?.id ?? null };
    this.draft = invoice ? fromInvoice(invoice) : { ...emptyDraft(localToday()), contactId: this.contactId };
    this.formErrors = new Map();
    this.formAlert = undefined;
    this.alert = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus();
  }

  #closeForm = async (): Promise<void> => {
    this.#action?.abort();
    this.busy = false;
    this.editing = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.itemId ? '#invoice-heading' : '#heading')?.focus();
  };

  async #save(event: Event, currency: string): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const editing = this.editing;
    if (!client || !editing || this.busy) return;
    const { body, origins, problems } = toRequest(this.draft, currency, this.language);
    this.#origins = origins;
    if (problems.size) {
      this.formErrors = new Map([...problems].map(([field, problem]) => [field, () => problemWords(problem)]));
      this.formAlert = undefined;
      await this.#focusFirstError();
      return;
    }
    const request = this.#start();
    try {
      const { contactId, ...changes } = body;
      const saved = editing.invoiceId
        ? await client.invoices.update(editing.invoiceId, changes, { signal: request.signal })
        : await client.invoices.create({ ...changes, contactId }, { signal: request.signal });
      this.editing = undefined;
      this.dispatchEvent(new PortalConsoleInvoiceSavedEvent({ invoice: saved, created: editing.invoiceId === null }));
      this.#announce(() => t(editing.invoiceId ? 'invoices.announce.saved' : 'invoices.announce.created', { number: saved.number }));
      if (this.itemId === saved.id) void this.#invoice.run();
      else this.itemId = saved.id;
      void this.#list.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#invoice-heading')?.focus();
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#showFormProblem(error);
      await this.#focusFirstError();
    } finally {
      this.#finish(request);
    }
  }

  #showFormProblem(error: unknown): void {
    const errors = new Map<string, Words>();
    if (error instanceof ApiError) {
      for (const { field, message } of error.errors) {
        const name = formField(field, this.#origins);
        if (this.#formFieldExists(name)) errors.set(name, () => message);
      }
      if (error.code === 'contact_not_found') errors.set('contactId', () => t('invoices.form.client-not-found'));
    }
    this.formErrors = errors;
    this.formAlert = errors.size ? undefined : () => errorMessage(error);
  }

  #formFieldExists(name: string): boolean {
    return ['contactId', 'matter', 'issuedOn', 'dueOn', 'depositAccount', 'notes', 'lines', 'discount', 'tax'].includes(name) || /^lines\.\d+\.\w+$/.test(name);
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (target) target.focus();
    else this.renderRoot.querySelector<HTMLElement>('.alert:not(:empty)')?.focus();
  }

  async #send(invoice: FirmInvoiceDetail): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const request = this.#start();
    try {
      const sent = await client.invoices.send(invoice.id, { signal: request.signal });
      void this.#invoice.run();
      this.dispatchEvent(new PortalConsoleInvoiceSentEvent({ invoice: sent }));
      this.#announce(() => t('invoices.announce.sent', { number: sent.number }));
      void this.#list.run();
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => t('invoices.send-failed', { reason: errorMessage(error) });
    } finally {
      this.#finish(request);
    }
  }

  async #void(invoice: FirmInvoiceDetail): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const confirmed = await this.#confirm.ask({
      title: t('invoices.void.title', { number: invoice.number }),
      body: t('invoices.void.body'),
      confirm: t('invoices.void.confirm'),
      cancel: t('invoices.void.cancel'),
    });
    if (!confirmed) {
      this.renderRoot.querySelector<HTMLElement>('[part~="void-button"]')?.focus();
      return;
    }
    const request = this.#start();
    try {
      await client.invoices.void(invoice.id, undefined, { signal: request.signal });
      void this.#invoice.run();
      this.dispatchEvent(new PortalConsoleInvoiceVoidedEvent({ invoiceId: invoice.id, deleted: false }));
      this.#announce(() => t('invoices.announce.voided', { number: invoice.number }));
      void this.#list.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#invoice-heading')?.focus();
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => t('invoices.void-failed', { reason: errorMessage(error) });
    } finally {
      this.#finish(request);
    }
  }

  async #delete(invoice: FirmInvoiceDetail): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const confirmed = await this.#confirm.ask({
      title: t('invoices.delete.title', { number: invoice.number }),
      body: t('invoices.delete.body'),
      confirm: t('invoices.delete.confirm'),
      cancel: t('invoices.void.cancel'),
    });
    if (!confirmed) {
      this.renderRoot.querySelector<HTMLElement>('[part~="delete-button"]')?.focus();
      return;
    }
    const request = this.#start();
    try {
      await client.invoices.delete(invoice.id, { signal: request.signal });
      this.dispatchEvent(new PortalConsoleInvoiceVoidedEvent({ invoiceId: invoice.id, deleted: true }));
      this.#announce(() => t('invoices.announce.deleted', { number: invoice.number }));
      this.#returnTo = undefined;
      this.itemId = '';
      void this.#list.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => t('invoices.delete-failed', { reason: errorMessage(error) });
    } finally {
      this.#finish(request);
    }
  }

  async #openPayment(invoice: FirmInvoiceDetail): Promise<void> {
    this.paying = true;
    this.payment = { amount: moneyText(invoice.openBalance, invoice.currency), method: 'check', receivedOn: localToday(), reference: '' };
    this.paymentErrors = new Map();
    this.paymentAlert = undefined;
    this.#paymentKey = newKey();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#payment-amount')?.focus();
  }

  #closePayment = async (): Promise<void> => {
    this.#action?.abort();
    this.busy = false;
    this.paying = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="record-button"]')?.focus();
  };

  async #record(event: Event, invoice: FirmInvoiceDetail): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    const amount = parseMoney(this.payment.amount, invoice.currency, this.language);
    const errors = new Map<string, Words>();
    if (amount === undefined || amount <= 0) errors.set('amount', () => t('invoices.record.amount-invalid'));
    else if (amount > invoice.openBalance) {
      errors.set('amount', () => t('invoices.record.amount-too-much', { balance: formatMoney(invoice.openBalance, invoice.currency) }));
    }
    if (!this.payment.receivedOn) errors.set('receivedOn', () => t('invoices.problem.required'));
    this.paymentErrors = errors;
    if (errors.size) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="payment-form"] [aria-invalid="true"]')?.focus();
      return;
    }
    const request = this.#start();
    try {
      const reference = this.payment.reference.trim();
      const payment = await client.invoices.recordPayment(
        invoice.id,
        { amount: amount!, method: { type: this.payment.method, ...(reference ? { reference } : {}) }, receivedOn: this.payment.receivedOn },
        this.#paymentKey,
        { signal: request.signal },
      );
      this.paying = false;
      this.dispatchEvent(new PortalConsoleInvoicePaymentRecordedEvent({ invoiceId: invoice.id, payment }));
      this.#announce(() => t('invoices.announce.recorded', { amount: formatMoney(payment.amount, payment.currency), number: invoice.number }));
      void this.#invoice.run();
      void this.#list.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#invoice-heading')?.focus();
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#showPaymentProblem(error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="payment-form"] [aria-invalid="true"]')?.focus();
    } finally {
      this.#finish(request);
    }
  }

  #showPaymentProblem(error: unknown): void {
    const errors = new Map<string, Words>();
    if (error instanceof ApiError) {
      for (const { field, message } of error.errors) {
        if (['amount', 'method.type', 'method.reference', 'receivedOn'].includes(field)) errors.set(field, () => message);
      }
      // The balance is checked per allocation: here the one allocation is the amount.
      if (error.code === 'amount_exceeds_balance') errors.set('amount', () => error.detail);
      // A changed form is a new payment: it needs a key of its own.
      if (error.code === 'idempotency_key_reused') this.#paymentKey = newKey();
    }
    this.paymentErrors = errors;
    this.paymentAlert = errors.size ? undefined : () => errorMessage(error);
  }

  /** One action at a time: the previous one's request is dropped. */
  #start(): AbortController {
    this.#action?.abort();
    const request = new AbortController();
    this.#action = request;
    this.busy = true;
    this.alert = undefined;
    return request;
  }

  #finish(request: AbortController): void {
    if (this.#action !== request) return;
    this.#action = undefined;
    this.busy = false;
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  #announce(words: Words): void {
    this.announcement = undefined;
    void this.updateComplete.then(() => {
      this.announcement = words;
    });
  }
}

/** What happened to an invoice, oldest first, from its own dates and the payments applied. */
function historyOf(invoice: FirmInvoiceDetail): { at: string; words: Words }[] {
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const entries: { at: string; words: Words }[] = [{ at: invoice.createdAt, words: () => t('invoices.history.created') }];
  if (invoice.sentAt) entries.push({ at: invoice.sentAt, words: () => t('invoices.history.sent') });
  for (const payment of invoice.payments) {
    entries.push({
      at: payment.date,
      words: () => t('invoices.history.payment', { amount: money(payment.amount), method: methodLabel(payment.method.type), receipt: payment.receiptNumber }),
    });
  }
  if (invoice.voidedAt) {
    const reason = invoice.voidReason;
    entries.push({ at: invoice.voidedAt, words: () => (reason ? t('invoices.history.voided-because', { reason }) : t('invoices.history.voided')) });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

function statusLabel(status: FirmInvoiceStatus): string {
  return Object.hasOwn(statusTone, status) ? t(`invoices.status.${status}`) : status;
}

function filterLabel(filter: FirmInvoiceFilter): string {
  if (filter === 'all') return t('invoices.filter.all');
  if (filter === 'unpaid') return t('invoices.filter.unpaid');
  return statusLabel(filter);
}

const methodKeys = {
  card: 'invoices.method.card',
  us_bank_account: 'invoices.method.us_bank_account',
  check: 'invoices.method.check',
  wire: 'invoices.method.wire',
  cash: 'invoices.method.cash',
  other: 'invoices.method.other',
} as const;

function methodLabel(type: string): string {
  return Object.hasOwn(methodKeys, type) ? t(methodKeys[type as keyof typeof methodKeys]) : type;
}

function problemWords(problem: DraftProblem): string {
  return t(`invoices.problem.${problem}`);
}

/** A map without the given keys (a new map, for Lit to see the change). */
function without<V>(map: ReadonlyMap<string, V>, ...keys: string[]): ReadonlyMap<string, V> {
  if (!keys.some((key) => map.has(key))) return map;
  const next = new Map(map);
  for (const key of keys) next.delete(key);
  return next;
}

function errorId(field: string): string {
  return `form-${field.replace(/\./g, '-')}-error`;
}

/** A fresh Idempotency-Key; `randomUUID` only exists on secure pages, so an intranet over plain HTTP gets random bytes. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}
