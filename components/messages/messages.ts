import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { Attachment, Thread, ThreadMessagePage } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { BrandingController } from '../controllers/branding-controller.ts';
import { DownloadsController } from '../controllers/downloads-controller.ts';
import { UploadTracker } from '../files/upload-tracker.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatNumber } from '../i18n/format.ts';
import { currentLanguage, validLocale } from '../i18n/language.ts';
import { t } from '../i18n/translate.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalMessageSentEvent, PortalThreadOpenEvent } from './events.ts';
import { renderComposeForm, renderReplyForm } from './composer.ts';
import { attachFiles, MAX_ATTACHMENTS, renderUploads, uploadAttachments } from './composer-files.ts';
import { previewOf, shortWhen } from './thread-format.ts';
import { messagesStyles } from './messages.styles.ts';
import { ThreadLog } from './thread-log.ts';

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
// Messages per request: the newest page when a thread opens, and each older page.
const MESSAGE_PAGE = 50;
// Threads per request.
const THREAD_PAGE = 20;

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
  @state() private composing = false;
  @state() private sending = false;
  @state() private replyError: Words | undefined;
  @state() private composeError: Words | undefined;
  @state() private composeErrors: ComposeErrors = {};
  @state() private alert: Words | undefined;

  readonly #api = new ApiClientController(this);
  readonly #branding = new BrandingController(this, () => this.#api.value);
  readonly #replyUploads = new UploadTracker(this);
  readonly #composeUploads = new UploadTracker(this);
  readonly #downloads = new DownloadsController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  /** Unsent replies, by thread. */
  readonly #drafts = new Map<string, string>();
  #composeDraft = { subject: '', body: '' };
  #moreThreads: AbortController | undefined;
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
      this.#log.reset();
      this.#send?.abort();
      this.replyError = undefined;
      this.#replyUploads.clear();
      this.thread = this.threads.find((thread) => thread.id === threadId);
      if (!threadId || disabled) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal });
      this.thread = page.thread;
      this.#log.show(page);
      this.#noteThread(page.thread);
      if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
      this.#schedulePoll();
      return page;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.threadId, this.#disabled] as const,
  });

  // Declared after the tasks: it places the messages they set in the same update.
  readonly #log = new ThreadLog(this, {
    older: () => {
      const client = this.#api.value;
      const threadId = this.threadId;
      return client && threadId ? (before, signal) => client.threads.get(threadId, { before, limit: MESSAGE_PAGE }, { signal }) : undefined;
    },
    olderLoaded: (count) => void this.#announcer.announce(() => plural(count, 'messages.announce.older-one', 'messages.announce.older-other')),
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
        <div class="visually-hidden" part="announcer" role="status">${this.#announcer.text}</div>
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
    return this.#log.render({
      label: t('messages.log-label', { subject: thread?.subject ?? '' }),
      loadOlder: t('messages.load-older'),
      loadingOlder: t('messages.loading-older'),
      olderError: t('messages.older-error'),
      retry: t('common.retry'),
      start: t('messages.start'),
      newBelow: (count) => plural(count, 'messages.new-below-one', 'messages.new-below-other'),
      errorMessage,
      author: (message) =>
        message.author.type === 'staff'
          ? { name: message.author.name, role: this.#branding.value?.name ?? t('messages.role.staff'), side: message.author.type }
          : { name: t('messages.you'), side: message.author.type },
      attachments: t('messages.attachments'),
      download: t('messages.download'),
      downloading: t('messages.downloading'),
      isDownloading: (attachment) => this.#downloads.has(attachment.id),
      onDownload: (attachment) => void this.#download(attachment),
    });
  }

  #renderComposer(thread: Thread): TemplateResult {
    return renderReplyForm(this, {
      closed: thread.status === 'closed',
      closedNotice: html`<div class="closed-notice" part="closed-notice" id="closed-notice">
        <p>${t('messages.closed-notice')}</p>
        <button class="button secondary" part="new-button" type="button" @click=${this.#startComposing}>${t('messages.new')}</button>
      </div>`,
      draft: this.#drafts.get(thread.id) ?? '',
      onDraft: (value) => this.#drafts.set(thread.id, value),
      label: t('messages.reply.label'),
      hint: t('messages.reply.hint'),
      error: this.replyError,
      uploads: this.#renderUploads(this.#replyUploads),
      attach: t('messages.attach'),
      onAttach: (files) => this.#attach(this.#replyUploads, files, (words) => (this.replyError = words)),
      sending: this.sending,
      sendingLabel: t('messages.sending'),
      sendLabel: t('messages.send'),
      send: () => void this.#sendReply(),
    });
  }

  #renderCompose(): TemplateResult {
    const errors = this.composeErrors;
    return renderComposeForm(this, {
      heading: t('messages.compose.heading'),
      back: t('messages.back'),
      error: this.composeError,
      subject: {
        label: t('messages.compose.subject'),
        value: this.#composeDraft.subject,
        max: MAX_SUBJECT,
        error: errors.subject,
        onInput: (value) => (this.#composeDraft.subject = value),
      },
      body: {
        label: t('messages.compose.body'),
        value: this.#composeDraft.body,
        hint: t('messages.compose.hint'),
        error: errors.body,
        onInput: (value) => (this.#composeDraft.body = value),
      },
      uploads: this.#renderUploads(this.#composeUploads),
      attach: t('messages.attach'),
      onAttach: (files) => this.#attach(this.#composeUploads, files, (words) => (this.composeError = words)),
      sending: this.sending,
      sendingLabel: t('messages.sending'),
      sendLabel: t('messages.compose.send'),
      send: () => void this.#sendNewThread(),
      cancelLabel: t('messages.compose.cancel'),
      cancel: () => void this.#cancelComposing(),
    });
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
    this.thread = page.thread;
    const arrived = this.#log.merge(page);
    if (arrived.length === 0) {
      this.#noteThread(page.thread);
      return;
    }
    this.#noteThread(page.thread, true);
    const fromFirm = arrived.filter((message) => message.author.type === 'staff');
    if (fromFirm.length) {
      const [first] = fromFirm;
      void this.#announcer.announce(() =>
        fromFirm.length === 1
          ? t('messages.announce.received', { name: first!.author.name })
          : t('messages.announce.received-many', { count: formatNumber(fromFirm.length) }),
      );
      this.#log.noteNewBelow(fromFirm.length);
    }
    if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
  }

  // Writing

  /** Adds chosen files to a form's attachments, refusing those past the limit of ten. */
  #attach(tracker: UploadTracker, files: File[], report: (words: Words | undefined) => void): void {
    attachFiles(tracker, files, this.#branding.value?.maxUploadBytes, (tooMany) =>
      report(tooMany ? () => t('messages.error.too-many-files', { count: MAX_ATTACHMENTS }) : undefined),
    );
  }

  #renderUploads(tracker: UploadTracker): TemplateResult | typeof nothing {
    return renderUploads(tracker, { uploads: t('messages.uploads'), remove: t('messages.remove-file'), maxBytes: this.#branding.value?.maxUploadBytes });
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
      const attachmentIds = await uploadAttachments(this.#replyUploads, client);
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
      this.#log.append(message);
      const updated: Thread = {
        ...thread,
        lastMessage: { id: message.id, author: message.author, preview: previewOf(message.body), createdAt: message.createdAt },
        lastActivityAt: message.createdAt,
      };
      this.thread = updated;
      this.#noteThread(updated, true);
      void this.#announcer.announce(() => t('messages.announce.sent'));
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
      const attachmentIds = await uploadAttachments(this.#composeUploads, client);
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
      void this.#announcer.announce(() => t('messages.announce.started', { subject: started.thread.subject }));
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
    if (!client) return;
    await this.#downloads.save(attachment.id, attachment.name, () => client.files.download(attachment.id), {
      started: () => (this.alert = undefined),
      saved: () => void this.#announcer.announce(() => t('messages.announce.downloaded', { name: attachment.name })),
      failed: (error) => (this.alert = () => t('messages.error.download', { name: attachment.name, reason: errorMessage(error) })),
    });
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
