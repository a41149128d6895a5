import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import { PortalElement } from '../base/portal-element.ts';
import { toggleState } from '../base/toggle-state.ts';
import { apiContext, brandingContext, sessionContext } from '../controllers/contexts.ts';
import { withWords } from '../i18n/catalog.ts';
import { languageOf } from '../i18n/language.ts';
import type { AssertionProvider } from '../session/assertion-sign-in.ts';
import type { PortalSession } from '../session/session.ts';
import { visuallyHiddenStyles } from '../styles/basic.ts';
import type { AppShell, AppShellHost, Payment } from './app-shell.ts';
import { appStyles } from './app.styles.ts';
import { PortalNavigateEvent, type PortalNavigateTrigger } from './events.ts';
import { InnerContextConsumer } from './inner-context.ts';
import { queryValue, readRoute, validKey, withoutQueryValue, writeRoute, type PortalRoute, type PortalRouting } from './routing.ts';
import { isSectionName, offeredSections, sectionTags, type PortalSectionName } from './sections.ts';
import { upgraded } from './upgraded.ts';

/** How the navigation is laid out: by the room there is, always as tabs, or as a sidebar from 40rem. */
export type PortalAppLayout = 'auto' | 'tabs' | 'sidebar';

/** A place as the address or the properties hold it; `section` is `''` for "the first section offered". */
interface Place {
  section: PortalSectionName | '';
  itemId: string;
}

// The session's parts, offered to the page under the same names (`portal-app::part(firm-name)`).
const sessionParts = ['header', 'logo', 'firm-name', 'contact-name', 'sign-out-button', 'content', 'login', 'notice', 'skeleton', 'error', 'retry-button']
  .concat(['assertion-pending', 'assertion-error'])
  .concat(
    ['base', 'form', 'heading', 'intro', 'alert', 'notice', 'field', 'label', 'input', 'hint', 'field-error', 'submit-button', 'links', 'link'].map(
      (name) => `login-${name}`,
    ),
  )
  .join(', ');

