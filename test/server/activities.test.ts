import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { activityCommands } from '../../server/src/activities/activities.cli.ts';
import { ActivitiesRepository } from '../../server/src/activities/activities.repository.ts';
import { isInstant } from '../../server/src/activities/activity.ts';
import { calendarFileName, escapeText, foldLine } from '../../server/src/activities/icalendar.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

function assertInvalid(reply: { status: number; body: any }, ...fields: string[]) {
  assertProblem(reply, 400, 'invalid_request');
  const named = reply.body.errors.map((e: { field: string }) => e.field);
  for (const field of fields) assert.ok(named.includes(field), `${field} is named in ${JSON.stringify(reply.body.errors)}`);
}

const hour = 3_600_000;
const day = 24 * hour;
const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');
const titles = (list: { title: string }[]) => list.map((a) => a.title);

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
    assert.equal(escapeText('tab\tkept, bell\u0007 dropped: colon kept'), 'tab\tkept\\, bell dropped: colon kept');
  });

  it('folds long lines at 75 octets and unfolds to the same text', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    assert.ok(physical.length > 2);
    assert.equal(octets(physical[0]!), 75);
    for (const part of physical.slice(1)) assert.ok(part.startsWith(' ') && octets(part) <= 75);
    assert.equal(unfold(folded), line);
    assert.equal(foldLine('SUMMARY:short'), 'SUMMARY:short');
    assert.equal(foldLine(`X:${'y'.repeat(73)}`), `X:${'y'.repeat(73)}`);
  });

  it('never splits a multi-byte character', () => {
    for (const char of ['é', '€', '😀']) {
      for (let pad = 0; pad < 4; pad += 1) {
        const line = `DESCRIPTION:${'-'.repeat(pad)}${char.repeat(60)}`;
        const folded = foldLine(line);
        for (const part of folded.split('\r\n')) {
          assert.ok(octets(part) <= 75, `${octets(part)} octets`);
          assert.equal(Buffer.from(part, 'utf8').toString('utf8'), part);
          assert.doesNotMatch(part, /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, 'no lone surrogate');
        }
        assert.equal(unfold(folded), line);
      }
    }
    const euro = foldLine(`DESCRIPTION:${'€'.repeat(40)}`).split('\r\n');
    assert.equal(octets(euro[0]!), 12 + 21 * 3);
    assert.equal(octets(euro[1]!), 1 + 19 * 3);
  });

  it('names the file after the title in plain ASCII', () => {
    assert.equal(calendarFileName('Hearing: Smith v. Jones / Room 4'), 'Hearing-Smith-v-Jones-Room-4.ics');
    assert.equal(calendarFileName('Réunion "finale"'), 'Reunion-finale.ics');
    assert.equal(calendarFileName('日本'), 'event.ics');
    assert.ok(calendarFileName('a'.repeat(300)).length <= 64);
  });

  it('accepts only real instants with an offset', () => {
    for (const value of ['2026-03-10T10:00:00Z', '2026-03-10T10:00Z', '2026-03-10T10:00:00.123-07:00', '2028-02-29T23:59:59+05:30']) {
      assert.ok(isInstant(value), value);
    }
    for (const value of [
      '2026-03-10',
      '2026-03-10T10:00:00',
      '2026-02-30T10:00:00Z',
      '2026-03-10T24:00:00Z',
      '2026-03-10T10:60Z',
      '2026-03-10 10:00Z',
      '2026-03-10T10:00+0700',
      'soon',
    ]) {
      assert.ok(!isInstant(value), value);
    }
  });
});

