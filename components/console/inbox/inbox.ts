import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import type { Attachment } from '../../api/types.ts';
import { PortalElement } from '../../base/portal-element.ts';
import { NotConfiguredError, toggleState } from '../../base/states.ts';
import { AnnouncerController } from '../../controllers/announcer-controller.ts';
import { DownloadsController } from '../../controllers/downloads-controller.ts';
import { UploadTracker } from '../../files/upload-tracker.ts';
import { formatNumber } from '../../i18n/format.ts';
import { currentLanguage, validLocale } from '../../i18n/language.ts';
import { attachFiles, MAX_ATTACHMENTS, renderAttachButton, renderUploads, uploadAttachments } from '../../messages/composer-files.ts';
import { messagesStyles } from '../../messages/messages.styles.ts';
import { previewOf, shortWhen } from '../../messages/thread-format.ts';
import { ThreadLog } from '../../messages/thread-log.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../../styles/shared.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FirmContact } from '../api/contacts-api.ts';
import type { FirmThread, FirmThreadMessages } from '../api/threads-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import { PortalConsoleInboxSentEvent, PortalConsoleInboxStatusEvent } from './events.ts';
import { inboxStyles } from './inbox.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

type View = 'list' | 'thread' | 'compose';

/** A client chosen in a picker: their id and the words the picker shows. */
interface ChosenClient {
  id: string;
  label: string;
}

interface ComposeErrors {
  client?: Words;
  subject?: Words;
  body?: Words;
}

// The service's limits on what the firm writes.
const MAX_SUBJECT = 200;
const MAX_BODY = 20_000;
const MESSAGE_PAGE = 50;
const THREAD_PAGE = 20;
const CLIENT_SUGGESTIONS = 10;

const clientLabel = (contact: { name: string; email: string }): string => `${contact.name} <${contact.email}>`;

/**
 * The firm's inbox: every client's threads, newest activity first, with the client's name, the
 * last message and what the firm has not read (a count in the heading, a badge and a bold row);
 * filtered by client (a picker that looks clients up as one types), by open or closed, and by
 * words of the subject.
 *
 * Opening a thread (`item-id`) shows its messages oldest first with their files (each downloads),
 * marks it read, and offers a reply with attachments (each uploaded with its progress, then sent
 * with the reply), and closing or reopening it. "New thread" starts one with a client: client,
 * subject, message and files. While the page is visible the list and the open thread are checked
 * every `poll-interval` seconds, so a client's new message shows up and is announced. On wide
 * containers the list and the thread sit side by side; on narrow ones one shows at a time with a
 * "Back to the inbox" button. The thread view is the client portal's, so it also takes the
 * `--portal-messages-*` tokens of `<portal-messages>`.
 *
 * Inside `<portal-console>` it uses the console's client and staff member; alone, set `client`
 * (and `staff`).
 *
 * @tag portal-console-inbox
 *
 * @event portal-console-open - "Open client" was pressed: `detail.screen` is `clients`, `detail.itemId` the client. (Opening a thread here changes `item-id`, which the console follows.)
 * @event portal-console-inbox-sent - A reply or a new thread was stored. `detail.threadId`, `detail.messageId`, `detail.contactId`, `detail.newThread`.
 * @event portal-console-inbox-status - A thread was closed or reopened. `detail.threadId`, `detail.status`.
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading, unread total and buttons.
 * @csspart heading - The heading.
 * @csspart unread-total - How many client messages the firm has not read.
 * @csspart new-button - The "New thread" button.
 * @csspart refresh-button - The "Refresh" button.
 * @csspart filters - The filters.
 * @csspart client-filter - The client picker of the filters.
 * @csspart status-filter - The open/closed choice.
 * @csspart search-input - The subject search.
 * @csspart threads - The list of threads (or what shows in its place).
 * @csspart thread-list - The list of threads.
 * @csspart thread - One thread in the list (also `thread-unread`, `thread-closed`).
 * @csspart thread-button - The button that opens a thread.
 * @csspart client-name - A thread's client in the list.
 * @csspart subject - A thread's subject in the list.
 * @csspart preview - The start of a thread's last message.
 * @csspart date - When a thread last had a message.
 * @csspart unread-badge - A thread's unread count.
 * @csspart closed-badge - The marker of a closed thread.
 * @csspart load-more-button - The button that loads more threads.
 * @csspart pane - Where the open thread or the new thread form shows.
 * @csspart placeholder - What the pane says when no thread is open.
 * @csspart thread-header - The open thread's subject, client and actions.
 * @csspart back-button - "Back to the inbox".
 * @csspart open-client-button - "Open client".
 * @csspart status-button - "Close thread" or "Reopen thread".
 * @csspart log - The scrolling area that holds a thread's messages.
 * @csspart message - One message (also `message-staff`, `message-contact`).
 * @csspart attachment-button - The button that downloads an attached file.
 * @csspart composer - The reply form.
 * @csspart reply-input - The reply text box.
 * @csspart attach-button - The "Attach files" button.
 * @csspart send-button - The Send button.
 * @csspart upload - One file to send, with its progress bar (`progress`) and `remove-button`.
 * @csspart compose-form - The new thread form.
 * @csspart empty - What shows when there are no threads.
 * @csspart error - What shows when threads or a thread cannot be loaded.
 * @csspart retry-button - The button that tries again.
 * @csspart announcer - The live region.
 *
 * @cssprop --portal-console-inbox-filters-background - The filters' background (default `--portal-color-surface-alt`).
 * @cssprop --portal-console-inbox-client-color - A thread's client name in the list (default `--portal-color-muted`).
 * @cssprop --portal-messages-unread-background - Unread badges (default `--portal-color-brand`).
 * @cssprop --portal-messages-border-color - Borders (default `--portal-color-divider`).
 *
 * @cssstate loading - The threads are loading.
 * @cssstate empty - No thread to show.
 * @cssstate error - The threads could not be loaded.
 * @cssstate thread - A thread is open.
 * @cssstate compose - The new thread form is open.
 */
