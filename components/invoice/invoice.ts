import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { Branding, InvoiceDetail } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { safeFileName, saveFile } from '../base/save-file.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { DownloadsController } from '../controllers/downloads-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { withLanguage } from '../i18n/language.ts';
import { t } from './invoice-messages.ts';
import { paymentMethodLabel, paymentStatusLabel, paymentStatusTone } from '../payments/payment-labels.ts';
import { alertStyles, badgeStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalPayRequestEvent } from './events.ts';
import { invoiceDocument } from './invoice-document.ts';
import { adjustments, chargeColumns, chargeLines, invoiceStatusLabel, invoiceStatusTone, quantityAndRate } from './invoice-labels.ts';
import { invoiceStyles } from './invoice.styles.ts';

interface LoadedInvoice {
  invoice: InvoiceDetail;
  /** The firm's branding, when it had to be loaded here (outside `<portal-session>`). */
  branding: Branding | undefined;
  /** The charge autopay has scheduled for the invoice, if any. */
  autopay: { amount: number; currency: string; on: string } | undefined;
}

/**
 * One invoice: who it is from, its number, matter, status and dates; the charges (date,
 * description, quantity × rate, amount), discounts and tax; subtotal and total; the payments
 * applied (date, method, receipt, status, amount); and the balance. While something is owed, a
 * "Pay now" button at the top and another at the bottom ask the page to take a payment
 * (`portal-pay-request`). A trust retainer request (money paid into the firm's trust account)
 * says so.
 *
 * "Print" prints the page with a print-friendly layout (no buttons, black on white); "Download"
 * saves a self-contained HTML copy of the invoice, named after its number; "Download PDF" saves
 * the service's PDF of it (`Invoice-<number>.pdf`, in the element's language), and says so in a
 * live region (or why it could not, in an alert).
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-invoice
 *
 * @event portal-plan-created - The client put the invoice on a payment plan (from `<portal-invoice-plan>`).
 * @event portal-plan-cancelled - The client cancelled the invoice's payment plan (from `<portal-invoice-plan>`).
 * @event portal-pay-request - The client pressed "Pay now". `detail.invoiceIds` (this invoice), `detail.amount` (what can be paid now, in minor units).
 *
 * @csspart base - The invoice.
 * @csspart header - Firm, number, status, facts and actions.
 * @csspart firm - The firm's name.
 * @csspart heading - The heading with the invoice number.
 * @csspart status - The status badge.
 * @csspart facts - Matter, dates and balance.
 * @csspart actions - The buttons at the top.
 * @csspart pay-button - Both "Pay now" buttons (also `pay-button-top` and `pay-button-bottom`).
 * @csspart print-button - The "Print" button.
 * @csspart download-button - The "Download" button.
 * @csspart pdf-button - The "Download PDF" button.
 * @csspart pdf-error - The alert shown when the PDF could not be downloaded.
 * @csspart announcer - The live region that says the PDF was downloaded.
 * @csspart trust-note - The explanation on a trust retainer request.
 * @csspart void-note - The note on a void invoice.
 * @csspart autopay-note - "Autopay will charge … on …", when autopay has scheduled the invoice's charge.
 * @csspart plan - The payment plan panel (`<portal-invoice-plan>`): the plan the invoice is on, or "Pay over time".
 * @csspart lines - The table of charges.
 * @csspart totals - The table of subtotal, discounts, tax, total, payments and balance.
 * @csspart payments - The table of payments applied.
 * @csspart notes - The firm's notes.
 * @csspart footer - The balance and the bottom "Pay now" button.
 * @csspart skeleton - The placeholder shown while the invoice loads.
 * @csspart error - The panel shown when the invoice cannot be loaded.
 * @csspart not-found - The panel shown when there is no such invoice.
 * @csspart retry-button - The button that tries again.
 *
 * @cssprop --portal-invoice-background - Background (default `--portal-color-surface`).
 * @cssprop --portal-invoice-border-color - Border (default `--portal-color-divider`).
 * @cssprop --portal-invoice-padding - Space inside the border (default one and a quarter `--portal-space`).
 * @cssprop --portal-invoice-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-invoice-pay-background - "Pay now" background (default `--portal-color-brand`).
 * @cssprop --portal-invoice-pay-color - "Pay now" text (default `--portal-color-brand-contrast`).
 *
 * @cssstate loading - The invoice is loading.
 * @cssstate error - The invoice could not be loaded.
 * @cssstate payable - Something can be paid now.
 */
