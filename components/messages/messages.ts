import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import type { Attachment, Thread } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { renderEmpty, renderFailure, renderSkeleton } from '../base/section-states.ts';
import { toggleState } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { BrandingController } from '../controllers/branding-controller.ts';
import { DownloadsController } from '../controllers/downloads-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatNumber } from '../i18n/format.ts';
import { currentLanguage, validLocale } from '../i18n/language.ts';
import { t } from './messages-catalog.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalMessageSentEvent, PortalThreadOpenEvent } from './events.ts';
import { renderComposeForm, renderReplyForm } from './composer.ts';
import { ComposerController, MAX_SUBJECT, type Sent, type Words } from './composer-controller.ts';
import { OpenThreadController } from './open-thread-controller.ts';
import { previewOf, shortWhen } from './thread-format.ts';
import { ThreadListController } from './thread-list-controller.ts';
import { messagesStyles } from './messages.styles.ts';

/** What the element shows: the list alone, a thread, or the form for a new thread. */
type View = 'list' | 'thread' | 'compose';

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

  readonly #api = new ApiClientController(this);
  readonly #branding = new BrandingController(this, () => this.#api.value);
  readonly #downloads = new DownloadsController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  /** Why an attached file could not be downloaded, in the current language. */
  @state() private alert: Words | undefined;
  /** The thread to return focus to when the client goes back to the list. */
  #returnTo: string | undefined;

  readonly #composer = new ComposerController(this, {
    client: () => this.#api.value,
    maxBytes: () => this.#branding.value?.maxUploadBytes,
    replyField: () => this.renderRoot.querySelector<HTMLTextAreaElement>('#reply'),
    invalid: (field) => this.#focus(field === 'reply' ? '#reply' : field === 'subject' ? '#subject' : '#compose-body'),
    sent: (sent) => this.#sent(sent),
    closed: (thread) => {
      this.#thread.thread = thread;
      this.#list.note(thread);
    },
  });

  // The list before the open thread: opening a thread finds it in the list first.
  readonly #list = new ThreadListController(this, {
    api: this.#api,
    disabled: () => this.#disabled,
    focusThread: (threadId) => void this.#focusThread(threadId),
  });

  readonly #thread = new OpenThreadController(this, {
    api: this.#api,
    list: this.#list,
    threadId: () => this.threadId,
    disabled: () => this.#disabled,
    pollInterval: () => this.pollInterval,
    opening: () => this.#composer.leaveThread(),
    olderLoaded: (count) => void this.#announcer.announce(() => plural(count, 'messages.announce.older-one', 'messages.announce.older-other')),
    received: (fromFirm) => {
      const [first] = fromFirm;
      void this.#announcer.announce(() =>
        fromFirm.length === 1
          ? t('messages.announce.received', { name: first!.author.name })
          : t('messages.announce.received-many', { count: formatNumber(fromFirm.length) }),
      );
    },
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** The threads loaded so far, newest activity first. */
  protected get threads(): readonly Thread[] {
    return this.#list.threads;
  }

  /** Loads the threads, and the open thread, again. */
  async refresh(): Promise<void> {
    await Promise.all([this.#list.run(), this.threadId ? this.#thread.run() : undefined]);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined && this.#thread.thread) this.#thread.schedulePoll();
    const status = this.#list.status;
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
    if (this.#composer.composing) return 'compose';
    return this.threadId ? 'thread' : 'list';
  }

  protected override render(): TemplateResult {
    const view = this.#view;
    const hasThreads = this.threads.length > 0;
    const unreadTotal = this.#list.unreadTotal;
    return html`
      <section class="messages-section" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">
            ${t('messages.heading')}
            ${
              unreadTotal > 0
                ? html`<span class="unread-total" part="unread-total">${plural(unreadTotal, 'messages.unread-total-one', 'messages.unread-total-other')}</span>`
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
                : this.#list.render({
                    initial: () => renderSkeleton(t('messages.loading')),
                    pending: () => (this.threads.length ? this.#renderThreadList() : renderSkeleton(t('messages.loading'))),
                    complete: () => (this.threads.length ? this.#renderThreadList() : renderEmpty(t('messages.empty'), t('messages.empty-detail'))),
                    error: (error) => this.#renderFailure(t('messages.error-heading'), error, () => void this.#list.run()),
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

  #renderDisabled(): TemplateResult {
    return html`
      <div class="state" part="disabled">
        <p>${t('messages.disabled', { firm: this.#branding.value?.name ?? t('messages.disabled-firm') })}</p>
      </div>
    `;
  }

  #renderFailure(heading: string, error: unknown, retry: () => void): TemplateResult {
    return renderFailure(heading, error, {
      disabled: () => t('messages.disabled', { firm: this.#branding.value?.name ?? t('messages.disabled-firm') }),
      notFound: () => t('messages.thread.not-found'),
      retry,
    });
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
      ${this.#list.renderMore({ more: t('messages.load-more'), loading: t('messages.loading-more'), failed: t('messages.more-error') })}
    `;
  }

  #renderThreadItem(thread: Thread): TemplateResult {
    const open = thread.id === this.threadId && !this.#composer.composing;
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
    const thread = this.#thread.thread;
    const closed = thread?.status === 'closed';
    return html`
      <div class="thread-header" part="thread-header">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('messages.back')}</button>
        <div class="thread-title">
          <h3 id="thread-heading" part="thread-heading" tabindex="-1">${thread?.subject ?? t('messages.thread.loading')}</h3>
          ${closed ? html`<span class="badge" part="closed-badge" data-tone="neutral">${t('messages.closed')}</span>` : nothing}
        </div>
      </div>
      ${this.#thread.render({
        initial: () => renderSkeleton(t('messages.thread.loading')),
        pending: () => renderSkeleton(t('messages.thread.loading')),
        complete: () => this.#renderLog(thread),
        error: (error) => this.#renderFailure(t('messages.thread.error-heading'), error, () => void this.#thread.run()),
      })}
      ${this.#thread.status === TaskStatus.COMPLETE && thread ? this.#renderComposer(thread) : nothing}
    `;
  }

  #renderLog(thread: Thread | undefined): TemplateResult {
    return this.#thread.log.render({
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
    const composer = this.#composer;
    return renderReplyForm(this, {
      closed: thread.status === 'closed',
      closedNotice: html`<div class="closed-notice" part="closed-notice" id="closed-notice">
        <p>${t('messages.closed-notice')}</p>
        <button class="button secondary" part="new-button" type="button" @click=${this.#startComposing}>${t('messages.new')}</button>
      </div>`,
      draft: composer.drafts.get(thread.id) ?? '',
      onDraft: (value) => composer.drafts.set(thread.id, value),
      label: t('messages.reply.label'),
      hint: t('messages.reply.hint'),
      error: composer.replyError,
      uploads: composer.renderUploads('reply'),
      attach: t('messages.attach'),
      onAttach: (files) => composer.attach('reply', files),
      sending: composer.sending,
      sendingLabel: t('messages.sending'),
      sendLabel: t('messages.send'),
      send: () => void composer.send({ reply: thread }),
    });
  }

  #renderCompose(): TemplateResult {
    const composer = this.#composer;
    const errors = composer.composeErrors;
    return renderComposeForm(this, {
      heading: t('messages.compose.heading'),
      back: t('messages.back'),
      error: composer.composeError,
      subject: {
        label: t('messages.compose.subject'),
        value: composer.newThread.subject,
        max: MAX_SUBJECT,
        error: errors.subject,
        onInput: (value) => (composer.newThread.subject = value),
      },
      body: {
        label: t('messages.compose.body'),
        value: composer.newThread.body,
        hint: t('messages.compose.hint'),
        error: errors.body,
        onInput: (value) => (composer.newThread.body = value),
      },
      uploads: composer.renderUploads('compose'),
      attach: t('messages.attach'),
      onAttach: (files) => composer.attach('compose', files),
      sending: composer.sending,
      sendingLabel: t('messages.sending'),
      sendLabel: t('messages.compose.send'),
      send: () => void composer.send({ newThread: true }),
      cancelLabel: t('messages.compose.cancel'),
      cancel: () => void this.#cancelComposing(),
    });
  }

  // Opening and leaving threads

  async #open(threadId: string): Promise<void> {
    if (this.threadId === threadId && !this.#composer.composing) {
      this.#focus('#thread-heading');
      return;
    }
    this.#composer.stopComposing(false);
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
    if (!this.#composer.composing) this.#returnTo = this.threadId || this.#returnTo;
    this.#composer.startComposing();
    await this.updateComplete;
    this.#focus('#subject');
  }

  async #cancelComposing(): Promise<void> {
    this.#composer.stopComposing(true);
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

  // Writing

  /** The service stored a message: the thread and the list show it, and the client hears of it. */
  async #sent({ thread, message, newThread }: Sent): Promise<void> {
    if (!newThread) {
      this.#thread.log.append(message);
      const updated: Thread = {
        ...thread,
        lastMessage: { id: message.id, author: message.author, preview: previewOf(message.body), createdAt: message.createdAt },
        lastActivityAt: message.createdAt,
      };
      this.#thread.thread = updated;
      this.#list.note(updated, true);
      void this.#announcer.announce(() => t('messages.announce.sent'));
      this.dispatchEvent(new PortalMessageSentEvent({ threadId: thread.id, messageId: message.id, newThread: false }));
      return;
    }
    this.#list.note(thread, true);
    this.#returnTo = thread.id;
    this.threadId = thread.id;
    void this.#announcer.announce(() => t('messages.announce.started', { subject: thread.subject }));
    this.dispatchEvent(new PortalMessageSentEvent({ threadId: thread.id, messageId: message.id, newThread: true }));
    this.dispatchEvent(new PortalThreadOpenEvent({ threadId: thread.id }));
    await this.updateComplete;
    this.#focus('#thread-heading');
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
