import { Task, type TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import type { Thread, ThreadPage } from '../api/types.ts';
import { NotConfiguredError, untilAborted } from '../base/states.ts';
import type { ApiClientController } from '../controllers/api-client-controller.ts';
import { CursorPagesController, type LoadMoreLabels } from '../controllers/cursor-pages-controller.ts';

// Threads per request.
const THREAD_PAGE = 20;

export interface ThreadListOptions {
  api: ApiClientController;
  /** True when the firm does not offer messages: nothing is asked. */
  disabled: () => boolean;
  /** A later page arrived: the client continues at its first thread. */
  focusThread: (threadId: string) => void;
}

/** What shows in place of the list while it loads, once it loaded, or when it failed. */
export interface ThreadListRenderers {
  initial: () => unknown;
  pending: () => unknown;
  complete: () => unknown;
  error: (error: unknown) => unknown;
}

/**
 * The client's threads, newest activity first: the first page and "Load more", the unread total,
 * the thread that is open, and each thread's latest state as the client reads and writes.
 */
export class ThreadListController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #unreadTotal = 0;

  readonly #pages: CursorPagesController<Thread, ThreadPage>;
  readonly #task: Task<readonly [ApiClient | undefined, string, boolean], ThreadPage | undefined>;

  constructor(host: ReactiveControllerHost, options: ThreadListOptions) {
    this.#host = host;
    this.#pages = new CursorPagesController<Thread, ThreadPage>(host, {
      fetch: (cursor, signal) => options.api.value?.threads.list({ limit: THREAD_PAGE, cursor }, { signal }),
      key: (thread) => thread.id,
      added: async (page, { firstNew }) => {
        this.#setUnread(page.unreadCount);
        await host.updateComplete;
        const next = this.threads[firstNew];
        if (next) options.focusThread(next.id);
      },
    });
    this.#task = new Task(host, {
      task: async ([client, , disabled], { signal }) => {
        this.#pages.restart();
        if (disabled) return undefined;
        if (!client) return options.api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
        const page = await client.threads.list({ limit: THREAD_PAGE }, { signal });
        this.#pages.show(page);
        this.#setUnread(page.unreadCount);
        return page;
      },
      args: () => [options.api.signedInClient, options.api.contactId, options.disabled()] as const,
    });
    host.addController(this);
  }

  hostConnected(): void {}

  /** The threads loaded so far, newest activity first. */
  get threads(): readonly Thread[] {
    return this.#pages.items;
  }

  /** How many messages are unread over every thread. */
  get unreadTotal(): number {
    return this.#unreadTotal;
  }

  get status(): TaskStatus {
    return this.#task.status;
  }

  find(threadId: string): Thread | undefined {
    return this.threads.find((thread) => thread.id === threadId);
  }

  /** Loads the first page again. */
  run(): Promise<void> {
    return this.#task.run();
  }

  render(renderers: ThreadListRenderers): unknown {
    return this.#task.render(renderers);
  }

  /** "Load more threads": what is loading, the last failure, and the button. */
  renderMore(labels: LoadMoreLabels): TemplateResult {
    return this.#pages.renderMore(labels);
  }

  /** Puts a thread's latest state into the list, moving it to the top when it had news. */
  note(thread: Thread, toTop = false): void {
    const threads = this.threads;
    const index = threads.findIndex((candidate) => candidate.id === thread.id);
    if (index === -1) {
      if (toTop) this.#pages.items = [thread, ...threads];
      return;
    }
    const rest = threads.filter((candidate) => candidate.id !== thread.id);
    this.#pages.items = toTop ? [thread, ...rest] : threads.map((candidate) => (candidate.id === thread.id ? thread : candidate));
  }

  /** A thread was marked read: its unread messages leave the total. `before` is its unread count as last known. */
  read(thread: Thread, before: number): void {
    const listed = this.find(thread.id)?.unreadCount ?? before;
    this.#setUnread(Math.max(0, this.#unreadTotal - listed));
    this.note(thread);
  }

  #setUnread(count: number): void {
    this.#unreadTotal = count;
    this.#host.requestUpdate();
  }
}
