// Secure messages and files for the stories' mocked service: threads and their messages, the
// client's documents by matter, and uploads that report progress through a stand-in
// XMLHttpRequest. Dates are relative to now so the stories always look current.
import type { PortalFile, Thread, ThreadMessage, XhrFactory } from '../components/index.ts';
import type { SectionAnswer } from './portal-data.ts';

export interface MessagesDataOptions {
  /** How the thread list ends; `long` adds a thread of 10,000 messages. */
  threads?: SectionAnswer | 'long';
  /** How the files list ends. */
  files?: SectionAnswer;
  /** How an upload ends: `ok` (about three seconds of progress), `stall` (it stops part-way and never ends), `offline`. */
  upload?: 'ok' | 'stall' | 'offline';
}

type Answer = Response | 'offline' | 'never';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const hour = 3_600_000;
const ago = (hours: number): string => new Date(Date.now() - hours * hour).toISOString();

const partner = { type: 'staff', name: 'Margaret Hale' } as const;
const associate = { type: 'staff', name: 'Daniel Okafor' } as const;
const client = { type: 'contact', name: 'Alex Rivera' } as const;

export const estateMatter = 'Estate of Eleanor Morgan (2025-0388)';
export const leaseMatter = 'Morgan v. Castellan Property Group (2025-0412)';

/** The story firm's limit on uploads: small, so that the "too large" refusal is easy to show. */
export const storyUploadLimit = 5 * 1024 * 1024;

function storyFiles(): PortalFile[] {
  const file = (id: string, name: string, size: number, folder: string | null, hoursAgo: number, from: PortalFile['uploadedBy'] = partner): PortalFile => ({
    id,
    name,
    size,
    contentType: name.endsWith('.csv') ? 'text/csv; charset=utf-8' : name.endsWith('.txt') ? 'text/plain; charset=utf-8' : 'application/pdf',
    folder,
    sha256: '9f2c'.repeat(16),
    uploadedBy: from,
    createdAt: ago(hoursAgo),
  });
  return [
    file('file_story_engagement', 'Engagement letter.pdf', 84_211, null, 70 * 24),
    file('file_story_checklist', 'Probate inventory checklist.pdf', 41_877, estateMatter, 15 * 24, associate),
    file('file_story_statements', 'Bank statements summary.csv', 412, estateMatter, 12 * 24, client),
    file('file_story_settlement', 'Draft settlement agreement.pdf', 1_284_533, leaseMatter, 2 * 24),
    file('file_story_schedule', 'Deposition schedule.txt', 1_204, leaseMatter, 9 * 24, associate),
    file('file_story_photos', 'Water damage photos.pdf', 3_912_774, leaseMatter, 8 * 24, client),
  ];
}

const attachment = (file: PortalFile) => ({ id: file.id, name: file.name, size: file.size, contentType: file.contentType });

interface StoryThread {
  thread: Thread;
  messages: ThreadMessage[];
}

