import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmMessage, FirmThread } from '../../components/console/api/threads-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import type { PortalConsoleInbox } from '../../components/console/inbox/inbox.ts';
import '../../components/console/inbox/define.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import { $, consoleClientFor, contacts, part, parts, staffMe, staffSignedInService, text } from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { FakeUploads } from './fake-xhr.ts';
import { afterEach, describe, it } from './mocha.ts';

const alex = { id: 'con_alex', name: 'Alex Morgan', email: 'alex@example.com' };
const jordan = { id: 'con_jordan', name: 'Jordan Lee', email: 'jordan@example.com' };

function firmThread(n: number, overrides: Partial<FirmThread> = {}): FirmThread {
  return {
    id: `thr_${n}`,
    subject: `Subject ${n}`,
    status: 'open',
    lastMessage: { id: `msg_${n}_last`, author: { type: 'contact', name: alex.name }, preview: `Preview ${n}`, createdAt: `2026-11-0${n}T10:00:00.000Z` },
    unreadCount: 0,
    createdAt: `2026-11-0${n}T09:00:00.000Z`,
    lastActivityAt: `2026-11-0${n}T10:00:00.000Z`,
    contact: alex,
    closedAt: null,
    ...overrides,
  };
}

function firmMessage(n: number, threadId: string, overrides: Partial<FirmMessage> = {}): FirmMessage {
  return {
    id: `msg_${threadId}_${n}`,
    threadId,
    author: n % 2 ? { type: 'contact', name: alex.name } : { type: 'staff', name: 'Priya Natarajan' },
    body: `Message ${n}`,
    attachments: [],
    createdAt: `2026-11-01T10:0${n}:00.000Z`,
    ...overrides,
  };
}

interface World {
  threads: FirmThread[];
  messages: Map<string, FirmMessage[]>;
}

function world(): World {
  const threads = [
    firmThread(3, { subject: 'Lease renewal', unreadCount: 2 }),
    firmThread(2, {
      subject: 'Engagement letter',
      contact: jordan,
      lastMessage: { id: 'm', author: { type: 'staff', name: 'Priya Natarajan' }, preview: 'Signed?', createdAt: '2026-11-02T10:00:00.000Z' },
    }),
    firmThread(1, { subject: 'Old matter', status: 'closed', closedAt: '2026-11-01T12:00:00.000Z' }),
  ];
  const messages = new Map<string, FirmMessage[]>([
    [
      'thr_3',
      [
        firmMessage(1, 'thr_3', { attachments: [{ id: 'file_lease', name: 'Lease.pdf', size: 2048, contentType: 'application/pdf' }] }),
        firmMessage(2, 'thr_3'),
        firmMessage(3, 'thr_3'),
      ],
    ],
    ['thr_2', [firmMessage(2, 'thr_2')]],
    ['thr_1', [firmMessage(1, 'thr_1')]],
  ]);
  return { threads, messages };
}

function inboxService(state: World = world(), role: StaffRole = 'staff'): FakeService {
  const unread = () => state.threads.reduce((sum, thread) => sum + thread.unreadCount, 0);
  const find = (id: string) => state.threads.find((thread) => thread.id === id)!;
  const update = (id: string, change: Partial<FirmThread>) => {
    state.threads = state.threads.map((thread) => (thread.id === id ? { ...thread, ...change } : thread));
    return find(id);
  };
  const service = staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', ({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      return json(200, { data: contacts.filter((who) => who.name.toLowerCase().includes(q)), nextCursor: null });
    })
    .on('GET /api/v1/admin/threads', ({ url }) => {
      const contactId = url.searchParams.get('contactId');
      const status = url.searchParams.get('status');
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const data = state.threads.filter(
        (thread) => (!contactId || thread.contact.id === contactId) && (!status || thread.status === status) && thread.subject.toLowerCase().includes(q),
      );
      return json(200, { data, nextCursor: null, unreadCount: unread() });
    })
    .on('POST /api/v1/admin/threads', ({ body }) => {
      const input = body as { contactId: string; subject: string; body: string; staffName: string };
      const thread = firmThread(4, {
        subject: input.subject,
        contact: input.contactId === jordan.id ? jordan : alex,
        lastActivityAt: '2026-11-05T10:00:00.000Z',
      });
      const message = firmMessage(2, 'thr_4', { body: input.body, author: { type: 'staff', name: input.staffName } });
      state.threads = [thread, ...state.threads];
      state.messages.set('thr_4', [message]);
      return json(201, { thread, message });
    });
  for (const id of ['thr_1', 'thr_2', 'thr_3', 'thr_4']) {
    service
      .on(`GET /api/v1/admin/threads/${id}`, () => json(200, { thread: find(id), data: state.messages.get(id) ?? [], nextCursor: null }))
      .on(`POST /api/v1/admin/threads/${id}/read`, () => json(200, update(id, { unreadCount: 0 })))
      .on(`POST /api/v1/admin/threads/${id}/close`, () => json(200, update(id, { status: 'closed', closedAt: '2026-11-06T00:00:00.000Z' })))
      .on(`POST /api/v1/admin/threads/${id}/reopen`, () => json(200, update(id, { status: 'open', closedAt: null })))
      .on(`POST /api/v1/admin/threads/${id}/messages`, ({ body }) => {
        const input = body as { body: string; staffName: string; attachmentIds?: string[] };
        const message = firmMessage(8, id, {
          body: input.body,
          author: { type: 'staff', name: input.staffName },
          attachments: (input.attachmentIds ?? []).map((fileId) => ({ id: fileId, name: 'Reply.pdf', size: 4096, contentType: 'application/pdf' })),
        });
        state.messages.set(id, [...(state.messages.get(id) ?? []), message]);
        return json(201, message);
      });
  }
  return service;
}

