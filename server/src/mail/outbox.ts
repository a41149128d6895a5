import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { groupCommit } from '../db/group-commit.ts';
import { newId } from '../db/ids.ts';
import { assertSendable, formatMailbox, type MailMessage, type MailProvider } from './mail.ts';

/** One stored email, as the development outbox page and the tests read it. */
export interface OutboxMessage {
  id: string;
  firmId: string | null;
  to: string;
  /** The From header as it would be sent: `"Firm Name" <portal@…>` or the bare address. */
  from: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  createdAt: string;
}

export interface OutboxMailOptions {
  /** The address the service's emails come from (`MAIL_FROM`). */
  from: string;
  clock?: () => Date;
}

export interface ListOutboxOptions {
  /** At most this many messages (default 50, at most 500). */
  limit?: number;
  /** Only messages to this address (case-insensitive). */
  to?: string;
  firmId?: string;
  kind?: string;
}

interface OutboxRow {
  id: string;
  firm_id: string | null;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  kind: string;
  created_at: string;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * The development mail provider: every email is stored in `outbox_messages` instead of being sent,
 * so it can be read in the demo's outbox page and asserted on in tests.
 */
export function createOutboxMail(db: Db, options: OutboxMailOptions): MailProvider {
  const clock = options.clock ?? (() => new Date());
  const insert = db.prepare<[OutboxRow]>(`
    INSERT INTO outbox_messages (id, firm_id, to_address, from_address, subject, text_body, html_body, kind, created_at)
    VALUES (@id, @firm_id, @to_address, @from_address, @subject, @text_body, @html_body, @kind, @created_at)
    ON CONFLICT (id) DO NOTHING
  `);
  let closed = false;

  return {
    name: 'outbox',
    async send(message: MailMessage) {
      if (closed) throw new Error('The outbox mail provider is closed');
      assertSendable(message);
      // Written with whatever else commits in this turn (see GroupCommit): one flush for many emails.
      await groupCommit(db).write(() => insert.run({
        id: message.id ?? newId('msg'),
        firm_id: message.firmId ?? null,
        to_address: message.to,
        from_address: formatMailbox(options.from, message.fromName),
        subject: message.subject,
        text_body: message.text,
        html_body: message.html,
        kind: message.kind,
        created_at: clock().toISOString(),
      }));
    },
    async close() {
      closed = true;
    },
  };
}

interface ListParams {
  limit: number;
  to: string | null;
  firm_id: string | null;
  kind: string | null;
}

const statements = new WeakMap<Db, { list: Statement<[ListParams], OutboxRow>; find: Statement<[string], OutboxRow> }>();

function statementsFor(db: Db) {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      list: db.prepare<[ListParams], OutboxRow>(`
        SELECT id, firm_id, to_address, from_address, subject, text_body, html_body, kind, created_at
        FROM outbox_messages
        WHERE (@to IS NULL OR to_address = @to COLLATE NOCASE)
          AND (@firm_id IS NULL OR firm_id = @firm_id)
          AND (@kind IS NULL OR kind = @kind)
        ORDER BY created_at DESC, rowid DESC
        LIMIT @limit
      `),
      find: db.prepare<[string], OutboxRow>(`
        SELECT id, firm_id, to_address, from_address, subject, text_body, html_body, kind, created_at
        FROM outbox_messages WHERE id = ?
      `),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    firmId: row.firm_id,
    to: row.to_address,
    from: row.from_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    kind: row.kind,
    createdAt: row.created_at,
  };
}

/** Stored emails, newest first. */
export function listOutbox(db: Db, options: ListOutboxOptions = {}): OutboxMessage[] {
  const requested = options.limit ?? DEFAULT_LIMIT;
  const limit = Number.isFinite(requested) ? Math.min(Math.max(Math.trunc(requested), 1), MAX_LIMIT) : DEFAULT_LIMIT;
  const rows = statementsFor(db).list.all({
    limit,
    to: options.to ?? null,
    firm_id: options.firmId ?? null,
    kind: options.kind ?? null,
  });
  return rows.map(toMessage);
}

/** One stored email by id, or undefined. */
export function findOutboxMessage(db: Db, id: string): OutboxMessage | undefined {
  const row = statementsFor(db).find.get(id);
  return row ? toMessage(row) : undefined;
}
