import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError } from '../api/api-error.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from '../i18n/translate.ts';
import { LatestRequestController } from './latest-request-controller.ts';

/** One page of a list the service gives by cursor. */
export interface CursorPage<T> {
  readonly data: readonly T[];
  readonly nextCursor: string | null;
}

/** What a later page brought: where its first item sits, and whether the client pressed "Load more" (it has focus) for it. */
export interface AddedPage {
  firstNew: number;
  pressed: boolean;
}

export interface CursorPagesOptions<T, P extends CursorPage<T>> {
  /** Asks for the page after `cursor`; undefined when nothing can be asked (no API client). */
  fetch: (cursor: string, signal: AbortSignal) => Promise<P> | undefined;
  /** An item's identity: items a later page repeats (the list moved meanwhile) are left out. */
  key?: (item: T) => string;
  /** A later page joined the list: the element takes what else it says and moves focus. */
  added?: (page: P, added: AddedPage) => void | Promise<void>;
}

/** The words of the "load more" area, from the element's own part of the catalog. */
export interface LoadMoreLabels {
  more: string;
  loading: string;
  /** Leads the reason a page could not be loaded. */
  failed: string;
}

/**
 * A list loaded page by page ("Load more"): the items so far, the cursor of the next page, the
 * page on its way (one at a time, dropped when the list starts again or the element leaves the
 * page) and the last failure, with the template of the "load more" area: a status for screen
 * readers, the failure, and the button (part `load-more-button`, "Try again" after a failure).
 */
export class CursorPagesController<T, P extends CursorPage<T> = CursorPage<T>> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: CursorPagesOptions<T, P>;
  readonly #request: LatestRequestController;
  #items: readonly T[] = [];
  #cursor: string | null = null;
  #loading = false;
  #error: unknown;
  readonly #onClick = (): void => void this.loadMore();

  constructor(host: ReactiveControllerHost, options: CursorPagesOptions<T, P>) {
    this.#host = host;
    this.#options = options;
    this.#request = new LatestRequestController(host);
    host.addController(this);
  }

  /** The items loaded so far, in the service's order. */
  get items(): readonly T[] {
    return this.#items;
  }

  /** Replaces the items (an element's own change: one added, one moved to the top). */
  set items(items: readonly T[]) {
    this.#items = items;
    this.#host.requestUpdate();
  }

  /** Where the next page starts; null when there is none. */
  get cursor(): string | null {
    return this.#cursor;
  }

  /** True while a later page is on its way. */
  get loading(): boolean {
    return this.#loading;
  }

  /** Why the last later page could not be loaded. */
  get error(): unknown {
    return this.#error;
  }

  /** The list starts again: the page on its way and the last failure no longer belong to it. Items stay shown until `show`. */
  restart(): void {
    this.#request.abort();
    this.#set({ loading: false, error: undefined });
  }

  /** The list starts again from nothing. */
  clear(): void {
    this.restart();
    this.#items = [];
    this.#cursor = null;
    this.#host.requestUpdate();
  }

  /** Shows a first page. */
  show(page: P): void {
    this.restart();
    this.#items = page.data;
    this.#cursor = page.nextCursor;
    this.#host.requestUpdate();
  }

  /** Loads the next page, unless there is none or one is on its way. True when a page joined the list. */
  async loadMore(): Promise<boolean> {
    const cursor = this.#cursor;
    if (!cursor || this.#loading) return false;
    // Pressed: the button has focus (a keyboard or a pointer used it, not a script's click()).
    const root = (this.#host as Partial<Element>).shadowRoot;
    const pressed = root?.activeElement?.matches('[part~="load-more-button"]') ?? false;
    const signal = this.#request.start();
    const request = this.#options.fetch(cursor, signal);
    if (!request) {
      this.#request.finish(signal);
      return false;
    }
    this.#set({ loading: true, error: undefined });
    try {
      const page = await request;
      if (signal.aborted) return false;
      const firstNew = this.#items.length;
      const { key } = this.#options;
      const known = key ? new Set(this.#items.map(key)) : undefined;
      this.#items = [...this.#items, ...(known && key ? page.data.filter((item) => !known.has(key(item))) : page.data)];
      this.#cursor = page.nextCursor;
      this.#host.requestUpdate();
      await this.#options.added?.(page, { firstNew, pressed });
      return true;
    } catch (error) {
      if (!signal.aborted && !isAbortError(error)) this.#set({ error });
      return false;
    } finally {
      // Unless a newer page is on its way (the list started again and asked for more).
      if (this.#request.finish(signal) || !this.#request.pending) this.#set({ loading: false });
    }
  }

  /** The "load more" area: what is loading, the last failure, and the button while there is a next page. */
  renderMore(labels: LoadMoreLabels): TemplateResult {
    const loading = this.#loading;
    const error = this.#error;
    return html`
      <div class="more">
        <p class="visually-hidden" role="status">${loading ? labels.loading : ''}</p>
        ${error ? html`<div class="alert" role="alert"><p>${labels.failed} ${errorMessage(error)}</p></div>` : nothing}
        ${
          this.#cursor
            ? html`<button class="button secondary" part="load-more-button" type="button" aria-disabled=${loading ? 'true' : 'false'} @click=${this.#onClick}>
              ${loading ? labels.loading : error ? t('common.retry') : labels.more}
            </button>`
            : nothing
        }
      </div>
    `;
  }

  hostConnected(): void {}

  #set(change: { loading?: boolean; error?: unknown }): void {
    if ('loading' in change) this.#loading = change.loading!;
    if ('error' in change) this.#error = change.error;
    this.#host.requestUpdate();
  }
}
