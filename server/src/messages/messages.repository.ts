import { sql } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Storage } from '../db/storage.ts';
import type { Attachment } from '../files/index.ts';
import { previewOf, type Author, type Message, type ThreadRecord, type ThreadStatus } from './message.ts';

interface ThreadRow {
  id: string;
  firm_id: string;
  contact_id: string;
  subject: string;
  status: ThreadStatus;
  last_seq: number;
  closed_at: string | null;
  created_at: string;
  last_message_at: string;
  last_id: string;
  last_author_type: Author['type'];
  last_author_name: string;
  last_body: string;
  last_created_at: string;
  unread_by_contact: number | string | bigint;
  unread_by_firm: number | string | bigint;
}

interface MessageRow {
  seq: number;
  id: string;
  thread_id: string;
  author_type: Author['type'];
  author_name: string;
  body: string;
  created_at: string;
}

function toThread(row: ThreadRow): ThreadRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    subject: row.subject,
    status: row.status,
    lastSeq: row.last_seq,
    lastMessage: {
      id: row.last_id,
      author: { type: row.last_author_type, name: row.last_author_name },
      preview: previewOf(row.last_body),
      createdAt: row.last_created_at,
    },
    unreadByContact: Number(row.unread_by_contact),
    unreadByFirm: Number(row.unread_by_firm),
    closedAt: row.closed_at,
    createdAt: row.created_at,
    lastActivityAt: row.last_message_at,
  };
}

/** A LIKE pattern matching `text` literally anywhere (with `ESCAPE '\'`). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** A message to write: its author, its text and the files it carries (already checked). */
export interface NewMessage {
  author: Author;
  body: string;
  attachments: Attachment[];
}

/** A message with its place in the order of writing, which pages a thread. */
export interface StoredMessage extends Message {
  seq: number;
}

/** A message as its thread keeps it: the files it carries by id, in order (the files component describes them). */
export interface ThreadMessage extends Omit<StoredMessage, 'attachments'> {
  attachmentIds: string[];
}

export interface ThreadQuery {
  firmId: string;
  contactId?: string;
  status?: ThreadStatus;
  /** Only threads with messages from the client the firm has not read. */
  unreadByFirm?: boolean;
  /** Only threads whose subject contains this text, ignoring case. */
  subjectContains?: string;
  limit: number;
  /** The `last_seq` of the last thread of the previous page (pages are newest activity first). */
  afterSeq?: number;
}

/** Every lookup takes the firm, and the client's lookups the contact too: nothing leaks across. */
export class MessagesRepository {
  constructor(private readonly storage: Storage) {}

