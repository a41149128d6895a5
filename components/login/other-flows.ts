import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../api/api-error.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { Branding, LinkKind, LinkStatus, PortalLocale, SignInAnswer } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './login-flows-messages.ts';
// Only types from the login's own modules: what both use comes through the port, so that it stays in the login's chunk.
import type { LinkMode, LoginField, LoginMode, LoginValues } from './validation.ts';

/**
 * `<portal-login>`'s flows other than the password sign-in, loaded when the client chooses one or
 * a link opens one: asking for a reset email, choosing a password from an invitation or a reset
 * link, asking for and typing an emailed sign-in code (with "Send a new code" after a cool-down),
 * the one-click sign-in link, and the answer to a used, expired or replaced link. It renders into
 * the login's form and uses the login's fields, pending state, live regions and abort, through
 * `LoginFlowsPort`.
 */

type Message = () => string;

/** What the service calls the link each link mode is opened from. */
const linkKinds: Record<LinkMode, LinkKind> = { 'accept-invitation': 'invitation', 'reset-password': 'reset', 'sign-in-link': 'sign-in' };

const isLinkMode = (mode: LoginMode): mode is LinkMode => mode in linkKinds;

/** What the service's refusal of an emailed code, invitation or reset link says. */
const refusedAlerts: Partial<Record<string, 'login.error.code-expired' | 'login.error.invitation-invalid' | 'login.error.reset-invalid'>> = {
  email_code_expired: 'login.error.code-expired',
  invitation_invalid: 'login.error.invitation-invalid',
  reset_token_invalid: 'login.error.reset-invalid',
};

/** A code as typed or pasted ("123 456"): its digits only. */
const digitsOf = (value: string): string => value.replace(/\D/g, '');

/** Where the link's check stands: asking, or the service's answer. */
export type LinkCheck = 'checking' | LinkStatus['status'];

/** What the flows need of the login element. */
export interface LoginFlowsPort {
  readonly element: HTMLElement & {
    readonly mode: LoginMode;
    readonly token: string;
    readonly resendCooldown: number;
    readonly renderRoot: HTMLElement | DocumentFragment;
    readonly updateComplete: Promise<boolean>;
    requestUpdate(): void;
  };
  client(): ApiClient | undefined;
  branding(): Branding | undefined;
  pending(): boolean;
  values(): LoginValues;
  setValues(values: LoginValues): void;
  setFieldMessages(messages: Partial<Record<LoginField, Message>>): void;
  alert(): Message | undefined;
  notice(): Message | undefined;
  setAlert(message: Message | undefined): void;
  setNotice(message: Message | undefined): void;
  setMode(mode: LoginMode): void;
  switchTo(mode: LoginMode): void;
  modeLink(mode: LoginMode, label: string): TemplateResult;
  /** The "checking the link" view, which the login also shows while this module loads. */
  renderChecking(): TemplateResult;
  /** Sends the form's request as a submit does. */
  send(client: ApiClient): Promise<void>;
  /** Runs a request with the login's pending state and abort; `onError` shows what went wrong. */
  run(work: (signal: AbortSignal) => Promise<void>, onError: (error: unknown) => void): Promise<void>;
  show(error: unknown): void;
  pageLocale(): PortalLocale | undefined;
  /** Fires `portal-password-reset-requested`. */
  resetRequested(email: string): void;
}

export class LoginFlows {
  /** The emailed link's check, in a link mode. */
  #linkCheck: LinkCheck | undefined;
  /** The address the sign-in code was sent to. */
  #codeEmail = '';
  /** Seconds until "Send a new code" works again. */
  #resendIn = 0;
  /** A new link was sent in place of the refused one. */
  #linkRenewed = false;
  /** The link (mode and token) last checked, so that each is asked about once. */
  #checkedLink = '';
  #resendAt = 0;
  #resendTimer: ReturnType<typeof setInterval> | undefined;
  #request: AbortController | undefined;

