import { ContextConsumer } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { PortalElement } from '../../base/portal-element.ts';
import { toggleState } from '../../base/states.ts';
import { firmHeading } from '../../login/firm-heading.ts';
import { loginStyles } from '../../login/login.styles.ts';
import { validateLogin, type LoginField } from '../../login/validation.ts';
import { alertStyles, buttonStyles, fieldStyles, visuallyHiddenStyles } from '../../styles/shared.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import { isSignedIn } from '../api/staff-auth-api.ts';
import type { StaffMember, StaffSignIn, StaffSignInAnswer, TotpSetup } from '../api/types.ts';
import { consoleClientContext } from '../contexts.ts';
import type { ConsoleMessageKey } from '../i18n/en.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { PortalStaffLoginSucceededEvent, type PortalStaffLoginSucceededDetail } from './events.ts';
import { staffLoginStyles } from './staff-login.styles.ts';
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
  requestPasskey,
  type PasskeyCredentials,
} from './two-factor.ts';
import { twoFactorStyles } from './two-factor.styles.ts';

type Method = 'totp' | 'passkey' | 'recovery_code';

/** Where the sign-in stands. */
export type StaffLoginStep =
  | { kind: 'password' }
  | { kind: 'invitation' }
  | { kind: 'code'; mfaToken: string; methods: readonly Method[]; using: Method }
  | { kind: 'enrol'; mfaToken: string }
  | { kind: 'totp-setup'; mfaToken: string; setup: TotpSetup | undefined }
  | { kind: 'recovery-codes'; codes: readonly string[]; staff: StaffMember };

type Field = LoginField | 'code';

/** The sign-in's error messages, none of which has a parameter. */
type StaffLoginErrorKey = Extract<ConsoleMessageKey, `staff-login.error.${string}`>;
type Message = () => string;

const emptyValues: Record<Field, string> = { email: '', password: '', confirm: '', code: '' };

// The client login's checks (components/login/validation.ts) name the portal's messages; these are the console's words for them.
const validationMessages: Record<string, StaffLoginErrorKey> = {
  'login.error.email-required': 'staff-login.error.email-required',
  'login.error.email-invalid': 'staff-login.error.email-invalid',
  'login.error.password-required': 'staff-login.error.password-required',
  'login.error.new-password-required': 'staff-login.error.new-password-required',
  'login.error.password-short': 'staff-login.error.password-short',
  'login.error.password-long': 'staff-login.error.password-long',
  'login.error.confirm-required': 'staff-login.error.confirm-required',
  'login.error.password-mismatch': 'staff-login.error.password-mismatch',
};

/**
 * How a member of the firm's staff signs in to the console: email and password, then a second
 * factor — a 6-digit code from an authenticator app, a passkey, or a recovery code. When the
 * firm requires a second factor the staff member has not set up yet, it sets one up there and
 * then (an authenticator app, with its QR code and setup key, or a passkey) and shows the
 * recovery codes once, to copy or download, before continuing signed in.
 *
 * Opened from a staff invitation email (`?invitation=TOKEN` in the page's address), it asks the
 * new staff member to create a password first, and takes the token out of the address once used.
 *
 * Inside `<portal-console>` it uses the console's client; alone, set `client`. Every problem is
 * shown next to its field or in an alert; a rate limit says how long to wait.
 *
 * @tag portal-staff-login
 *
 * @event portal-staff-login-succeeded - The staff member is signed in (after the recovery codes, when there were some to show). `detail.staff`, `detail.method`.
 *
 * @csspart base - The box around the form.
 * @csspart form - The form of the current step.
 * @csspart heading - The step's heading (focused when the step changes).
 * @csspart intro - The explanation under the heading.
 * @csspart alert - The live region for problems.
 * @csspart notice - The live region for progress and successes.
 * @csspart field - One label, hint, input and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's error.
 * @csspart submit-button - The step's main button.
 * @csspart passkey-button - "Use a passkey".
 * @csspart links - The other ways of giving the second factor.
 * @csspart link - One of them.
 * @csspart method - A way to set up a second factor (authenticator app or passkey).
 * @csspart totp-setup - The QR code and setup key.
 * @csspart qr-code - The QR code (inline SVG).
 * @csspart secret - The setup key, in groups of four.
 * @csspart recovery-codes - The recovery codes and their buttons.
 * @csspart code-list - The list of recovery codes.
 * @csspart copy-button - Copies the recovery codes.
 * @csspart download-button - Downloads the recovery codes as a .txt file.
 * @csspart continue-button - Continues, signed in, once the codes are saved.
 *
 * @cssprop --portal-staff-login-max-width - Largest width (default `30rem`).
 * @cssprop --portal-login-background - Box background (default `--portal-color-surface`), as for `<portal-login>`.
 * @cssprop --portal-login-border-color - Box border (default `--portal-color-divider`).
 * @cssprop --portal-login-padding - Space inside the box.
 * @cssprop --portal-login-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-console-qr-size - Side of the QR code (default `12rem`).
 *
 * @cssstate pending - A request (or the passkey prompt) is under way.
 */