  /** Starts a thread with its first message, in one transaction. */
  async createThread(
    thread: { firmId: string; contactId: string; subject: string },
    first: NewMessage,
    now: string,
  ): Promise<{ threadId: string; message: StoredMessage }> {
    const threadId = newId('thr');
    const message = await this.storage.transaction(async () => {
      await this.storage.db
        .insertInto('threads')
        .values({
          id: threadId,
          firm_id: thread.firmId,
          contact_id: thread.contactId,
          subject: thread.subject,
          status: 'open',
          last_message_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return this.#add(threadId, first, now);
    });
    return { threadId, message };
  }

  addMessage(threadId: string, message: NewMessage, now: string): Promise<StoredMessage> {
    return this.storage.transaction(() => this.#add(threadId, message, now));
  }

  async findThread(firmId: string, id: string): Promise<ThreadRecord | undefined> {
    const row = await this.#threads().where('t.firm_id', '=', firmId).where('t.id', '=', id).executeTakeFirst();
    return row && toThread(row);
  }

  async findThreadForContact(firmId: string, contactId: string, id: string): Promise<ThreadRecord | undefined> {
    const row = await this.#threads().where('t.firm_id', '=', firmId).where('t.contact_id', '=', contactId).where('t.id', '=', id).executeTakeFirst();
    return row && toThread(row);
  }

  async listForContact(firmId: string, contactId: string, query: { limit: number; afterSeq?: number }): Promise<ThreadRecord[]> {
    let select = this.#threads().where('t.contact_id', '=', contactId).where('t.firm_id', '=', firmId);
    if (query.afterSeq !== undefined) select = select.where('t.last_seq', '<', query.afterSeq);
    const rows = await select.orderBy('t.last_seq', 'desc').limit(query.limit).execute();
    return rows.map(toThread);
  }

  async listForFirm(query: ThreadQuery): Promise<ThreadRecord[]> {
    let select = this.#threads().where('t.firm_id', '=', query.firmId);
    if (query.contactId !== undefined) select = select.where('t.contact_id', '=', query.contactId);
    if (query.status !== undefined) select = select.where('t.status', '=', query.status);
    if (query.unreadByFirm !== undefined) select = select.whereRef('t.last_contact_seq', query.unreadByFirm ? '>' : '<=', 't.firm_read_seq');
    // A firm's threads are walked through threads_firm (firm_id, last_seq) in the order listed, so
    // a substring match needs no index of its own at a firm's scale. lower() on both sides makes
    // PostgreSQL as case-blind as SQLite's LIKE; the pattern's own % and _ match themselves.
    if (query.subjectContains !== undefined) select = select.where(sql<boolean>`lower(t.subject) LIKE lower(${containing(query.subjectContains)}) ESCAPE '\\'`);
    if (query.afterSeq !== undefined) select = select.where('t.last_seq', '<', query.afterSeq);
    const rows = await select.orderBy('t.last_seq', 'desc').limit(query.limit).execute();
    return rows.map(toThread);
  }

  /** How many of the firm's messages the client has not read, over all their threads. */
  async unreadForContact(firmId: string, contactId: string): Promise<number> {
    const { n } = await this.storage.db
      .selectFrom('threads as t')
      .innerJoin('messages as u', (join) => join.onRef('u.thread_id', '=', 't.id').on('u.author_type', '=', 'staff').onRef('u.seq', '>', 't.contact_read_seq'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.contact_id', '=', contactId)
      .where('t.firm_id', '=', firmId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** How many of its clients' messages the firm has not read, over all its threads. */
  async unreadForFirm(firmId: string): Promise<number> {
    const { n } = await this.storage.db
      .selectFrom('threads as t')
      .innerJoin('messages as u', (join) => join.onRef('u.thread_id', '=', 't.id').on('u.author_type', '=', 'contact').onRef('u.seq', '>', 't.firm_read_seq'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('t.firm_id', '=', firmId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Up to `limit` messages of a thread written before `beforeSeq`, oldest first. */
  async messages(threadId: string, query: { beforeSeq?: number; limit: number }): Promise<ThreadMessage[]> {
    let select = this.storage.db.selectFrom('messages').selectAll().where('thread_id', '=', threadId);
    if (query.beforeSeq !== undefined) select = select.where('seq', '<', query.beforeSeq);
    const rows = (await select.orderBy('seq', 'desc').limit(query.limit).$castTo<MessageRow>().execute()).reverse();
    if (rows.length === 0) return [];
    const attached = await this.storage.db
      .selectFrom('messages as m')
      .innerJoin('message_attachments as a', 'a.message_id', 'm.id')
      .select(['a.message_id', 'a.file_id'])
      .where('m.thread_id', '=', threadId)
      .where('m.seq', '>=', rows[0]!.seq)
      .where('m.seq', '<=', rows.at(-1)!.seq)
      .orderBy('m.seq')
      .orderBy('a.position')
      .execute();
    const attachments = new Map<string, string[]>();
    for (const row of attached) {
      const list = attachments.get(row.message_id) ?? [];
      list.push(row.file_id);
      attachments.set(row.message_id, list);
    }
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      threadId: row.thread_id,
      author: { type: row.author_type, name: row.author_name },
      body: row.body,
      attachmentIds: attachments.get(row.id) ?? [],
      createdAt: row.created_at,
    }));
  }

  /** How many messages the firm wrote to the contact after `since` (every one when null), and the newest `limit`. */
  async fromFirmToContactSince(
    firmId: string,
    contactId: string,
    since: string | null,
    limit: number,
  ): Promise<{ count: number; latest: { id: string; threadId: string; subject: string; author: Author; preview: string; createdAt: string }[] }> {
    const written = this.storage.db
      .selectFrom('messages as m')
      .innerJoin('threads as t', 't.id', 'm.thread_id')
      .where('t.firm_id', '=', firmId)
      .where('t.contact_id', '=', contactId)
      .where('m.author_type', '=', 'staff')
      .$if(since !== null, (qb) => qb.where('m.created_at', '>', since!));
    const { n } = await written.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await written
      .select(['m.id', 'm.thread_id', 't.subject', 'm.author_type', 'm.author_name', sql<string>`substr(m.body, 1, 400)`.as('body'), 'm.created_at'])
      .orderBy('m.seq', 'desc')
      .limit(limit)
      .execute();
    return {
      count: Number(n),
      latest: rows.map((row) => ({
        id: row.id,
        threadId: row.thread_id,
        subject: row.subject,
        author: { type: row.author_type as Author['type'], name: row.author_name },
        preview: previewOf(row.body),
        createdAt: row.created_at,
      })),
    };
  }

  async markReadByContact(threadId: string): Promise<void> {
    await this.storage.db
      .updateTable('threads')
      .set((eb) => ({ contact_read_seq: eb.ref('last_seq') }))
      .where('id', '=', threadId)
      .execute();
  }

  async markReadByFirm(threadId: string): Promise<void> {
    await this.storage.db
      .updateTable('threads')
      .set((eb) => ({ firm_read_seq: eb.ref('last_seq') }))
      .where('id', '=', threadId)
      .execute();
  }

  async setStatus(firmId: string, id: string, status: ThreadStatus, now: string): Promise<void> {
    await this.storage.db
      .updateTable('threads')
      .set({ status, closed_at: status === 'closed' ? now : null, updated_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .execute();
  }

  /** A thread with its newest message and each side's unread count. */
  #threads() {
    return this.storage.db
      .selectFrom('threads as t')
      .innerJoin('messages as m', 'm.seq', 't.last_seq')
      .select((eb) => [
        't.id',
        't.firm_id',
        't.contact_id',
        't.subject',
        't.status',
        't.last_seq',
        't.closed_at',
        't.created_at',
        't.last_message_at',
        'm.id as last_id',
        'm.author_type as last_author_type',
        'm.author_name as last_author_name',
        sql<string>`substr(m.body, 1, 400)`.as('last_body'),
        'm.created_at as last_created_at',
        eb
          .selectFrom('messages as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.thread_id', '=', 't.id')
          .where('u.author_type', '=', 'staff')
          .whereRef('u.seq', '>', 't.contact_read_seq')
          .as('unread_by_contact'),
        eb
          .selectFrom('messages as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.thread_id', '=', 't.id')
          .where('u.author_type', '=', 'contact')
          .whereRef('u.seq', '>', 't.firm_read_seq')
          .as('unread_by_firm'),
      ])
      .$castTo<ThreadRow>();
  }

  async #add(threadId: string, message: NewMessage, now: string): Promise<StoredMessage> {
    const id = newId('msg');
    const { seq } = await this.storage.db
      .insertInto('messages')
      .values({ id, thread_id: threadId, author_type: message.author.type, author_name: message.author.name, body: message.body, created_at: now })
      .returning('seq')
      .executeTakeFirstOrThrow();
    for (const [position, file] of message.attachments.entries()) {
      await this.storage.db.insertInto('message_attachments').values({ message_id: id, file_id: file.id, position }).execute();
    }
    // Writing counts as reading: the author's side has read everything up to its own message.
    const bySide =
      message.author.type === 'contact'
        ? { last_contact_seq: seq, contact_read_seq: seq }
        : message.author.type === 'staff'
          ? { last_staff_seq: seq, firm_read_seq: seq }
          : {};
    await this.storage.db
      .updateTable('threads')
      .set({ last_seq: seq, last_message_at: now, updated_at: now, ...bySide })
      .where('id', '=', threadId)
      .execute();
    return { seq, id, threadId, author: message.author, body: message.body, attachments: message.attachments, createdAt: now };
  }
}
