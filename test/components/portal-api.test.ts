import { expect } from '@open-wc/testing';
import { ApiClient, ApiError } from '../../components/index.ts';
import { json, problem, rejection, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';
import { activityGroups, invoiceList, partlyPaid, payment, signedInService } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

describe('ApiClient: invoices, activities and payments', () => {
  it('lists invoices with the status filter, sort, limit and cursor as query parameters', async () => {
    const service = signedInService().on('GET /api/v1/invoices', () => json(200, { data: invoiceList(2), nextCursor: 'next' }));
    const client = clientFor(service);
    const page = await client.invoices.list({ status: ['overdue', 'partially_paid'], sort: '-balance', limit: 20, cursor: 'abc' });
    expect(page.data).to.have.length(2);
    expect(page.nextCursor).to.equal('next');
    await client.invoices.list();
    await client.invoices.list({ status: 'unpaid', cursor: null });
    const [first, second, third] = service.calls('GET /api/v1/invoices');
    expect(first!.url.search).to.equal('?status=overdue%2Cpartially_paid&sort=-balance&limit=20&cursor=abc');
    expect(first!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(second!.url.search).to.equal('');
    expect(third!.url.search).to.equal('?status=unpaid');
  });

  it('reads one invoice, escaping its id, and rejects another client’s as a 404', async () => {
    const service = signedInService()
      .on('GET /api/v1/invoices/inv_partly', () => json(200, partlyPaid))
      .on('GET /api/v1/invoices/inv%2F..%2Fx', () => problem(404, 'not_found', 'No such invoice.'));
    const client = clientFor(service);
    expect((await client.invoices.get('inv_partly')).lines).to.have.length(5);
    const error = (await rejection(client.invoices.get('inv/../x'))) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(404);
  });

  it('lists activities, marks a task done and fetches an event’s calendar file with the access token', async () => {
    const service = signedInService()
      .on('GET /api/v1/activities', () => json(200, activityGroups()))
      .on('PATCH /api/v1/activities/act_upcoming', () =>
        json(200, { ...activityGroups().upcoming[0], status: 'done', completedAt: '2026-01-01T00:00:00.000Z' }),
      )
      .on(
        'GET /api/v1/activities/act_hearing/calendar.ics',
        () =>
          new Response('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', {
            headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="Hearing.ics"' },
          }),
      );
    const client = clientFor(service);
    expect((await client.activities.list()).upcoming).to.have.length(3);
    await client.activities.list({ done: 'all' });
    expect(service.calls('GET /api/v1/activities')[1]!.url.search).to.equal('?done=all');

    const task = await client.activities.setCompleted('act_upcoming', true);
    expect(task.status).to.equal('done');
    expect(service.calls('PATCH /api/v1/activities/act_upcoming')[0]!.body).to.deep.equal({ completed: true });

    const file = await client.activities.calendar('act_hearing');
    expect(file.fileName).to.equal('Hearing.ics');
    expect(await file.blob.text()).to.equal('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const [download] = service.calls('GET /api/v1/activities/act_hearing/calendar.ics');
    expect(download!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(download!.headers.get('Accept')).to.equal('text/calendar, application/problem+json');
    expect(client.activities.calendarUrl('act_hearing')).to.equal('http://service.test/api/v1/activities/act_hearing/calendar.ics');
  });

  it('rejects a failed download with the problem’s ApiError', async () => {
    const service = signedInService().on('GET /api/v1/activities/act_task/calendar.ics', () =>
      problem(409, 'not_an_event', 'Only events can be added to a calendar.'),
    );
    const error = (await rejection(clientFor(service).activities.calendar('act_task'))) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.code).to.equal('not_an_event');
  });

  it('pages through payments, and reports a hidden history as payments_hidden', async () => {
    const service = signedInService().on('GET /api/v1/payments', () => json(200, { data: [payment(1)], nextCursor: null }));
    const client = clientFor(service);
    expect((await client.payments.list({ limit: 10, cursor: 'c1' })).data[0]!.receiptNumber).to.equal('R-100001');
    expect(service.calls('GET /api/v1/payments')[0]!.url.search).to.equal('?limit=10&cursor=c1');

    service.on('GET /api/v1/payments', () => problem(403, 'payments_hidden', 'Hidden.'));
    const error = (await rejection(client.payments.list())) as ApiError;
    expect(error.status).to.equal(403);
    expect(error.code).to.equal('payments_hidden');
  });
});
