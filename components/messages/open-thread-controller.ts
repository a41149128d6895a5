import { Task, TaskStatus } from '@lit/task';
import type { LitElement, ReactiveController } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import type { Thread, ThreadMessage, ThreadMessagePage } from '../api/types.ts';
import { NotConfiguredError, untilAborted } from '../base/states.ts';
import type { ApiClientController } from '../controllers/api-client-controller.ts';
import { LatestRequestController } from '../controllers/latest-request-controller.ts';
import { ThreadLog } from './thread-log.ts';
import type { ThreadListController } from './thread-list-controller.ts';

// Messages per request: the newest page when a thread opens, and each older page.
const MESSAGE_PAGE = 50;

export interface OpenThreadOptions {
  api: ApiClientController;
  list: ThreadListController;
  /** The thread to show ('' for none). */
  threadId: () => string;
  /** True when the firm does not offer messages: nothing is asked. */
  disabled: () => boolean;
  /** Seconds between checks for new messages while the page is visible; 0 for none. */
  pollInterval: () => number;
  /** Another thread opens (or none): what was written for the one before goes. */
  opening: () => void;
  /** A page of earlier messages joined the log. */
  olderLoaded: (count: number) => void;
  /** A check brought messages from the firm. */
  received: (fromFirm: readonly ThreadMessage[]) => void;
}

/**
 * The open thread: its newest messages when it opens and earlier ones on demand (its log),
 * marking it read once the client can see it, and checking it for new messages every
 * `pollInterval` seconds while the page is visible (a hidden page catches up when it shows).
 */
export class OpenThreadController implements ReactiveController {
  readonly #host: LitElement;
  readonly #options: OpenThreadOptions;
  #thread: Thread | undefined;
  readonly #poll: LatestRequestController;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #pollWhenVisible = false;
  /** A thread with unread messages, waiting for the client to see it. */
  #unseen: { client: ApiClient; thread: Thread; signal: AbortSignal } | undefined;
  #seen: IntersectionObserver | undefined;

  readonly #task: Task<readonly [ApiClient | undefined, string, string, boolean], ThreadMessagePage | undefined>;
  /** The open thread's messages. */
  readonly log: ThreadLog;

