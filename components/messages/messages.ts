import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { Attachment, PortalFile, Thread, ThreadMessage, ThreadMessagePage } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { saveFile } from '../base/save-file.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { BrandingController } from '../controllers/branding-controller.ts';
import { UploadTracker, uploadFraction, type Upload } from '../files/upload-tracker.ts';
import { acceptAttribute, refusalMessage, uploadErrorMessage } from '../files/upload-rules.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDateTime, formatFileSize, formatNumber } from '../i18n/format.ts';
import { currentLanguage, validLocale } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalMessageSentEvent, PortalThreadOpenEvent } from './events.ts';
import { renderMessageText } from './message-text.ts';
import { previewOf, shortWhen } from './thread-format.ts';
import { MessageWindow } from './message-window.ts';
import { messagesStyles } from './messages.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** What the element shows: the list alone, a thread, or the form for a new thread. */
type View = 'list' | 'thread' | 'compose';

interface ComposeErrors {
  subject?: Words;
  body?: Words;
}

// The service's limits on what a client writes.
const MAX_SUBJECT = 200;
const MAX_BODY = 20_000;
const MAX_ATTACHMENTS = 10;
// Messages per request: the newest page when a thread opens, and each older page.
const MESSAGE_PAGE = 50;
// Threads per request.
const THREAD_PAGE = 20;
// Older messages load by themselves when the reader scrolls this close to the top.
const OLDER_THRESHOLD = 240;

/** A message's height before it is measured: its lines of text at a typical width, and its files. */
function estimateHeight(message: ThreadMessage): number {
  const { body } = message;
  let lines = 1 + Math.floor(body.length / 60);
  for (let at = body.indexOf('\n'); at !== -1 && lines < 400; at = body.indexOf('\n', at + 1)) lines += 1;
  return 76 + 24 * Math.min(lines, 400) + 46 * message.attachments.length;
}

/**
 * Secure messages with the firm: the client's conversations (threads), newest activity first,
 * with their last message, date, unread count and whether the firm closed them; and, on opening
 * one, its messages, a reply box and the files attached.
 *
 * Opening a thread marks it read. Its messages show oldest first, the client's on one side and
 * the firm's on the other, with their author and time; a message's text is shown exactly as
 * written, with web addresses as links that open in a new tab. Earlier messages load as the
 * client scrolls up (or presses "Load earlier messages"); only the messages near the viewport are
 * in the DOM, so threads of thousands of messages stay fast. While a thread is open and the page
 * is visible it is checked for new messages every `poll-interval` seconds, and what arrives is
 * announced to screen readers.
 *
 * The reply box sends with Enter (Shift+Enter starts a new line) or its Send button; files can
 * be attached: they are uploaded first, each with its progress, then sent with the message. A
 * closed thread takes no replies. "New message" starts a thread with a subject, a message and
 * files. On wide containers the list and the open thread sit side by side; on narrow ones
 * (phones) one shows at a time, with a "Back to conversations" button.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-messages
 *
 * @event portal-message-sent - The client sent a message and the service stored it. `detail.threadId`, `detail.messageId`, `detail.newThread`.
 * @event portal-thread-open - A thread is shown because the client chose it or just started it. `detail.threadId`.
 *
 * @csspart base - Everything inside the element.
 * @csspart threads - The list of threads (or what shows in its place while loading, when empty, on an error).
 * @csspart header - The heading, unread total and "New message" button.
 * @csspart heading - The heading.
 * @csspart unread-total - How many messages are unread overall.
 * @csspart new-button - The "New message" button.
 * @csspart thread-list - The list of threads.
 * @csspart thread - One thread in the list (also `thread-unread`, `thread-closed`).
 * @csspart thread-button - The button that opens a thread.
 * @csspart subject - A thread's subject in the list.
 * @csspart preview - The start of a thread's last message.
 * @csspart date - When a thread last had a message.
 * @csspart unread-badge - A thread's unread count.
 * @csspart closed-badge - The marker of a closed thread.
 * @csspart load-more-button - The button that loads more threads.
 * @csspart pane - Where the open thread or the new message form shows.
 * @csspart placeholder - What the pane says when no thread is open.
 * @csspart thread-header - The open thread's subject and back button.
 * @csspart thread-heading - The open thread's subject.
 * @csspart back-button - "Back to conversations".
 * @csspart log - The scrolling area that holds a thread's messages.
 * @csspart load-older-button - The button that loads earlier messages.
 * @csspart messages - The list of messages.
 * @csspart message - One message (also `message-staff` for the firm's, `message-contact` for the client's).
 * @csspart author - Who wrote a message.
 * @csspart role - Whether the author is with the firm or is the client.
 * @csspart time - When a message was written.
 * @csspart body - A message's text.
 * @csspart attachments - The files attached to a message.
 * @csspart attachment-button - The button that downloads an attached file.
 * @csspart jump-button - "New messages below", shown when messages arrive while the client reads earlier ones.
 * @csspart composer - The reply form.
 * @csspart reply-input - The reply text box.
 * @csspart attach-button - The "Attach files" button.
 * @csspart send-button - The Send button.
 * @csspart uploads - The files chosen to send, with their progress.
 * @csspart upload - One of them.
 * @csspart progress - An upload's progress bar.
 * @csspart remove-button - The button that removes a chosen file (or cancels its upload).
 * @csspart closed-notice - What a closed thread says in place of replying.
 * @csspart compose-form - The new message form.
 * @csspart subject-input - The new message's subject.
 * @csspart body-input - The new message's text.
 * @csspart cancel-button - The button that leaves the new message form.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when there are no threads.
 * @csspart error - The panel shown when the threads or a thread cannot be loaded.
 * @csspart retry-button - The button that tries again.
 * @csspart disabled - What shows when the firm does not offer messages in its portal.
 * @csspart announcer - The live region announcing sent and newly received messages.
 *
 * @cssprop --portal-messages-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-messages-border-color - Borders of the list, the pane and the messages (default `--portal-color-divider`).
 * @cssprop --portal-messages-list-background - The list of threads (default `--portal-color-surface`).
 * @cssprop --portal-messages-selected-background - The open thread in the list (default `--portal-color-surface-alt`).
 * @cssprop --portal-messages-unread-background - Unread badges (default `--portal-color-brand`).
 * @cssprop --portal-messages-unread-color - Unread badges' text (default `--portal-color-brand-contrast`).
 * @cssprop --portal-messages-pane-background - The open thread (default `--portal-color-surface`).
 * @cssprop --portal-messages-log-height - The height of a thread's messages (default `min(60vh, 36rem)`).
 * @cssprop --portal-messages-staff-background - The firm's messages (default `--portal-color-surface-alt`).
 * @cssprop --portal-messages-staff-color - Their text (default `--portal-color-text`).
 * @cssprop --portal-messages-contact-background - The client's messages (a tint of `--portal-color-brand`).
 * @cssprop --portal-messages-contact-color - Their text (default `--portal-color-text`).
 *
 * @cssstate loading - The threads are loading.
 * @cssstate empty - The client has no threads.
 * @cssstate error - The threads could not be loaded.
 * @cssstate thread - A thread is open.
 * @cssstate compose - The new message form is open.
 */
