// What the stories' mocked service answers for the client's home (GET /api/v1/home), in the
// shape the token service answers with. Dates are relative to now so the stories look current.
import type { Home } from '../components/index.ts';

/** How the home call ends: a busy home, nothing to do, a failure, or no answer at all. */
export type HomeAnswer = 'full' | 'empty' | 'error' | 'never';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const dayFromToday = (days: number) => hoursFromNow(days * 24).slice(0, 10);

/** A client with unpaid invoices, unread messages, events, tasks and news since their last visit. */
export function storyHome(): Home {
  return {
    since: hoursFromNow(-30),
    balance: { invoiceIds: ['inv_1011', 'inv_1009'], amount: 947_370, currency: 'USD' },
    unreadMessages: 2,
    nextEvents: [
      {
        id: 'evt_1',
        kind: 'event',
        title: 'Deposition of the opposing party',
        notes: null,
        startsAt: hoursFromNow(50),
        endsAt: hoursFromNow(52),
        allDay: false,
        location: 'Suite 400',
        status: 'upcoming',
      },
      {
        id: 'evt_2',
        kind: 'event',
        title: 'Mediation',
        notes: null,
        startsAt: dayFromToday(9),
        endsAt: dayFromToday(9),
        allDay: true,
        location: null,
        status: 'upcoming',
      },
    ],
    tasks: {
      openCount: 3,
      overdueCount: 1,
      first: [
        { id: 'task_1', kind: 'task', title: 'Sign the engagement letter', notes: null, dueOn: dayFromToday(-2), completedAt: null, status: 'overdue' },
        { id: 'task_2', kind: 'task', title: 'Upload your last three pay stubs', notes: null, dueOn: dayFromToday(5), completedAt: null, status: 'upcoming' },
        { id: 'task_3', kind: 'task', title: 'Review the draft settlement', notes: null, dueOn: null, completedAt: null, status: 'upcoming' },
      ],
    },
    changes: {
      invoices: {
        count: 1,
        latest: [{ id: 'inv_1011', number: 'INV-1011', total: 639_750, currency: 'USD', dueOn: dayFromToday(28), sentAt: hoursFromNow(-5) }],
      },
      documents: {
        count: 2,
        latest: [
          {
            id: 'file_1',
            name: 'Draft settlement agreement.pdf',
            size: 182_331,
            contentType: 'application/pdf',
            folder: 'Estate of Rivera',
            sha256: 'a'.repeat(64),
            uploadedBy: { type: 'staff', name: 'Margaret Hale' },
            createdAt: hoursFromNow(-3),
          },
          {
            id: 'file_2',
            name: 'Hearing notice.pdf',
            size: 40_112,
            contentType: 'application/pdf',
            folder: null,
            sha256: 'b'.repeat(64),
            uploadedBy: { type: 'staff', name: 'Daniel Okafor' },
            createdAt: hoursFromNow(-20),
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
            createdAt: hoursFromNow(-2),
          },
        ],
      },
      payments: { count: 1, latest: [{ id: 'pay_1', amount: 25_000, currency: 'USD', receiptNumber: 'R-100004', settledAt: hoursFromNow(-8) }] },
    },
  };
}

/** Nothing to pay, read or do, and nothing new. */
export function quietStoryHome(): Home {
  return {
    since: hoursFromNow(-30),
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

/** The answer to a home call (home, its counts, a look), or undefined for any other call. */
export function homeAnswer(method: string, url: URL, answer: HomeAnswer = 'full'): Response | 'never' | undefined {
  const path = url.pathname.replace(/^\/api\/v1/, '');
  if (method === 'POST' && path === '/home/seen') return new Response(null, { status: 204 });
  if (method !== 'GET' || (path !== '/home' && path !== '/home/counts')) return undefined;
  if (answer === 'never') return 'never';
  if (answer === 'error') {
    return new Response(
      JSON.stringify({ type: 'about:blank', title: 'unavailable', status: 503, code: 'unavailable', detail: 'The service is down for maintenance.' }),
      {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );
  }
  const home = answer === 'empty' ? quietStoryHome() : storyHome();
  if (path === '/home/counts') return json(200, { unreadMessages: home.unreadMessages, unpaidInvoices: home.balance?.invoiceIds.length ?? null });
  return json(200, home);
}