function storyThreads(long: boolean): StoryThread[] {
  const files = Object.fromEntries(storyFiles().map((file) => [file.id, file]));
  const write = (threadId: string, n: number, author: ThreadMessage['author'], hoursAgo: number, body: string, attached: string[] = []): ThreadMessage => ({
    id: `msg_${threadId}_${n}`,
    threadId,
    author,
    body,
    attachments: attached.map((id) => attachment(files[id]!)),
    createdAt: ago(hoursAgo),
  });
  const threadOf = (id: string, subject: string, messages: ThreadMessage[], unreadCount: number, status: Thread['status'] = 'open'): StoryThread => {
    const last = messages.at(-1)!;
    return {
      thread: {
        id,
        subject,
        status,
        unreadCount,
        lastMessage: { id: last.id, author: last.author, preview: last.body.replace(/\s+/g, ' ').slice(0, 140), createdAt: last.createdAt },
        createdAt: messages[0]!.createdAt,
        lastActivityAt: last.createdAt,
      },
      messages,
    };
  };
  const threads = [
    threadOf(
      'thr_story_deposition',
      'Deposition of Dr. Castellan — scheduling and preparation',
      [
        write(
          'thr_story_deposition',
          1,
          associate,
          9 * 24,
          'Hi Alex,\n\nOpposing counsel has offered the 18th or the 24th for Dr. Castellan’s deposition. We would like you to attend. Which date works better for you? The draft schedule is attached.\n\nDaniel',
          ['file_story_schedule'],
        ),
        write('thr_story_deposition', 2, client, 8 * 24 + 5, 'The 24th works best for me. Should I bring anything?'),
        write(
          'thr_story_deposition',
          3,
          partner,
          2 * 24,
          'Alex,\n\nThe deposition is confirmed for the 24th at our office. Please bring your photos of the water damage and your rent receipts.\n\nCastellan’s counsel has sent a settlement proposal; our draft agreement is attached. The court’s guidance on depositions is at https://www.courts.example.gov/depositions.\n\nMargaret',
          ['file_story_settlement'],
        ),
      ],
      1,
    ),
    threadOf(
      'thr_story_probate',
      'Probate inventory — documents we need',
      [
        write(
          'thr_story_probate',
          1,
          associate,
          15 * 24,
          'Hi Alex,\n\nTo prepare the inventory and appraisal for your mother’s estate, we need the documents on the attached checklist. Copies are fine; please upload them here.\n\nDaniel',
          ['file_story_checklist'],
        ),
        write(
          'thr_story_probate',
          2,
          client,
          12 * 24,
          'Hi Daniel, I put the account balances in a spreadsheet (attached). The deed is in a safe deposit box; I can get to it next week.',
          ['file_story_statements'],
        ),
        write(
          'thr_story_probate',
          3,
          associate,
          11 * 24 - 3,
          'Thank you, that is exactly what we need for now. A copy of the deed whenever you can get to the box is perfect.',
        ),
      ],
      0,
    ),
    threadOf(
      'thr_story_welcome',
      'Welcome to your client portal',
      [
        write(
          'thr_story_welcome',
          1,
          partner,
          70 * 24,
          'Hi Alex,\n\nWelcome to the Hale & Whitmore client portal. You will find your invoices, documents and our messages here. Your signed engagement letter is under Files.\n\nBest,\nMargaret',
          ['file_story_engagement'],
        ),
        write('thr_story_welcome', 2, client, 69 * 24, 'Thank you, Margaret. Got it.'),
      ],
      0,
      'closed',
    ),
  ];
  if (long) {
    const messages = Array.from({ length: 10_000 }, (_, n) =>
      write(
        'thr_story_long',
        n,
        n % 3 === 0 ? client : associate,
        10_000 - n,
        n % 5 === 0
          ? `Update ${n + 1}: the discovery log has a new entry.\nSee the shared folder for the documents received today.`
          : `Update ${n + 1}: noted.`,
      ),
    );
    threads.unshift(threadOf('thr_story_long', 'Discovery log (10,000 updates)', messages, 0));
  }
  return threads;
}

function ending(answer: SectionAnswer | 'long' | undefined, full: () => Answer): Answer {
  switch (answer) {
    case 'never':
    case 'offline':
      return answer;
    case 'error':
      return problem(503, 'service_unavailable', 'The service is down for maintenance.');
    default:
      return full();
  }
}

/**
 * A mocked service's messages and files for one client: its answers to `/threads` and `/files`
 * calls (undefined for any other), and the XMLHttpRequest its uploads go through. Threads
 * started and replies sent are kept while the story is open.
 */
export function messagesMock(options: MessagesDataOptions) {
  const threads = options.threads === 'empty' ? [] : storyThreads(options.threads === 'long');
  const files = options.files === 'empty' ? [] : storyFiles();
  let sequence = 0;

  const answer = (method: string, url: URL, rawBody: unknown): Answer | undefined => {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = typeof rawBody === 'string' ? (JSON.parse(rawBody) as { subject?: string; body?: string; attachmentIds?: string[] }) : {};
    const attached = (ids: string[] = []) =>
      ids
        .map((id) => files.find((file) => file.id === id))
        .filter((file): file is PortalFile => file !== undefined)
        .map(attachment);
    if (method === 'GET' && path === '/threads') {
      return ending(options.threads, () => {
        const start = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const list = threads.map((entry) => entry.thread);
        return json(200, {
          data: list.slice(start, start + limit),
          nextCursor: start + limit < list.length ? String(start + limit) : null,
          unreadCount: list.reduce((sum, thread) => sum + thread.unreadCount, 0),
        });
      });
    }
    if (method === 'POST' && path === '/threads') {
      sequence += 1;
      const id = `thr_story_new_${sequence}`;
      const first: ThreadMessage = {
        id: `msg_${id}_1`,
        threadId: id,
        author: client,
        body: body.body ?? '',
        attachments: attached(body.attachmentIds),
        createdAt: new Date().toISOString(),
      };
      const thread: Thread = {
        id,
        subject: body.subject ?? '',
        status: 'open',
        unreadCount: 0,
        lastMessage: { id: first.id, author: client, preview: first.body.slice(0, 140), createdAt: first.createdAt },
        createdAt: first.createdAt,
        lastActivityAt: first.createdAt,
      };
      threads.unshift({ thread, messages: [first] });
      return json(201, { thread, message: first });
    }
    const match = /^\/threads\/([^/]+)\/(messages|read)$/.exec(path);
    const entry = match ? threads.find((candidate) => candidate.thread.id === decodeURIComponent(match[1]!)) : undefined;
    if (match && !entry) return problem(404, 'not_found', 'No such thread.');
    if (entry && match![2] === 'read' && method === 'POST') {
      entry.thread = { ...entry.thread, unreadCount: 0 };
      return json(200, entry.thread);
    }
    if (entry && method === 'GET') {
      const end = url.searchParams.has('before') ? Number(url.searchParams.get('before')) : entry.messages.length;
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const start = Math.max(0, end - limit);
      return json(200, { thread: entry.thread, data: entry.messages.slice(start, end), nextCursor: start > 0 ? String(start) : null });
    }
    if (entry && method === 'POST') {
      if (entry.thread.status === 'closed') return problem(409, 'thread_closed', 'This conversation is closed.');
      sequence += 1;
      const message: ThreadMessage = {
        id: `msg_${entry.thread.id}_new_${sequence}`,
        threadId: entry.thread.id,
        author: client,
        body: body.body ?? '',
        attachments: attached(body.attachmentIds),
        createdAt: new Date().toISOString(),
      };
      entry.messages.push(message);
      entry.thread = {
        ...entry.thread,
        lastMessage: { id: message.id, author: client, preview: message.body.slice(0, 140), createdAt: message.createdAt },
        lastActivityAt: message.createdAt,
      };
      return json(201, message);
    }
    if (method === 'GET' && path === '/files') {
      return ending(options.files, () => json(200, { data: files, nextCursor: null, folders: foldersOf(files) }));
    }
    if (method === 'GET' && /^\/files\/[^/]+\/content$/.test(path)) {
      return new Response('%PDF-1.4\n% A document from the story service.\n', { headers: { 'Content-Type': 'application/pdf' } });
    }
    return undefined;
  };

  const xhr: XhrFactory = () => new StoryUpload(options.upload ?? 'ok', (file) => files.unshift(file)) as unknown as XMLHttpRequest;
  return { answer, xhr };
}

