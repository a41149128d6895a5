import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import { ProcessorError, type SandboxApi } from '../api/sandbox-api.ts';
import type { LinkAccount, LinkedBankAccount, LinkInstitution, LinkStep } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './pay-messages.ts';
import type { PayMessageKey } from './pay-messages.ts';
import { focusIn, renderedDialog, type DialogHost } from './dialog-host.ts';
import { inputValue, type Message } from './fields.ts';

type Step = 'closed' | 'starting' | 'search' | 'credentials' | 'mfa' | 'account' | 'exchanging';

const dialogId = 'bank-link-dialog';

// The sign-in's error codes (Plaid's names), in the client's words.
const linkMessages: Record<string, PayMessageKey> = {
  INVALID_CREDENTIALS: 'pay.link.error.credentials',
  INVALID_MFA: 'pay.link.error.code',
  INVALID_LINK_TOKEN: 'pay.link.error.expired',
};

export interface BankLinkOptions {
  client: () => ApiClient | undefined;
  sandbox: () => SandboxApi | undefined;
  /** The client connected an account: it is ready to debit. */
  onLinked: (account: LinkedBankAccount) => void;
  /** The dialog closed, with or without an account; focus goes back where it came from. */
  onClosed: (linked: boolean) => void;
}

/**
 * Bank sign-in in a modal dialog, the way Plaid Link runs it: find the bank, sign in to it (the
 * sandbox takes `user_good` / `pass_good`), enter the one-time code when the bank asks for one
 * (`1234`), choose the account, and the token service exchanges the result for an account ready
 * to debit. A native `<dialog>` shown with `showModal()` keeps focus inside; Escape or the close
 * button leaves.
 */
export class BankLinkDialog implements ReactiveController {
  readonly #host: DialogHost;
  readonly #options: BankLinkOptions;
  #step: Step = 'closed';
  #linkToken = '';
  #query = '';
  #institutions: LinkInstitution[] = [];
  #institution: LinkInstitution | undefined;
  #username = '';
  #password = '';
  #code = '';
  #prompt = '';
  #accounts: LinkAccount[] = [];
  #accountId = '';
  #pending = false;
  #alert: Message | undefined;
  #expired = false;
  #linked = false;
  #request: AbortController | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: DialogHost, options: BankLinkOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#request?.abort();
    clearTimeout(this.#searchTimer);
  }

  get open(): boolean {
    return this.#step !== 'closed';
  }