export class PortalStaffLogin extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, loginStyles, twoFactorStyles, staffLoginStyles];

  /** The console's client, when used outside `<portal-console>` (tests, stories). */
  @property({ attribute: false }) client: ConsoleClient | undefined;

  /** The firm's name, for the heading. */
  @property({ attribute: 'firm-name' }) firmName = '';

  /** An invitation token; read from the page's address (`invitation-param`) when not set. */
  @property() token = '';

  /** Query parameter that carries the token in staff invitation links. */
  @property({ attribute: 'invitation-param' }) invitationParam = 'invitation';

  /** Where passkeys come from: the browser's `navigator.credentials` unless set (tests). */
  @property({ attribute: false }) credentials: PasskeyCredentials | undefined;

  readonly #consoleClient = new ContextConsumer(this, { context: consoleClientContext, subscribe: true });
  protected get contextClient(): ConsoleClient | undefined {
    return this.#consoleClient.value;
  }

  @state() protected step: StaffLoginStep = { kind: 'password' };
  @state() private values: Record<Field, string> = { ...emptyValues };
  @state() private fieldMessages: Partial<Record<Field, Message>> = {};
  @state() private alert: Message | undefined;
  @state() private notice: Message | undefined;
  @state() private pending = false;

  readonly #internals: ElementInternals;
  #request: AbortController | undefined;
  #submitted = false;
  /** The invitation came from the address: its parameter is removed once used. */
  #tokenFromAddress = false;
  #holding = false;
  #focusHeading = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /**
   * True from the moment a second factor set up at sign-in signs the staff member in until they
   * continue past their recovery codes: the console keeps this form on screen meanwhile.
   */
  get holdsSignIn(): boolean {
    return this.#holding;
  }

  /** The current step: `password`, `invitation`, `code`, `enrol`, `totp-setup` or `recovery-codes`. */
  get currentStep(): StaffLoginStep['kind'] {
    return this.step.kind;
  }

  get #client(): ConsoleClient | undefined {
    return this.client ?? this.contextClient;
  }

  /** Moves focus to the step's heading. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#heading')?.focus(options));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token && this.invitationParam) {
      const token = new URLSearchParams(window.location.search).get(this.invitationParam);
      if (token) {
        this.token = token;
        this.#tokenFromAddress = true;
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('token') && this.token && this.step.kind === 'password') this.step = { kind: 'invitation' };
  }

  protected override updated(): void {
    toggleState(this.#internals, 'pending', this.pending);
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
    }
  }

  protected override render(): TemplateResult {
    return html`
      <div class="base" part="base">
        <form part="form" novalidate aria-labelledby="heading" aria-busy=${this.pending ? 'true' : 'false'} @submit=${this.#submit}>
          <h2 id="heading" part="heading" tabindex="-1">${this.#heading()}</h2>
          ${this.#intro()}
          <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
          <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
          ${this.#body()}
        </form>
      </div>
    `;
  }

  #heading(): TemplateResult | string {
    switch (this.step.kind) {
      case 'password':
        // The console shows this before its branding arrives.
        return firmHeading(this.firmName, t('staff-login.heading.sign-in'), (firm) => t('staff-login.heading.sign-in-firm', { firm }));
      case 'invitation':
        return t('staff-login.heading.invitation');
      case 'code':
        return this.step.using === 'recovery_code' ? t('staff-login.heading.recovery') : t('staff-login.heading.code');
      case 'enrol':
        return t('staff-login.heading.enrol');
      case 'totp-setup':
        return t('staff-login.heading.totp-setup');
      case 'recovery-codes':
        return t('staff-login.heading.recovery-codes');
    }
  }

  #intro(): TemplateResult | typeof nothing {
    const step = this.step;
    let text = '';
    if (step.kind === 'invitation') text = t('staff-login.intro.invitation');
    else if (step.kind === 'enrol') text = t('staff-login.intro.enrol');
    else if (step.kind === 'code' && step.using === 'recovery_code') text = t('staff-login.intro.recovery');
    else if (step.kind === 'code') text = step.using === 'totp' ? t('staff-login.intro.code') : t('staff-login.intro.passkey-only');
    return text ? html`<p class="intro" part="intro">${text}</p>` : nothing;
  }

  #body(): TemplateResult {
    const step = this.step;
    switch (step.kind) {
      case 'password':
        return html`${this.#field('email')}${this.#field('password')}${this.#submitButton(t('staff-login.submit.sign-in'))}`;
      case 'invitation':
        return html`${this.#field('password')}${this.#field('confirm')}${this.#submitButton(t('staff-login.submit.invitation'))}`;
      case 'code':
        return this.#codeStep(step);
      case 'enrol':
        return this.#enrolStep();
      case 'totp-setup':
        return html`
          <div class="step-body">
            ${step.setup ? renderTotpSetup(step.setup) : html`<p role="status">${t('staff-login.totp.loading')}</p>`}
          </div>
          ${step.setup ? html`${this.#field('code', t('staff-login.label.app-code'))}${this.#submitButton(t('staff-login.submit.confirm'))}` : nothing}
          <p class="links" part="links">${this.#link(t('staff-login.choose-another'), () => this.#go({ kind: 'enrol', mfaToken: step.mfaToken }))}</p>
        `;
      case 'recovery-codes':
        return html`
          ${renderRecoveryCodes(step.codes, { onCopy: () => void this.#copy(step.codes), onDownload: () => this.#download(step) })}
          <button class="button submit-button continue" part="continue-button" type="button" @click=${() => this.#finish(step.staff, 'enrolment')}>
            ${t('staff-login.recovery-codes.continue')}
          </button>
        `;
    }
  }

  #codeStep(step: Extract<StaffLoginStep, { kind: 'code' }>): TemplateResult {
    const recovery = step.using === 'recovery_code';
    const showCode = step.using !== 'passkey';
    const links: TemplateResult[] = [];
    if (step.using !== 'totp' && step.methods.includes('totp')) links.push(this.#link(t('staff-login.use-app'), () => this.#use('totp')));
    if (!recovery && step.methods.includes('recovery_code')) links.push(this.#link(t('staff-login.use-recovery-code'), () => this.#use('recovery_code')));
    links.push(this.#link(t('staff-login.start-over'), () => this.#startOver()));
    return html`
      ${showCode ? html`${this.#field('code', recovery ? t('staff-login.label.recovery-code') : t('staff-login.label.code'))}${this.#submitButton(t('staff-login.submit.verify'))}` : nothing}
      ${
        step.methods.includes('passkey')
          ? html`<button
            class="button ${showCode ? 'secondary' : ''} submit-button"
            part="passkey-button"
            type="button"
            aria-disabled=${this.pending ? 'true' : 'false'}
            @click=${() => void this.#signInWithPasskey(step.mfaToken)}
          >
            ${t('staff-login.use-passkey')}
          </button>`
          : nothing
      }
      <p class="links" part="links">${links}</p>
    `;
  }

  #enrolStep(): TemplateResult {
    return html`
      <div class="methods">
        <button class="method" part="method" type="button" data-method="totp" @click=${() => void this.#startTotp()}>
          <span class="method-name">${t('staff-login.enrol.totp')}</span>
          <span class="method-hint">${t('staff-login.enrol.totp-hint')}</span>
        </button>
        <button class="method" part="method" type="button" data-method="passkey" @click=${() => void this.#enrolPasskey()}>
          <span class="method-name">${t('staff-login.enrol.passkey')}</span>
          <span class="method-hint">${t('staff-login.enrol.passkey-hint')}</span>
        </button>
      </div>
      <p class="links" part="links">${this.#link(t('staff-login.start-over'), () => this.#startOver())}</p>
    `;
  }

  #submitButton(label: string): TemplateResult {
    return html`<button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
      ${this.pending ? t('staff-login.pending') : label}
    </button>`;
  }

  #link(label: string, action: () => void): TemplateResult {
    return html`<button type="button" class="link-button" part="link" @click=${action}>${label}</button>`;
  }

  #field(field: Field, label?: string): TemplateResult {
    const choosing = this.step.kind === 'invitation';
    const labels: Record<Field, string> = {
      email: t('staff-login.label.email'),
      password: choosing ? t('staff-login.label.new-password') : t('staff-login.label.password'),
      confirm: t('staff-login.label.confirm-password'),
      code: label ?? t('staff-login.label.code'),
    };
    const hint = field === 'password' && choosing ? t('staff-login.hint.new-password') : undefined;
    const message = this.fieldMessages[field];
    const describedBy = [hint ? `${field}-hint` : '', message ? `${field}-error` : ''].filter(Boolean).join(' ');
    const recovery = this.step.kind === 'code' && this.step.using === 'recovery_code';
    const numeric = field === 'code' && !recovery;
    const autocomplete = field === 'email' ? 'email' : field === 'code' ? (numeric ? 'one-time-code' : 'off') : choosing ? 'new-password' : 'current-password';
    return html`
      <div class="field" part="field">
        <label for=${field} part="label">${labels[field]}</label>
        ${hint ? html`<p class="hint" id="${field}-hint" part="hint">${hint}</p>` : nothing}
        <input
          id=${field}
          name=${field}
          part="input"
          class=${field === 'code' ? 'code-input' : ''}
          type=${field === 'email' ? 'email' : field === 'code' ? 'text' : 'password'}
          inputmode=${numeric ? 'numeric' : nothing}
          autocomplete=${autocomplete}
          autocapitalize=${field === 'email' || field === 'code' ? 'off' : nothing}
          spellcheck="false"
          required
          maxlength=${field === 'email' ? 320 : field === 'code' ? 32 : nothing}
          .value=${live(this.values[field])}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${this.#onInput}
        />
        ${message ? html`<p class="field-error" id="${field}-error" part="field-error">${message()}</p>` : nothing}
      </div>
    `;
  }

  #onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    this.values = { ...this.values, [input.name]: input.value };
    if (this.#submitted) this.fieldMessages = this.#problems();
  }

  #problems(): Partial<Record<Field, Message>> {
    const step = this.step;
    const messages: Partial<Record<Field, Message>> = {};
    if (step.kind === 'password' || step.kind === 'invitation') {
      const mode = step.kind === 'password' ? 'sign-in' : 'accept-invitation';
      const { email, password, confirm } = this.values;
      for (const [field, key] of Object.entries(validateLogin(mode, { email, password, confirm }))) {
        const own = validationMessages[key];
        if (own) messages[field as Field] = () => t(own);
      }
    } else if (step.kind === 'code' || step.kind === 'totp-setup') {
      const code = normaliseCode(this.values.code);
      const recovery = step.kind === 'code' && step.using === 'recovery_code';
      if (!code) messages.code = () => t('staff-login.error.code-required');
      else if (!recovery && !/^\d{6}$/.test(code)) messages.code = () => t('staff-login.error.code-format');
    }
    return messages;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.pending) return;
    this.#submitted = true;
    this.alert = undefined;
    this.notice = undefined;
    this.fieldMessages = this.#problems();
    if (Object.keys(this.fieldMessages).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
      return;
    }
    const step = this.step;
    const { email, password } = this.values;
    const code = normaliseCode(this.values.code);
    await this.#run(async (client, signal) => {
      switch (step.kind) {
        case 'password':
          return this.#answer(await client.auth.login({ email: email.trim(), password }, { signal }), 'password');
        case 'invitation': {
          const answer = await client.auth.acceptInvitation({ token: this.token, password }, { signal });
          this.#spendToken();
          return this.#answer(answer, 'invitation');
        }
        case 'code': {
          const signIn = await client.auth.verifyCode({ mfaToken: step.mfaToken, code }, { signal });
          return this.#finish(signIn.staff, step.using === 'recovery_code' ? 'recovery_code' : 'totp');
        }
        case 'totp-setup': {
          this.#holding = true;
          const { recoveryCodes, signIn } = await client.auth.confirmTotp({ code, mfaToken: step.mfaToken }, { signal });
          return this.#afterEnrolment(recoveryCodes, signIn);
        }
        default:
          return undefined;
      }
    });
  }

  /** Runs one request with the pending state, an abort signal, and its problems shown. */
  async #run(work: (client: ConsoleClient, signal: AbortSignal) => Promise<void>): Promise<void> {
    const client = this.#client;
    if (!client) {
      this.alert = () => t('shell.not-configured');
      return;
    }
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    try {
      await work(client, request.signal);
    } catch (error) {
      this.#holding = false;
      if (request.signal.aborted || isAbortError(error)) return;
      this.#show(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }

  #answer(answer: StaffSignInAnswer, method: 'password' | 'invitation'): void {
    if (isSignedIn(answer)) return this.#finish(answer.staff, method);
    if ('enrollmentRequired' in answer) return this.#go({ kind: 'enrol', mfaToken: answer.mfaToken });
    const methods = answer.methods;
    const using: Method = methods.includes('totp') ? 'totp' : methods.includes('passkey') ? 'passkey' : 'recovery_code';
    this.#go({ kind: 'code', mfaToken: answer.mfaToken, methods, using });
  }

  #afterEnrolment(recoveryCodes: readonly string[] | undefined, signIn: StaffSignIn | undefined): void {
    const staff = signIn?.staff ?? this.#client?.staff;
    if (!staff) {
      this.#holding = false;
      return;
    }
    if (recoveryCodes?.length) this.#go({ kind: 'recovery-codes', codes: recoveryCodes, staff });
    else this.#finish(staff, 'enrolment');
  }

  #finish(staff: StaffMember, method: PortalStaffLoginSucceededDetail['method']): void {
    this.#holding = false;
    this.values = { ...emptyValues, email: this.values.email };
    this.fieldMessages = {};
    this.alert = undefined;
    this.notice = () => t('staff-login.notice.signed-in');
    this.dispatchEvent(new PortalStaffLoginSucceededEvent({ staff, method }));
  }

  async #signInWithPasskey(mfaToken: string): Promise<void> {
    if (this.pending) return;
    this.alert = undefined;
    this.notice = () => t('staff-login.passkey-pending');
    await this.#run(async (client, signal) => {
      const { options } = await client.auth.passkeyChallenge(mfaToken, { signal });
      const credential = await requestPasskey(browserCredentials(this.credentials), options, signal);
      const signIn = await client.auth.verifyPasskey({ mfaToken, credential }, { signal });
      this.#finish(signIn.staff, 'passkey');
    });
    if (this.alert) this.notice = undefined;
  }

  async #startTotp(): Promise<void> {
    const step = this.step;
    if (step.kind !== 'enrol' || this.pending) return;
    this.#go({ kind: 'totp-setup', mfaToken: step.mfaToken, setup: undefined });
    await this.#run(async (client, signal) => {
      const setup = await client.auth.setUpTotp({ mfaToken: step.mfaToken }, { signal });
      if (this.step.kind === 'totp-setup') this.step = { ...this.step, setup };
    });
  }

  async #enrolPasskey(): Promise<void> {
    const step = this.step;
    if (step.kind !== 'enrol' || this.pending) return;
    this.alert = undefined;
    this.notice = () => t('staff-login.passkey-pending');
    await this.#run(async (client, signal) => {
      const { options } = await client.auth.passkeyRegistration({ mfaToken: step.mfaToken }, { signal });
      const credential = await createPasskey(browserCredentials(this.credentials), options, signal);
      this.#holding = true;
      const { recoveryCodes, signIn } = await client.auth.addPasskey({ credential, mfaToken: step.mfaToken }, { signal });
      this.notice = undefined;
      this.#afterEnrolment(recoveryCodes, signIn);
    });
    if (this.alert) this.notice = undefined;
  }

  async #copy(codes: readonly string[]): Promise<void> {
    const said = await copyRecoveryCodes(codes);
    this.notice = () => said;
  }

  #download(step: Extract<StaffLoginStep, { kind: 'recovery-codes' }>): void {
    const said = downloadRecoveryCodes(step.codes, { firm: this.firmName || (this.#client?.firm ?? ''), email: step.staff.email });
    this.notice = () => said;
  }

  #use(using: 'totp' | 'recovery_code'): void {
    if (this.step.kind !== 'code') return;
    this.#go({ ...this.step, using });
  }

  #startOver(): void {
    this.#go({ kind: 'password' });
  }

  /** Moves to another step: its fields start empty (the email stays) and focus goes to its heading. */
  #go(step: StaffLoginStep): void {
    this.#request?.abort();
    this.pending = false;
    this.#submitted = false;
    this.step = step;
    this.values = { ...emptyValues, email: this.values.email };
    this.fieldMessages = {};
    this.alert = undefined;
    this.notice = undefined;
    this.#focusHeading = true;
  }

  /** The invitation is spent (or refused): a reload must not offer it again. */
  #spendToken(): void {
    this.token = '';
    if (!this.#tokenFromAddress) return;
    this.#tokenFromAddress = false;
    const url = new URL(window.location.href);
    url.searchParams.delete(this.invitationParam);
    window.history.replaceState(window.history.state, '', url);
  }

  #show(error: unknown): void {
    if (error instanceof PasskeyError) {
      const failure = error.failure;
      this.alert = () => passkeyMessage(failure);
      return;
    }
    if (!(error instanceof ApiError)) {
      this.alert = () => errorMessage(error);
      return;
    }
    const alerts: Partial<Record<string, StaffLoginErrorKey>> = {
      invalid_credentials: 'staff-login.error.invalid-credentials',
      staff_disabled: 'staff-login.error.staff-disabled',
      passkey_invalid: 'staff-login.error.passkey-invalid',
    };
    switch (error.code) {
      case 'invitation_invalid':
      case 'staff_not_invited':
        this.#spendToken();
        this.#go({ kind: 'password' });
        this.alert = () => t('staff-login.error.invitation-invalid');
        return;
      case 'mfa_token_invalid':
        this.#go({ kind: 'password' });
        this.alert = () => t('staff-login.error.mfa-expired');
        return;
      case 'mfa_code_invalid':
        this.#fieldProblems({ code: () => t('staff-login.error.code-invalid') });
        return;
      case 'weak_password':
        this.#fieldProblems({ password: () => t('staff-login.error.password-weak') });
        return;
    }
    const key = alerts[error.code];
    if (key) {
      this.alert = () => t(key);
      return;
    }
    const shown = new Set([...this.renderRoot.querySelectorAll('input')].map((input) => input.name));
    const messages: Partial<Record<Field, Message>> = {};
    for (const { field, message } of error.errors) if (shown.has(field)) messages[field as Field] ??= () => message;
    if (Object.keys(messages).length) this.#fieldProblems(messages);
    else this.alert = () => errorMessage(error);
  }

  #fieldProblems(messages: Partial<Record<Field, Message>>): void {
    this.fieldMessages = messages;
    this.alert = () => t('staff-login.error.fix-fields');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
  }
}
