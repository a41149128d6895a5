import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { MandateQuery } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './pay-messages.ts';
import type { Message } from './fields.ts';

/** The checkbox that accepts the authorization, in the element's shadow root. */
export const mandateCheckboxId = 'mandate-accept';

/**
 * The ACH debit authorization for a bank payment: its text, fetched from the token service for
 * the amount and the account (so that what the client reads is what the service stores), and the
 * required "I authorize this debit" checkbox. A new amount or account fetches the text again and
 * asks for the client's consent again.
 */
export class MandateController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => ApiClient | undefined;
  #key = '';
  #text: string | undefined;
  #failure: unknown;
  #loading = false;
  #request: AbortController | undefined;
  #accepted = false;
  #error: Message | undefined;
  #loaded: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost, client: () => ApiClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#request?.abort();
  }

  get accepted(): boolean {
    return this.#accepted && this.#text !== undefined;
  }

  get text(): string | undefined {
    return this.#text;
  }

  /** Settles once the text for the current account and amount has loaded (or failed to). */
  get loaded(): Promise<void> {
    return this.#loaded;
  }

  /** The account and amount the authorization is for; undefined while the account is not known yet. */
  set query(query: MandateQuery | undefined) {
    const key = query ? JSON.stringify([query.amount, query.bankName, query.accountType, query.last4]) : '';
    if (key === this.#key) return;
    this.#key = key;
    this.#request?.abort();
    this.#text = undefined;
    this.#failure = undefined;
    this.#accepted = false;
    this.#error = undefined;
    this.#loading = false;
    if (query) this.#loaded = this.#load(query);
    this.#host.requestUpdate();
  }

  /** Shows that the checkbox must be ticked; false when it is not. */
  validate(): boolean {
    this.#error = this.accepted ? undefined : () => t(this.#text === undefined ? 'pay.mandate.error.unavailable' : 'pay.mandate.error.required');
    this.#host.requestUpdate();
    return this.accepted;
  }

  /** Shows the service's answer that the authorization was missing. */
  showRequired(): void {
    this.#accepted = false;
    this.#error = () => t('pay.mandate.error.required');
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    const describedBy = ['mandate-text', this.#error ? 'mandate-error' : ''].filter(Boolean).join(' ');
    return html`
      <section class="mandate" part="mandate" aria-labelledby="mandate-heading">
        <h3 id="mandate-heading">${t('pay.mandate.heading')}</h3>
        ${
          this.#key === ''
            ? html`<p class="hint" id="mandate-text">${t('pay.mandate.waiting')}</p>`
            : this.#loading
              ? html`<p class="hint" id="mandate-text">${t('pay.mandate.loading')}</p>`
              : this.#failure !== undefined
                ? html`<div class="alert" id="mandate-text" role="alert">
                  <p>${t('pay.mandate.failed')} ${errorMessage(this.#failure)}</p>
                  <button type="button" class="link-button" @click=${this.#retry}>${t('common.retry')}</button>
                </div>`
                : html`<p class="mandate-text" id="mandate-text" part="mandate-text">${this.#text}</p>`
        }
        ${
          this.#text === undefined
            ? nothing
            : html`<label class="choice checkbox" part="mandate-accept">
              <input
                id=${mandateCheckboxId}
                type="checkbox"
                required
                .checked=${this.#accepted}
                aria-invalid=${this.#error ? 'true' : 'false'}
                aria-describedby=${describedBy}
                @change=${this.#toggle}
              />
              ${t('pay.mandate.accept')}
            </label>`
        }
        ${this.#error ? html`<p class="field-error" id="mandate-error" part="field-error">${this.#error()}</p>` : nothing}
      </section>
    `;
  }

  readonly #toggle = (event: Event): void => {
    this.#accepted = (event.target as HTMLInputElement).checked;
    if (this.#accepted) this.#error = undefined;
    this.#host.requestUpdate();
  };

  readonly #retry = (): void => {
    const key = this.#key;
    this.#key = '';
    this.query = key ? queryOf(key) : undefined;
  };

  async #load(query: MandateQuery): Promise<void> {
    const client = this.#client();
    if (!client) return;
    const request = new AbortController();
    this.#request = request;
    this.#loading = true;
    try {
      this.#text = await client.payments.mandate(query, { signal: request.signal });
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#failure = error;
    } finally {
      if (this.#request === request) {
        this.#loading = false;
        this.#request = undefined;
        this.#host.requestUpdate();
      }
    }
  }
}

function queryOf(key: string): MandateQuery {
  const [amount, bankName, accountType, last4] = JSON.parse(key) as [number, string, MandateQuery['accountType'], string];
  return { amount, bankName, accountType, last4 };
}
