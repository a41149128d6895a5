import { consume } from '@lit/context';
import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { ApiClient } from '../api/api-client.ts';
import { isSignedIn } from '../api/auth-api.ts';
import type { Branding, LinkKind, LinkStatus, PortalLocale, SignIn, SignInAnswer } from '../api/types.ts';
import { passkeysSupported, type PasskeyCredentials } from '../base/passkeys.ts';
import { PortalElement } from '../base/portal-element.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { brandingContext } from '../controllers/contexts.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { languageOf } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import type { PlainMessageKey } from '../i18n/translations.ts';
import { alertStyles, buttonStyles, fieldStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalLoginSucceededEvent, PortalPasswordResetRequestedEvent } from './events.ts';
import { loginStyles } from './login.styles.ts';
import type { SecondStep, SucceededMode } from './second-step.ts';
import {
  fieldsOf,
  isLinkMode,
  loginModes,
  normalizeCode,
  validateLogin,
  type LinkMode,
  type LoginField,
  type LoginMode,
  type LoginValues,
} from './validation.ts';

/** A message produced while rendering, so that it follows the current language. */
type Message = () => string;

type FieldMessages = Partial<Record<LoginField, Message>>;

const emptyValues: LoginValues = { email: '', password: '', confirm: '', code: '' };

/** What the service calls the link each link mode is opened from. */
const linkKinds: Record<LinkMode, LinkKind> = { 'accept-invitation': 'invitation', 'reset-password': 'reset', 'sign-in-link': 'sign-in' };

/** Where the link's check stands: asking, or the service's answer. */
type LinkCheck = 'checking' | LinkStatus['status'];

/**
 * The client's way in: sign in with email and password, accept an invitation by creating a
 * password, ask for a password-reset email, or choose a new password from a reset link. Or, with
 * no password: "Email me a sign-in code" asks for a 6-digit code by email (`email-code`), then
 * takes the code (`enter-code`, with "Send a new code" after a cool-down); the email's one-click
 * link opens the login in `sign-in-link` mode, which signs the client in at once.
 *
 * A page opened from an emailed link (invitation, reset or sign-in) asks the service first
 * whether the link still works. A used, expired or replaced link says so before the client types
 * anything, with "Send me a new link" (for a reset or a sign-in) or a word to ask the firm for a
 * new invitation.
 *
 * Inside `<portal-session>` it uses the session's API client (the session shows it while the
 * client is signed out and opens it in the right mode for invitation and reset links). Alone,
 * give it `api` and `firm` attributes.
 *
 * When the client has a second factor, a right password (or code, link, invitation or reset)
 * leads to a second step: the 6-digit code from their authenticator app, "Use a recovery code",
 * or "Use a passkey". When the firm requires a second factor the client has not set up, the step
 * sets one up: an authenticator app (QR code and setup key, then a first code, then the recovery
 * codes to save) or a passkey. "Sign in with a passkey" signs in with a passkey alone, shown when
 * the browser can use passkeys and the firm has turned two-step verification on.
 *
 * Fields are checked before anything is sent (required, email shape, passwords of 10 to 200
 * characters that match); problems are shown next to each field and the first one is focused.
 * Answers from the service are announced in a live region.
 *
 * @tag portal-login
 *
 * @event portal-login-succeeded - The client signed in (by password, invitation, reset, emailed code or emailed link). `detail.contact`, `detail.mode`.
 * @event portal-password-reset-requested - The client asked for a password-reset email. `detail.email`.
 *
 * @csspart base - The box around the form.
 * @csspart form - The form.
 * @csspart heading - The heading, which names the mode.
 * @csspart intro - The explanation under the heading.
 * @csspart alert - The live region for errors from the service.
 * @csspart notice - The live region for successes.
 * @csspart field - One label, hint, input and error.
 * @csspart label - A field's label.
 * @csspart hint - A field's hint.
 * @csspart input - A field's input.
 * @csspart field-error - A field's error message.
 * @csspart submit-button - The submit button.
 * @csspart links - The links to the other modes.
 * @csspart link - One link to another mode.
 * @csspart resend-button - "Send a new code", while entering an emailed code.
 * @csspart passkey-button - "Sign in with a passkey" (and "Use a passkey" in the second step).
 * @csspart totp-setup - The authenticator app's QR code and setup key, while setting one up.
 * @csspart qr-code - The QR code.
 * @csspart secret - The setup key.
 * @csspart recovery-codes - The recovery codes, shown once after setting up a second factor.
 * @csspart code-list - The list of recovery codes.
 * @csspart copy-button - "Copy codes".
 *
 * @cssprop --portal-login-max-width - Largest width of the form (default `28rem`).
 * @cssprop --portal-login-padding - Space inside the box (default one and a half `--portal-space`).
 * @cssprop --portal-login-background - Box background (default `--portal-color-surface`).
 * @cssprop --portal-login-border-color - Box border (default `--portal-color-divider`).
 * @cssprop --portal-login-heading-color - Heading colour (default `--portal-color-text`).
 *
 * @cssstate pending - A request to the service is in flight.
 */
