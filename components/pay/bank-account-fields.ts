import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BankAccountDetails, BankAccountType } from '../api/types.ts';
import { t } from './pay-messages.ts';
import type { PayMessageKey } from './pay-messages.ts';
import { accountNumberProblem, routingProblem } from './bank-format.ts';
import { digitsOf } from './card-format.ts';
import { inputValue, textField, type Message } from './fields.ts';

export type BankField = 'holder' | 'routing' | 'account' | 'confirm';

export interface BankValues {
  holder: string;
  routing: string;
  account: string;
  confirm: string;
  accountType: BankAccountType;
}

const fieldOrder: readonly BankField[] = ['holder', 'routing', 'account', 'confirm'];

const emptyBank: BankValues = { holder: '', routing: '', account: '', confirm: '', accountType: 'checking' };

/** The input of each bank account field, in the element's shadow root. */
export const bankFieldIds: Record<BankField, string> = {
  holder: 'bank-holder',
  routing: 'bank-routing',
  account: 'bank-account',
  confirm: 'bank-account-confirm',
};

const processorMessages: Record<string, PayMessageKey> = {
  routing_number_invalid: 'pay.bank.error.routing-invalid',
  account_number_invalid: 'pay.bank.error.account-invalid',
};

/** The bank field a processor error's `param` names (`us_bank_account[routing_number]`…). */
export function bankFieldOfParam(param: string | undefined): BankField | undefined {
  const path = (param ?? '').replace(/\[(\w+)\]/g, '.$1');
  if (path.endsWith('routing_number')) return 'routing';
  if (path.endsWith('account_number')) return 'account';
  if (path.endsWith('name')) return 'holder';
  return undefined;
}

/**
 * The bank account form of `<portal-pay>`: account holder, routing number (nine digits, its ABA
 * checksum checked as soon as the ninth is typed), account number typed twice, and checking or
 * savings. The details go only to the processor, which turns them into a token.
 */
export class BankAccountFields implements ReactiveController {
  values: BankValues = { ...emptyBank };
  readonly #host: ReactiveControllerHost;
  readonly #onChange: () => void;
  #errors: Partial<Record<BankField, Message>> = {};
  readonly #checked = new Set<BankField>();

  /** `onChange` runs after every change the client makes, once the values are updated. */
  constructor(host: ReactiveControllerHost, onChange: () => void = () => {}) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {}

