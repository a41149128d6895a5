import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { ClientTwoFactor, TotpSetup } from '../api/types.ts';
import { PasskeyError, browserCredentials, createPasskey, passkeysSupported, type PasskeyCredentials } from '../base/passkeys.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatNumber } from '../i18n/format.ts';
import { t } from '../login/two-factor-messages.ts';
import { copyRecoveryCodes, renderRecoveryCodes, renderTotpSetup, twoFactorPartStyles } from '../login/two-factor-parts.ts';
import { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalTwoFactorChangeEvent, type TwoFactorChange } from './two-factor-events.ts';
import { twoFactorSettingsStyles } from './two-factor-settings.styles.ts';

/** What the element shows besides the list: setting up the app, new recovery codes, or asking for the password to replace them. */
type View = { kind: 'list' } | { kind: 'totp'; setup: TotpSetup } | { kind: 'codes'; codes: readonly string[] } | { kind: 'confirm-password' };

/**
 * The client's second factors, for their profile: the authenticator app (set up from a QR code
 * and a first code, or removed), their passkeys (add, remove) and how many recovery codes are
 * left, with "Get new recovery codes" (asks for the password again). Codes are shown once, when
 * a first factor is set up or new ones are made. While the firm requires a second factor, the
 * last one cannot be removed; while the firm has it off, the element says so and offers nothing.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-two-factor-settings
 *
 * @event portal-two-factor-change - The client added or removed a factor or replaced the recovery codes. `detail.change`, `detail.passkeyId`.
 *
 * @csspart heading - The heading.
 * @csspart factor - One factor's row (the app, each passkey, the recovery codes).
 * @csspart add-totp-button - "Set up an authenticator app".
 * @csspart add-passkey-button - "Add a passkey".
 * @csspart remove-button - A factor's remove button.
 * @csspart regenerate-button - "Get new recovery codes".
 * @csspart totp-setup - The QR code and setup key while setting up the app.
 * @csspart recovery-codes - New recovery codes, shown once.
 * @csspart alert - The live region for errors.
 * @csspart notice - The live region for what was done.
 * @csspart error - The panel shown when the factors cannot be loaded.
 *
 * @cssprop --portal-two-factor-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-two-factor-divider-color - Line between factors (default `--portal-color-divider`).
 * @cssprop --portal-two-factor-qr-size - Size of the QR code (default `12rem`).
 *
 * @cssstate loading - The factors are loading.
 * @cssstate error - The factors could not be loaded.
 */
export class PortalTwoFactorSettings extends PortalElement {
  static override styles = [
    PortalElement.styles,
    visuallyHiddenStyles,
    buttonStyles,
    fieldStyles,
    alertStyles,
    skeletonStyles,
    twoFactorPartStyles,
    twoFactorSettingsStyles,
  ];

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The browser's passkey API to use instead of `navigator.credentials` (tests, stories). */
  @property({ attribute: false }) credentials: PasskeyCredentials | undefined;

  @state() private view: View = { kind: 'list' };
  @state() private pending = false;
  @state() private alert: (() => string) | undefined;
  @state() private notice: (() => string) | undefined;
  @state() private code = '';
  @state() private password = '';

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  #request: AbortController | undefined;

  readonly #factors = new Task(this, {
    task: async ([client], { signal }): Promise<ClientTwoFactor> => {
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      return client.twoFactor.get({ signal });
    },
    args: () => [this.#api.signedInClient, this.#api.contactId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    toggleState(this.#internals, 'loading', this.#factors.status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', this.#factors.status === TaskStatus.ERROR);
  }

  protected override render(): TemplateResult {
    return html`
      <h3 id="two-factor-heading" part="heading" tabindex="-1">${t('two-factor.settings.heading')}</h3>
      <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
      ${this.#factors.render({
        initial: () => this.#skeleton(),
        pending: () => (this.#factors.value ? this.#renderFactors(this.#factors.value) : this.#skeleton()),
        complete: (factors) => this.#renderFactors(factors),
        error: (error) => html`
          <div class="error" part="error">
            <p>${errorMessage(error)}</p>
            <button class="button secondary" type="button" @click=${() => this.#factors.run()}>${t('common.retry')}</button>
          </div>
        `,
      })}
    `;
  }

  #skeleton(): TemplateResult {
    return html`<div class="skeleton"><span class="visually-hidden" role="status">${t('common.loading')}</span><span class="skeleton-block" aria-hidden="true"></span></div>`;
  }