async function loaded(element: PortalConsoleInbox): Promise<PortalConsoleInbox> {
  await waitUntil(() => parts(element, 'thread').length > 0 || part(element, 'empty') || part(element, 'error'), 'the threads did not load');
  await element.updateComplete;
  return element;
}

async function inboxWith(
  service: FakeService,
  {
    width = '70rem',
    uploads,
    role = 'staff',
    lang = 'en',
    itemId = '',
    pollInterval = 0,
  }: { width?: string; uploads?: FakeUploads; role?: StaffRole; lang?: string; itemId?: string; pollInterval?: number } = {},
): Promise<PortalConsoleInbox> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}"></div>`);
  const element = document.createElement('portal-console-inbox');
  element.client = consoleClientFor(service, uploads);
  element.staff = staffMe(role);
  element.pollInterval = pollInterval;
  if (itemId) element.itemId = itemId;
  wrapper.append(element);
  return loaded(element);
}

const row = (element: PortalConsoleInbox, id: string) => $(element, `[data-thread-id="${id}"]`);

async function openThread(element: PortalConsoleInbox, id: string): Promise<void> {
  row(element, id).querySelector<HTMLButtonElement>('[part~="thread-button"]')!.click();
  await waitUntil(() => parts(element, 'message').length > 0 || part(element, 'error'), `thread ${id} did not open`);
  await element.updateComplete;
}

function typeInto(element: PortalConsoleInbox, selector: string, value: string): void {
  const control = $<HTMLInputElement | HTMLTextAreaElement>(element, selector);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

async function chooseClient(element: PortalConsoleInbox, selector: string, who: typeof alex): Promise<void> {
  typeInto(element, selector, who.name.slice(0, 3));
  await waitUntil(() =>
    [...element.shadowRoot!.querySelectorAll<HTMLOptionElement>('#client-options option')].some((option) => option.value.startsWith(who.name)),
  );
  typeInto(element, selector, `${who.name} <${who.email}>`);
  await element.updateComplete;
}

const pdf = (name: string, bytes = 4096) => new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });

