import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiClient, type PortalMessages, type PortalMessageSentEvent, type Thread } from '../../components/index.ts';
import '../../components/messages/define.ts';
import { branding, deferred, json, problem, type FakeService } from './fake-service.ts';
import { FakeUploads } from './fake-xhr.ts';
import { message, messages, serveThread, serveThreads, thread } from './message-fixtures.ts';
import { afterEach, describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';

declare global {
  interface Window {
    __portalXss?: boolean;
  }
}

function clientFor(service: FakeService, uploads?: FakeUploads): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch, ...(uploads ? { xhr: uploads.xhr } : {}) });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const threadButton = (element: PortalMessages, id: string): HTMLButtonElement =>
  element.shadowRoot!.querySelector<HTMLButtonElement>(`[data-thread-id="${id}"] [part~="thread-button"]`)!;

const renderedMessage = (element: PortalMessages, id: string): HTMLElement | null =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="message"][data-key="${id}"]`);

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/** A service with Alex's threads: an unread one, a read one and a closed one. */
function threadsService(): { service: FakeService; threads: Thread[] } {
  const threads = [
    thread(1, { subject: 'Deposition scheduling', unreadCount: 2 }),
    thread(2, {
      subject: 'Probate inventory',
      lastMessage: { id: 'm2', author: { type: 'contact', name: 'Alex Rivera' }, preview: 'Here is the spreadsheet.', createdAt: thread(2).lastActivityAt },
    }),
    thread(3, { subject: 'Welcome to your portal', status: 'closed' }),
  ];
  const service = serveThreads(signedInService(), threads);
  serveThread(service, threads[0]!, messages(6, 'thr_1'));
  serveThread(service, threads[1]!, messages(3, 'thr_2'));
  serveThread(service, threads[2]!, messages(2, 'thr_3'));
  return { service, threads };
}

async function loaded(element: PortalMessages): Promise<PortalMessages> {
  await waitUntil(() => parts(element, 'thread').length > 0 || part(element, 'empty') || part(element, 'error'), 'the threads did not load');
  await element.updateComplete;
  return element;
}

async function messagesWith(
  service: FakeService,
  { width = '64rem', threadId = '', uploads, pollInterval = 0 }: { width?: string; threadId?: string; uploads?: FakeUploads; pollInterval?: number } = {},
): Promise<PortalMessages> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}"></div>`);
  const element = document.createElement('portal-messages');
  element.client = clientFor(service, uploads);
  element.pollInterval = pollInterval;
  if (threadId) element.threadId = threadId;
  wrapper.append(element);
  return loaded(element);
}

async function threadShown(element: PortalMessages): Promise<void> {
  await waitUntil(() => parts(element, 'message').length > 0 || element.shadowRoot!.querySelector('.pane [part~="error"]'), 'the thread did not load');
  await element.updateComplete;
  await frame();
}

async function openThread(element: PortalMessages, id: string): Promise<void> {
  threadButton(element, id).click();
  await waitUntil(() => element.shadowRoot!.querySelector(`[part~="message"][data-key^="msg_${id}_"]`), `thread ${id} did not open`);
  await element.updateComplete;
  await frame();
}