  /** Opens the dialog and starts a new bank sign-in. */
  async show(): Promise<void> {
    this.#reset();
    this.#step = 'starting';
    this.#host.requestUpdate();
    const dialog = await renderedDialog(this.#host, dialogId);
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('h2')?.focus();
    await this.#start();
  }

  /** Closes the dialog (the client left, or the account is connected). */
  close(): void {
    this.#host.renderRoot.querySelector<HTMLDialogElement>(`#${dialogId}`)?.close();
  }

  render(): TemplateResult | typeof nothing {
    if (this.#step === 'closed') return nothing;
    return html`
      <dialog id=${dialogId} class="dialog" part="bank-link-dialog" aria-labelledby="bank-link-heading" @close=${this.#onClose}>
        <div class="dialog-header">
          <h2 id="bank-link-heading" tabindex="-1">${this.#heading()}</h2>
          <button type="button" class="close-button" aria-label=${t('pay.dialog.close')} @click=${() => this.close()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div class="alert" role="alert">${this.#alert ? this.#renderAlert(this.#alert) : nothing}</div>
        ${this.#body()}
      </dialog>
    `;
  }

  #renderAlert(alert: Message): TemplateResult {
    return html`<p>${alert()}</p>
      ${this.#expired ? html`<button type="button" class="link-button" @click=${() => void this.#restart()}>${t('pay.link.start-again')}</button>` : nothing}`;
  }

  #heading(): string {
    switch (this.#step) {
      case 'credentials':
        return t('pay.link.sign-in-heading', { bank: this.#institution?.name ?? '' });
      case 'mfa':
        return t('pay.link.mfa-heading');
      case 'account':
      case 'exchanging':
        return t('pay.link.account-heading');
      default:
        return t('pay.link.heading');
    }
  }

  #body(): TemplateResult {
    switch (this.#step) {
      case 'starting':
        return html`<p role="status" class="hint">${t('pay.link.starting')}</p>`;
      case 'search':
        return this.#searchStep();
      case 'credentials':
        return this.#credentialsStep();
      case 'mfa':
        return this.#mfaStep();
      case 'account':
      case 'exchanging':
        return this.#accountStep();
      default:
        return html``;
    }
  }

  #searchStep(): TemplateResult {
    return html`
      <p>${t('pay.link.intro')}</p>
      <div class="field" part="field">
        <label for="bank-search" part="label">${t('pay.link.search')}</label>
        <input
          id="bank-search"
          part="input"
          type="search"
          autocomplete="off"
          spellcheck="false"
          aria-controls="bank-institutions"
          .value=${live(this.#query)}
          @input=${this.#onSearch}
        />
      </div>
      <p class="visually-hidden" role="status">
        ${this.#pending ? '' : t('pay.link.results', { count: this.#institutions.length })}
      </p>
      ${
        this.#institutions.length
          ? html`<ul class="institutions" id="bank-institutions" part="institutions" aria-label=${t('pay.link.institutions')}>
            ${this.#institutions.map(
              (institution) => html`<li>
                <button type="button" class="institution" part="institution" @click=${() => this.#choose(institution)}>
                  ${institution.name}
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p class="hint" id="bank-institutions">${this.#pending ? t('common.loading') : t('pay.link.no-results', { query: this.#query })}</p>`
      }
    `;
  }

  #credentialsStep(): TemplateResult {
    return html`
      <form class="dialog-form" novalidate @submit=${this.#signIn} aria-describedby="bank-sandbox-hint">
        <p class="sandbox-note" id="bank-sandbox-hint">${t('pay.link.sandbox-credentials')}</p>
        <div class="field" part="field">
          <label for="bank-username" part="label">${t('pay.link.username')}</label>
          <input
            id="bank-username"
            part="input"
            type="text"
            autocomplete="username"
            autocapitalize="off"
            spellcheck="false"
            required
            .value=${live(this.#username)}
            @input=${(event: InputEvent) => (this.#username = inputValue(event))}
          />
        </div>
        <div class="field" part="field">
          <label for="bank-password" part="label">${t('pay.link.password')}</label>
          <input
            id="bank-password"
            part="input"
            type="password"
            autocomplete="current-password"
            required
            .value=${live(this.#password)}
            @input=${(event: InputEvent) => (this.#password = inputValue(event))}
          />
        </div>
        <div class="dialog-actions">
          <button type="submit" class="button" aria-disabled=${this.#pending ? 'true' : 'false'}>
            ${this.#pending ? t('pay.link.signing-in') : t('pay.link.sign-in')}
          </button>
          <button type="button" class="button secondary" @click=${this.#back}>${t('pay.link.back')}</button>
        </div>
      </form>
    `;
  }

  #mfaStep(): TemplateResult {
    return html`
      <form class="dialog-form" novalidate @submit=${this.#verify}>
        <p id="bank-mfa-prompt">${this.#prompt}</p>
        <div class="field" part="field">
          <label for="bank-code" part="label">${t('pay.link.code')}</label>
          <p class="hint sandbox-note" id="bank-code-hint">${t('pay.link.sandbox-code')}</p>
          <input
            id="bank-code"
            part="input"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
            aria-describedby="bank-mfa-prompt bank-code-hint"
            .value=${live(this.#code)}
            @input=${(event: InputEvent) => (this.#code = inputValue(event))}
          />
        </div>
        <div class="dialog-actions">
          <button type="submit" class="button" aria-disabled=${this.#pending ? 'true' : 'false'}>
            ${this.#pending ? t('pay.link.verifying') : t('pay.link.verify')}
          </button>
        </div>
      </form>
    `;
  }

  #accountStep(): TemplateResult {
    const busy = this.#pending || this.#step === 'exchanging';
    return html`
      <form class="dialog-form" novalidate @submit=${this.#continue}>
        <fieldset class="choice-group" part="accounts">
          <legend>${t('pay.link.accounts', { bank: this.#institution?.name ?? '' })}</legend>
          ${this.#accounts.map(
            (account) => html`<label class="choice account">
              <input
                type="radio"
                name="bank-link-account"
                value=${account.id}
                .checked=${this.#accountId === account.id}
                @change=${() => {
                  this.#accountId = account.id;
                  this.#host.requestUpdate();
                }}
              />
              <span>
                ${account.name}
                <span class="muted">${t('pay.link.account-detail', { type: accountTypeLabel(account.subtype), mask: account.mask })}</span>
              </span>
            </label>`,
          )}
        </fieldset>
        <div class="dialog-actions">
          <button type="submit" class="button" aria-disabled=${busy ? 'true' : 'false'}>
            ${busy ? t('pay.link.connecting') : t('pay.link.continue')}
          </button>
        </div>
      </form>
    `;
  }

  readonly #onClose = (): void => {
    if (this.#step === 'closed') return;
    this.#request?.abort();
    clearTimeout(this.#searchTimer);
    this.#step = 'closed';
    this.#host.requestUpdate();
    this.#options.onClosed(this.#linked);
  };

  readonly #onSearch = (event: InputEvent): void => {
    this.#query = inputValue(event);
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => void this.#search(), 250);
  };

  readonly #back = (): void => {
    this.#alert = undefined;
    this.#step = 'search';
    this.#host.requestUpdate();
    void focusIn(this.#host, '#bank-search');
  };

  #reset(): void {
    this.#request?.abort();
    this.#linkToken = '';
    this.#query = '';
    this.#institutions = [];
    this.#institution = undefined;
    this.#username = '';
    this.#password = '';
    this.#code = '';
    this.#prompt = '';
    this.#accounts = [];
    this.#accountId = '';
    this.#pending = false;
    this.#alert = undefined;
    this.#expired = false;
    this.#linked = false;
  }

  async #start(): Promise<void> {
    await this.#run(async (signal) => {
      const client = this.#options.client();
      const sandbox = this.#options.sandbox();
      if (!client || !sandbox) throw new Error('not configured');
      const [session, institutions] = await Promise.all([client.bankLinks.create({ signal }), sandbox.institutions('', { signal })]);
      this.#linkToken = session.linkToken;
      this.#institutions = institutions;
      this.#step = 'search';
      void focusIn(this.#host, '#bank-search');
    });
  }

  async #restart(): Promise<void> {
    this.#reset();
    this.#step = 'starting';
    this.#host.requestUpdate();
    void focusIn(this.#host, '#bank-link-heading');
    await this.#start();
  }

  async #search(): Promise<void> {
    const query = this.#query;
    await this.#run(async (signal) => {
      const found = await this.#options.sandbox()!.institutions(query.trim(), { signal });
      if (query === this.#query) this.#institutions = found;
    });
  }

  #choose(institution: LinkInstitution): void {
    this.#institution = institution;
    this.#alert = undefined;
    this.#step = 'credentials';
    this.#host.requestUpdate();
    void focusIn(this.#host, '#bank-username');
  }

  readonly #signIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.#pending) return;
    if (!this.#username.trim() || !this.#password) {
      this.#alert = () => t('pay.link.error.credentials-required');
      this.#host.requestUpdate();
      void focusIn(this.#host, this.#username.trim() ? '#bank-password' : '#bank-username');
      return;
    }
    const succeeded = await this.#run(async (signal) => {
      const step = await this.#options
        .sandbox()!
        .signIn(this.#linkToken, { institutionId: this.#institution!.id, username: this.#username.trim(), password: this.#password }, { signal });
      this.#next(step);
    });
    if (!succeeded) {
      this.#password = '';
      void focusIn(this.#host, '#bank-password');
    }
  };

  readonly #verify = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.#pending) return;
    if (!this.#code.trim()) {
      this.#alert = () => t('pay.link.error.code-required');
      this.#host.requestUpdate();
      void focusIn(this.#host, '#bank-code');
      return;
    }
    const succeeded = await this.#run(async (signal) => {
      this.#next(await this.#options.sandbox()!.verifyCode(this.#linkToken, this.#code.trim(), { signal }));
    });
    if (!succeeded) {
      this.#code = '';
      void focusIn(this.#host, '#bank-code');
    }
  };

  readonly #continue = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (this.#pending || this.#step === 'exchanging') return;
    if (!this.#accountId) {
      this.#alert = () => t('pay.link.error.account-required');
      this.#host.requestUpdate();
      return;
    }
    this.#step = 'exchanging';
    const succeeded = await this.#run(async (signal) => {
      const { publicToken } = await this.#options.sandbox()!.chooseAccount(this.#linkToken, this.#accountId, { signal });
      const account = await this.#options.client()!.bankLinks.exchange({ publicToken, accountId: this.#accountId }, { signal });
      this.#linked = true;
      this.#options.onLinked(account);
    });
    if (succeeded) this.close();
    else if (this.#step === 'exchanging') this.#step = 'account';
    this.#host.requestUpdate();
  };

  #next(step: LinkStep): void {
    this.#alert = undefined;
    if (step.status === 'mfa_required') {
      this.#prompt = step.prompt;
      this.#step = 'mfa';
      void focusIn(this.#host, '#bank-code');
      return;
    }
    this.#accounts = step.accounts;
    this.#accountId = step.accounts.find((account) => account.subtype === 'checking')?.id ?? step.accounts[0]?.id ?? '';
    this.#step = 'account';
    void focusIn(this.#host, `input[name="bank-link-account"][value="${this.#accountId}"]`);
  }

  /** Runs one call of the sign-in; false when it failed (the alert then says why). */
  async #run(call: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#pending = true;
    this.#alert = undefined;
    this.#expired = false;
    this.#host.requestUpdate();
    try {
      await call(request.signal);
      return true;
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return false;
      this.#showError(error);
      return false;
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.#pending = false;
        this.#host.requestUpdate();
      }
    }
  }

  #showError(error: unknown): void {
    if (error instanceof ProcessorError) {
      const key = linkMessages[error.code];
      this.#expired = error.code === 'INVALID_LINK_TOKEN';
      this.#alert = key ? () => t(key) : () => error.message;
      return;
    }
    if (this.#step === 'starting') this.#expired = true;
    this.#alert = () => errorMessage(error);
  }
}

function accountTypeLabel(subtype: string): string {
  if (subtype === 'checking') return t('pay.bank.account-type.checking');
  if (subtype === 'savings') return t('pay.bank.account-type.savings');
  return subtype;
}
