// Threads, messages and files shaped like the token service's answers, and routes that serve
// them from a fake service the way the service pages them.
import type { PortalFile, Thread, ThreadMessage } from '../../components/index.ts';
import { json, type FakeService, type RecordedRequest } from './fake-service.ts';

const hour = 3_600_000;
const base = Date.UTC(2026, 2, 10, 15, 0, 0);

export function thread(n: number, overrides: Partial<Thread> = {}): Thread {
  const at = new Date(base - n * 24 * hour).toISOString();
  return {
    id: `thr_${n}`,
    subject: `Subject ${n}`,
    status: 'open',
    lastMessage: { id: `msg_${n}_last`, author: { type: 'staff', name: 'Margaret Hale' }, preview: `Latest news on matter ${n}`, createdAt: at },
    unreadCount: 0,
    createdAt: new Date(base - (n + 5) * 24 * hour).toISOString(),
    lastActivityAt: at,
    ...overrides,
  };
}

/** The nth message of a thread (0 the oldest), alternating between the firm and the client. */
export function message(n: number, threadId = 'thr_1', overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  const staff = n % 2 === 0;
  return {
    id: `msg_${threadId}_${String(n).padStart(5, '0')}`,
    threadId,
    author: staff ? { type: 'staff', name: 'Margaret Hale' } : { type: 'contact', name: 'Alex Rivera' },
    body:
      n % 7 === 3 ? `Message ${n}\n\nA longer note that runs over more than one line of text, to give the message some height in the thread.` : `Message ${n}`,
    attachments: [],
    createdAt: new Date(base - 1_000_000_000 + n * 60_000).toISOString(),
    ...overrides,
  };
}

export function messages(count: number, threadId = 'thr_1'): ThreadMessage[] {
  return Array.from({ length: count }, (_, n) => message(n, threadId));
}

/** Answers GET /api/v1/threads from `threads`, with a numeric cursor. */
export function serveThreads(service: FakeService, threads: (() => Thread[]) | Thread[]): FakeService {
  return service.on('GET /api/v1/threads', (request: RecordedRequest) => {
    const all = typeof threads === 'function' ? threads() : threads;
    const start = Number(request.url.searchParams.get('cursor') ?? 0);
    const limit = Number(request.url.searchParams.get('limit') ?? 20);
    const data = all.slice(start, start + limit);
    const unreadCount = all.reduce((sum, each) => sum + each.unreadCount, 0);
    return json(200, { data, nextCursor: start + limit < all.length ? String(start + limit) : null, unreadCount });
  });
}

/**
 * Answers a thread's messages (oldest first) the way the service pages them: the newest `limit`,
 * or with `before` (an index here) the `limit` before it; and marks it read.
 */
export function serveThread(service: FakeService, subject: Thread, all: (() => ThreadMessage[]) | ThreadMessage[]): FakeService {
  const state = { thread: subject };
  return service
    .on(`GET /api/v1/threads/${subject.id}/messages`, (request: RecordedRequest) => {
      const list = typeof all === 'function' ? all() : all;
      const end = request.url.searchParams.has('before') ? Number(request.url.searchParams.get('before')) : list.length;
      const limit = Number(request.url.searchParams.get('limit') ?? 50);
      const start = Math.max(0, end - limit);
      return json(200, { thread: state.thread, data: list.slice(start, end), nextCursor: start > 0 ? String(start) : null });
    })
    .on(`POST /api/v1/threads/${subject.id}/read`, () => {
      state.thread = { ...state.thread, unreadCount: 0 };
      return json(200, state.thread);
    });
}

export function portalFile(n: number, overrides: Partial<PortalFile> = {}): PortalFile {
  return {
    id: `file_${n}`,
    name: `Document ${n}.pdf`,
    size: 1024 * (n + 1) * 37,
    contentType: 'application/pdf',
    folder: null,
    sha256: 'a'.repeat(64),
    uploadedBy: { type: 'staff', name: 'Margaret Hale' },
    createdAt: new Date(base - n * 24 * hour).toISOString(),
    ...overrides,
  };
}

/** Answers GET /api/v1/files from `files` (already folder by folder), with the folders and a numeric cursor. */
export function serveFiles(service: FakeService, files: (() => PortalFile[]) | PortalFile[]): FakeService {
  return service.on('GET /api/v1/files', (request: RecordedRequest) => {
    const all = typeof files === 'function' ? files() : files;
    const start = Number(request.url.searchParams.get('cursor') ?? 0);
    const limit = Number(request.url.searchParams.get('limit') ?? 50);
    const counts = new Map<string | null, number>();
    for (const file of all) counts.set(file.folder, (counts.get(file.folder) ?? 0) + 1);
    const folders = [...counts].map(([name, count]) => ({ name, files: count })).sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
    return json(200, { data: all.slice(start, start + limit), nextCursor: start + limit < all.length ? String(start + limit) : null, folders });
  });
}