export class PortalConsoleInbox extends ConsoleScreen {
  static override styles = [
    PortalElement.styles,
    visuallyHiddenStyles,
    buttonStyles,
    fieldStyles,
    alertStyles,
    skeletonStyles,
    badgeStyles,
    messagesStyles,
    inboxStyles,
  ];

  /** Seconds between checks for new messages while the page is visible; 0 turns them off. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 30;

  @state() private threads: FirmThread[] = [];
  @state() private threadsCursor: string | null = null;
  @state() private unreadTotal = 0;
  @state() private loadingMore = false;
  @state() private moreError: unknown;
  @state() private thread: FirmThread | undefined;
  @state() private composing = false;
  @state() private sending = false;
  @state() private changingStatus = false;
  @state() private replyError: Words | undefined;
  @state() private composeError: Words | undefined;
  @state() private composeErrors: ComposeErrors = {};
  @state() private alert: Words | undefined;
  // Filters
  @state() private clientFilter: ChosenClient | undefined;
  @state() private statusFilter: '' | 'open' | 'closed' = '';
  @state() private search = '';
  @state() private suggestions: FirmContact[] = [];
  @state() private suggestionError: unknown;
  @state() private composeClient: ChosenClient | undefined;

  readonly #replyUploads = new UploadTracker(this);
  readonly #composeUploads = new UploadTracker(this);
  readonly #downloads = new DownloadsController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  readonly #drafts = new Map<string, string>();
  #composeDraft = { subject: '', body: '', client: '' };
  #filterText = '';
  #more: AbortController | undefined;
  #send: AbortController | undefined;
  #lookup: AbortController | undefined;
  #poll: AbortController | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #returnTo: string | undefined;
  /** Announce the number of threads once the next list arrives (after a filter changed). */
  #announceResults = false;

