import { sql, type Selectable } from 'kysely';
import { newId } from '../db/ids.ts';
import type { OutboxMessagesTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
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

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * The order rows were written in, newest last, for messages of one instant (tests send many at one
 * clock time). SQLite keeps it in the rowid; PostgreSQL has no such column, so there the id breaks
 * the tie (random: a stable order, not the sending one).
 */
const writeOrder = (storage: Storage) => (storage.engine === 'sqlite' ? sql<string>`rowid` : sql<string>`id`);

/**
 * The development mail provider: every email is stored in `outbox_messages` instead of being sent,
 * so it can be read in the demo's outbox page and asserted on in tests.
 */
export function createOutboxMail(storage: Storage, options: OutboxMailOptions): MailProvider {
  const clock = options.clock ?? (() => new Date());
  let closed = false;

  return {
    name: 'outbox',
    async send(message: MailMessage) {
      if (closed) throw new Error('The outbox mail provider is closed');
      assertSendable(message);
      // Written with whatever else commits in the same moment (see Storage.write): one flush for many emails.
      await storage.write(async () => {
        await storage.db
          .insertInto('outbox_messages')
          .values({
            id: message.id ?? newId('msg'),
            firm_id: message.firmId ?? null,
            to_address: message.to,
            from_address: formatMailbox(options.from, message.fromName),
            subject: message.subject,
            text_body: message.text,
            html_body: message.html,
            kind: message.kind,
            created_at: clock().toISOString(),
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      });
    },
    async close() {
      closed = true;
    },
  };
}

function toMessage(row: Selectable<OutboxMessagesTable>): OutboxMessage {
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
export async function listOutbox(storage: Storage, options: ListOutboxOptions = {}): Promise<OutboxMessage[]> {
  const requested = options.limit ?? DEFAULT_LIMIT;
  const limit = Number.isFinite(requested) ? Math.min(Math.max(Math.trunc(requested), 1), MAX_LIMIT) : DEFAULT_LIMIT;
  let query = storage.db.selectFrom('outbox_messages').selectAll();
  // Addresses match whatever their case (ASCII, as SQLite's NOCASE did).
  const to = options.to;
  if (to !== undefined) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', eb.fn('lower', [eb.val(to)])));
  if (options.firmId !== undefined) query = query.where('firm_id', '=', options.firmId);
  if (options.kind !== undefined) query = query.where('kind', '=', options.kind);
  const rows = await query.orderBy('created_at', 'desc').orderBy(writeOrder(storage), 'desc').limit(limit).execute();
  return rows.map(toMessage);
}

/** One stored email by id, or undefined. */
export async function findOutboxMessage(storage: Storage, id: string): Promise<OutboxMessage | undefined> {
  const row = await storage.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}