function foldersOf(files: PortalFile[]): { name: string | null; files: number }[] {
  const counts = new Map<string | null, number>();
  for (const file of files) counts.set(file.folder, (counts.get(file.folder) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, files: count })).sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
}

/**
 * An upload that reports progress over about three seconds, then answers as the service would.
 * A name tells it how to end: "huge" is too large (413), "renamed" has content that does not
 * match its name (415), "infected" is rejected by the virus scan (422).
 */
class StoryUpload extends EventTarget {
  readonly upload = new EventTarget();
  status = 0;
  statusText = '';
  responseText = '';
  responseType: XMLHttpRequestResponseType = '';
  withCredentials = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #headers = '';
  readonly #ending: 'ok' | 'stall' | 'offline';
  readonly #keep: (file: PortalFile) => void;

  constructor(ending: 'ok' | 'stall' | 'offline', keep: (file: PortalFile) => void) {
    super();
    this.#ending = ending;
    this.#keep = keep;
  }

  open(): void {}

  setRequestHeader(): void {}

  getAllResponseHeaders(): string {
    return this.#headers;
  }

  send(form: FormData): void {
    const file = form.get('file') as File;
    const folder = (form.get('folder') as string | null) ?? null;
    const total = file.size + 320;
    const steps = 24;
    let step = 0;
    this.#timer = setInterval(() => {
      step += 1;
      if (this.#ending === 'stall' && step > steps * 0.6) return;
      this.upload.dispatchEvent(new ProgressEvent('progress', { loaded: Math.round((total * Math.min(step, steps)) / steps), total, lengthComputable: true }));
      if (step >= steps) this.#finish(file, folder);
    }, 125);
  }

  abort(): void {
    clearInterval(this.#timer);
    this.dispatchEvent(new ProgressEvent('abort'));
  }

  #finish(file: File, folder: string | null): void {
    clearInterval(this.#timer);
    if (this.#ending === 'offline') {
      this.dispatchEvent(new ProgressEvent('error'));
      return;
    }
    const name = file.name.toLowerCase();
    if (name.includes('huge'))
      this.#answer(413, {
        code: 'file_too_large',
        title: 'File too large',
        status: 413,
        detail: 'The file is larger than the limit.',
        maxBytes: storyUploadLimit,
      });
    else if (name.includes('renamed'))
      this.#answer(415, {
        code: 'file_type_not_allowed',
        title: 'File type not allowed',
        status: 415,
        detail: "The file's name ends in .pdf but its content is plain text.",
      });
    else if (name.includes('infected'))
      this.#answer(422, { code: 'file_rejected', title: 'File rejected', status: 422, detail: 'The virus scan rejected this file, so it was not kept.' });
    else {
      const stored: PortalFile = {
        id: `file_story_upload_${Math.random().toString(36).slice(2, 10)}`,
        name: file.name,
        size: file.size,
        contentType: file.type || 'application/octet-stream',
        folder,
        sha256: '0'.repeat(64),
        uploadedBy: client,
        createdAt: new Date().toISOString(),
      };
      this.#keep(stored);
      this.#answer(201, stored);
    }
  }

  #answer(status: number, body: unknown): void {
    this.status = status;
    this.#headers = `content-type: ${status >= 400 ? 'application/problem+json' : 'application/json'}\r\n`;
    this.responseText = JSON.stringify(body);
    this.dispatchEvent(new ProgressEvent('load'));
  }
}
