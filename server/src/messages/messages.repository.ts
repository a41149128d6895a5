import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Attachment } from '../files/file.ts';
import { previewOf, type Author, type Message, type ThreadRecord, type ThreadStatus } from './message.ts';

interface ThreadRow {
  id: string; firm_id: string; contact_id: string; subject: string; status: ThreadStatus; last_seq: number;
  closed_at: string | null; created_at: string; last_message_at: string;
  contact_name: string; contact_email: string;
  last_id: string; last_author_type: Author['type']; last_author_name: string; last_body: string; last_created_at: string;
  unread_by_contact: number; unread_by_firm: number;
}

interface MessageRow {
  seq: number; id: string; thread_id: string; author_type: Author['type']; author_name: string; body: string; created_at: string;
}

/** A thread with its contact, its newest message and each side's unread count. */
const selectThreads = `
  SELECT t.id, t.firm_id, t.contact_id, t.subject, t.status, t.last_seq, t.closed_at, t.created_at, t.last_message_at,
    c.name AS contact_name, c.email AS contact_email,
    m.id AS last_id, m.author_type AS last_author_type, m.author_name AS last_author_name,
    substr(m.body, 1, 400) AS last_body, m.created_at AS last_created_at,
    (SELECT COUNT(*) FROM messages u WHERE u.thread_id = t.id AND u.author_type = 'staff' AND u.seq > t.contact_read_seq) AS unread_by_contact,
    (SELECT COUNT(*) FROM messages u WHERE u.thread_id = t.id AND u.author_type = 'contact' AND u.seq > t.firm_read_seq) AS unread_by_firm
  FROM threads t
  JOIN contacts c ON c.id = t.contact_id
  JOIN messages m ON m.seq = t.last_seq`;

function toThread(row: ThreadRow): ThreadRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    subject: row.subject,
    status: row.status,
    lastSeq: row.last_seq,
    lastMessage: {
      id: row.last_id,
      author: { type: row.last_author_type, name: row.last_author_name },
      preview: previewOf(row.last_body),
      createdAt: row.last_created_at,
    },
    unreadByContact: row.unread_by_contact,
    unreadByFirm: row.unread_by_firm,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    lastActivityAt: row.last_message_at,
  };
}

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

export interface ThreadQuery {
  firmId: string;
  contactId?: string;
  status?: ThreadStatus;
  /** Only threads with messages from the client the firm has not read. */
  unreadByFirm?: boolean;
  limit: number;
  /** The `last_seq` of the last thread of the previous page (pages are newest activity first). */
  afterSeq?: number;
}

/** Every lookup takes the firm, and the client's lookups the contact too: nothing leaks across. */
export class MessagesRepository {
  #insertThread;
  #insertMessage;
  #insertAttachment;
  #afterMessage;
  #thread;
  #threadForContact;
  #listForContact;
  #unreadForContact;
  #messages;
  #attachments;
  #readByContact;
  #readByFirm;
  #setStatus;
  /** One prepared statement per shape of the firm's list query. */
  #firmLists = new Map<string, Statement<Record<string, unknown>, ThreadRow>>();

