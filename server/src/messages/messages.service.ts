import type { WebhookEvents } from '../webhooks/index.ts';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Contact, ContactsService, EmailChoices } from '../contacts/index.ts';
import type { Attachment, FilesService } from '../files/index.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Mailer } from '../mail/index.ts';
import { clientMessageNotice, newMessageNotice } from './message.emails.ts';
import {
  firmThreadListQuery,
  messagesQuery,
  newMessageSchema,
  newThreadSchema,
  staffMessageSchema,
  staffThreadSchema,
  threadListQuery,
} from './messages.contract.ts';
import { toClientThread, toFirmThread, type ClientThread, type FirmThread, type Message, type ThreadRecord } from './message.ts';
import type { MessagesRepository, StoredMessage } from './messages.repository.ts';

/** The client's threads, newest activity first, and how many of the firm's messages they have not read in all. */
export interface ClientThreadPage extends Page<ClientThread> {
  unreadCount: number;
}

/** The firm's threads, newest activity first, and how many of its clients' messages it has not read in all. */
export interface FirmThreadPage extends Page<FirmThread> {
  unreadCount: number;
}

/**
 * A page of a thread's messages, oldest first: the newest page unless `before` asks for older
 * ones. `nextCursor`, passed back as `before`, loads the page before this one.
 */
export interface MessagePage<T extends ClientThread> extends Page<Message> {
  thread: T;
}

export interface MessagesServiceDeps {
  messages: MessagesRepository;
  files: FilesService;
  firms: FirmsService;
  contacts: ContactsService;
  mailer: Mailer;
  /** Which notices each client wants by email (their profile's choices). */
  emailChoices: EmailChoices;
  unitOfWork: UnitOfWork;
  webhooks: WebhookEvents;
  audit: AuditLog;
  clock: Clock;
}

/**
 * Secure messages between a client and the firm's staff, in threads. Each side's unread count
 * is what the other side wrote since it last read the thread. Email only ever says that a
 * message arrived, never what it says.
 */
export class MessagesService {
  constructor(private readonly deps: MessagesServiceDeps) {}

