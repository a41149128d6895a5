import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { ApiClient } from '../api/api-client.ts';
import { isSignedIn } from '../api/sign-in-answer.ts';
import type { PortalLocale, SignIn, SignInAnswer } from '../api/types.ts';
import { passkeysSupported, type PasskeyCredentials } from '../base/passkey-support.ts';
import { PortalElement } from '../base/portal-element.ts';
import { toggleState } from '../base/toggle-state.ts';
import { LazyApiClientController } from '../controllers/lazy-api-client-controller.ts';
import { withWords } from '../i18n/catalog.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { languageOf } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import type { PlainMessageKey } from '../i18n/translations.ts';
import { alertStyles, buttonStyles, fieldStyles, visuallyHiddenStyles } from '../styles/basic.ts';
import { PortalLoginSucceededEvent, PortalPasswordResetRequestedEvent } from './events.ts';
import { firmHeading } from './firm-heading.ts';
import { loginStyles } from './login.styles.ts';
import type { LoginFlows } from './other-flows.ts';
import type { SecondStep, SucceededMode } from './second-step.ts';
import { fieldsOf, isLinkMode, loginModes, validateLogin, type LoginField, type LoginMode, type LoginValues } from './validation.ts';

/** A message produced while rendering, so that it follows the current language. */
type Message = () => string;

type FieldMessages = Partial<Record<LoginField, Message>>;

