import { ContextConsumer } from '@lit/context';
import { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { PortalElement } from '../../base/portal-element.ts';
import { NotConfiguredError, toggleState } from '../../base/states.ts';
import { formatDate } from '../../i18n/format.ts';
import { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../../styles/shared.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { Passkey, StaffMe, TotpSetup } from '../api/types.ts';
import { consoleClientContext, staffContext } from '../contexts.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import {
  browserCredentials,
  copyRecoveryCodes,
  createPasskey,
  downloadRecoveryCodes,
  normaliseCode,
  PasskeyError,
  passkeyMessage,
  renderRecoveryCodes,
  renderTotpSetup,
  type PasskeyCredentials,
} from '../staff-login/two-factor.ts';
import { twoFactorStyles } from '../staff-login/two-factor.styles.ts';
import { accountStyles } from './account.styles.ts';
import { PortalConsoleAccountChangeEvent, type AccountChange } from './events.ts';

type Words = () => string;
type Field = 'code' | 'name';

/**
 * The signed-in staff member's own account: name, email and role; their second factors — the
 * authenticator app (set up with a QR code, setup key and a first code, or removed) and
 * passkeys (added through the browser, named, or removed) — with the recovery codes shown once
 * after setting one up (copy, download as .txt) and how many are left; and signing out.
 * Removing a second factor asks first. Results are announced in a live region; the service's
 * problems show next to the field they name, others in an alert.
 *
 * @tag portal-console-account
 *
 * @event portal-console-account-change - The staff member added or removed a second factor. `detail.change` (`totp-added`, `totp-removed`, `passkey-added`, `passkey-removed`).
 *
 * @csspart base - Everything inside the element.
 * @csspart heading - The screen's heading.
 * @csspart alert - Problems.
 * @csspart notice - The live region announcing results.
 * @csspart details - The name, email and role.
 * @csspart section - One group (two-step verification, passkeys, recovery codes).
 * @csspart totp-setup - The QR code and setup key while setting up the app.
 * @csspart qr-code - The QR code.
 * @csspart secret - The setup key.
 * @csspart recovery-codes - The new recovery codes, shown once.
 * @csspart code-list - Their list.
 * @csspart copy-button - Copies them.
 * @csspart download-button - Downloads them as .txt.
 * @csspart passkey - One passkey in the list.
 * @csspart field - A field.
 * @csspart input - A field's input.
 * @csspart field-error - A field's error.
 * @csspart button - The screen's buttons.
 * @csspart remove-button - A button that removes a second factor.
 * @csspart sign-out-button - Signs out.
 * @csspart confirm-dialog - The question before removing.
 * @csspart confirm-button - Goes ahead.
 * @csspart cancel-button - Keeps it.
 * @csspart skeleton - The placeholder while loading.
 * @csspart retry-button - Tries again after a failure.
 *
 * @cssprop --portal-console-account-section-background - Each group's background (default `--portal-color-surface`).
 * @cssprop --portal-console-account-section-border-color - Each group's border (default `--portal-color-divider`).
 * @cssprop --portal-console-qr-size - Side of the QR code (default `12rem`).
 *
 * @cssstate pending - A request (or the passkey prompt) is under way.
 */
export class PortalConsoleAccount extends PortalElement {
  static override styles = [
    PortalElement.styles,
    visuallyHiddenStyles,
    buttonStyles,
    fieldStyles,
    alertStyles,
    skeletonStyles,
    confirmStyles,
    twoFactorStyles,
    accountStyles,
  ];

  /** The console's client, when used outside `<portal-console>` (tests, stories). */
  @property({ attribute: false }) client: ConsoleClient | undefined;

  /** The signed-in staff member, when used outside `<portal-console>`; the screen loads it afresh anyway. */
  @property({ attribute: false }) staff: StaffMe | undefined;

  /** Not used: the account has no items. Present so the console can treat every screen alike. */
  @property({ attribute: 'item-id', reflect: true }) itemId = '';

  /** Where passkeys come from: the browser's `navigator.credentials` unless set (tests). */
  @property({ attribute: false }) credentials: PasskeyCredentials | undefined;

  readonly #consoleClient = new ContextConsumer(this, { context: consoleClientContext, subscribe: true });
  protected get contextClient(): ConsoleClient | undefined {
    return this.#consoleClient.value;
  }

  readonly #consoleStaff = new ContextConsumer(this, { context: staffContext, subscribe: true });
  protected get contextStaff(): StaffMe | undefined {
    return this.#consoleStaff.value;
  }

  /** The authenticator app being set up: its QR code once loaded. */
  @state() private totpSetup: { setup: TotpSetup | undefined } | undefined;
  @state() private recoveryCodes: readonly string[] | undefined;
  @state() private values: Record<Field, string> = { code: '', name: '' };
  @state() private fieldMessages: Partial<Record<Field, Words>> = {};
  @state() private alert: Words | undefined;
  @state() private notice: Words | undefined;
  @state() private pending = false;

  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  #request: AbortController | undefined;

  readonly #me = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) throw new NotConfiguredError();
      return client.me({ signal });
    },
    args: () => [this.#client] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  get #client(): ConsoleClient | undefined {
    return this.client ?? this.contextClient;
  }

  /** Loads the account again. */
  refresh(): Promise<unknown> {
    return this.#me.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override updated(): void {
    toggleState(this.#internals, 'pending', this.pending);
  }

  protected override render(): TemplateResult {
    return html`
      <section class="base" part="base" aria-labelledby="heading">
        <h2 id="heading" part="heading" tabindex="-1">${t('account.heading')}</h2>
        <div class="visually-hidden" part="notice" role="status">${this.notice?.() ?? ''}</div>
        <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
        ${this.#me.render({
          initial: () => this.#renderSkeleton(),
          pending: () => (this.#me.value ? this.#renderAccount(this.#me.value) : this.#renderSkeleton()),
          error: (error) => html`
            <div class="alert" role="alert"><p>${error instanceof NotConfiguredError ? t('shell.not-configured') : errorMessage(error)}</p></div>
            <button class="button" part="retry-button button" type="button" @click=${() => void this.refresh()}>${t('console.retry')}</button>
          `,
          complete: (me) => this.#renderAccount(me),
        })}
        ${this.#confirm.renderDialog()}
      </section>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`<div class="skeleton" part="skeleton">
      <span class="visually-hidden" role="status">${t('account.loading')}</span>
      <span class="skeleton-block line" aria-hidden="true"></span>
      <span class="skeleton-block line" aria-hidden="true"></span>
    </div>`;
  }

  #renderAccount(me: StaffMe): TemplateResult {
    const { staff, twoFactor, firm } = me;
    return html`
      <dl class="details" part="details">
        <div><dt>${t('account.name')}</dt><dd>${staff.name}</dd></div>
        <div><dt>${t('account.email')}</dt><dd>${staff.email}</dd></div>
        <div><dt>${t('account.role')}</dt><dd>${t(`shell.role.${staff.role}`)}</dd></div>
      </dl>

      <section class="section" part="section" aria-labelledby="two-factor-heading">
        <h3 id="two-factor-heading">${t('account.two-factor')}</h3>
        ${firm.staffTwoFactor === 'required' ? html`<p class="muted">${t('account.two-factor-required')}</p>` : nothing}
        <div class="row">
          <span><strong>${t('account.totp')}</strong>: ${twoFactor.totp ? t('account.totp-on') : t('account.totp-off')}</span>
          ${
            twoFactor.totp
              ? html`<button class="button secondary" part="button remove-button" type="button" data-action="remove-totp" @click=${() => void this.#removeTotp()}>
                ${t('account.totp-remove')}
              </button>`
              : this.totpSetup
                ? nothing
                : html`<button class="button" part="button" type="button" data-action="set-up-totp" @click=${() => void this.#startTotp()}>
                  ${t('account.totp-set-up')}
                </button>`
          }
        </div>
        ${this.totpSetup ? this.#renderTotpSetup(this.totpSetup.setup) : nothing}
        ${
          this.recoveryCodes
            ? renderRecoveryCodes(this.recoveryCodes, {
                onCopy: () => void this.#copy(),
                onDownload: () => this.#download(me),
              })
            : nothing
        }
      </section>

      <section class="section" part="section" aria-labelledby="passkeys-heading">
        <h3 id="passkeys-heading">${t('account.passkeys')}</h3>
        ${
          twoFactor.passkeys.length
            ? html`<ul class="passkeys">
              ${twoFactor.passkeys.map((passkey) => this.#renderPasskey(passkey))}
            </ul>`
            : html`<p class="muted">${t('account.passkeys-none')}</p>`
        }
        <form class="add-passkey" novalidate @submit=${this.#addPasskey}>
          ${this.#field('name', t('account.passkey-name'), t('account.passkey-name-hint'))}
          <button class="button secondary" part="button" type="submit" data-action="add-passkey" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${t('account.passkey-add')}
          </button>
        </form>
      </section>

      <section class="section" part="section" aria-labelledby="recovery-heading">
        <h3 id="recovery-heading">${t('account.recovery-codes')}</h3>
        <p class="recovery-left" data-count=${twoFactor.recoveryCodesLeft}>${t('account.recovery-codes-count', { count: twoFactor.recoveryCodesLeft })}</p>
        ${twoFactor.totp && twoFactor.recoveryCodesLeft <= 3 ? html`<p class="muted">${t('account.recovery-codes-low')}</p>` : nothing}
      </section>

      <button class="button secondary sign-out" part="button sign-out-button" type="button" @click=${() => void this.#signOut()}>${t('account.sign-out')}</button>
    `;
  }

  #renderTotpSetup(setup: TotpSetup | undefined): TemplateResult {
    if (!setup) return html`<p role="status">${t('staff-login.totp.loading')}</p>`;
    return html`
      <form class="totp-form" novalidate @submit=${this.#confirmTotp}>
        ${renderTotpSetup(setup)} ${this.#field('code', t('staff-login.label.app-code'))}
        <div class="actions">
          <button class="button" part="button" type="submit" data-action="confirm-totp" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${t('staff-login.submit.confirm')}
          </button>
          <button class="button secondary" part="button" type="button" @click=${this.#cancelTotp}>${t('account.cancel')}</button>
        </div>
      </form>
    `;
  }

  #renderPasskey(passkey: Passkey): TemplateResult {
    return html`<li class="passkey row" part="passkey">
      <span>
        <strong>${passkey.name}</strong>
        <span class="muted">${t('account.passkey-added-on', { date: formatDate(passkey.createdAt) })}</span>
      </span>
      <button
        class="button secondary"
        part="button remove-button"
        type="button"
        data-action="remove-passkey"
        aria-label=${t('account.passkey-remove', { name: passkey.name })}
        @click=${() => void this.#removePasskey(passkey)}
      >
        ${t('account.confirm-remove')}
      </button>
    </li>`;
  }

  #field(field: Field, label: string, hint?: string): TemplateResult {
    const message = this.fieldMessages[field];
    const describedBy = [hint ? `${field}-hint` : '', message ? `${field}-error` : ''].filter(Boolean).join(' ');
    const code = field === 'code';
    return html`
      <div class="field" part="field">
        <label for=${field}>${label}</label>
        ${hint ? html`<p class="hint" id="${field}-hint">${hint}</p>` : nothing}
        <input
          id=${field}
          name=${field}
          part="input"
          type="text"
          inputmode=${code ? 'numeric' : nothing}
          autocomplete=${code ? 'one-time-code' : 'off'}
          maxlength=${code ? 16 : 100}
          .value=${live(this.values[field])}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(event: InputEvent) => {
            this.values = { ...this.values, [field]: (event.target as HTMLInputElement).value };
          }}
        />
        ${message ? html`<p class="field-error" id="${field}-error" part="field-error">${message()}</p>` : nothing}
      </div>
    `;
  }

  /** Runs one change with the pending state and an abort signal; its problems are shown, its result announced. */
  async #run(work: (client: ConsoleClient, signal: AbortSignal) => Promise<void>): Promise<void> {
    const client = this.#client;
    if (!client || this.pending) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    this.alert = undefined;
    this.fieldMessages = {};
    try {
      await work(client, request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#show(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }

  async #startTotp(): Promise<void> {
    this.recoveryCodes = undefined;
    this.totpSetup = { setup: undefined };
    await this.#run(async (client, signal) => {
      const setup = await client.auth.setUpTotp({}, { signal });
      this.totpSetup = { setup };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    });
    if (this.totpSetup && !this.totpSetup.setup) this.totpSetup = undefined;
  }

  #cancelTotp(): void {
    this.#request?.abort();
    this.totpSetup = undefined;
    this.values = { ...this.values, code: '' };
    this.fieldMessages = {};
  }

  async #confirmTotp(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const code = normaliseCode(this.values.code);
    if (!/^\d{6}$/.test(code)) {
      this.#fieldProblem('code', code ? () => t('staff-login.error.code-format') : () => t('staff-login.error.code-required'));
      return;
    }
    await this.#run(async (client, signal) => {
      const { recoveryCodes } = await client.auth.confirmTotp({ code }, { signal });
      this.totpSetup = undefined;
      this.values = { ...this.values, code: '' };
      this.recoveryCodes = recoveryCodes.length ? recoveryCodes : undefined;
      this.#changed('totp-added', () => t('account.totp-added'));
    });
  }

  async #removeTotp(): Promise<void> {
    const confirmed = await this.#confirm.ask({
      title: t('account.confirm-heading'),
      body: t('account.confirm-totp'),
      confirm: t('account.confirm-remove'),
      cancel: t('account.cancel'),
    });
    if (!confirmed) return;
    await this.#run(async (client, signal) => {
      await client.auth.removeTotp({ signal });
      this.#changed('totp-removed', () => t('account.totp-removed'));
    });
  }

  async #addPasskey(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = this.values.name.trim();
    await this.#run(async (client, signal) => {
      const { options } = await client.auth.passkeyRegistration({}, { signal });
      const credential = await createPasskey(browserCredentials(this.credentials), options, signal);
      const { passkey, recoveryCodes } = await client.auth.addPasskey({ credential, ...(name ? { name } : {}) }, { signal });
      this.values = { ...this.values, name: '' };
      if (recoveryCodes?.length) this.recoveryCodes = recoveryCodes;
      this.#changed('passkey-added', () => t('account.passkey-added', { name: passkey.name }));
    });
  }

  async #removePasskey(passkey: Passkey): Promise<void> {
    const confirmed = await this.#confirm.ask({
      title: t('account.confirm-heading'),
      body: t('account.confirm-passkey', { name: passkey.name }),
      confirm: t('account.confirm-remove'),
      cancel: t('account.cancel'),
    });
    if (!confirmed) return;
    await this.#run(async (client, signal) => {
      await client.auth.removePasskey(passkey.id, { signal });
      this.#changed('passkey-removed', () => t('account.passkey-removed', { name: passkey.name }));
    });
  }

  async #signOut(): Promise<void> {
    try {
      await this.#client?.auth.logout();
    } catch (error) {
      // The sign-in is forgotten here either way; the console shows the sign-in form.
      if (!isAbortError(error)) console.warn('Portico: the service could not end the sign-in.', error);
    }
  }

  #changed(change: AccountChange, said: Words): void {
    this.notice = said;
    this.dispatchEvent(new PortalConsoleAccountChangeEvent({ change }));
    void this.refresh();
  }

  async #copy(): Promise<void> {
    const codes = this.recoveryCodes ?? [];
    const said = await copyRecoveryCodes(codes);
    this.notice = () => said;
  }

  #download(me: StaffMe): void {
    const said = downloadRecoveryCodes(this.recoveryCodes ?? [], { firm: me.firm.name, email: me.staff.email });
    this.notice = () => said;
  }

  #fieldProblem(field: Field, message: Words): void {
    this.fieldMessages = { [field]: message };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)?.focus());
  }

  #show(error: unknown): void {
    if (error instanceof PasskeyError) {
      const failure = error.failure;
      this.alert = () => passkeyMessage(failure);
      return;
    }
    if (error instanceof ApiError) {
      if (error.code === 'mfa_code_invalid') return this.#fieldProblem('code', () => t('staff-login.error.code-invalid'));
      if (error.code === 'passkey_invalid') {
        this.alert = () => t('staff-login.error.passkey-invalid');
        return;
      }
      const named = error.errors.find(({ field }) => field === 'code' || field === 'name');
      if (named) return this.#fieldProblem(named.field as Field, () => named.message);
    }
    this.alert = () => errorMessage(error);
  }
}