  get invalidFields(): BankField[] {
    return fieldOrder.filter((field) => this.#errors[field]);
  }

  /** True when every field is filled in correctly (without showing anything). */
  get complete(): boolean {
    return fieldOrder.every((field) => !this.#problem(field, false));
  }

  /** Checks every field and shows each problem; true when there is none. */
  validate(): boolean {
    for (const field of fieldOrder) {
      this.#checked.add(field);
      this.#check(field, false);
    }
    this.#host.requestUpdate();
    return this.invalidFields.length === 0;
  }

  showProcessorError(param: string | undefined, code: string, message: string): boolean {
    const field = bankFieldOfParam(param);
    if (!field) return false;
    const key = processorMessages[code];
    // The sandbox explains which test numbers it takes; that is worth showing as it is.
    const specific = /sandbox/i.test(message);
    this.#errors = { ...this.#errors, [field]: key && !specific ? () => t(key) : () => message };
    this.#checked.add(field);
    this.#host.requestUpdate();
    return true;
  }

  details(): BankAccountDetails {
    return {
      routing_number: this.values.routing,
      account_number: this.values.account,
      account_type: this.values.accountType,
      name: this.values.holder.trim(),
    };
  }

  reset(): void {
    this.values = { ...emptyBank };
    this.#errors = {};
    this.#checked.clear();
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const numeric = (field: BankField, limit: number) => (event: InputEvent) => {
      const input = event.target as HTMLInputElement;
      const value = digitsOf(input.value).slice(0, limit);
      input.value = value;
      this.#set(field, value);
    };
    return html`
      <div class="bank-fields" part="bank-fields">
        ${textField({
          id: bankFieldIds.holder,
          label: t('pay.bank.holder'),
          value: this.values.holder,
          error: this.#errors.holder,
          autocomplete: 'name',
          maxlength: 200,
          onInput: (event) => this.#set('holder', inputValue(event)),
          onBlur: () => this.#leave('holder'),
        })}
        ${textField({
          id: bankFieldIds.routing,
          label: t('pay.bank.routing'),
          hint: t('pay.bank.routing-hint'),
          value: this.values.routing,
          error: this.#errors.routing,
          autocomplete: 'off',
          inputmode: 'numeric',
          maxlength: 9,
          onInput: numeric('routing', 9),
          onBlur: () => this.#leave('routing'),
        })}
        ${textField({
          id: bankFieldIds.account,
          label: t('pay.bank.account'),
          value: this.values.account,
          error: this.#errors.account,
          autocomplete: 'off',
          inputmode: 'numeric',
          maxlength: 17,
          onInput: numeric('account', 17),
          onBlur: () => this.#leave('account'),
        })}
        ${textField({
          id: bankFieldIds.confirm,
          label: t('pay.bank.account-confirm'),
          value: this.values.confirm,
          error: this.#errors.confirm,
          autocomplete: 'off',
          inputmode: 'numeric',
          maxlength: 17,
          onInput: numeric('confirm', 17),
          onBlur: () => this.#leave('confirm'),
        })}
        <fieldset class="choice-group" part="account-type">
          <legend>${t('pay.bank.account-type')}</legend>
          ${(['checking', 'savings'] as const).map(
            (type) => html`
              <label class="choice">
                <input
                  type="radio"
                  name="bank-account-type"
                  value=${type}
                  .checked=${this.values.accountType === type}
                  @change=${() => this.#setType(type)}
                />
                ${t(`pay.bank.account-type.${type}`)}
              </label>
            `,
          )}
        </fieldset>
      </div>
    `;
  }

  #setType(type: BankAccountType): void {
    this.values = { ...this.values, accountType: type };
    this.#host.requestUpdate();
    this.#onChange();
  }

  #set(field: BankField, value: string): void {
    this.values = { ...this.values, [field]: value };
    if (field === 'routing') {
      // Nine digits are checked as typed; fewer wait until the client moves on.
      if (value.length === 9) this.#checked.add('routing');
      if (this.#checked.has('routing')) this.#check('routing', value.length < 9);
    } else if (this.#checked.has(field)) {
      this.#check(field, false);
    }
    if (field === 'account' && this.#checked.has('confirm')) this.#check('confirm', false);
    this.#host.requestUpdate();
    this.#onChange();
  }

  #leave(field: BankField): void {
    if (!this.values[field] && !this.#checked.has(field)) return;
    this.#checked.add(field);
    this.#check(field, false);
    this.#host.requestUpdate();
    this.#onChange();
  }

  #check(field: BankField, typing: boolean): void {
    const key = this.#problem(field, typing);
    if (key) this.#errors = { ...this.#errors, [field]: () => t(key) };
    else {
      const errors = { ...this.#errors };
      delete errors[field];
      this.#errors = errors;
    }
  }

  #problem(field: BankField, typing: boolean): PayMessageKey | undefined {
    const { values } = this;
    switch (field) {
      case 'holder':
        return values.holder.trim() ? undefined : 'pay.bank.error.holder-required';
      case 'routing': {
        const problem = routingProblem(values.routing, typing);
        return problem && (`pay.bank.error.routing-${problem}` as const);
      }
      case 'account': {
        const problem = accountNumberProblem(values.account);
        return problem && (`pay.bank.error.account-${problem}` as const);
      }
      case 'confirm':
        if (!values.confirm) return 'pay.bank.error.confirm-required';
        return values.confirm === values.account ? undefined : 'pay.bank.error.confirm-mismatch';
    }
  }
}
