import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import type { PortalSectionOpenEvent } from '../home/events.ts';
import { formatNumber } from '../i18n/format.ts';
import type { PortalPayRequestEvent } from '../invoice/events.ts';
import type { PortalInvoice } from '../invoice/invoice.ts';
import type { PortalPay } from '../pay/pay.ts';
import { sectionLabel, t } from './app-messages.ts';
import type { PortalNavigateTrigger } from './events.ts';
import { isItemId, type PortalRoute } from './routing.ts';
import { isSectionName, itemAttributes, sectionTags, type PortalSectionName } from './sections.ts';
import { shellStyles } from './shell.styles.ts';
import { upgraded } from './upgraded.ts';

/** A section element: most have `refresh()`, and Lit's `updateComplete`. */
export type SectionElement = HTMLElement & { refresh?: () => unknown; updateComplete?: Promise<unknown> };

/** A payment taking a section's place, until the client leaves it. */
export interface Payment {
  section: PortalSectionName;
  invoiceIds: string[];
  amount: number | undefined;
  /** The element that asked for it: refreshed once paid, and shown again after. */
  source: SectionElement;
}

/** What the shell reads from and asks of `<portal-app>`. */
export interface AppShellHost {
  readonly element: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
  /** The sections offered, and the one shown (or about to be). */
  readonly sections: readonly PortalSectionName[];
  readonly currentSection: PortalSectionName | undefined;
  readonly itemId: string;
  readonly client: ApiClient | undefined;
  readonly status: 'unknown' | 'signed-in' | 'signed-out' | undefined;
  readonly contactId: string;
  /** Whether the firm's branding has arrived. */
  readonly branded: boolean;
  payment: Payment | undefined;
  /** The section the live region names, and the hidden one a link asked for. */
  readonly announced: PortalSectionName | undefined;
  readonly redirectedFrom: PortalSectionName | undefined;
  /** True once when a move asked for focus to go to the section's heading. */
  takeFocusRequest(): boolean;
  go(route: PortalRoute, trigger: PortalNavigateTrigger, options?: { write?: boolean; focus?: boolean }): void;
  /** A link's address for `route`. */
  href(route: PortalRoute): string;
}

/**
 * What `<portal-app>` shows a signed-in client: the navigation with its counts, the sections
 * opened since the sign-in, and `<portal-pay>` in a section's place. A module of its own, loaded
 * when a client signs in (or a sign-in is being resumed), so that a signed-out page downloads
 * only what draws around the sign-in form.
 */
export class AppShell {
  static readonly styles = [shellStyles];

  readonly #host: AppShellHost;
  /** The navigation's counts, once read: unread messages and unpaid invoices. */
  #counts: { unread: number; unpaid: number } | undefined;
  /** The counts' request in flight; the place and sign-in they were last read for. */
  #countsRequest: AbortController | undefined;
  #countsFor = '';
  /** Sections opened since the client signed in: they stay in the DOM, hidden, keeping their filters and scroll. */
  readonly #mounted = new Set<PortalSectionName>();
  /** The item last open in each section, so that a section shows it again when the client comes back. */
  readonly #items = new Map<PortalSectionName, string>();
  readonly #itemWatcher = new MutationObserver((records) => this.#onItemAttribute(records));
  #watching: Element | undefined;
  /** The section and sign-in the row of tabs was last scrolled for. */
  #revealedFor = '';
  /** Scrolls the tabs again when their room changes (a phone turned, the tabs shown at sign-in). */
  readonly #navResize = new ResizeObserver(() => this.#revealCurrentLink());
  #resizing: Element | undefined;
  /** Watches each section element's shadow root for the parts it offers, to forward them to the page. */
  readonly #partWatchers = new Map<Element, MutationObserver>();

  constructor(host: AppShellHost) {
    this.#host = host;
  }

