import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import { PortalElement } from '../base/portal-element.ts';
import { toggleState } from '../base/states.ts';
import { apiContext, brandingContext, sessionContext } from '../controllers/contexts.ts';
import type { PortalSectionOpenEvent } from '../home/events.ts';
import { formatNumber } from '../i18n/format.ts';
import { t } from '../i18n/translate.ts';
import type { PortalPayRequestEvent } from '../invoice/events.ts';
import type { PortalInvoice } from '../invoice/invoice.ts';
import { isRegistered } from '../loader/lazy-elements.ts';
import type { PortalPay } from '../pay/pay.ts';
import type { AssertionProvider } from '../session/assertion-sign-in.ts';
import type { PortalSession } from '../session/session.ts';
import { visuallyHiddenStyles } from '../styles/shared.ts';
import { appStyles } from './app.styles.ts';
import { PortalNavigateEvent, type PortalNavigateTrigger } from './events.ts';
import { InnerContextConsumer } from './inner-context.ts';
import { isItemId, queryValue, readRoute, validKey, withoutQueryValue, writeRoute, type PortalRoute, type PortalRouting } from './routing.ts';
import { isSectionName, itemAttributes, offeredSections, sectionLabel, sectionTags, type PortalSectionName } from './sections.ts';

/** How the navigation is laid out: by the room there is, always as tabs, or as a sidebar from 40rem. */
export type PortalAppLayout = 'auto' | 'tabs' | 'sidebar';

/** A place as the address or the properties hold it; `section` is `''` for "the first section offered". */
interface Place {
  section: PortalSectionName | '';
  itemId: string;
}

/** A section element: most have `refresh()`, and Lit's `updateComplete`. */
type SectionElement = HTMLElement & { refresh?: () => unknown; updateComplete?: Promise<unknown> };

/** A payment taking a section's place, until the client leaves it. */
interface Payment {
  section: PortalSectionName;
  invoiceIds: string[];
  amount: number | undefined;
  /** The element that asked for it: refreshed once paid, and shown again after. */
  source: SectionElement;
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
  /** The navigation's counts, once read: unread messages and unpaid invoices. */
  @state() private counts: { unread: number; unpaid: number } | undefined;