const emptyValues: LoginValues = { email: '', password: '', confirm: '', code: '' };

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
 * give it `api` and `firm` attributes: it then loads the API client as it shows rather than before
 * it paints, and a form sent before that has loaded waits for it.
 *
 * When the client has a second factor, a right password (or code, link, invitation or reset)
 * leads to a second step: the 6-digit code from their authenticator app, "Use a recovery code",
 * or "Use a passkey". When the firm requires a second factor the client has not set up, the step
 * sets one up: an authenticator app (QR code and setup key, then a first code, then the recovery
 * codes to save) or a passkey. "Sign in with a passkey" signs in with a passkey alone, shown when
 * the browser can use passkeys and the firm has turned two-step verification on.
 *
 * The password sign-in comes with the element; the other flows (reset, invitation, emailed code
 * or link, a refused link) load when the client chooses one or a link opens one, and the second
 * step when a sign-in needs it. Until a flow has loaded, the view before it stays on screen.
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

  @state() private values: LoginValues = { ...emptyValues };
  @state() private fieldMessages: FieldMessages = {};
  @state() private alert: Message | undefined;
  @state() private notice: Message | undefined;
  @state() private pending = false;

  readonly #api = new LazyApiClientController(this);
  readonly #internals: ElementInternals;
  #submitted = false;
  #request: AbortController | undefined;
  #second: SecondStep | undefined;
  #flows: LoginFlows | undefined;
  #flowsLoading: Promise<LoginFlows> | undefined;
  /** Their module could not be fetched: tried again when the mode changes, not on every update. */
  #flowsFailed = false;

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
    this.#flows?.connected();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
    this.#flows?.disconnected();
  }

  /** Also waits for a flow being loaded, and the update it brings. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.#flowsLoading || this.#flows) return done;
    await this.#flowsLoading.catch(() => undefined);
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('mode')) {
      if (!loginModes.includes(this.mode)) this.mode = 'sign-in';
      if (changed.get('mode') !== undefined) this.#reset();
    }
    if (changed.has('token') && changed.get('token') !== undefined) this.#flows?.tokenChanged();
    if (changed.has('mode')) this.#flowsFailed = false;
    if (this.mode !== 'sign-in' && !this.#flowsFailed) void this.#loadFlows().catch(() => undefined);
    this.#flows?.checkLinkOnce();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('pending')) toggleState(this.#internals, 'pending', this.pending);
  }

  protected override render(): TemplateResult {
    const step = this.#second?.step;
    if (step) return this.#second!.render(step);
    const mode = this.mode;
    const flows = this.#flows;
    if (mode !== 'sign-in' && !flows) return this.#renderChecking();
    const screen = flows?.screen(mode);
    if (screen) return screen;
    return html`
      <div class="base" part="base">
        <form part="form" novalidate aria-labelledby="heading" aria-busy=${this.pending ? 'true' : 'false'} @submit=${this.#submit}>
          <h2 id="heading" part="heading" tabindex="-1">${this.#heading()}</h2>
          ${this.#intro()}
          <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
          <div class="notice" part="notice" role="status">${this.notice ? html`<p>${this.notice()}</p>` : nothing}</div>
          ${this.#fields().map((field) => this.#field(field))}
          <button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.pending ? 'true' : 'false'}>
            ${mode !== 'sign-in' ? flows!.submitLabel(mode, this.pending) : this.pending ? t('login.pending.sign-in') : t('login.submit.sign-in')}
          </button>
          <p class="links" part="links">${this.#links(mode)}</p>
        </form>
      </div>
    `;
  }

  /** The fields on screen. */
  #fields(): readonly LoginField[] {
    return this.#flows?.fields(this.mode) ?? fieldsOf(this.mode);
  }

  #links(mode: LoginMode): TemplateResult {
    if (mode !== 'sign-in') return this.#flows!.links(mode);
    return html`${this.#modeLink('forgot-password', t('login.link.forgot-password'))}${this.#modeLink('email-code', t('login.link.email-code'))}${
      this.#offersPasskeys()
        ? html`<button type="button" class="link-button" part="passkey-button link" @click=${this.#signInWithPasskey}>${t('login.link.passkey')}</button>`
        : nothing
    }`;
  }

  /**
   * While an emailed link is being checked, or a flow other than the password sign-in loads (opened
   * by a link or by the page): the heading, and nothing to type yet.
   */
  #renderChecking(): TemplateResult {
    const checking = isLinkMode(this.mode) && this.token && this.#api.value;
    return html`
      <div class="base" part="base">
        <h2 id="heading" part="heading" tabindex="-1">${t(`login.heading.${this.mode}`)}</h2>
        ${this.alert ? html`<div class="alert" part="alert" role="alert"><p>${this.alert()}</p></div>` : nothing}
        <div class="notice" part="notice" role="status">${checking ? html`<p>${t('login.link-check.checking')}</p>` : nothing}</div>
      </div>
    `;
  }

  #heading(): TemplateResult | string {
    if (this.mode !== 'sign-in') return t(`login.heading.${this.mode}`);
    const firm = this.sessionBranding?.name;
    if (this.#api.session === undefined) return firm ? t('login.heading.sign-in-firm', { firm }) : t('login.heading.sign-in');
    // Inside a session the login shows before the branding arrives.
    return firmHeading(firm, t('login.heading.sign-in'), (name) => t('login.heading.sign-in-firm', { firm: name }));
  }

  #intro(): TemplateResult | typeof nothing {
    const mode = this.mode;
    return mode === 'sign-in' ? nothing : this.#flows!.intro(mode);
  }

  #field(field: LoginField): TemplateResult {
    const mode = this.mode;
    const choosing = mode === 'accept-invitation' || mode === 'reset-password';
    // The other flows' fields are labelled by their module, loaded before they show.
    const { label, hint } =
      mode !== 'sign-in'
        ? this.#flows!.fieldText(field, mode)
        : { label: field === 'email' ? t('login.label.email') : t('login.label.password'), hint: undefined };
    const message = this.fieldMessages[field];
    // The code's field also reads out the intro (where the code was sent), as focus lands on it.
    const describedBy = [field === 'code' && this.#flows?.codeEmail ? 'intro' : '', hint ? `${field}-hint` : '', message ? `${field}-error` : '']
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
          .value=${this.values[field]}
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

  /**
   * Every keystroke comes back into `values`, so the value last bound is always the input's own:
   * a plain `.value` binding keeps them in step (a reset or a cleared password differs from it).
   */
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

  /** Opens another mode once its flow has loaded, the view before it staying until then. */
  async #switchTo(mode: LoginMode): Promise<void> {
    if (mode !== 'sign-in' && !this.#flows) {
      try {
        await this.#loadFlows();
      } catch {
        return;
      }
    }
    this.mode = mode;
    await this.updateComplete;
    this.focus();
  }

  /** The flows other than the password sign-in (components/login/other-flows.ts), loaded when first needed. */
  #loadFlows(): Promise<LoginFlows> {
    // Their words come in the form's language with them: a Spanish form never shows an English label while they load.
    this.#flowsLoading ??= withWords(import('./other-flows.ts'), languageOf(this)).then(
      ({ LoginFlows }) => {
        this.#flows = new LoginFlows({
          element: this,
          client: () => this.#api.value,
          branding: () => this.sessionBranding,
          pending: () => this.pending,
          values: () => this.values,
          setValues: (values) => (this.values = values),
          setFieldMessages: (messages) => (this.fieldMessages = messages),
          alert: () => this.alert,
          notice: () => this.notice,
          setAlert: (message) => (this.alert = message),
          setNotice: (message) => (this.notice = message),
          setMode: (mode) => (this.mode = mode),
          switchTo: (mode) => void this.#switchTo(mode),
          modeLink: (mode, label) => this.#modeLink(mode, label),
          renderChecking: () => this.#renderChecking(),
          send: (client) => this.#run(client),
          run: (work, onError) => this.#stepRun(work, onError),
          show: (error) => this.#show(error),
          pageLocale: () => this.#pageLocale(),
          resetRequested: (email) => this.dispatchEvent(new PortalPasswordResetRequestedEvent({ email })),
        });
        if (this.isConnected) this.#flows.connected();
        this.requestUpdate();
        return this.#flows;
      },
      (error: unknown) => {
        // Tried again on the next choice; meanwhile the client learns why nothing opened.
        this.#flowsLoading = undefined;
        this.#flowsFailed = true;
        this.alert = () => errorMessage(error);
        throw error;
      },
    );
    return this.#flowsLoading;
  }

  #reset(): void {
    this.#request?.abort();
    this.#second?.clear();
    this.#submitted = false;
    this.pending = false;
    this.values = { ...emptyValues, email: this.#flows?.codeEmail || this.values.email };
    this.fieldMessages = {};
    this.alert = undefined;
    this.notice = undefined;
    this.#flows?.reset(this.mode);
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
    const client = await this.#client();
    if (!client) return;
    if (isLinkMode(this.mode) && !this.token) {
      this.alert = () => t('login.error.token-missing');
      return;
    }
    await this.#run(client);
  }

  /**
   * The client to send with, once its module has loaded (it loads as the form shows, so it has
   * almost always). Pending meanwhile; says why when there is none.
   */
  async #client(): Promise<ApiClient | undefined> {
    this.pending = true;
    try {
      const client = await this.#api.ready();
      if (!client) this.alert = () => t('error.not-configured');
      return client;
    } catch (error) {
      this.alert = () => errorMessage(error);
      return undefined;
    } finally {
      this.pending = false;
    }
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
    const signIn = mode === 'sign-in' ? await client.auth.login({ email: email.trim(), password }, { signal }) : await this.#flows!.send(client, mode, signal);
    // Asking for a code or a reset email answers with no sign-in.
    if (!signIn) return;
    this.values = { ...this.values, password: '', confirm: '', code: '' };
    const via = mode as SucceededMode;
    if (!isSignedIn(signIn)) return this.#beginStep(signIn, via);
    this.#succeeded(signIn, via);
  }

  #succeeded(signIn: SignIn, mode: SucceededMode): void {
    this.#second?.clear();
    this.notice = () => t('login.notice.signed-in');
    this.dispatchEvent(new PortalLoginSucceededEvent({ contact: signIn.contact, mode }));
  }

  // The second step (components/login/second-step.ts, loaded when first needed)

  /** Passkeys are offered when this browser can use them and the firm turned two-step verification on. */
  #offersPasskeys(): boolean {
    const setting = this.sessionBranding?.clientTwoFactor;
    return Boolean(setting && setting !== 'off' && passkeysSupported(this.credentials));
  }

  async #secondStep(): Promise<SecondStep> {
    const { SecondStep, twoFactorPartStyles } = await withWords(import('./second-step.ts'), languageOf(this));
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
    if (this.pending || !(await this.#client())) return;
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
    if (this.#flows?.show(error, this.mode)) return;
    const alerts: Partial<Record<string, PlainMessageKey>> = {
      invalid_credentials: 'login.error.invalid-credentials',
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
