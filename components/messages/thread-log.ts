import { html, nothing, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isAbortError } from '../api/api-error.ts';
import type { Attachment, ThreadMessage } from '../api/types.ts';
import { formatDateTime, formatFileSize } from '../i18n/format.ts';
import { renderMessageText } from './message-text.ts';
import { MessageWindow } from './message-window.ts';

/** A page of a thread's messages: newest last, and the cursor to the page before it. */
export interface ThreadLogPage {
  data: ThreadMessage[];
  nextCursor: string | null;
}

export interface ThreadLogOptions {
  /** What loads the page before `before` of the open thread; undefined while none can be loaded. */
  older: () => ((before: string, signal: AbortSignal) => Promise<ThreadLogPage>) | undefined;
  /** Called with how many earlier messages a page added (the host announces it). */
  olderLoaded: (count: number) => void;
}

/** How a message shows: its author, their role (none to leave it out) and the side it sits on. */
export interface ThreadLogAuthor {
  name: string;
  role?: string;
  /** `data-author`: the side of the log the message sits on. */
  side: string;
  /** `data-from`, where the side is not who wrote it. */
  from?: string;
}

/** The words and actions of the log, from the host's own catalog, read while rendering. */
export interface ThreadLogView {
  /** The log's accessible name. */
  label: string;
  loadOlder: string;
  loadingOlder: string;
  olderError: string;
  retry: string;
  start: string;
  newBelow: (count: number) => string;
  errorMessage: (error: unknown) => string;
  author: (message: ThreadMessage) => ThreadLogAuthor;
  attachments: string;
  download: string;
  downloading: string;
  isDownloading: (attachment: Attachment) => boolean;
  onDownload: (attachment: Attachment) => void;
}

// Older messages load by themselves when the reader scrolls this close to the top.
const OLDER_THRESHOLD = 240;
// Closer than this to the end counts as having seen the newest messages.
const END_DISTANCE = 32;

/** A message's height before it is measured: its lines of text at a typical width, and its files. */
function estimateHeight(message: ThreadMessage): number {
  const { body } = message;
  let lines = 1 + Math.floor(body.length / 60);
  for (let at = body.indexOf('\n'); at !== -1 && lines < 400; at = body.indexOf('\n', at + 1)) lines += 1;
  return 76 + 24 * Math.min(lines, 400) + 46 * message.attachments.length;
}

/**
 * An open thread's log, shared by the client's messages and the firm's inbox: the messages in a
 * window that renders only those near the viewport, earlier pages loaded as the reader scrolls
 * up, and a count of new messages that arrived below while the reader was elsewhere. The host
 * passes the words (each element has its own catalog) when it renders.
 *
 * Create it after the host's tasks that fill it, so that it places their items in the same update.
 */
export class ThreadLog implements ReactiveController {
  readonly #host: LitElement;
  readonly #options: ThreadLogOptions;
  readonly #window: MessageWindow<ThreadMessage>;
  #olderCursor: string | null = null;
  #loadingOlder = false;
  #olderError: unknown;
  #newBelow = 0;
  #older: AbortController | undefined;