  constructor(private readonly db: Db) {
    this.#insertThread = db.prepare(
      `INSERT INTO threads (id, firm_id, contact_id, subject, status, last_message_at, created_at, updated_at)
       VALUES (@id, @firmId, @contactId, @subject, 'open', @now, @now, @now)`,
    );
    this.#insertMessage = db.prepare(
      `INSERT INTO messages (id, thread_id, author_type, author_name, body, created_at)
       VALUES (@id, @threadId, @authorType, @authorName, @body, @now)`,
    );
    this.#insertAttachment = db.prepare('INSERT INTO message_attachments (message_id, file_id, position) VALUES (?, ?, ?)');
    // Writing counts as reading: the author's side has read everything up to its own message.
    this.#afterMessage = db.prepare(
      `UPDATE threads SET
         last_seq = @seq, last_message_at = @now, updated_at = @now,
         last_contact_seq = CASE WHEN @authorType = 'contact' THEN @seq ELSE last_contact_seq END,
         last_staff_seq = CASE WHEN @authorType = 'staff' THEN @seq ELSE last_staff_seq END,
         contact_read_seq = CASE WHEN @authorType = 'contact' THEN @seq ELSE contact_read_seq END,
         firm_read_seq = CASE WHEN @authorType = 'staff' THEN @seq ELSE firm_read_seq END
       WHERE id = @threadId`,
    );
    this.#thread = db.prepare<{ firmId: string; id: string }, ThreadRow>(`${selectThreads} WHERE t.firm_id = @firmId AND t.id = @id`);
    this.#threadForContact = db.prepare<{ firmId: string; contactId: string; id: string }, ThreadRow>(
      `${selectThreads} WHERE t.firm_id = @firmId AND t.contact_id = @contactId AND t.id = @id`,
    );
    this.#listForContact = db.prepare<{ firmId: string; contactId: string; afterSeq: number; limit: number }, ThreadRow>(
      `${selectThreads}
       WHERE t.contact_id = @contactId AND t.firm_id = @firmId AND t.last_seq < @afterSeq
       ORDER BY t.last_seq DESC LIMIT @limit`,
    );
    this.#unreadForContact = db.prepare<{ firmId: string; contactId: string }, { n: number }>(
      `SELECT COUNT(*) AS n FROM threads t JOIN messages u ON u.thread_id = t.id AND u.author_type = 'staff' AND u.seq > t.contact_read_seq
       WHERE t.contact_id = @contactId AND t.firm_id = @firmId`,
    );
    this.#messages = db.prepare<{ threadId: string; beforeSeq: number; limit: number }, MessageRow>(
      'SELECT * FROM messages WHERE thread_id = @threadId AND seq < @beforeSeq ORDER BY seq DESC LIMIT @limit',
    );
    this.#attachments = db.prepare<{ threadId: string; from: number; to: number }, Attachment & { message_id: string; content_type: string }>(
      `SELECT a.message_id, f.id, f.name, f.size, f.content_type
       FROM messages m JOIN message_attachments a ON a.message_id = m.id JOIN files f ON f.id = a.file_id
       WHERE m.thread_id = @threadId AND m.seq BETWEEN @from AND @to
       ORDER BY m.seq, a.position`,
    );
    this.#readByContact = db.prepare('UPDATE threads SET contact_read_seq = last_seq WHERE id = ?');
    this.#readByFirm = db.prepare('UPDATE threads SET firm_read_seq = last_seq WHERE id = ?');
    this.#setStatus = db.prepare(
      `UPDATE threads SET status = @status, closed_at = CASE WHEN @status = 'closed' THEN @now ELSE NULL END, updated_at = @now
       WHERE firm_id = @firmId AND id = @id`,
    );
  }

  /** Starts a thread with its first message, in one transaction. */
  createThread(thread: { firmId: string; contactId: string; subject: string }, first: NewMessage, now: string): { threadId: string; message: StoredMessage } {
    const threadId = newId('thr');
    const message = this.db
      .transaction(() => {
        this.#insertThread.run({ id: threadId, ...thread, now });
        return this.#add(threadId, first, now);
      })
      .immediate();
    return { threadId, message };
  }

  addMessage(threadId: string, message: NewMessage, now: string): StoredMessage {
    return this.db.transaction(() => this.#add(threadId, message, now)).immediate();
  }

  findThread(firmId: string, id: string): ThreadRecord | undefined {
    const row = this.#thread.get({ firmId, id });
    return row && toThread(row);
  }

  findThreadForContact(firmId: string, contactId: string, id: string): ThreadRecord | undefined {
    const row = this.#threadForContact.get({ firmId, contactId, id });
    return row && toThread(row);
  }

  listForContact(firmId: string, contactId: string, query: { limit: number; afterSeq?: number }): ThreadRecord[] {
    return this.#listForContact.all({ firmId, contactId, afterSeq: query.afterSeq ?? Number.MAX_SAFE_INTEGER, limit: query.limit }).map(toThread);
  }

  listForFirm(query: ThreadQuery): ThreadRecord[] {
    const where = ['t.firm_id = @firmId'];
    if (query.contactId !== undefined) where.push('t.contact_id = @contactId');
    if (query.status !== undefined) where.push('t.status = @status');
    if (query.unreadByFirm !== undefined) where.push(query.unreadByFirm ? 't.last_contact_seq > t.firm_read_seq' : 't.last_contact_seq <= t.firm_read_seq');
    if (query.afterSeq !== undefined) where.push('t.last_seq < @afterSeq');
    const sql = `${selectThreads} WHERE ${where.join(' AND ')} ORDER BY t.last_seq DESC LIMIT @limit`;
    let statement = this.#firmLists.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, unknown>, ThreadRow>(sql);
      this.#firmLists.set(sql, statement);
    }
    return statement.all({ firmId: query.firmId, contactId: query.contactId, status: query.status, afterSeq: query.afterSeq, limit: query.limit }).map(toThread);
  }

  /** How many of the firm's messages the client has not read, over all their threads. */
  unreadForContact(firmId: string, contactId: string): number {
    return this.#unreadForContact.get({ firmId, contactId })!.n;
  }

  /** Up to `limit` messages of a thread written before `beforeSeq`, oldest first. */
  messages(threadId: string, query: { beforeSeq?: number; limit: number }): StoredMessage[] {
    const rows = this.#messages.all({ threadId, beforeSeq: query.beforeSeq ?? Number.MAX_SAFE_INTEGER, limit: query.limit }).reverse();
    if (rows.length === 0) return [];
    const attachments = new Map<string, Attachment[]>();
    for (const row of this.#attachments.all({ threadId, from: rows[0]!.seq, to: rows.at(-1)!.seq })) {
      const list = attachments.get(row.message_id) ?? [];
      list.push({ id: row.id, name: row.name, size: row.size, contentType: row.content_type });
      attachments.set(row.message_id, list);
    }
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      threadId: row.thread_id,
      author: { type: row.author_type, name: row.author_name },
      body: row.body,
      attachments: attachments.get(row.id) ?? [],
      createdAt: row.created_at,
    }));
  }

  markReadByContact(threadId: string): void {
    this.#readByContact.run(threadId);
  }

  markReadByFirm(threadId: string): void {
    this.#readByFirm.run(threadId);
  }

  setStatus(firmId: string, id: string, status: ThreadStatus, now: string): void {
    this.#setStatus.run({ firmId, id, status, now });
  }

  #add(threadId: string, message: NewMessage, now: string): StoredMessage {
    const id = newId('msg');
    const { lastInsertRowid } = this.#insertMessage.run({
      id,
      threadId,
      authorType: message.author.type,
      authorName: message.author.name,
      body: message.body,
      now,
    });
    const seq = Number(lastInsertRowid);
    message.attachments.forEach((file, position) => this.#insertAttachment.run(id, file.id, position));
    this.#afterMessage.run({ seq, threadId, authorType: message.author.type, now });
    return { seq, id, threadId, author: message.author, body: message.body, attachments: message.attachments, createdAt: now };
  }
}
