import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

/** Values no externalId may take, with how each is sent in JSON. */
const badExternalIds: unknown[] = [
  '',
  'x'.repeat(201),
  'tab\there',
  'line\nbreak',
  'nul\u0000',
  'zero\u200bwidth',
  'sep\u2028arator',
  42,
  true,
  ['a'],
  { id: 'a' },
];
/** Path segments that decode to no valid externalId (or do not decode at all). */
const badPathIds = ['%00', 'a%0Ab', '%09', 'x'.repeat(201), '%E2%80%8B', '%E0%A4%A', '%'];

describe('external ids', () => {
  let svc: TestService;
  let key: string;
  let otherKey: string;
  before(async () => {
    svc = await startTestService();
    key = svc.fixtures.firmKey;
    otherKey = svc.fixtures.otherFirmKey;
  });
  after(() => svc.close());

  const admin = (path: string, options: { method?: string; body?: unknown; raw?: string; token?: string } = {}) =>
    svc.request(`/api/v1/admin${path}`, { token: key, ...options });

  describe('on contacts', () => {
    it('is set on create, returned everywhere the firm reads the contact, changed and cleared by PATCH', async () => {
      const created = await admin('/contacts', { body: { email: 'casey@example.com', name: 'Casey Park', externalId: 'CLIO-1001' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.externalId, 'CLIO-1001');
      assert.deepEqual((await admin(`/contacts/${created.body.id}`)).body, created.body);

      const listed = await admin('/contacts?externalId=CLIO-1001');
      assert.deepEqual(
        listed.body.data.map((c: { id: string }) => c.id),
        [created.body.id],
      );
      assert.deepEqual((await admin('/contacts?externalId=CLIO-9999')).body.data, []);

      const changed = await admin(`/contacts/${created.body.id}`, { method: 'PATCH', body: { externalId: 'CLIO-1001-B' } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.externalId, 'CLIO-1001-B');
      assert.equal(
        (await admin(`/contacts/${created.body.id}`, { method: 'PATCH', body: { name: 'Casey P.' } })).body.externalId,
        'CLIO-1001-B',
        'left out, it stays',
      );

      const cleared = await admin(`/contacts/${created.body.id}`, { method: 'PATCH', body: { externalId: null } });
      assert.equal(cleared.body.externalId, null);
      assert.deepEqual((await admin('/contacts?externalId=CLIO-1001-B')).body.data, []);
    });

    it('is null when never set, and any number of contacts may have none', async () => {
      const a = await admin('/contacts', { body: { email: 'none-a@example.com', name: 'None A' } });
      const b = await admin('/contacts', { body: { email: 'none-b@example.com', name: 'None B', externalId: null } });
      assert.equal(a.status, 201);
      assert.equal(b.status, 201);
      assert.equal(a.body.externalId, null);
      assert.equal(b.body.externalId, null);
      assert.equal((await admin(`/contacts/${svc.fixtures.alex.id}`)).body.externalId, null);
    });

    it('is unique in the firm: a second one is a 409 external_id_taken, on create and on PATCH', async () => {
      await admin('/contacts', { body: { email: 'dup-1@example.com', name: 'Dup One', externalId: 'dup-contact' } });
      const twice = await admin('/contacts', { body: { email: 'dup-2@example.com', name: 'Dup Two', externalId: 'dup-contact' } });
      assertProblem(twice, 409, 'external_id_taken');
      assert.deepEqual(twice.body.errors, [{ field: 'externalId', message: 'is already used by another contact' }]);
      assert.equal((await admin('/contacts?q=dup-2')).body.data.length, 0, 'nothing was created');

      const other = await admin('/contacts', { body: { email: 'dup-3@example.com', name: 'Dup Three' } });
      assertProblem(await admin(`/contacts/${other.body.id}`, { method: 'PATCH', body: { externalId: 'dup-contact' } }), 409, 'external_id_taken');
      assert.equal((await admin(`/contacts/${other.body.id}`)).body.externalId, null);
    });

    it('is compared exactly: case and spaces count, and up to 200 characters of any script', async () => {
      await admin('/contacts', { body: { email: 'case-1@example.com', name: 'Case One', externalId: 'Case-ID' } });
      assert.equal((await admin('/contacts', { body: { email: 'case-2@example.com', name: 'Case Two', externalId: 'case-id' } })).status, 201);
      assert.equal((await admin('/contacts', { body: { email: 'case-3@example.com', name: 'Case Three', externalId: 'Case ID' } })).status, 201);
      const long = 'é'.repeat(200);
      const wide = '😀'.repeat(200);
      assert.equal((await admin('/contacts', { body: { email: 'long@example.com', name: 'Long', externalId: long } })).body.externalId, long);
      assert.equal((await admin('/contacts', { body: { email: 'wide@example.com', name: 'Wide', externalId: wide } })).body.externalId, wide);
      assert.equal((await admin(`/contacts?externalId=${encodeURIComponent(wide)}`)).body.data.length, 1);
    });

    it("is the firm's own: another firm may use the same one, and never sees this firm's", async () => {
      await admin('/contacts', { body: { email: 'shared-id@example.com', name: 'Shared Id', externalId: 'SHARED-1' } });
      const there = await admin('/contacts', { token: otherKey, body: { email: 'shared-id@example.com', name: 'Shared Elsewhere', externalId: 'SHARED-1' } });
      assert.equal(there.status, 201);
      const listed = await admin('/contacts?externalId=SHARED-1', { token: otherKey });
      assert.deepEqual(
        listed.body.data.map((c: { id: string }) => c.id),
        [there.body.id],
      );
    });

    it('refuses a bad externalId in a body or a filter with a 400 naming it', async () => {
      for (const externalId of badExternalIds) {
        const created = await admin('/contacts', { body: { email: 'bad-id@example.com', name: 'Bad Id', externalId } });
        assertProblem(created, 400, 'invalid_request');
        assert.deepEqual(
          created.body.errors.map((e: { field: string }) => e.field),
          ['externalId'],
          JSON.stringify(externalId),
        );
        assertProblem(await admin(`/contacts/${svc.fixtures.alex.id}`, { method: 'PATCH', body: { externalId } }), 400, 'invalid_request');
      }
      assertProblem(await admin('/contacts?externalId='), 400, 'invalid_request');
      assertProblem(await admin(`/contacts?externalId=${'x'.repeat(201)}`), 400, 'invalid_request');
      assertProblem(await admin('/contacts?externalId=a&externalId=b'), 400, 'invalid_request');
      assertProblem(await admin('/contacts?externalId=%0A'), 400, 'invalid_request');
    });

    describe('PUT /contacts/by-external-id/:externalId', () => {
      const put = (externalId: string, body: unknown, token = key) => admin(`/contacts/by-external-id/${externalId}`, { method: 'PUT', body, token });

      it('creates the contact (201) the first time, and updates it (200) after', async () => {
        const created = await put('PS-77', { email: 'Morgan@Example.com', name: 'Morgan Blake', phone: '+1 415 555 0177' });
        assert.equal(created.status, 201);
        assert.equal(created.body.externalId, 'PS-77');
        assert.equal(created.body.email, 'morgan@example.com');
        assert.equal(created.body.status, 'active');

        svc.clock.advance(1_000);
        const updated = await put('PS-77', { email: 'morgan.blake@example.com', name: 'Morgan Blake' });
        assert.equal(updated.status, 200);
        assert.equal(updated.body.id, created.body.id);
        assert.equal(updated.body.email, 'morgan.blake@example.com');
        assert.equal(updated.body.phone, '+1 415 555 0177', 'a field left out keeps its value');
        assert.notEqual(updated.body.updatedAt, created.body.updatedAt);

        const again = await put('PS-77', { email: 'morgan.blake@example.com', name: 'Morgan Blake', phone: null, externalId: 'PS-77' });
        assert.equal(again.status, 200, 'the body may repeat the path’s externalId');
        assert.equal(again.body.phone, null);
        assert.equal((await admin('/contacts?externalId=PS-77')).body.data.length, 1);
      });

      it('takes the externalId from the path, decoded', async () => {
        const created = await put(encodeURIComponent('matter/2026 #4 ü'), { email: 'decoded@example.com', name: 'Decoded' });
        assert.equal(created.status, 201);
        assert.equal(created.body.externalId, 'matter/2026 #4 ü');
      });

      it('refuses a body whose externalId is not the path’s', async () => {
        const reply = await put('PS-78', { email: 'ps78@example.com', name: 'PS 78', externalId: 'PS-79' });
        assertProblem(reply, 400, 'invalid_request');
        assert.deepEqual(
          reply.body.errors.map((e: { field: string }) => e.field),
          ['externalId'],
        );
        assertProblem(await put('PS-78', { email: 'ps78@example.com', name: 'PS 78', externalId: null }), 400, 'invalid_request');
        assert.deepEqual((await admin('/contacts?externalId=PS-78')).body.data, []);
      });

      it("refuses to create or move a contact onto another contact's email (409 contact_exists)", async () => {
        assertProblem(await put('PS-80', { email: 'alex@example.com', name: 'Alex Twin' }), 409, 'contact_exists');
        await put('PS-81', { email: 'ps81@example.com', name: 'PS 81' });
        assertProblem(await put('PS-81', { email: 'jordan@example.com', name: 'PS 81' }), 409, 'contact_exists');
      });

      it('refuses a bad path or body with a 4xx problem, never a 5xx', async () => {
        for (const bad of badPathIds) {
          const reply = await put(bad, { email: 'path@example.com', name: 'Path' });
          assert.equal(reply.status, 400, `${bad}: ${JSON.stringify(reply.body)}`);
          assert.match(reply.headers.get('content-type')!, /problem\+json/);
          assert.ok(['invalid_request', 'bad_request'].includes(reply.body.code), reply.body.code);
        }
        assertProblem(await put('PS-90', { name: 'No Email' }), 400, 'invalid_request');
        assertProblem(await put('PS-90', { email: 'ps90@example.com', name: 'PS 90', role: 'admin' }), 400, 'invalid_request');
        assertProblem(await put('PS-90', ['not', 'an', 'object']), 400, 'invalid_request');
        assertProblem(await put('PS-90', null), 400, 'malformed_json');
        assertProblem(await admin('/contacts/by-external-id/PS-90', { method: 'PUT' }), 400, 'invalid_request');
        assertProblem(await admin('/contacts/by-external-id/PS-90', { method: 'PUT', raw: '{"email":' }), 400, 'malformed_json');
        assertProblem(
          await svc.request('/api/v1/admin/contacts/by-external-id/PS-90', { method: 'PUT', body: { email: 'a@example.com', name: 'A' } }),
          401,
          'api_key_missing',
        );
        const empty = await admin('/contacts/by-external-id/', { method: 'PUT', body: { email: 'a@example.com', name: 'A' } });
        assert.ok(empty.status >= 400 && empty.status < 500 && typeof empty.body.code === 'string', JSON.stringify(empty.body));
        assert.deepEqual((await admin('/contacts?q=path%40example.com')).body.data, []);
      });

      it('works per firm: the same externalId in another firm is another contact', async () => {
        const here = await put('PS-100', { email: 'ps100@example.com', name: 'PS 100' });
        const there = await put('PS-100', { email: 'ps100@example.com', name: 'PS 100 North' }, otherKey);
        assert.equal(here.status, 201);
        assert.equal(there.status, 201);
        assert.notEqual(here.body.id, there.body.id);
        assert.equal(there.body.firmId, svc.fixtures.otherFirm.id);
      });
    });
  });

  describe('on invoices', () => {
    const line = (amount: number, description = 'Consultation') => ({ kind: 'flat_fee', description, amount });

    it('is set on create, returned to the firm, filterable, changed and cleared by PATCH; the client never sees it', async () => {
      const created = await admin('/invoices', { body: { contactId: svc.fixtures.jordan.id, externalId: 'QB-INV-1', lines: [line(50_000)] } });
      assert.equal(created.status, 201);
      assert.equal(created.body.externalId, 'QB-INV-1');
      assert.equal((await admin(`/invoices/${created.body.id}`)).body.externalId, 'QB-INV-1');

      const listed = await admin('/invoices?externalId=QB-INV-1');
      assert.deepEqual(
        listed.body.data.map((i: { id: string; externalId: string }) => [i.id, i.externalId]),
        [[created.body.id, 'QB-INV-1']],
      );
      assert.deepEqual((await admin('/invoices?externalId=QB-INV-1&status=paid')).body.data, []);

      assert.equal((await admin(`/invoices/${created.body.id}/send`, { method: 'POST' })).body.externalId, 'QB-INV-1');
      const { token } = await svc.login('jordan@example.com');
      const mine = await svc.request(`/api/v1/invoices/${created.body.id}`, { token });
      assert.equal(mine.status, 200);
      assert.ok(!('externalId' in mine.body));
      const myList = await svc.request('/api/v1/invoices', { token });
      assert.ok(myList.body.data.length > 0);
      assert.ok(myList.body.data.every((i: object) => !('externalId' in i)));

      assert.equal((await admin(`/invoices/${created.body.id}`, { method: 'PATCH', body: { externalId: 'QB-INV-1b' } })).body.externalId, 'QB-INV-1b');
      assert.equal((await admin(`/invoices/${created.body.id}`, { method: 'PATCH', body: { externalId: null } })).body.externalId, null);
      const plain = await admin('/invoices', { body: { contactId: svc.fixtures.jordan.id } });
      assert.equal(plain.body.externalId, null);
    });

    it('is unique in the firm (409 external_id_taken), separately from contacts and activities', async () => {
      await admin('/contacts', { body: { email: 'same-kind@example.com', name: 'Same Kind', externalId: 'K-1' } });
      const first = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, externalId: 'K-1' } });
      assert.equal(first.status, 201, 'a contact and an invoice may share an externalId');
      assertProblem(await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, externalId: 'K-1' } }), 409, 'external_id_taken');
      const second = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id } });
      assertProblem(await admin(`/invoices/${second.body.id}`, { method: 'PATCH', body: { externalId: 'K-1' } }), 409, 'external_id_taken');
      assert.equal(
        (await admin(`/invoices/${first.body.id}`, { method: 'PATCH', body: { externalId: 'K-1', matter: 'Same id again' } })).status,
        200,
        'its own externalId is no conflict',
      );
    });

    it('refuses a bad externalId in a body or a filter', async () => {
      const draft = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id } });
      for (const externalId of badExternalIds) {
        assertProblem(await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, externalId } }), 400, 'invalid_request');
        assertProblem(await admin(`/invoices/${draft.body.id}`, { method: 'PATCH', body: { externalId } }), 400, 'invalid_request');
      }
      assertProblem(await admin('/invoices?externalId='), 400, 'invalid_request');
      assertProblem(await admin('/invoices?externalId=a&externalId=b'), 400, 'invalid_request');
    });

    describe('PUT /invoices/by-external-id/:externalId', () => {
      const put = (externalId: string, body: unknown, token = key) => admin(`/invoices/by-external-id/${externalId}`, { method: 'PUT', body, token });

      it('creates a draft (201), then changes it (200) with the fields sent', async () => {
        const created = await put('BILL-1', { contactId: svc.fixtures.alex.id, matter: 'Estate plan', lines: [line(120_000)] });
        assert.equal(created.status, 201);
        assert.equal(created.body.externalId, 'BILL-1');
        assert.equal(created.body.state, 'draft');
        assert.equal(created.body.total, 120_000);

        const updated = await put('BILL-1', { contactId: svc.fixtures.alex.id, lines: [line(100_000), line(25_000, 'Filing fee')], notes: 'Thank you' });
        assert.equal(updated.status, 200);
        assert.equal(updated.body.id, created.body.id);
        assert.equal(updated.body.total, 125_000);
        assert.equal(updated.body.matter, 'Estate plan', 'left out, it stays');
        assert.equal(updated.body.notes, 'Thank you');
        assert.equal(updated.body.number, created.body.number);
      });

      it('keeps a sent invoice’s amounts: the same lines again are fine, other lines are a 409 invoice_sent', async () => {
        const lines = [
          { kind: 'time', description: 'Drafting', quantity: 1.5, rate: 30_000 },
          { kind: 'discount', description: 'Courtesy', percent: 10 },
        ];
        const created = await put('BILL-2', { contactId: svc.fixtures.alex.id, lines, number: 'EXT-2' });
        await admin(`/invoices/${created.body.id}/send`, { method: 'POST' });

        const same = await put('BILL-2', {
          contactId: svc.fixtures.alex.id,
          currency: 'USD',
          lines,
          number: 'EXT-2',
          issuedOn: created.body.issuedOn,
          dueOn: '2026-05-01',
          matter: 'Renamed matter',
        });
        assert.equal(same.status, 200, JSON.stringify(same.body));
        assert.equal(same.body.state, 'sent');
        assert.equal(same.body.total, created.body.total);
        assert.equal(same.body.dueOn, '2026-05-01');
        assert.equal(same.body.matter, 'Renamed matter');

        assertProblem(await put('BILL-2', { contactId: svc.fixtures.alex.id, lines: [lines[0]] }), 409, 'invoice_sent');
        assertProblem(await put('BILL-2', { contactId: svc.fixtures.alex.id, number: 'EXT-2b' }), 409, 'invoice_sent');
        assertProblem(await put('BILL-2', { contactId: svc.fixtures.alex.id, depositAccount: 'trust' }), 409, 'invoice_sent');
        assert.equal((await admin(`/invoices/${created.body.id}`)).body.total, created.body.total);
      });

      it("never moves an invoice to another contact or currency, and refuses a void one's changes", async () => {
        const created = await put('BILL-3', { contactId: svc.fixtures.alex.id, lines: [line(10_000)] });
        assertProblem(await put('BILL-3', { contactId: svc.fixtures.jordan.id }), 409, 'invoice_contact_fixed');
        assertProblem(await put('BILL-3', { contactId: svc.fixtures.alex.id, currency: 'EUR' }), 409, 'invoice_currency_fixed');
        await admin(`/invoices/${created.body.id}/void`, { method: 'POST', body: {} });
        assertProblem(await put('BILL-3', { contactId: svc.fixtures.alex.id, notes: 'late' }), 409, 'invoice_void');
      });

      it('refuses bad input with a 4xx problem, never a 5xx', async () => {
        for (const bad of badPathIds) {
          const reply = await put(bad, { contactId: svc.fixtures.alex.id });
          assert.equal(reply.status, 400, `${bad}: ${JSON.stringify(reply.body)}`);
          assert.ok(['invalid_request', 'bad_request'].includes(reply.body.code), reply.body.code);
        }
        assertProblem(await put('BILL-4', {}), 400, 'invalid_request');
        assertProblem(await put('BILL-4', { contactId: 'con_nobody' }), 422, 'contact_not_found');
        assertProblem(await put('BILL-4', { contactId: svc.fixtures.sam.id }), 422, 'contact_not_found');
        assertProblem(await put('BILL-4', { contactId: svc.fixtures.alex.id, externalId: 'BILL-5' }), 400, 'invalid_request');
        assertProblem(
          await put('BILL-4', { contactId: svc.fixtures.alex.id, lines: [{ kind: 'time', description: 'x', quantity: 1 }] }),
          400,
          'invalid_request',
        );
        assertProblem(await put('BILL-4', { contactId: svc.fixtures.alex.id, dueOn: '2020-01-01', issuedOn: '2021-01-01' }), 400, 'invalid_request');
        assertProblem(await put('BILL-4', { contactId: svc.fixtures.alex.id, state: 'sent' }), 400, 'invalid_request');
        assertProblem(await admin('/invoices/by-external-id/BILL-4', { method: 'PUT' }), 400, 'invalid_request');
        const numbered = await admin('/invoices', { body: { contactId: svc.fixtures.alex.id, number: 'TAKEN-1' } });
        assert.equal(numbered.status, 201);
        assertProblem(await put('BILL-4', { contactId: svc.fixtures.alex.id, number: 'TAKEN-1' }), 409, 'invoice_number_taken');
        assert.deepEqual((await admin('/invoices?externalId=BILL-4')).body.data, []);
      });

      it("is per firm: another firm's key never reaches this firm's invoice", async () => {
        await put('BILL-6', { contactId: svc.fixtures.alex.id });
        const there = await put('BILL-6', { contactId: svc.fixtures.alex.id }, otherKey);
        assertProblem(there, 422, 'contact_not_found');
        const own = await put('BILL-6', { contactId: svc.fixtures.sam.id }, otherKey);
        assert.equal(own.status, 201);
      });
    });
  });

  describe('on activities', () => {
    it('is set on create for tasks and events, returned to the firm, filterable, changed and cleared by PATCH', async () => {
      const task = await admin('/activities', {
        body: { kind: 'task', contactId: svc.fixtures.alex.id, title: 'Sign the engagement letter', externalId: 'TASK-1' },
      });
      assert.equal(task.status, 201);
      assert.equal(task.body.externalId, 'TASK-1');
      const event = await admin('/activities', {
        body: {
          kind: 'event',
          contactId: svc.fixtures.alex.id,
          title: 'Hearing',
          startsAt: '2026-04-01T16:00:00Z',
          endsAt: '2026-04-01T17:00:00Z',
          externalId: 'EVT-1',
        },
      });
      assert.equal(event.body.externalId, 'EVT-1');
      assert.equal((await admin(`/activities/${task.body.id}`)).body.externalId, 'TASK-1');
      assert.deepEqual(
        (await admin('/activities?externalId=EVT-1')).body.data.map((a: { id: string }) => a.id),
        [event.body.id],
      );
      assert.deepEqual((await admin('/activities?externalId=EVT-1&kind=task')).body.data, []);

      assert.equal((await admin(`/activities/${task.body.id}`, { method: 'PATCH', body: { externalId: 'TASK-1b' } })).body.externalId, 'TASK-1b');
      assert.equal((await admin(`/activities/${task.body.id}`, { method: 'PATCH', body: { title: 'Sign it' } })).body.externalId, 'TASK-1b');
      assert.equal((await admin(`/activities/${event.body.id}`, { method: 'PATCH', body: { externalId: null } })).body.externalId, null);

      const { token } = await svc.login('alex@example.com');
      const mine = await svc.request('/api/v1/activities', { token });
      const all = [...mine.body.overdue, ...mine.body.upcoming, ...mine.body.done];
      assert.ok(all.some((a: { id: string }) => a.id === task.body.id));
      assert.ok(all.every((a: object) => !('externalId' in a)));
    });

    it('is unique in the firm: 409 external_id_taken on create and PATCH', async () => {
      await admin('/activities', { body: { kind: 'task', contactId: svc.fixtures.alex.id, title: 'One', externalId: 'ACT-DUP' } });
      assertProblem(
        await admin('/activities', { body: { kind: 'task', contactId: svc.fixtures.jordan.id, title: 'Two', externalId: 'ACT-DUP' } }),
        409,
        'external_id_taken',
      );
      assertProblem(
        await admin('/activities', {
          body: {
            kind: 'event',
            contactId: svc.fixtures.alex.id,
            title: 'Three',
            startsAt: '2026-04-02',
            endsAt: '2026-04-02',
            allDay: true,
            externalId: 'ACT-DUP',
          },
        }),
        409,
        'external_id_taken',
      );
      const other = await admin('/activities', { body: { kind: 'task', contactId: svc.fixtures.alex.id, title: 'Four' } });
      assert.equal(other.body.externalId, null);
      assertProblem(await admin(`/activities/${other.body.id}`, { method: 'PATCH', body: { externalId: 'ACT-DUP' } }), 409, 'external_id_taken');
      const elsewhere = await admin('/activities', {
        token: otherKey,
        body: { kind: 'task', contactId: svc.fixtures.sam.id, title: 'Elsewhere', externalId: 'ACT-DUP' },
      });
      assert.equal(elsewhere.status, 201);
    });

    it('refuses a bad externalId in a body or a filter', async () => {
      const task = await admin('/activities', { body: { kind: 'task', contactId: svc.fixtures.alex.id, title: 'Bad ids' } });
      for (const externalId of badExternalIds) {
        assertProblem(
          await admin('/activities', { body: { kind: 'task', contactId: svc.fixtures.alex.id, title: 'Bad', externalId } }),
          400,
          'invalid_request',
        );
        assertProblem(await admin(`/activities/${task.body.id}`, { method: 'PATCH', body: { externalId } }), 400, 'invalid_request');
      }
      assertProblem(await admin('/activities?externalId='), 400, 'invalid_request');
      assertProblem(await admin('/activities?externalId=a&externalId=b'), 400, 'invalid_request');
    });
  });
});