/**
 * The whole client portal in one element: the firm's header and sign-in (`<portal-session>`),
 * then a navigation between the sections the firm offers — home, tasks and events, invoices,
 * payment history, messages and files — and the section chosen. The portal lands on home
 * (`<portal-home>`), whose links show the other sections. "Pay now", "Pay all open invoices" and
 * home's "Pay all" open `<portal-pay>` in the section's place; when the client leaves it, the
 * invoice (or list) comes back, refreshed after a payment.
 *
 * The navigation shows how many messages are unread and how many invoices unpaid, as badges
 * whose words are part of the link's name ("Messages, 2 unread"); the counts are read again as
 * the client moves between sections and after a payment.
 *
 * The place in the portal survives a reload and works with Back and Forward: with
 * `routing="hash"` (the default) it is kept in the address's fragment as `#portal/invoices/inv_…`,
 * leaving every other fragment (the page's own anchors) alone; with `routing="query"` in one query
 * parameter, `?portal=invoices/inv_…`, keeping the other parameters and the fragment as they are;
 * with `routing="none"` nowhere. Links from emails open the right place in every mode:
 * `?invoice=ID` an invoice, `?thread=ID` a message thread (the parameter is then taken out of
 * the address).
 *
 * What a signed-in client sees (the navigation, its counts and the sections) arrives in a module of
 * its own when the client signs in, or while a sign-in is being resumed: a signed-out page loads
 * only what draws around the sign-in form.
 *
 * The navigation is a list of links, the current one marked `aria-current="page"`. Choosing one
 * moves focus to the section's heading and announces it. On narrow containers the links are a
 * row of tabs that scrolls sideways; from 72rem (`layout="auto"`) they become a sidebar, which
 * leaves the section room for its wide layout (the invoice table needs 56rem).
 *
 * A section is offered when the firm has not turned it off (its branding's `sections`) and its
 * element is registered on the page; home is offered whenever `<portal-home>` is. A link to a
 * section that is not offered (the firm hid it) shows the first section offered — home — instead,
 * corrects the address (`history.replaceState`) and says so in the live region.
 *
 * A firm whose website already signs its clients in gives `assertion` (a JWT its backend signed
 * for the visitor) or `getAssertion` (a function fetching a fresh one): with no sign-in to
 * resume, the portal signs the client in with it instead of asking for a password, as
 * `<portal-session>` describes.
 *
 * @tag portal-app
 *
 * @slot - Content shown to a signed-in client above the navigation, e.g. a welcome.
 * @slot header-actions - Content at the end of the navigation bar, e.g. a help link.
 *
 * @event portal-navigate - The client moved to another section or item. `detail.section`, `detail.itemId`, `detail.from`, `detail.trigger` (`link`, `history` or `content`). Cancelable when `trigger` is `link`: `preventDefault()` keeps the current section.
 * @event portal-session-change - From the inner `<portal-session>`: the client signed in or out.
 * @event portal-payment-succeeded - From the inner `<portal-pay>`: a payment succeeded. `detail.receiptNumber`, `detail.amount`, `detail.currency`, …
 * @event portal-payment-processing - From the inner `<portal-pay>`: a bank payment is on its way. Same `detail`.
 * @event portal-payment-failed - From the inner `<portal-pay>`: a payment was declined or failed. `detail.failure`.
 *
 * @csspart session - The inner `<portal-session>`. Its parts are offered under their own names: `header`, `logo`, `firm-name`, `contact-name`, `sign-out-button`, `content`, `login`, `notice`, `skeleton`, `error`, `retry-button`, `assertion-pending`, `assertion-error`, and the login's `login-*` parts.
 * @csspart base - Everything shown to a signed-in client.
 * @csspart layout - The navigation bar and the section, side by side on wide containers.
 * @csspart bar - The navigation and the `header-actions` slot.
 * @csspart nav - The navigation landmark.
 * @csspart nav-list - The list of links.
 * @csspart nav-item - One item of the list.
 * @csspart nav-link - One link (the current one is also `nav-link-current`).
 * @csspart nav-link-current - The link to the section shown.
 * @csspart header-actions - The box holding the `header-actions` slot.
 * @csspart main - The area holding the section.
 * @csspart section - The box around one section's element (also `section-<name>`, e.g. `section-invoices`).
 * @csspart nav-badge - The count on a link: unread messages, unpaid invoices.
 * @csspart home - The `<portal-home>` element.
 * @csspart activities - The `<portal-activities>` element.
 * @csspart invoices - The `<portal-invoices>` element.
 * @csspart payments - The `<portal-payments>` element.
 * @csspart messages - The `<portal-messages>` element.
 * @csspart files - The `<portal-files>` element.
 * @csspart profile - The `<portal-profile>` element (the client's own profile, always offered).
 * @csspart pay - The `<portal-pay>` shown while the client pays.
 * @csspart invoices-row - Each section element's own parts, under its name: `home-<part>`, `activities-<part>`, `invoices-<part>` (e.g. `invoices-row`, `invoices-invoice-pay-button`), `payments-<part>`, `messages-<part>`, `files-<part>`, `profile-<part>`, and `pay-<part>` for `<portal-pay>` (e.g. `pay-pay-button`).
 * @csspart announcer - The live region announcing the section shown (and why, when a link led to a hidden one).
 * @csspart empty - The message shown when the firm offers no section.
 *
 * @cssprop --portal-app-background - Background behind the navigation and sections (default transparent).
 * @cssprop --portal-app-gap - Space between the navigation and the section (default `--portal-space`).
 * @cssprop --portal-app-sidebar-width - The sidebar's width (default `15rem`).
 * @cssprop --portal-app-nav-background - The navigation's background (default transparent).
 * @cssprop --portal-app-nav-border-color - The line under the tabs, or beside the sidebar (default `--portal-color-divider`).
 * @cssprop --portal-app-nav-color - Link text (default `--portal-color-text`).
 * @cssprop --portal-app-nav-hover-background - A link's background under the pointer (default `--portal-color-surface-alt`).
 * @cssprop --portal-app-nav-current-color - The current link's text (default `--portal-color-brand`).
 * @cssprop --portal-app-nav-current-background - The current link's background (default transparent).
 * @cssprop --portal-app-nav-indicator-color - The bar marking the current link (default `--portal-color-accent`).
 * @cssprop --portal-app-nav-font-weight - Link weight (default `600`).
 * @cssprop --portal-app-nav-badge-background - A count's background on a link (default `--portal-color-brand`).
 * @cssprop --portal-app-nav-badge-color - A count's text (default `--portal-color-brand-contrast`).
 *
 * @cssstate signed-in - A client is signed in.
 * @cssstate signed-out - Nobody is signed in.
 * @cssstate paying - `<portal-pay>` is shown.
 */