/** Chooses files in a hidden file input, as the browser's picker would. */
function choose(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<portal-messages>', () => {
  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
    delete window.__portalXss;
  });

  it('is accessible: the list, an open thread, and the new message form, wide and narrow', async () => {
    const { service } = threadsService();
    const wide = await messagesWith(service);
    await expect(wide).to.be.accessible();
    await openThread(wide, 'thr_1');
    await expect(wide).to.be.accessible();
    part(wide, 'new-button')!.click();
    await wide.updateComplete;
    await expect(wide).to.be.accessible();

    const narrow = await messagesWith(service, { width: '320px', threadId: 'thr_3' });
    await threadShown(narrow);
    await expect(narrow).to.be.accessible();
  });

  it('lists threads newest activity first, with preview, date, unread badge and closed marker', async () => {
    const { service } = threadsService();
    const element = await messagesWith(service);

    const [call] = service.calls('GET /api/v1/threads');
    expect(call!.url.searchParams.get('limit')).to.equal('20');
    expect(call!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(element.threadId).to.equal('');
    expect(element.pollInterval).to.equal(0);

    expect(parts(element, 'subject').map(text)).to.deep.equal(['Deposition scheduling', 'Probate inventory', 'Welcome to your portal']);
    expect(text(part(element, 'unread-total'))).to.equal('2 unread');
    const unread = threadButton(element, 'thr_1');
    expect(text(unread.querySelector('[part~="unread-badge"] [aria-hidden="true"]'))).to.equal('2');
    expect(text(unread.querySelector('[part~="unread-badge"] .visually-hidden'))).to.equal('2 unread messages');
    expect(text(unread.querySelector('[part~="preview"]'))).to.equal('Latest news on matter 1');
    expect(unread.querySelector('time')!.getAttribute('datetime')).to.equal(thread(1).lastActivityAt);
    expect(text(threadButton(element, 'thr_2').querySelector('[part~="preview"]'))).to.equal('You: Here is the spreadsheet.');
    expect(text(threadButton(element, 'thr_3').querySelector('[part~="closed-badge"]'))).to.equal('Closed');
    expect(threadButton(element, 'thr_2').querySelector('[part~="unread-badge"]')).to.equal(null);
    expect(text(part(element, 'placeholder'))).to.include('Choose a conversation');
  });

  it('opens a thread, marks it read, and shows who wrote each message and when', async () => {
    const { service } = threadsService();
    const element = await messagesWith(service);
    const button = threadButton(element, 'thr_1');
    setTimeout(() => button.click());
    const opened = await oneEvent(element, 'portal-thread-open');
    expect(opened.detail).to.deep.equal({ threadId: 'thr_1' });
    expect(opened.bubbles && opened.composed).to.equal(true);
    await threadShown(element);

    expect(element.threadId).to.equal('thr_1');
    expect(element.getAttribute('thread-id')).to.equal('thr_1');
    expect(element.matches(':state(thread)')).to.equal(true);
    expect(element.shadowRoot!.activeElement?.id).to.equal('thread-heading');
    expect(text(part(element, 'thread-heading'))).to.equal('Deposition scheduling');
    expect(service.calls('GET /api/v1/threads/thr_1/messages')[0]!.url.searchParams.get('limit')).to.equal('50');

    await waitUntil(() => service.calls('POST /api/v1/threads/thr_1/read').length === 1, 'the thread was not marked read');
    await waitUntil(() => !threadButton(element, 'thr_1').querySelector('[part~="unread-badge"]'), 'the unread badge stayed');
    expect(part(element, 'unread-total')).to.equal(null);
    expect(threadButton(element, 'thr_1').getAttribute('aria-current')).to.equal('true');

    const staff = renderedMessage(element, 'msg_thr_1_00000')!;
    expect(staff.matches('[part~="message-staff"]')).to.equal(true);
    expect(text(staff.querySelector('[part~="author"]'))).to.equal('Margaret Hale');
    expect(text(staff.querySelector('[part~="role"]'))).to.equal('Hale & Whitmore LLP');
    expect(staff.querySelector('time')!.getAttribute('datetime')).to.equal(message(0).createdAt);
    const mine = renderedMessage(element, 'msg_thr_1_00001')!;
    expect(mine.matches('[part~="message-contact"]')).to.equal(true);
    expect(text(mine.querySelector('[part~="author"]'))).to.equal('You');
    expect(text(part(element, 'log')!.querySelector('.start'))).to.equal('This is the start of the conversation.');
  });

  it('marks a thread read only once the client can see it', async () => {
    const { service } = threadsService();
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div hidden></div>`);
    const element = document.createElement('portal-messages');
    element.client = clientFor(service);
    element.pollInterval = 0;
    element.threadId = 'thr_1';
    wrapper.append(element);
    await waitUntil(() => service.calls('GET /api/v1/threads/thr_1/messages').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(service.calls('POST /api/v1/threads/thr_1/read')).to.have.length(0);

    wrapper.hidden = false;
    await waitUntil(() => service.calls('POST /api/v1/threads/thr_1/read').length === 1, 'the thread was not marked read once shown');
  });

  it('shows message text as text: markup never becomes elements and nothing runs', async () => {
    const hostile = [
      message(0, 'thr_1', { body: '<img src=x onerror="window.__portalXss = true">' }),
      message(1, 'thr_1', { body: '<script>window.__portalXss = true</script><b>bold?</b>' }),
      message(2, 'thr_1', { body: '<svg onload="window.__portalXss = true"></svg><a href="javascript:window.__portalXss = true">click</a>' }),
    ];
    const service = serveThreads(signedInService(), [thread(1)]);
    serveThread(service, thread(1), hostile);
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const bodies = parts(element, 'body');
    expect(bodies.map((body) => body.textContent)).to.deep.equal(hostile.map((each) => each.body));
    for (const body of bodies) expect(body.querySelector('img, script, svg, b, a')).to.equal(null);
    expect(element.shadowRoot!.querySelector('.messages img, .messages script, .messages svg')).to.equal(null);
    expect(window.__portalXss).to.equal(undefined);
  });

  it('makes http and https addresses links that open in a new tab, and nothing else', async () => {
    const body =
      'See https://example.com/path?q=1&r=2. Also (http://court.example.gov/docket) and https://en.wikipedia.org/wiki/Probate_(law), not javascript:alert(1), ftp://files.example or www.example.com';
    const service = serveThreads(signedInService(), [thread(1)]);
    serveThread(service, thread(1), [message(0, 'thr_1', { body })]);
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);

    const links = [...part(element, 'body')!.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
      'https://example.com/path?q=1&r=2',
      'http://court.example.gov/docket',
      'https://en.wikipedia.org/wiki/Probate_(law)',
    ]);
    for (const link of links) {
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.textContent).to.include('(opens in a new tab)');
    }
    // The text reads as written, links included.
    const ownText = (node: Node): string =>
      [...node.childNodes]
        .map((child) => (child.nodeType === Node.TEXT_NODE ? child.textContent : child instanceof HTMLAnchorElement ? ownText(child) : ''))
        .join('');
    const visible = ownText(part(element, 'body')!);
    expect(visible).to.equal(body);
  });

  it('sends a reply with Enter, while Shift+Enter starts a new line', async () => {
    const { service } = threadsService();
    const sent = message(6, 'thr_1', { author: { type: 'contact', name: 'Alex Rivera' }, body: 'Hello\nthere' });
    service.on('POST /api/v1/threads/thr_1/messages', (request) => json(201, { ...sent, body: (request.body as { body: string }).body }));
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);

    const reply = part<HTMLTextAreaElement>(element, 'reply-input')!;
    expect(element.shadowRoot!.querySelector(`label[for="${reply.id}"]`)!.textContent).to.equal('Your reply');
    reply.focus();
    await sendKeys({ type: 'Hello' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'there' });
    expect(reply.value).to.equal('Hello\nthere');
    expect(service.calls('POST /api/v1/threads/thr_1/messages')).to.have.length(0);

    const event = oneEvent(element, 'portal-message-sent');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await event) as PortalMessageSentEvent;
    expect(detail).to.deep.equal({ threadId: 'thr_1', messageId: sent.id, newThread: false });
    expect(service.calls('POST /api/v1/threads/thr_1/messages')[0]!.body).to.deep.equal({ body: 'Hello\nthere' });
    await element.updateComplete;
    expect(reply.value).to.equal('');
    expect(renderedMessage(element, sent.id)).not.to.equal(null);
    await waitUntil(() => text(part(element, 'announcer')) === 'Your message was sent.');
    expect(element.shadowRoot!.activeElement).to.equal(reply);
    // The thread moves to the top of the list with its new last message.
    expect(text(parts(element, 'preview')[0]!)).to.equal('You: Hello there');

    // An empty reply is not sent.
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(text(element.shadowRoot!.querySelector('#reply-error'))).to.equal('Write a message first.');
    expect(service.calls('POST /api/v1/threads/thr_1/messages')).to.have.length(1);
  });

  it('uploads attached files with their progress first, then sends their ids', async () => {
    const { service } = threadsService();
    const uploads = new FakeUploads();
    service.on('POST /api/v1/threads/thr_1/messages', (request) =>
      json(
        201,
        message(7, 'thr_1', {
          author: { type: 'contact', name: 'Alex Rivera' },
          body: 'Both attached',
          attachments: (request.body as { attachmentIds: string[] }).attachmentIds.map((id) => ({
            id,
            name: `${id}.pdf`,
            size: 10,
            contentType: 'application/pdf',
          })),
        }),
      ),
    );
    const element = await messagesWith(service, { threadId: 'thr_1', uploads });
    await threadShown(element);

    choose(element.shadowRoot!.querySelector<HTMLInputElement>('#reply-files')!, [
      new File(['%PDF-1.4 one'], 'One.pdf', { type: 'application/pdf' }),
      new File(['two'], 'Two.txt', { type: 'text/plain' }),
    ]);
    await element.updateComplete;
    expect(parts(element, 'upload').map((row) => text(row.querySelector('.upload-name')))).to.deep.equal(['One.pdf', 'Two.txt']);
    part<HTMLTextAreaElement>(element, 'reply-input')!.value = 'Both attached';
    part(element, 'send-button')!.click();

    const [first, second] = await Promise.all([uploads.next(0), uploads.next(1)]);
    expect(first!.url).to.equal('http://service.test/api/v1/files');
    expect(first!.headers.authorization).to.equal('Bearer access-1');
    expect(first!.file.name).to.equal('One.pdf');
    first!.progress(50, 100);
    await element.updateComplete;
    const progress = element.shadowRoot!.querySelector<HTMLProgressElement>('[part~="upload"] progress')!;
    expect(progress.value).to.equal(50);
    expect(element.shadowRoot!.querySelector(`label[for="${progress.id}"]`)!.textContent).to.equal('Uploading One.pdf');
    expect(service.calls('POST /api/v1/threads/thr_1/messages')).to.have.length(0);

    first!.respond(201, {
      id: 'file_a',
      name: 'One.pdf',
      size: 12,
      contentType: 'application/pdf',
      folder: null,
      sha256: '',
      uploadedBy: { type: 'contact', name: 'Alex' },
      createdAt: new Date().toISOString(),
    });
    second!.respond(201, {
      id: 'file_b',
      name: 'Two.txt',
      size: 3,
      contentType: 'text/plain',
      folder: null,
      sha256: '',
      uploadedBy: { type: 'contact', name: 'Alex' },
      createdAt: new Date().toISOString(),
    });
    await oneEvent(element, 'portal-message-sent');
    expect(service.calls('POST /api/v1/threads/thr_1/messages')[0]!.body).to.deep.equal({ body: 'Both attached', attachmentIds: ['file_a', 'file_b'] });
    await element.updateComplete;
    expect(parts(element, 'upload')).to.have.length(0);
    expect(renderedMessage(element, 'msg_thr_1_00007')!.querySelectorAll('[part~="attachment-button"]')).to.have.length(2);
  });

  it('refuses a file over the firm’s limit before sending anything', async () => {
    const { service } = threadsService();
    service.on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, maxUploadBytes: 1024 }));
    const uploads = new FakeUploads();
    const element = await messagesWith(service, { threadId: 'thr_1', uploads });
    await threadShown(element);
    await waitUntil(() => service.calls('GET /api/v1/firms/demo/branding').length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));

    choose(element.shadowRoot!.querySelector<HTMLInputElement>('#reply-files')!, [new File([new Uint8Array(4096)], 'Scan.pdf')]);
    await element.updateComplete;
    expect(text(part(element, 'upload')!.querySelector('.upload-error'))).to.equal(
      '“Scan.pdf” is 4 kB, more than the 1 kB limit. Make it smaller, for example by scanning at a lower resolution or splitting it into parts, and try again.',
    );
    part<HTMLTextAreaElement>(element, 'reply-input')!.value = 'With a big scan';
    part(element, 'send-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#reply-error'), 'no error');
    expect(text(element.shadowRoot!.querySelector('#reply-error'))).to.include('Some files could not be attached');
    expect(uploads.requests).to.have.length(0);
    expect(service.calls('POST /api/v1/threads/thr_1/messages')).to.have.length(0);
  });

  it('keeps a closed thread read-only, and explains a reply refused because the thread closed', async () => {
    const { service } = threadsService();
    const element = await messagesWith(service, { threadId: 'thr_3' });
    await threadShown(element);
    const reply = part<HTMLTextAreaElement>(element, 'reply-input')!;
    expect(reply.disabled).to.equal(true);
    expect(reply.getAttribute('aria-describedby')).to.equal('closed-notice');
    expect(text(part(element, 'closed-notice'))).to.include('This conversation is closed');
    expect(part<HTMLButtonElement>(element, 'send-button')!.disabled).to.equal(true);

    service.on('POST /api/v1/threads/thr_2/messages', () => problem(409, 'thread_closed', 'This conversation is closed.'));
    await openThread(element, 'thr_2');
    const open = part<HTMLTextAreaElement>(element, 'reply-input')!;
    expect(open.disabled).to.equal(false);
    open.value = 'One more thing';
    part(element, 'send-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#reply-error'), 'no error');
    expect(text(element.shadowRoot!.querySelector('#reply-error'))).to.include('The firm has closed this conversation');
    expect(part<HTMLTextAreaElement>(element, 'reply-input')!.disabled).to.equal(true);
    expect(text(threadButton(element, 'thr_2').querySelector('[part~="closed-badge"]'))).to.equal('Closed');
  });

  it('starts a new thread from the form, after checking its fields', async () => {
    const { service, threads } = threadsService();
    const started = thread(9, {
      subject: 'Question about the deed',
      lastMessage: { id: 'msg_new', author: { type: 'contact', name: 'Alex Rivera' }, preview: 'Where should I send it?', createdAt: new Date().toISOString() },
    });
    service.on('POST /api/v1/threads', () => json(201, { thread: started, message: message(0, 'thr_9', { id: 'msg_new', body: 'Where should I send it?' }) }));
    serveThread(service, started, [message(0, 'thr_9', { id: 'msg_new', body: 'Where should I send it?' })]);
    const element = await messagesWith(service);
    expect(threads).to.have.length(3);

    part(element, 'new-button')!.click();
    await element.updateComplete;
    expect(element.matches(':state(compose)')).to.equal(true);
    expect(element.shadowRoot!.activeElement?.id).to.equal('subject');
    part(element, 'send-button')!.click();
    await element.updateComplete;
    expect(text(element.shadowRoot!.querySelector('#subject-error'))).to.equal('Enter a subject.');
    expect(text(element.shadowRoot!.querySelector('#body-error'))).to.equal('Write a message first.');
    expect(part(element, 'subject-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.activeElement?.id).to.equal('subject');
    expect(service.calls('POST /api/v1/threads')).to.have.length(0);

    const subject = part<HTMLInputElement>(element, 'subject-input')!;
    subject.value = 'Question about the deed';
    subject.dispatchEvent(new Event('input'));
    const body = part<HTMLTextAreaElement>(element, 'body-input')!;
    body.value = 'Where should I send it?';
    body.dispatchEvent(new Event('input'));
    const sentEvent = oneEvent(element, 'portal-message-sent');
    const openEvent = oneEvent(element, 'portal-thread-open');
    part(element, 'send-button')!.click();
    expect((await sentEvent).detail).to.deep.equal({ threadId: 'thr_9', messageId: 'msg_new', newThread: true });
    expect((await openEvent).detail).to.deep.equal({ threadId: 'thr_9' });
    expect(service.calls('POST /api/v1/threads')[0]!.body).to.deep.equal({ subject: 'Question about the deed', body: 'Where should I send it?' });
    await threadShown(element);
    expect(element.threadId).to.equal('thr_9');
    expect(parts(element, 'subject').map(text)[0]).to.equal('Question about the deed');
    await waitUntil(() => text(part(element, 'announcer')) === 'Your message “Question about the deed” was sent.');
  });

  it('keeps the DOM small for a thread of 10,000 messages, and renders earlier ones on scroll', async () => {
    const all = messages(10_000, 'thr_1');
    const service = serveThreads(signedInService(), [thread(1)]);
    // The fake serves the whole thread in one page, whatever the limit asked for.
    service.on('GET /api/v1/threads/thr_1/messages', () => json(200, { thread: thread(1), data: all, nextCursor: null }));
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);
    await frame();

    const rendered = () => parts(element, 'message');
    expect(rendered().length).to.be.within(5, 60);
    // The newest message is in view at the bottom.
    const log = part(element, 'log')!;
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 2);
    const newest = renderedMessage(element, all.at(-1)!.id)!;
    expect(newest.getBoundingClientRect().bottom).to.be.at.most(log.getBoundingClientRect().bottom + 1);
    expect(newest.getAttribute('aria-posinset')).to.equal('10000');
    expect(renderedMessage(element, all[0]!.id)).to.equal(null);

    log.scrollTop = 0;
    await waitUntil(() => renderedMessage(element, all[0]!.id), 'the first message was not rendered at the top');
    expect(rendered().length).to.be.within(5, 60);
    log.scrollTop = log.scrollHeight / 2;
    await waitUntil(() => rendered().some((row) => Math.abs(Number(row.getAttribute('aria-posinset')) - 5000) < 300), 'the middle was not rendered');
    expect(rendered().length).to.be.within(5, 60);
  });

  it('loads earlier messages as the client scrolls up, without moving what they are reading', async () => {
    const all = messages(120, 'thr_1');
    const service = serveThreads(signedInService(), [thread(1)]);
    serveThread(service, thread(1), all);
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);
    const log = part(element, 'log')!;
    expect(text(part(element, 'load-older-button'))).to.equal('Load earlier messages');
    expect(part(element, 'messages')!.querySelector('[aria-setsize]')!.getAttribute('aria-setsize')).to.equal('-1');

    const older = deferred<Response>();
    const newest = service.calls('GET /api/v1/threads/thr_1/messages')[0]!;
    service.on('GET /api/v1/threads/thr_1/messages', (request) =>
      request.url.searchParams.get('before') === '70' ? older.promise : json(200, { thread: thread(1), data: all.slice(70), nextCursor: '70' }),
    );
    expect(newest.url.searchParams.has('before')).to.equal(false);
    log.scrollTop = 0;
    await waitUntil(
      () => service.calls('GET /api/v1/threads/thr_1/messages').some((call) => call.url.searchParams.get('before') === '70'),
      'no earlier page was asked for',
    );
    await element.updateComplete;
    expect(text(part(element, 'load-older-button'))).to.equal('Loading earlier messages…');
    const before = renderedMessage(element, all[70]!.id)!.getBoundingClientRect().top;

    older.resolve(json(200, { thread: thread(1), data: all.slice(20, 70), nextCursor: '20' }));
    await waitUntil(() => renderedMessage(element, all[69]!.id), 'the earlier page did not show');
    await element.updateComplete;
    await frame();
    expect(renderedMessage(element, all[70]!.id)!.getBoundingClientRect().top).to.be.closeTo(before, 1);
    await waitUntil(() => text(part(element, 'announcer')) === '50 earlier messages loaded.');
    expect(text(part(element, 'load-older-button'))).to.equal('Load earlier messages');
  });

  it('checks the open thread for new messages while it is shown, and announces the firm’s', async () => {
    const all = messages(40, 'thr_1');
    const service = serveThreads(signedInService(), [thread(1)]);
    serveThread(service, thread(1), () => all);
    const element = await messagesWith(service, { threadId: 'thr_1', pollInterval: 0.05 });
    await threadShown(element);
    const checks = () => service.calls('GET /api/v1/threads/thr_1/messages').length;
    await waitUntil(() => checks() >= 2, 'the thread was not checked again');
    for (const call of service.calls('GET /api/v1/threads/thr_1/messages')) expect(call.signal).to.be.instanceOf(AbortSignal);

    // At the newest message, a new one comes into view.
    all.push(message(40, 'thr_1', { author: { type: 'staff', name: 'Daniel Okafor' }, body: 'The hearing moved to Friday.' }));
    await waitUntil(() => renderedMessage(element, all[40]!.id), 'the new message did not show');
    await waitUntil(() => text(part(element, 'announcer')) === 'New message from Daniel Okafor.', 'the new message was not announced');
    const log = part(element, 'log')!;
    await waitUntil(() => Math.abs(log.scrollTop + log.clientHeight - log.scrollHeight) <= 2, 'the view did not stay at the newest message');

    // Reading earlier ones, the client is told that more arrived below, and can jump to them.
    log.scrollTop = 0;
    await frame();
    all.push(message(42, 'thr_1', { author: { type: 'staff', name: 'Daniel Okafor' }, body: 'And the room changed too.' }));
    await waitUntil(() => part(element, 'jump-button'), 'no jump button');
    expect(text(part(element, 'jump-button'))).to.equal('1 new message below');
    expect(log.scrollTop).to.be.below(50);
    part(element, 'jump-button')!.click();
    await waitUntil(
      () => renderedMessage(element, all[41]!.id) && Math.abs(log.scrollTop + log.clientHeight - log.scrollHeight) <= 2,
      'the jump did not reach the newest message',
    );
    await element.updateComplete;
    expect(part(element, 'jump-button')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(log);

    // Leaving the page stops the checks.
    const count = checks();
    element.remove();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(checks()).to.be.at.most(count + 1);
  });

  it('downloads an attached file with the client’s token', async () => {
    const service = serveThreads(signedInService(), [thread(1)]);
    serveThread(service, thread(1), [
      message(0, 'thr_1', { attachments: [{ id: 'file_9', name: 'Draft agreement.pdf', size: 2048, contentType: 'application/pdf' }] }),
    ]);
    service.on('GET /api/v1/files/file_9/content', () => new Response('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } }));
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);
    const button = part<HTMLButtonElement>(element, 'attachment-button')!;
    expect(text(button)).to.equal('Download Draft agreement.pdf 2 kB');

    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    try {
      button.click();
      await waitUntil(() => saved.length === 1, 'nothing was downloaded');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved).to.deep.equal(['Draft agreement.pdf']);
    expect(service.calls('GET /api/v1/files/file_9/content')[0]!.headers.get('Authorization')).to.equal('Bearer access-1');
  });

  it('shows one pane at a time on narrow screens, with a Back button', async () => {
    const { service } = threadsService();
    const element = await messagesWith(service, { width: '320px' });
    const pane = element.shadowRoot!.querySelector<HTMLElement>('.pane')!;
    expect(getComputedStyle(pane).display).to.equal('none');
    await openThread(element, 'thr_2');
    expect(getComputedStyle(part(element, 'threads')!).display).to.equal('none');
    expect(getComputedStyle(part(element, 'back-button')!).display).not.to.equal('none');
    part(element, 'back-button')!.click();
    await element.updateComplete;
    expect(element.threadId).to.equal('');
    expect(element.shadowRoot!.activeElement).to.equal(threadButton(element, 'thr_2'));

    const wide = await messagesWith(service, { width: '64rem' });
    await openThread(wide, 'thr_2');
    expect(getComputedStyle(part(wide, 'threads')!).display).not.to.equal('none');
    expect(getComputedStyle(part(wide, 'back-button')!).display).to.equal('none');
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const { service } = threadsService();
    const element = await messagesWith(service, { threadId: 'thr_1' });
    await threadShown(element);
    const staff = renderedMessage(element, 'msg_thr_1_00000')!.querySelector('.bubble')!;
    expect(getComputedStyle(staff).backgroundColor).to.equal('rgb(243, 245, 248)');

    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = ':root { --portal-color-surface-alt: rgb(250, 250, 240); }';
    document.head.append(style);
    expect(getComputedStyle(staff).backgroundColor).to.equal('rgb(250, 250, 240)');

    style.textContent =
      'portal-messages { --portal-messages-staff-background: rgb(1, 2, 3); --portal-messages-log-height: 300px; } portal-messages::part(unread-total) { outline: 2px solid rgb(4, 5, 6); }';
    expect(getComputedStyle(staff).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(part(element, 'log')!.getBoundingClientRect().height).to.equal(300);
  });

  it('shows a placeholder while loading and an invitation to write when there are no threads', async () => {
    const answer = deferred<Response>();
    const service = signedInService().on('GET /api/v1/threads', () => answer.promise);
    const wrapper = await fixture<HTMLDivElement>(html`<div><portal-messages .client=${clientFor(service)} poll-interval="0"></portal-messages></div>`);
    const element = wrapper.querySelector('portal-messages')!;
    await waitUntil(() => element.matches(':state(loading)'));
    expect(text(part(element, 'skeleton')!.querySelector('[role="status"]'))).to.equal('Loading your messages…');

    answer.resolve(json(200, { data: [], nextCursor: null, unreadCount: 0 }));
    await loaded(element);
    expect(text(part(element, 'empty'))).to.include('No messages yet — start a conversation');
    expect(element.matches(':state(empty)')).to.equal(true);
    expect(getComputedStyle(element.shadowRoot!.querySelector('.pane')!).display).to.equal('none');
    await expect(element).to.be.accessible();
  });

  it('explains an error and tries again; and a thread that cannot be found', async () => {
    const service = signedInService().on('GET /api/v1/threads', () => problem(503, 'unavailable', 'Down for maintenance.'));
    const element = await messagesWith(service);
    expect(text(part(element, 'error')!.querySelector('[role="alert"]'))).to.include('Something went wrong');
    expect(element.matches(':state(error)')).to.equal(true);
    await expect(element).to.be.accessible();

    serveThreads(service, [thread(1)]);
    service.on('GET /api/v1/threads/thr_404/messages', () => problem(404, 'not_found', 'No such thread.'));
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'thread').length === 1, 'the retry did not load the threads');

    element.threadId = 'thr_404';
    await waitUntil(() => element.shadowRoot!.querySelector('.pane [part~="error"]'), 'no error for the missing thread');
    expect(text(element.shadowRoot!.querySelector('.pane [part~="error"] [role="alert"]'))).to.include('This conversation could not be found');
  });
});