export class PortalInvoice extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, badgeStyles, invoiceStyles];

  /** The invoice to show (its `id`, e.g. `inv_…`). */
  @property({ attribute: 'invoice-id', reflect: true }) invoiceId = '';

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
  /** Why the PDF could not be downloaded, in the current language; cleared by the next try. */
  @state() private pdfError: (() => string) | undefined;

  readonly #invoice = new Task(this, {
    task: async ([client, , invoiceId], { signal }): Promise<LoadedInvoice | undefined> => {
      if (!invoiceId) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const [invoice, branding, autopay] = await Promise.all([
        client.invoices.get(invoiceId, { signal }),
        // Only the firm's name is needed, so a failure here costs nothing but the name.
        this.sessionBranding ? undefined : client.branding({ signal }).catch(() => undefined),
        // Only adds a line: the invoice reads the same without it.
        this.sessionBranding && !this.sessionBranding.autopay?.enabled ? undefined : scheduledAutopay(client, invoiceId, signal),
      ]);
      return { invoice, branding, autopay };
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.invoiceId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** The invoice shown, once loaded. */
  get invoice(): InvoiceDetail | undefined {
    return this.#invoice.value?.invoice;
  }

  /** Loads the invoice again, e.g. after a payment. */
  refresh(): Promise<unknown> {
    return this.#invoice.run();
  }

  /** Moves focus to the invoice's heading (or, while it loads, to the element's first content). */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot?.querySelector<HTMLElement>('#heading, [part~="error"] h2, [part~="not-found"] h2, .skeleton');
    if (target) target.focus(options);
    else super.focus(options);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#invoice.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'payable', status === TaskStatus.COMPLETE && (this.invoice?.openBalance ?? 0) > 0);
  }

  protected override render(): TemplateResult | typeof nothing {
    return this.#invoice.render({
      initial: () => nothing,
      pending: () => this.#renderSkeleton(),
      complete: (loaded) => (loaded ? this.#renderInvoice(loaded.invoice, this.sessionBranding ?? loaded.branding, loaded.autopay) : nothing),
      error: (error) => this.#renderFailure(error),
    }) as TemplateResult | typeof nothing;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton panel" part="skeleton" tabindex="-1">
        <span class="visually-hidden" role="status">${t('invoice.loading')}</span>
        <span class="skeleton-block title" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
        <span class="skeleton-block tall" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    if (error instanceof ApiError && error.status === 404) {
      return html`
        <div class="panel" part="not-found">
          <h2 tabindex="-1">${t('invoice.error-heading')}</h2>
          <p role="alert">${t('invoice.not-found')}</p>
        </div>
      `;
    }
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="panel" part="error">
        <h2 tabindex="-1">${t('invoice.error-heading')}</h2>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${
          configured
            ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>`
            : nothing
        }
      </div>
    `;
  }

  #renderInvoice(invoice: InvoiceDetail, branding: Branding | undefined, autopay: LoadedInvoice['autopay']): TemplateResult {
    const firmName = branding?.name;
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const trust = invoice.depositAccount === 'trust';
    const payable = invoice.openBalance > 0 && invoice.status !== 'void';
    const charges = chargeLines(invoice);
    const columns = chargeColumns(charges);
    return html`
      <article class="base" part="base" aria-labelledby="heading">
        <header class="header" part="header">
          ${firmName ? html`<p class="firm" part="firm">${firmName}</p>` : nothing}
          <div class="title">
            <h2 id="heading" part="heading" tabindex="-1">
              ${trust ? t('invoice.heading-trust', { number: invoice.number }) : t('invoice.heading', { number: invoice.number })}
            </h2>
            <span class="badge" part="status" data-tone=${invoiceStatusTone(invoice.status)}>
              <span class="visually-hidden">${t('invoice.status')}:</span> ${invoiceStatusLabel(invoice.status)}
            </span>
          </div>
          <dl class="facts" part="facts">
            ${invoice.matter ? html`<div><dt>${t('invoice.matter')}</dt><dd>${invoice.matter}</dd></div>` : nothing}
            <div><dt>${t('invoice.issued')}</dt><dd>${formatDate(invoice.issuedOn)}</dd></div>
            <div><dt>${t('invoice.due')}</dt><dd>${formatDate(invoice.dueOn)}</dd></div>
            <div><dt>${t('invoice.totals.balance')}</dt><dd>${money(invoice.balance)}</dd></div>
          </dl>
          <div class="actions" part="actions">
            ${payable ? this.#payButton(invoice, 'top') : nothing}
            <button class="button secondary" part="print-button" type="button" @click=${this.#print}>${t('invoice.print')}</button>
            <button class="button secondary" part="download-button" type="button" @click=${this.#download}>${t('invoice.download')}</button>
            ${this.#pdfButton(invoice)}
          </div>
          ${this.pdfError ? html`<div class="alert" part="pdf-error" role="alert"><p>${this.pdfError()}</p></div>` : nothing}
          <p class="visually-hidden" part="announcer" role="status">${this.#announcer.text}</p>
        </header>

        ${trust ? html`<p class="note" part="trust-note">${t('invoice.trust-note')}</p>` : nothing}
        ${
          invoice.status === 'void' && invoice.voidedAt
            ? html`<p class="note" part="void-note">${t('invoice.voided', { date: formatDate(invoice.voidedAt) })}</p>`
            : nothing
        }
        ${
          autopay && payable
            ? html`<p class="note" part="autopay-note">
                ${t('autopay.invoice-note', { amount: formatMoney(autopay.amount, autopay.currency), date: formatDate(autopay.on) })}
              </p>`
            : nothing
        }
        ${
          branding?.plans?.enabled
            ? html`<portal-invoice-plan
                part="plan"
                exportparts="start-button, confirm-button, cancel-button"
                .invoice=${invoice}
                .client=${this.client}
                .api=${this.api}
                .firm=${this.firm}
              ></portal-invoice-plan>`
            : nothing
        }

        <h3 id="charges-heading">${t('invoice.lines.caption')}</h3>
        ${
          charges.length
            ? html`<table class="lines" part="lines" role="table" aria-labelledby="charges-heading">
              <thead role="rowgroup">
                <tr role="row">
                  ${columns.date ? html`<th role="columnheader" scope="col">${t('invoice.lines.date')}</th>` : nothing}
                  <th role="columnheader" scope="col">${t('invoice.lines.description')}</th>
                  ${columns.quantity ? html`<th role="columnheader" scope="col" class="quantity">${t('invoice.lines.quantity')}</th>` : nothing}
                  <th role="columnheader" scope="col" class="amount">${t('invoice.lines.amount')}</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                ${charges.map(
                  (line) => html`<tr role="row">
                    ${columns.date ? html`<td role="cell" class="date">${line.date ? formatDate(line.date) : ''}</td>` : nothing}
                    <td role="cell" class="description">${line.description}</td>
                    ${columns.quantity ? html`<td role="cell" class="quantity">${quantityAndRate(line, invoice.currency)}</td>` : nothing}
                    <td role="cell" class="amount">${money(line.amount)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
            : html`<p class="muted">${t('invoice.lines.none')}</p>`
        }

        <table class="totals" part="totals" aria-label=${t('invoice.totals.caption')}>
          <tbody>
            <tr><th scope="row">${t('invoice.totals.subtotal')}</th><td class="amount">${money(invoice.subtotal)}</td></tr>
            ${adjustments(invoice).map(({ label, amount }) => html`<tr><th scope="row">${label}</th><td class="amount">${money(amount)}</td></tr>`)}
            <tr class="strong"><th scope="row">${t('invoice.totals.total')}</th><td class="amount">${money(invoice.total)}</td></tr>
            ${
              invoice.amountPaid
                ? html`<tr><th scope="row">${t('invoice.totals.paid')}</th><td class="amount">${money(-invoice.amountPaid)}</td></tr>`
                : nothing
            }
            <tr class="strong"><th scope="row">${t('invoice.totals.balance')}</th><td class="amount">${money(invoice.balance)}</td></tr>
            ${
              invoice.amountPending
                ? html`<tr><th scope="row">${t('invoice.totals.pending')}</th><td class="amount">${money(-invoice.amountPending)}</td></tr>
                  <tr><th scope="row">${t('invoice.totals.payable')}</th><td class="amount">${money(invoice.openBalance)}</td></tr>`
                : nothing
            }
          </tbody>
        </table>

        <h3 id="payments-heading">${t('invoice.payments.caption')}</h3>
        ${
          invoice.payments.length
            ? html`<table class="applied" part="payments" role="table" aria-labelledby="payments-heading">
              <thead role="rowgroup">
                <tr role="row">
                  <th role="columnheader" scope="col">${t('invoice.payments.date')}</th>
                  <th role="columnheader" scope="col">${t('invoice.payments.method')}</th>
                  <th role="columnheader" scope="col">${t('invoice.payments.receipt')}</th>
                  <th role="columnheader" scope="col">${t('invoice.payments.status')}</th>
                  <th role="columnheader" scope="col" class="amount">${t('invoice.payments.amount')}</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                ${invoice.payments.map(
                  (payment) => html`<tr role="row">
                    <td role="cell" class="date">${formatDate(payment.date)}</td>
                    <td role="cell" class="method">${paymentMethodLabel(payment.method)}</td>
                    <td role="cell" class="receipt">${payment.receiptNumber}</td>
                    <td role="cell" class="status"><span class="badge" data-tone=${paymentStatusTone(payment.status)}>${paymentStatusLabel(payment.status)}</span></td>
                    <td role="cell" class="amount">${money(payment.amount)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
            : html`<p class="muted">${t('invoice.payments.none')}</p>`
        }

        ${
          invoice.notes
            ? html`<h3>${t('invoice.notes')}</h3>
              <p class="notes" part="notes">${invoice.notes}</p>`
            : nothing
        }

        <div class="footer" part="footer">
          <p class="balance">
            ${t('invoice.totals.balance')}: <strong>${money(invoice.balance)}</strong>
            ${
              payable && invoice.openBalance !== invoice.balance
                ? html`<span class="pay-amount">${t('invoice.pay-amount', { amount: money(invoice.openBalance) })}</span>`
                : nothing
            }
          </p>
          ${payable ? this.#payButton(invoice, 'bottom') : nothing}
        </div>
      </article>
    `;
  }

  #payButton(invoice: InvoiceDetail, position: 'top' | 'bottom'): TemplateResult {
    return html`<button
      class="button pay-button"
      part="pay-button pay-button-${position}"
      type="button"
      @click=${() => this.dispatchEvent(new PortalPayRequestEvent({ invoiceIds: [invoice.id], amount: invoice.openBalance }))}
    >
      ${t('invoice.pay-now')}
    </button>`;
  }

  #print(): void {
    window.print();
  }

  #pdfButton(invoice: InvoiceDetail): TemplateResult {
    const busy = this.#downloads.has(invoice.id);
    return html`<button
      class="button secondary"
      part="pdf-button"
      type="button"
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => void this.#downloadPdf(invoice)}
    >
      ${busy ? t('invoice.pdf-downloading') : t('invoice.pdf')}
    </button>`;
  }

  async #downloadPdf(invoice: InvoiceDetail): Promise<void> {
    const client = this.#api.value;
    if (!client) return;
    const fallbackName = `Invoice-${safeFileName(invoice.number, 'invoice')}.pdf`;
    await this.#downloads.save(invoice.id, fallbackName, () => client.invoices.pdf(invoice.id, { language: this.language }), {
      started: () => (this.pdfError = undefined),
      saved: () => void this.#announcer.announce(() => t('invoice.pdf-downloaded', { number: invoice.number })),
      failed: (error) => (this.pdfError = () => t('invoice.pdf-error', { reason: errorMessage(error) })),
    });
  }

  #download(): void {
    const loaded = this.#invoice.value;
    if (!loaded) return;
    const { invoice } = loaded;
    const firmName = this.sessionBranding?.name ?? loaded.branding?.name;
    const document = withLanguage(this.language, () => invoiceDocument(invoice, firmName, this.language));
    saveFile(new Blob([document], { type: 'text/html;charset=utf-8' }), `${safeFileName(invoice.number, 'invoice')}.html`);
  }
}

/** The charge autopay has scheduled for the invoice, read from the client's active enrolments. */
async function scheduledAutopay(client: ApiClient, invoiceId: string, signal: AbortSignal): Promise<LoadedInvoice['autopay']> {
  try {
    for (const enrolment of await client.autopay.list({ status: 'active' }, { signal })) {
      const charge = enrolment.charges.find((candidate) => candidate.invoiceId === invoiceId && candidate.status === 'scheduled' && candidate.amount > 0);
      if (charge) return { amount: charge.amount, currency: enrolment.currency, on: charge.attemptOn };
    }
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return undefined;
}