export class PortalApp extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, appStyles];

  /** Base URL of the token service, e.g. `https://portal.example-law.com`. Empty for the page's own origin. */
  @property() api = '';

  /** The firm's slug. */
  @property() firm = '';

  /** An API client to use instead of one made from `api` and `firm` (tests, stories, pages with their own `fetch`). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /**
   * A sign-in assertion from the firm's own website: a JWT its backend signed for the visitor it
   * has signed in. Used once, when there is no sign-in to resume, instead of the login.
   */
  @property() assertion = '';

  /**
   * Asks the firm's website for a fresh assertion (e.g. a `fetch` to its backend), with the
   * signal of the sign-in it serves: when there is no sign-in to resume, and once more when a
   * sign-in ends on the service.
   */
  @property({ attribute: false }) getAssertion: AssertionProvider | undefined;

  /** Where the place in the portal is kept: `hash` (`#portal/…`), `query` (`?portal=…`) or `none`. Read when the element starts. */
  @property({ reflect: true }) routing: PortalRouting = 'hash';

  /** The fragment prefix and query parameter name for `routing` (`portal`): letters, digits, `_` and `-`. */
  @property({ attribute: 'route-key' }) routeKey = 'portal';

  /**
   * The section shown: `home`, `activities`, `invoices`, `payments`, `messages` or `files`. Empty
   * (the default) for the first one offered (home); a section the firm does not offer shows the
   * first one too.
   * Setting it moves there (and writes the address).
   */
  @property({ reflect: true }) section: PortalSectionName | '' = '';

  /** The item open in the section (an invoice or thread id), or empty. */
  @property({ attribute: 'item-id', reflect: true }) itemId = '';

  /** How the navigation is laid out: `auto` (tabs, a sidebar from 72rem), `tabs`, or `sidebar` (from 40rem). */
  @property({ reflect: true }) layout: PortalAppLayout = 'auto';

  /** Query parameter of invoice links in emails (`?invoice=ID`). */
  @property({ attribute: 'invoice-param' }) invoiceParam = 'invoice';

  /** Query parameter of message links in emails (`?thread=ID`). */
  @property({ attribute: 'thread-param' }) threadParam = 'thread';

  /** The payment shown in a section's place, if any. */
  @state() protected payment: Payment | undefined;
  @state() private announced: PortalSectionName | undefined;
  /** The section a link asked for that the firm does not offer, said in the live region. */
  @state() private redirectedFrom: PortalSectionName | undefined;

  readonly #branding = new InnerContextConsumer(this, brandingContext, () => this.#inner, 'portal-session');
  readonly #session = new InnerContextConsumer(this, sessionContext, () => this.#inner, 'portal-session');
  readonly #api = new InnerContextConsumer(this, apiContext, () => this.#inner, 'portal-session');
  readonly #internals: ElementInternals;
  /** The place the address holds (or last held); a change of the properties to another place is written to it. */
  #addressPlace: Place = { section: '', itemId: '' };
  /** The place shown for an address without one of the portal's own: the attributes the page wrote. */
  #home: Place = { section: '', itemId: '' };
  #focusSection = false;
  /** What a signed-in client sees, once its module has arrived (see `#loadShell`). */
  #shell: AppShell | undefined;
  #shellLoading: Promise<void> | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    // Sections whose element is registered later (a bundle split by the page) appear once it is,
    // and the parts of an element that arrives later (the script-tag bundle loads each on first
    // use) are forwarded once it has its shadow root.
    for (const tag of [...Object.values(sectionTags), 'portal-pay']) {
      if (!customElements.get(tag)) void customElements.whenDefined(tag).then(() => this.requestUpdate());
    }
  }

  /**
   * The language the navigation reads in: the one the client chose in their profile once the
   * inner session applies it (see `<portal-session>`), else the page's.
   */
  override get language(): string {
    return this.renderRoot?.querySelector('portal-session')?.getAttribute('lang') || super.language;
  }

  /** The sections offered, in order: empty until the firm's branding is loaded. */
  get sections(): readonly PortalSectionName[] {
    return this.#branding.value ? offeredSections(this.#branding.value.sections) : [];
  }

  /** The section shown (or about to be): `section` if offered, else the first one offered. */
  get currentSection(): PortalSectionName | undefined {
    const offered = this.sections;
    return this.section && offered.includes(this.section) ? this.section : offered[0];
  }

  /**
   * Signs the client out, as the header's button does. A site that signs its visitor out should
   * call it too, so that the portal's sign-in ends with the site's.
   */
  async signOut(): Promise<void> {
    await this.updateComplete;
    const session = this.renderRoot.querySelector<PortalSession>('portal-session');
    if (session) await (await upgraded(session)).signOut();
  }

  get #key(): string {
    return validKey(this.routeKey);
  }

  get #inner(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('.app');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onAddressChange);
    window.addEventListener('hashchange', this.#onAddressChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onAddressChange);
    window.removeEventListener('hashchange', this.#onAddressChange);
    this.#shell?.disconnected();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) this.#start();
    else if ((changed.has('section') || changed.has('itemId')) && !samePlace(this.#place, this.#addressPlace)) {
      // The page set the properties: that is a move too, so Back returns from it.
      this.#writeAddress(this.#place);
    }
    const status = this.#session.value?.status;
    if (status === 'signed-out') this.payment = undefined;
    if (status === 'signed-in') this.#leaveHiddenSection();
    this.#shell?.willUpdate();
    if (this.payment && this.payment.section !== this.currentSection) this.payment = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#session.value?.status;
    toggleState(this.#internals, 'signed-in', status === 'signed-in');
    toggleState(this.#internals, 'signed-out', status === 'signed-out');
    toggleState(this.#internals, 'paying', this.payment !== undefined);
    // Fetched while a sign-in is being resumed too, alongside the refresh rather than after it.
    if (status === 'signed-in' || (status === 'unknown' && this.#api.value?.auth.mayResume)) this.#loadShell();
    this.#shell?.updated();
  }

  /** Fetches what a signed-in client sees, once; a module that failed to arrive is asked for again at the next update. */
  #loadShell(): void {
    if (this.#shell || this.#shellLoading) return;
    // Its words come in the portal's language with it: a Spanish portal never shows English navigation while they load.
    this.#shellLoading = withWords(import('./app-shell.ts'), languageOf(this)).then(
      ({ AppShell }) => {
        this.#shell = new AppShell(this.#shellHost());
        if (this.renderRoot instanceof ShadowRoot) adoptStyles(this.renderRoot, [...(this.constructor as typeof PortalApp).elementStyles, ...AppShell.styles]);
        this.requestUpdate();
      },
      (error: unknown) => {
        console.error('Portico could not load the portal’s navigation:', error);
        this.#shellLoading = undefined;
      },
    );
  }

  #shellHost(): AppShellHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below are the object's own
    const app = this;
    return {
      element: this,
      get sections() {
        return app.sections;
      },
      get currentSection() {
        return app.currentSection;
      },
      get itemId() {
        return app.itemId;
      },
      get client() {
        return app.#api.value;
      },
      get status() {
        return app.#session.value?.status;
      },
      get contactId() {
        return app.#session.value?.contact?.id ?? '';
      },
      get branded() {
        return app.#branding.value !== undefined;
      },
      get payment() {
        return app.payment;
      },
      set payment(payment: Payment | undefined) {
        app.payment = payment;
      },
      get announced() {
        return app.announced;
      },
      get redirectedFrom() {
        return app.redirectedFrom;
      },
      takeFocusRequest() {
        const asked = app.#focusSection;
        app.#focusSection = false;
        return asked;
      },
      go: (route, trigger, options) => this.#go(route, trigger, options),
      href: (route) => this.#href(route),
    };
  }

  protected override render(): TemplateResult {
    return html`
      <portal-session
        part="session"
        exportparts=${sessionParts}
        .client=${this.client}
        api=${this.api}
        firm=${this.firm}
        .assertion=${this.assertion}
        .getAssertion=${this.getAssertion}
      >
        <div class="app" part="base">
          <slot></slot>
          ${this.#shell ? this.#shell.render() : nothing}
        </div>
      </portal-session>
    `;
  }

  get #place(): Place {
    return { section: isSectionName(this.section) ? this.section : '', itemId: this.itemId };
  }

  /** Reads where to start: an email link, else the address, else the attributes. */
  #start(): void {
    this.#home = this.#place;
    const url = new URL(window.location.href);
    const link = this.#emailLink(url);
    if (link) {
      this.section = link.route.section;
      this.itemId = link.route.itemId;
      if (this.routing === 'hash' || this.routing === 'query') {
        // The link's parameter is spent: a reload keeps the place through the portal's own route.
        const next = writeRoute(withoutQueryValue(url, link.param), this.routing, this.#key, link.route);
        window.history.replaceState(window.history.state, '', next);
      }
      this.#addressPlace = link.route;
      return;
    }
    const route = readRoute(url, this.routing, this.#key);
    if (route) {
      this.section = route.section;
      this.itemId = route.itemId;
    }
    this.#addressPlace = this.#place;
  }

  #emailLink(url: URL): { route: PortalRoute; param: string } | undefined {
    const invoiceId = queryValue(url, this.invoiceParam);
    if (invoiceId && /^[A-Za-z0-9_-]{1,128}$/.test(invoiceId)) return { route: { section: 'invoices', itemId: invoiceId }, param: this.invoiceParam };
    const threadId = queryValue(url, this.threadParam);
    if (threadId && /^[A-Za-z0-9_-]{1,128}$/.test(threadId)) return { route: { section: 'messages', itemId: threadId }, param: this.threadParam };
    return undefined;
  }

  /** The link's address: where the place would be written (a fragment in `none` mode, which is never followed). */
  #href(route: PortalRoute): string {
    if (this.routing === 'query') {
      const url = writeRoute(new URL(window.location.href), 'query', this.#key, route);
      return `${url.pathname}${url.search}${url.hash}`;
    }
    return writeRoute(new URL('https://portal.invalid/'), 'hash', this.#key, route).hash;
  }

  /** Writes a move to the address as a new history entry, so that Back returns from it. */
  #writeAddress(place: Place): void {
    this.#addressPlace = place;
    if ((this.routing !== 'hash' && this.routing !== 'query') || !place.section) return;
    const current = new URL(window.location.href);
    const next = writeRoute(current, this.routing, this.#key, { section: place.section, itemId: place.itemId });
    if (next.href !== current.href) window.history.pushState(window.history.state, '', next);
  }

  /**
   * Moves to `route` for the client, unless a listener cancels a link's move: fires
   * `portal-navigate`, writes the address (unless it already holds the route), announces a new
   * section and moves focus to its heading.
   */
  #go(route: PortalRoute, trigger: PortalNavigateTrigger, { write = true, focus = true } = {}): void {
    const from: Place = { section: this.currentSection ?? '', itemId: this.itemId };
    if (from.section === route.section && from.itemId === route.itemId) {
      // Already there: a link to the current section still takes the client to its heading.
      if (focus) {
        this.#focusSection = true;
        this.requestUpdate();
      }
      return;
    }
    const event = new PortalNavigateEvent({ section: route.section, itemId: route.itemId, from, trigger });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    if (write) this.#writeAddress(route);
    else this.#addressPlace = route;
    this.section = route.section;
    this.itemId = route.itemId;
    this.payment = undefined;
    this.redirectedFrom = undefined;
    if (route.section !== from.section) this.announced = route.section;
    if (focus) this.#focusSection = true;
  }

  /**
   * A link (an address, an email, the page's attribute) asked for a section the firm does not
   * offer: the first section offered (home) is shown instead, the address is corrected without a
   * new history entry, and the live region says why.
   */
  #leaveHiddenSection(): void {
    const offered = this.sections;
    const asked = this.section;
    if (!asked || !offered.length || offered.includes(asked)) return;
    const shown = offered[0]!;
    this.redirectedFrom = asked;
    this.announced = shown;
    this.section = shown;
    this.itemId = '';
    this.#addressPlace = { section: shown, itemId: '' };
    if (this.routing === 'hash' || this.routing === 'query') {
      const current = new URL(window.location.href);
      const next = writeRoute(current, this.routing, this.#key, { section: shown, itemId: '' });
      if (next.href !== current.href) window.history.replaceState(window.history.state, '', next);
    }
  }

  /** Back, Forward, or a new fragment: follows the portal's route in the address. */
  #onAddressChange = (): void => {
    if (!this.hasUpdated || (this.routing !== 'hash' && this.routing !== 'query')) return;
    const url = new URL(window.location.href);
    const route = readRoute(url, this.routing, this.#key);
    // A fragment of the page's own (a skip link, an anchor) leaves the portal where it is.
    if (!route && this.routing === 'hash' && url.hash.length > 1) return;
    const place: Place = route ?? this.#home;
    if (samePlace(place, this.#addressPlace) && samePlace(place, this.#place)) return;
    const section = place.section || this.sections[0];
    if (!section) {
      this.#addressPlace = place;
      this.section = place.section;
      this.itemId = place.itemId;
      return;
    }
    this.#go({ section, itemId: place.itemId }, 'history', { write: false });
    this.#addressPlace = this.#place;
  };
}

function samePlace(a: Place, b: Place): boolean {
  return a.section === b.section && a.itemId === b.itemId;
}