  readonly #threadsTask = new Task(this, {
    task: async ([client, contactId, status, q], { signal }) => {
      this.#more?.abort();
      this.loadingMore = false;
      this.moreError = undefined;
      if (!client) throw new NotConfiguredError();
      const page = await client.threads.list({ contactId: contactId || undefined, status: status || undefined, q, limit: THREAD_PAGE }, { signal });
      this.threads = page.data;
      this.threadsCursor = page.nextCursor;
      this.unreadTotal = page.unreadCount;
      if (this.#announceResults) {
        this.#announceResults = false;
        void this.#announcer.announce(() => this.#plural(page.data.length, 'inbox.announce.results-one', 'inbox.announce.results-other'));
      }
      return page;
    },
    args: () => [this.client, this.clientFilter?.id ?? '', this.statusFilter, this.search] as const,
  });

  readonly #threadTask = new Task(this, {
    task: async ([client, threadId], { signal }) => {
      this.#stopPolling();
      this.#log.reset();
      this.#send?.abort();
      this.replyError = undefined;
      this.#replyUploads.clear();
      this.thread = this.threads.find((thread) => thread.id === threadId);
      if (!threadId) {
        this.#schedulePoll();
        return undefined;
      }
      if (!client) throw new NotConfiguredError();
      const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal });
      this.thread = page.thread;
      this.#log.show(page);
      this.#noteThread(page.thread);
      if (page.thread.unreadCount > 0) void this.#markRead(client, page.thread, signal);
      this.#schedulePoll();
      return page;
    },
    args: () => [this.client, this.itemId] as const,
  });

  // Declared after the tasks: it places the messages they set in the same update.
  readonly #log = new ThreadLog(this, {
    older: () => {
      const client = this.client;
      const threadId = this.itemId;
      return client && threadId ? (before, signal) => client.threads.get(threadId, { before, limit: MESSAGE_PAGE }, { signal }) : undefined;
    },
    olderLoaded: (count) => void this.#announcer.announce(() => this.#plural(count, 'inbox.announce.older-one', 'inbox.announce.older-other')),
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the threads, and the open thread, again. */
  async refresh(): Promise<void> {
    await Promise.all([this.#threadsTask.run(), this.itemId ? this.#threadTask.run() : undefined]);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    if (this.hasUpdated) this.#schedulePoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#stopPolling();
    for (const request of [this.#more, this.#send, this.#lookup]) request?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined) this.#schedulePoll();
    const status = this.#threadsTask.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && this.threads.length === 0);
    toggleState(this.#internals, 'thread', this.#view === 'thread');
    toggleState(this.#internals, 'compose', this.#view === 'compose');
  }

  get #view(): View {
    if (this.composing) return 'compose';
    return this.itemId ? 'thread' : 'list';
  }

  /** Whether the signed-in role may write messages (every role may; an unknown one may not). */
  get #canWrite(): boolean {
    return can(this.staff ?? this.client?.staff, 'messages');
  }

  /** The name a reply goes out under: the staff member's own. */
  get #staffName(): string {
    return this.staff?.staff.name ?? this.client?.staff?.name ?? '';
  }

  get #openThread(): FirmThread | undefined {
    if (this.thread?.id === this.itemId) return this.thread;
    return this.threads.find((thread) => thread.id === this.itemId);
  }

  get #filtered(): boolean {
    return Boolean(this.clientFilter || this.statusFilter || this.search);
  }

  protected override render(): TemplateResult {
    const view = this.#view;
    const split = this.threads.length > 0 || view !== 'list';
    return html`
      <section class="inbox" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">
            ${t('inbox.heading')}
            ${
              this.unreadTotal > 0
                ? html`<span class="unread-total" part="unread-total">${this.#plural(this.unreadTotal, 'inbox.unread-total-one', 'inbox.unread-total-other')}</span>`
                : nothing
            }
          </h2>
          <div class="header-actions">
            <button class="button secondary" part="refresh-button" type="button" @click=${() => void this.refresh()}>${t('inbox.refresh')}</button>
            ${this.#canWrite ? html`<button class="button" part="new-button" type="button" @click=${this.#startComposing}>${t('inbox.new')}</button>` : nothing}
          </div>
        </div>
        ${this.#renderFilters()}
        <div class="layout" data-view=${view} data-split=${split ? 'true' : 'false'}>
          <div class="threads" part="threads">
            ${this.#threadsTask.render({
              initial: () => this.#renderSkeleton(t('inbox.loading')),
              pending: () => (this.threads.length ? this.#renderThreadList() : this.#renderSkeleton(t('inbox.loading'))),
              complete: () => (this.threads.length ? this.#renderThreadList() : this.#renderEmpty()),
              error: (error) => this.#renderFailure(t('inbox.error-heading'), error, () => void this.#threadsTask.run()),
            })}
          </div>
          <section class="pane" part="pane" aria-labelledby=${view === 'compose' ? 'compose-heading' : view === 'thread' ? 'thread-heading' : nothing}>
            ${view === 'compose' ? this.#renderCompose() : view === 'thread' ? this.#renderThread() : this.#renderPlaceholder()}
          </section>
        </div>
        <datalist id="client-options">
          ${this.suggestions.map((contact) => html`<option value=${clientLabel(contact)}></option>`)}
        </datalist>
        <div class="visually-hidden" part="announcer" role="status">${this.#announcer.text}</div>
        <div class="alert floating-alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      </section>
    `;
  }

  #renderFilters(): TemplateResult {
    return html`
      <form class="filters" part="filters" role="search" aria-label=${t('inbox.filters')} @submit=${this.#onSearch}>
        <div class="field">
          <label for="filter-client">${t('inbox.filter.client')}</label>
          <input
            id="filter-client"
            part="client-filter"
            type="search"
            list="client-options"
            autocomplete="off"
            .value=${live(this.clientFilter?.label ?? this.#filterText)}
            aria-describedby="filter-client-hint"
            @input=${(event: Event) => this.#onClientInput(event, 'filter')}
          />
          <p class="hint" id="filter-client-hint">
            ${this.clientFilter ? t('inbox.filter.client-chosen', { name: this.clientFilter.label }) : t('inbox.filter.client-hint')}
          </p>
          ${this.suggestionError ? html`<p class="field-error">${t('inbox.error.clients', { reason: errorMessage(this.suggestionError) })}</p>` : nothing}
        </div>
        <div class="field">
          <label for="filter-status">${t('inbox.filter.status')}</label>
          <select id="filter-status" part="status-filter" .value=${live(this.statusFilter)} @change=${this.#onStatusChange}>
            <option value="">${t('inbox.filter.status-all')}</option>
            <option value="open">${t('inbox.filter.status-open')}</option>
            <option value="closed">${t('inbox.filter.status-closed')}</option>
          </select>
        </div>
        <div class="field search">
          <label for="filter-search">${t('inbox.filter.search')}</label>
          <span class="search-row">
            <input id="filter-search" part="search-input" type="search" name="q" maxlength=${MAX_SUBJECT} autocomplete="off" .value=${live(this.search)} />
            <button class="button secondary" part="search-button" type="submit">${t('inbox.filter.search-button')}</button>
          </span>
        </div>
        ${
          this.clientFilter
            ? html`<button class="link-button" part="clear-client-button" type="button" @click=${this.#clearClientFilter}>${t('inbox.filter.client-clear')}</button>`
            : nothing
        }
      </form>
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
    return this.#filtered
      ? html`<div class="state" part="empty"><p>${t('inbox.empty-filtered')}</p></div>`
      : html`<div class="state" part="empty">
          <h3>${t('inbox.empty')}</h3>
          <p>${t('inbox.empty-detail')}</p>
        </div>`;
  }

  #renderFailure(heading: string, error: unknown, retry: () => void): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    const text = !configured
      ? t('console.error.unexpected')
      : error instanceof ApiError && error.status === 404
        ? t('inbox.thread.not-found')
        : errorMessage(error);
    return html`
      <div class="state error-state" part="error">
        <h3>${heading}</h3>
        <div class="alert" role="alert"><p>${text}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${retry}>${t('console.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderThreadList(): TemplateResult {
    return html`
      <ul class="thread-list" part="thread-list" aria-label=${t('inbox.threads-label')}>
        ${repeat(
          this.threads,
          (thread) => thread.id,
          (thread) => this.#renderThreadItem(thread),
        )}
      </ul>
      <div class="more">
        <p class="visually-hidden" role="status">${this.loadingMore ? t('inbox.loading-more') : ''}</p>
        ${this.moreError ? html`<div class="alert" role="alert"><p>${t('inbox.more-error')} ${errorMessage(this.moreError)}</p></div>` : nothing}
        ${
          this.threadsCursor
            ? html`<button
                class="button secondary"
                part="load-more-button"
                type="button"
                aria-disabled=${this.loadingMore ? 'true' : 'false'}
                @click=${() => void this.#loadMore()}
              >
                ${this.loadingMore ? t('inbox.loading-more') : this.moreError ? t('console.retry') : t('inbox.load-more')}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  #renderThreadItem(thread: FirmThread): TemplateResult {
    const open = thread.id === this.itemId && !this.composing;
    const unread = thread.unreadCount > 0;
    const closed = thread.status === 'closed';
    const last = thread.lastMessage;
    const preview = last.author.type === 'staff' ? t('inbox.preview-staff', { name: last.author.name, preview: last.preview }) : last.preview;
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
            <span class="client-name" part="client-name">${thread.contact.name || thread.contact.email}</span>
            <time class="date" part="date" datetime=${thread.lastActivityAt}>${shortWhen(thread.lastActivityAt)}</time>
          </span>
          <span class="subject" part="subject">${thread.subject}</span>
          <span class="preview" part="preview">${preview}</span>
          ${
            unread || closed
              ? html`<span class="markers">
                  ${closed ? html`<span class="badge" part="closed-badge" data-tone="neutral">${t('inbox.closed')}</span>` : nothing}
                  ${
                    unread
                      ? html`<span class="unread" part="unread-badge"
                          ><span aria-hidden="true">${formatNumber(thread.unreadCount)}</span
                          ><span class="visually-hidden">${this.#plural(thread.unreadCount, 'inbox.unread-one', 'inbox.unread-other')}</span></span
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
    return html`<p class="placeholder" part="placeholder">${t('inbox.choose')}</p>`;
  }

  #renderThread(): TemplateResult {
    const thread = this.#openThread;
    const closed = thread?.status === 'closed';
    return html`
      <div class="thread-header" part="thread-header">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('inbox.back')}</button>
        <div class="thread-title">
          <h3 id="thread-heading" tabindex="-1">${thread?.subject ?? t('inbox.thread.loading')}</h3>
          ${closed ? html`<span class="badge" part="closed-badge" data-tone="neutral">${t('inbox.closed')}</span>` : nothing}
        </div>
        ${
          thread
            ? html`<p class="thread-client">${t('inbox.thread.with', { name: clientLabel(thread.contact) })}</p>
                <div class="thread-actions">
                  <button class="button secondary" part="open-client-button" type="button" @click=${() => this.#openClient(thread.contact.id)}>
                    ${t('inbox.open-client')}
                  </button>
                  ${
                    this.#canWrite
                      ? html`<button
                          class="button secondary"
                          part="status-button"
                          type="button"
                          aria-disabled=${this.changingStatus ? 'true' : 'false'}
                          @click=${() => void this.#setStatus(thread, closed ? 'open' : 'closed')}
                        >
                          ${this.changingStatus ? (closed ? t('inbox.reopening') : t('inbox.closing')) : closed ? t('inbox.reopen') : t('inbox.close')}
                        </button>`
                      : nothing
                  }
                </div>`
            : nothing
        }
      </div>
      ${this.#threadTask.render({
        initial: () => this.#renderSkeleton(t('inbox.thread.loading')),
        pending: () => this.#renderSkeleton(t('inbox.thread.loading')),
        complete: () => this.#renderLog(thread),
        error: (error) => this.#renderFailure(t('inbox.thread.error-heading'), error, () => void this.#threadTask.run()),
      })}
      ${this.#threadTask.status === TaskStatus.COMPLETE && thread && this.#canWrite ? this.#renderComposer(thread) : nothing}
    `;
  }

  #renderLog(thread: FirmThread | undefined): TemplateResult {
    // The firm's own messages sit where the client's sit in the portal: on the reader's side.
    return this.#log.render({
      label: t('inbox.log-label', { subject: thread?.subject ?? '' }),
      loadOlder: t('inbox.load-older'),
      loadingOlder: t('inbox.loading-older'),
      olderError: t('inbox.older-error'),
      retry: t('console.retry'),
      start: t('inbox.start'),
      newBelow: (count) => this.#plural(count, 'inbox.new-below-one', 'inbox.new-below-other'),
      errorMessage,
      author: ({ author }) =>
        author.type === 'staff'
          ? { name: author.name, role: t('inbox.role.staff'), side: 'contact', from: author.type }
          : { name: author.name, role: t('inbox.role.client'), side: 'staff', from: author.type },
      attachments: t('inbox.attachments'),
      download: t('inbox.download'),
      downloading: t('inbox.downloading'),
      isDownloading: (attachment) => this.#downloads.has(attachment.id),
      onDownload: (attachment) => void this.#download(attachment),
    });
  }

  #renderComposer(thread: FirmThread): TemplateResult {
    const closed = thread.status === 'closed';
    const draft = this.#drafts.get(thread.id) ?? '';
    return html`
      <form class="composer" part="composer" novalidate @submit=${this.#onReplySubmit}>
        ${closed ? html`<div class="closed-notice" part="closed-notice" id="closed-notice"><p>${t('inbox.closed-notice')}</p></div>` : nothing}
        <label class="composer-label" for="reply">${t('inbox.reply.label')}</label>
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
        <p class="hint" id="reply-hint">${t('inbox.reply.hint')} ${this.#staffName ? t('inbox.reply.as', { name: this.#staffName }) : ''}</p>
        ${this.replyError ? html`<p class="field-error" id="reply-error" role="alert">${this.replyError()}</p>` : nothing}
        ${this.#renderUploads(this.#replyUploads)}
        <div class="actions">
          ${renderAttachButton(this, 'reply-files', closed, t('inbox.attach'), (files) =>
            this.#attach(this.#replyUploads, files, (words) => (this.replyError = words)),
          )}
          <button class="button" part="send-button" type="submit" ?disabled=${closed} aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? t('inbox.sending') : t('inbox.send')}
          </button>
        </div>
      </form>
    `;
  }

  #renderUploads(tracker: UploadTracker): TemplateResult | typeof nothing {
    return renderUploads(tracker, { uploads: t('inbox.uploads'), remove: t('inbox.remove-file'), maxBytes: undefined });
  }

  #renderCompose(): TemplateResult {
    const errors = this.composeErrors;
    return html`
      <form class="compose" part="compose-form" novalidate @submit=${this.#onComposeSubmit}>
        <div class="thread-header">
          <button class="button secondary back" part="back-button" type="button" @click=${this.#cancelComposing}>${t('inbox.back')}</button>
          <h3 id="compose-heading" tabindex="-1">${t('inbox.compose.heading')}</h3>
        </div>
        ${this.composeError ? html`<div class="alert" role="alert"><p>${this.composeError()}</p></div>` : nothing}
        <div class="field">
          <label for="compose-client">${t('inbox.compose.client')}</label>
          <input
            id="compose-client"
            part="client-input"
            type="text"
            list="client-options"
            autocomplete="off"
            .value=${live(this.composeClient?.label ?? this.#composeDraft.client)}
            aria-invalid=${errors.client ? 'true' : 'false'}
            aria-describedby=${errors.client ? 'compose-client-hint client-error' : 'compose-client-hint'}
            @input=${(event: Event) => this.#onClientInput(event, 'compose')}
          />
          <p class="hint" id="compose-client-hint">${t('inbox.filter.client-hint')}</p>
          ${errors.client ? html`<p class="field-error" id="client-error">${errors.client()}</p>` : nothing}
        </div>
        <div class="field">
          <label for="subject">${t('inbox.compose.subject')}</label>
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
          <label for="compose-body">${t('inbox.compose.body')}</label>
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
          <p class="hint" id="compose-hint">${t('inbox.compose.hint')}</p>
          ${errors.body ? html`<p class="field-error" id="body-error">${errors.body()}</p>` : nothing}
        </div>
        ${this.#renderUploads(this.#composeUploads)}
        <div class="actions">
          ${renderAttachButton(this, 'compose-files', false, t('inbox.attach'), (files) =>
            this.#attach(this.#composeUploads, files, (words) => (this.composeError = words)),
          )}
          <button class="button" part="send-button" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? t('inbox.sending') : t('inbox.compose.send')}
          </button>
          <button class="button secondary" part="cancel-button" type="button" @click=${this.#cancelComposing}>${t('inbox.compose.cancel')}</button>
        </div>
      </form>
    `;
  }

  // Filters

  #onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#filter-search');
    const search = (input?.value ?? '').trim();
    if (search === this.search) {
      void this.#threadsTask.run();
      return;
    }
    this.#announceResults = true;
    this.search = search;
  };

  #onStatusChange = (event: Event): void => {
    this.#announceResults = true;
    this.statusFilter = (event.target as HTMLSelectElement).value as '' | 'open' | 'closed';
  };

  #clearClientFilter = async (): Promise<void> => {
    this.#filterText = '';
    this.#announceResults = true;
    this.clientFilter = undefined;
    await this.updateComplete;
    this.#focus('#filter-client');
  };

  /** Typing in a client picker: a suggestion picked chooses that client; other text looks clients up. */
  #onClientInput(event: Event, picker: 'filter' | 'compose'): void {
    const text = (event.target as HTMLInputElement).value;
    const match = this.suggestions.find((contact) => clientLabel(contact) === text);
    const chosen = match ? { id: match.id, label: clientLabel(match) } : undefined;
    if (picker === 'filter') {
      this.#filterText = text;
      if (chosen || (!text && this.clientFilter)) {
        this.#announceResults = true;
        this.clientFilter = chosen;
      } else if (this.clientFilter) this.clientFilter = undefined;
    } else {
      this.#composeDraft.client = text;
      this.composeClient = chosen;
      if (chosen && this.composeErrors.client) this.composeErrors = { ...this.composeErrors, client: undefined };
    }
    if (!chosen && text.trim()) void this.#lookUpClients(text.trim());
  }

  async #lookUpClients(q: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.#lookup?.abort();
    const request = new AbortController();
    this.#lookup = request;
    try {
      const page = await client.contacts.list({ q, limit: CLIENT_SUGGESTIONS }, { signal: request.signal });
      if (request.signal.aborted) return;
      this.suggestions = page.data;
      this.suggestionError = undefined;
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.suggestionError = error;
    }
  }

  // Opening and leaving threads

  async #open(threadId: string): Promise<void> {
    if (this.itemId === threadId && !this.composing) {
      this.#focus('#thread-heading');
      return;
    }
    this.composing = false;
    this.#returnTo = threadId;
    this.itemId = threadId;
    await this.updateComplete;
    this.#focus('#thread-heading');
  }

  #openClient(contactId: string): void {
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'clients', itemId: contactId }));
  }

  #back = async (): Promise<void> => {
    const returnTo = this.#returnTo ?? this.itemId;
    this.itemId = '';
    await this.updateComplete;
    this.#focusThread(returnTo);
  };

  #startComposing = async (): Promise<void> => {
    if (!this.composing) {
      this.#returnTo = this.itemId || this.#returnTo;
      this.composing = true;
      this.composeError = undefined;
      this.composeErrors = {};
      // A thread opened from a client's filter starts with that client.
      if (!this.composeClient && this.clientFilter) this.composeClient = this.clientFilter;
    }
    await this.updateComplete;
    this.#focus('#compose-client');
  };

  #cancelComposing = async (): Promise<void> => {
    this.#composeUploads.clear();
    this.#composeDraft = { subject: '', body: '', client: '' };
    this.composeClient = undefined;
    this.composing = false;
    this.composeErrors = {};
    this.composeError = undefined;
    await this.updateComplete;
    if (this.itemId) this.#focus('#thread-heading');
    else if (!this.#focusThread(this.#returnTo)) this.#focus('[part~="new-button"]');
  };

  #focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #focusThread(threadId: string | undefined): boolean {
    const button = threadId ? this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"] [part~="thread-button"]`) : null;
    if (button) button.focus();
    else this.#focus('#heading');
    return Boolean(button);
  }

  // Loading

  async #loadMore(): Promise<void> {
    const client = this.client;
    const cursor = this.threadsCursor;
    if (!client || !cursor || this.loadingMore) return;
    const request = new AbortController();
    this.#more = request;
    this.loadingMore = true;
    this.moreError = undefined;
    const firstNew = this.threads.length;
    try {
      const page = await client.threads.list({ ...this.#filters, limit: THREAD_PAGE, cursor }, { signal: request.signal });
      const known = new Set(this.threads.map((thread) => thread.id));
      this.threads = [...this.threads, ...page.data.filter((thread) => !known.has(thread.id))];
      this.threadsCursor = page.nextCursor;
      this.unreadTotal = page.unreadCount;
      await this.updateComplete;
      const next = this.threads[firstNew];
      if (next) this.#focusThread(next.id);
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.moreError = error;
    } finally {
      if (this.#more === request) {
        this.#more = undefined;
        this.loadingMore = false;
      }
    }
  }

  get #filters() {
    return { contactId: this.clientFilter?.id, status: this.statusFilter || undefined, q: this.search || undefined };
  }

  async #markRead(client: ConsoleClient, thread: FirmThread, signal: AbortSignal): Promise<void> {
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
  #noteThread(thread: FirmThread, toTop = false): void {
    const index = this.threads.findIndex((candidate) => candidate.id === thread.id);
    if (index === -1) {
      if (toTop) this.threads = [thread, ...this.threads];
      return;
    }
    const rest = this.threads.filter((candidate) => candidate.id !== thread.id);
    this.threads = toTop ? [thread, ...rest] : this.threads.map((candidate) => (candidate.id === thread.id ? thread : candidate));
  }

  // Checking for clients' new messages

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    if (!(this.pollInterval > 0) || !this.isConnected) return;
    this.#pollTimer = setTimeout(() => void this.#check(), this.pollInterval * 1000);
  }

  #stopPolling(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#poll?.abort();
    this.#poll = undefined;
  }

  #onVisibilityChange = (): void => {
    // A hidden page is not checked; it catches up as soon as it shows again.
    if (document.visibilityState === 'visible' && this.#pollTimer === undefined && this.#poll === undefined) void this.#check();
  };

  /** Loads the first page of the list and the open thread's newest messages, and merges what is new. */
  async #check(): Promise<void> {
    this.#pollTimer = undefined;
    const client = this.client;
    if (!client || document.visibilityState !== 'visible' || this.#threadsTask.status !== TaskStatus.COMPLETE) {
      if (document.visibilityState === 'visible') this.#schedulePoll();
      return;
    }
    this.#poll?.abort();
    const request = new AbortController();
    this.#poll = request;
    const threadId = this.itemId;
    try {
      const [list, page] = await Promise.all([
        client.threads.list({ ...this.#filters, limit: Math.min(100, Math.max(THREAD_PAGE, this.threads.length)) }, { signal: request.signal }),
        threadId && this.#threadTask.status === TaskStatus.COMPLETE
          ? client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal: request.signal })
          : undefined,
      ]);
      if (request.signal.aborted) return;
      this.threads = list.data;
      this.threadsCursor = list.nextCursor;
      this.unreadTotal = list.unreadCount;
      if (page && threadId === this.itemId) this.#merge(page, client, request.signal);
    } catch {
      // A missed check is made up by the next one.
    } finally {
      if (this.#poll === request) this.#poll = undefined;
      if (!request.signal.aborted) this.#schedulePoll();
    }
  }

  #merge(page: FirmThreadMessages, client: ConsoleClient, signal: AbortSignal): void {
    this.thread = page.thread;
    this.#noteThread(page.thread);
    const arrived = this.#log.merge(page);
    if (arrived.length === 0) return;
    const fromClient = arrived.filter((message) => message.author.type === 'contact');
    if (fromClient.length) {
      const [first] = fromClient;
      void this.#announcer.announce(() =>
        fromClient.length === 1
          ? t('inbox.announce.received', { name: first!.author.name })
          : t('inbox.announce.received-many', { count: formatNumber(fromClient.length) }),
      );
      this.#log.noteNewBelow(fromClient.length);
    }
    if (page.thread.unreadCount > 0) void this.#markRead(client, page.thread, signal);
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

  #attach(tracker: UploadTracker, files: File[], report: (words: Words | undefined) => void): void {
    attachFiles(tracker, files, undefined, (tooMany) => report(tooMany ? () => t('inbox.error.too-many-files', { count: MAX_ATTACHMENTS }) : undefined));
  }

  /** Shares a form's files with the thread's client, all at once; their ids in order, or undefined when one did not make it. */
  #uploadAttachments(tracker: UploadTracker, client: ConsoleClient, contactId: string): Promise<string[] | undefined> {
    const share = (file: File, options: { signal: AbortSignal; onProgress: (progress: { loaded: number; total: number }) => void }) =>
      client.files.share(contactId, file, { ...options, ...(this.#staffName ? { staffName: this.#staffName } : {}) });
    return uploadAttachments(tracker, share);
  }

  async #sendReply(): Promise<void> {
    const client = this.client;
    const thread = this.#openThread;
    if (!client || !thread || this.sending || thread.status === 'closed') return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>('#reply');
    const body = textarea?.value ?? '';
    this.replyError = undefined;
    if (!body.trim()) {
      this.replyError = () => t('inbox.error.body-required');
      textarea?.focus();
      return;
    }
    if (Array.from(body).length > MAX_BODY) {
      this.replyError = () => t('inbox.error.body-long', { max: formatNumber(MAX_BODY) });
      return;
    }
    const request = new AbortController();
    this.#send = request;
    this.sending = true;
    try {
      const attachmentIds = await this.#uploadAttachments(this.#replyUploads, client, thread.contact.id);
      if (request.signal.aborted) return;
      if (!attachmentIds) {
        this.replyError = () => t('inbox.error.files');
        return;
      }
      const message = await client.threads.reply(
        thread.id,
        { body, staffName: this.#staffName, ...(attachmentIds.length ? { attachmentIds } : {}) },
        { signal: request.signal },
      );
      if (request.signal.aborted) return;
      this.#drafts.delete(thread.id);
      if (textarea) textarea.value = '';
      this.#replyUploads.clear();
      this.#log.append(message);
      const updated: FirmThread = {
        ...thread,
        lastMessage: { id: message.id, author: message.author, preview: previewOf(message.body), createdAt: message.createdAt },
        lastActivityAt: message.createdAt,
      };
      this.thread = updated;
      this.#noteThread(updated, true);
      void this.#announcer.announce(() => t('inbox.announce.sent'));
      this.dispatchEvent(new PortalConsoleInboxSentEvent({ threadId: thread.id, messageId: message.id, contactId: thread.contact.id, newThread: false }));
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      if (error instanceof ApiError && error.code === 'thread_closed') {
        const closed: FirmThread = { ...thread, status: 'closed' };
        this.thread = closed;
        this.#noteThread(closed);
        this.replyError = () => t('inbox.error.closed');
      } else {
        const field = fieldError(error, 'body');
        this.replyError = field ? () => `${t('inbox.reply.label')}: ${field}` : () => t('inbox.error.send', { reason: errorMessage(error) });
      }
    } finally {
      if (this.#send === request) {
        this.#send = undefined;
        this.sending = false;
      }
    }
  }

  async #sendNewThread(): Promise<void> {
    const client = this.client;
    if (!client || this.sending) return;
    const chosen = this.composeClient;
    const subject = this.#composeDraft.subject.trim();
    const body = this.#composeDraft.body;
    const errors: ComposeErrors = {};
    if (!chosen) errors.client = () => t('inbox.error.client-required');
    if (!subject) errors.subject = () => t('inbox.error.subject-required');
    else if (Array.from(subject).length > MAX_SUBJECT) errors.subject = () => t('inbox.error.subject-long', { max: MAX_SUBJECT });
    if (!body.trim()) errors.body = () => t('inbox.error.body-required');
    else if (Array.from(body).length > MAX_BODY) errors.body = () => t('inbox.error.body-long', { max: formatNumber(MAX_BODY) });
    this.composeErrors = errors;
    this.composeError = undefined;
    if (!chosen || errors.subject || errors.body) {
      await this.#showComposeErrors();
      return;
    }
    const request = new AbortController();
    this.#send = request;
    this.sending = true;
    try {
      const attachmentIds = await this.#uploadAttachments(this.#composeUploads, client, chosen.id);
      if (request.signal.aborted) return;
      if (!attachmentIds) {
        this.composeError = () => t('inbox.error.files');
        return;
      }
      const started = await client.threads.create(
        { contactId: chosen.id, subject, body, staffName: this.#staffName, ...(attachmentIds.length ? { attachmentIds } : {}) },
        { signal: request.signal },
      );
      if (request.signal.aborted) return;
      this.#composeDraft = { subject: '', body: '', client: '' };
      this.composeClient = undefined;
      this.#composeUploads.clear();
      this.#noteThread(started.thread, true);
      this.composing = false;
      this.#returnTo = started.thread.id;
      this.itemId = started.thread.id;
      void this.#announcer.announce(() => t('inbox.announce.started', { subject: started.thread.subject }));
      this.dispatchEvent(
        new PortalConsoleInboxSentEvent({ threadId: started.thread.id, messageId: started.message.id, contactId: chosen.id, newThread: true }),
      );
      await this.updateComplete;
      this.#focus('#thread-heading');
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      const client = fieldError(error, 'contactId') ?? (error instanceof ApiError && /^contact_/.test(error.code) ? errorMessage(error) : undefined);
      const subjectError = fieldError(error, 'subject');
      const bodyError = fieldError(error, 'body');
      if (client || subjectError || bodyError) {
        this.composeErrors = {
          ...(client ? { client: () => client } : {}),
          ...(subjectError ? { subject: () => `${t('inbox.compose.subject')}: ${subjectError}` } : {}),
          ...(bodyError ? { body: () => `${t('inbox.compose.body')}: ${bodyError}` } : {}),
        };
        await this.#showComposeErrors();
      } else {
        this.composeError = () => t('inbox.error.send', { reason: errorMessage(error) });
      }
    } finally {
      if (this.#send === request) {
        this.#send = undefined;
        this.sending = false;
      }
    }
  }

  async #showComposeErrors(): Promise<void> {
    const errors = this.composeErrors;
    this.composeError = () => t('inbox.error.fix-fields');
    await this.updateComplete;
    this.#focus(errors.client ? '#compose-client' : errors.subject ? '#subject' : '#compose-body');
  }

  async #setStatus(thread: FirmThread, status: 'open' | 'closed'): Promise<void> {
    const client = this.client;
    if (!client || this.changingStatus) return;
    this.changingStatus = true;
    this.alert = undefined;
    try {
      const updated = status === 'closed' ? await client.threads.close(thread.id) : await client.threads.reopen(thread.id);
      if (this.thread?.id === updated.id) this.thread = updated;
      this.#noteThread(updated);
      void this.#announcer.announce(() => (status === 'closed' ? t('inbox.announce.closed') : t('inbox.announce.reopened')));
      this.dispatchEvent(new PortalConsoleInboxStatusEvent({ threadId: updated.id, status: updated.status }));
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('inbox.error.status', { reason: errorMessage(error) });
    } finally {
      this.changingStatus = false;
    }
  }

  async #download(attachment: Attachment): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.#downloads.save(attachment.id, attachment.name, () => client.files.download(attachment.id), {
      started: () => (this.alert = undefined),
      saved: () => void this.#announcer.announce(() => t('inbox.announce.downloaded', { name: attachment.name })),
      failed: (error) => (this.alert = () => t('inbox.error.download', { name: attachment.name, reason: errorMessage(error) })),
    });
  }

  #plural(count: number, one: PluralKey, other: PluralKey): string {
    const key = new Intl.PluralRules(validLocale(currentLanguage())).select(count) === 'one' ? one : other;
    return t(key, { count: formatNumber(count) });
  }
}

type PluralKey =
  | 'inbox.unread-total-one'
  | 'inbox.unread-total-other'
  | 'inbox.unread-one'
  | 'inbox.unread-other'
  | 'inbox.new-below-one'
  | 'inbox.new-below-other'
  | 'inbox.announce.results-one'
  | 'inbox.announce.results-other'
  | 'inbox.announce.older-one'
  | 'inbox.announce.older-other';

/** The service's message for one field of a 400/422 problem, with the field named. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = error.errors.find((candidate) => candidate.field === field || candidate.field.startsWith(`${field}.`));
  return found ? `${found.field === field ? '' : `${found.field}: `}${found.message}` : undefined;
}
