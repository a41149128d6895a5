import { ContextProvider } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { parsePlace, readRouteText, validKey, writeRouteParts, type PortalRouting } from '../../app/routing.ts';
import { PortalElement } from '../../base/portal-element.ts';
import { toggleState } from '../../base/states.ts';
import { isRegistered } from '../../loader/lazy-elements.ts';
import { FirmTheme } from '../../styles/firm-theme.ts';
import { alertStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../../styles/shared.ts';
import { ConsoleClient, type StaffSessionChange } from '../api/console-client.ts';
import type { Branding, StaffMe } from '../api/types.ts';
import { consoleClientContext, staffContext } from '../contexts.ts';
import type { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can, type StaffPermission } from '../roles.ts';
import { consoleScreens, isConsoleScreen, screenTag, type ConsoleScreenName } from '../screens.ts';
import type { PortalStaffLogin } from '../staff-login/staff-login.ts';
import { shellStyles } from './shell.styles.ts';

/** Where the console stands with the service. */
type Status = 'starting' | 'signed-out' | 'signed-in';

/** A place in the console: a screen and the item open in it (`''` for the screen's own view). */
export interface ConsoleRoute {
  screen: ConsoleScreenName;
  itemId: string;
}

/** A screen element: Lit's `updateComplete`, and most have `refresh()`. */
type ScreenElement = HTMLElement & { updateComplete?: Promise<unknown> };

// What each screen needs; `account` is everyone's.
const screenPermission: Record<ConsoleScreenName, StaffPermission | undefined> = {
  inbox: 'messages',
  clients: 'clients',
  invoices: 'read-money',
  payments: 'read-money',
  files: 'files',
  tasks: 'tasks',
  settings: 'settings',
  account: undefined,
};

/** The screens the signed-in member (`staff`) may see, in the navigation's order (whether or not their elements are on the page). */
export function screensFor(staff: StaffMe | undefined): ConsoleScreenName[] {
  return consoleScreens.filter((screen) => {
    const permission = screenPermission[screen];
    return staff !== undefined && (permission === undefined || can(staff, permission));
  });
}

/** The console's place in `url` under `key`, or undefined when the address holds none. */
export function readConsoleRoute(url: URL, routing: PortalRouting, key: string): ConsoleRoute | undefined {
  const text = readRouteText(url, routing, key);
  const place = text === undefined ? undefined : parsePlace(text, isConsoleScreen);
  return place && { screen: place.name, itemId: place.itemId };
}

/** `url` with the console's place written under `key` (the rest of the address kept as it is). */
export function writeConsoleRoute(url: URL, routing: PortalRouting, key: string, route: ConsoleRoute): URL {
  return writeRouteParts(url, routing, key, [route.screen, route.itemId]);
}

/** Thrown by the start task when the element has no service or firm to talk to. */
class NotConfiguredError extends Error {}

/**
 * The firm's console in one element: the firm's header (logo, name and colours from its
 * branding), the staff sign-in with its second factor (`<portal-staff-login>`) until a member
 * of staff is signed in, then a navigation between the screens their role may see — inbox,
 * clients, invoices, payments, files, tasks and events, settings (admins and owners), and their
 * own account — and the screen chosen, `<portal-console-<screen> item-id>`.
 *
 * It provides the `ConsoleClient` (made from `api` and `firm`, or the one set as `client`) and
 * the signed-in staff member (`GET /admin/staff/me`) to every screen inside it. At start it
 * resumes an earlier sign-in from the refresh cookie; when the service ends the sign-in, the
 * sign-in form comes back with a notice. A screen whose element is not on the page is not
 * offered; the script-tag bundle (`console.js`) loads each screen when it is first shown.
 *
 * The place in the console survives a reload and works with Back and Forward: with
 * `routing="hash"` (the default) as `#console/<screen>[/<itemId>]`, with `routing="query"` as
 * `?console=<screen>[/<itemId>]`, with `routing="none"` nowhere. A screen moves the console
 * with `PortalConsoleOpenEvent`, or by changing its own `item-id`. Moving focuses the screen's
 * heading and announces it. The navigation is a row of tabs that scrolls on narrow containers
 * and a sidebar from 60rem.
 *
 * @tag portal-console
 *
 * @event portal-console-open - From a screen: asks the console to show another screen or item (handled here).
 * @event portal-staff-login-succeeded - From the inner `<portal-staff-login>`: a staff member signed in.
 *
 * @csspart base - Everything the console renders once started.
 * @csspart header - The bar with the firm's logo and name, and the staff member's name, role and sign-out.
 * @csspart logo - The firm's logo.
 * @csspart firm-name - The firm's name.
 * @csspart staff-name - The signed-in staff member's name.
 * @csspart staff-role - Their role.
 * @csspart sign-out-button - The sign-out button.
 * @csspart content - The area under the header.
 * @csspart login - The `<portal-staff-login>` shown while signed out.
 * @csspart expired - The notice shown above the sign-in when the service ended the session.
 * @csspart layout - The navigation and the screen, side by side on wide containers.
 * @csspart nav - The navigation landmark.
 * @csspart nav-list - The list of links.
 * @csspart nav-link - One link (the current one is also `nav-link-current`).
 * @csspart nav-link-current - The link to the screen shown.
 * @csspart main - The area holding the screen.
 * @csspart screen - The screen's element.
 * @csspart announcer - The live region announcing sign-ins and the screen shown.
 * @csspart skeleton - The placeholder shown while the console starts.
 * @csspart error - The panel shown when the console cannot start.
 * @csspart retry-button - Tries again.
 * @csspart empty - The message shown when no screen is offered.
 *
 * @cssprop --portal-console-background - Background behind everything (default transparent).
 * @cssprop --portal-console-header-background - Header background (default `--portal-color-brand`).
 * @cssprop --portal-console-header-color - Header text (default `--portal-color-brand-contrast`).
 * @cssprop --portal-console-logo-height - Height of the logo's box (default `2.5rem`).
 * @cssprop --portal-console-logo-width - Width of the logo's box (default `8rem`).
 * @cssprop --portal-console-content-padding - Space above and below the content (default `--portal-space`).
 * @cssprop --portal-console-gap - Space between the navigation and the screen (default `--portal-space`).
 * @cssprop --portal-console-sidebar-width - The sidebar's width (default `14rem`).
 * @cssprop --portal-console-nav-background - The navigation's background (default transparent).
 * @cssprop --portal-console-nav-border-color - The line under the tabs or beside the sidebar (default `--portal-color-divider`).
 * @cssprop --portal-console-nav-color - Link text (default `--portal-color-text`).
 * @cssprop --portal-console-nav-hover-background - A link under the pointer (default `--portal-color-surface-alt`).
 * @cssprop --portal-console-nav-current-color - The current link's text (default `--portal-color-brand`).
 * @cssprop --portal-console-nav-indicator-color - The bar marking the current link (default `--portal-color-accent`).
 *
 * @cssstate loading - The console is starting.
 * @cssstate signed-in - A staff member is signed in.
 * @cssstate signed-out - Nobody is signed in.
 */
export class PortalConsole extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, shellStyles];

  /** Base URL of the token service, e.g. `https://portal.example-law.com`. Empty for the page's own origin. */
  @property() api = '';

  /** The firm's slug. */
  @property() firm = '';

  /** The client shared with every screen: made from `api` and `firm` unless set (tests, stories, pages with their own `fetch`). */
  @property({ attribute: false })
  get client(): ConsoleClient | undefined {
    return this.#clientProvider.value;
  }
  set client(client: ConsoleClient | undefined) {
    this.#clientProvider.setValue(client);
  }

  /** Where the place in the console is kept: `hash` (`#console/…`), `query` (`?console=…`) or `none`. */
  @property({ reflect: true }) routing: PortalRouting = 'hash';

  /** The fragment prefix and query parameter for `routing` (`console`). */
  @property({ attribute: 'route-key' }) routeKey = 'console';

  /** The screen shown; empty (the default) for the first one offered. Setting it moves there. */
  @property({ reflect: true }) screen: ConsoleScreenName | '' = '';

  /** The item open in the screen (a thread, client, invoice or payment id), or empty. */
  @property({ attribute: 'item-id', reflect: true }) itemId = '';

  /** Query parameter of staff invitation links (`?invitation=TOKEN`), handed to the sign-in. */
  @property({ attribute: 'invitation-param' }) invitationParam = 'invitation';

  /** The signed-in staff member, their firm and second factors, as provided to every screen. */
  @state()
  get staff(): StaffMe | undefined {
    return this.#staffProvider.value;
  }
  set staff(staff: StaffMe | undefined) {
    this.#staffProvider.setValue(staff);
  }

  // What the console provides to every screen (`@lit/context`); each property above reads and
  // sets its provider's value, so a screen sees a change as soon as it is made.
  readonly #clientProvider = new ContextProvider(this, { context: consoleClientContext });
  readonly #staffProvider = new ContextProvider(this, { context: staffContext });

  @state() private status: Status = 'starting';
  @state() private branding: Branding | undefined;
  @state() private expired = false;
  @state() private announcement = '';
  @state() private staffError: unknown;

  readonly #theme = new FirmTheme(this);
  readonly #internals: ElementInternals;
  readonly #itemWatcher = new MutationObserver((records) => this.#onItemAttribute(records));
  #ownClient: ConsoleClient | undefined;
  #stopListening: (() => void) | undefined;
  #listeningTo: ConsoleClient | undefined;
  #staffRequest: AbortController | undefined;
  #watching: Element | undefined;
  #focusScreen = false;
  #focusContent = false;
  /** The place the address holds (or last held). */
  #addressPlace = '';
  /** The place shown for an address without one of the console's own: what the page's attributes said. */
  #home: { screen: ConsoleScreenName | ''; itemId: string } = { screen: '', itemId: '' };

  readonly #start = new Task(this, {
    task: async ([client], { signal }) => {
      if (!client) throw new NotConfiguredError();
      this.status = 'starting';
      this.branding = undefined;
      this.#theme.apply(undefined);
      const branding = client.branding({ signal }).then((loaded) => {
        if (!signal.aborted) {
          this.branding = loaded;
          this.#theme.apply(loaded);
        }
        return loaded;
      });
      await Promise.all([branding, this.#resume(client, signal)]);
    },
    args: () => [this.client] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
    // A screen whose element arrives later (a bundle split by the page) is offered once it does.
    for (const screen of consoleScreens) {
      const tag = screenTag(screen);
      if (!customElements.get(tag)) void customElements.whenDefined(tag).then(() => this.requestUpdate());
    }
  }

  /** The screens offered to the signed-in staff member, in order: allowed by their role and on the page. */
  get screens(): ConsoleScreenName[] {
    return screensFor(this.staff).filter((screen) => isRegistered(screenTag(screen)));
  }

  /** The screen shown: `screen` if offered, else the first one offered. */
  get currentScreen(): ConsoleScreenName | undefined {
    const offered = this.screens;
    return this.screen && offered.includes(this.screen) ? this.screen : offered[0];
  }

  /** Starts again: reloads the branding and resumes the sign-in. */
  retry(): void {
    void this.#start.run();
  }

  /** Signs the staff member out here and on the service. */
  async signOut(): Promise<void> {
    try {
      await this.client?.auth.logout();
    } catch (error) {
      // The client has forgotten the sign-in either way.
      if (!isAbortError(error)) console.warn('Portico: the service could not end the sign-in.', error);
    }
  }

  get #key(): string {
    return validKey(this.routeKey);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onAddressChange);
    window.addEventListener('hashchange', this.#onAddressChange);
    if (this.client) this.#listen(this.client);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onAddressChange);
    window.removeEventListener('hashchange', this.#onAddressChange);
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#listeningTo = undefined;
    this.#staffRequest?.abort();
    this.#itemWatcher.disconnect();
    this.#watching = undefined;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    this.#theme.adoptInto(root);
    return root;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hasUpdated) this.#readAddress();
    const ownsClient = !this.client || this.client === this.#ownClient;
    if ((changed.has('api') || changed.has('firm')) && ownsClient) {
      this.#ownClient = this.firm ? new ConsoleClient({ baseUrl: this.api.replace(/\/+$/, ''), firm: this.firm }) : undefined;
      this.client = this.#ownClient;
    }
    if (changed.has('client') && this.client && this.isConnected) this.#listen(this.client);
    if (this.hasUpdated && (changed.has('screen') || changed.has('itemId'))) this.#writeAddress();
  }

  protected override updated(): void {
    toggleState(this.#internals, 'loading', this.#start.status === TaskStatus.PENDING);
    toggleState(this.#internals, 'signed-in', this.status === 'signed-in');
    toggleState(this.#internals, 'signed-out', this.status === 'signed-out');
    this.#watchItems();
    if (this.#focusContent) {
      const login = this.renderRoot.querySelector<PortalStaffLogin>('portal-staff-login');
      if (this.status === 'signed-out' && login) {
        this.#focusContent = false;
        login.focus();
      }
    }
    if (this.#focusScreen && this.currentScreen) {
      this.#focusScreen = false;
      void this.#focusHeading();
    }
  }

  protected override render(): TemplateResult {
    if (this.#start.status === TaskStatus.ERROR) return this.#renderFailure(this.#start.error);
    if (this.status === 'starting' || (this.status === 'signed-in' && !this.staff && !this.staffError)) return this.#renderSkeleton();
    return html`
      <div class="base" part="base">
        ${this.#renderHeader()}
        <div class="visually-hidden" part="announcer" role="status">${this.announcement}</div>
        <div class="content" part="content" id="content" tabindex="-1">
          ${this.status === 'signed-in' ? this.#renderSignedIn() : this.#renderLogin()}
        </div>
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('console.loading')}</span>
        <span class="skeleton-block header-block" aria-hidden="true"></span>
        <span class="skeleton-block line" aria-hidden="true"></span>
        <span class="skeleton-block line" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const notConfigured = error instanceof NotConfiguredError;
    return html`
      <div class="failure" part="error">
        <h2>${t('shell.error-heading')}</h2>
        <div class="alert" role="alert"><p>${notConfigured ? t('shell.not-configured') : errorMessage(error)}</p></div>
        ${notConfigured ? nothing : html`<button class="button" part="retry-button" type="button" @click=${this.retry}>${t('console.retry')}</button>`}
      </div>
    `;
  }

  #renderHeader(): TemplateResult {
    const branding = this.branding;
    const me = this.status === 'signed-in' ? this.staff : undefined;
    return html`
      <header class="header" part="header">
        <div class="identity">
          ${branding?.logoUrl ? html`<img class="logo" part="logo" src=${branding.logoUrl} alt="" decoding="async" />` : nothing}
          <span class="firm-name" part="firm-name">${branding?.name ?? ''}</span>
        </div>
        ${
          me
            ? html`<div class="account">
              <span class="staff">
                <span class="staff-name" part="staff-name">${me.staff.name}</span>
                <span class="staff-role" part="staff-role">${t(`shell.role.${me.staff.role}`)}</span>
              </span>
              <button class="button secondary" part="sign-out-button" type="button" @click=${this.signOut}>${t('shell.sign-out')}</button>
            </div>`
            : nothing
        }
      </header>
    `;
  }

  #renderLogin(): TemplateResult {
    return html`
      ${this.expired ? html`<p class="alert" part="expired" role="alert">${t('shell.expired')}</p>` : nothing}
      <portal-staff-login
        part="login"
        .client=${this.client}
        firm-name=${this.branding?.name ?? ''}
        invitation-param=${this.invitationParam}
        @portal-staff-login-succeeded=${this.#onLoginSucceeded}
      ></portal-staff-login>
    `;
  }

  #renderSignedIn(): TemplateResult {
    if (this.staffError !== undefined) {
      return html`<div class="failure" part="error">
        <div class="alert" role="alert"><p>${errorMessage(this.staffError)}</p></div>
        <button class="button" part="retry-button" type="button" @click=${() => this.#loadStaff()}>${t('console.retry')}</button>
      </div>`;
    }
    const offered = this.screens;
    const shown = this.currentScreen;
    return html`
      <div class="layout" part="layout">
        ${
          offered.length
            ? html`<nav class="nav" part="nav" aria-label=${t('shell.nav-label')}>
              <ul class="nav-list" part="nav-list">
                ${offered.map((screen) => this.#renderLink(screen, screen === shown))}
              </ul>
            </nav>`
            : nothing
        }
        <div class="main" part="main" @portal-console-open=${this.#onOpen}>
          ${shown ? this.#renderScreen(shown) : html`<p class="empty" part="empty">${t('shell.no-screens')}</p>`}
        </div>
      </div>
    `;
  }

  #renderLink(screen: ConsoleScreenName, current: boolean): TemplateResult {
    return html`<li class="nav-item">
      <a
        class="nav-link"
        part=${current ? 'nav-link nav-link-current' : 'nav-link'}
        href=${this.#href({ screen, itemId: '' })}
        aria-current=${current ? 'page' : nothing}
        data-screen=${screen}
        @click=${(event: MouseEvent) => this.#onNavClick(event, screen)}
        >${t(`shell.screen.${screen}`)}</a
      >
    </li>`;
  }

  #renderScreen(screen: ConsoleScreenName): TemplateResult {
    const tag = unsafeStatic(screenTag(screen));
    const itemId = screen === this.screen ? this.itemId : '';
    return staticHtml`<${tag} part="screen" data-screen=${screen} item-id=${itemId}></${tag}>`;
  }

  /** Resumes an earlier sign-in, unless the page was opened from a staff invitation. */
  async #resume(client: ConsoleClient, signal: AbortSignal): Promise<void> {
    if (this.invitationParam && new URLSearchParams(window.location.search).has(this.invitationParam)) {
      this.status = 'signed-out';
      return;
    }
    // Nothing to resume in this browser: asking would only be refused (a 401 on every signed-out load).
    if (!client.auth.mayResume) {
      if (this.status === 'starting') this.status = 'signed-out';
      return;
    }
    try {
      await client.auth.refresh({ signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        if (this.status === 'starting') this.status = 'signed-out';
        return;
      }
      throw error;
    }
    if (!signal.aborted && this.status !== 'signed-in') this.#signedIn(false);
  }

  #listen(client: ConsoleClient): void {
    if (this.#listeningTo === client) return;
    this.#stopListening?.();
    this.#listeningTo = client;
    this.#stopListening = client.onSessionChange(this.#onSessionChange);
  }

  #onSessionChange = (change: StaffSessionChange): void => {
    if (change.status === 'signed-in') {
      // The resume at start reports itself; a sign-in that set up a second factor waits for its recovery codes to be seen.
      if (change.reason === 'resume' && this.status === 'starting') return;
      const login = this.renderRoot?.querySelector<PortalStaffLogin>('portal-staff-login');
      if (login?.holdsSignIn) return;
      if (this.status !== 'signed-in') this.#signedIn(true);
      return;
    }
    if (this.status === 'signed-out') return;
    this.#staffRequest?.abort();
    this.status = 'signed-out';
    this.staff = undefined;
    this.staffError = undefined;
    this.expired = change.reason === 'expired';
    this.announcement = change.reason === 'sign-out' ? t('shell.signed-out') : '';
    this.#focusContent = change.reason === 'sign-out';
  };

  #onLoginSucceeded(): void {
    if (this.status !== 'signed-in') this.#signedIn(true);
  }

  #signedIn(moveFocus: boolean): void {
    this.status = 'signed-in';
    this.expired = false;
    this.#focusScreen = moveFocus;
    void this.#loadStaff();
  }

  async #loadStaff(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.#staffRequest?.abort();
    const request = new AbortController();
    this.#staffRequest = request;
    this.staff = undefined;
    this.staffError = undefined;
    try {
      const me = await client.me({ signal: request.signal });
      if (request.signal.aborted) return;
      this.staff = me;
      this.announcement = t('shell.signed-in-as', { name: me.staff.name });
      // The screens appear only now: focus waits for them.
      if (this.#focusScreen) this.requestUpdate();
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      // A 401 ends the sign-in through the client (the session change shows the sign-in).
      if (!(error instanceof ApiError && error.status === 401)) this.staffError = error;
    }
  }

  /** The address's place, read once at start: it wins over the attributes. */
  #readAddress(): void {
    this.#home = { screen: this.screen, itemId: this.itemId };
    const route = readConsoleRoute(new URL(window.location.href), this.routing, this.#key);
    if (route) {
      this.screen = route.screen;
      this.itemId = route.itemId;
    }
    this.#addressPlace = this.#placeText();
  }

  #placeText(): string {
    return this.screen ? `${this.screen}/${this.itemId}` : '';
  }

  /** A move made here (a link, a screen, the page's properties) becomes a history entry. */
  #writeAddress(): void {
    const place = this.#placeText();
    if (place === this.#addressPlace) return;
    this.#addressPlace = place;
    if ((this.routing !== 'hash' && this.routing !== 'query') || !isConsoleScreen(this.screen)) return;
    const current = new URL(window.location.href);
    const next = writeConsoleRoute(current, this.routing, this.#key, { screen: this.screen, itemId: this.itemId });
    if (next.href !== current.href) window.history.pushState(window.history.state, '', next);
  }

  #href(route: ConsoleRoute): string {
    if (this.routing === 'query') {
      const url = writeConsoleRoute(new URL(window.location.href), 'query', this.#key, route);
      return `${url.pathname}${url.search}${url.hash}`;
    }
    return writeConsoleRoute(new URL('https://console.invalid/'), 'hash', this.#key, route).hash;
  }

  /** Moves to a screen or item; a new screen is announced and its heading focused. */
  #go(route: ConsoleRoute, { focus = true } = {}): void {
    const from = this.currentScreen;
    if (route.screen !== from) this.announcement = t('shell.screen-shown', { screen: t(`shell.screen.${route.screen}`) });
    this.screen = route.screen;
    this.itemId = route.itemId;
    if (focus) {
      this.#focusScreen = true;
      this.requestUpdate();
    }
  }

  #onNavClick(event: MouseEvent, screen: ConsoleScreenName): void {
    // A new tab or window is the browser's business.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#go({ screen, itemId: '' });
  }

  #onOpen(event: PortalConsoleOpenEvent): void {
    const { screen, itemId } = event.detail ?? {};
    if (!isConsoleScreen(screen) || !this.screens.includes(screen)) return;
    event.stopPropagation();
    this.#go({ screen, itemId: typeof itemId === 'string' ? itemId : '' });
  }

  /** Back, Forward, or a new fragment: follows the console's place in the address. */
  #onAddressChange = (): void => {
    if (this.routing !== 'hash' && this.routing !== 'query') return;
    const url = new URL(window.location.href);
    const route = readConsoleRoute(url, this.routing, this.#key);
    // A fragment of the page's own (a skip link) leaves the console where it is.
    if (!route && this.routing === 'hash' && url.hash.length > 1) return;
    // No place of the console's own (Back to where the page started): the page's own choice, else the first screen.
    const place = route ?? { screen: this.#home.screen || this.screens[0], itemId: this.#home.itemId };
    if (!place.screen) return;
    // What the address now holds: the move that follows it is not written again.
    this.#addressPlace = `${place.screen}/${place.itemId}`;
    if (place.screen === this.screen && place.itemId === this.itemId) return;
    this.#go({ screen: place.screen, itemId: place.itemId });
  };

  /** Follows a screen that opens or closes an item by itself (a row chosen, "Back to the list"). */
  #onItemAttribute(records: MutationRecord[]): void {
    const shown = this.currentScreen;
    if (!shown) return;
    for (const record of records) {
      const element = record.target as Element;
      if (element.localName !== screenTag(shown)) continue;
      const itemId = element.getAttribute('item-id') ?? '';
      if (itemId !== (shown === this.screen ? this.itemId : '')) this.#go({ screen: shown, itemId }, { focus: false });
    }
  }

  #watchItems(): void {
    const main = this.renderRoot.querySelector('.main') ?? undefined;
    if (main === this.#watching) return;
    this.#itemWatcher.disconnect();
    this.#watching = main;
    if (main) this.#itemWatcher.observe(main, { subtree: true, attributes: true, attributeFilter: ['item-id'] });
  }

  /** Focuses the shown screen's heading (its `heading` part, else its first heading). */
  async #focusHeading(): Promise<void> {
    const element = this.renderRoot.querySelector<ScreenElement>('.main [part~="screen"]');
    if (!element) return;
    await customElements.whenDefined(element.localName);
    await element.updateComplete;
    const root = element.shadowRoot;
    const heading = root?.querySelector<HTMLElement>('[part~="heading"]') ?? root?.querySelector<HTMLElement>('h1, h2, h3');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }
}