export class PortalLogin extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, loginStyles];

  /**
   * What the form does: `sign-in`, `accept-invitation`, `forgot-password`, `reset-password`,
   * `email-code` (ask for a sign-in code), `enter-code` (type it) or `sign-in-link`.
   */
  @property({ reflect: true }) mode: LoginMode = 'sign-in';

  /** The token from the emailed link (for `accept-invitation`, `reset-password` and `sign-in-link`). */
  @property() token = '';

  /** Seconds before "Send a new code" can be used again. */
  @property({ type: Number, attribute: 'resend-cooldown' }) resendCooldown = 30;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The browser's passkey API to use instead of `navigator.credentials` (tests, stories). */
  @property({ attribute: false }) credentials: PasskeyCredentials | undefined;

  @consume({ context: brandingContext, subscribe: true })
  @state()
  protected branding: Branding | undefined;

  @state() private values: LoginValues = { ...emptyValues };
  @state() private fieldMessages: FieldMessages = {};
  @state() private alert: Message | undefined;
  @state() private notice: Message | undefined;
  @state() private pending = false;
  /** The emailed link's check, in a link mode. */
  @state() private linkCheck: LinkCheck | undefined;
  /** The address the sign-in code was sent to. */
  @state() private codeEmail = '';
  /** Seconds until "Send a new code" works again. */
  @state() private resendIn = 0;
  /** A new link was sent in place of the refused one. */
  @state() private linkRenewed = false;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  #submitted = false;
  #request: AbortController | undefined;
  #second: SecondStep | undefined;
  /** The link (mode and token) last checked, so that each is asked about once. */
  #checkedLink = '';
  #resendAt = 0;
  #resendTimer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Moves focus to the form's heading, so that a screen reader announces what the form is for. */
  override focus(options?: FocusOptions): void {
    const heading = this.renderRoot?.querySelector<HTMLElement>('#heading');
    if (heading) heading.focus(options);
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#heading')?.focus(options));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A cool-down interrupted by a move in the page carries on where it was.
    if (this.codeEmail && !this.#resendTimer && this.#resendAt > Date.now()) this.#runResendTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
    this.#stopResendTimer();
    // Checked again if the element comes back.
    this.#checkedLink = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode')) {
      if (!loginModes.includes(this.mode)) this.mode = 'sign-in';
      if (changed.get('mode') !== undefined) this.#reset();
    }
    if (changed.has('token') && changed.get('token') !== undefined) {
      this.linkCheck = undefined;
      this.linkRenewed = false;
    }
    this.#checkLinkOnce();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('pending')) {
      try {
        if (this.pending) this.#internals.states.add('pending');
        else this.#internals.states.delete('pending');
      } catch {
        // Older engines without custom states: the state is cosmetic only.
      }
    }
  }

  protected override render(): TemplateResult {
    const step = this.#second?.step;
    if (step) return this.#second!.render(step);
    const mode = this.mode;
    const check = isLinkMode(mode) ? this.linkCheck : undefined;
    if (check === 'checking') return this.#renderChecking();
    if (check && check !== 'usable' && isLinkMode(mode)) return this.#renderRefusedLink(mode, check);
    return html`
      <div class="base" part="base">
        <form part="form" novalidate aria-labelledby="heading" aria-busy=${this.pending ? 'true' : 'false'} @submit=${this.#submit}>
          <h2 id="heading" part="heading" tabindex="-1">${this.#heading()}</h2>
          ${this.#intro()}
          <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
          <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
          ${this.#fields().map((field) => this.#field(field))}
          <button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${this.pending ? t(`login.pending.${mode}`) : t(`login.submit.${mode}`)}
          </button>
          <p class="links" part="links">${this.#links(mode)}</p>
        </form>
      </div>
    `;
  }

  /** The fields on screen: the code's address too when the form does not know it. */
  #fields(): readonly LoginField[] {
    return this.mode === 'enter-code' && !this.codeEmail ? ['email', 'code'] : fieldsOf(this.mode);
  }

  #links(mode: LoginMode): TemplateResult {
    switch (mode) {
      case 'sign-in':
        return html`${this.#modeLink('forgot-password', t('login.link.forgot-password'))}${this.#modeLink('email-code', t('login.link.email-code'))}${
          this.#offersPasskeys()
            ? html`<button type="button" class="link-button" part="passkey-button link" @click=${this.#signInWithPasskey}>${t('login.link.passkey')}</button>`
            : nothing
        }`;
      case 'email-code':
        return this.#modeLink('sign-in', t('login.link.password'));
      case 'enter-code': {
        const waiting = this.resendIn > 0;
        return html`
          ${
            this.codeEmail
              ? html`<button
                  type="button"
                  class="link-button"
                  part="resend-button"
                  aria-disabled=${waiting || this.pending ? 'true' : 'false'}
                  @click=${this.#resend}
                >
                  ${waiting ? t('login.resend-wait', { seconds: String(this.resendIn) }) : t('login.resend')}
                </button>`
              : nothing
          }
          ${this.#modeLink('email-code', t('login.link.other-email'))}${this.#modeLink('sign-in', t('login.link.password'))}
        `;
      }
      default:
        return this.#modeLink('sign-in', t('login.link.sign-in'));
    }
  }

  /** While the emailed link is being checked: nothing to type yet. */
  #renderChecking(): TemplateResult {
    return html`
      <div class="base" part="base">
        <h2 id="heading" part="heading" tabindex="-1">${t(`login.heading.${this.mode}`)}</h2>
        <div class="notice" part="notice" role="status"><p>${t('login.link-check.checking')}</p></div>
      </div>
    `;
  }

  /**
   * A link that no longer works: why, and the way to a new one. "Send me a new link" has one sent
   * where this one went; for a link the service does not know, it opens the form that asks for one.
   */
  #renderRefusedLink(mode: LinkMode, check: Exclude<LinkCheck, 'checking' | 'usable'>): TemplateResult {
    const firm = this.branding?.name;
    const next: LoginMode | undefined = mode === 'reset-password' ? 'forgot-password' : mode === 'sign-in-link' ? 'email-code' : undefined;
    const renew = () => (check === 'unknown' ? this.#switchTo(next!) : this.#renewLink(mode));
    return html`
      <div class="base" part="base">
        <h2 id="heading" part="heading" tabindex="-1">${t('login.link-check.heading')}</h2>
        <div class="alert" part="alert" role="alert"><p>${this.alert ? this.alert() : t(`login.link-check.${check}`)}</p></div>
        <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
        ${
          !next
            ? html`<p class="intro" part="intro">${firm ? t('login.link-check.ask-firm', { firm }) : t('login.link-check.ask-the-firm')}</p>`
            : this.linkRenewed
              ? nothing
              : html`<button class="button submit-button" part="submit-button" type="button" aria-disabled=${this.pending ? 'true' : 'false'} @click=${renew}>
                  ${this.pending ? t('login.pending.forgot-password') : t('login.link-check.new-link')}
                </button>`
        }
        <p class="links" part="links">
          ${this.#modeLink('sign-in', t('login.link.sign-in'))}${next === 'email-code' ? nothing : this.#modeLink('email-code', t('login.link.email-code'))}
        </p>
      </div>
    `;
  }

  #heading(): TemplateResult | string {
    if (this.mode !== 'sign-in') return t(`login.heading.${this.mode}`);
    const firm = this.branding?.name;
    if (this.#api.session === undefined) return firm ? t('login.heading.sign-in-firm', { firm }) : t('login.heading.sign-in');
    // Inside a session the login shows before the branding arrives: the firm's name gets a line
    // of its own, kept empty until then, so that the fields below never move when it fills in.
    if (!firm) return html`${t('login.heading.sign-in')}<span class="heading-firm"></span>`;
    const [before, after = ''] = t('login.heading.sign-in-firm', { firm: '\u0000' }).split('\u0000');
    return html`${before}<span class="heading-firm">${firm}</span>${after}`;
  }

  #intro(): TemplateResult | typeof nothing {
    const mode = this.mode;
    if (mode === 'sign-in') return nothing;
    const text =
      mode === 'enter-code'
        ? this.codeEmail
          ? t('login.intro.enter-code', { email: this.codeEmail })
          : t('login.intro.enter-code-no-email')
        : t(`login.intro.${mode}`);
    return html`<p class="intro" id="intro" part="intro">${text}</p>`;
  }

  #field(field: LoginField): TemplateResult {
    const choosing = this.mode === 'accept-invitation' || this.mode === 'reset-password';
    const label =
      field === 'email'
        ? t('login.label.email')
        : field === 'code'
          ? t('login.label.code')
          : field === 'confirm'
            ? t('login.label.confirm-password')
            : choosing
              ? t('login.label.new-password')
              : t('login.label.password');
    const hint = field === 'password' && choosing ? t('login.hint.new-password') : field === 'code' ? t('login.hint.code') : undefined;
    const message = this.fieldMessages[field];
    // The code's field also reads out the intro (where the code was sent), as focus lands on it.
    const describedBy = [field === 'code' && this.codeEmail ? 'intro' : '', hint ? `${field}-hint` : '', message ? `${field}-error` : '']
      .filter(Boolean)
      .join(' ');
    const autocomplete = field === 'email' ? 'email' : field === 'code' ? 'one-time-code' : choosing ? 'new-password' : 'current-password';
    return html`
      <div class="field" part="field">
        <label for=${field} part="label">${label}</label>
        ${hint ? html`<p class="hint" id="${field}-hint" part="hint">${hint}</p>` : nothing}
        <input
          id=${field}
          name=${field}
          part="input"
          type=${field === 'email' ? 'email' : field === 'code' ? 'text' : 'password'}
          inputmode=${field === 'code' ? 'numeric' : nothing}
          autocomplete=${autocomplete}
          autocapitalize=${field === 'email' ? 'off' : nothing}
          spellcheck="false"
          required
          maxlength=${field === 'email' ? 320 : field === 'code' ? 20 : nothing}
          .value=${live(this.values[field])}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${this.#onInput}
        />
        ${message ? html`<p class="field-error" id="${field}-error" part="field-error">${message()}</p>` : nothing}
      </div>
    `;
  }

  #modeLink(mode: LoginMode, label: string): TemplateResult {
    return html`<button type="button" class="link-button" part="link" @click=${() => this.#switchTo(mode)}>${label}</button>`;
  }

  #onInput(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    this.values = { ...this.values, [input.name]: input.value };
    // After a first attempt, problems clear (or change) as the client types.
    if (this.#submitted) this.fieldMessages = this.#problems();
  }

  #problems(): FieldMessages {
    const messages: FieldMessages = {};
    for (const [field, key] of Object.entries(validateLogin(this.mode, this.values, this.#fields())) as [LoginField, PlainMessageKey][]) {
      messages[field] = () => t(key);
    }
    return messages;
  }

  async #switchTo(mode: LoginMode): Promise<void> {
    this.mode = mode;
    await this.updateComplete;
    this.focus();
  }

  #reset(): void {
    this.#request?.abort();
    this.#second?.clear();
    this.#submitted = false;
    this.pending = false;
    this.values = { ...emptyValues, email: this.codeEmail || this.values.email };
    this.fieldMessages = {};
    this.alert = undefined;
    this.notice = undefined;
    this.linkCheck = undefined;
    this.linkRenewed = false;
    this.#checkedLink = '';
    if (this.mode !== 'enter-code') {
      this.codeEmail = '';
      this.#stopResendTimer();
    }
  }

  /**
   * In a link mode, asks the service once whether the link still works, before anything is typed.
   * A sign-in link that works signs the client in at once. When the service cannot say, the form
   * shows as usual: sending it gets the service's answer anyway.
   */
  #checkLinkOnce(): void {
    const mode = this.mode;
    const client = this.#api.value;
    if (!isLinkMode(mode) || !this.token || !client) return;
    const key = `${mode}:${this.token}`;
    if (key === this.#checkedLink) return;
    this.#checkedLink = key;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.linkCheck = 'checking';
    void client.auth
      .linkStatus({ kind: linkKinds[mode], token: this.token }, { signal: request.signal })
      .then(
        ({ status }) => status,
        () => 'usable' as const,
      )
      .then((status) => {
        if (request.signal.aborted) return;
        if (this.#request === request) this.#request = undefined;
        this.linkCheck = status;
        if (status === 'usable' && mode === 'sign-in-link') void this.#run(client);
      });
  }

  /** Has a new reset or sign-in link sent where the refused one went. */
  async #renewLink(mode: LinkMode): Promise<void> {
    const client = this.#api.value;
    if (this.pending || !client || mode === 'accept-invitation') return;
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    this.alert = undefined;
    try {
      await client.auth.renewLink({ kind: linkKinds[mode] as 'reset' | 'sign-in', token: this.token }, { signal: request.signal });
      this.linkRenewed = true;
      this.notice = () => t('login.link-check.renewed');
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.alert = () => errorMessage(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }

  /** "Send a new code": asks again for the same address, once the cool-down is over. */
  async #resend(): Promise<void> {
    const client = this.#api.value;
    if (this.resendIn > 0 || this.pending || !client || !this.codeEmail) return;
    const email = this.codeEmail;
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    this.alert = undefined;
    this.notice = undefined;
    try {
      await client.auth.requestEmailCode({ email, locale: this.#pageLocale() }, { signal: request.signal });
      this.values = { ...this.values, code: '' };
      this.fieldMessages = {};
      this.notice = () => t('login.notice.code-resent', { email });
      this.#startResendTimer();
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

  #startResendTimer(): void {
    this.#stopResendTimer();
    this.#resendAt = Date.now() + this.resendCooldown * 1000;
    this.#runResendTimer();
  }

  /** Counts the cool-down down to "Send a new code". */
  #runResendTimer(): void {
    const tick = () => {
      this.resendIn = Math.max(0, Math.ceil((this.#resendAt - Date.now()) / 1000));
      if (this.resendIn === 0) this.#stopResendTimer();
    };
    tick();
    if (this.resendIn > 0) this.#resendTimer = setInterval(tick, 250);
  }

  #stopResendTimer(): void {
    clearInterval(this.#resendTimer);
    this.#resendTimer = undefined;
    if (Date.now() >= this.#resendAt) this.resendIn = 0;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.pending) return;
    this.#submitted = true;
    this.alert = undefined;
    this.notice = undefined;
    this.fieldMessages = this.#problems();
    if (Object.keys(this.fieldMessages).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
      return;
    }
    const client = this.#api.value;
    if (!client) {
      this.alert = () => t('error.not-configured');
      return;
    }
    if (isLinkMode(this.mode) && !this.token) {
      this.alert = () => t('login.error.token-missing');
      return;
    }
    await this.#run(client);
  }

  /** Sends the form's request, with its pending state, its abort and its errors shown. */
  async #run(client: ApiClient): Promise<void> {
    this.#request?.abort();
    this.alert = undefined;
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    try {
      await this.#send(client, this.mode, request.signal);
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

  /** The language this page is read in, when the service writes emails in it: the emailed code or link follows it. */
  #pageLocale(): PortalLocale | undefined {
    const language = languageOf(this).toLowerCase().split('-')[0];
    return language === 'en' || language === 'es' ? language : undefined;
  }

  async #send(client: ApiClient, mode: LoginMode, signal: AbortSignal): Promise<void> {
    const { email, password } = this.values;
    let signIn: SignInAnswer;
    switch (mode) {
      case 'email-code': {
        const address = email.trim();
        await client.auth.requestEmailCode({ email: address, locale: this.#pageLocale() }, { signal });
        this.codeEmail = address;
        this.mode = 'enter-code';
        this.#startResendTimer();
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
        return;
      }
      case 'enter-code':
        signIn = await client.auth.verifyEmailCode({ email: this.codeEmail || email.trim(), code: normalizeCode(this.values.code) }, { signal });
        break;
      case 'sign-in-link':
        signIn = await client.auth.verifyEmailCode({ token: this.token }, { signal });
        break;
      case 'forgot-password': {
        const address = email.trim();
        await client.auth.requestPasswordReset({ email: address, locale: this.#pageLocale() }, { signal });
        this.notice = () => t('login.notice.reset-requested', { email: address });
        this.dispatchEvent(new PortalPasswordResetRequestedEvent({ email: address }));
        return;
      }
      case 'sign-in':
        signIn = await client.auth.login({ email: email.trim(), password }, { signal });
        break;
      case 'accept-invitation':
        signIn = await client.auth.acceptInvitation({ token: this.token, password }, { signal });
        break;
      case 'reset-password':
        signIn = await client.auth.confirmPasswordReset({ token: this.token, password }, { signal });
        break;
    }
    this.values = { ...this.values, password: '', confirm: '', code: '' };
    this.#stopResendTimer();
    if (!isSignedIn(signIn)) return this.#beginStep(signIn, mode);
    this.#succeeded(signIn, mode);
  }

  #succeeded(signIn: SignIn, mode: SucceededMode): void {
    this.#second?.clear();
    this.notice = () => t('login.notice.signed-in');
    this.dispatchEvent(new PortalLoginSucceededEvent({ contact: signIn.contact, mode }));
  }

  // The second step (components/login/second-step.ts, loaded when first needed)

  /** Passkeys are offered when this browser can use them and the firm turned two-step verification on. */
  #offersPasskeys(): boolean {
    const setting = this.branding?.clientTwoFactor;
    return Boolean(setting && setting !== 'off' && passkeysSupported(this.credentials));
  }

  async #secondStep(): Promise<SecondStep> {
    const { SecondStep, twoFactorPartStyles } = await import('./second-step.ts');
    // Its parts' styles come with it: a sign-in without a second factor never loads them.
    if (!this.#second && this.renderRoot instanceof ShadowRoot) {
      adoptStyles(this.renderRoot, [...(this.constructor as typeof PortalLogin).elementStyles, twoFactorPartStyles]);
    }
    this.#second ??= new SecondStep({
      element: this,
      client: () => this.#api.value,
      credentials: () => this.credentials,
      pending: () => this.pending,
      alerts: () => this.#alerts(),
      setAlert: (message) => (this.alert = message),
      setNotice: (message) => (this.notice = message),
      run: (work, onError) => this.#stepRun(work, onError),
      succeeded: (signIn, mode) => this.#succeeded(signIn, mode),
      leave: (via) => void this.#leaveStep(via),
    });
    return this.#second;
  }

  async #beginStep(answer: Exclude<SignInAnswer, SignIn>, via: SucceededMode): Promise<void> {
    await (await this.#secondStep()).begin(answer, via);
  }

  #signInWithPasskey = async (): Promise<void> => {
    if (this.pending) return;
    await (await this.#secondStep()).signInWithPasskey(this.values.email.trim());
  };

  #alerts(): TemplateResult {
    return html`
      <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
    `;
  }

  async #leaveStep(via: SucceededMode | undefined): Promise<void> {
    this.#reset();
    this.mode = via === 'enter-code' || via === 'sign-in-link' ? 'email-code' : 'sign-in';
    await this.updateComplete;
    this.focus();
  }

  /** Runs a second-step request with its pending state, its abort and its errors shown. */
  async #stepRun(work: (signal: AbortSignal) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.pending = true;
    this.alert = undefined;
    this.notice = undefined;
    try {
      await work(request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      onError(error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = false;
      }
    }
  }

  #show(error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.alert = () => errorMessage(error);
      return;
    }
    if (this.mode === 'sign-in-link' && (error.code === 'email_code_expired' || error.code === 'email_code_invalid')) {
      this.linkCheck = error.code === 'email_code_expired' ? 'expired' : 'unknown';
      return;
    }
    if (error.code === 'email_code_invalid' && this.mode === 'enter-code') {
      this.fieldMessages = { code: () => t('login.error.code-invalid') };
      this.alert = () => t('login.error.code-invalid');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.select());
      return;
    }
    const alerts: Partial<Record<string, PlainMessageKey>> = {
      email_code_expired: 'login.error.code-expired',
      invalid_credentials: 'login.error.invalid-credentials',
      invitation_invalid: 'login.error.invitation-invalid',
      reset_token_invalid: 'login.error.reset-invalid',
      contact_archived: 'login.error.contact-archived',
    };
    const key = alerts[error.code];
    if (key) {
      this.alert = () => t(key);
      return;
    }
    const fields = new Set(fieldsOf(this.mode));
    const messages: FieldMessages = {};
    if (error.code === 'weak_password' && fields.has('password')) {
      messages.password = () => t('login.error.password-weak');
    }
    for (const { field, message } of error.errors) {
      if (fields.has(field as LoginField)) messages[field as LoginField] ??= () => message;
    }
    if (Object.keys(messages).length > 0) {
      this.fieldMessages = messages;
      this.alert = () => t('login.error.fix-fields');
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
      return;
    }
    this.alert = () => errorMessage(error);
  }
}