describe('activities', () => {
  let svc: TestService;
  const people = { alex: ['alex@example.com', 'hale'], jordan: ['jordan@example.com', 'hale'], sam: ['sam@example.com', 'north'] } as const;
  type Who = keyof typeof people;
  const sessions = new Map<Who, { token: string; at: number }>();

  /** A fresh access token: tokens live minutes, and the tests move the clock by days. */
  async function tokenOf(who: Who): Promise<string> {
    const session = sessions.get(who);
    if (session && svc.clock().getTime() - session.at < 5 * 60_000) return session.token;
    const [email, firm] = people[who];
    const { token } = await svc.login(email, firm);
    sessions.set(who, { token, at: svc.clock().getTime() });
    return token;
  }

  const admin = (path: string, options: { method?: string; body?: unknown; token?: string; raw?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: svc.fixtures.firmKey, ...options });
  const client = async (who: Who | { token: string }, path: string, options: { method?: string; body?: unknown; raw?: string } = {}) =>
    svc.request(`/api/v1${path}`, { token: typeof who === 'string' ? await tokenOf(who) : who.token, ...options });

  async function create(body: Record<string, unknown>, token = svc.fixtures.firmKey) {
    const reply = await admin('/activities', { body: { contactId: svc.fixtures.alex.id, ...body }, token });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  }

  before(async () => {
    svc = await startTestService();
  });
  after(() => svc.close());

  describe('the firm writes tasks and events', () => {
    it('creates a task and an event and reads them back', async () => {
      const task = await create({ kind: 'task', title: '  Sign the engagement letter ', notes: 'Page 3', dueOn: '2026-03-09' });
      assert.match(task.id, /^task_/);
      assert.deepEqual(
        { ...task, id: undefined },
        {
          id: undefined,
          kind: 'task',
          title: 'Sign the engagement letter',
          notes: 'Page 3',
          dueOn: '2026-03-09',
          completedAt: null,
          status: 'upcoming',
          contactId: svc.fixtures.alex.id,
          externalId: null,
          createdAt: '2026-03-02T15:00:00.000Z',
          updatedAt: '2026-03-02T15:00:00.000Z',
        },
      );
      const event = await create({
        kind: 'event',
        title: 'Deposition',
        startsAt: '2026-03-12T09:30:00-07:00',
        endsAt: '2026-03-12T11:00-07:00',
        location: 'Suite 400',
      });
      assert.match(event.id, /^evt_/);
      assert.equal(event.startsAt, '2026-03-12T16:30:00.000Z', 'stored in UTC');
      assert.equal(event.endsAt, '2026-03-12T18:00:00.000Z');
      assert.equal(event.allDay, false);
      assert.equal(event.location, 'Suite 400');
      assert.equal(event.notes, null);
      assert.equal(event.status, 'upcoming');
      assert.ok(!('dueOn' in event) && !('completedAt' in event));
      assert.deepEqual((await admin(`/activities/${task.id}`)).body, task);
      assert.deepEqual((await admin(`/activities/${event.id}`)).body, event);
    });

    it('updates fields, keeps the kind, and deletes', async () => {
      const task = await create({ kind: 'task', title: 'Draft', notes: 'Old' });
      svc.clock.advance(1_000);
      const renamed = await admin(`/activities/${task.id}`, { method: 'PATCH', body: { title: 'Final', notes: null, dueOn: '2026-04-01', kind: 'task' } });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.title, 'Final');
      assert.equal(renamed.body.notes, null);
      assert.equal(renamed.body.dueOn, '2026-04-01');
      assert.notEqual(renamed.body.updatedAt, task.updatedAt);
      const done = await admin(`/activities/${task.id}`, { method: 'PATCH', body: { completed: true } });
      assert.equal(done.body.status, 'done');
      assert.ok(done.body.completedAt);

      const event = await create({ kind: 'event', title: 'Mediation', startsAt: '2026-03-20T17:00:00Z', endsAt: '2026-03-20T18:00:00Z' });
      const allDay = await admin(`/activities/${event.id}`, { method: 'PATCH', body: { allDay: true, startsAt: '2026-03-20', endsAt: '2026-03-21' } });
      assert.equal(allDay.status, 200, JSON.stringify(allDay.body));
      assert.deepEqual([allDay.body.allDay, allDay.body.startsAt, allDay.body.endsAt], [true, '2026-03-20', '2026-03-21']);
      assertInvalid(await admin(`/activities/${event.id}`, { method: 'PATCH', body: { allDay: false } }), 'startsAt', 'endsAt');

      assert.equal((await admin(`/activities/${event.id}`, { method: 'DELETE' })).status, 204);
      assertProblem(await admin(`/activities/${event.id}`), 404, 'not_found');
      assertProblem(await admin(`/activities/${event.id}`, { method: 'DELETE' }), 404, 'not_found');
      assert.ok(!titles((await client('alex', '/activities?done=all')).body.upcoming).includes('Mediation'));
    });

    it('lists the firm activities a page at a time, by contact and kind', async () => {
      const jordan = svc.fixtures.jordan.id;
      for (let i = 0; i < 5; i += 1) {
        svc.clock.advance(1);
        await create({
          kind: i % 2 ? 'task' : 'event',
          title: `Paged ${i}`,
          contactId: jordan,
          ...(i % 2 ? {} : { allDay: true, startsAt: '2026-05-01', endsAt: '2026-05-01' }),
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof admin>> = await admin(`/activities?contactId=${jordan}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.data.length <= 2);
        for (const activity of page.body.data) assert.equal(activity.contactId, jordan);
        seen.push(...titles(page.body.data));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual(seen, ['Paged 4', 'Paged 3', 'Paged 2', 'Paged 1', 'Paged 0'], 'newest first, each once');
      const events = await admin(`/activities?contactId=${jordan}&kind=event`);
      assert.deepEqual(titles(events.body.data), ['Paged 4', 'Paged 2', 'Paged 0']);
      const all = await admin('/activities?limit=200');
      assert.ok(all.body.data.some((a: { contactId: string }) => a.contactId === svc.fixtures.alex.id));
      assert.equal(all.body.nextCursor, null);
    });

    it('records the firm changes in the audit log', async () => {
      const rows = await svc.query<{
        action: string;
        actor_type: string;
        subject_type: string;
      }>`SELECT action, actor_type, subject_type FROM audit_log WHERE action LIKE 'activity.%'`;
      const actions = new Set(rows.map((r) => r.action));
      for (const action of ['activity.created', 'activity.updated', 'activity.deleted']) assert.ok(actions.has(action), action);
      assert.ok(rows.every((r) => r.actor_type === 'api_key' && r.subject_type === 'activity'));
    });
  });

  describe('the client list', () => {
    before(async () => {
      // The clock reads 2026-03-02T15:00Z; the firm's time zone is UTC, so today is 2026-03-02.
      const today = '2026-03-02';
      await create({ kind: 'task', title: 'T overdue long', dueOn: '2026-02-20' });
      await create({ kind: 'task', title: 'T overdue', dueOn: '2026-03-01' });
      await create({ kind: 'task', title: 'T due today', dueOn: today });
      await create({ kind: 'task', title: 'T later', dueOn: '2026-03-05' });
      await create({ kind: 'task', title: 'T undated' });
      await create({ kind: 'event', title: 'E all day today', allDay: true, startsAt: today, endsAt: today });
      await create({ kind: 'event', title: 'E this evening', startsAt: '2026-03-02T18:00:00Z', endsAt: '2026-03-02T19:00:00Z' });
      await create({ kind: 'event', title: 'E next week', allDay: true, startsAt: '2026-03-09', endsAt: '2026-03-11' });
      await create({ kind: 'event', title: 'E under way', startsAt: '2026-03-02T14:00:00Z', endsAt: '2026-03-02T16:00:00Z' });
      await create({ kind: 'event', title: 'E ended this morning', startsAt: '2026-03-02T09:00:00Z', endsAt: '2026-03-02T10:00:00Z' });
      await create({ kind: 'event', title: 'E ended last week', allDay: true, startsAt: '2026-02-23', endsAt: '2026-02-24' });
      await create({ kind: 'event', title: 'E ended yesterday', allDay: true, startsAt: '2026-03-01', endsAt: '2026-03-01' });
    });

    it('groups into overdue, upcoming and done, each in its order', async () => {
      const reply = await client('alex', '/activities');
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const alexOnly = (list: { title: string }[]) => titles(list).filter((t) => /^[TE] /.test(t));
      assert.deepEqual(alexOnly(reply.body.overdue), ['T overdue long', 'T overdue']);
      assert.deepEqual(alexOnly(reply.body.upcoming), [
        'E all day today',
        'T due today',
        'E under way',
        'E this evening',
        'T later',
        'E next week',
        'T undated',
      ]);
      assert.deepEqual(alexOnly(reply.body.done), ['E ended this morning', 'E ended yesterday', 'E ended last week']);
      for (const activity of [...reply.body.overdue, ...reply.body.upcoming, ...reply.body.done]) {
        assert.ok(!('contactId' in activity) && !('createdAt' in activity), 'the client sees no firm bookkeeping');
      }
      assert.ok(reply.body.overdue.every((a: { status: string }) => a.status === 'overdue'));
      assert.ok(reply.body.upcoming.every((a: { status: string }) => a.status === 'upcoming'));
      assert.ok(reply.body.done.every((a: { status: string }) => a.status === 'done'));
    });

    it('marks a task done and not done again', async () => {
      const list = await client('alex', '/activities');
      const task = list.body.overdue.find((a: { title: string }) => a.title === 'T overdue');
      svc.clock.advance(60_000);
      const done = await client('alex', `/activities/${task.id}`, { method: 'PATCH', body: { completed: true } });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.status, 'done');
      assert.equal(done.body.completedAt, svc.clock().toISOString());

      svc.clock.advance(60_000);
      const again = await client('alex', `/activities/${task.id}`, { method: 'PATCH', body: { completed: true } });
      assert.equal(again.body.completedAt, done.body.completedAt, 'marking it done again keeps the first time');
      const grouped = await client('alex', '/activities');
      assert.equal(grouped.body.done[0].title, 'T overdue', 'the most recent done first');
      assert.ok(!titles(grouped.body.overdue).includes('T overdue'));

      const undone = await client('alex', `/activities/${task.id}`, { method: 'PATCH', body: { completed: false } });
      assert.equal(undone.body.completedAt, null);
      assert.equal(undone.body.status, 'overdue');
      const audit = await svc.query`SELECT action, actor_type, actor_id FROM audit_log WHERE subject_id = ${task.id} AND action LIKE 'task.%' ORDER BY id`;
      assert.deepEqual(audit, [
        { action: 'task.completed', actor_type: 'contact', actor_id: svc.fixtures.alex.id },
        { action: 'task.reopened', actor_type: 'contact', actor_id: svc.fixtures.alex.id },
      ]);

      const event = list.body.upcoming.find((a: { kind: string }) => a.kind === 'event');
      assertProblem(await client('alex', `/activities/${event.id}`, { method: 'PATCH', body: { completed: true } }), 409, 'not_a_task');
    });

    it('moves activities along as the days pass', async () => {
      svc.clock.advance(2 * day);
      const reply = await client('alex', '/activities');
      const alexOnly = (list: { title: string }[]) => titles(list).filter((t) => /^[TE] /.test(t));
      assert.deepEqual(alexOnly(reply.body.overdue), ['T overdue long', 'T overdue', 'T due today']);
      assert.deepEqual(alexOnly(reply.body.upcoming), ['T later', 'E next week', 'T undated']);
      assert.deepEqual(alexOnly(reply.body.done).slice(0, 3), ['E all day today', 'E this evening', 'E under way']);
    });

    it('shows the last 50 done unless asked for all', async () => {
      const { storage } = svc.services;
      const repository = new ActivitiesRepository(storage);
      const firmId = svc.fixtures.firm.id;
      for (let i = 0; i < 55; i += 1) {
        const completedAt = new Date(Date.parse('2026-01-01T12:00:00Z') + i * day).toISOString();
        await storage.asFirm(firmId, () =>
          repository.create(
            firmId,
            'task',
            {
              contactId: svc.fixtures.jordan.id,
              title: `Old ${i}`,
              notes: null,
              dueOn: null,
              completedAt,
              startsAt: null,
              endsAt: null,
              allDay: false,
              location: null,
            },
            completedAt,
          ),
        );
      }
      const recent = await client('jordan', '/activities');
      assert.equal(recent.body.done.length, 50);
      assert.equal(recent.body.done[0].title, 'Old 54');
      assert.equal(recent.body.done[49].title, 'Old 5');
      const all = await client('jordan', '/activities?done=all');
      assert.equal(all.body.done.length, 55);
      assert.equal(all.body.done.at(-1).title, 'Old 0');
    });
  });

  describe("the firm's time zone decides the day", () => {
    let other: TestService;
    before(async () => {
      other = await startTestService();
      const { firm } = other.fixtures;
      await other.services.repositories.firms.update(firm.id, { settings: { ...firm.settings, timeZone: 'America/Los_Angeles' } }, other.clock().toISOString());
    });
    after(() => other.close());

    it('keeps a task due today upcoming until midnight in the firm, not in UTC', async () => {
      const add = (body: Record<string, unknown>) =>
        other.request('/api/v1/admin/activities', { token: other.fixtures.firmKey, body: { contactId: other.fixtures.alex.id, ...body } });
      assert.equal((await add({ kind: 'task', title: 'Due March 2', dueOn: '2026-03-02' })).status, 201);
      assert.equal((await add({ kind: 'event', title: 'All day March 2', allDay: true, startsAt: '2026-03-02', endsAt: '2026-03-02' })).status, 201);
      // 2026-03-03T03:00Z is 19:00 on March 2 in Los Angeles.
      other.clock.advance(12 * hour);
      let reply = await other.request('/api/v1/activities', { token: (await other.login('alex@example.com')).token });
      assert.deepEqual(titles(reply.body.overdue), []);
      assert.deepEqual(titles(reply.body.upcoming), ['All day March 2', 'Due March 2']);
      other.clock.advance(6 * hour);
      reply = await other.request('/api/v1/activities', { token: (await other.login('alex@example.com')).token });
      assert.deepEqual(titles(reply.body.overdue), ['Due March 2']);
      assert.deepEqual(titles(reply.body.done), ['All day March 2']);
    });
  });

  describe('calendar.ics', () => {
    let timed: { id: string };
    let allDay: { id: string };
    let task: { id: string };
    const notes = `Bring: ID, the signed letter; and the \\\\server\\share printout.\nSecond line — with “quotes”, accents (é) and € signs. ${'Long text. '.repeat(12)}`;
    before(async () => {
      const { firm } = svc.fixtures;
      const current = (await svc.services.repositories.firms.findById(firm.id))!;
      await svc.services.repositories.firms.update(
        firm.id,
        { settings: { ...current.settings, inboxEmail: 'clients@hale.example' } },
        svc.clock().toISOString(),
      );
      timed = await create({
        kind: 'event',
        title: 'Hearing; Smith, J. v. Jones',
        notes,
        location: 'Court 4, 100 Main St',
        startsAt: '2026-04-01T09:30:00-07:00',
        endsAt: '2026-04-01T11:00:00-07:00',
      });
      allDay = await create({ kind: 'event', title: 'Trial', allDay: true, startsAt: '2026-04-13', endsAt: '2026-04-15' });
      task = await create({ kind: 'task', title: 'Not an event' });
    });

    it('serves a timed event as an iCalendar file', async () => {
      const reply = await client('alex', `/activities/${timed.id}/calendar.ics`);
      assert.equal(reply.status, 200, reply.body);
      assert.equal(reply.headers.get('content-type'), 'text/calendar; charset=utf-8');
      assert.equal(reply.headers.get('content-disposition'), 'attachment; filename="Hearing-Smith-J-v-Jones.ics"');
      const text: string = reply.body;
      assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
      assert.ok(text.endsWith('END:VCALENDAR\r\n'));
      assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/, 'every line ends in CRLF');
      for (const line of text.split('\r\n')) assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
      assert.match(text, /\r\n /, 'long lines are folded');

      const lines = unfold(text).split('\r\n');
      const value = (name: string) => lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
      for (const line of ['VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VEVENT', 'END:VEVENT']) assert.ok(lines.includes(line), line);
      assert.match(value('PRODID')!, /^PRODID:-\/\/Portico\/\//);
      assert.equal(value('UID'), `UID:${timed.id}@portico`);
      assert.match(value('DTSTAMP')!, /^DTSTAMP:\d{8}T\d{6}Z$/);
      assert.equal(value('DTSTART'), 'DTSTART:20260401T163000Z');
      assert.equal(value('DTEND'), 'DTEND:20260401T180000Z');
      assert.equal(value('SUMMARY'), 'SUMMARY:Hearing\\; Smith\\, J. v. Jones');
      assert.equal(value('LOCATION'), 'LOCATION:Court 4\\, 100 Main St');
      assert.equal(value('DESCRIPTION'), `DESCRIPTION:${escapeText(notes.trim())}`);
      assert.ok(value('DESCRIPTION')!.includes('the \\\\\\\\server\\\\share printout.\\nSecond line'));
      assert.equal(value('ORGANIZER'), 'ORGANIZER;CN="Hale & Whitmore LLP":mailto:clients@hale.example');
      assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
    });

    it('writes an all-day event with an exclusive end date', async () => {
      const reply = await client('alex', `/activities/${allDay.id}/calendar.ics`);
      assert.equal(reply.status, 200);
      const lines = unfold(reply.body).split('\r\n');
      assert.ok(lines.includes('DTSTART;VALUE=DATE:20260413'));
      assert.ok(lines.includes('DTEND;VALUE=DATE:20260416'), 'the day after the last day');
      assert.ok(!lines.some((l) => l.startsWith('DESCRIPTION') || l.startsWith('LOCATION')));
    });

    it('refuses a task', async () => {
      assertProblem(await client('alex', `/activities/${task.id}/calendar.ics`), 409, 'not_an_event');
    });
  });

  describe('isolation', () => {
    let alexTask: { id: string };
    let alexEvent: { id: string };
    let samTask: { id: string };
    before(async () => {
      alexTask = await create({ kind: 'task', title: 'Alex private task', dueOn: '2026-03-20' });
      alexEvent = await create({ kind: 'event', title: 'Alex private event', startsAt: '2026-03-20T10:00:00Z', endsAt: '2026-03-20T11:00:00Z' });
      samTask = await create({ kind: 'task', title: 'Sam private task', contactId: svc.fixtures.sam.id }, svc.fixtures.otherFirmKey);
    });

    const everywhere = (groups: { overdue: { id: string }[]; upcoming: { id: string }[]; done: { id: string }[] }) =>
      [...groups.overdue, ...groups.upcoming, ...groups.done].map((a) => a.id);

    it("is a 404 for another client's task or event, on every client endpoint", async () => {
      for (const who of ['jordan', 'sam'] as const) {
        for (const id of [alexTask.id, alexEvent.id]) {
          assertProblem(await client(who, `/activities/${id}`, { method: 'PATCH', body: { completed: true } }), 404, 'not_found');
          assertProblem(await client(who, `/activities/${id}/calendar.ics`), 404, 'not_found');
        }
        const list = await client(who, '/activities?done=all');
        assert.equal(list.status, 200);
        const ids = everywhere(list.body);
        assert.ok(!ids.includes(alexTask.id) && !ids.includes(alexEvent.id), `${who} never sees alex's`);
      }
      assertProblem(await client('alex', `/activities/${samTask.id}`, { method: 'PATCH', body: { completed: true } }), 404, 'not_found');
      assertProblem(await client('alex', `/activities/${samTask.id}/calendar.ics`), 404, 'not_found');
      assert.ok(!everywhere((await client('alex', '/activities?done=all')).body).includes(samTask.id));
      assertProblem(await client('alex', '/activities/task_missing', { method: 'PATCH', body: { completed: true } }), 404, 'not_found');
    });

    it("is a 404 for another firm's key on every admin endpoint, and never listed", async () => {
      const north = svc.fixtures.otherFirmKey;
      for (const id of [alexTask.id, alexEvent.id]) {
        for (const [method, body] of [
          ['GET', undefined],
          ['PATCH', { title: 'Hijacked' }],
          ['DELETE', undefined],
        ] as const) {
          assertProblem(await admin(`/activities/${id}`, { method, body, token: north }), 404, 'not_found');
        }
      }
      const listed = await admin('/activities?limit=200', { token: north });
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.data.map((a: { id: string }) => a.id),
        [samTask.id],
      );
      assertProblem(await admin(`/activities?contactId=${svc.fixtures.alex.id}`, { token: north }), 404, 'not_found');
      assertProblem(
        await admin('/activities', { token: north, body: { kind: 'task', title: 'Planted', contactId: svc.fixtures.alex.id } }),
        422,
        'contact_not_found',
      );
      assertProblem(
        await admin(`/activities/${samTask.id}`, { method: 'PATCH', body: { contactId: svc.fixtures.alex.id }, token: north }),
        422,
        'contact_not_found',
      );

      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { title: 'Hijacked' }],
        ['DELETE', undefined],
      ] as const) {
        assertProblem(await admin(`/activities/${samTask.id}`, { method, body }), 404, 'not_found');
      }
      assert.equal((await admin(`/activities/${alexTask.id}`)).body.title, 'Alex private task', 'unchanged');
      assert.equal((await admin(`/activities/${alexEvent.id}`)).body.title, 'Alex private event', 'unchanged');
      assert.equal((await admin(`/activities/${samTask.id}`, { token: north })).body.title, 'Sam private task', 'unchanged');
    });

    it('keeps client tokens and API keys to their own side', async () => {
      assertProblem(await client({ token: svc.fixtures.firmKey }, '/activities'), 401, 'token_invalid');
      assertProblem(await svc.request('/api/v1/activities'), 401, 'token_missing');
      assertProblem(await admin('/activities', { token: await tokenOf('alex') }), 401, 'api_key_invalid');
      assertProblem(await svc.request('/api/v1/admin/activities'), 401, 'api_key_missing');
    });
  });

  describe('bad input', () => {
    let task: { id: string };
    let event: { id: string };
    before(async () => {
      task = await create({ kind: 'task', title: 'Input checks' });
      event = await create({ kind: 'event', title: 'Input checks', startsAt: '2026-06-01T10:00:00Z', endsAt: '2026-06-01T11:00:00Z' });
    });

    it('refuses bad new activities with the field named', async () => {
      const alex = svc.fixtures.alex.id;
      const post = (body: unknown) => admin('/activities', { body });
      assertInvalid(await post({ kind: 'task', contactId: alex, title: 'X', priority: 'high' }), 'priority');
      assertInvalid(await post({ contactId: alex, title: 'X' }), 'kind');
      assertInvalid(await post({ kind: 'note', contactId: alex, title: 'X' }), 'kind');
      assertInvalid(await post({ kind: 'task', contactId: alex, title: '   ' }), 'title');
      assertInvalid(await post({ kind: 'task', contactId: alex }), 'title');
      assertInvalid(await post({ kind: 'task', contactId: alex, title: 'X', dueOn: '2026-02-30' }), 'dueOn');
      assertInvalid(await post({ kind: 'task', contactId: alex, title: 'X', dueOn: '03/05/2026' }), 'dueOn');
      assertInvalid(await post({ kind: 'task', contactId: alex, title: 'X', startsAt: '2026-03-05T10:00:00Z' }), 'startsAt');
      const event = { kind: 'event', contactId: alex, title: 'E' };
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T11:00:00Z', endsAt: '2026-03-05T10:00:00Z' }), 'endsAt');
      assertInvalid(await post({ ...event, allDay: true, startsAt: '2026-03-06', endsAt: '2026-03-05' }), 'endsAt');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05', endsAt: '2026-03-05' }), 'startsAt', 'endsAt');
      assertInvalid(await post({ ...event, allDay: true, startsAt: '2026-03-05T10:00:00Z', endsAt: '2026-03-05' }), 'startsAt');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T10:00:00', endsAt: '2026-03-05T11:00:00Z' }), 'startsAt');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T25:00:00Z', endsAt: '2026-03-05T11:00:00Z' }), 'startsAt');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T10:00:00Z' }), 'endsAt');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T10:00:00Z', endsAt: '2026-03-05T11:00:00Z', allDay: 'no' }), 'allDay');
      assertInvalid(await post({ ...event, startsAt: '2026-03-05T10:00:00Z', endsAt: '2026-03-05T11:00:00Z', dueOn: '2026-03-05' }), 'dueOn');
      assertProblem(await post({ kind: 'task', contactId: 'con_nobody', title: 'X' }), 422, 'contact_not_found');
      assertProblem(await post({ kind: 'task', contactId: svc.fixtures.sam.id, title: 'X' }), 422, 'contact_not_found');
      assertProblem(await admin('/activities', { raw: '{"kind":' }), 400, 'malformed_json');
      assertInvalid(await post([]), '(root)');
    });

    it('refuses bad changes, and a change of kind', async () => {
      const patch = (id: string, body: unknown) => admin(`/activities/${id}`, { method: 'PATCH', body });
      assertInvalid(await patch(task.id, { kind: 'event' }), 'kind');
      assertInvalid(await patch(event.id, { kind: 'task' }), 'kind');
      assertInvalid(await patch(task.id, { startsAt: '2026-03-05T10:00:00Z' }), 'startsAt');
      assertInvalid(await patch(event.id, { dueOn: '2026-03-05' }), 'dueOn');
      assertInvalid(await patch(event.id, { completed: true }), 'completed');
      assertInvalid(await patch(event.id, { endsAt: '2026-06-01T09:00:00Z' }), 'endsAt');
      assertInvalid(await patch(task.id, { dueOn: 'tomorrow' }), 'dueOn');
      assertInvalid(await patch(task.id, { title: '' }), 'title');
      assertProblem(await patch(task.id, { contactId: 'con_nobody' }), 422, 'contact_not_found');
      assertProblem(await patch('task_missing', { title: 'X' }), 404, 'not_found');
      assert.equal((await admin(`/activities/${event.id}`)).body.endsAt, '2026-06-01T11:00:00.000Z', 'unchanged');
    });

    it('refuses a bad completion body', async () => {
      const patch = (body: unknown) => client('alex', `/activities/${task.id}`, { method: 'PATCH', body });
      assertInvalid(await patch({ completed: 'yes' }), 'completed');
      assertInvalid(await patch({ completed: 1 }), 'completed');
      assertInvalid(await patch({}), 'completed');
      assertInvalid(await patch({ completed: true, completedAt: '2026-01-01T00:00:00Z' }), 'completedAt');
      assertInvalid(await client('alex', `/activities/${task.id}`, { method: 'PATCH' }), '(root)');
      assertProblem(await client('alex', `/activities/${task.id}`, { method: 'PATCH', raw: 'nope' }), 400, 'malformed_json');
    });

    it('refuses bad queries and cursors', async () => {
      assertProblem(await admin('/activities?cursor=garbage'), 400, 'invalid_cursor');
      assertProblem(await admin(`/activities?cursor=${Buffer.from('{"c":1}').toString('base64url')}`), 400, 'invalid_cursor');
      assertInvalid(await admin('/activities?limit=0'), 'limit');
      assertInvalid(await admin('/activities?limit=many'), 'limit');
      assertInvalid(await admin('/activities?kind=note'), 'kind');
      assertInvalid(await admin('/activities?sort=title'), 'sort');
      assertProblem(await admin('/activities?contactId=con_nobody'), 404, 'not_found');
      assertInvalid(await client('alex', '/activities?done=some'), 'done');
      assertInvalid(await client('alex', '/activities?status=open'), 'status');
    });
  });

  describe('the portico commands', () => {
    const run = async (name: string, values: Record<string, string | boolean | undefined>) => {
      const lines: string[] = [];
      const record = (line: string) => void lines.push(line);
      await activityCommands[name]!.run(values, { config: svc.config, out: record, err: record, stopRequested: () => Promise.resolve('done') });
      return lines;
    };

    it('adds, lists and deletes tasks and events', async () => {
      const [added] = await run('task add', { firm: 'hale', contact: 'jordan@example.com', title: 'Send ID scan', due: '2026-03-30', notes: 'Both sides' });
      const taskId = /Added task (task_\S+) for jordan@example\.com: Send ID scan \(due 2026-03-30\)/.exec(added!)?.[1];
      assert.ok(taskId, added);
      const [evented] = await run('event add', {
        firm: 'hale',
        contact: 'jordan@example.com',
        title: 'Closing',
        start: '2026-04-02',
        end: '2026-04-03',
        location: 'Office',
      });
      const eventId = /Added event (evt_\S+) .*\(2026-04-02\.\.2026-04-03\)/.exec(evented!)?.[1];
      assert.ok(eventId, evented);
      const [timedLine] = await run('event add', {
        firm: 'hale',
        contact: 'jordan@example.com',
        title: 'Call',
        start: '2026-04-02T09:00:00-07:00',
        end: '2026-04-02T09:30:00-07:00',
      });
      assert.match(timedLine!, /\(2026-04-02T16:00:00\.000Z\.\.2026-04-02T16:30:00\.000Z\)/);

      const event = (await admin(`/activities/${eventId}`)).body;
      assert.deepEqual([event.allDay, event.location, event.contactId], [true, 'Office', svc.fixtures.jordan.id]);
      const task = (await admin(`/activities/${taskId}`)).body;
      assert.deepEqual([task.title, task.notes, task.dueOn], ['Send ID scan', 'Both sides', '2026-03-30']);

      const listed = await run('activity list', { firm: 'hale', contact: 'jordan@example.com' });
      assert.ok(
        listed.some((line) => /^evt_\S+ {2}event {2}(upcoming|done {4}) {2}2026-04-02T16:00:00\.000Z\.\.\S+ {2}jordan@example\.com {2}Call$/.test(line)),
        listed.join('\n'),
      );
      assert.ok(listed.some((line) => line.startsWith(`${taskId}  task `)));
      assert.ok(listed.every((line) => line.includes('jordan@example.com')));
      const everything = await run('activity list', { firm: 'hale' });
      assert.ok(everything.some((line) => line.includes('alex@example.com')));
      assert.ok(everything.length > listed.length);

      assert.deepEqual(await run('activity delete', { firm: 'hale', id: taskId }), [`Deleted ${taskId} from hale`]);
      assertProblem(await admin(`/activities/${taskId}`), 404, 'not_found');
      const audit = await svc.query`SELECT action, actor_type, actor_id FROM audit_log WHERE subject_id = ${taskId} ORDER BY id`;
      assert.deepEqual(audit, [
        { action: 'activity.created', actor_type: 'system', actor_id: 'cli' },
        { action: 'activity.deleted', actor_type: 'system', actor_id: 'cli' },
      ]);
    });

    it('reports bad input as problems', async () => {
      await assert.rejects(run('task add', { firm: 'hale', contact: 'nobody@example.com', title: 'X' }), { code: 'not_found' });
      await assert.rejects(run('task add', { firm: 'nope', contact: 'alex@example.com', title: 'X' }), { code: 'firm_not_found' });
      await assert.rejects(run('task add', { firm: 'hale', contact: 'alex@example.com', title: 'X', due: '2026-13-01' }), { code: 'invalid_request' });
      await assert.rejects(run('event add', { firm: 'hale', contact: 'alex@example.com', title: 'X', start: '2026-04-02', end: '2026-04-01' }), {
        code: 'invalid_request',
      });
      await assert.rejects(
        run('event add', { firm: 'hale', contact: 'alex@example.com', title: 'X', start: '2026-04-02T10:00Z', end: '2026-04-02', 'all-day': false }),
        { code: 'invalid_request' },
      );
      await assert.rejects(run('activity delete', { firm: 'north', id: (await create({ kind: 'task', title: 'Hale only' })).id }), { code: 'not_found' });
      const none = await run('activity list', { firm: 'north', contact: 'sam@example.com' });
      assert.ok(none.every((line) => !line.includes('alex@example.com')));
    });
  });
});