  constructor(host: LitElement, options: OpenThreadOptions) {
    this.#host = host;
    this.#options = options;
    this.#poll = new LatestRequestController(host);
    this.#task = new Task(host, {
      task: async ([client, , threadId, disabled], { signal }) => {
        this.#stopPolling();
        this.log.reset();
        options.opening();
        this.#set(options.list.find(threadId));
        if (!threadId || disabled) return undefined;
        if (!client) return options.api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
        const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal });
        this.#set(page.thread);
        this.log.show(page);
        options.list.note(page.thread);
        if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
        this.schedulePoll();
        return page;
      },
      args: () => [options.api.signedInClient, options.api.contactId, options.threadId(), options.disabled()] as const,
    });
    // Created after the task: it places the messages the task sets in the same update.
    this.log = new ThreadLog(host, {
      older: () => {
        const client = options.api.value;
        const threadId = options.threadId();
        return client && threadId ? (before, signal) => client.threads.get(threadId, { before, limit: MESSAGE_PAGE }, { signal }) : undefined;
      },
      olderLoaded: options.olderLoaded,
    });
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    if (this.#host.hasUpdated && this.#thread) this.schedulePoll();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#seen?.disconnect();
    this.#unseen = undefined;
    this.#stopPolling();
  }

  /** The open thread: as last loaded, else as the list shows it. */
  get thread(): Thread | undefined {
    const threadId = this.#options.threadId();
    if (this.#thread?.id === threadId) return this.#thread;
    return this.#options.list.find(threadId);
  }

  /** The thread changed here (a reply sent, found closed): the header and the list follow. */
  set thread(thread: Thread) {
    this.#set(thread);
  }

  get status(): TaskStatus {
    return this.#task.status;
  }

  run(): Promise<void> {
    return this.#task.run();
  }

  render(renderers: { initial: () => unknown; pending: () => unknown; complete: () => unknown; error: (error: unknown) => unknown }): unknown {
    return this.#task.render(renderers);
  }

  /** Plans the next check for new messages (again, when the interval changed). */
  schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    const interval = this.#options.pollInterval();
    if (!(interval > 0) || !this.#options.threadId() || !this.#host.isConnected) return;
    this.#pollTimer = setTimeout(() => void this.#checkForMessages(), interval * 1000);
  }

  #set(thread: Thread | undefined): void {
    this.#thread = thread;
    this.#host.requestUpdate();
  }

  #stopPolling(): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#pollWhenVisible = false;
    this.#poll.abort();
  }

  // Marking read

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
    this.#seen.observe(this.#host);
  }

  #onSeen(entries: readonly { isIntersecting: boolean }[]): void {
    const unseen = this.#unseen;
    if (!unseen || !entries.some((entry) => entry.isIntersecting)) return;
    this.#unseen = undefined;
    this.#seen?.disconnect();
    if (!unseen.signal.aborted && unseen.thread.id === this.#options.threadId()) void this.#markRead(unseen.client, unseen.thread, unseen.signal);
  }

  async #markRead(client: ApiClient, thread: Thread, signal: AbortSignal): Promise<void> {
    try {
      const read = await client.threads.markRead(thread.id, { signal });
      this.#options.list.read(read, thread.unreadCount);
      if (this.#thread?.id === read.id) this.#set(read);
    } catch {
      // Still unread on the service: the badge comes back with the next load, nothing is lost.
    }
  }

  // Checking for new messages

  /** Whether the element takes up room on the page (it is not inside something hidden). */
  get #shown(): boolean {
    const host = this.#host;
    return typeof host.checkVisibility === 'function' ? host.checkVisibility() : host.getClientRects().length > 0;
  }

  #onVisibilityChange = (): void => {
    if (document.visibilityState === 'visible' && this.#pollWhenVisible) {
      this.#pollWhenVisible = false;
      void this.#checkForMessages();
    }
  };

  async #checkForMessages(): Promise<void> {
    this.#pollTimer = undefined;
    const client = this.#options.api.value;
    const threadId = this.#options.threadId();
    if (!client || !threadId || this.#task.status !== TaskStatus.COMPLETE) return;
    if (document.visibilityState !== 'visible') {
      // A hidden page is not checked; it catches up as soon as it shows again.
      this.#pollWhenVisible = true;
      return;
    }
    if (!this.#shown) {
      // Nor is a thread in a part of the page that is hidden (another section of the portal).
      this.schedulePoll();
      return;
    }
    const signal = this.#poll.start();
    try {
      const page = await client.threads.get(threadId, { limit: MESSAGE_PAGE }, { signal });
      if (signal.aborted || threadId !== this.#options.threadId()) return;
      this.#merge(page, client, signal);
    } catch {
      // A missed check is made up by the next one.
    } finally {
      this.#poll.finish(signal);
      if (!signal.aborted && threadId === this.#options.threadId()) this.schedulePoll();
    }
  }

  /** Adds the newest messages of a check to the open thread, and tells the client about the firm's. */
  #merge(page: ThreadMessagePage, client: ApiClient, signal: AbortSignal): void {
    this.#set(page.thread);
    const arrived = this.log.merge(page);
    if (arrived.length === 0) {
      this.#options.list.note(page.thread);
      return;
    }
    this.#options.list.note(page.thread, true);
    const fromFirm = arrived.filter((message) => message.author.type === 'staff');
    if (fromFirm.length) {
      this.#options.received(fromFirm);
      this.log.noteNewBelow(fromFirm.length);
    }
    if (page.thread.unreadCount > 0) this.#readWhenSeen(client, page.thread, signal);
  }
}
