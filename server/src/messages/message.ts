import type { z } from 'zod';
import type * as contract from './messages.contract.ts';

/** Who wrote a message: the client, or a named member of the firm's staff. */
export type Author = z.output<typeof contract.Author>;

/** One message. The body is plain text exactly as written; nothing ever renders it as HTML. */
export type Message = z.output<typeof contract.Message>;

export type ThreadStatus = ClientThread['status'];

/** The newest message of a thread, as lists show it. */
export type LastMessage = z.output<typeof contract.LastMessage>;

/** A thread as the client lists it; `unreadCount` is the firm's messages the client has not read. */
export type ClientThread = z.output<typeof contract.Thread>;

/** A thread as the firm lists it; `unreadCount` is the client's messages the firm has not read. */
export type FirmThread = z.output<typeof contract.FirmThread>;

/** A thread with everything either side's view is made of. */
export interface ThreadRecord {
  id: string;
  firmId: string;
  contactId: string;
  subject: string;
  status: ThreadStatus;
  /** The order of writing of the newest message: threads are listed by it, newest activity first. */
  lastSeq: number;
  lastMessage: LastMessage;
  unreadByContact: number;
  unreadByFirm: number;
  closedAt: string | null;
  createdAt: string;
  lastActivityAt: string;
}

/** How much of a body a preview shows, in characters. */
export const previewLength = 140;

/** The first characters of a body on one line, with an ellipsis when there is more. */
export function previewOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= previewLength
    ? line
    : `${chars
        .slice(0, previewLength - 1)
        .join('')
        .trimEnd()}…`;
}

export function toClientThread(record: ThreadRecord): ClientThread {
  return {
    id: record.id,
    subject: record.subject,
    status: record.status,
    lastMessage: record.lastMessage,
    unreadCount: record.unreadByContact,
    createdAt: record.createdAt,
    lastActivityAt: record.lastActivityAt,
  };
}

/** The firm's view names the client: `contact` is theirs, from the contacts component. */
export function toFirmThread(record: ThreadRecord, contact: { name: string; email: string }): FirmThread {
  return {
    ...toClientThread(record),
    unreadCount: record.unreadByFirm,
    contact: { id: record.contactId, name: contact.name, email: contact.email },
    closedAt: record.closedAt,
  };
}
