import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../server/src/config.ts';
import { listOutbox } from '../../server/src/mail/outbox.ts';
import { closeServices, openServices } from '../../server/src/main.ts';
import { runCli, withDatabase } from './helpers/cli.ts';
import { removeDataDir } from './helpers/engine.ts';
import { boundary, multipart, pdfBytes, send } from './helpers/files.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

const inbox = 'clients@hale.example';

describe('messages', () => {
  let svc: TestService;
  let alexToken: string;
  let jordanToken: string;
  let samToken: string;

  const admin = (pathname: string, options: { method?: string; body?: unknown; token?: string } = {}) =>
    svc.request(`/api/v1/admin${pathname}`, { token: svc.fixtures.firmKey, ...options });
  const as = (token: string) => (pathname: string, body?: unknown) => svc.request(`/api/v1${pathname}`, { token, body });
  const asAlex = (pathname: string, body?: unknown) => as(alexToken)(pathname, body);

  async function startAsAlex(subject: string, body = 'Hello') {
    const reply = await asAlex('/threads', { subject, body });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body as { thread: any; message: any };
  }
  async function reply(threadId: string, body: string, staffName = 'Margaret Hale, Partner') {
    const answer = await admin(`/threads/${threadId}/messages`, { body: { body, staffName } });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }
  const clientThread = async (token: string, id: string) => (await as(token)('/threads?limit=100')).body.data.find((t: any) => t.id === id);
  const firmThread = async (id: string) => (await admin(`/threads/${id}`)).body.thread;

  before(async () => {
    svc = await startTestService();
    assert.equal((await admin('/settings', { method: 'PATCH', body: { settings: { inboxEmail: inbox } } })).status, 200);
    alexToken = (await svc.login('alex@example.com')).token;
    jordanToken = (await svc.login('jordan@example.com')).token;
    samToken = (await svc.login('sam@example.com', 'north')).token;
  });
  after(() => svc.close());

  describe('a conversation', () => {
    it('the client starts a thread; the firm inbox hears who wrote and about what, not what', async () => {
      const secret = 'My landlord’s account number is 4417-9921.';
      const { thread, message } = await startAsAlex('Question about the deposition', secret);
      assert.match(thread.id, /^thr_/);
      assert.deepEqual(
        { subject: thread.subject, status: thread.status, unreadCount: thread.unreadCount, lastMessage: thread.lastMessage },
        {
          subject: 'Question about the deposition',
          status: 'open',
          unreadCount: 0,
          lastMessage: { id: message.id, author: { type: 'contact', name: 'Alex Morgan' }, preview: secret, createdAt: message.createdAt },
        },
      );
      assert.deepEqual(Object.keys(message).sort(), ['attachments', 'author', 'body', 'createdAt', 'id', 'threadId']);
      assert.deepEqual(
        { threadId: message.threadId, author: message.author, body: message.body, attachments: message.attachments },
        {
          threadId: thread.id,
          author: { type: 'contact', name: 'Alex Morgan' },
          body: secret,
          attachments: [],
        },
      );
      const [notice] = await svc.outbox(inbox);
      assert.equal(notice!.kind, 'message_to_firm');
      assert.match(notice!.subject, /Alex Morgan/);
      assert.match(notice!.subject, /Question about the deposition/);
      assert.ok(notice!.text.includes(thread.id));
      assert.ok(!notice!.text.includes('4417') && !notice!.html.includes('4417'), 'the body is never emailed');
    });

    it('the firm replies as a named member of staff; the client is emailed a link, not the message', async () => {
      const { thread } = await startAsAlex('Probate inventory');
      const before = (await svc.outbox('alex@example.com')).length;
      const message = await reply(thread.id, 'The inventory is due on the 14th; the appraisal figure is $412,000.', 'Daniel Okafor, Associate');
      assert.deepEqual(message.author, { type: 'staff', name: 'Daniel Okafor, Associate' });
      const mails = await svc.outbox('alex@example.com');
      assert.equal(mails.length, before + 1);
      const notice = mails[0]!;
      assert.equal(notice.kind, 'message_notice');
      assert.equal(notice.subject, 'You have a new secure message from Hale & Whitmore LLP');
      assert.ok(notice.text.includes(`https://www.hale.example/portal?thread=${thread.id}`));
      assert.ok(notice.html.includes(`https://www.hale.example/portal?thread=${thread.id}`));
      for (const part of [notice.text, notice.html, notice.subject]) {
        assert.ok(!part.includes('412,000') && !part.includes('inventory is due'), 'the body is never emailed');
      }
      const page = await asAlex(`/threads/${thread.id}/messages`);
      assert.deepEqual(
        page.body.data.map((m: any) => [m.author.type, m.author.name]),
        [
          ['contact', 'Alex Morgan'],
          ['staff', 'Daniel Okafor, Associate'],
        ],
      );
    });

    it('the firm starts a thread with a contact, who sees it unread', async () => {
      const started = await admin('/threads', {
        body: { contactId: svc.fixtures.jordan.id, subject: 'Lease review', body: 'Please see my notes.', staffName: 'Margaret Hale, Partner' },
      });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      assert.deepEqual(started.body.thread.contact, { id: svc.fixtures.jordan.id, name: 'Jordan Lee', email: 'jordan@example.com' });
      assert.equal(started.body.thread.unreadCount, 0, 'the firm wrote it, so the firm has read it');
      const seen = await clientThread(jordanToken, started.body.thread.id);
      assert.equal(seen.unreadCount, 1);
      assert.equal((await svc.outbox('jordan@example.com'))[0]!.kind, 'message_notice');
      assertProblem(await admin('/threads', { body: { contactId: 'con_nobody', subject: 'x', body: 'y', staffName: 'z' } }), 422, 'contact_not_found');
    });

    it('moves unread counts on both sides as each writes and reads', async () => {
      const { thread } = await startAsAlex('Counting');
      assert.equal((await firmThread(thread.id)).unreadCount, 1, 'the firm has not read the client’s message');
      const unreadList = await admin('/threads?unread=true&limit=100');
      assert.ok(unreadList.body.data.some((t: any) => t.id === thread.id));

      await reply(thread.id, 'One');
      await reply(thread.id, 'Two');
      assert.equal((await firmThread(thread.id)).unreadCount, 0, 'replying reads the thread');
      assert.ok(!(await admin('/threads?unread=true&limit=100')).body.data.some((t: any) => t.id === thread.id));
      assert.equal((await clientThread(alexToken, thread.id)).unreadCount, 2);
      const totalBefore = (await asAlex('/threads')).body.unreadCount;
      assert.ok(totalBefore >= 2);

      const read = await asAlex(`/threads/${thread.id}/read`, {});
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.unreadCount, 0);
      assert.equal((await clientThread(alexToken, thread.id)).unreadCount, 0);
      assert.equal((await asAlex('/threads')).body.unreadCount, totalBefore - 2);

      await asAlex(`/threads/${thread.id}/messages`, { body: 'Three' });
      await asAlex(`/threads/${thread.id}/messages`, { body: 'Four' });
      assert.equal((await firmThread(thread.id)).unreadCount, 2);
      assert.equal((await clientThread(alexToken, thread.id)).unreadCount, 0, 'the client’s own messages are never unread to them');
      const firmRead = await admin(`/threads/${thread.id}/read`, { method: 'POST' });
      assert.equal(firmRead.body.unreadCount, 0);
      assert.equal((await firmThread(thread.id)).unreadCount, 0);
    });

    it('closes a thread to replies from either side, and reopens it', async () => {
      const { thread } = await startAsAlex('Closing');
      const closed = await admin(`/threads/${thread.id}/close`, { method: 'POST' });
      assert.equal(closed.status, 200);
      assert.equal(closed.body.status, 'closed');
      assert.ok(closed.body.closedAt);
      assertProblem(await asAlex(`/threads/${thread.id}/messages`, { body: 'Wait, one more thing' }), 409, 'thread_closed');
      assertProblem(await admin(`/threads/${thread.id}/messages`, { body: { body: 'Late', staffName: 'Margaret Hale, Partner' } }), 409, 'thread_closed');
      assert.equal((await clientThread(alexToken, thread.id)).status, 'closed');
      assert.ok((await admin('/threads?status=closed&limit=100')).body.data.some((t: any) => t.id === thread.id));
      const reopened = await admin(`/threads/${thread.id}/reopen`, { method: 'POST' });
      assert.equal(reopened.body.status, 'open');
      assert.equal(reopened.body.closedAt, null);
      assert.equal((await asAlex(`/threads/${thread.id}/messages`, { body: 'Thanks for reopening' })).status, 201);
      const audit = await svc.query<{ action: string }>`SELECT action FROM audit_log WHERE subject_id = ${thread.id} AND action LIKE 'thread.%' ORDER BY id`;
      assert.deepEqual(
        audit.map((row: any) => row.action),
        ['thread.started', 'thread.closed', 'thread.reopened'],
      );
    });

    it('returns bodies verbatim as JSON strings, markup and all', async () => {
      const markup = '<script>alert("x")</script><img src=x onerror=alert(1)> & &amp; \u202e  trailing space \n';
      const { thread } = await startAsAlex('<b>Subject</b> & co', markup);
      const page = await svc.request(`/api/v1/threads/${thread.id}/messages`, { token: alexToken });
      assert.match(page.headers.get('content-type')!, /^application\/json/);
      assert.equal(page.body.data[0].body, markup, 'stored and returned exactly as written');
      assert.equal(page.body.thread.subject, '<b>Subject</b> & co');
      const staff = await reply(thread.id, '<script>document.location="https://evil.example"</script>');
      assert.equal(staff.body, '<script>document.location="https://evil.example"</script>');
      // This thread's notice (messages of one clock instant have no sending order on PostgreSQL).
      const notices = (await svc.outbox(inbox)).filter((mail) => mail.subject.endsWith(': <b>Subject</b> & co'));
      assert.equal(notices.length, 1);
      const notice = notices[0]!;
      assert.ok(!notice.html.includes('<b>Subject</b>'), 'escaped where the subject appears in an email');
      assert.ok(notice.html.includes('&lt;b&gt;Subject&lt;/b&gt;'));
      for (const mail of [...(await svc.outbox(inbox)), ...(await svc.outbox('alex@example.com'))]) {
        assert.ok(!mail.html.includes('<script>') && !mail.text.includes('<script>'), mail.subject);
      }
    });

    it('refuses bodies that are empty, blank or longer than 20,000 characters, and unknown fields', async () => {
      const { thread } = await startAsAlex('Validation');
      const post = (body: unknown) => asAlex(`/threads/${thread.id}/messages`, body);
      assertProblem(await post({ body: '' }), 400, 'invalid_request');
      assertProblem(await post({ body: ' \n\t ' }), 400, 'invalid_request');
      assertProblem(await post({}), 400, 'invalid_request');
      assertProblem(await post({ body: 'x'.repeat(20_001) }), 400, 'invalid_request');
      assertProblem(await post({ body: 'hi', html: true }), 400, 'invalid_request');
      assert.equal((await post({ body: 'x'.repeat(20_000) })).status, 201);
      assert.equal((await post({ body: '😀'.repeat(20_000) })).status, 201, 'characters, not UTF-16 units');
      assertProblem(await asAlex('/threads', { body: 'no subject' }), 400, 'invalid_request');
      assertProblem(await asAlex('/threads', { subject: 'two\nlines', body: 'x' }), 400, 'invalid_request');
      assertProblem(await admin(`/threads/${thread.id}/messages`, { body: { body: 'no name' } }), 400, 'invalid_request');
    });
  });

  describe('paging', () => {
    it('returns the newest messages last, and older pages with the before cursor', async () => {
      const { thread, message: first } = await startAsAlex('Paging', 'm0');
      const written = [first.id];
      for (let n = 1; n < 7; n += 1) {
        const next = n % 2 ? await reply(thread.id, `m${n}`) : (await asAlex(`/threads/${thread.id}/messages`, { body: `m${n}` })).body;
        written.push(next.id);
      }
      const bodies: string[][] = [];
      let before: string | null = null;
      do {
        const page: any = await asAlex(`/threads/${thread.id}/messages?limit=3${before ? `&before=${before}` : ''}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        bodies.unshift(page.body.data.map((m: any) => m.body));
        before = page.body.nextCursor;
      } while (before);
      assert.deepEqual(bodies, [['m0'], ['m1', 'm2', 'm3'], ['m4', 'm5', 'm6']]);
      const other = await startAsAlex('Other');
      const firstPage = await asAlex(`/threads/${thread.id}/messages?limit=3`);
      assertProblem(await asAlex(`/threads/${other.thread.id}/messages?before=${firstPage.body.nextCursor}`), 400, 'invalid_cursor');
      assertProblem(await asAlex(`/threads/${thread.id}/messages?before=garbage`), 400, 'invalid_cursor');
      const firmView = await admin(`/threads/${thread.id}?limit=2`);
      assert.deepEqual(
        firmView.body.data.map((m: any) => m.id),
        written.slice(-2),
      );
    });

    it('lists threads by latest activity, each once across pages', async () => {
      const { token } = await svc.login('jordan@example.com');
      const a = await as(token)('/threads', { subject: 'A', body: 'a' });
      const b = await as(token)('/threads', { subject: 'B', body: 'b' });
      const c = await as(token)('/threads', { subject: 'C', body: 'c' });
      await reply(a.body.thread.id, 'bump A');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await as(token)(`/threads?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.data.map((t: any) => t.subject));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen.slice(0, 3), ['A', 'C', 'B']);
      assert.equal(new Set(seen).size, seen.length);
      assert.equal((await as(token)('/threads')).body.data[0].lastMessage.preview, 'bump A');
      const byContact = await admin(`/threads?contactId=${svc.fixtures.jordan.id}&limit=100`);
      assert.ok(byContact.body.data.every((t: any) => t.contact.id === svc.fixtures.jordan.id));
      assert.ok([b, c].every((r) => byContact.body.data.some((t: any) => t.id === r.body.thread.id)));
    });
  });

  describe('the firm’s inbox', () => {
    it('searches subjects ignoring case, taking % and _ literally, with the other filters and across pages', async () => {
      const { token } = await svc.login('jordan@example.com');
      const start = async (subject: string) => (await as(token)('/threads', { subject, body: 'x' })).body.thread.id as string;
      const lease = await start('Lease RENEWAL for Elm Street');
      const renewal = await start('renewal of the 50% retainer');
      const underscore = await start('file_name question');
      await start('Something else entirely');
      const search = async (query: string) => {
        const page = await admin(`/threads?limit=100&${query}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        return page.body.data.map((t: any) => t.id);
      };
      assert.deepEqual(await search('q=renewal'), [renewal, lease], 'newest activity first, case ignored');
      assert.deepEqual(await search(`q=${encodeURIComponent('  Renewal  ')}`), [renewal, lease], 'trimmed');
      assert.deepEqual(await search(`q=${encodeURIComponent('50%')}`), [renewal]);
      assert.deepEqual(await search(`q=${encodeURIComponent('%')}`), [renewal], '% is no wildcard');
      assert.deepEqual(await search('q=l_a'), [], '_ is no wildcard');
      assert.deepEqual(await search('q=file_name'), [underscore]);
      assert.deepEqual(await search(`q=${encodeURIComponent('\\')}`), []);
      assert.ok((await search('q=')).length >= 4, 'an empty search is no filter');
      assert.deepEqual(await search(`q=renewal&contactId=${svc.fixtures.alex.id}`), []);
      await admin(`/threads/${lease}/close`, { method: 'POST' });
      assert.deepEqual(await search('q=renewal&status=open'), [renewal]);
      assert.deepEqual(await search('q=renewal&status=closed'), [lease]);
      await admin(`/threads/${renewal}/read`, { method: 'POST' });
      assert.deepEqual(await search('q=renewal&unread=true'), [lease]);

      const first = await admin('/threads?q=RENEWAL&limit=1');
      assert.deepEqual(
        first.body.data.map((t: any) => t.id),
        [renewal],
      );
      const second = await admin(`/threads?q=RENEWAL&limit=1&cursor=${first.body.nextCursor}`);
      assert.deepEqual(
        second.body.data.map((t: any) => t.id),
        [lease],
      );
      assert.equal(second.body.nextCursor, null);
    });

    it('names each thread’s client and counts what the firm has not read', async () => {
      const { thread } = await startAsAlex('Counting for the firm', 'one');
      await asAlex(`/threads/${thread.id}/messages`, { body: 'two' });
      const page = (await admin(`/threads?q=${encodeURIComponent('counting for the firm')}`)).body;
      const [listed] = page.data;
      assert.deepEqual(
        { contact: listed.contact, unreadCount: listed.unreadCount },
        { contact: { id: svc.fixtures.alex.id, name: 'Alex Morgan', email: 'alex@example.com' }, unreadCount: 2 },
      );
      // The total is over every thread, whatever the filters.
      const everything = async () => {
        let total = 0;
        for (const thread of (await admin('/threads?limit=100')).body.data) total += thread.unreadCount;
        return total;
      };
      assert.equal(page.unreadCount, await everything());
      assert.ok(page.unreadCount >= 2);
      await admin(`/threads/${thread.id}/read`, { method: 'POST' });
      const after = (await admin('/threads?status=closed&limit=1')).body.unreadCount;
      assert.equal(after, page.unreadCount - 2);
      assert.equal(after, await everything());
    });

    it('refuses a search longer than 200 characters or given twice', async () => {
      assertProblem(await admin(`/threads?q=${'x'.repeat(201)}`), 400, 'invalid_request');
      assertProblem(await admin('/threads?q=a&q=b'), 400, 'invalid_request');
    });
  });

  describe('attachments', () => {
    async function uploadAs(token: string, name: string) {
      const reply = await send(`${svc.baseUrl}/api/v1/files`, multipart([{ name: 'file', fileName: name, data: pdfBytes(name) }]), {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return reply.body;
    }
    async function shareWith(contactId: string, name: string, key = svc.fixtures.firmKey) {
      const reply = await send(
        `${svc.baseUrl}/api/v1/admin/files`,
        multipart([
          { name: 'contactId', data: contactId },
          { name: 'file', fileName: name, data: pdfBytes(name) },
        ]),
        {
          authorization: `Bearer ${key}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
      );
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      return reply.body;
    }

    it('carries the client’s own uploads and files shared with them; anything else is a 422', async () => {
      const own = await uploadAs(alexToken, 'Lease.pdf');
      const shared = await shareWith(svc.fixtures.alex.id, 'Draft settlement.pdf');
      const jordans = await uploadAs(jordanToken, 'Jordan.pdf');
      const sams = await shareWith(svc.fixtures.sam.id, 'North.pdf', svc.fixtures.otherFirmKey);

      const { thread, message } = await (async () => {
        const started = await asAlex('/threads', { subject: 'With files', body: 'See attached', attachmentIds: [own.id, shared.id] });
        assert.equal(started.status, 201, JSON.stringify(started.body));
        return started.body;
      })();
      assert.deepEqual(message.attachments, [
        { id: own.id, name: 'Lease.pdf', size: own.size, contentType: 'application/pdf' },
        { id: shared.id, name: 'Draft settlement.pdf', size: shared.size, contentType: 'application/pdf' },
      ]);
      const page = await asAlex(`/threads/${thread.id}/messages`);
      assert.deepEqual(
        page.body.data[0].attachments.map((a: any) => a.id),
        [own.id, shared.id],
      );

      for (const id of [jordans.id, sams.id, 'file_doesnotexist']) {
        assertProblem(await asAlex(`/threads/${thread.id}/messages`, { body: 'x', attachmentIds: [id] }), 422, 'attachment_not_found');
        assertProblem(await asAlex('/threads', { subject: 'x', body: 'x', attachmentIds: [own.id, id] }), 422, 'attachment_not_found');
      }
      assertProblem(
        await admin(`/threads/${thread.id}/messages`, { body: { body: 'x', staffName: 'M', attachmentIds: [jordans.id] } }),
        422,
        'attachment_not_found',
      );
      assertProblem(await asAlex(`/threads/${thread.id}/messages`, { body: 'x', attachmentIds: [own.id, own.id] }), 400, 'invalid_request');
      const staff = await admin(`/threads/${thread.id}/messages`, {
        body: { body: 'Signed copy', staffName: 'Margaret Hale, Partner', attachmentIds: [own.id] },
      });
      assert.equal(staff.status, 201, JSON.stringify(staff.body));

      assert.equal((await admin(`/files/${shared.id}`, { method: 'DELETE' })).status, 204);
      const after = await asAlex(`/threads/${thread.id}/messages`);
      assert.deepEqual(
        after.body.data[0].attachments.map((a: any) => a.id),
        [own.id],
        'a deleted file leaves the message',
      );
    });
  });

  describe('isolation', () => {
    it("answers 404 for another client's thread on every endpoint, in the firm and outside it", async () => {
      const { thread } = await startAsAlex('Private', 'Only for the firm');
      for (const token of [jordanToken, samToken]) {
        const client = as(token);
        assertProblem(await client(`/threads/${thread.id}/messages`), 404, 'not_found');
        assertProblem(await client(`/threads/${thread.id}/messages`, { body: 'intrusion' }), 404, 'not_found');
        assertProblem(await client(`/threads/${thread.id}/read`, {}), 404, 'not_found');
        const list = await client('/threads?limit=100');
        assert.ok(!list.body.data.some((t: any) => t.id === thread.id));
      }
      const page = await asAlex(`/threads/${thread.id}/messages`);
      assert.deepEqual(
        page.body.data.map((m: any) => m.body),
        ['Only for the firm'],
        'nothing was added',
      );
      assertProblem(await asAlex('/threads/thr_doesnotexist/messages'), 404, 'not_found');
    });

    it("gives another firm's API key nothing", async () => {
      const { thread } = await startAsAlex('Hale only');
      const other = svc.fixtures.otherFirmKey;
      assertProblem(await admin(`/threads/${thread.id}`, { token: other }), 404, 'not_found');
      for (const [action, body] of [
        ['messages', { body: 'x', staffName: 'Intruder' }],
        ['close', undefined],
        ['reopen', undefined],
        ['read', undefined],
      ] as const) {
        assertProblem(await admin(`/threads/${thread.id}/${action}`, { method: 'POST', body, token: other }), 404, 'not_found');
      }
      assert.deepEqual((await admin('/threads', { token: other })).body.data, []);
      assertProblem(await admin(`/threads?contactId=${svc.fixtures.alex.id}`, { token: other }), 404, 'not_found');
      assertProblem(
        await admin('/threads', { token: other, body: { contactId: svc.fixtures.alex.id, subject: 'x', body: 'y', staffName: 'z' } }),
        422,
        'contact_not_found',
      );
      assert.equal((await firmThread(thread.id)).status, 'open', 'untouched');
      assert.equal((await firmThread(thread.id)).unreadCount, 1, 'still unread by its own firm');
    });

    it('keeps client tokens and API keys to their own side', async () => {
      assert.equal((await svc.request('/api/v1/threads', { token: svc.fixtures.firmKey })).status, 401);
      assert.equal((await svc.request('/api/v1/admin/threads', { token: alexToken })).status, 401);
    });
  });
});

describe('portico thread commands', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-threads-'));
  const env = { DATA_DIR: dataDir, PUBLIC_URL: 'http://portico.test' };
  const cli = (...args: string[]) => runCli(args, env);
  after(() => removeDataDir(dataDir));

  it('starts a thread, lists it and replies as a named member of staff', async () => {
    assert.equal((await cli('firm', 'create', '--slug', 'acme', '--name', 'Acme Legal', '--portal-url', 'https://acme.example/portal')).code, 0);
    assert.equal((await cli('contact', 'add', '--firm', 'acme', '--email', 'pat@example.com', '--name', 'Pat Doe')).code, 0);
    const started = await cli(
      'thread',
      'start',
      '--firm',
      'acme',
      '--contact',
      'pat@example.com',
      '--subject',
      'Your will',
      '--body',
      'Draft attached soon.',
      '--staff',
      'Margaret Hale, Partner',
    );
    assert.equal(started.code, 0, started.stderr);
    const threadId = /Started thread (thr_[\w-]+) with pat@example.com: Your will/.exec(started.stdout)?.[1];
    assert.ok(threadId, started.stdout);
    const replied = await cli('thread', 'reply', '--firm', 'acme', '--id', threadId, '--staff', 'Daniel Okafor, Associate', '--body', 'Here it is.');
    assert.equal(replied.code, 0, replied.stderr);
    assert.match(replied.stdout, new RegExp(`^Replied in ${threadId} as Daniel Okafor, Associate \\(msg_[\\w-]+\\)\\n$`));
    const listed = await cli('thread', 'list', '--firm', 'acme', '--contact', 'pat@example.com');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${threadId}  open    read .+  pat@example.com  Your will\\n$`));
    const missing = await cli('thread', 'reply', '--firm', 'acme', '--id', 'thr_nope', '--staff', 'M', '--body', 'x');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No such thread/);

    const services = await openServices(loadConfig(await withDatabase(env)));
    try {
      const mails = await services.storage.asSystem(() => listOutbox(services.storage, { to: 'pat@example.com' }));
      assert.equal(mails.length, 2);
      assert.ok(mails.every((mail) => mail.kind === 'message_notice' && mail.text.includes(`https://acme.example/portal?thread=${threadId}`)));
      assert.ok(mails.every((mail) => !mail.text.includes('Here it is') && !mail.text.includes('Draft attached')));
    } finally {
      await closeServices(services);
    }
  });
});