  #renderFactors(factors: ClientTwoFactor): TemplateResult {
    if (factors.setting === 'off' && !factors.totp && factors.passkeys.length === 0) {
      return html`<p class="muted">${t('two-factor.settings.off')}</p>`;
    }
    const view = this.view;
    if (view.kind === 'totp') return this.#renderTotpSetup(view.setup);
    if (view.kind === 'codes') {
      return html`
        ${renderRecoveryCodes(view.codes, () => void copyRecoveryCodes(view.codes).then((said) => (this.notice = () => said)))}
        <button class="button" type="button" @click=${() => this.#back()}>${t('two-factor.settings.done')}</button>
      `;
    }
    const busy = this.pending ? 'true' : 'false';
    const any = Boolean(factors.totp) || factors.passkeys.length > 0;
    return html`
      <p class="muted">${factors.setting === 'required' ? t('two-factor.settings.required') : t('two-factor.settings.intro')}</p>
      <div class="factor" part="factor">
        <span><span class="factor-name">${t('two-factor.settings.app')}</span> — ${factors.totp ? t('two-factor.settings.app-on') : t('two-factor.settings.app-off')}</span>
        ${
          factors.totp
            ? html`<button class="button secondary" part="remove-button" type="button" aria-disabled=${busy} @click=${() => this.#removeTotp()}>
                ${t('two-factor.settings.remove-app')}
              </button>`
            : html`<button class="button secondary" part="add-totp-button" type="button" aria-disabled=${busy} @click=${() => this.#startTotp()}>
                ${t('two-factor.settings.add-app')}
              </button>`
        }
      </div>
      <div class="factor" part="factor">
        <span class="factor-name" id="passkeys-label">${t('two-factor.settings.passkeys')}</span>
        ${
          passkeysSupported(this.credentials)
            ? html`<button class="button secondary" part="add-passkey-button" type="button" aria-disabled=${busy} @click=${() => this.#addPasskey()}>
                ${t('two-factor.settings.add-passkey')}
              </button>`
            : nothing
        }
      </div>
      ${
        factors.passkeys.length
          ? html`<ul aria-labelledby="passkeys-label">
              ${factors.passkeys.map(
                (passkey) => html`<li class="factor" part="factor">
                  <span>${passkey.name}</span>
                  <button
                    class="button secondary"
                    part="remove-button"
                    type="button"
                    aria-disabled=${busy}
                    aria-label=${t('two-factor.settings.remove-passkey', { name: passkey.name })}
                    @click=${() => this.#removePasskey(passkey.id)}
                  >
                    ${t('two-factor.settings.remove')}
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('two-factor.settings.no-passkeys')}</p>`
      }
      ${any ? this.#renderRecovery(factors) : nothing}
    `;
  }

  #renderRecovery(factors: ClientTwoFactor): TemplateResult {
    const busy = this.pending ? 'true' : 'false';
    if (this.view.kind === 'confirm-password') {
      return html`
        <form class="factor" part="factor" novalidate @submit=${this.#regenerate}>
          <div class="field">
            <label for="confirm-password">${t('two-factor.settings.password')}</label>
            <p class="hint" id="confirm-password-hint">${t('two-factor.settings.regenerate-hint')}</p>
            <input
              id="confirm-password"
              type="password"
              autocomplete="current-password"
              required
              aria-describedby="confirm-password-hint"
              .value=${live(this.password)}
              @input=${(event: InputEvent) => (this.password = (event.target as HTMLInputElement).value)}
            />
          </div>
          <div class="actions">
            <button class="button" type="submit" aria-disabled=${busy}>${t('two-factor.settings.regenerate-confirm')}</button>
            <button class="button secondary" type="button" @click=${() => this.#back()}>${t('two-factor.settings.cancel')}</button>
          </div>
        </form>
      `;
    }
    return html`
      <div class="factor" part="factor">
        <span>
          <span class="factor-name">${t('two-factor.settings.recovery')}</span> —
          ${t('two-factor.settings.recovery-left', { count: formatNumber(factors.recoveryCodesLeft) })}
        </span>
        <button class="button secondary" part="regenerate-button" type="button" @click=${() => this.#askPassword()}>${t('two-factor.settings.regenerate')}</button>
      </div>
    `;
  }

  #renderTotpSetup(setup: TotpSetup): TemplateResult {
    return html`
      <form novalidate @submit=${this.#confirmTotp}>
        ${renderTotpSetup(setup)}
        <div class="field">
          <label for="totp-code">${t('two-factor.label.code')}</label>
          <input
            id="totp-code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
            maxlength="10"
            aria-describedby="totp-scan"
            .value=${live(this.code)}
            @input=${(event: InputEvent) => (this.code = (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="actions">
          <button class="button" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${this.pending ? t('two-factor.pending') : t('two-factor.totp.confirm')}
          </button>
          <button class="button secondary" type="button" @click=${() => this.#back()}>${t('two-factor.settings.cancel')}</button>
        </div>
      </form>
    `;
  }

  async #startTotp(): Promise<void> {
    await this.#run(async (client, signal) => {
      const setup = await client.twoFactor.setUpTotp({}, { signal });
      this.code = '';
      this.view = { kind: 'totp', setup };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#totp-code')?.focus();
    });
  }

  #confirmTotp = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const code = this.code.replace(/\D/g, '');
    if (!/^\d{6}$/.test(code)) {
      this.alert = () => t('two-factor.error.code-shape');
      return;
    }
    await this.#run(async (client, signal) => {
      const { recoveryCodes } = await client.twoFactor.confirmTotp({ code }, { signal });
      this.#changed('totp-added', () => t('two-factor.settings.app-added'));
      this.view = { kind: 'codes', codes: recoveryCodes };
    });
  };

  async #addPasskey(): Promise<void> {
    await this.#run(async (client, signal) => {
      const { options } = await client.twoFactor.passkeyRegistration({}, { signal });
      const credential = await createPasskey(browserCredentials(this.credentials), options, signal);
      const { passkey, recoveryCodes } = await client.twoFactor.registerPasskey({ credential }, { signal });
      this.#changed('passkey-added', () => t('two-factor.settings.passkey-added'), passkey.id);
      if (recoveryCodes?.length) this.view = { kind: 'codes', codes: recoveryCodes };
    });
  }

  async #removeTotp(): Promise<void> {
    await this.#run(async (client, signal) => {
      await client.twoFactor.removeTotp({ signal });
      this.#changed('totp-removed', () => t('two-factor.settings.removed'));
    });
  }

  async #removePasskey(id: string): Promise<void> {
    await this.#run(async (client, signal) => {
      await client.twoFactor.removePasskey(id, { signal });
      this.#changed('passkey-removed', () => t('two-factor.settings.removed'), id);
    });
  }

  async #askPassword(): Promise<void> {
    this.password = '';
    this.view = { kind: 'confirm-password' };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#confirm-password')?.focus();
  }

  #regenerate = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (!this.password) {
      this.alert = () => t('login.error.password-required');
      return;
    }
    await this.#run(async (client, signal) => {
      const { recoveryCodes } = await client.twoFactor.regenerateRecoveryCodes({ password: this.password }, { signal });
      this.password = '';
      this.#changed('recovery-codes-replaced', () => t('two-factor.settings.codes-replaced'));
      this.view = { kind: 'codes', codes: recoveryCodes };
    });
  };

  #back(): void {
    this.view = { kind: 'list' };
    this.code = '';
    this.password = '';
    this.alert = undefined;
  }

  #changed(change: TwoFactorChange, said: () => string, passkeyId?: string): void {
    this.view = { kind: 'list' };
    this.notice = said;
    void this.#factors.run();
    this.dispatchEvent(new PortalTwoFactorChangeEvent(passkeyId ? { change, passkeyId } : { change }));
  }

  /** Runs one request with its pending state, its abort and its errors shown. */
  async #run(work: (client: ApiClient, signal: AbortSignal) => Promise<void>): Promise<void> {
    const client = this.#api.signedInClient;
    if (!client || this.pending) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    this.alert = undefined;
    this.notice = undefined;
    try {
      await work(client, request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.alert = () => this.#message(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }

  #message(error: unknown): string {
    if (error instanceof PasskeyError)
      return error.failure === 'unsupported' ? t('two-factor.error.passkey-unsupported') : t('two-factor.error.passkey-cancelled');
    if (error instanceof ApiError) {
      if (error.code === 'second_factor_required') return t('two-factor.settings.error.last');
      if (error.code === 'invalid_credentials') return t('two-factor.settings.error.password');
      if (error.code === 'mfa_code_invalid') return t('two-factor.error.code-invalid');
      if (error.code === 'passkey_invalid') return t('two-factor.error.passkey-invalid');
    }
    return errorMessage(error);
  }
}