  async listForClient(firmId: string, contactId: string, query: unknown): Promise<ClientThreadPage> {
    const q = parse(threadListQuery, query, 'query');
    const rows = await this.deps.messages.listForContact(firmId, contactId, { limit: q.limit + 1, afterSeq: this.#afterSeq(q.cursor) });
    return { ...this.#threadPage(rows, q.limit, toClientThread), unreadCount: await this.deps.messages.unreadForContact(firmId, contactId) };
  }

  /** How many of the firm's messages the client has not read, over all their threads. */
  unreadForClient(firmId: string, contactId: string): Promise<number> {
    return this.deps.messages.unreadForContact(firmId, contactId);
  }

  /** The firm's messages to the client after `since` (all when null): how many, and the newest `limit`. */
  fromFirmSince(firmId: string, contactId: string, since: string | null, limit: number) {
    return this.deps.messages.fromFirmToContactSince(firmId, contactId, since, limit);
  }

  /** The client starts a thread with the firm. */
  async startForClient(firmId: string, contactId: string, input: unknown): Promise<{ thread: ClientThread; message: Message }> {
    const fields = parse(newThreadSchema, input);
    const contact = (await this.deps.contacts.find(firmId, contactId))!;
    const attachments = await this.#attachments(firmId, contactId, fields.attachmentIds);
    const firm = await this.#firm(firmId);
    const now = this.deps.clock().toISOString();
    // The message and the firm's notice of it commit together.
    const { threadId, message } = await this.deps.unitOfWork(async () => {
      const created = await this.deps.messages.createThread(
        { firmId, contactId, subject: fields.subject },
        { author: { type: 'contact', name: contact.name }, body: fields.body, attachments },
        now,
      );
      await this.#audit(firmId, { type: 'contact', id: contactId }, 'thread.started', created.threadId, created.message, now);
      await this.#noticeToFirm(firm, contact, fields.subject, created.threadId, created.message.id, true);
      await this.#reportClientMessage(firmId, contactId, created.threadId, fields.subject, created.message);
      return created;
    });
    return { thread: toClientThread(await this.#thread(firmId, threadId)), message: toMessage(message) };
  }

  /** A page of a thread's messages; another client's thread is a 404. */
  async messagesForClient(firmId: string, contactId: string, threadId: string, query: unknown): Promise<MessagePage<ClientThread>> {
    const thread = await this.#clientThread(firmId, contactId, threadId);
    return { thread: toClientThread(thread), ...(await this.#messagePage(thread, query)) };
  }

  /** The client writes in a thread; a closed thread takes no more messages. */
  async postForClient(firmId: string, contactId: string, threadId: string, input: unknown): Promise<Message> {
    const fields = parse(newMessageSchema, input);
    const thread = await this.#clientThread(firmId, contactId, threadId);
    if (thread.status === 'closed') throw Problem.conflict('thread_closed', 'This conversation is closed. Start a new one to write to the firm.');
    const contact = (await this.deps.contacts.find(firmId, contactId))!;
    const attachments = await this.#attachments(firmId, contactId, fields.attachmentIds);
    const firm = await this.#firm(firmId);
    const now = this.deps.clock().toISOString();
    const message = await this.deps.unitOfWork(async () => {
      const added = await this.deps.messages.addMessage(threadId, { author: { type: 'contact', name: contact.name }, body: fields.body, attachments }, now);
      await this.#audit(firmId, { type: 'contact', id: contactId }, 'message.sent', threadId, added, now);
      await this.#noticeToFirm(firm, contact, thread.subject, threadId, added.id, false);
      await this.#reportClientMessage(firmId, contactId, threadId, thread.subject, added);
      return added;
    });
    return toMessage(message);
  }

  /** The client has read the thread up to its newest message. */
  async markReadByClient(firmId: string, contactId: string, threadId: string): Promise<ClientThread> {
    await this.#clientThread(firmId, contactId, threadId);
    await this.deps.messages.markReadByContact(threadId);
    return toClientThread(await this.#thread(firmId, threadId));
  }

  /** The firm's threads, newest activity first; by contact, by status, by words of the subject, or only those with unread client messages. */
  async listForFirm(firmId: string, query: unknown): Promise<FirmThreadPage> {
    const q = parse(firmThreadListQuery, query, 'query');
    if (q.contactId && !(await this.deps.contacts.find(firmId, q.contactId))) throw Problem.notFound('contact');
    const rows = await this.deps.messages.listForFirm({
      firmId,
      contactId: q.contactId,
      status: q.status,
      unreadByFirm: q.unread,
      subjectContains: q.q,
      limit: q.limit + 1,
      afterSeq: this.#afterSeq(q.cursor),
    });
    const page = this.#threadPage(rows, q.limit, (record) => record);
    return { ...page, data: await this.#firmViews(firmId, page.data), unreadCount: await this.deps.messages.unreadForFirm(firmId) };
  }

  async getForFirm(firmId: string, threadId: string, query: unknown = {}): Promise<MessagePage<FirmThread>> {
    const thread = await this.#thread(firmId, threadId);
    return { thread: await this.#firmView(thread), ...(await this.#messagePage(thread, query)) };
  }

  /** A member of the firm's staff starts a thread with a contact; the contact is emailed a notice. */
  async startForFirm(firmId: string, input: unknown, actor: Actor): Promise<{ thread: FirmThread; message: Message }> {
    const fields = parse(staffThreadSchema, input);
    const contact = await this.deps.contacts.find(firmId, fields.contactId);
    if (!contact) throw Problem.unprocessable('contact_not_found', `No contact ${fields.contactId} in this firm.`);
    if (contact.status !== 'active') throw Problem.conflict('contact_archived', 'The contact is archived.');
    const attachments = await this.#attachments(firmId, contact.id, fields.attachmentIds);
    const firm = await this.#firm(firmId);
    const now = this.deps.clock().toISOString();
    const { threadId, message } = await this.deps.unitOfWork(async () => {
      const created = await this.deps.messages.createThread(
        { firmId, contactId: contact.id, subject: fields.subject },
        { author: { type: 'staff', name: fields.staffName }, body: fields.body, attachments },
        now,
      );
      await this.#audit(firmId, actor, 'thread.started', created.threadId, created.message, now);
      await this.#noticeToContact(firm, contact, created.threadId, created.message.id);
      return created;
    });
    return { thread: await this.#firmView(await this.#thread(firmId, threadId)), message: toMessage(message) };
  }

  /** A named member of the firm's staff replies; the contact is emailed a notice. */
  async replyForFirm(firmId: string, threadId: string, input: unknown, actor: Actor): Promise<Message> {
    const fields = parse(staffMessageSchema, input);
    const thread = await this.#thread(firmId, threadId);
    if (thread.status === 'closed') throw Problem.conflict('thread_closed', 'This conversation is closed. Reopen it to reply.');
    const attachments = await this.#attachments(firmId, thread.contactId, fields.attachmentIds);
    const now = this.deps.clock().toISOString();
    const contact = (await this.deps.contacts.find(firmId, thread.contactId))!;
    const firm = await this.#firm(firmId);
    const message = await this.deps.unitOfWork(async () => {
      const added = await this.deps.messages.addMessage(threadId, { author: { type: 'staff', name: fields.staffName }, body: fields.body, attachments }, now);
      await this.#audit(firmId, actor, 'message.sent', threadId, added, now);
      if (contact.status === 'active') await this.#noticeToContact(firm, contact, threadId, added.id);
      return added;
    });
    return toMessage(message);
  }

  close(firmId: string, threadId: string, actor: Actor): Promise<FirmThread> {
    return this.#setStatus(firmId, threadId, 'closed', actor);
  }

  reopen(firmId: string, threadId: string, actor: Actor): Promise<FirmThread> {
    return this.#setStatus(firmId, threadId, 'open', actor);
  }

  /** The firm has read the thread up to its newest message. */
  async markReadByFirm(firmId: string, threadId: string): Promise<FirmThread> {
    await this.#thread(firmId, threadId);
    await this.deps.messages.markReadByFirm(threadId);
    return this.#firmView(await this.#thread(firmId, threadId));
  }

  async #setStatus(firmId: string, threadId: string, status: 'open' | 'closed', actor: Actor): Promise<FirmThread> {
    const thread = await this.#thread(firmId, threadId);
    if (thread.status !== status) {
      const now = this.deps.clock().toISOString();
      await this.deps.messages.setStatus(firmId, threadId, status, now);
      await this.deps.audit.record(
        { firmId, actor, action: status === 'closed' ? 'thread.closed' : 'thread.reopened', subject: { type: 'thread', id: threadId } },
        now,
      );
    }
    return this.#firmView(await this.#thread(firmId, threadId));
  }

  /** The files a message may carry: the thread contact's own, shared with them or sent by them. */
  async #attachments(firmId: string, contactId: string, ids: string[] | undefined): Promise<Attachment[]> {
    if (!ids?.length) return [];
    const found = new Map((await this.deps.files.attachable(firmId, contactId, ids)).map((file) => [file.id, file]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw Problem.unprocessable(
        'attachment_not_found',
        `No file ${missing.join(', ')} that can be attached here: attach files uploaded to or shared in this portal.`,
        {
          errors: missing.map((id) => ({ field: 'attachmentIds', message: `has no file ${id}` })),
        },
      );
    }
    return ids.map((id) => found.get(id)!);
  }

  async #messagePage(thread: ThreadRecord, query: unknown): Promise<Page<Message>> {
    const q = parse(messagesQuery, query, 'query');
    let beforeSeq: number | undefined;
    if (q.before) {
      const position = decodeCursor(q.before, ['t', 's']);
      if (position.t !== thread.id || typeof position.s !== 'number') {
        throw Problem.badRequest('invalid_cursor', 'The paging cursor belongs to another thread. Start again from the newest messages.');
      }
      beforeSeq = position.s;
    }
    const rows = await this.deps.messages.messages(thread.id, { beforeSeq, limit: q.limit + 1 });
    const data = rows.slice(-q.limit);
    const oldest = data[0];
    const files = new Map(
      (
        await this.deps.files.describe(
          thread.firmId,
          data.flatMap((message) => message.attachmentIds),
        )
      ).map((file) => [file.id, file]),
    );
    return {
      data: data.map(({ attachmentIds, ...message }) =>
        // A file deleted since keeps no place in the message.
        toMessage({ ...message, attachments: attachmentIds.flatMap((id) => files.get(id) ?? []) }),
      ),
      nextCursor: rows.length > q.limit && oldest ? encodeCursor({ t: thread.id, s: oldest.seq }) : null,
    };
  }

  /** The firm's view of threads, each naming its client. */
  async #firmViews(firmId: string, records: ThreadRecord[]): Promise<FirmThread[]> {
    const clients = await this.deps.contacts.namesOf(
      firmId,
      records.map((record) => record.contactId),
    );
    return records.map((record) => toFirmThread(record, clients.get(record.contactId) ?? { name: '', email: '' }));
  }

  async #firmView(record: ThreadRecord): Promise<FirmThread> {
    const [view] = await this.#firmViews(record.firmId, [record]);
    return view!;
  }

  #threadPage<T>(rows: ThreadRecord[], limit: number, view: (record: ThreadRecord) => T): Page<T> {
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { data: page.map(view), nextCursor: rows.length > limit && last ? encodeCursor({ s: last.lastSeq }) : null };
  }

  #afterSeq(cursor: string | undefined): number | undefined {
    if (!cursor) return undefined;
    const position = decodeCursor(cursor, ['s']);
    if (typeof position.s !== 'number') throw Problem.badRequest('invalid_cursor', 'The paging cursor is not valid. Start again from the first page.');
    return position.s;
  }

  async #clientThread(firmId: string, contactId: string, threadId: string): Promise<ThreadRecord> {
    const thread = await this.deps.messages.findThreadForContact(firmId, contactId, threadId);
    if (!thread) throw Problem.notFound('thread');
    return thread;
  }

  async #thread(firmId: string, threadId: string): Promise<ThreadRecord> {
    const thread = await this.deps.messages.findThread(firmId, threadId);
    if (!thread) throw Problem.notFound('thread');
    return thread;
  }

  async #firm(firmId: string): Promise<Firm> {
    return (await this.deps.firms.findById(firmId))!;
  }

  async #audit(firmId: string, actor: Actor, action: string, threadId: string, message: StoredMessage, now: string): Promise<void> {
    await this.deps.audit.record(
      {
        firmId,
        actor,
        action,
        subject: { type: 'thread', id: threadId },
        data: { messageId: message.id, attachments: message.attachments.map((file) => file.id) },
      },
      now,
    );
  }

  /** `message.created` for the firm's own software: what the client wrote, with its attachments' ids. */
  async #reportClientMessage(firmId: string, contactId: string, threadId: string, subject: string, message: StoredMessage): Promise<void> {
    await this.deps.webhooks.emit(firmId, 'message.created', {
      messageId: message.id,
      threadId,
      contactId,
      subject,
      body: message.body,
      attachments: message.attachments.map((file) => ({ id: file.id, name: file.name })),
      createdAt: message.createdAt,
    });
  }

