import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { Branding, SessionChange, SessionChangeReason } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { toggleState } from '../base/toggle-state.ts';
import { apiContext, brandingContext, sessionContext, type SessionState } from '../controllers/contexts.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { languagesChanged } from '../i18n/language.ts';
import type { PortalProfileChangeEvent } from '../profile/events.ts';
import type { PortalLogin } from '../login/login.ts';
import type { LoginMode } from '../login/validation.ts';
import { FirmTheme } from '../styles/firm-theme.ts';
import { alertStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/basic.ts';
import { AssertionSignIn, type AssertionProvider } from './assertion-sign-in.ts';
import { PortalSessionChangeEvent } from './events.ts';
import { SessionHint } from './session-hint.ts';
import { sessionStyles } from './session.styles.ts';
import { t } from './session-messages.ts';

/** A login link the page was opened with: `?invitation=TOKEN`, `?reset=TOKEN` or `?sign-in=TOKEN`. */
interface LinkIntent {
  mode: Extract<LoginMode, 'accept-invitation' | 'reset-password' | 'sign-in-link'>;
  param: string;
  token: string;
}

// The inner login's parts, offered to the page as `login-<part>` (e.g. `::part(login-submit-button)`).
const loginParts = ['base', 'form', 'heading', 'intro', 'alert', 'notice', 'field', 'label', 'input', 'hint']
  .concat(['field-error', 'submit-button', 'links', 'link', 'resend-button'])
  .map((name) => `${name}: login-${name}`)
  .join(', ');

/** Thrown by the start when the element has no service or firm to talk to. */
class NotConfiguredError extends Error {}

/**
 * Where the start stands: the branding and the sign-in to resume asked for, or their outcome. (A
 * start for another client, or a retry, replaces the one under way, whose answers no longer count.)
 */
type Start = { status: 'pending' } | { status: 'complete'; branding: Branding } | { status: 'failed'; error: unknown };

/**
 * The root of the portal on a page. It provides the API client, the client's session and the
 * firm's branding to every Portico element inside it (`@lit/context`), applies the firm's
 * colours and font as defaults that the page's own CSS still overrides, and shows
 * `<portal-login>` until the client is signed in — then its children.
 *
 * On start it loads the firm's branding and resumes an earlier sign-in from the refresh cookie,
 * asking the service only when this browser signed in before and has not signed out since (a
 * flag in `localStorage`, no token), so that a signed-out page makes no request that must fail.
 * The login shows at once, without waiting for either answer: the firm's name and logo fill in
 * when the branding arrives, in space kept for them, so nothing below moves. A tab that was
 * signed in (a reload, say) shows a placeholder instead while the sign-in resumes, so that a
 * returning client does not see the login flash by; the tab remembers only that it was signed
 * in (in `sessionStorage`), never a token. The portal itself shows once both answers are in.
 * A page opened from an invitation, password-reset or sign-in-code email (`?invitation=TOKEN`,
 * `?reset=TOKEN`, `?sign-in=TOKEN`) opens the login in the matching mode (which checks the link
 * first, and signs in at once from a sign-in link), and the token is removed from the address
 * once used.
 *
 * A firm whose website already signs its clients in can let them in with no second password:
 * its backend signs a short-lived assertion (a JWT) for the visitor, and the page gives it to
 * the session as `assertion`, or gives a `getAssertion` function that fetches a fresh one. When
 * there is no sign-in to resume, the session signs in with it instead of showing the login
 * (showing that it is signing the client in meanwhile), and fires `portal-session-change` as a
 * password sign-in does. If the service refuses it, the session says so above the login, which
 * stays available. When a sign-in later ends on the service, `getAssertion` is asked once for a
 * new assertion before the login is shown.
 *
 * A client who chose a language in their profile (`<portal-profile>`) reads the portal in it:
 * once they are signed in, the session sets that `lang` on itself, over the page's `<html lang>`,
 * and changes it as soon as they choose another. A page that put a `lang` on the session itself
 * (or on an element around it) keeps its own. The session also shows the client's new name when
 * they change it there.
 *
 * @tag portal-session
 *
 * @slot - The portal, shown once the client is signed in.
 *
 * @event portal-session-change - The client signed in or out, the session resumed at start, or the service ended the sign-in. `detail.status`, `detail.contact`, `detail.reason`.
 *
 * @csspart base - Everything the session renders once started.
 * @csspart header - The bar with the firm's logo and name and, when signed in, the client's name and the sign-out button.
 * @csspart logo - The firm's logo, in a box of a fixed size so that nothing moves while it loads.
 * @csspart firm-name - The firm's name.
 * @csspart contact-name - The signed-in client's name.
 * @csspart sign-out-button - The sign-out button.
 * @csspart content - The area holding the login or the slotted portal.
 * @csspart login - The `<portal-login>` shown while signed out.
 * @csspart login-submit-button - The login's parts, each under a `login-` prefix: `login-base`, `login-form`, `login-heading`, `login-intro`, `login-alert`, `login-notice`, `login-field`, `login-label`, `login-input`, `login-hint`, `login-field-error`, `login-submit-button`, `login-links`, `login-link`, `login-resend-button`.
 * @csspart notice - The live region announcing sign-in and sign-out.
 * @csspart skeleton - The placeholder shown while a tab that was signed in resumes its sign-in (and, once signed in, until the branding arrives).
 * @csspart error - The panel shown when the service cannot be reached or the firm is unknown.
 * @csspart retry-button - The button that tries to start again.
 * @csspart assertion-pending - The panel shown while the client is signed in with an assertion from the firm's site.
 * @csspart assertion-error - The message shown above the login when that sign-in failed.
 *
 * @cssprop --portal-session-header-background - Header background (default `--portal-color-brand`).
 * @cssprop --portal-session-header-color - Header text (default `--portal-color-brand-contrast`).
 * @cssprop --portal-session-logo-height - Height of the logo's box, and the least height of the header's firm line (default `2.5rem`).
 * @cssprop --portal-session-logo-width - Width of the logo's box; the logo keeps its proportions inside it (default `8rem`).
 * @cssprop --portal-session-logo-background - A plate behind the logo, for a logo in the header's own colour (default `transparent`).
 * @cssprop --portal-session-logo-padding - Room between the plate's edge and the logo, inside the logo's box (default `0`).
 * @cssprop --portal-session-background - Background behind the content (default transparent).
 * @cssprop --portal-session-content-padding - Space above and below the content (default `--portal-space`).
 *
 * @cssstate signed-in - The client is signed in.
 * @cssstate signed-out - The client is signed out.
 * @cssstate loading - The session is starting (the branding or the sign-in to resume is not in yet).
 * @cssstate signing-in - The client is being signed in with an assertion from the firm's site.
 */
export class PortalSession extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, sessionStyles];

  /** Base URL of the token service, e.g. `https://portal.example-law.com`. Empty for the page's own origin. */
  @property() api = '';

  /** The firm's slug. */
  @property() firm = '';

  /** Query parameter that carries an invitation token in invitation emails' links. */
  @property({ attribute: 'invitation-param' }) invitationParam = 'invitation';

  /** Query parameter that carries a password-reset token in reset emails' links. */
  @property({ attribute: 'reset-param' }) resetParam = 'reset';

  /** Query parameter that carries a sign-in token in sign-in code emails' links. */
  @property({ attribute: 'sign-in-param' }) signInParam = 'sign-in';

  /**
   * A sign-in assertion from the firm's own website: a JWT its backend signed for the visitor it
   * has signed in (see the README's "Sign in from your own site"). Used once, when there is no
   * sign-in to resume; setting a new one while signed out signs in with it.
   */
  @property() assertion = '';

  /**
   * Asks the firm's website for a fresh assertion (e.g. a `fetch` to its backend), with the
   * signal of the sign-in it serves. Called when there is no sign-in to resume (after
   * `assertion`, if that is set too), and once more when a sign-in ends on the service.
   */
  @property({ attribute: false }) getAssertion: AssertionProvider | undefined;

  /**
   * The API client shared with everything inside. Made from `api` and `firm` unless one is set
   * here (tests, stories, pages that need their own `fetch`).
   */
  @property({ attribute: false })
  get client(): ApiClient | undefined {
    return this.#clientProvider.value;
  }
  set client(client: ApiClient | undefined) {
    this.#clientProvider.setValue(client);
  }

  /**
   * The client's sign-in, as provided to everything inside.
   * @default { status: 'unknown' }
   */
  @state()
  get session(): SessionState {
    return this.#sessionProvider.value;
  }
  set session(session: SessionState) {
    this.#sessionProvider.setValue(session);
  }

  /** The firm's branding once loaded, as provided to everything inside. */
  @state()
  get branding(): Branding | undefined {
    return this.#brandingProvider.value;
  }
  set branding(branding: Branding | undefined) {
    this.#brandingProvider.setValue(branding);
  }

  // What the session provides to everything inside (`@lit/context`); each property above reads
  // and sets its provider's value, so an element inside sees a change as soon as it is made.
  readonly #clientProvider = new ContextProvider(this, { context: apiContext });
  readonly #sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: { status: 'unknown' } });
  readonly #brandingProvider = new ContextProvider(this, { context: brandingContext });

  @state() private announcement: SessionChangeReason | undefined;
  @state() private linkIntent: LinkIntent | undefined;

  readonly #theme = new FirmTheme(this);
  readonly #fromSite = new AssertionSignIn(this);
  readonly #internals: ElementInternals;
  /** The `lang` this element set itself from the client's profile; undefined when it set none. */
  #appliedLang: string | undefined;
  /** The `assertion` already exchanged: the service accepts each one once. */
  #spentAssertion = '';
  #ownClient: ApiClient | undefined;
  #stopListening: (() => void) | undefined;
  #listeningTo: ApiClient | undefined;
  #focusAfterChange = false;
  /** The client the provided branding belongs to. */
  #brandingFor: ApiClient | undefined;
  /** At start: a sign-in is likely to resume or to come from the firm's site, so the login waits. */
  #expectingSignIn = false;

  #start: Start = { status: 'pending' };
  /** The start under way or done, and the client it was for. */
  #starting: { client: ApiClient | undefined; request: AbortController } | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.addEventListener('portal-profile-change', this.#onProfileChange);
  }

  /** Starts again: reloads the branding and resumes the sign-in. */
  retry(): void {
    void this.#run();
  }

  /**
   * Signs the client out, as the header's button does: ends the sign-in on the service and here.
   * A site that signs its visitor out should call it too, so that the portal's sign-in (kept in
   * the service's refresh cookie) ends with the site's.
   */
  async signOut(): Promise<void> {
    this.#fromSite.abort();
    try {
      await this.client?.auth.logout();
    } catch (error) {
      // The client has forgotten the sign-in either way; only an abort is left unreported.
      if (!isAbortError(error)) console.warn('Portico: the service could not end the sign-in.', error);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.linkIntent = this.#readLinkIntent();
    if (this.client) this.#listen(this.client);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#listeningTo = undefined;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#theme.adoptInto(root);
    return root;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const ownsClient = !this.client || this.client === this.#ownClient;
    if ((changed.has('api') || changed.has('firm')) && ownsClient) {
      this.#ownClient = this.firm ? new ApiClient({ baseUrl: this.api, firm: this.firm }) : undefined;
      this.client = this.#ownClient;
    }
    if (changed.has('client') && this.client && this.isConnected) this.#listen(this.client);
    // An assertion given while signed out (after the start) signs in at once.
    const given = (changed.has('assertion') && this.assertion) || (changed.has('getAssertion') && this.getAssertion);
    if (given && this.session.status === 'signed-out' && this.#start.status !== 'failed' && this.client && !this.#fromSite.pending) {
      this.#signInFromSite(this.client, 'resume');
    }
    // The first update starts, and so does a new client.
    if (!this.#starting || this.#starting.client !== this.client) void this.#run();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('session')) {
      this.#setState('signed-in', this.session.status === 'signed-in');
      this.#setState('signed-out', this.session.status === 'signed-out');
    }
    this.#setState('loading', this.#start.status === 'pending');
    this.#setState('signing-in', this.#fromSite.pending);
    if (this.#focusAfterChange) {
      // A sign-in during start shows the portal only once the branding is in: focus moves then.
      const target =
        this.session.status === 'signed-in'
          ? this.renderRoot.querySelector<HTMLElement>('#content')
          : this.renderRoot.querySelector<PortalLogin>('portal-login');
      if (target) {
        this.#focusAfterChange = false;
        target.focus();
      }
    }
  }

  protected override render(): TemplateResult {
    switch (this.#start.status) {
      case 'complete':
        return this.#renderPortal(this.#start.branding);
      case 'failed':
        return this.#renderFailure(this.#start.error);
      default:
        return this.#showsLoginWhileStarting() ? this.#renderPortal(this.branding) : this.#renderSkeleton();
    }
  }

  /**
   * While the branding or the sign-in to resume is not in yet: the login shows at once unless a
   * sign-in is likely (this tab was signed in, or the firm's site is signing the client in).
   * The portal waits for the branding, and so does a message naming the firm.
   */
  #showsLoginWhileStarting(): boolean {
    if (this.#fromSite.pending || this.#fromSite.failure !== undefined) return false;
    const { status } = this.session;
    return status === 'signed-out' || (status === 'unknown' && !this.#expectingSignIn);
  }

  #provideBranding(branding: Branding | undefined, client: ApiClient | undefined): void {
    this.branding = branding;
    this.#brandingFor = client;
    this.#theme.apply(branding);
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('session.loading')}</span>
        <span class="skeleton-block header-block" aria-hidden="true"></span>
        <span class="skeleton-block line" aria-hidden="true"></span>
        <span class="skeleton-block line" aria-hidden="true"></span>
        <span class="skeleton-block short" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const message = error instanceof NotConfiguredError ? t('error.not-configured') : errorMessage(error);
    return html`
      <div class="failure" part="error">
        <h2>${t('session.error-heading')}</h2>
        <div class="alert" role="alert"><p>${message}</p></div>
        ${
          error instanceof NotConfiguredError
            ? nothing
            : html`<button class="button" part="retry-button" type="button" @click=${this.retry}>${t('common.retry')}</button>`
        }
      </div>
    `;
  }

  /** The header and the login or the portal; `branding` is undefined while it has not arrived. */
  #renderPortal(branding: Branding | undefined): TemplateResult {
    const { status, contact } = this.session;
    return html`
      <div part="base">
        <div class="header" part="header">
          <div class="identity">
            ${branding?.logoUrl ? html`<img class="logo" part="logo" src=${branding.logoUrl} alt="" decoding="async" />` : nothing}
            ${branding ? html`<span class="firm-name" part="firm-name">${branding.name}</span>` : nothing}
          </div>
          ${
            status === 'signed-in' && contact
              ? html`<div class="account">
                <span class="contact-name" part="contact-name">${contact.name}</span>
                <button class="button secondary" part="sign-out-button" type="button" @click=${this.signOut}>
                  ${t('session.sign-out')}
                </button>
              </div>`
              : nothing
          }
        </div>
        <div class="visually-hidden" part="notice" role="status">${this.#announcement()}</div>
        <div class="content" part="content" id="content" tabindex="-1" role="region" aria-label=${t('session.content-label')}>
          ${
            status === 'signed-in'
              ? html`<slot></slot>`
              : this.#fromSite.pending
                ? this.#fromSite.renderPending(branding?.name ?? '')
                : html`${this.#renderSignedOutNotice(branding)}
                <portal-login
                  part="login"
                  exportparts=${loginParts}
                  .mode=${this.linkIntent?.mode ?? 'sign-in'}
                  .token=${this.linkIntent?.token ?? ''}
                  @portal-login-succeeded=${this.#onLoginSucceeded}
                ></portal-login>`
          }
        </div>
      </div>
    `;
  }

  /** Why the client sees the login: a failed sign-in from the firm's site, or a sign-in the service ended. */
  #renderSignedOutNotice(branding: Branding | undefined): TemplateResult | typeof nothing {
    if (this.#fromSite.failure !== undefined) return this.#fromSite.renderFailure(branding?.name ?? '');
    return this.announcement === 'expired' ? html`<p class="alert" role="alert">${t('session.expired')}</p>` : nothing;
  }

  #announcement(): string {
    const { contact } = this.session;
    switch (this.announcement) {
      case 'sign-in':
        return contact ? t('session.signed-in-as', { name: contact.name }) : '';
      case 'sign-out':
        return t('session.signed-out');
      default:
        return '';
    }
  }

  /** Loads the branding and resumes the sign-in, replacing (and aborting) a start under way. */
  async #run(): Promise<void> {
    const client = this.client;
    this.#starting?.request.abort();
    const starting = { client, request: new AbortController() };
    this.#starting = starting;
    this.#start = { status: 'pending' };
    this.requestUpdate();
    let outcome: Start;
    try {
      outcome = { status: 'complete', branding: await this.#begin(client, starting.request.signal) };
    } catch (error) {
      outcome = { status: 'failed', error };
    }
    if (this.#starting !== starting) return;
    this.#start = outcome;
    this.requestUpdate();
  }

  async #begin(client: ApiClient | undefined, signal: AbortSignal): Promise<Branding> {
    if (!client) throw new NotConfiguredError();
    this.#fromSite.abort();
    if (this.session.status !== 'unknown') this.session = { status: 'unknown' };
    this.#expectingSignIn = new SessionHint(client).present || Boolean(this.assertion || this.getAssertion);
    if (this.#brandingFor !== client) this.#provideBranding(undefined, undefined);
    // The branding is provided as soon as it arrives: the login may be on screen already.
    const branding = client.branding({ signal }).then((loaded) => {
      if (!signal.aborted) this.#provideBranding(loaded, client);
      return loaded;
    });
    const [loaded] = await Promise.all([branding, this.#resume(client, signal)]);
    return loaded;
  }

  /** Resumes an earlier sign-in, unless the page was opened from an invitation or reset link. */
  async #resume(client: ApiClient, signal: AbortSignal): Promise<void> {
    if (this.linkIntent) {
      this.#settle({ status: 'signed-out' }, 'resume');
      return;
    }
    // Nothing to resume in this browser: asking would only be refused (a 401 on every signed-out load).
    if (!client.auth.mayResume) {
      if (!this.#signInFromSite(client, 'resume')) this.#settle({ status: 'signed-out' }, 'resume');
      return;
    }
    try {
      // A successful refresh reaches #onSessionChange through the client.
      await client.auth.refresh({ signal });
      if (client.contact) this.#settle({ status: 'signed-in', contact: client.contact }, 'resume');
    } catch (error) {
      // The client signed in with the login, shown meanwhile: what the refresh says no longer matters.
      if (this.session.status === 'signed-in' && !signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) {
        // No sign-in to resume: the firm's site may sign the client in instead.
        if (!this.#signInFromSite(client, 'resume')) this.#settle({ status: 'signed-out' }, 'resume');
        return;
      }
      throw error;
    }
  }

  /**
   * Starts a sign-in with an assertion from the firm's site, if the page gave one not yet used
   * or a `getAssertion`; false when there is none. The client reports a success like any sign-in;
   * a failure settles the session as signed out for `reason`, with the login under the message.
   */
  #signInFromSite(client: ApiClient, reason: 'resume' | 'expired'): boolean {
    const assertion = this.assertion;
    let provide: AssertionProvider;
    if (assertion && assertion !== this.#spentAssertion && reason === 'resume') {
      this.#spentAssertion = assertion;
      provide = () => Promise.resolve(assertion);
    } else if (this.getAssertion) {
      provide = this.getAssertion;
    } else {
      return false;
    }
    void this.#fromSite.run(client, provide).then((outcome) => {
      if (this.client !== client) return;
      if (outcome === 'failed') {
        this.#settle({ status: 'signed-out' }, reason);
      } else if (outcome === 'superseded' && this.session.status === 'unknown' && !this.#fromSite.pending && this.#start.status === 'complete') {
        // Cancelled by a sign-out, with nothing else under way.
        this.#settle({ status: 'signed-out' }, 'sign-out');
      }
    });
    return true;
  }

  #listen(client: ApiClient): void {
    if (this.#listeningTo === client) return;
    this.#stopListening?.();
    this.#listeningTo = client;
    this.#stopListening = client.onSessionChange(this.#onSessionChange);
  }

  #onSessionChange = (change: SessionChange): void => {
    // During start, the start task reports the outcome once it is complete.
    if (change.reason === 'resume' && this.session.status === 'unknown') return;
    if (change.status === 'signed-in') {
      // A sign-in from the firm's site is nothing the client did here: focus stays where it is.
      this.#settle({ status: 'signed-in', contact: change.contact }, change.reason, { moveFocus: change.reason === 'sign-in' && !this.#fromSite.pending });
      return;
    }
    // A sign-in the service ended: the firm's site is asked once for a new one first.
    if (change.reason === 'expired' && this.session.status === 'signed-in' && this.client) {
      if (this.getAssertion && this.#signInFromSite(this.client, 'expired')) {
        this.session = { status: 'unknown' };
        return;
      }
    }
    this.#settle({ status: 'signed-out' }, change.reason);
  };

  #settle(session: SessionState, reason: SessionChangeReason, { moveFocus = reason === 'sign-in' || reason === 'sign-out' } = {}): void {
    const before = this.session;
    if (before.status === session.status && before.contact?.id === session.contact?.id) return;
    this.session = session;
    this.#applyLanguage(session.status === 'signed-in' ? session.contact?.locale : null);
    this.announcement = reason;
    if (this.client) new SessionHint(this.client).remember(session.status === 'signed-in');
    if (session.status === 'signed-in') this.#fromSite.dismiss();
    if (moveFocus) this.#focusAfterChange = true;
    this.dispatchEvent(
      new PortalSessionChangeEvent(
        session.status === 'signed-in' && session.contact ? { status: 'signed-in', contact: session.contact, reason } : { status: 'signed-out', reason },
      ),
    );
  }

  /** The client changed their profile inside: the header shows their new name, the portal their language. */
  #onProfileChange = (event: PortalProfileChangeEvent): void => {
    if (this.session.status !== 'signed-in') return;
    this.session = { status: 'signed-in', contact: event.detail.contact };
    this.#applyLanguage(event.detail.contact.locale);
  };

  /**
   * Reads the portal in the language the signed-in client chose (their profile's), by setting
   * `lang` on this element; null (or signing out) goes back to the page's. A `lang` the page put
   * on this element or on one around it (other than `<html>`) always wins: the page chose the
   * portal's language itself.
   */
  #applyLanguage(locale: string | null | undefined): void {
    const own = this.getAttribute('lang');
    if ((own !== null && own !== this.#appliedLang) || pageLanguageAround(this)) return;
    const next = locale ?? null;
    if (next === own) return;
    if (next) this.setAttribute('lang', next);
    else this.removeAttribute('lang');
    this.#appliedLang = next ?? undefined;
    // The document's observer does not see into shadow roots, where a <portal-app>'s session lives.
    languagesChanged();
  }

  #onLoginSucceeded(): void {
    if (!this.linkIntent) return;
    // The emailed token is spent: take it out of the address so a reload does not reuse it.
    const url = new URL(window.location.href);
    url.searchParams.delete(this.linkIntent.param);
    window.history.replaceState(window.history.state, '', url);
    this.linkIntent = undefined;
  }

  #readLinkIntent(): LinkIntent | undefined {
    const params = new URLSearchParams(window.location.search);
    const invitation = this.invitationParam && params.get(this.invitationParam);
    if (invitation) return { mode: 'accept-invitation', param: this.invitationParam, token: invitation };
    const reset = this.resetParam && params.get(this.resetParam);
    if (reset) return { mode: 'reset-password', param: this.resetParam, token: reset };
    const signIn = this.signInParam && params.get(this.signInParam);
    if (signIn) return { mode: 'sign-in-link', param: this.signInParam, token: signIn };
    return undefined;
  }

  #setState(name: string, on: boolean): void {
    toggleState(this.#internals, name, on);
  }
}

/** The `lang` the page set on an element around `element` (through shadow roots), leaving out `<html>`'s. */
function pageLanguageAround(element: Element): string | null {
  let current: Node | null = element.parentNode;
  while (current) {
    if (current instanceof Element) {
      if (current === document.documentElement) return null;
      const lang = current.getAttribute('lang');
      if (lang) return lang;
      current = current.parentNode;
    } else if (current instanceof ShadowRoot) {
      current = current.host;
    } else {
      return null;
    }
  }
  return null;
}
