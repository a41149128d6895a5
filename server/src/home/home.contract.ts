import { z } from 'zod';
import { activitiesContract } from '../activities/index.ts';
import { filesContract } from '../files/index.ts';
import { Currency, Instant, Money } from '../http/schema.ts';
import { invoicesContract } from '../invoices/index.ts';
import { messagesContract } from '../messages/index.ts';

// Requests

/** `GET /home` takes no parameters; anything sent is a mistake worth a 400. */
export const homeQuery = z.strictObject({});
/** `GET /home/counts` takes no parameters either. */
export const countsQuery = z.strictObject({});
/** `POST /home/seen` takes no fields (an empty body or `{}`). */
export const seenBody = z.strictObject({});

// Replies

const count = z.number().int().min(0);

/** How many things of one kind changed, and the newest few of them (with ids, for links). */
const changesOf = <T extends z.ZodType>(item: T, id: string, what: string) =>
  z
    .strictObject({
      count: count.meta({ description: `How many ${what} since the last visit` }),
      latest: z.array(item).meta({ description: 'The newest few, newest first' }),
    })
    .meta({ id });

export const HomeInvoice = invoicesContract.Invoice.pick({ id: true, number: true, total: true, currency: true, dueOn: true })
  .extend({ sentAt: Instant })
  .meta({ id: 'HomeInvoice' });

export const HomeMessage = z
  .strictObject({
    id: z.string(),
    threadId: z.string(),
    subject: z.string().meta({ description: "The thread's subject" }),
    author: messagesContract.Author,
    preview: z.string().meta({ description: 'The start of the body on one line' }),
    createdAt: Instant,
  })
  .meta({ id: 'HomeMessage' });

export const HomePayment = z
  .strictObject({ id: z.string(), amount: Money, currency: Currency, receiptNumber: z.string(), settledAt: Instant })
  .meta({ id: 'HomePayment' });

/** The client's open tasks: how many, how many overdue, and the first few (overdue first, then soonest due). */
export const HomeTasks = z.strictObject({ openCount: count, overdueCount: count, first: z.array(activitiesContract.Task) }).meta({ id: 'HomeTasks' });

/**
 * What changed since the client's last visit. A part is null when its section is hidden from
 * the client (payments: when the firm does not show payment history).
 */
export const HomeChanges = z
  .strictObject({
    invoices: changesOf(HomeInvoice, 'HomeInvoiceChanges', 'invoices sent').nullable(),
    documents: changesOf(filesContract.ClientFile, 'HomeDocumentChanges', 'files shared by the firm').nullable(),
    messages: changesOf(HomeMessage, 'HomeMessageChanges', 'messages from the firm').nullable(),
    payments: changesOf(HomePayment, 'HomePaymentChanges', 'payments settled').nullable(),
  })
  .meta({ id: 'HomeChanges' });

/** `GET /home`: what needs the client now, and what changed since their last visit. */
export const Home = z
  .strictObject({
    since: Instant.nullable().meta({
      description:
        "Where this visit's changes start: the client's last look at home in their previous visit; null during their first visit (everything is new)",
    }),
    balance: invoicesContract.OutstandingInvoices.nullable().meta({ description: 'What the client can pay now; null when invoices are hidden' }),
    unreadMessages: count.nullable().meta({ description: "The firm's messages the client has not read; null when messages are hidden" }),
    nextEvents: z
      .array(activitiesContract.CalendarEvent)
      .nullable()
      .meta({ description: 'The next few events, soonest first; null when tasks and events are hidden' }),
    tasks: HomeTasks.nullable(),
    changes: HomeChanges,
  })
  .meta({ id: 'Home' });

/** `GET /home/counts`: the two numbers the portal's navigation shows, without the rest of home. */
export const HomeCounts = z
  .strictObject({
    unreadMessages: count.nullable().meta({ description: "The firm's messages the client has not read; null when messages are hidden" }),
    unpaidInvoices: count.nullable().meta({ description: 'The invoices the client can pay now; null when invoices are hidden' }),
  })
  .meta({ id: 'HomeCounts' });
