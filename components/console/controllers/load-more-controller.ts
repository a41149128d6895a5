import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError } from '../../api/api-error.ts';
import { errorMessage } from '../i18n/translate.ts';

/** The "load more" button's words, from the screen's own catalog. */
export interface LoadMoreLabels {
  more: string;
  loading: string;
  /** Shown after a failure, when the screen offers to try again; else `more` stays. */
  retry?: string;
}

export interface LoadMoreOptions {
  /**
   * Asks for the page after `cursor`, adds it to the list and sets `cursor` to what the page
   * says comes next. Returns undefined when nothing can be asked (no console client).
   */
  fetch: (cursor: string, signal: AbortSignal) => Promise<void> | undefined;
  /** Shows a failure elsewhere (the screen's alert) instead of keeping it in `error`. */
  failed?: (error: unknown) => void;
}

/**
 * A list's next pages: the cursor of the next one, the page on its way (one at a time, dropped
 * when the list starts again or the screen leaves the page) and the last failure, with the
 * "load more" button (part `load-more-button`) and its error panel.
 */
export class LoadMoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: LoadMoreOptions;
  #cursor: string | null = null;
  #loading = false;
  #error: unknown;
  #request: AbortController | undefined;
  readonly #onClick = (): void => void this.load();

  constructor(host: ReactiveControllerHost, options: LoadMoreOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#request?.abort();
  }

  /** Where the next page starts; null when there is none. */
  get cursor(): string | null {
    return this.#cursor;
  }

  set cursor(cursor: string | null) {
    if (cursor === this.#cursor) return;
    this.#cursor = cursor;
    this.#host.requestUpdate();
  }

  /** True while a page is on its way. */
  get loading(): boolean {
    return this.#loading;
  }

  /** Why the last page could not be loaded (without a `failed` option). */
  get error(): unknown {
    return this.#error;
  }

  /** The list starts again: a page on its way no longer belongs to it. */
  reset(): void {
    this.#request?.abort();
    if (!this.#loading && this.#error === undefined) return;
    this.#loading = false;
    this.#error = undefined;
    this.#host.requestUpdate();
  }

  /** Loads the next page, unless there is none or one is already on its way. */
  async load(): Promise<void> {
    const cursor = this.#cursor;
    if (!cursor || this.#loading) return;
    const request = new AbortController();
    const page = this.#options.fetch(cursor, request.signal);
    if (!page) return;
    this.#request = request;
    this.#loading = true;
    this.#error = undefined;
    this.#host.requestUpdate();
    try {
      await page;
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) {
        if (this.#options.failed) this.#options.failed(error);
        else {
          this.#error = error;
          this.#host.requestUpdate();
        }
      }
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.#loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  /** The button, while there is a next page. */
  renderButton(labels: LoadMoreLabels): TemplateResult | typeof nothing {
    if (!this.#cursor) return nothing;
    const label = this.#loading ? labels.loading : this.#error && labels.retry ? labels.retry : labels.more;
    return html`<button
      class="button secondary"
      part="load-more-button"
      type="button"
      aria-disabled=${this.#loading ? 'true' : 'false'}
      @click=${this.#onClick}
    >
      ${label}
    </button>`;
  }

  /** The last failure, led by `lead` when given. */
  renderError(lead?: string): TemplateResult | typeof nothing {
    if (!this.#error) return nothing;
    const message = errorMessage(this.#error);
    return html`<div class="alert" role="alert"><p>${lead ? `${lead} ${message}` : message}</p></div>`;
  }
}
