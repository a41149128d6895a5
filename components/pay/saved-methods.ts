import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { SavedPaymentMethod } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './pay-messages.ts';
import { paymentMethodLabel } from '../payments/payment-labels.ts';
import { focusIn, type DialogHost } from './dialog-host.ts';
import type { Message } from './fields.ts';

/** A saved method in words: "Visa ending in 4242", "STRIPE TEST BANK account ending in 6789". */
export function savedMethodLabel(method: SavedPaymentMethod): string {
  return paymentMethodLabel({ type: method.type, brand: method.brand, last4: method.last4 });
}

export interface SavedMethodsOptions {
  client: () => ApiClient | undefined;
  /** A method was removed: the choice moves on if it was chosen. */
  onRemoved: (method: SavedPaymentMethod) => void;
  /** Says something in the element's polite live region. */
  announce: (message: Message) => void;
}

/**
 * The client's saved payment methods, listed first among the choices, each with a "Remove"
 * button that asks for confirmation in place before forgetting the method.
 */
export class SavedMethods implements ReactiveController {
  list: SavedPaymentMethod[] = [];
  readonly #host: DialogHost;
  readonly #options: SavedMethodsOptions;
  #confirming: string | undefined;
  #removing: string | undefined;
  #error: { id: string; message: Message } | undefined;
  #request: AbortController | undefined;

  constructor(host: DialogHost, options: SavedMethodsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#request?.abort();
  }

  get(id: string): SavedPaymentMethod | undefined {
    return this.list.find((method) => method.id === id);
  }

  /** The radio choice and the remove control of one saved method. */
  renderChoice(method: SavedPaymentMethod, checked: boolean, onChoose: () => void): TemplateResult {
    const label = savedMethodLabel(method);
    const expires =
      method.expMonth && method.expYear
        ? t('pay.saved.expires', { date: `${String(method.expMonth).padStart(2, '0')}/${String(method.expYear % 100).padStart(2, '0')}` })
        : '';
    const confirming = this.#confirming === method.id;
    const removing = this.#removing === method.id;
    return html`
      <div class="method saved-method" part="method saved-method">
        <label class="choice">
          <input type="radio" name="method" value="saved:${method.id}" .checked=${checked} @change=${onChoose} />
          <span>${label}${expires ? html` <span class="muted">${expires}</span>` : nothing}</span>
        </label>
        ${
          confirming
            ? html`<div class="confirm-remove" role="group" aria-labelledby="remove-question-${method.id}">
              <span id="remove-question-${method.id}">${t('pay.saved.remove-question', { method: label })}</span>
              <button
                type="button"
                class="button secondary danger"
                part="confirm-remove-button"
                id="confirm-remove-${method.id}"
                aria-disabled=${removing ? 'true' : 'false'}
                @click=${() => void this.#remove(method)}
              >
                ${removing ? t('pay.saved.removing') : t('pay.saved.remove-confirm')}
              </button>
              <button type="button" class="link-button" @click=${() => this.#cancel(method)}>${t('pay.saved.keep')}</button>
            </div>`
            : html`<button
              type="button"
              class="link-button"
              part="remove-button"
              id="remove-${method.id}"
              aria-label=${t('pay.saved.remove-label', { method: label })}
              @click=${() => this.#ask(method)}
            >
              ${t('pay.saved.remove')}
            </button>`
        }
        ${this.#error?.id === method.id ? html`<p class="field-error" role="alert">${this.#error.message()}</p>` : nothing}
      </div>
    `;
  }

  #ask(method: SavedPaymentMethod): void {
    this.#confirming = method.id;
    this.#error = undefined;
    this.#host.requestUpdate();
    void focusIn(this.#host, `#confirm-remove-${method.id}`);
  }

  #cancel(method: SavedPaymentMethod): void {
    this.#confirming = undefined;
    this.#host.requestUpdate();
    void focusIn(this.#host, `#remove-${method.id}`);
  }

  async #remove(method: SavedPaymentMethod): Promise<void> {
    const client = this.#options.client();
    if (!client || this.#removing) return;
    const request = new AbortController();
    this.#request = request;
    this.#removing = method.id;
    this.#host.requestUpdate();
    try {
      await client.paymentMethods.remove(method.id, { signal: request.signal });
      const label = savedMethodLabel(method);
      this.list = this.list.filter((saved) => saved.id !== method.id);
      this.#confirming = undefined;
      this.#options.announce(() => t('pay.saved.removed', { method: label }));
      this.#options.onRemoved(method);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#error = { id: method.id, message: () => t('pay.saved.remove-failed', { reason: errorMessage(error) }) };
    } finally {
      if (this.#request === request) this.#request = undefined;
      this.#removing = undefined;
      this.#host.requestUpdate();
    }
  }
}