export class PortalMessages extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, badgeStyles, messagesStyles];

  /** The thread shown; empty for none. Set it to open a thread (e.g. from an emailed link). */
  @property({ attribute: 'thread-id', reflect: true }) threadId = '';

  /** Seconds between checks of the open thread for new messages while the page is visible; 0 turns them off. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 30;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The threads loaded so far, newest activity first. */
  @state() protected threads: Thread[] = [];
  @state() private threadsCursor: string | null = null;
  @state() private unreadTotal = 0;
  @state() private loadingMoreThreads = false;
  @state() private moreThreadsError: unknown;
  /** The open thread as the service last described it. */
  @state() private thread: Thread | undefined;
  @state() private olderCursor: string | null = null;
  @state() private loadingOlder = false;
  @state() private olderError: unknown;
  @state() private composing = false;
  @state() private sending = false;
  @state() private replyError: Words | undefined;
  @state() private composeError: Words | undefined;
  @state() private composeErrors: ComposeErrors = {};
  @state() private newBelow = 0;
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  @state() private downloading: ReadonlySet<string> = new Set();

  readonly #api = new ApiClientController(this);
  readonly #branding = new BrandingController(this, () => this.#api.value);
  readonly #replyUploads = new UploadTracker(this);
  readonly #composeUploads = new UploadTracker(this);
  readonly #internals: ElementInternals;
  /** Unsent replies, by thread. */
  readonly #drafts = new Map<string, string>();
  #composeDraft = { subject: '', body: '' };
  #moreThreads: AbortController | undefined;
  #older: AbortController | undefined;
  #send: AbortController | undefined;
  #poll: AbortController | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #pollWhenVisible = false;
  /** A thread with unread messages, waiting for the client to see it. */
  #unseen: { client: ApiClient; thread: Thread; signal: AbortSignal } | undefined;
  #seen: IntersectionObserver | undefined;
  /** The thread to return focus to when the client goes back to the list. */
  #returnTo: string | undefined;

  readonly #threadsTask = new Task(this, {
    task: async ([client, , disabled], { signal }) => {
      this.#moreThreads?.abort();
      this.loadingMoreThreads = false;
      this.moreThreadsError = undefined;
      if (disabled) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const page = await client.threads.list({ limit: THREAD_PAGE }, { signal });
      this.threads = page.data;
      this.threadsCursor = page.nextCursor;
      this.unreadTotal = page.unreadCount;
      return page;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.#disabled] as const,
  });

  readonly #threadTask = new Task(this, {
    task: async ([client, , threadId, disabled], { signal }) => {
      this.#stopPolling();
      this.#older?.abort();
      this.#send?.abort();
      this.loadingOlder = false;
      this.olderError = undefined;
      this.olderCursor = null;
      this.newBelow = 0;
      this.replyError = undefined;
      this.#replyUploads.clear();
      this.#window.scrollToEnd();
      this.#window.setItems([]);
      this.thread = this.threads.find((thread) => thread.id === threadId);
      if (!threadId || disabled) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal });
      this.thread = page.thread;
      this.olderCursor = page.nextCursor;
      this.#window.setItems(page.data);
      this.#noteThread(page.thread);
      if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
      this.#schedulePoll();
      return page;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.threadId, this.#disabled] as const,
  });

  // Declared after the tasks: it places the items they set in the same update.
  readonly #window = new MessageWindow<ThreadMessage>(this, {
    key: (message) => message.id,
    estimate: estimateHeight,
    scroller: () => this.renderRoot?.querySelector<HTMLElement>('.log') ?? null,
    list: () => this.renderRoot?.querySelector<HTMLElement>('.messages') ?? null,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the threads, and the open thread, again. */
  async refresh(): Promise<void> {
    await Promise.all([this.#threadsTask.run(), this.threadId ? this.#threadTask.run() : undefined]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    if (this.hasUpdated && this.thread) this.#schedulePoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#seen?.disconnect();
    this.#unseen = undefined;
    this.#stopPolling();
    this.#moreThreads?.abort();
    this.#older?.abort();
    this.#send?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined && this.thread) this.#schedulePoll();
    const status = this.#threadsTask.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && !this.#disabled && this.threads.length === 0);
    toggleState(this.#internals, 'thread', this.#view === 'thread');
    toggleState(this.#internals, 'compose', this.#view === 'compose');
  }

  /** True when the firm does not offer messages in its portal. */
  get #disabled(): boolean {
    return this.#branding.value?.sections?.messages === false;
  }

  get #view(): View {
    if (this.composing) return 'compose';
    return this.threadId ? 'thread' : 'list';
  }

  /** The open thread: as last loaded, else as the list shows it. */
  get #openThread(): Thread | undefined {
    if (this.thread?.id === this.threadId) return this.thread;
    return this.threads.find((thread) => thread.id === this.threadId);
  }

  protected override render(): TemplateResult {
    const view = this.#view;
    const hasThreads = this.threads.length > 0;
    return html`
      <section class="messages-section" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">
            ${t('messages.heading')}
            ${
              this.unreadTotal > 0
                ? html`<span class="unread-total" part="unread-total">${plural(this.unreadTotal, 'messages.unread-total-one', 'messages.unread-total-other')}</span>`
                : nothing
            }
          </h2>
          ${
            this.#disabled ? nothing : html`<button class="button" part="new-button" type="button" @click=${this.#startComposing}>${t('messages.new')}</button>`
          }
        </div>
        <div class="layout" data-view=${view} data-split=${hasThreads || view !== 'list' ? 'true' : 'false'}>
          <div class="threads" part="threads">
            ${
              this.#disabled
                ? this.#renderDisabled()
                : this.#threadsTask.render({
                    initial: () => this.#renderSkeleton(t('messages.loading')),
                    pending: () => (this.threads.length ? this.#renderThreadList() : this.#renderSkeleton(t('messages.loading'))),
                    complete: () => (this.threads.length ? this.#renderThreadList() : this.#renderEmpty()),
                    error: (error) => this.#renderFailure(t('messages.error-heading'), error, () => void this.#threadsTask.run()),
                  })
            }
          </div>
          <section class="pane" part="pane" aria-labelledby=${view === 'compose' ? 'compose-heading' : view === 'thread' ? 'thread-heading' : nothing}>
            ${view === 'compose' ? this.#renderCompose() : view === 'thread' ? this.#renderThread() : this.#renderPlaceholder()}
          </section>
        </div>
        <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
        <div class="alert floating-alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      </section>
    `;
  }

  #renderSkeleton(label: string): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${label}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    return html`
      <div class="state" part="empty">
        <h3>${t('messages.empty')}</h3>
        <p>${t('messages.empty-detail')}</p>
      </div>
    `;
  }

  #renderDisabled(): TemplateResult {
    return html`
      <div class="state" part="disabled">
        <p>${t('messages.disabled', { firm: this.#branding.value?.name ?? t('messages.disabled-firm') })}</p>
      </div>
    `;
  }

  #renderFailure(heading: string, error: unknown, retry: () => void): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    const disabled = error instanceof ApiError && error.code === 'section_disabled';
    let text: string;
    if (!configured) text = t('error.not-configured');
    else if (disabled) text = t('messages.disabled', { firm: this.#branding.value?.name ?? t('messages.disabled-firm') });
    else if (error instanceof ApiError && error.status === 404) text = t('messages.thread.not-found');
    else text = errorMessage(error);
    return html`
      <div class="state error-state" part="error">
        <h3>${heading}</h3>
        <div class="alert" role="alert"><p>${text}</p></div>
        ${configured && !disabled ? html`<button class="button" part="retry-button" type="button" @click=${retry}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderThreadList(): TemplateResult {
    return html`
      <ul class="thread-list" part="thread-list" aria-label=${t('messages.threads-label')}>
        ${repeat(
          this.threads,
          (thread) => thread.id,
          (thread) => this.#renderThreadItem(thread),
        )}
      </ul>
      <div class="more">
        <p class="visually-hidden" role="status">${this.loadingMoreThreads ? t('messages.loading-more') : ''}</p>
        ${
          this.moreThreadsError
            ? html`<div class="alert" role="alert"><p>${t('messages.more-error')} ${errorMessage(this.moreThreadsError)}</p></div>`
            : nothing
        }
        ${
          this.threadsCursor
            ? html`<button
              class="button secondary"
              part="load-more-button"
              type="button"
              aria-disabled=${this.loadingMoreThreads ? 'true' : 'false'}
              @click=${() => void this.#loadMoreThreads()}
            >
              ${this.loadingMoreThreads ? t('messages.loading-more') : this.moreThreadsError ? t('common.retry') : t('messages.load-more')}
            </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderThreadItem(thread: Thread): TemplateResult {
    const open = thread.id === this.threadId && !this.composing;
    const unread = thread.unreadCount > 0;
    const closed = thread.status === 'closed';
    const last = thread.lastMessage;
    const preview = last.author.type === 'contact' ? t('messages.preview-you', { preview: last.preview }) : last.preview;
    const parts = ['thread', unread ? 'thread-unread' : '', closed ? 'thread-closed' : ''].filter(Boolean).join(' ');
    return html`
      <li class="thread-item" part=${parts} data-thread-id=${thread.id}>
        <button
          class="thread-button"
          part="thread-button"
          type="button"
          aria-current=${open ? 'true' : nothing}
          data-unread=${unread ? 'true' : 'false'}
          @click=${() => void this.#open(thread.id)}
        >
          <span class="thread-top">
            <span class="subject" part="subject">${thread.subject}</span>
            <time class="date" part="date" datetime=${thread.lastActivityAt}>${shortWhen(thread.lastActivityAt)}</time>
          </span>
          <span class="preview" part="preview">${preview}</span>
          ${
            unread || closed
              ? html`<span class="markers">
                ${closed ? html`<span class="badge" part="closed-badge" data-tone="neutral">${t('messages.closed')}</span>` : nothing}
                ${
                  unread
                    ? html`<span class="unread" part="unread-badge"
                      ><span aria-hidden="true">${formatNumber(thread.unreadCount)}</span
                      ><span class="visually-hidden">${plural(thread.unreadCount, 'messages.unread-one', 'messages.unread-other')}</span></span
                    >`
                    : nothing
                }
              </span>`
              : nothing
          }
        </button>
      </li>
    `;
  }

  #renderPlaceholder(): TemplateResult {
    return html`<p class="placeholder" part="placeholder">${t('messages.choose')}</p>`;
  }

  #renderThread(): TemplateResult {
    const thread = this.#openThread;
    const closed = thread?.status === 'closed';
    return html`
      <div class="thread-header" part="thread-header">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('messages.back')}</button>
        <div class="thread-title">
          <h3 id="thread-heading" part="thread-heading" tabindex="-1">${thread?.subject ?? t('messages.thread.loading')}</h3>
          ${closed ? html`<span class="badge" part="closed-badge" data-tone="neutral">${t('messages.closed')}</span>` : nothing}
        </div>
      </div>
      ${this.#threadTask.render({
        initial: () => this.#renderSkeleton(t('messages.thread.loading')),
        pending: () => this.#renderSkeleton(t('messages.thread.loading')),
        complete: () => this.#renderLog(thread),
        error: (error) => this.#renderFailure(t('messages.thread.error-heading'), error, () => void this.#threadTask.run()),
      })}
      ${this.#threadTask.status === TaskStatus.COMPLETE && thread ? this.#renderComposer(thread) : nothing}
    `;
  }

  #renderLog(thread: Thread | undefined): TemplateResult {
    const count = this.#window.items.length;
    const setSize = this.olderCursor ? -1 : count;
    return html`
      <div class="log-frame">
        <div
          class="log"
          part="log"
          tabindex="0"
          role="region"
          aria-label=${t('messages.log-label', { subject: thread?.subject ?? '' })}
          aria-busy=${this.loadingOlder ? 'true' : 'false'}
          @scroll=${this.#onLogScroll}
        >
          <div class="older">
            ${
              this.olderCursor
                ? html`<button
                  class="button secondary"
                  part="load-older-button"
                  type="button"
                  aria-disabled=${this.loadingOlder ? 'true' : 'false'}
                  @click=${() => void this.#loadOlder()}
                >
                  ${this.loadingOlder ? t('messages.loading-older') : this.olderError ? t('common.retry') : t('messages.load-older')}
                </button>`
                : html`<p class="start">${t('messages.start')}</p>`
            }
            ${this.olderError ? html`<div class="alert" role="alert"><p>${t('messages.older-error')} ${errorMessage(this.olderError)}</p></div>` : nothing}
          </div>
          <ol class="messages" part="messages">
            ${repeat(
              this.#window.visible,
              ({ item }) => item.id,
              ({ item, index }) => this.#renderMessage(item, index, setSize),
            )}
          </ol>
        </div>
        ${
          this.newBelow > 0
            ? html`<button class="button jump" part="jump-button" type="button" @click=${this.#jumpToNewest}>
              ${plural(this.newBelow, 'messages.new-below-one', 'messages.new-below-other')}
            </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderMessage(message: ThreadMessage, index: number, setSize: number): TemplateResult {
    const staff = message.author.type === 'staff';
    return html`
      <li
        class="message"
        part=${staff ? 'message message-staff' : 'message message-contact'}
        data-key=${message.id}
        data-author=${message.author.type}
        aria-posinset=${index + 1}
        aria-setsize=${setSize}
      >
        <div class="bubble">
          <p class="meta">
            <span class="author" part="author">${staff ? message.author.name : t('messages.you')}</span>
            ${staff ? html`<span class="role" part="role">${this.#branding.value?.name ?? t('messages.role.staff')}</span>` : nothing}
            <time class="time" part="time" datetime=${message.createdAt}>${formatDateTime(message.createdAt)}</time>
          </p>
          <p class="body" part="body">${renderMessageText(message.body)}</p>
          ${
            message.attachments.length
              ? html`<ul class="attachments" part="attachments" aria-label=${t('messages.attachments')}>
                ${message.attachments.map((attachment) => this.#renderAttachment(attachment))}
              </ul>`
              : nothing
          }
        </div>
      </li>
    `;
  }

  #renderAttachment(attachment: Attachment): TemplateResult {
    const busy = this.downloading.has(attachment.id);
    return html`
      <li>
        <button
          class="attachment"
          part="attachment-button"
          type="button"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.#download(attachment)}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3v12m0 0-5-5m5 5 5-5M5 21h14"></path></svg>
          <span class="visually-hidden">${t('messages.download')}</span>
          <span class="attachment-name">${attachment.name}</span>
          <span class="attachment-size">${busy ? t('messages.downloading') : formatFileSize(attachment.size)}</span>
        </button>
      </li>
    `;
  }

  #renderComposer(thread: Thread): TemplateResult {
    const closed = thread.status === 'closed';
    const uploads = this.#replyUploads.uploads;
    const draft = this.#drafts.get(thread.id) ?? '';
    return html`
      <form class="composer" part="composer" novalidate @submit=${this.#onReplySubmit}>
        ${
          closed
            ? html`<div class="closed-notice" part="closed-notice" id="closed-notice">
              <p>${t('messages.closed-notice')}</p>
              <button class="button secondary" part="new-button" type="button" @click=${this.#startComposing}>${t('messages.new')}</button>
            </div>`
            : nothing
        }
        <label class="composer-label" for="reply">${t('messages.reply.label')}</label>
        <textarea
          id="reply"
          part="reply-input"
          rows="3"
          .value=${live(draft)}
          ?disabled=${closed}
          aria-invalid=${this.replyError ? 'true' : 'false'}
          aria-describedby=${closed ? 'closed-notice' : this.replyError ? 'reply-hint reply-error' : 'reply-hint'}
          @input=${(event: Event) => this.#drafts.set(thread.id, (event.target as HTMLTextAreaElement).value)}
          @keydown=${this.#onReplyKeydown}
        ></textarea>
        <p class="hint" id="reply-hint">${t('messages.reply.hint')}</p>
        ${this.replyError ? html`<p class="field-error" id="reply-error" role="alert">${this.replyError()}</p>` : nothing}
        ${this.#renderUploads(uploads, this.#replyUploads)}
        <div class="actions">
          ${this.#renderAttach('reply-files', closed, (files) => this.#attach(this.#replyUploads, files, (words) => (this.replyError = words)))}
          <button class="button" part="send-button" type="submit" ?disabled=${closed} aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? t('messages.sending') : t('messages.send')}
          </button>
        </div>
      </form>
    `;
  }

  #renderAttach(id: string, disabled: boolean, add: (files: File[]) => void): TemplateResult {
    return html`
      <input
        id=${id}
        type="file"
        multiple
        hidden
        accept=${acceptAttribute}
        @change=${(event: Event) => {
          const input = event.target as HTMLInputElement;
          add([...(input.files ?? [])]);
          input.value = '';
        }}
      />
      <button
        class="button secondary"
        part="attach-button"
        type="button"
        ?disabled=${disabled}
        @click=${() => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.click()}
      >
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M20 11.5 12.5 19a5 5 0 0 1-7-7L13 4.5a3.5 3.5 0 0 1 5 5l-7.5 7.5a2 2 0 0 1-3-3L14 7.5"></path>
        </svg>
        ${t('messages.attach')}
      </button>
    `;
  }

  #renderUploads(uploads: readonly Upload[], tracker: UploadTracker): TemplateResult | typeof nothing {
    if (uploads.length === 0) return nothing;
    return html`
      <ul class="uploads" part="uploads" aria-label=${t('messages.uploads')}>
        ${repeat(
          uploads,
          (upload) => upload.key,
          (upload) => this.#renderUpload(upload, tracker),
        )}
      </ul>
    `;
  }

  #renderUpload(upload: Upload, tracker: UploadTracker): TemplateResult {
    const { key, file, status } = upload;
    const percent = Math.round(uploadFraction(upload) * 100);
    let problem: string | undefined;
    if (upload.refusal) problem = refusalMessage(file.name, file.size, upload.refusal);
    else if (status === 'failed') problem = uploadErrorMessage(file.name, file.size, upload.error, this.#branding.value?.maxUploadBytes);
    else if (status === 'cancelled') problem = t('files.upload.cancelled');
    return html`
      <li class="upload" part="upload" data-status=${status}>
        <span class="upload-name" id="${key}-name">${file.name}</span>
        <span class="upload-size">${formatFileSize(file.size)}</span>
        ${
          status === 'uploading' || status === 'done'
            ? html`<span class="upload-progress">
              <label class="visually-hidden" for="${key}-progress">${t('files.upload.progress', { name: file.name })}</label>
              <progress id="${key}-progress" part="progress" max="100" .value=${percent}></progress>
              <span class="upload-status">${status === 'done' ? t('files.upload.done') : t('files.upload.percent', { percent })}</span>
            </span>`
            : nothing
        }
        ${problem ? html`<p class="upload-error">${problem}</p>` : nothing}
        <button class="link-button" part="remove-button" type="button" aria-describedby="${key}-name" @click=${() => tracker.remove(key)}>
          ${status === 'uploading' ? t('files.upload.cancel') : t('messages.remove-file')}
        </button>
      </li>
    `;
  }

  #renderCompose(): TemplateResult {
    const errors = this.composeErrors;
    const uploads = this.#composeUploads.uploads;
    return html`
      <form class="compose" part="compose-form" novalidate @submit=${this.#onComposeSubmit}>
        <div class="thread-header">
          <button class="button secondary back" part="back-button" type="button" @click=${this.#cancelComposing}>${t('messages.back')}</button>
          <h3 id="compose-heading" tabindex="-1">${t('messages.compose.heading')}</h3>
        </div>
        ${this.composeError ? html`<div class="alert" role="alert"><p>${this.composeError()}</p></div>` : nothing}
        <div class="field">
          <label for="subject">${t('messages.compose.subject')}</label>
          <input
            id="subject"
            part="subject-input"
            type="text"
            autocomplete="off"
            maxlength=${MAX_SUBJECT}
            .value=${live(this.#composeDraft.subject)}
            aria-invalid=${errors.subject ? 'true' : 'false'}
            aria-describedby=${errors.subject ? 'subject-error' : nothing}
            @input=${(event: Event) => (this.#composeDraft.subject = (event.target as HTMLInputElement).value)}
          />
          ${errors.subject ? html`<p class="field-error" id="subject-error">${errors.subject()}</p>` : nothing}
        </div>
        <div class="field">
          <label for="compose-body">${t('messages.compose.body')}</label>
          <textarea
            id="compose-body"
            part="body-input"
            rows="8"
            .value=${live(this.#composeDraft.body)}
            aria-invalid=${errors.body ? 'true' : 'false'}
            aria-describedby=${errors.body ? 'compose-hint body-error' : 'compose-hint'}
            @input=${(event: Event) => (this.#composeDraft.body = (event.target as HTMLTextAreaElement).value)}
            @keydown=${this.#onComposeKeydown}
          ></textarea>
          <p class="hint" id="compose-hint">${t('messages.compose.hint')}</p>
          ${errors.body ? html`<p class="field-error" id="body-error">${errors.body()}</p>` : nothing}
        </div>
        ${this.#renderUploads(uploads, this.#composeUploads)}
        <div class="actions">
          ${this.#renderAttach('compose-files', false, (files) => this.#attach(this.#composeUploads, files, (words) => (this.composeError = words)))}
          <button class="button" part="send-button" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? t('messages.sending') : t('messages.compose.send')}
          </button>
          <button class="button secondary" part="cancel-button" type="button" @click=${this.#cancelComposing}>${t('messages.compose.cancel')}</button>
        </div>
      </form>
    `;
  }

  // Opening and leaving threads

  async #open(threadId: string): Promise<void> {
    if (this.threadId === threadId && !this.composing) {
      this.#focus('#thread-heading');
      return;
    }
    this.composing = false;
    this.#returnTo = threadId;
    this.threadId = threadId;
    this.dispatchEvent(new PortalThreadOpenEvent({ threadId }));
    await this.updateComplete;
    this.#focus('#thread-heading');
  }

  async #back(): Promise<void> {
    const returnTo = this.#returnTo ?? this.threadId;
    this.threadId = '';
    await this.updateComplete;
    this.#focusThread(returnTo);
  }

  async #startComposing(): Promise<void> {
    if (!this.composing) {
      this.#returnTo = this.threadId || this.#returnTo;
      this.composing = true;
      this.composeError = undefined;
      this.composeErrors = {};
    }
    await this.updateComplete;
    this.#focus('#subject');
  }

  async #cancelComposing(): Promise<void> {
    this.#composeUploads.clear();
    this.#composeDraft = { subject: '', body: '' };
    this.composing = false;
    this.composeErrors = {};
    this.composeError = undefined;
    await this.updateComplete;
    if (this.threadId) this.#focus('#thread-heading');
    else if (!this.#focusThread(this.#returnTo)) this.#focus('[part~="new-button"]');
  }

  #jumpToNewest(): void {
    this.newBelow = 0;
    this.#window.scrollToEnd();
    this.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  }

  #focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Focuses a thread's button in the list; false when it is not there. */
  #focusThread(threadId: string | undefined): boolean {
    const button = threadId ? this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"] [part~="thread-button"]`) : null;
    if (button) button.focus();
    else this.#focus('#heading');
    return Boolean(button);
  }

  // Loading

  async #loadMoreThreads(): Promise<void> {
    const client = this.#api.value;
    const cursor = this.threadsCursor;
    if (!client || !cursor || this.loadingMoreThreads) return;
    const request = new AbortController();
    this.#moreThreads = request;
    this.loadingMoreThreads = true;
    this.moreThreadsError = undefined;
    const firstNew = this.threads.length;
    try {
      const page = await client.threads.list({ limit: THREAD_PAGE, cursor }, { signal: request.signal });
      const known = new Set(this.threads.map((thread) => thread.id));
      this.threads = [...this.threads, ...page.data.filter((thread) => !known.has(thread.id))];
      this.threadsCursor = page.nextCursor;
      this.unreadTotal = page.unreadCount;
      await this.updateComplete;
      const next = this.threads[firstNew];
      if (next) this.#focusThread(next.id);
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.moreThreadsError = error;
    } finally {
      if (this.#moreThreads === request) {
        this.#moreThreads = undefined;
        this.loadingMoreThreads = false;
      }
    }
  }

  async #loadOlder(): Promise<void> {
    const client = this.#api.value;
    const before = this.olderCursor;
    const threadId = this.threadId;
    if (!client || !before || this.loadingOlder || !threadId) return;
    const request = new AbortController();
    this.#older = request;
    this.loadingOlder = true;
    this.olderError = undefined;
    try {
      const page = await client.threads.get(threadId, { before, limit: MESSAGE_PAGE }, { signal: request.signal });
      const known = new Set(this.#window.items.map((message) => message.id));
      const older = page.data.filter((message) => !known.has(message.id));
      this.#window.setItems([...older, ...this.#window.items]);
      this.olderCursor = page.nextCursor;
      void this.#announce(() => plural(older.length, 'messages.announce.older-one', 'messages.announce.older-other'));
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.olderError = error;
    } finally {
      if (this.#older === request) {
        this.#older = undefined;
        this.loadingOlder = false;
      }
    }
  }

  #onLogScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    if (this.newBelow > 0 && log.scrollHeight - log.clientHeight - log.scrollTop <= 32) this.newBelow = 0;
    if (log.scrollTop < OLDER_THRESHOLD && this.olderCursor && !this.loadingOlder && !this.olderError) void this.#loadOlder();
  };

  /**
   * Marks the open thread read once the client can see it: at once when the element is on
   * screen, else when it comes into view (e.g. when the page shows the portal's messages).
   */
  #readWhenSeen(client: ApiClient, thread: Thread, signal: AbortSignal): void {
    this.#unseen = { client, thread, signal };
    if (typeof IntersectionObserver === 'undefined') {
      this.#onSeen([{ isIntersecting: true }]);
      return;
    }
    this.#seen ??= new IntersectionObserver((entries) => this.#onSeen(entries));
    this.#seen.disconnect();
    this.#seen.observe(this);
  }

  #onSeen(entries: readonly { isIntersecting: boolean }[]): void {
    const unseen = this.#unseen;
    if (!unseen || !entries.some((entry) => entry.isIntersecting)) return;
    this.#unseen = undefined;
    this.#seen?.disconnect();
    if (!unseen.signal.aborted && unseen.thread.id === this.threadId) void this.#markRead(unseen.client, unseen.thread, unseen.signal);
  }

  async #markRead(client: ApiClient, thread: Thread, signal: AbortSignal): Promise<void> {
    try {
      const read = await client.threads.markRead(thread.id, { signal });
      const before = this.threads.find((candidate) => candidate.id === thread.id)?.unreadCount ?? thread.unreadCount;
      this.unreadTotal = Math.max(0, this.unreadTotal - before);
      this.#noteThread(read);
      if (this.thread?.id === read.id) this.thread = read;
    } catch {
      // Still unread on the service: the badge comes back with the next load, nothing is lost.
    }
  }

  /** Puts a thread's latest state into the list, moving it to the top when it had news. */
  #noteThread(thread: Thread, toTop = false): void {
    const index = this.threads.findIndex((candidate) => candidate.id === thread.id);
    if (index === -1) {
      if (toTop) this.threads = [thread, ...this.threads];
      return;
    }
    const rest = this.threads.filter((candidate) => candidate.id !== thread.id);
    this.threads = toTop ? [thread, ...rest] : this.threads.map((candidate) => (candidate.id === thread.id ? thread : candidate));
  }

  // Checking the open thread for new messages

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    if (!(this.pollInterval > 0) || !this.threadId || !this.isConnected) return;
    this.#pollTimer = setTimeout(() => void this.#checkForMessages(), this.pollInterval * 1000);
  }

  #stopPolling(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#pollWhenVisible = false;
    this.#poll?.abort();
    this.#poll = undefined;
  }

  /** Whether the element takes up room on the page (it is not inside something hidden). */
  get #shown(): boolean {
    return typeof this.checkVisibility === 'function' ? this.checkVisibility() : this.getClientRects().length > 0;
  }

  #onVisibilityChange = (): void => {
    if (document.visibilityState === 'visible' && this.#pollWhenVisible) {
      this.#pollWhenVisible = false;
      void this.#checkForMessages();
    }
  };

  async #checkForMessages(): Promise<void> {
    this.#pollTimer = undefined;
    const client = this.#api.value;
    const threadId = this.threadId;
    if (!client || !threadId || this.#threadTask.status !== TaskStatus.COMPLETE) return;
    if (document.visibilityState !== 'visible') {
      // A hidden page is not checked; it catches up as soon as it shows again.
      this.#pollWhenVisible = true;
      return;
    }
    if (!this.#shown) {
      // Nor is a thread in a part of the page that is hidden (another section of the portal).
      this.#schedulePoll();
      return;
    }
    this.#poll?.abort();
    const request = new AbortController();
    this.#poll = request;
    try {
      const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal: request.signal });
      if (request.signal.aborted || threadId !== this.threadId) return;
      this.#merge(page, client, request.signal);
    } catch {
      // A missed check is made up by the next one.
    } finally {
      if (this.#poll === request) this.#poll = undefined;
      if (!request.signal.aborted && threadId === this.threadId) this.#schedulePoll();
    }
  }

  /** Adds the newest messages of a check to the open thread, and tells the client about the firm's. */
  #merge(page: ThreadMessagePage, client: ApiClient, signal: AbortSignal): void {
    const items = this.#window.items;
    const known = new Set(items.map((message) => message.id));
    const arrived = page.data.filter((message) => !known.has(message.id));
    this.thread = page.thread;
    if (arrived.length === 0) {
      this.#noteThread(page.thread);
      return;
    }
    // The page reaches back to a message already shown, unless more arrived than it holds.
    const joined = page.data.some((message) => known.has(message.id)) || !page.nextCursor;
    if (joined) this.#window.setItems([...items, ...arrived]);
    else {
      this.#window.setItems(page.data);
      this.olderCursor = page.nextCursor;
    }
    this.#noteThread(page.thread, true);
    const fromFirm = arrived.filter((message) => message.author.type === 'staff');
    if (fromFirm.length) {
      const [first] = fromFirm;
      void this.#announce(() =>
        fromFirm.length === 1
          ? t('messages.announce.received', { name: first!.author.name })
          : t('messages.announce.received-many', { count: formatNumber(fromFirm.length) }),
      );
      if (!this.#window.atEnd) this.newBelow += fromFirm.length;
    }
    if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
  }

  // Writing

  #onReplyKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing) return;
    event.preventDefault();
    void this.#sendReply();
  };

  #onComposeKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
    event.preventDefault();
    void this.#sendNewThread();
  };

  #onReplySubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#sendReply();
  };

  #onComposeSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#sendNewThread();
  };

  /** Adds chosen files to a form's attachments, refusing those past the limit of ten. */
  #attach(tracker: UploadTracker, files: File[], report: (words: Words | undefined) => void): void {
    if (files.length === 0) return;
    const room = MAX_ATTACHMENTS - tracker.uploads.length;
    tracker.add(files.slice(0, Math.max(0, room)), this.#branding.value?.maxUploadBytes);
    report(files.length > room ? () => t('messages.error.too-many-files', { count: MAX_ATTACHMENTS }) : undefined);
  }

  /**
   * Uploads a form's attachments that are not yet uploaded, all at once; resolves with their ids
   * in order, or undefined when one was refused, failed or was cancelled (it then says why).
   */
  async #uploadAttachments(tracker: UploadTracker, client: ApiClient): Promise<string[] | undefined> {
    if (tracker.uploads.some((upload) => upload.status === 'refused')) return undefined;
    await Promise.all(tracker.uploads.map((upload) => upload.result ?? tracker.send(upload.key, client)));
    // A file the client removed while the others were uploading is left out.
    const results = tracker.uploads.map((upload) => upload.result);
    return results.every((result): result is PortalFile => result !== undefined) ? results.map((result) => result.id) : undefined;
  }

  async #sendReply(): Promise<void> {
    const client = this.#api.value;
    const thread = this.#openThread;
    if (!client || !thread || this.sending || thread.status === 'closed') return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply');
    const body = textarea?.value ?? '';
    this.replyError = undefined;
    if (!body.trim()) {
      this.replyError = () => t('messages.error.body-required');
      textarea?.focus();
      return;
    }
    if (Array.from(body).length > MAX_BODY) {
      this.replyError = () => t('messages.error.body-long', { max: formatNumber(MAX_BODY) });
      return;
    }
    const request = new AbortController();
    this.#send = request;
    this.sending = true;
    try {
      const attachmentIds = await this.#uploadAttachments(this.#replyUploads, client);
      if (request.signal.aborted) return;
      if (!attachmentIds) {
        this.replyError = () => t('messages.error.files');
        return;
      }
      const message = await client.threads.reply(thread.id, { body, ...(attachmentIds.length ? { attachmentIds } : {}) }, { signal: request.signal });
      if (request.signal.aborted) return;
      this.#drafts.delete(thread.id);
      if (textarea) textarea.value = '';
      this.#replyUploads.clear();
      this.#window.scrollToEnd();
      if (!this.#window.items.some((known) => known.id === message.id)) this.#window.setItems([...this.#window.items, message]);
      const updated: Thread = {
        ...thread,
        lastMessage: { id: message.id, author: message.author, preview: previewOf(message.body), createdAt: message.createdAt },
        lastActivityAt: message.createdAt,
      };
      this.thread = updated;
      this.#noteThread(updated, true);
      void this.#announce(() => t('messages.announce.sent'));
      this.dispatchEvent(new PortalMessageSentEvent({ threadId: thread.id, messageId: message.id, newThread: false }));
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      if (error instanceof ApiError && error.code === 'thread_closed') {
        const closed: Thread = { ...thread, status: 'closed' };
        this.thread = closed;
        this.#noteThread(closed);
        this.replyError = () => t('messages.error.closed');
      } else {
        this.replyError = () => t('messages.error.send', { reason: errorMessage(error) });
      }
    } finally {
      if (this.#send === request) {
        this.#send = undefined;
        this.sending = false;
      }
    }
  }

  async #sendNewThread(): Promise<void> {
    const client = this.#api.value;
    if (!client || this.sending) return;
    const subject = this.#composeDraft.subject.trim();
    const body = this.#composeDraft.body;
    const errors: ComposeErrors = {};
    if (!subject) errors.subject = () => t('messages.error.subject-required');
    else if (Array.from(subject).length > MAX_SUBJECT) errors.subject = () => t('messages.error.subject-long', { max: MAX_SUBJECT });
    if (!body.trim()) errors.body = () => t('messages.error.body-required');
    else if (Array.from(body).length > MAX_BODY) errors.body = () => t('messages.error.body-long', { max: formatNumber(MAX_BODY) });
    this.composeErrors = errors;
    this.composeError = undefined;
    if (errors.subject || errors.body) {
      this.composeError = () => t('messages.error.fix-fields');
      await this.updateComplete;
      this.#focus(errors.subject ? '#subject' : '#compose-body');
      return;
    }
    const request = new AbortController();
    this.#send = request;
    this.sending = true;
    try {
      const attachmentIds = await this.#uploadAttachments(this.#composeUploads, client);
      if (request.signal.aborted) return;
      if (!attachmentIds) {
        this.composeError = () => t('messages.error.files');
        return;
      }
      const started = await client.threads.create({ subject, body, ...(attachmentIds.length ? { attachmentIds } : {}) }, { signal: request.signal });
      if (request.signal.aborted) return;
      this.#composeDraft = { subject: '', body: '' };
      this.#composeUploads.clear();
      this.#noteThread(started.thread, true);
      this.composing = false;
      this.#returnTo = started.thread.id;
      this.threadId = started.thread.id;
      void this.#announce(() => t('messages.announce.started', { subject: started.thread.subject }));
      this.dispatchEvent(new PortalMessageSentEvent({ threadId: started.thread.id, messageId: started.message.id, newThread: true }));
      this.dispatchEvent(new PortalThreadOpenEvent({ threadId: started.thread.id }));
      await this.updateComplete;
      this.#focus('#thread-heading');
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.composeError = () => t('messages.error.send', { reason: errorMessage(error) });
    } finally {
      if (this.#send === request) {
        this.#send = undefined;
        this.sending = false;
      }
    }
  }

  async #download(attachment: Attachment): Promise<void> {
    const client = this.#api.value;
    if (!client || this.downloading.has(attachment.id)) return;
    this.downloading = new Set([...this.downloading, attachment.id]);
    this.alert = undefined;
    try {
      const file = await client.files.download(attachment.id);
      saveFile(file.blob, file.fileName ?? attachment.name);
      void this.#announce(() => t('messages.announce.downloaded', { name: attachment.name }));
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('messages.error.download', { name: attachment.name, reason: errorMessage(error) });
    } finally {
      const downloading = new Set(this.downloading);
      downloading.delete(attachment.id);
      this.downloading = downloading;
    }
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  async #announce(words: Words): Promise<void> {
    this.announcement = undefined;
    await this.updateComplete;
    this.announcement = words;
  }
}

type PluralKey =
  | 'messages.unread-total-one'
  | 'messages.unread-total-other'
  | 'messages.unread-one'
  | 'messages.unread-other'
  | 'messages.new-below-one'
  | 'messages.new-below-other'
  | 'messages.announce.older-one'
  | 'messages.announce.older-other';

/** The message for `count` in its singular or plural form. */
function plural(count: number, one: PluralKey, other: PluralKey): string {
  const key = new Intl.PluralRules(validLocale(currentLanguage())).select(count) === 'one' ? one : other;
  return t(key, { count: formatNumber(count) });
}