  get #root(): HTMLElement | DocumentFragment {
    return this.#host.element.renderRoot;
  }

  /** Before each update of the app: forgets everything at a sign-out, and keeps the section shown mounted. */
  willUpdate(): void {
    const host = this.#host;
    if (host.status === 'signed-out') {
      // The next client starts afresh; only the place in the address (a deep link) stays.
      this.#mounted.clear();
      this.#items.clear();
      this.#counts = undefined;
    }
    const shown = host.currentSection;
    if (shown && host.status === 'signed-in') {
      this.#mounted.add(shown);
      this.#items.set(shown, host.itemId);
    }
  }

  /** After each update of the app. */
  updated(): void {
    const host = this.#host;
    this.#watchItems();
    this.#watchParts();
    const nav = this.#root.querySelector('.nav') ?? undefined;
    if (nav !== this.#resizing) {
      this.#navResize.disconnect();
      this.#resizing = nav;
      if (nav) this.#navResize.observe(nav);
    }
    const shown = host.currentSection;
    const revealFor = `${shown}:${host.status}`;
    if (revealFor !== this.#revealedFor) {
      this.#revealedFor = revealFor;
      // Once laid out: the tabs are hidden until the client signs in.
      requestAnimationFrame(() => this.#revealCurrentLink());
    }
    if (shown && host.takeFocusRequest()) void this.#focusHeading(shown);
    const countsFor = host.status === 'signed-in' && host.client ? `${host.contactId}:${shown}` : '';
    if (countsFor !== this.#countsFor) {
      this.#countsFor = countsFor;
      if (countsFor) void this.#loadCounts();
    }
  }

  /** The app left the page. */
  disconnected(): void {
    this.#itemWatcher.disconnect();
    this.#watching = undefined;
    for (const watcher of this.#partWatchers.values()) watcher.disconnect();
    this.#partWatchers.clear();
    this.#navResize.disconnect();
    this.#resizing = undefined;
    this.#countsRequest?.abort();
    this.#countsFor = '';
  }

  render(): TemplateResult {
    const host = this.#host;
    const offered = host.sections;
    const shown = host.currentSection;
    return html`
      <div class="layout" part="layout">
        <div class="bar" part="bar">
          ${offered.length ? this.#renderNav(offered, shown) : nothing}
          <div class="header-actions" part="header-actions"><slot name="header-actions"></slot></div>
        </div>
        <div class="main" part="main" @portal-pay-request=${this.#onPayRequest} @portal-section-open=${this.#onSectionOpen}>
          <div class="visually-hidden" part="announcer" role="status">
            ${
              host.redirectedFrom && shown
                ? t('app.section-hidden', { section: sectionLabel(host.redirectedFrom), home: sectionLabel(shown) })
                : host.announced
                  ? t('app.section-shown', { section: sectionLabel(host.announced) })
                  : ''
            }
          </div>
          ${host.branded && host.status === 'signed-in' && !offered.length ? html`<p class="empty" part="empty">${t('app.no-sections')}</p>` : nothing}
          ${repeat(
            offered.filter((name) => this.#mounted.has(name)),
            (name) => name,
            (name) => this.#renderSection(name, name === shown),
          )}
        </div>
      </div>
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
                href=${this.#host.href({ section: name, itemId: '' })}
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
    const count = name === 'messages' ? this.#counts?.unread : name === 'invoices' ? this.#counts?.unpaid : undefined;
    if (!count) return undefined;
    const words = name === 'messages' ? t('app.badge.unread', { count: formatNumber(count) }) : t('app.badge.unpaid', { count: formatNumber(count) });
    return { count: formatNumber(count), name: `${sectionLabel(name)}, ${words}` };
  }

  #renderSection(name: PortalSectionName, shown: boolean): TemplateResult {
    const paying = this.#host.payment?.section === name ? this.#host.payment : undefined;
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

  #itemFor(name: PortalSectionName): string {
    return name === this.#host.currentSection ? this.#host.itemId : (this.#items.get(name) ?? '');
  }

  /** A link on home chose a section (and an item in it): shows it, if the firm offers it. */
  #onSectionOpen = (event: PortalSectionOpenEvent): void => {
    const section = event.detail?.section;
    if (typeof section !== 'string' || !isSectionName(section) || !this.#host.sections.includes(section)) return;
    const itemId = itemAttributes[section] && typeof event.detail.itemId === 'string' && isItemId(event.detail.itemId) ? event.detail.itemId : '';
    this.#host.go({ section, itemId }, 'content');
  };

  /** Reads the navigation's counts; a failure keeps the last ones (they are a hint, not the record). */
  async #loadCounts(): Promise<void> {
    const client = this.#host.client;
    if (!client || this.#host.status !== 'signed-in') return;
    this.#countsRequest?.abort();
    const request = new AbortController();
    this.#countsRequest = request;
    try {
      const counts = await client.home.counts({ signal: request.signal });
      if (!request.signal.aborted) {
        this.#counts = { unread: counts.unreadMessages ?? 0, unpaid: counts.unpaidInvoices ?? 0 };
        this.#host.element.requestUpdate();
      }
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
    this.#host.go({ section, itemId: '' }, 'link');
  }

  /** Follows a section that opens or closes an item by itself (a row chosen, "Back to invoices"). */
  #onItemAttribute(records: MutationRecord[]): void {
    const shown = this.#host.currentSection;
    if (!shown) return;
    for (const record of records) {
      const element = record.target as Element;
      if (element.localName !== sectionTags[shown] || record.attributeName !== itemAttributes[shown]) continue;
      const itemId = element.getAttribute(record.attributeName) ?? '';
      if (itemId !== this.#host.itemId) this.#host.go({ section: shown, itemId }, 'content', { focus: false });
    }
  }

  #watchItems(): void {
    const main = this.#root.querySelector('.main');
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
    const elements = [...this.#root.querySelectorAll<HTMLElement>('.section-element > *, portal-pay')];
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
    return this.#root.querySelector<SectionElement>(`.section[data-section="${section}"] ${sectionTags[section]}`);
  }

  /** Moves focus to the heading of what the section shows: the open invoice's, or the section's own. */
  async #focusHeading(section: PortalSectionName): Promise<void> {
    const element = this.#sectionElement(section);
    if (!element) return;
    await upgraded(element);
    await element.updateComplete;
    const root = element.shadowRoot;
    const invoice = root?.querySelector<PortalInvoice>('portal-invoice');
    if (invoice && this.#host.itemId && invoice.checkVisibility()) {
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
    const nav = this.#root.querySelector<HTMLElement>('.nav');
    const link = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !link || nav.scrollWidth <= nav.clientWidth) return;
    const start = link.getBoundingClientRect().left - nav.getBoundingClientRect().left + nav.scrollLeft;
    nav.scrollLeft = Math.max(0, start - (nav.clientWidth - link.offsetWidth) / 2);
  }

  #onPayRequest = async (event: PortalPayRequestEvent): Promise<void> => {
    const section = this.#host.currentSection;
    const invoiceIds = event.detail?.invoiceIds;
    if (!section || !Array.isArray(invoiceIds) || !invoiceIds.length) return;
    this.#host.payment = { section, invoiceIds: [...invoiceIds], amount: event.detail.amount, source: event.target as SectionElement };
    await this.#host.element.updateComplete;
    const pay = this.#root.querySelector<PortalPay>('portal-pay');
    if (!pay) return;
    await upgraded(pay);
    await pay.updateComplete;
    pay.focus();
  };

  /** A payment went through (or is on its way): what it changed is loaded again behind the receipt. */
  #onPaid = (): void => {
    const payment = this.#host.payment;
    if (!payment) return;
    void payment.source.refresh?.();
    void this.#loadCounts();
    for (const name of ['home', 'invoices', 'payments'] as const) {
      const element = this.#sectionElement(name);
      if (element && element !== payment.source) void element.refresh?.();
    }
  };

  #onPayClose = async (): Promise<void> => {
    const payment = this.#host.payment;
    if (!payment) return;
    this.#host.payment = undefined;
    await this.#host.element.updateComplete;
    await this.#focusHeading(payment.section);
  };
}