  constructor(private readonly port: LoginFlowsPort) {}

  get codeEmail(): string {
    return this.#codeEmail;
  }

  #set(change: () => void): void {
    change();
    this.port.element.requestUpdate();
  }

  /** A cool-down interrupted by a move in the page carries on where it was. */
  connected(): void {
    if (this.#codeEmail && !this.#resendTimer && this.#resendAt > Date.now()) this.#runResendTimer();
  }

  disconnected(): void {
    this.#request?.abort();
    this.#stopResendTimer();
    // Checked again if the element comes back.
    this.#checkedLink = '';
  }

  /** Another mode: no link check, and no code's address unless the code is what comes next. */
  reset(mode: LoginMode): void {
    this.#request?.abort();
    this.#set(() => {
      this.#linkCheck = undefined;
      this.#linkRenewed = false;
      this.#checkedLink = '';
      if (mode !== 'enter-code') this.#codeEmail = '';
    });
    if (mode !== 'enter-code') this.#stopResendTimer();
  }

  tokenChanged(): void {
    this.#set(() => {
      this.#linkCheck = undefined;
      this.#linkRenewed = false;
    });
  }

  /** The fields on screen when they are not the mode's own: the code's address too when the form does not know it. */
  fields(mode: LoginMode): readonly LoginField[] | undefined {
    return mode === 'enter-code' && !this.#codeEmail ? ['email', 'code'] : undefined;
  }

  /** What shows instead of the form: the link's check, or why the link no longer works. */
  screen(mode: LoginMode): TemplateResult | undefined {
    const check = isLinkMode(mode) ? this.#linkCheck : undefined;
    if (check === 'checking') return this.port.renderChecking();
    if (check && check !== 'usable' && isLinkMode(mode)) return this.#renderRefusedLink(mode, check);
    return undefined;
  }

  intro(mode: Exclude<LoginMode, 'sign-in'>): TemplateResult {
    const text =
      mode === 'enter-code'
        ? this.#codeEmail
          ? t('login.intro.enter-code', { email: this.#codeEmail })
          : t('login.intro.enter-code-no-email')
        : t(`login.intro.${mode}`);
    return html`<p class="intro" id="intro" part="intro">${text}</p>`;
  }

  links(mode: Exclude<LoginMode, 'sign-in'>): TemplateResult {
    const modeLink = this.port.modeLink;
    switch (mode) {
      case 'email-code':
        return modeLink('sign-in', t('login.link.password'));
      case 'enter-code': {
        const waiting = this.#resendIn > 0;
        return html`
          ${
            this.#codeEmail
              ? html`<button
                  type="button"
                  class="link-button"
                  part="resend-button"
                  aria-disabled=${waiting || this.port.pending() ? 'true' : 'false'}
                  @click=${() => void this.#resend()}
                >
                  ${waiting ? t('login.resend-wait', { seconds: String(this.#resendIn) }) : t('login.resend')}
                </button>`
              : nothing
          }
          ${modeLink('email-code', t('login.link.other-email'))}${modeLink('sign-in', t('login.link.password'))}
        `;
      }
      default:
        return modeLink('sign-in', t('login.link.sign-in'));
    }
  }

  /**
   * A link that no longer works: why, and the way to a new one. "Send me a new link" has one sent
   * where this one went; for a link the service does not know, it opens the form that asks for one.
   */
  #renderRefusedLink(mode: LinkMode, check: Exclude<LinkCheck, 'checking' | 'usable'>): TemplateResult {
    const { port } = this;
    const firm = port.branding()?.name;
    const alert = port.alert();
    const notice = port.notice();
    const next: LoginMode | undefined = mode === 'reset-password' ? 'forgot-password' : mode === 'sign-in-link' ? 'email-code' : undefined;
    const renew = () => (check === 'unknown' ? port.switchTo(next!) : void this.#renewLink(mode));
    return html`
      <div class="base" part="base">
        <h2 id="heading" part="heading" tabindex="-1">${t('login.link-check.heading')}</h2>
        <div class="alert" part="alert" role="alert"><p>${alert ? alert() : t(`login.link-check.${check}`)}</p></div>
        <div class="notice" part="notice" role="status">${notice ? html`<p>${notice()}</p>` : nothing}</div>
        ${
          !next
            ? html`<p class="intro" part="intro">${firm ? t('login.link-check.ask-firm', { firm }) : t('login.link-check.ask-the-firm')}</p>`
            : this.#linkRenewed
              ? nothing
              : html`<button class="button submit-button" part="submit-button" type="button" aria-disabled=${port.pending() ? 'true' : 'false'} @click=${renew}>
                  ${port.pending() ? t('login.pending.forgot-password') : t('login.link-check.new-link')}
                </button>`
        }
        <p class="links" part="links">
          ${port.modeLink('sign-in', t('login.link.sign-in'))}${next === 'email-code' ? nothing : port.modeLink('email-code', t('login.link.email-code'))}
        </p>
      </div>
    `;
  }

  /**
   * In a link mode, asks the service once whether the link still works, before anything is typed.
   * A sign-in link that works signs the client in at once. When the service cannot say, the form
   * shows as usual: sending it gets the service's answer anyway.
   */
  checkLinkOnce(): void {
    const { mode, token } = this.port.element;
    const client = this.port.client();
    if (!isLinkMode(mode) || !token || !client) return;
    const key = `${mode}:${token}`;
    if (key === this.#checkedLink) return;
    this.#checkedLink = key;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#set(() => (this.#linkCheck = 'checking'));
    void client.auth
      .linkStatus({ kind: linkKinds[mode], token }, { signal: request.signal })
      .then(
        ({ status }) => status,
        () => 'usable' as const,
      )
      .then((status) => {
        if (request.signal.aborted) return;
        if (this.#request === request) this.#request = undefined;
        this.#set(() => (this.#linkCheck = status));
        if (status === 'usable' && mode === 'sign-in-link') void this.port.send(client);
      });
  }

  /** Has a new reset or sign-in link sent where the refused one went. */
  async #renewLink(mode: LinkMode): Promise<void> {
    const client = this.port.client();
    if (this.port.pending() || !client || mode === 'accept-invitation') return;
    await this.port.run(
      async (signal) => {
        await client.auth.renewLink({ kind: linkKinds[mode] as 'reset' | 'sign-in', token: this.port.element.token }, { signal });
        this.#set(() => (this.#linkRenewed = true));
        this.port.setNotice(() => t('login.link-check.renewed'));
      },
      (error) => this.port.setAlert(() => errorMessage(error)),
    );
  }

  /** "Send a new code": asks again for the same address, once the cool-down is over. */
  async #resend(): Promise<void> {
    const client = this.port.client();
    if (this.#resendIn > 0 || this.port.pending() || !client || !this.#codeEmail) return;
    const email = this.#codeEmail;
    await this.port.run(
      async (signal) => {
        await client.auth.requestEmailCode({ email, locale: this.port.pageLocale() }, { signal });
        this.port.setValues({ ...this.port.values(), code: '' });
        this.port.setFieldMessages({});
        this.port.setNotice(() => t('login.notice.code-resent', { email }));
        this.#startResendTimer();
      },
      (error) => this.port.show(error),
    );
  }

  #startResendTimer(): void {
    this.#stopResendTimer();
    this.#resendAt = Date.now() + this.port.element.resendCooldown * 1000;
    this.#runResendTimer();
  }

  /** Counts the cool-down down to "Send a new code". */
  #runResendTimer(): void {
    const tick = () => {
      this.#set(() => (this.#resendIn = Math.max(0, Math.ceil((this.#resendAt - Date.now()) / 1000))));
      if (this.#resendIn === 0) this.#stopResendTimer();
    };
    tick();
    if (this.#resendIn > 0) this.#resendTimer = setInterval(tick, 250);
  }

  #stopResendTimer(): void {
    clearInterval(this.#resendTimer);
    this.#resendTimer = undefined;
    if (Date.now() >= this.#resendAt && this.#resendIn !== 0) this.#set(() => (this.#resendIn = 0));
  }

  /** Sends a flow's request; the answer when it signs the client in (or leads to a second step). */
  async send(client: ApiClient, mode: Exclude<LoginMode, 'sign-in'>, signal: AbortSignal): Promise<SignInAnswer | undefined> {
    const { port } = this;
    const { email, password, code } = port.values();
    const { token } = port.element;
    switch (mode) {
      case 'email-code': {
        const address = email.trim();
        await client.auth.requestEmailCode({ email: address, locale: port.pageLocale() }, { signal });
        this.#set(() => (this.#codeEmail = address));
        port.setMode('enter-code');
        this.#startResendTimer();
        await port.element.updateComplete;
        port.element.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
        return undefined;
      }
      case 'forgot-password': {
        const address = email.trim();
        await client.auth.requestPasswordReset({ email: address, locale: port.pageLocale() }, { signal });
        port.setNotice(() => t('login.notice.reset-requested', { email: address }));
        port.resetRequested(address);
        return undefined;
      }
      case 'enter-code':
        return this.#signedIn(await client.auth.verifyEmailCode({ email: this.#codeEmail || email.trim(), code: digitsOf(code) }, { signal }));
      case 'sign-in-link':
        return this.#signedIn(await client.auth.verifyEmailCode({ token }, { signal }));
      case 'accept-invitation':
        return client.auth.acceptInvitation({ token, password }, { signal });
      case 'reset-password':
        return client.auth.confirmPasswordReset({ token, password }, { signal });
    }
  }

  #signedIn(answer: SignInAnswer): SignInAnswer {
    this.#stopResendTimer();
    return answer;
  }

  /** Shows what the service said about an emailed code or link; false when it is for the login to show. */
  /** The submit button's words in a flow's mode, while sending or not. */
  submitLabel(mode: Exclude<LoginMode, 'sign-in'>, pending: boolean): string {
    return pending ? t(`login.pending.${mode}`) : t(`login.submit.${mode}`);
  }

  /** A field's label and hint in a flow's mode: a password chosen from an invitation or a reset link is a new one. */
  fieldText(field: LoginField, mode: Exclude<LoginMode, 'sign-in'>): { label: string; hint: string | undefined } {
    switch (field) {
      case 'email':
        return { label: t('login.label.email'), hint: undefined };
      case 'code':
        return { label: t('login.label.code'), hint: t('login.hint.code') };
      case 'confirm':
        return { label: t('login.label.confirm-password'), hint: undefined };
      default:
        return mode === 'accept-invitation' || mode === 'reset-password'
          ? { label: t('login.label.new-password'), hint: t('login.hint.new-password') }
          : { label: t('login.label.password'), hint: undefined };
    }
  }

  show(error: ApiError, mode: LoginMode): boolean {
    if (mode === 'sign-in-link' && (error.code === 'email_code_expired' || error.code === 'email_code_invalid')) {
      this.#set(() => (this.#linkCheck = error.code === 'email_code_expired' ? 'expired' : 'unknown'));
      return true;
    }
    if (error.code === 'email_code_invalid' && mode === 'enter-code') {
      this.port.setFieldMessages({ code: () => t('login.error.code-invalid') });
      this.port.setAlert(() => t('login.error.code-invalid'));
      void this.port.element.updateComplete.then(() => this.port.element.renderRoot.querySelector<HTMLInputElement>('#code')?.select());
      return true;
    }
    const refused = refusedAlerts[error.code];
    if (refused) {
      this.port.setAlert(() => t(refused));
      return true;
    }
    return false;
  }
}