  readonly #branding = new InnerContextConsumer(this, brandingContext, () => this.#inner, 'portal-session');
  readonly #session = new InnerContextConsumer(this, sessionContext, () => this.#inner, 'portal-session');
  readonly #api = new InnerContextConsumer(this, apiContext, () => this.#inner, 'portal-session');
  /** The counts' request in flight; the place and sign-in they were last read for. */
  #countsRequest: AbortController | undefined;
  #countsFor = '';
  readonly #internals: ElementInternals;
  /** Sections opened since the client signed in: they stay in the DOM, hidden, keeping their filters and scroll. */
  readonly #mounted = new Set<PortalSectionName>();
  /** The item last open in each section, so that a section shows it again when the client comes back. */
  readonly #items = new Map<PortalSectionName, string>();
  readonly #itemWatcher = new MutationObserver((records) => this.#onItemAttribute(records));
  #watching: Element | undefined;
  /** The place the address holds (or last held); a change of the properties to another place is written to it. */
  #addressPlace: Place = { section: '', itemId: '' };
  /** The place shown for an address without one of the portal's own: the attributes the page wrote. */
  #home: Place = { section: '', itemId: '' };
  #focusSection = false;
  /** The section and sign-in the row of tabs was last scrolled for. */
  #revealedFor = '';
  /** Scrolls the tabs again when their room changes (a phone turned, the tabs shown at sign-in). */
  readonly #navResize = new ResizeObserver(() => this.#revealCurrentLink());
  #resizing: Element | undefined;
  /** Watches each section element's shadow root for the parts it offers, to forward them to the page. */
  readonly #partWatchers = new Map<Element, MutationObserver>();

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
    this.#itemWatcher.disconnect();
    this.#watching = undefined;
    for (const watcher of this.#partWatchers.values()) watcher.disconnect();
    this.#partWatchers.clear();
    this.#navResize.disconnect();
    this.#resizing = undefined;
    this.#countsRequest?.abort();
    this.#countsFor = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) this.#start();
    else if ((changed.has('section') || changed.has('itemId')) && !samePlace(this.#place, this.#addressPlace)) {
      // The page set the properties: that is a move too, so Back returns from it.
      this.#writeAddress(this.#place);
    }
    if (this.#session.value?.status === 'signed-out') {
      // The next client starts afresh; only the place in the address (a deep link) stays.
      this.#mounted.clear();
      this.#items.clear();
      this.payment = undefined;
      this.counts = undefined;
    }
    if (this.#session.value?.status === 'signed-in') this.#leaveHiddenSection();
    const shown = this.currentSection;
    if (shown && this.#session.value?.status === 'signed-in') {
      this.#mounted.add(shown);
      this.#items.set(shown, this.itemId);
    }
    if (this.payment && this.payment.section !== shown) this.payment = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#session.value?.status;
    toggleState(this.#internals, 'signed-in', status === 'signed-in');
    toggleState(this.#internals, 'signed-out', status === 'signed-out');
    toggleState(this.#internals, 'paying', this.payment !== undefined);
    this.#watchItems();
    this.#watchParts();
    const nav = this.renderRoot.querySelector('.nav') ?? undefined;
    if (nav !== this.#resizing) {
      this.#navResize.disconnect();
      this.#resizing = nav;
      if (nav) this.#navResize.observe(nav);
    }
    const shown = this.currentSection;
    const revealFor = `${shown}:${status}`;
    if (revealFor !== this.#revealedFor) {
      this.#revealedFor = revealFor;
      // Once laid out: the tabs are hidden until the client signs in.
      requestAnimationFrame(() => this.#revealCurrentLink());
    }
    if (this.#focusSection && shown) {
      this.#focusSection = false;
      void this.#focusHeading(shown);
    }
    const countsFor = status === 'signed-in' && this.#api.value ? `${this.#session.value?.contact?.id ?? ''}:${shown}` : '';
    if (countsFor !== this.#countsFor) {
      this.#countsFor = countsFor;
      if (countsFor) void this.#loadCounts();
    }
  }

  protected override render(): TemplateResult {
    const offered = this.sections;
    const shown = this.currentSection;
    const signedIn = this.#session.value?.status === 'signed-in';
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
          <div class="layout" part="layout">
            <div class="bar" part="bar">
              ${offered.length ? this.#renderNav(offered, shown) : nothing}
              <div class="header-actions" part="header-actions"><slot name="header-actions"></slot></div>
            </div>
            <div class="main" part="main" @portal-pay-request=${this.#onPayRequest} @portal-section-open=${this.#onSectionOpen}>
              <div class="visually-hidden" part="announcer" role="status">
                ${
                  this.redirectedFrom && shown
                    ? t('app.section-hidden', { section: sectionLabel(this.redirectedFrom), home: sectionLabel(shown) })
                    : this.announced
                      ? t('app.section-shown', { section: sectionLabel(this.announced) })
                      : ''
                }
              </div>
              ${this.#branding.value && signedIn && !offered.length ? html`<p class="empty" part="empty">${t('app.no-sections')}</p>` : nothing}
              ${repeat(
                offered.filter((name) => this.#mounted.has(name)),
                (name) => name,
                (name) => this.#renderSection(name, name === shown),
              )}
            </div>
          </div>
        </div>
      </portal-session>
    `;
  }

  #renderNav(offered: readonly PortalSectionName[], shown: PortalSectionName | undefined): TemplateResult {
    return html`
      <nav class="nav" part="nav" aria-label=${t('app.nav-label')}>
        <ul class="nav-list" part="nav-list">
          ${offered.map((name) => {
            const current = name === shown;
            // The count is seen as a number and heard in words: the link's name says both ("Invoices,
            // 2 unpaid"), and its text keeps a space before the number so that the name holds it.
            const count = this.#countOf(name);
            return html`<li class="nav-item" part="nav-item">
              <a
                class="nav-link"
                part=${current ? 'nav-link nav-link-current' : 'nav-link'}
                href=${this.#href({ section: name, itemId: '' })}
                aria-current=${current ? 'page' : nothing}
                aria-label=${count ? count.name : nothing}
                data-section=${name}
                @click=${(event: MouseEvent) => this.#onNavClick(event, name)}
                >${sectionLabel(name)}${count ? html` <span class="nav-badge" part="nav-badge">${count.count}</span>` : nothing}</a
              >
            </li>`;
          })}
        </ul>
      </nav>
    `;
  }

  /** A link's count, as the number shown and as the link's name in words ("Messages, 2 unread"); undefined when there is none. */
  #countOf(name: PortalSectionName): { count: string; name: string } | undefined {
    const count = name === 'messages' ? this.counts?.unread : name === 'invoices' ? this.counts?.unpaid : undefined;
    if (!count) return undefined;
    const words = name === 'messages' ? t('app.badge.unread', { count: formatNumber(count) }) : t('app.badge.unpaid', { count: formatNumber(count) });
    return { count: formatNumber(count), name: `${sectionLabel(name)}, ${words}` };
  }

  #renderSection(name: PortalSectionName, shown: boolean): TemplateResult {
    const paying = this.payment?.section === name ? this.payment : undefined;
    return html`
      <div class="section" part="section section-${name}" data-section=${name} ?hidden=${!shown}>
        <div class="section-element" ?hidden=${paying !== undefined}>${this.#renderSectionElement(name)}</div>
        ${
          paying
            ? html`<portal-pay
              part="pay"
              .invoiceIds=${paying.invoiceIds}
              .amount=${paying.amount}
              @portal-payment-succeeded=${this.#onPaid}
              @portal-payment-processing=${this.#onPaid}
              @portal-pay-close=${this.#onPayClose}
            ></portal-pay>`
            : nothing
        }
      </div>
    `;
  }

  #renderSectionElement(name: PortalSectionName): TemplateResult {
    const itemId = this.#itemFor(name);
    switch (name) {
      case 'home':
        return html`<portal-home part="home"></portal-home>`;
      case 'activities':
        return html`<portal-activities part="activities"></portal-activities>`;
      case 'invoices':
        return html`<portal-invoices part="invoices" .invoiceId=${itemId}></portal-invoices>`;
      case 'payments':
        return html`<portal-payments part="payments"></portal-payments>`;
      case 'messages':
        return html`<portal-messages part="messages" .threadId=${itemId}></portal-messages>`;
      case 'files':
        return html`<portal-files part="files"></portal-files>`;
      case 'profile':
        return html`<portal-profile part="profile"></portal-profile>`;
    }
  }

  get #place(): Place {
    return { section: isSectionName(this.section) ? this.section : '', itemId: this.itemId };
  }

  #itemFor(name: PortalSectionName): string {
    return name === this.currentSection ? this.itemId : (this.#items.get(name) ?? '');
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

  /** A link on home chose a section (and an item in it): shows it, if the firm offers it. */
  #onSectionOpen(event: PortalSectionOpenEvent): void {
    const section = event.detail?.section;
    if (typeof section !== 'string' || !isSectionName(section) || !this.sections.includes(section)) return;
    const itemId = itemAttributes[section] && typeof event.detail.itemId === 'string' && isItemId(event.detail.itemId) ? event.detail.itemId : '';
    this.#go({ section, itemId }, 'content');
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

  /** Reads the navigation's counts; a failure keeps the last ones (they are a hint, not the record). */
  async #loadCounts(): Promise<void> {
    const client = this.#api.value;
    if (!client || this.#session.value?.status !== 'signed-in') return;
    this.#countsRequest?.abort();
    const request = new AbortController();
    this.#countsRequest = request;
    try {
      const counts = await client.home.counts({ signal: request.signal });
      if (!request.signal.aborted) this.counts = { unread: counts.unreadMessages ?? 0, unpaid: counts.unpaidInvoices ?? 0 };
    } catch {
      // Kept as they were; the next move between sections reads them again.
    } finally {
      if (this.#countsRequest === request) this.#countsRequest = undefined;
    }
  }

  #onNavClick(event: MouseEvent, section: PortalSectionName): void {
    // A new tab or window is the browser's business.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#go({ section, itemId: '' }, 'link');
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

  /** Follows a section that opens or closes an item by itself (a row chosen, "Back to invoices"). */
  #onItemAttribute(records: MutationRecord[]): void {
    const shown = this.currentSection;
    if (!shown) return;
    for (const record of records) {
      const element = record.target as Element;
      if (element.localName !== sectionTags[shown] || record.attributeName !== itemAttributes[shown]) continue;
      const itemId = element.getAttribute(record.attributeName) ?? '';
      if (itemId !== this.itemId) this.#go({ section: shown, itemId }, 'content', { focus: false });
    }
  }

  #watchItems(): void {
    const main = this.renderRoot.querySelector('.main');
    if (!main || main === this.#watching) return;
    this.#itemWatcher.disconnect();
    this.#watching = main;
    this.#itemWatcher.observe(main, { subtree: true, attributes: true, attributeFilter: [...new Set(Object.values(itemAttributes))] });
  }

  /**
   * Offers the parts of every section element (and of `<portal-pay>`) to the page under the
   * section's name, e.g. `portal-app::part(invoices-row)`: `::part()` reaches one shadow root
   * deep, so each element's parts are forwarded with `exportparts` as they appear.
   */
  #watchParts(): void {
    const elements = [...this.renderRoot.querySelectorAll<HTMLElement>('.section-element > *, portal-pay')];
    for (const [element, watcher] of this.#partWatchers) {
      if (elements.includes(element as HTMLElement)) continue;
      watcher.disconnect();
      this.#partWatchers.delete(element);
    }
    for (const element of elements) {
      const root = element.shadowRoot;
      if (!root || this.#partWatchers.has(element)) continue;
      const prefix = element.localName === 'portal-pay' ? 'pay' : element.localName.replace(/^portal-/, '');
      let scheduled = false;
      const forward = () => {
        scheduled = false;
        const names = new Set<string>();
        for (const node of root.querySelectorAll('[part]')) for (const name of node.getAttribute('part')!.split(/\s+/)) if (name) names.add(name);
        for (const node of root.querySelectorAll('[exportparts]')) {
          for (const entry of node.getAttribute('exportparts')!.split(',')) {
            const name = entry.split(':').pop()!.trim();
            if (name) names.add(name);
          }
        }
        const value = [...names]
          .sort()
          .map((name) => `${name}: ${prefix}-${name}`)
          .join(', ');
        if (element.getAttribute('exportparts') !== value) element.setAttribute('exportparts', value);
      };
      const watcher = new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(forward);
      });
      watcher.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['part', 'exportparts'] });
      this.#partWatchers.set(element, watcher);
      forward();
    }
  }

  #sectionElement(section: PortalSectionName): SectionElement | null {
    return this.renderRoot.querySelector<SectionElement>(`.section[data-section="${section}"] ${sectionTags[section]}`);
  }

  /** Moves focus to the heading of what the section shows: the open invoice's, or the section's own. */
  async #focusHeading(section: PortalSectionName): Promise<void> {
    const element = this.#sectionElement(section);
    if (!element) return;
    await upgraded(element);
    await element.updateComplete;
    const root = element.shadowRoot;
    const invoice = root?.querySelector<PortalInvoice>('portal-invoice');
    if (invoice && this.itemId && invoice.checkVisibility()) {
      await invoice.updateComplete;
      invoice.focus();
      return;
    }
    const heading = [...(root?.querySelectorAll<HTMLElement>('[part~="heading"]') ?? [])].find((candidate) => candidate.checkVisibility());
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }

  /** Scrolls the row of tabs (on narrow containers) so that the current link is in view. */
  #revealCurrentLink(): void {
    const nav = this.renderRoot.querySelector<HTMLElement>('.nav');
    const link = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !link || nav.scrollWidth <= nav.clientWidth) return;
    const start = link.getBoundingClientRect().left - nav.getBoundingClientRect().left + nav.scrollLeft;
    nav.scrollLeft = Math.max(0, start - (nav.clientWidth - link.offsetWidth) / 2);
  }

  async #onPayRequest(event: PortalPayRequestEvent): Promise<void> {
    const section = this.currentSection;
    const invoiceIds = event.detail?.invoiceIds;
    if (!section || !Array.isArray(invoiceIds) || !invoiceIds.length) return;
    this.payment = { section, invoiceIds: [...invoiceIds], amount: event.detail.amount, source: event.target as SectionElement };
    await this.updateComplete;
    const pay = this.renderRoot.querySelector<PortalPay>('portal-pay');
    if (!pay) return;
    await upgraded(pay);
    await pay.updateComplete;
    pay.focus();
  }

  /** A payment went through (or is on its way): what it changed is loaded again behind the receipt. */
  #onPaid(): void {
    const payment = this.payment;
    if (!payment) return;
    void payment.source.refresh?.();
    void this.#loadCounts();
    for (const name of ['home', 'invoices', 'payments'] as const) {
      const element = this.#sectionElement(name);
      if (element && element !== payment.source) void element.refresh?.();
    }
  }

  async #onPayClose(): Promise<void> {
    const payment = this.payment;
    if (!payment) return;
    this.payment = undefined;
    await this.updateComplete;
    await this.#focusHeading(payment.section);
  }
}

/**
 * The element once its class is defined: the script-tag bundle defines each element when its
 * chunk arrives, and until then an element rendered here has none of its methods.
 */
async function upgraded<T extends Element>(element: T): Promise<T> {
  if (isRegistered(element.localName)) await customElements.whenDefined(element.localName);
  return element;
}

function samePlace(a: Place, b: Place): boolean {
  return a.section === b.section && a.itemId === b.itemId;
}