function attach(element: PortalConsoleInbox, id: string, file: File): void {
  const input = $<HTMLInputElement>(element, `#${id}`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<portal-console-inbox>', () => {
  afterEach(() => fixtureCleanup());

  it('lists every client thread, newest first, with the client, unread badges and the total, and is accessible', async function () {
    // The file's first accessibility check loads and compiles axe-core, slow on a busy machine.
    const element = await inboxWith(inboxService());
    expect(parts(element, 'thread').map((thread) => thread.dataset.threadId)).to.deep.equal(['thr_3', 'thr_2', 'thr_1']);
    expect(text(part(element, 'unread-total'))).to.equal('2 unread');
    const unread = row(element, 'thr_3');
    expect(unread.getAttribute('part')).to.include('thread-unread');
    expect(text(unread.querySelector('[part~="client-name"]'))).to.equal('Alex Morgan');
    expect(text(unread.querySelector('[part~="unread-badge"]'))).to.include('2 unread messages');
    expect(getComputedStyle(unread.querySelector('.subject')!).fontWeight).to.equal('700');
    expect(text(row(element, 'thr_2').querySelector('[part~="preview"]'))).to.equal('Priya Natarajan: Signed?');
    expect(text(row(element, 'thr_1').querySelector('[part~="closed-badge"]'))).to.equal('Closed');
    await expect(element).to.be.accessible();
  });

  it('shows loading, then an error with a retry, and the empty state', async () => {
    const answer = deferred<Response>();
    const service = inboxService().on('GET /api/v1/admin/threads', () => answer.promise);
    fixtureCleanup();
    const element = document.createElement('portal-console-inbox');
    element.client = consoleClientFor(service);
    element.staff = staffMe('staff');
    await fixture(html`<div>${element}</div>`);
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.include('Loading threads…');
    answer.resolve(problem(500, 'internal', 'Boom'));
    await waitUntil(() => part(element, 'error'));
    expect(text(part(element, 'error'))).to.include('Something went wrong');
    service.on('GET /api/v1/admin/threads', () => json(200, { data: [], nextCursor: null, unreadCount: 0 }));
    part(element, 'retry-button')!.click();
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.include('No threads yet');
    expect(part(element, 'unread-total')).to.equal(null);
  });

  it('filters by client, by status and by subject, sending each filter to the service', async () => {
    const service = inboxService();
    const element = await inboxWith(service);
    await chooseClient(element, '#filter-client', jordan);
    await waitUntil(() => parts(element, 'thread').length === 1);
    const calls = () => service.calls('GET /api/v1/admin/threads').map((call) => Object.fromEntries(call.url.searchParams));
    expect(calls().at(-1)).to.include({ contactId: 'con_jordan' });
    expect(service.calls('GET /api/v1/admin/contacts')[0]!.url.searchParams.get('q')).to.equal('Jor');
    await waitUntil(() => text(part(element, 'announcer')) === '1 thread shown.');
    part(element, 'clear-client-button')!.click();
    await waitUntil(() => parts(element, 'thread').length === 3);

    const status = $<HTMLSelectElement>(element, '#filter-status');
    status.value = 'closed';
    status.dispatchEvent(new Event('change'));
    await waitUntil(() => parts(element, 'thread').length === 1);
    expect(calls().at(-1)).to.include({ status: 'closed' });
    status.value = '';
    status.dispatchEvent(new Event('change'));
    await waitUntil(() => parts(element, 'thread').length === 3);

    $<HTMLInputElement>(element, '#filter-search').value = '  lease ';
    $<HTMLButtonElement>(element, '[part~="search-button"]').click();
    await waitUntil(() => parts(element, 'thread').length === 1);
    expect(calls().at(-1)).to.include({ q: 'lease' });
    $<HTMLInputElement>(element, '#filter-search').value = 'nothing like it';
    $<HTMLButtonElement>(element, '[part~="search-button"]').click();
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.equal('No thread matches these filters.');
  });

  it('opens a thread (item-id), shows its messages oldest first, marks it read and downloads a file', async () => {
    const service = inboxService();
    const element = await inboxWith(service);
    await openThread(element, 'thr_3');
    expect(element.getAttribute('item-id')).to.equal('thr_3');
    const client = oneEvent(element, 'portal-console-open');
    part(element, 'open-client-button')!.click();
    expect((await client).detail).to.deep.equal({ screen: 'clients', itemId: 'con_alex' });
    expect(parts(element, 'body').map(text)).to.deep.equal(['Message 1', 'Message 2', 'Message 3']);
    await waitUntil(() => service.calls('POST /api/v1/admin/threads/thr_3/read').length === 1);
    await waitUntil(() => !part(element, 'unread-total'));
    expect(row(element, 'thr_3').getAttribute('part')).not.to.include('thread-unread');
    expect(element.shadowRoot!.activeElement?.id).to.equal('thread-heading');

    service.on(
      'GET /api/v1/admin/files/file_lease/content',
      () => new Response('%PDF', { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="Lease.pdf"' } }),
    );
    part(element, 'attachment-button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Lease.pdf downloaded.');
    expect(service.calls('GET /api/v1/admin/files/file_lease/content')[0]!.headers.get('authorization')).to.equal('Bearer staff-access-1');
    await expect(element).to.be.accessible();
  });

  it('replies with an attachment uploaded with progress, as the staff member', async () => {
    const uploads = new FakeUploads();
    const service = inboxService();
    const element = await inboxWith(service, { uploads, itemId: 'thr_3' });
    await waitUntil(() => part(element, 'reply-input'));
    attach(element, 'reply-files', pdf('Reply.pdf'));
    await element.updateComplete;
    typeInto(element, '#reply', 'Here is the signed copy.');
    const sent = oneEvent(element, 'portal-console-inbox-sent');
    part(element, 'reply-input')!.focus();
    await sendKeys({ press: 'Enter' });
    const request = await uploads.next(0);
    expect(request.url).to.equal('http://service.test/api/v1/admin/files');
    expect(request.body!.get('contactId')).to.equal('con_alex');
    expect(request.body!.get('staffName')).to.equal('Priya Natarajan');
    request.progress(2048, 4096);
    await waitUntil(() => part<HTMLProgressElement>(element, 'progress')?.value === 50, 'progress did not show');
    request.respond(201, {
      id: 'file_reply',
      name: 'Reply.pdf',
      size: 4096,
      contentType: 'application/pdf',
      folder: null,
      sha256: 'a'.repeat(64),
      uploadedBy: { type: 'staff', name: 'Priya Natarajan' },
      createdAt: '2026-11-05T10:00:00.000Z',
      contactId: 'con_alex',
    });
    const event = await sent;
    expect(event.detail).to.deep.include({ threadId: 'thr_3', newThread: false, contactId: 'con_alex' });
    expect(service.calls('POST /api/v1/admin/threads/thr_3/messages')[0]!.body).to.deep.equal({
      body: 'Here is the signed copy.',
      staffName: 'Priya Natarajan',
      attachmentIds: ['file_reply'],
    });
    await waitUntil(() => text(part(element, 'announcer')) === 'Reply sent.');
    expect(parts(element, 'body').map(text).at(-1)).to.equal('Here is the signed copy.');
    expect(parts(element, 'upload')).to.have.length(0);
  });

  it('closes and reopens a thread', async () => {
    const service = inboxService();
    const element = await inboxWith(service, { itemId: 'thr_3' });
    await waitUntil(() => part(element, 'status-button'));
    const changed = oneEvent(element, 'portal-console-inbox-status');
    part(element, 'status-button')!.click();
    expect((await changed).detail).to.deep.equal({ threadId: 'thr_3', status: 'closed' });
    await waitUntil(() => text(part(element, 'status-button')) === 'Reopen thread');
    expect(service.calls('POST /api/v1/admin/threads/thr_3/close')).to.have.length(1);
    expect($<HTMLTextAreaElement>(element, '#reply').disabled).to.equal(true);
    expect(text(part(element, 'announcer'))).to.equal('Thread closed.');
    part(element, 'status-button')!.click();
    await waitUntil(() => text(part(element, 'status-button')) === 'Close thread');
    expect($<HTMLTextAreaElement>(element, '#reply').disabled).to.equal(false);
  });

  it('starts a thread with a client and shows the service’s field errors next to their fields', async () => {
    const service = inboxService();
    const element = await inboxWith(service);
    part(element, 'new-button')!.click();
    await element.updateComplete;
    expect(element.shadowRoot!.activeElement?.id).to.equal('compose-client');
    await expect(element).to.be.accessible();
    $<HTMLButtonElement>(element, '[part~="compose-form"] [part~="send-button"]').click();
    await waitUntil(() => $(element, '#client-error'));
    expect(text($(element, '#client-error'))).to.equal('Choose a client from the list.');
    expect(text($(element, '#subject-error'))).to.equal('Enter a subject.');

    await chooseClient(element, '#compose-client', jordan);
    typeInto(element, '#subject', 'Your documents');
    typeInto(element, '#compose-body', 'Please send the deed.');
    service.on('POST /api/v1/admin/threads', () =>
      problem(400, 'invalid_request', 'The request body is invalid.', { errors: [{ field: 'subject', message: 'must be one line of text' }] }),
    );
    $<HTMLButtonElement>(element, '[part~="compose-form"] [part~="send-button"]').click();
    await waitUntil(() => text($(element, '#subject-error')) === 'Subject: must be one line of text', 'the field error did not show');
    expect($(element, '#subject').getAttribute('aria-invalid')).to.equal('true');

    service.on('POST /api/v1/admin/threads', () => problem(409, 'contact_archived', 'The contact is archived.'));
    $<HTMLButtonElement>(element, '[part~="compose-form"] [part~="send-button"]').click();
    await waitUntil(() => text($(element, '#client-error')) === 'The contact is archived.', 'the client error did not show');

    const fresh = inboxService(world());
    element.client = consoleClientFor(fresh);
    await loaded(element);
    part(element, 'new-button')!.click();
    await element.updateComplete;
    await chooseClient(element, '#compose-client', jordan);
    typeInto(element, '#subject', 'Your documents');
    typeInto(element, '#compose-body', 'Please send the deed.');
    const sent = oneEvent(element, 'portal-console-inbox-sent');
    $<HTMLButtonElement>(element, '[part~="compose-form"] [part~="send-button"]').click();
    expect((await sent).detail).to.deep.include({ threadId: 'thr_4', newThread: true, contactId: 'con_jordan' });
    expect(fresh.calls('POST /api/v1/admin/threads')[0]!.body).to.deep.equal({
      contactId: 'con_jordan',
      subject: 'Your documents',
      body: 'Please send the deed.',
      staffName: 'Priya Natarajan',
    });
    await waitUntil(() => element.itemId === 'thr_4');
    await waitUntil(() => text(part(element, 'announcer')) === 'Thread “Your documents” started.');
  });

  it('shows a clear message when the role is refused', async () => {
    const service = inboxService().on('POST /api/v1/admin/threads/thr_3/close', () => problem(403, 'role_forbidden', 'Not allowed.'));
    const element = await inboxWith(service, { itemId: 'thr_3' });
    await waitUntil(() => part(element, 'status-button'));
    part(element, 'status-button')!.click();
    await waitUntil(() => text($(element, '.floating-alert')).includes('Your role does not allow this.'));
  });

  it('hides writing from an unknown role', async () => {
    const element = await inboxWith(inboxService(), { itemId: 'thr_3' });
    await waitUntil(() => part(element, 'reply-input'));
    expect(part(element, 'new-button')).not.to.equal(null);
    element.staff = undefined;
    element.client = undefined;
    await element.updateComplete;
    expect(part(element, 'new-button')).to.equal(null);
    expect(part(element, 'reply-input')).to.equal(null);
  });

  it('picks up a client’s new message when it polls, and announces it', async () => {
    const state = world();
    const service = inboxService(state);
    const element = await inboxWith(service, { itemId: 'thr_2', pollInterval: 0.05 });
    await waitUntil(() => parts(element, 'message').length === 1);
    state.messages.set('thr_2', [
      ...state.messages.get('thr_2')!,
      firmMessage(5, 'thr_2', { body: 'New from Jordan', author: { type: 'contact', name: jordan.name } }),
    ]);
    state.threads = state.threads.map((thread) => (thread.id === 'thr_2' ? { ...thread, unreadCount: 1 } : thread));
    await waitUntil(() => parts(element, 'message').length === 2, 'the new message did not arrive');
    await waitUntil(() => text(part(element, 'announcer')) === 'New message from Jordan Lee.');
    await waitUntil(() => service.calls('POST /api/v1/admin/threads/thr_2/read').length === 1);
    element.pollInterval = 0;
  });

  it('is usable by keyboard alone: open a thread and go back', async () => {
    const element = await inboxWith(inboxService(), { width: '375px' });
    row(element, 'thr_2').querySelector<HTMLButtonElement>('[part~="thread-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'message').length === 1);
    expect(element.shadowRoot!.activeElement?.id).to.equal('thread-heading');
    part(element, 'back-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.itemId === '');
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'thr_2').querySelector('[part~="thread-button"]'));
  });

  it('shows one thing at a time at 375 px, without sideways scrolling', async () => {
    const element = await inboxWith(inboxService(), { width: '375px' });
    const base = part(element, 'base')!;
    expect(getComputedStyle(part(element, 'pane')!).display).to.equal('none');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    await openThread(element, 'thr_3');
    expect(getComputedStyle(part(element, 'threads')!).display).to.equal('none');
    expect(getComputedStyle(part(element, 'back-button')!).display).not.to.equal('none');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('shows the list and the thread side by side on a wide screen', async () => {
    const element = await inboxWith(inboxService(), { itemId: 'thr_3' });
    await waitUntil(() => parts(element, 'message').length > 0);
    const list = part(element, 'threads')!.getBoundingClientRect();
    const pane = part(element, 'pane')!.getBoundingClientRect();
    expect(pane.left).to.be.greaterThan(list.right - 1);
    expect(getComputedStyle(part(element, 'back-button')!).display).to.equal('none');
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await inboxWith(inboxService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')).startsWith('Bandeja de entrada'));
    expect(text(part(element, 'new-button'))).to.equal('Nueva conversación');
    expect(text(row(element, 'thr_1').querySelector('[part~="closed-badge"]'))).to.equal('Cerrada');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--portal-console-inbox-filters-background: rgb(1, 2, 3); --portal-messages-unread-background: rgb(4, 5, 6)"></div>`,
    );
    const element = document.createElement('portal-console-inbox');
    element.client = consoleClientFor(inboxService());
    element.staff = staffMe('staff');
    element.pollInterval = 0;
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(part(element, 'filters')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(element, 'unread-badge')!).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});
