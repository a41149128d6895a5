import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalActivities, type PortalActivityChangeEvent } from '../../components/index.ts';
import '../../components/activities/define.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';
import { activityGroups, overdueTask, signedInService, upcomingTask } from './portal-fixtures.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const text = (element: Element | null): string => element!.textContent!.replace(/\s+/g, ' ').trim();

const group = (activities: PortalActivities, name: string) => part(activities, `group-${name}`)!;

const titles = (activities: PortalActivities, name: string): string[] => [...group(activities, name).querySelectorAll('[part~="title"]')].map(text);

const checkbox = (activities: PortalActivities, id: string) => activities.shadowRoot!.querySelector<HTMLInputElement>(`#task-${id}`)!;

function serviceWithActivities(): FakeService {
  return signedInService().on('GET /api/v1/activities', () => json(200, activityGroups()));
}

async function activitiesWith(service: FakeService): Promise<PortalActivities> {
  const activities = await fixture<PortalActivities>(html`<portal-activities .client=${clientFor(service)}></portal-activities>`);
  await waitUntil(() => part(activities, 'base') || part(activities, 'empty') || part(activities, 'error'), 'the activities did not load');
  return activities;
}

describe('<portal-activities>', () => {
  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
  });

  it('is accessible', async () => {
    await expect(await activitiesWith(serviceWithActivities())).to.be.accessible();
  });

  it('colours "Overdue" as an alarm only when something is overdue', async () => {
    const danger = 'rgb(179, 38, 30)';
    const heading = (activities: PortalActivities) => group(activities, 'overdue').querySelector('h3')!;
    const late = await activitiesWith(serviceWithActivities());
    expect(text(heading(late))).to.equal('Overdue (1)');
    expect(getComputedStyle(heading(late)).color).to.equal(danger);

    const service = signedInService().on('GET /api/v1/activities', () => json(200, { ...activityGroups(), overdue: [] }));
    const onTime = await activitiesWith(service);
    expect(text(heading(onTime))).to.equal('Overdue (0)');
    expect(getComputedStyle(heading(onTime)).color).to.equal(getComputedStyle(part(onTime, 'heading')!).color);
    expect(group(onTime, 'overdue').matches('[data-count="0"]')).to.equal(true);
  });

  it('shows overdue, upcoming and done groups with their counts', async () => {
    const service = serviceWithActivities();
    const activities = await activitiesWith(service);
    expect(service.calls('GET /api/v1/activities')[0]!.url.search).to.equal('');
    expect(text(part(activities, 'heading'))).to.equal('Tasks and events');
    expect([...activities.shadowRoot!.querySelectorAll('[part~="group-heading"]')].map(text)).to.deep.equal(['Overdue (1)', 'Upcoming (3)', 'Done (1)']);
    expect(titles(activities, 'upcoming')).to.deep.equal(['Upload bank statements', 'Case management conference', 'Discovery cut-off']);

    const overdue = group(activities, 'overdue').querySelector('[part~="item"]')!;
    expect(text(overdue.querySelector('[part~="due"]'))).to.match(/^Due 2 days ago \(\w{3} \d{1,2}, \d{4}\)$/);
    expect(text(overdue.querySelector('[part~="notes"]'))).to.equal('Sign page 3.');
    expect(checkbox(activities, 'act_overdue').labels![0]!.textContent).to.equal('Send the signed engagement letter');
    expect(checkbox(activities, 'act_overdue').getAttribute('aria-describedby')).to.equal('due-act_overdue');
    expect(text(group(activities, 'upcoming').querySelector('[part~="due"]'))).to.match(/^Due tomorrow \(/);

    const [hearing, deadline] = [...group(activities, 'upcoming').querySelectorAll('[part~="event"]')];
    const start = new Date('2030-03-05T17:00:00.000Z');
    expect(text(hearing!.querySelector('[part~="when"]'))).to.include(start.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' }));
    expect(text(hearing!.querySelector('[part~="location"]'))).to.equal('Location: Superior Court, Dept. 14');
    expect(text(deadline!.querySelector('[part~="when"]'))).to.equal('All day Mon, Apr 1 – Tue, Apr 2, 2030');
    expect(text(hearing!.querySelector('[part~="calendar-button"]'))).to.equal('Add to calendar');
    expect(checkbox(activities, 'act_done').checked).to.equal(true);
  });

  it('marks a task done at once, then confirms it with the service and announces it', async () => {
    const answer = deferred<Response>();
    const service = serviceWithActivities().on('PATCH /api/v1/activities/act_upcoming', () => answer.promise);
    const activities = await activitiesWith(service);

    checkbox(activities, 'act_upcoming').focus();
    checkbox(activities, 'act_upcoming').click();
    await activities.updateComplete;
    expect(titles(activities, 'done')).to.deep.equal(['Upload bank statements', 'Complete the intake questionnaire']);
    expect(titles(activities, 'upcoming')).not.to.include('Upload bank statements');
    expect(checkbox(activities, 'act_upcoming').checked).to.equal(true);
    expect(activities.shadowRoot!.activeElement).to.equal(checkbox(activities, 'act_upcoming'));
    expect(service.calls('PATCH /api/v1/activities/act_upcoming')[0]!.body).to.deep.equal({ completed: true });

    const changed = oneEvent(activities, 'portal-activity-change');
    const completedAt = new Date().toISOString();
    answer.resolve(json(200, { ...upcomingTask(), completedAt, status: 'done' }));
    const change: PortalActivityChangeEvent = await changed;
    expect(change.detail.activityId).to.equal('act_upcoming');
    expect(change.detail.completed).to.equal(true);
    expect(change.detail.activity.completedAt).to.equal(completedAt);
    await waitUntil(() => text(part(activities, 'announcer')) !== '', 'nothing was announced');
    expect(text(part(activities, 'announcer'))).to.equal('“Upload bank statements” is marked as done.');
    expect(text(part(activities, 'alert'))).to.equal('');
  });

  it('puts the task back and announces the error when the service refuses the change', async () => {
    const answer = deferred<Response>();
    const service = serviceWithActivities().on('PATCH /api/v1/activities/act_overdue', () => answer.promise);
    const activities = await activitiesWith(service);
    let changes = 0;
    activities.addEventListener('portal-activity-change', () => (changes += 1));

    checkbox(activities, 'act_overdue').focus();
    checkbox(activities, 'act_overdue').click();
    await activities.updateComplete;
    expect(titles(activities, 'overdue')).to.deep.equal([]);
    expect(titles(activities, 'done')[0]).to.equal(overdueTask().title);

    answer.resolve(problem(409, 'activity_locked', 'The firm has closed this task.'));
    await waitUntil(() => text(part(activities, 'alert')) !== '', 'the error was not announced');
    expect(part(activities, 'alert')!.getAttribute('role')).to.equal('alert');
    expect(text(part(activities, 'alert'))).to.equal('“Send the signed engagement letter” could not be updated. The firm has closed this task.');
    expect(titles(activities, 'overdue')).to.deep.equal([overdueTask().title]);
    expect(titles(activities, 'done')).to.deep.equal(['Complete the intake questionnaire']);
    expect(checkbox(activities, 'act_overdue').checked).to.equal(false);
    expect(activities.shadowRoot!.activeElement).to.equal(checkbox(activities, 'act_overdue'));
    expect(changes).to.equal(0);
  });

  it('marks a done task not done again', async () => {
    const service = serviceWithActivities().on('PATCH /api/v1/activities/act_done', (request) =>
      json(200, { ...activityGroups().done[0], completedAt: null, status: 'overdue', ...(request.body as object) }),
    );
    const activities = await activitiesWith(service);
    checkbox(activities, 'act_done').click();
    const change = await oneEvent(activities, 'portal-activity-change');
    expect(change.detail.completed).to.equal(false);
    expect(service.calls('PATCH /api/v1/activities/act_done')[0]!.body).to.deep.equal({ completed: false });
    expect(titles(activities, 'overdue')).to.include('Complete the intake questionnaire');
  });

  it('downloads an event for the client’s calendar, with the access token', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    const service = serviceWithActivities().on(
      'GET /api/v1/activities/act_hearing/calendar.ics',
      () => new Response(ics, { status: 200, headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }),
    );
    const activities = await activitiesWith(service);
    const saved: { name: string; blob: Blob }[] = [];
    const createObjectURL = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    let blob: Blob | undefined;
    URL.createObjectURL = (object: Blob | MediaSource) => ((blob = object as Blob), 'blob:test');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blob! });
    };
    try {
      group(activities, 'upcoming').querySelector<HTMLButtonElement>('[part~="calendar-button"]')!.click();
      await waitUntil(() => saved.length === 1, 'nothing was downloaded');
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    const [call] = service.calls('GET /api/v1/activities/act_hearing/calendar.ics');
    expect(call!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(saved[0]!.name).to.equal('Case-management-conference.ics');
    expect(await saved[0]!.blob.text()).to.equal(ics);
    await waitUntil(() => text(part(activities, 'announcer')) !== '');
    expect(text(part(activities, 'announcer'))).to.equal('The calendar file for “Case management conference” was downloaded.');
  });

  it('lists every done activity on request, beyond the 50 most recent', async () => {
    const recent = Array.from({ length: 50 }, (_, n) => ({ ...activityGroups().done[0]!, id: `act_done_${n}`, title: `Done task ${n}` }));
    const service = signedInService().on('GET /api/v1/activities', (request) =>
      json(200, {
        overdue: [],
        upcoming: [],
        done: request.url.searchParams.get('done') === 'all' ? [...recent, { ...recent[0]!, id: 'act_old', title: 'Old task' }] : recent,
      }),
    );
    const activities = await activitiesWith(service);
    expect(text(group(activities, 'done').querySelector('h3'))).to.equal('Done (50)');
    part(activities, 'show-all-button')!.click();
    await waitUntil(() => titles(activities, 'done').includes('Old task'), 'the older done activities were not listed');
    expect(service.calls('GET /api/v1/activities').at(-1)!.url.search).to.equal('?done=all');
    await waitUntil(() => activities.shadowRoot!.activeElement?.id === 'group-done', 'focus did not move to the done group');
    expect(part(activities, 'show-all-button')).to.equal(null);
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const activities = await activitiesWith(serviceWithActivities());
    const item = group(activities, 'overdue').querySelector('[part~="item"]')!;
    expect(getComputedStyle(item).borderInlineStartColor).to.equal('rgb(179, 38, 30)');
    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = ':root { --portal-color-danger: rgb(150, 0, 0); }';
    document.head.append(style);
    expect(getComputedStyle(item).borderInlineStartColor).to.equal('rgb(150, 0, 0)');
    style.textContent = 'portal-activities { --portal-activities-overdue-color: rgb(90, 0, 90); --portal-activities-item-background: rgb(250, 250, 250); }';
    expect(getComputedStyle(item).borderInlineStartColor).to.equal('rgb(90, 0, 90)');
    expect(getComputedStyle(item).backgroundColor).to.equal('rgb(250, 250, 250)');
  });

  it('says so when there is nothing to show', async () => {
    const service = signedInService().on('GET /api/v1/activities', () => json(200, { overdue: [], upcoming: [], done: [] }));
    const activities = await activitiesWith(service);
    expect(text(part(activities, 'empty'))).to.include('No tasks or events yet');
    expect(activities.matches(':state(empty)')).to.equal(true);
    await expect(activities).to.be.accessible();
  });

  it('explains an error and tries again', async () => {
    const service = signedInService().on('GET /api/v1/activities', () => Promise.reject(new TypeError('Failed to fetch')));
    const activities = await activitiesWith(service);
    expect(text(part(activities, 'error')!.querySelector('[role="alert"]'))).to.include('could not reach the service');
    expect(activities.matches(':state(error)')).to.equal(true);
    await expect(activities).to.be.accessible();
    service.on('GET /api/v1/activities', () => json(200, activityGroups()));
    part(activities, 'retry-button')!.click();
    await waitUntil(() => part(activities, 'base'), 'the retry did not load the activities');
  });
});
