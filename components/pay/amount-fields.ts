import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AllocationRequest, InvoiceSummary } from '../api/types.ts';
import { formatDate, formatMoney } from '../i18n/format.ts';
import { t } from './pay-messages.ts';
import { inputValue, textField, type Message } from './fields.ts';
import { allocateOldestFirst, currencySymbol, formatMoneyInput, oldestDueFirst, parseMoney } from './money.ts';

/** The total amount's input, in the element's shadow root. */
export const totalFieldId = 'amount-total';

/** The input of one invoice's share of the payment. */
export const allocationFieldId = (invoiceId: string) => `amount-${invoiceId}`;

export interface AmountSetup {
  invoices: readonly InvoiceSummary[];
  currency: string;
  /** The firm's smallest payment, in minor units. */
  minimum: number;
  /** The amount to start with, in minor units (the total open balance when absent). */
  suggested?: number | undefined;
}

/**
 * What the client pays: the open balance by default, or any amount from the firm's minimum up to
 * the open balance, typed as money in the firm's currency. With several invoices the amount is
 * applied oldest due first, and the client can change each invoice's share.
 */
export class AmountFields implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #language: () => string;
  readonly #onChange: () => void;
  #invoices: InvoiceSummary[] = [];
  #currency = 'USD';
  #minimum = 0;
  #totalText = '';
  #shareTexts = new Map<string, string>();
  #totalError: Message | undefined;
  #shareErrors = new Map<string, Message>();

  constructor(host: ReactiveControllerHost, language: () => string, onChange: () => void) {
    this.#host = host;
    this.#language = language;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Starts over with these invoices (oldest due first) and the suggested amount. */
  setUp({ invoices, currency, minimum, suggested }: AmountSetup): void {
    this.#invoices = oldestDueFirst(invoices);
    this.#currency = currency;
    this.#minimum = minimum;
    const open = this.openBalance;
    const amount = suggested !== undefined && suggested > 0 && suggested <= open ? suggested : open;
    this.#fill(amount);
    this.#totalError = undefined;
    this.#shareErrors.clear();
    this.#host.requestUpdate();
  }

  get invoices(): readonly InvoiceSummary[] {
    return this.#invoices;
  }

  get currency(): string {
    return this.#currency;
  }

  /** What can be paid now on all the invoices, in minor units. */
  get openBalance(): number {
    return this.#invoices.reduce((sum, invoice) => sum + invoice.openBalance, 0);
  }

  /** The smallest amount the client may pay: the firm's minimum, or everything owed when that is less. */
  get minimum(): number {
    return Math.min(this.#minimum, this.openBalance);
  }

  /** The total as typed, in minor units; undefined while it is not an amount. */
  get total(): number | undefined {
    return parseMoney(this.#totalText, this.#currency, this.#language());
  }

  /** Each invoice's share, leaving out invoices that get nothing. */
  allocations(): AllocationRequest[] {
    return this.#invoices.map((invoice) => ({ invoiceId: invoice.id, amount: this.#share(invoice) ?? 0 })).filter((allocation) => allocation.amount > 0);
  }

  /** The input of the first amount with a problem. */
  get firstInvalidId(): string | undefined {
    if (this.#totalError) return totalFieldId;
    const invoice = this.#invoices.find((candidate) => this.#shareErrors.has(candidate.id));
    return invoice ? allocationFieldId(invoice.id) : undefined;
  }

  /** Checks the total and every share, showing each problem; true when there is none. */
  validate(): boolean {
    this.#checkTotal();
    for (const invoice of this.#invoices) this.#checkShare(invoice);
    this.#host.requestUpdate();
    return this.firstInvalidId === undefined;
  }

  /** Shows the service's objection next to the amount it is about (an invoice's share, or the total). */
  showError(message: Message, invoiceId?: string): void {
    if (invoiceId && this.#invoices.length > 1 && this.#invoices.some((invoice) => invoice.id === invoiceId)) {
      this.#shareErrors.set(invoiceId, message);
    } else {
      this.#totalError = message;
    }
    this.#host.requestUpdate();
  }

  /** Takes an invoice's new open balance, after the service said part of it is already being paid. */
  setOpenBalance(invoiceId: string, openBalance: number): void {
    this.#invoices = this.#invoices.map((invoice) => (invoice.id === invoiceId ? { ...invoice, openBalance } : invoice));
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const money = (amount: number) => formatMoney(amount, this.#currency);
    const several = this.#invoices.length > 1;
    const symbol = currencySymbol(this.#currency, this.#language());
    return html`
      <fieldset class="amount" part="amount">
        <legend class="section-title">${t('pay.amount.legend')}</legend>
        ${
          several
            ? nothing
            : html`<p class="invoice-line" part="invoice">
              ${t('pay.amount.invoice', { number: this.#invoices[0]?.number ?? '', balance: money(this.openBalance) })}
            </p>`
        }
        ${textField({
          id: totalFieldId,
          label: several ? t('pay.amount.total') : t('pay.amount.label'),
          hint:
            this.minimum < this.openBalance
              ? t('pay.amount.hint', { minimum: money(this.minimum), maximum: money(this.openBalance) })
              : t('pay.amount.hint-full', { amount: money(this.openBalance) }),
          value: this.#totalText,
          error: this.#totalError,
          prefix: symbol,
          autocomplete: 'off',
          inputmode: 'decimal',
          maxlength: 20,
          onInput: (event) => this.#typeTotal(inputValue(event)),
          onBlur: () => this.#leaveTotal(),
        })}
        ${several ? this.#shares(money, symbol) : nothing}
      </fieldset>
    `;
  }

  #shares(money: (amount: number) => string, symbol: string): TemplateResult {
    return html`
      <div class="allocations" part="allocations" role="group" aria-labelledby="allocations-heading">
        <h3 id="allocations-heading" class="subsection-title">${t('pay.amount.allocations')}</h3>
        <p class="hint">${t('pay.amount.allocations-hint')}</p>
        ${this.#invoices.map((invoice) =>
          textField({
            id: allocationFieldId(invoice.id),
            label: t('pay.amount.share', { number: invoice.number }),
            hint: t('pay.amount.share-hint', { due: formatDate(invoice.dueOn), balance: money(invoice.openBalance) }),
            value: this.#shareTexts.get(invoice.id) ?? '',
            error: this.#shareErrors.get(invoice.id),
            prefix: symbol,
            autocomplete: 'off',
            inputmode: 'decimal',
            maxlength: 20,
            required: false,
            onInput: (event) => this.#typeShare(invoice, inputValue(event)),
            onBlur: () => this.#leaveShare(invoice),
          }),
        )}
      </div>
    `;
  }

  #format(amount: number): string {
    return formatMoneyInput(amount, this.#currency, this.#language());
  }

  #fill(amount: number): void {
    this.#totalText = this.#format(amount);
    const shares = allocateOldestFirst(amount, this.#invoices);
    this.#shareTexts = new Map(this.#invoices.map((invoice) => [invoice.id, this.#format(shares.get(invoice.id) ?? 0)]));
  }

  #share(invoice: InvoiceSummary): number | undefined {
    const text = this.#shareTexts.get(invoice.id) ?? '';
    if (!text.trim()) return 0;
    return parseMoney(text, this.#currency, this.#language());
  }

  #typeTotal(text: string): void {
    this.#totalText = text;
    const total = this.total;
    // The shares follow the total, oldest due first, as long as it is an amount.
    if (total !== undefined) {
      const shares = allocateOldestFirst(total, this.#invoices);
      this.#shareTexts = new Map(this.#invoices.map((invoice) => [invoice.id, this.#format(shares.get(invoice.id) ?? 0)]));
      this.#shareErrors.clear();
    }
    if (this.#totalError) this.#checkTotal();
    this.#host.requestUpdate();
    this.#onChange();
  }

  #leaveTotal(): void {
    const total = this.total;
    if (total !== undefined) this.#totalText = this.#format(total);
    this.#checkTotal();
    this.#host.requestUpdate();
    this.#onChange();
  }

  #typeShare(invoice: InvoiceSummary, text: string): void {
    this.#shareTexts.set(invoice.id, text);
    // The total follows the shares when every share is an amount.
    const shares = this.#invoices.map((candidate) => this.#share(candidate));
    if (shares.every((share) => share !== undefined)) {
      this.#totalText = this.#format(shares.reduce<number>((sum, share) => sum + (share ?? 0), 0));
      if (this.#totalError) this.#checkTotal();
    }
    if (this.#shareErrors.has(invoice.id)) this.#checkShare(invoice);
    this.#host.requestUpdate();
    this.#onChange();
  }

  #leaveShare(invoice: InvoiceSummary): void {
    const share = this.#share(invoice);
    if (share !== undefined) this.#shareTexts.set(invoice.id, this.#format(share));
    this.#checkShare(invoice);
    this.#host.requestUpdate();
    this.#onChange();
  }

  #checkTotal(): void {
    const money = (amount: number) => formatMoney(amount, this.#currency, this.#language());
    const total = this.total;
    const minimum = this.minimum;
    const maximum = this.openBalance;
    if (!this.#totalText.trim()) this.#totalError = () => t('pay.amount.error.required');
    else if (total === undefined) this.#totalError = () => t('pay.amount.error.invalid');
    else if (total === 0) this.#totalError = () => t('pay.amount.error.required');
    else if (total < minimum) this.#totalError = () => t('pay.amount.error.minimum', { minimum: money(minimum) });
    else if (total > maximum) this.#totalError = () => t('pay.amount.error.maximum', { maximum: money(maximum) });
    else this.#totalError = undefined;
  }

  #checkShare(invoice: InvoiceSummary): void {
    const share = this.#share(invoice);
    if (share === undefined) this.#shareErrors.set(invoice.id, () => t('pay.amount.error.invalid'));
    else if (share > invoice.openBalance) {
      const maximum = formatMoney(invoice.openBalance, this.#currency, this.#language());
      this.#shareErrors.set(invoice.id, () => t('pay.amount.error.share-maximum', { maximum }));
    } else this.#shareErrors.delete(invoice.id);
  }
}
