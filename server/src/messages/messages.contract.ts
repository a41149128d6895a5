import { z } from 'zod';
import { filesContract } from '../files/index.ts';
import { Instant } from '../http/schema.ts';

const { Attachment } = filesContract;

// Requests

export const maxBodyLength = 20_000;

/** A body is stored exactly as written: not trimmed, not escaped, never interpreted. */
const body = z
  .string({ error: 'is required' })
  .min(1, 'is required')
  .refine((text) => Array.from(text).length <= maxBodyLength, `must be at most ${maxBodyLength.toLocaleString('en-US')} characters`)
  .refine((text) => text.trim().length > 0, 'must not be blank');
const oneLine = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max)
    .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'must be one line of text');
const subject = oneLine(200);
const staffName = oneLine(200);
const attachmentIds = z
  .array(z.string().min(1).max(64))
  .max(10, 'may hold at most 10 files')
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a file')
  .optional();

export const newThreadSchema = z.strictObject({ subject, body, attachmentIds }).meta({ id: 'NewThread' });
export const newMessageSchema = z.strictObject({ body, attachmentIds }).meta({ id: 'NewMessage' });
export const staffThreadSchema = z
  .strictObject({ contactId: z.string().min(1, 'is required').max(64), subject, body, staffName, attachmentIds })
  .meta({ id: 'NewStaffThread' });
export const staffMessageSchema = z.strictObject({ body, staffName, attachmentIds }).meta({ id: 'StaffMessage' });

export const threadListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export const firmThreadListQuery = threadListQuery.extend({
  contactId: z.string().max(64).optional(),
  status: z.enum(['open', 'closed']).optional(),
  unread: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .transform((text) => text || undefined)
    .meta({ description: 'Only threads whose subject contains this text, ignoring case' }),
});
export const messagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(500).optional(),
});

// Replies

export const Author = z
  .strictObject({ type: z.enum(['contact', 'staff']), name: z.string() })
  .meta({ id: 'Author', description: 'Who wrote a message: the client, or a named member of the firm' });

/** One message. `body` is plain text exactly as written: never render it as HTML. */
export const Message = z
  .strictObject({ id: z.string(), threadId: z.string(), author: Author, body: z.string(), attachments: z.array(Attachment), createdAt: Instant })
  .meta({ id: 'Message' });

export const LastMessage = z
  .strictObject({ id: z.string(), author: Author, preview: z.string().meta({ description: 'The start of the body on one line' }), createdAt: Instant })
  .meta({ id: 'LastMessage' });

/** A thread as the client lists it. */
export const Thread = z
  .strictObject({
    id: z.string(),
    subject: z.string(),
    status: z.enum(['open', 'closed']),
    lastMessage: LastMessage,
    unreadCount: z.number().int().meta({ description: 'Messages from the other side this side has not read' }),
    createdAt: Instant,
    lastActivityAt: Instant,
  })
  .meta({ id: 'Thread' });

/** A thread as the firm lists it: also whose it is and when it was closed. */
export const FirmThread = Thread.extend({
  contact: z.strictObject({ id: z.string(), name: z.string(), email: z.string() }),
  closedAt: Instant.nullable(),
}).meta({ id: 'FirmThread' });

export const ThreadPage = z
  .strictObject({
    data: z.array(Thread),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int().meta({ description: 'Unread messages over every thread' }),
  })
  .meta({ id: 'ThreadPage' });

export const FirmThreadPage = z
  .strictObject({
    data: z.array(FirmThread),
    nextCursor: z.string().nullable(),
    unreadCount: z.number().int().meta({ description: "Clients' messages the firm has not read, over every thread (whatever the filters)" }),
  })
  .meta({ id: 'FirmThreadPage' });

/** A page of a thread's messages, oldest first; pass `nextCursor` as `before` for older ones. */
export const ThreadMessages = z.strictObject({ thread: Thread, data: z.array(Message), nextCursor: z.string().nullable() }).meta({ id: 'ThreadMessages' });

export const FirmThreadMessages = z
  .strictObject({ thread: FirmThread, data: z.array(Message), nextCursor: z.string().nullable() })
  .meta({ id: 'FirmThreadMessages' });

export const ThreadStarted = z.strictObject({ thread: Thread, message: Message }).meta({ id: 'ThreadStarted' });
export const FirmThreadStarted = z.strictObject({ thread: FirmThread, message: Message }).meta({ id: 'FirmThreadStarted' });
