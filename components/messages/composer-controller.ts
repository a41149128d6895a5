import type { ReactiveController, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { Thread, ThreadMessage } from '../api/types.ts';
import { LatestRequestController } from '../controllers/latest-request-controller.ts';
import { UploadTracker } from '../files/upload-tracker.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatNumber } from '../i18n/format.ts';
import { t } from './messages-catalog.ts';
import { attachFiles, MAX_ATTACHMENTS, renderUploads, uploadAttachments } from './composer-files.ts';

/** A message produced while rendering, so that it follows the current language. */
export type Words = () => string;

export interface ComposeErrors {
  subject?: Words;
  body?: Words;
}

// The service's limits on what a client writes.
export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

/** Where a message goes: a reply into an open thread, or the first message of a new one. */
export type Destination = { reply: Thread } | { newThread: true };

/** What the service stored: the thread (new, or the one replied to) and the message. */
export interface Sent {
  thread: Thread;
  message: ThreadMessage;
  newThread: boolean;
}

export interface ComposerOptions {
  client: () => ApiClient | undefined;
  /** The firm's upload limit. */
  maxBytes: () => number | undefined;
  /** The reply box, whose text is what a reply sends. */
  replyField: () => HTMLTextAreaElement | null;
  /** A field the client must fix (it takes focus once shown). */
  invalid: (field: 'reply' | 'subject' | 'body') => void | Promise<void>;
  /** The service stored the message. */
  sent: (sent: Sent) => void | Promise<void>;
  /** The service says the thread replied to is closed. */
  closed: (thread: Thread) => void;
}

/**
 * What the client writes: the reply to the open thread (a draft per thread), the form that starts
 * a thread, the files chosen for each, and one `send` for both: files first, each with its
 * progress, then the message. One message is on its way at a time.
 */
export class ComposerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ComposerOptions;
  readonly #send: LatestRequestController;
  /** True while the form that starts a thread is open. */
  composing = false;
  /** True while a message is on its way. */
  sending = false;
  /** What is wrong with the reply, or why it was not sent. */
  replyError: Words | undefined;
  /** Why the new thread was not sent, and what is wrong with its fields. */
  composeError: Words | undefined;
  composeErrors: ComposeErrors = {};
  /** The new thread's subject and text as typed so far. */
  newThread = { subject: '', body: '' };
  /** Unsent replies, by thread. */
  readonly drafts = new Map<string, string>();

  /** The files chosen for the reply and for a new thread. */
  readonly replyUploads: UploadTracker;
  readonly composeUploads: UploadTracker;

  constructor(host: ReactiveControllerHost, options: ComposerOptions) {
    this.#host = host;
    this.#options = options;
    this.#send = new LatestRequestController(host);
    this.replyUploads = new UploadTracker(host);
    this.composeUploads = new UploadTracker(host);
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.sending = false;
  }

  /** Opens the form that starts a thread (as it was left, when it is already open). */
  startComposing(): void {
    if (this.composing) return;
    this.composing = true;
    this.composeError = undefined;
    this.composeErrors = {};
    this.#host.requestUpdate();
  }

  /** Closes the form that starts a thread. `discard` forgets what was written in it and its files. */
  stopComposing(discard: boolean): void {
    if (discard) {
      this.composeUploads.clear();
      this.newThread = { subject: '', body: '' };
      this.composeErrors = {};
      this.composeError = undefined;
    }
    this.composing = false;
    this.#host.requestUpdate();
  }

  /** Another thread opens: a reply on its way is dropped, with its problem and files. */
  leaveThread(): void {
    this.#send.abort();
    this.sending = false;
    this.replyError = undefined;
    this.replyUploads.clear();
  }

  /** Adds chosen files to the reply's or the new thread's attachments, refusing those past the limit of ten. */
  attach(to: 'reply' | 'compose', files: File[]): void {
    const tracker = to === 'reply' ? this.replyUploads : this.composeUploads;
    attachFiles(tracker, files, this.#options.maxBytes(), (tooMany) =>
      this.#report(to, tooMany ? () => t('messages.error.too-many-files', { count: MAX_ATTACHMENTS }) : undefined),
    );
  }

  /** The rows of the files chosen for the reply or the new thread. */
  renderUploads(to: 'reply' | 'compose'): TemplateResult | typeof nothing {
    return renderUploads(to === 'reply' ? this.replyUploads : this.composeUploads, {
      uploads: t('messages.uploads'),
      remove: t('messages.remove-file'),
      maxBytes: this.#options.maxBytes(),
    });
  }

  /**
   * Sends what the client wrote to `destination`: checks it, uploads the files not yet uploaded,
   * then the message. Problems show on the form; the host hears of success through `sent`.
   */
  async send(destination: Destination): Promise<void> {
    const client = this.#options.client();
    if (!client || this.sending) return;
    const reply = 'reply' in destination ? destination.reply : undefined;
    if (reply?.status === 'closed') return;
    const to = reply ? 'reply' : 'compose';
    const field = reply ? this.#options.replyField() : null;
    const subject = this.newThread.subject.trim();
    const body = reply ? (field?.value ?? '') : this.newThread.body;
    const problem = this.#check(to, subject, body);
    if (problem) {
      if (to === 'compose') await this.#host.updateComplete;
      if (problem.focus) await this.#options.invalid(problem.focus);
      return;
    }
    const signal = this.#send.start();
    this.#setSending(true);
    const tracker = reply ? this.replyUploads : this.composeUploads;
    try {
      const attachmentIds = await uploadAttachments(tracker, client);
      if (signal.aborted) return;
      if (!attachmentIds) {
        this.#report(to, () => t('messages.error.files'));
        return;
      }
      const files = attachmentIds.length ? { attachmentIds } : {};
      let sent: Sent;
      if (reply) {
        const message = await client.threads.reply(reply.id, { body, ...files }, { signal });
        if (signal.aborted) return;
        this.drafts.delete(reply.id);
        if (field) field.value = '';
        sent = { thread: reply, message, newThread: false };
      } else {
        const started = await client.threads.create({ subject, body, ...files }, { signal });
        if (signal.aborted) return;
        this.newThread = { subject: '', body: '' };
        this.composing = false;
        sent = { thread: started.thread, message: started.message, newThread: true };
      }
      tracker.clear();
      await this.#options.sent(sent);
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      if (reply && error instanceof ApiError && error.code === 'thread_closed') {
        this.#options.closed({ ...reply, status: 'closed' });
        this.#report(to, () => t('messages.error.closed'));
      } else {
        this.#report(to, () => t('messages.error.send', { reason: errorMessage(error) }));
      }
    } finally {
      if (this.#send.finish(signal)) this.#setSending(false);
    }
  }

  /** Checks the text (and a new thread's subject) and shows what to fix; undefined when all is well. */
  #check(to: 'reply' | 'compose', subject: string, body: string): { focus?: 'reply' | 'subject' | 'body' } | undefined {
    const bodyError = !body.trim()
      ? () => t('messages.error.body-required')
      : Array.from(body).length > MAX_BODY
        ? () => t('messages.error.body-long', { max: formatNumber(MAX_BODY) })
        : undefined;
    if (to === 'reply') {
      this.#report('reply', bodyError);
      if (!bodyError) return undefined;
      // An empty box takes focus; a long text stays where the client is editing it.
      return body.trim() ? {} : { focus: 'reply' };
    }
    const errors: ComposeErrors = {};
    if (!subject) errors.subject = () => t('messages.error.subject-required');
    else if (Array.from(subject).length > MAX_SUBJECT) errors.subject = () => t('messages.error.subject-long', { max: MAX_SUBJECT });
    if (bodyError) errors.body = bodyError;
    this.composeErrors = errors;
    const invalid = Boolean(errors.subject || errors.body);
    this.#report('compose', invalid ? () => t('messages.error.fix-fields') : undefined);
    return invalid ? { focus: errors.subject ? 'subject' : 'body' } : undefined;
  }

  #report(to: 'reply' | 'compose', words: Words | undefined): void {
    if (to === 'reply') this.replyError = words;
    else this.composeError = words;
    this.#host.requestUpdate();
  }

  #setSending(sending: boolean): void {
    this.sending = sending;
    this.#host.requestUpdate();
  }
}