  async #noticeToContact(firm: Firm, contact: Contact, threadId: string, messageId: string): Promise<void> {
    if (!(await this.deps.emailChoices.wantsEmail(firm.id, contact.id, 'messages'))) return;
    const email = newMessageNotice({ firm: emailFirm(firm), contactName: contact.name, link: threadLink(firm, threadId), language: contact.emailLanguage });
    await this.deps.mailer.queue({ firmId: firm.id, kind: 'message_notice', to: contact.email, fromName: firm.name, ...email }, `message_notice:${messageId}`);
  }

  async #noticeToFirm(firm: Firm, contact: Contact, subject: string, threadId: string, messageId: string, newThread: boolean): Promise<void> {
    const inbox = firm.settings.inboxEmail;
    if (!inbox) return;
    const email = clientMessageNotice({ firm: emailFirm(firm), contact, subject, threadId, newThread });
    await this.deps.mailer.queue({ firmId: firm.id, kind: 'message_to_firm', to: inbox, fromName: firm.name, ...email }, `message_to_firm:${messageId}`);
  }
}

function toMessage(message: StoredMessage): Message {
  const { id, threadId, author, body, attachments, createdAt } = message;
  return { id, threadId, author, body, attachments, createdAt };
}

function emailFirm(firm: Firm) {
  return { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors };
}

/** The firm's portal page opening the thread, when the firm has told us where its portal is. */
function threadLink(firm: Firm, threadId: string): string | undefined {
  const base = firm.settings.portalUrl ?? firm.siteUrl;
  if (!base) return undefined;
  const url = new URL(base);
  url.searchParams.set('thread', threadId);
  return url.toString();
}
