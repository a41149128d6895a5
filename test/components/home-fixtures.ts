// What GET /api/v1/home answers in the browser tests and stories: a busy home, and a quiet one.
import type { Home, HomeCounts } from '../../components/index.ts';

/** A client with two unpaid invoices, two unread messages, events, tasks (one overdue) and news since their last visit. */
export function busyHome(overrides: Partial<Home> = {}): Home {
  return {
    since: '2026-03-01T17:30:00.000Z',
    balance: { invoiceIds: ['inv_b', 'inv_a'], amount: 62_500, currency: 'USD' },
    unreadMessages: 2,
    nextEvents: [
      {
        id: 'evt_1',
        kind: 'event',
        title: 'Deposition of the opposing party',
        notes: null,
        startsAt: '2026-03-12T16:30:00.000Z',
        endsAt: '2026-03-12T18:00:00.000Z',
        allDay: false,
        location: 'Suite 400',
        status: 'upcoming',
      },
      {
        id: 'evt_2',
        kind: 'event',
        title: 'Court holiday',
        notes: null,
        startsAt: '2026-03-20',
        endsAt: '2026-03-20',
        allDay: true,
        location: null,
        status: 'upcoming',
      },
    ],
    tasks: {
      openCount: 3,
      overdueCount: 1,
      first: [
        { id: 'task_1', kind: 'task', title: 'Sign the engagement letter', notes: null, dueOn: '2026-02-27', completedAt: null, status: 'overdue' },
        { id: 'task_2', kind: 'task', title: 'Upload your pay stubs', notes: null, dueOn: '2026-03-09', completedAt: null, status: 'upcoming' },
        { id: 'task_3', kind: 'task', title: 'Review the draft settlement', notes: null, dueOn: null, completedAt: null, status: 'upcoming' },
      ],
    },
    changes: {
      invoices: {
        count: 1,
        latest: [{ id: 'inv_a', number: 'INV-1001', total: 50_000, currency: 'USD', dueOn: '2026-03-15', sentAt: '2026-03-02T09:00:00.000Z' }],
      },
      documents: {
        count: 4,
        latest: [
          {
            id: 'file_1',
            name: 'Engagement letter.pdf',
            size: 48_213,
            contentType: 'application/pdf',
            folder: 'Estate of Rivera',
            sha256: 'a'.repeat(64),
            uploadedBy: { type: 'staff', name: 'Margaret Hale' },
            createdAt: '2026-03-02T10:00:00.000Z',
          },
        ],
      },
      messages: {
        count: 2,
        latest: [
          {
            id: 'msg_2',
            threadId: 'thr_1',
            subject: 'Documents for the hearing',
            author: { type: 'staff', name: 'Margaret Hale' },
            preview: 'Please bring the originals.',
            createdAt: '2026-03-02T11:00:00.000Z',
          },
          {
            id: 'msg_1',
            threadId: 'thr_2',
            subject: 'Welcome to the portal',
            author: { type: 'staff', name: 'Daniel Okafor' },
            preview: 'Here is how it works.',
            createdAt: '2026-03-02T08:00:00.000Z',
          },
        ],
      },
      payments: {
        count: 1,
        latest: [{ id: 'pay_1', amount: 25_000, currency: 'USD', receiptNumber: 'R-100001', settledAt: '2026-03-02T12:00:00.000Z' }],
      },
    },
    ...overrides,
  };
}

/** A client with nothing to pay, read or do, and nothing new since their last visit. */
export function quietHome(): Home {
  return {
    since: '2026-03-01T17:30:00.000Z',
    balance: { invoiceIds: [], amount: null, currency: null },
    unreadMessages: 0,
    nextEvents: [],
    tasks: { openCount: 0, overdueCount: 0, first: [] },
    changes: {
      invoices: { count: 0, latest: [] },
      documents: { count: 0, latest: [] },
      messages: { count: 0, latest: [] },
      payments: { count: 0, latest: [] },
    },
  };
}

/** What GET /api/v1/home/counts answers for the same client: the navigation's two counts. */
export function countsOf(home: Home): HomeCounts {
  return { unreadMessages: home.unreadMessages, unpaidInvoices: home.balance ? home.balance.invoiceIds.length : null };
}
