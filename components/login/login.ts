import { consume } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { Branding, SignIn } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { brandingContext } from '../controllers/contexts.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from '../i18n/translate.ts';
import type { PlainMessageKey } from '../i18n/translations.ts';
import { alertStyles, buttonStyles, fieldStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalLoginSucceededEvent, PortalPasswordResetRequestedEvent } from './events.ts';
import { loginStyles } from './login.styles.ts';
import { fieldsOf, loginModes, validateLogin, type LoginField, type LoginMode, type LoginValues } from './validation.ts';

/** A message produced while rendering, so that it follows the current language. */
type Message = () => string;

type FieldMessages = Partial<Record<LoginField, Message>>;

const emptyValues: LoginValues = { email: '', password: '', confirm: '' };

/**
 * The client's way in: sign in with email and password, accept an invitation by creating a
 * password, ask for a password-reset email, or choose a new password from a reset link.
 *
 * Inside `<portal-session>` it uses the session's API client (the session shows it while the
 * client is signed out and opens it in the right mode for invitation and reset links). Alone,
 * give it `api` and `firm` attributes.
 *
 * Fields are checked before anything is sent (required, email shape, passwords of 10 to 200
 * characters that match); problems are shown next to each field and the first one is focused.
 * Answers from the service are announced in a live region.
 *
 * @tag portal-login
 *
 * @event portal-login-succeeded - The client signed in (by password, invitation or reset). `detail.contact`, `detail.mode`.
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

  /** What the form does: `sign-in`, `accept-invitation`, `forgot-password` or `reset-password`. */
  @property({ reflect: true }) mode: LoginMode = 'sign-in';

  /** The invitation or reset token from the emailed link (for `accept-invitation` and `reset-password`). */
  @property() token = '';

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @consume({ context: brandingContext, subscribe: true })
  @state()
  protected branding: Branding | undefined;

  @state() private values: LoginValues = { ...emptyValues };
  @state() private fieldMessages: FieldMessages = {};
  @state() private alert: Message | undefined;
  @state() private notice: Message | undefined;
  @state() private pending = false;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  #submitted = false;
  #request: AbortController | undefined;

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode')) {
      if (!loginModes.includes(this.mode)) this.mode = 'sign-in';
      if (changed.get('mode') !== undefined) this.#reset();
    }
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
    const mode = this.mode;
    return html`
      <div class="base" part="base">
        <form part="form" novalidate aria-labelledby="heading" aria-busy=${this.pending ? 'true' : 'false'} @submit=${this.#submit}>
          <h2 id="heading" part="heading" tabindex="-1">${this.#heading()}</h2>
          ${this.#intro()}
          <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
          <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
          ${fieldsOf(mode).map((field) => this.#field(field))}
          <button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${this.pending ? t(`login.pending.${mode}`) : t(`login.submit.${mode}`)}
          </button>
          <p class="links" part="links">
            ${mode === 'sign-in' ? this.#modeLink('forgot-password', t('login.link.forgot-password')) : this.#modeLink('sign-in', t('login.link.sign-in'))}
          </p>
        </form>
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
    return this.mode === 'sign-in' ? nothing : html`<p class="intro" part="intro">${t(`login.intro.${this.mode}`)}</p>`;
  }

  #field(field: LoginField): TemplateResult {
    const choosing = this.mode === 'accept-invitation' || this.mode === 'reset-password';
    const label =
      field === 'email'
        ? t('login.label.email')
        : field === 'confirm'
          ? t('login.label.confirm-password')
          : choosing
            ? t('login.label.new-password')
            : t('login.label.password');
    const hint = field === 'password' && choosing ? t('login.hint.new-password') : undefined;
    const message = this.fieldMessages[field];
    const describedBy = [hint ? `${field}-hint` : '', message ? `${field}-error` : ''].filter(Boolean).join(' ');
    const autocomplete = field === 'email' ? 'email' : choosing ? 'new-password' : 'current-password';
    return html`
      <div class="field" part="field">
        <label for=${field} part="label">${label}</label>
        ${hint ? html`<p class="hint" id="${field}-hint" part="hint">${hint}</p>` : nothing}
        <input
          id=${field}
          name=${field}
          part="input"
          type=${field === 'email' ? 'email' : 'password'}
          autocomplete=${autocomplete}
          autocapitalize=${field === 'email' ? 'off' : nothing}
          spellcheck="false"
          required
          maxlength=${field === 'email' ? 320 : nothing}
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
    for (const [field, key] of Object.entries(validateLogin(this.mode, this.values)) as [LoginField, PlainMessageKey][]) {
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
    this.#submitted = false;
    this.pending = false;
    this.values = { ...emptyValues, email: this.values.email };
    this.fieldMessages = {};
    this.alert = undefined;
    this.notice = undefined;
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
    if ((this.mode === 'accept-invitation' || this.mode === 'reset-password') && !this.token) {
      this.alert = () => t('login.error.token-missing');
      return;
    }

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

  async #send(client: ApiClient, mode: LoginMode, signal: AbortSignal): Promise<void> {
    const { email, password } = this.values;
    let signIn: SignIn;
    switch (mode) {
      case 'forgot-password': {
        const address = email.trim();
        await client.auth.requestPasswordReset({ email: address }, { signal });
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
    this.values = { ...this.values, password: '', confirm: '' };
    this.notice = () => t('login.notice.signed-in');
    this.dispatchEvent(new PortalLoginSucceededEvent({ contact: signIn.contact, mode }));
  }

  #show(error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.alert = () => errorMessage(error);
      return;
    }
    const alerts: Partial<Record<string, PlainMessageKey>> = {
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
