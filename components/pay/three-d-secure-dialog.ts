import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { t } from './pay-messages.ts';
import { renderedDialog, type DialogHost } from './dialog-host.ts';

export type AuthenticationOutcome = 'approve' | 'deny';

export interface AuthenticationRequest {
  /** The amount, formatted. */
  amount: string;
  /** The card, in words ("Visa ending in 3155"). */
  method: string;
}

const dialogId = 'three-d-secure';

/**
 * The sandbox's 3-D Secure page, as Stripe's test mode shows it: the client's bank asks them to
 * confirm the payment, and they complete or fail the check. Closing the dialog (Escape, or the
 * close button) fails it, as abandoning the bank's page does.
 */
export class ThreeDSecureDialog implements ReactiveController {
  readonly #host: DialogHost;
  #request: AuthenticationRequest | undefined;
  #answer: ((outcome: AuthenticationOutcome) => void) | undefined;

  constructor(host: DialogHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#finish('deny');
  }

  get open(): boolean {
    return this.#request !== undefined;
  }

  /** Shows the challenge; settles with the client's answer. */
  async challenge(request: AuthenticationRequest): Promise<AuthenticationOutcome> {
    this.#finish('deny');
    this.#request = request;
    const answer = new Promise<AuthenticationOutcome>((resolve) => (this.#answer = resolve));
    this.#host.requestUpdate();
    const dialog = await renderedDialog(this.#host, dialogId);
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('h2')?.focus();
    return answer;
  }

  render(): TemplateResult | typeof nothing {
    const request = this.#request;
    if (!request) return nothing;
    return html`
      <dialog
        id=${dialogId}
        class="dialog"
        part="three-d-secure-dialog"
        aria-labelledby="three-d-secure-heading"
        aria-describedby="three-d-secure-text"
        @close=${() => this.#finish('deny')}
      >
        <div class="dialog-header">
          <h2 id="three-d-secure-heading" tabindex="-1">${t('pay.3ds.heading')}</h2>
          <button type="button" class="close-button" aria-label=${t('pay.dialog.close')} @click=${() => this.#finish('deny')}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p class="sandbox-note">${t('pay.3ds.sandbox')}</p>
        <p id="three-d-secure-text">${t('pay.3ds.text', { amount: request.amount, method: request.method })}</p>
        <div class="dialog-actions">
          <button type="button" class="button" part="authenticate-button" @click=${() => this.#finish('approve')}>
            ${t('pay.3ds.complete')}
          </button>
          <button type="button" class="button secondary" part="fail-authentication-button" @click=${() => this.#finish('deny')}>
            ${t('pay.3ds.fail')}
          </button>
        </div>
      </dialog>
    `;
  }

  #finish(outcome: AuthenticationOutcome): void {
    const answer = this.#answer;
    if (!answer) return;
    this.#answer = undefined;
    this.#request = undefined;
    this.#host.renderRoot.querySelector<HTMLDialogElement>(`#${dialogId}`)?.close();
    this.#host.requestUpdate();
    answer(outcome);
  }
}
