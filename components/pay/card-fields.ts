import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CardDetails } from '../api/types.ts';
import { t } from './pay-messages.ts';
import type { PayMessageKey } from './pay-messages.ts';
import { cardBrandName } from '../payments/payment-labels.ts';
import {
  caretAfterDigits,
  cardNumberProblem,
  cvcMaxLength,
  cvcProblem,
  detectBrand,
  digitsOf,
  expiryProblem,
  formatCardNumber,
  formatExpiry,
  maxCardLength,
  parseExpiry,
  postalCodeProblem,
  type CardBrand,
} from './card-format.ts';
import { inputValue, textField, type Message } from './fields.ts';

export type CardField = 'name' | 'number' | 'expiry' | 'cvc' | 'postalCode';

export type CardValues = Record<CardField, string>;

const fieldOrder: readonly CardField[] = ['name', 'number', 'expiry', 'cvc', 'postalCode'];

const emptyCard: CardValues = { name: '', number: '', expiry: '', cvc: '', postalCode: '' };

/** The input of each card field, in the element's shadow root. */
export const cardFieldIds: Record<CardField, string> = {
  name: 'card-name',
  number: 'card-number',
  expiry: 'card-expiry',
  cvc: 'card-cvc',
  postalCode: 'card-postal-code',
};

// Stripe's codes for card details it refuses, in the client's words.
const processorMessages: Record<string, PayMessageKey> = {
  invalid_number: 'pay.card.error.number-invalid',
  incorrect_number: 'pay.card.error.number-invalid',
  incomplete_number: 'pay.card.error.number-incomplete',
  invalid_expiry_month: 'pay.card.error.expiry-invalid',
  invalid_expiry_year: 'pay.card.error.expiry-invalid',
  invalid_expiry_year_past: 'pay.card.error.expiry-past',
  expired_card: 'pay.card.error.expiry-past',
  invalid_cvc: 'pay.card.error.cvc-invalid',
  incorrect_cvc: 'pay.card.error.cvc-invalid',
  incorrect_zip: 'pay.card.error.postal-code-invalid',
};

/** The card field a processor error's `param` names (`card[number]`, `billing_details[address][postal_code]`…). */
export function cardFieldOfParam(param: string | undefined): CardField | undefined {
  const path = (param ?? '').replace(/\[(\w+)\]/g, '.$1');
  if (path === 'card.number') return 'number';
  if (path === 'card.exp_month' || path === 'card.exp_year') return 'expiry';
  if (path === 'card.cvc') return 'cvc';
  if (path.endsWith('postal_code')) return 'postalCode';
  if (path.endsWith('name')) return 'name';
  return undefined;
}

/**
 * The card form of `<portal-pay>`: name on card, number (grouped as typed, brand shown, checked
 * with Luhn when the client leaves it), expiry `MM / YY` (slash added, not in the past), security
 * code (3 digits, 4 for American Express) and billing ZIP code. A field is checked when the client
 * leaves it and then as they type, and every field on submit.
 *
 * The details are only ever sent to the processor's tokenization endpoint.
 */
export class CardFields implements ReactiveController {
  values: CardValues = { ...emptyCard };
  readonly #host: ReactiveControllerHost;
  #errors: Partial<Record<CardField, Message>> = {};
  readonly #checked = new Set<CardField>();
  readonly #now: () => Date;

  constructor(host: ReactiveControllerHost, now: () => Date = () => new Date()) {
    this.#host = host;
    this.#now = now;
    host.addController(this);
  }

  hostConnected(): void {}

  get brand(): CardBrand {
    return detectBrand(this.values.number);
  }