  constructor(host: LitElement, options: ThreadLogOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#window = new MessageWindow<ThreadMessage>(host, {
      key: (message) => message.id,
      estimate: estimateHeight,
      scroller: () => host.renderRoot?.querySelector<HTMLElement>('.log') ?? null,
      list: () => host.renderRoot?.querySelector<HTMLElement>('.messages') ?? null,
    });
  }

  /** The messages loaded so far, oldest first. */
  get items(): readonly ThreadMessage[] {
    return this.#window.items;
  }

  hostDisconnected(): void {
    this.#older?.abort();
  }

  /** Empties the log for another thread, at its end. */
  reset(): void {
    this.#older?.abort();
    this.#loadingOlder = false;
    this.#olderError = undefined;
    this.#olderCursor = null;
    this.#newBelow = 0;
    this.#host.requestUpdate();
    this.#window.scrollToEnd();
    this.#window.setItems([]);
  }

  /** Shows a thread's newest page. */
  show(page: ThreadLogPage): void {
    this.#olderCursor = page.nextCursor;
    this.#window.setItems(page.data);
    this.#host.requestUpdate();
  }

  /**
   * Adds the newest page of a check for new messages; returns those not shown before. When more
   * arrived than the page holds, the page replaces the log.
   */
  merge(page: ThreadLogPage): ThreadMessage[] {
    const items = this.#window.items;
    const known = new Set(items.map((message) => message.id));
    const arrived = page.data.filter((message) => !known.has(message.id));
    if (arrived.length === 0) return arrived;
    // The page reaches back to a message already shown, unless more arrived than it holds.
    const joined = page.data.some((message) => known.has(message.id)) || !page.nextCursor;
    if (joined) this.#window.setItems([...items, ...arrived]);
    else {
      this.#window.setItems(page.data);
      this.#olderCursor = page.nextCursor;
      this.#host.requestUpdate();
    }
    return arrived;
  }

  /** Counts messages that arrived below while the reader is not at the end. */
  noteNewBelow(count: number): void {
    if (this.#window.atEnd) return;
    this.#newBelow += count;
    this.#host.requestUpdate();
  }

  /** Shows the end, with a message just sent there once. */
  append(message: ThreadMessage): void {
    this.#window.scrollToEnd();
    if (!this.#window.items.some((known) => known.id === message.id)) this.#window.setItems([...this.#window.items, message]);
  }

  render(view: ThreadLogView): TemplateResult {
    const setSize = this.#olderCursor ? -1 : this.#window.items.length;
    return html`
      <div class="log-frame">
        <div
          class="log"
          part="log"
          tabindex="0"
          role="region"
          aria-label=${view.label}
          aria-busy=${this.#loadingOlder ? 'true' : 'false'}
          @scroll=${this.#onScroll}
        >
          <div class="older">
            ${
              this.#olderCursor
                ? html`<button
                    class="button secondary"
                    part="load-older-button"
                    type="button"
                    aria-disabled=${this.#loadingOlder ? 'true' : 'false'}
                    @click=${() => void this.#loadOlder()}
                  >
                    ${this.#loadingOlder ? view.loadingOlder : this.#olderError ? view.retry : view.loadOlder}
                  </button>`
                : html`<p class="start">${view.start}</p>`
            }
            ${this.#olderError ? html`<div class="alert" role="alert"><p>${view.olderError} ${view.errorMessage(this.#olderError)}</p></div>` : nothing}
          </div>
          <ol class="messages" part="messages">
            ${repeat(
              this.#window.visible,
              ({ item }) => item.id,
              ({ item, index }) => this.#renderMessage(view, item, index, setSize),
            )}
          </ol>
        </div>
        ${
          this.#newBelow > 0
            ? html`<button class="button jump" part="jump-button" type="button" @click=${this.#jumpToNewest}>
                ${view.newBelow(this.#newBelow)}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderMessage(view: ThreadLogView, message: ThreadMessage, index: number, setSize: number): TemplateResult {
    const staff = message.author.type === 'staff';
    const author = view.author(message);
    return html`
      <li
        class="message"
        part=${staff ? 'message message-staff' : 'message message-contact'}
        data-key=${message.id}
        data-author=${author.side}
        data-from=${author.from ?? nothing}
        aria-posinset=${index + 1}
        aria-setsize=${setSize}
      >
        <div class="bubble">
          <p class="meta">
            <span class="author" part="author">${author.name}</span>
            ${author.role === undefined ? nothing : html`<span class="role" part="role">${author.role}</span>`}
            <time class="time" part="time" datetime=${message.createdAt}>${formatDateTime(message.createdAt)}</time>
          </p>
          <p class="body" part="body">${renderMessageText(message.body)}</p>
          ${
            message.attachments.length
              ? html`<ul class="attachments" part="attachments" aria-label=${view.attachments}>
                  ${message.attachments.map((attachment) => this.#renderAttachment(view, attachment))}
                </ul>`
              : nothing
          }
        </div>
      </li>
    `;
  }

  #renderAttachment(view: ThreadLogView, attachment: Attachment): TemplateResult {
    const busy = view.isDownloading(attachment);
    return html`
      <li>
        <button
          class="attachment"
          part="attachment-button"
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => view.onDownload(attachment)}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3v12m0 0-5-5m5 5 5-5M5 21h14"></path></svg>
          <span class="visually-hidden">${view.download}</span>
          <span class="attachment-name">${attachment.name}</span>
          <span class="attachment-size">${busy ? view.downloading : formatFileSize(attachment.size)}</span>
        </button>
      </li>
    `;
  }

  async #loadOlder(): Promise<void> {
    const load = this.#options.older();
    const before = this.#olderCursor;
    if (!load || !before || this.#loadingOlder) return;
    const request = new AbortController();
    this.#older = request;
    this.#loadingOlder = true;
    this.#olderError = undefined;
    this.#host.requestUpdate();
    try {
      const page = await load(before, request.signal);
      const known = new Set(this.#window.items.map((message) => message.id));
      const older = page.data.filter((message) => !known.has(message.id));
      this.#window.setItems([...older, ...this.#window.items]);
      this.#olderCursor = page.nextCursor;
      this.#options.olderLoaded(older.length);
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.#olderError = error;
    } finally {
      if (this.#older === request) {
        this.#older = undefined;
        this.#loadingOlder = false;
      }
      this.#host.requestUpdate();
    }
  }

  #onScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    if (this.#newBelow > 0 && log.scrollHeight - log.clientHeight - log.scrollTop <= END_DISTANCE) {
      this.#newBelow = 0;
      this.#host.requestUpdate();
    }
    if (log.scrollTop < OLDER_THRESHOLD && this.#olderCursor && !this.#loadingOlder && !this.#olderError) void this.#loadOlder();
  };

  #jumpToNewest = (): void => {
    this.#newBelow = 0;
    this.#host.requestUpdate();
    this.#window.scrollToEnd();
    this.#host.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  };
}