  /** The fields that have a problem, in the form's order. */
  get invalidFields(): CardField[] {
    return fieldOrder.filter((field) => this.#errors[field]);
  }

  /** Checks every field and shows each problem; true when there is none. */
  validate(): boolean {
    for (const field of fieldOrder) {
      this.#checked.add(field);
      this.#check(field);
    }
    this.#host.requestUpdate();
    return this.invalidFields.length === 0;
  }

  /** Shows the processor's refusal next to the field it is about; false when it is about none of them. */
  showProcessorError(param: string | undefined, code: string, message: string): boolean {
    const field = cardFieldOfParam(param) ?? (code === 'incorrect_cvc' ? 'cvc' : code === 'expired_card' ? 'expiry' : undefined);
    if (!field) return false;
    const key = processorMessages[code];
    this.#errors = { ...this.#errors, [field]: key ? () => t(key) : () => message };
    this.#checked.add(field);
    this.#host.requestUpdate();
    return true;
  }

  /** The details for the processor (digits only, four-digit year). */
  details(): CardDetails {
    const expiry = parseExpiry(this.values.expiry) ?? { month: 0, year: 0 };
    return {
      number: digitsOf(this.values.number),
      exp_month: expiry.month,
      exp_year: expiry.year,
      cvc: this.values.cvc,
      name: this.values.name.trim(),
      postalCode: this.values.postalCode.trim(),
    };
  }

  /**
   * Forgets the card after a payment with it failed: the client enters a card afresh (usually
   * another one) rather than sending the declined one again. The name and ZIP code stay.
   */
  clearCard(): void {
    this.values = { ...this.values, number: '', expiry: '', cvc: '' };
    for (const field of ['number', 'expiry', 'cvc'] as const) {
      this.#checked.delete(field);
      delete this.#errors[field];
    }
    this.#host.requestUpdate();
  }

  reset(): void {
    this.values = { ...emptyCard };
    this.#errors = {};
    this.#checked.clear();
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const brand = this.brand;
    const amex = brand === 'amex';
    return html`
      <div class="card-fields" part="card-fields">
        ${textField({
          id: cardFieldIds.name,
          label: t('pay.card.name'),
          value: this.values.name,
          error: this.#errors.name,
          autocomplete: 'cc-name',
          maxlength: 200,
          onInput: (event) => this.#set('name', inputValue(event)),
          onBlur: () => this.#leave('name'),
        })}
        ${textField({
          id: cardFieldIds.number,
          label: t('pay.card.number'),
          value: this.values.number,
          error: this.#errors.number,
          adornment: brand === 'unknown' ? undefined : html`<span class="card-brand" part="card-brand" data-brand=${brand}>${cardBrandName(brand)}</span>`,
          autocomplete: 'cc-number',
          inputmode: 'numeric',
          maxlength: maxCardLength(brand) + 4,
          onInput: (event) => this.#typeNumber(event),
          onBlur: () => this.#leave('number'),
        })}
        <div class="field-row">
          ${textField({
            id: cardFieldIds.expiry,
            label: t('pay.card.expiry'),
            hint: t('pay.card.expiry-hint'),
            value: this.values.expiry,
            error: this.#errors.expiry,
            autocomplete: 'cc-exp',
            inputmode: 'numeric',
            maxlength: 7,
            onInput: (event) => this.#typeExpiry(event),
            onBlur: () => this.#leave('expiry'),
          })}
          ${textField({
            id: cardFieldIds.cvc,
            label: t('pay.card.cvc'),
            hint: t(amex ? 'pay.card.cvc-hint-amex' : brand === 'unknown' ? 'pay.card.cvc-hint-any' : 'pay.card.cvc-hint'),
            value: this.values.cvc,
            error: this.#errors.cvc,
            autocomplete: 'cc-csc',
            inputmode: 'numeric',
            maxlength: cvcMaxLength(brand),
            onInput: (event) => this.#set('cvc', digitsOf(inputValue(event)).slice(0, cvcMaxLength(brand)), event),
            onBlur: () => this.#leave('cvc'),
          })}
        </div>
        ${textField({
          id: cardFieldIds.postalCode,
          label: t('pay.card.postal-code'),
          value: this.values.postalCode,
          error: this.#errors.postalCode,
          autocomplete: 'postal-code',
          inputmode: 'numeric',
          maxlength: 10,
          onInput: (event) => this.#set('postalCode', inputValue(event)),
          onBlur: () => this.#leave('postalCode'),
        })}
      </div>
    `;
  }

  #set(field: CardField, value: string, event?: InputEvent): void {
    if (event) (event.target as HTMLInputElement).value = value;
    this.values = { ...this.values, [field]: value };
    if (this.#checked.has(field)) this.#check(field);
    // The security code's length depends on the number's brand.
    if (field === 'number' && this.#checked.has('cvc')) this.#check('cvc');
    this.#host.requestUpdate();
  }

  #leave(field: CardField): void {
    if (!this.values[field] && !this.#checked.has(field)) return;
    this.#checked.add(field);
    this.#check(field);
    this.#host.requestUpdate();
  }

  #typeNumber(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const caret = input.selectionStart ?? input.value.length;
    const digitsBefore = digitsOf(input.value.slice(0, caret)).length;
    const formatted = formatCardNumber(input.value);
    input.value = formatted;
    const at = caretAfterDigits(formatted, digitsBefore);
    if ((input.getRootNode() as Document | ShadowRoot).activeElement === input) input.setSelectionRange(at, at);
    this.#set('number', formatted);
  }

  #typeExpiry(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const formatted = formatExpiry(input.value, event.inputType?.startsWith('delete') ?? false);
    input.value = formatted;
    this.#set('expiry', formatted);
    // A complete date is checked at once: a past date is worth knowing before moving on.
    if (digitsOf(formatted).length === 4) this.#leave('expiry');
  }

  #check(field: CardField): void {
    const key = this.#problem(field);
    if (key) this.#errors = { ...this.#errors, [field]: () => t(key) };
    else {
      const errors = { ...this.#errors };
      delete errors[field];
      this.#errors = errors;
    }
  }

  #problem(field: CardField): PayMessageKey | undefined {
    const { values } = this;
    switch (field) {
      case 'name':
        return values.name.trim() ? undefined : 'pay.card.error.name-required';
      case 'number': {
        const problem = cardNumberProblem(values.number);
        return problem && (`pay.card.error.number-${problem}` as const);
      }
      case 'expiry': {
        const problem = expiryProblem(values.expiry, this.#now());
        return problem && (`pay.card.error.expiry-${problem}` as const);
      }
      case 'cvc': {
        const problem = cvcProblem(values.cvc, this.brand);
        if (!problem) return undefined;
        if (problem === 'required') return 'pay.card.error.cvc-required';
        if (this.brand === 'amex') return 'pay.card.error.cvc-invalid-amex';
        return this.brand === 'unknown' ? 'pay.card.error.cvc-invalid-any' : 'pay.card.error.cvc-invalid';
      }
      case 'postalCode': {
        const problem = postalCodeProblem(values.postalCode);
        return problem && (`pay.card.error.postal-code-${problem}` as const);
      }
    }
  }
}
