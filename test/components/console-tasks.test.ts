import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmActivity } from '../../components/console/api/activities-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import { activityDraft, draftErrors, draftToChanges, draftToNew, localInput } from '../../components/console/tasks/activity-draft.ts';
import type { PortalConsoleTasks } from '../../components/console/tasks/tasks.ts';
import '../../components/console/tasks/define.ts';
import {
  $,
  confirmClosed,
  confirmOpened,
  consoleClientFor,
  contacts,
  mountScreen,
  part,
  parts,
  type ScreenOptions,
  staffMe,
  staffSignedInService,
  text,
} from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

const stamp = { externalId: null, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z' };
const task = (id: string, overrides: Partial<Extract<FirmActivity, { kind: 'task' }>> = {}): FirmActivity => ({
  id,
  kind: 'task',
  title: `Task ${id}`,
  notes: null,
  dueOn: '2026-12-20',
  completedAt: null,
  status: 'upcoming',
  contactId: 'con_alex',
  ...stamp,
  ...overrides,
});

const event = (id: string, overrides: Partial<Extract<FirmActivity, { kind: 'event' }>> = {}): FirmActivity => ({
  id,
  kind: 'event',
  title: `Event ${id}`,
  notes: null,
  startsAt: '2026-12-10T15:00:00.000Z',
  endsAt: '2026-12-10T16:00:00.000Z',
  allDay: false,
  location: null,
  status: 'upcoming',
  contactId: 'con_jordan',
  ...stamp,
  ...overrides,
});

const agenda = (): FirmActivity[] => [
  task('act_sign', { title: 'Sign the retainer', dueOn: '2026-12-20' }),
  event('act_hearing', { title: 'Probate hearing', location: 'Courtroom 4B' }),
  task('act_late', { title: 'Send bank statements', dueOn: '2026-11-20', status: 'overdue' }),
  task('act_done', { title: 'Fill in the intake form', completedAt: '2026-11-15T09:30:00.000Z', status: 'done' }),
];

function tasksService(activities: FirmActivity[] = agenda(), role: StaffRole = 'staff'): FakeService {
  return staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: contacts, nextCursor: null }))
    .on('GET /api/v1/admin/activities', ({ url }) => {
      const contactId = url.searchParams.get('contactId');
      const kind = url.searchParams.get('kind');
      return json(200, { data: activities.filter((a) => (!contactId || a.contactId === contactId) && (!kind || a.kind === kind)), nextCursor: null });
    });
}

async function loaded(element: PortalConsoleTasks): Promise<PortalConsoleTasks> {
  await waitUntil(() => parts(element, 'activity').length > 0 || part(element, 'empty') || part(element, 'error'), 'the list did not load', { timeout: 4000 });
  await element.updateComplete;
  return element;
}

const screenWith = async (service: FakeService, options: ScreenOptions = {}): Promise<PortalConsoleTasks> =>
  loaded(await mountScreen('portal-console-tasks', service, { ...options, role: options.role ?? 'staff' }));

function set(element: PortalConsoleTasks, id: string, value: string): void {
  const control = $<HTMLInputElement | HTMLSelectElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

const row = (element: PortalConsoleTasks, id: string) => $(element, `[data-activity-id="${id}"]`);
const titles = (element: PortalConsoleTasks) => parts(element, 'title').map((title) => text(title));

async function chooseView(element: PortalConsoleTasks, view: string): Promise<void> {
  $<HTMLInputElement>(element, `input[name="view"][value="${view}"]`).click();
  await element.updateComplete;
}

describe('<portal-console-tasks>', () => {
  afterEach(() => fixtureCleanup());

  it('lists what is upcoming, soonest first, with clients, times and places, and is accessible', async () => {
    const service = tasksService();
    const element = await screenWith(service);
    await waitUntil(() => text(row(element, 'act_hearing')).includes('Jordan Lee'), 'client names did not load');
    expect(titles(element)).to.deep.equal(['Probate hearing', 'Sign the retainer']);
    expect(text(row(element, 'act_hearing')))
      .to.include('At Courtroom 4B')
      .and.include('Event');
    expect(text(row(element, 'act_sign')))
      .to.include('Due Dec 20, 2026')
      .and.include('Alex Morgan');
    expect(text(part(element, 'view')))
      .to.include('Upcoming (2)')
      .and.include('Overdue (1)')
      .and.include('Done (1)');
    expect(service.calls('GET /api/v1/admin/activities')[0]!.url.searchParams.get('limit')).to.equal('200');
    await expect(element).to.be.accessible();
  });

  it('shows overdue and done, with when a task was completed', async () => {
    const element = await screenWith(tasksService());
    await chooseView(element, 'overdue');
    expect(titles(element)).to.deep.equal(['Send bank statements']);
    expect(row(element, 'act_late').dataset.status).to.equal('overdue');
    await chooseView(element, 'done');
    expect(element.getAttribute('view')).to.equal('done');
    expect(text(part(element, 'completion'))).to.match(/^Completed Nov 15, 2026/);
  });

  it('filters by client (reflected as item-id) and by kind', async () => {
    const service = tasksService();
    const element = await screenWith(service);
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#filter-client option').length === 3);
    set(element, 'filter-client', 'con_jordan');
    await waitUntil(() => service.calls('GET /api/v1/admin/activities').length === 2);
    await loaded(element);
    expect(element.getAttribute('item-id')).to.equal('con_jordan');
    expect(service.calls('GET /api/v1/admin/activities')[1]!.url.searchParams.get('contactId')).to.equal('con_jordan');
    await waitUntil(() => titles(element).join() === 'Probate hearing');
    set(element, 'filter-kind', 'task');
    await waitUntil(() => service.calls('GET /api/v1/admin/activities').length === 3);
    expect(service.calls('GET /api/v1/admin/activities')[2]!.url.searchParams.get('kind')).to.equal('task');
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.include('Nothing upcoming.');
  });

  it('shows a skeleton while loading, the empty state, and an error with a retry', async () => {
    const answer = deferred<Response>();
    let fail = false;
    const service = tasksService().on('GET /api/v1/admin/activities', () => (fail ? problem(500, 'internal', 'Oops.') : answer.promise));
    fixtureCleanup();
    const element = await fixture<PortalConsoleTasks>(
      html`<portal-console-tasks .client=${consoleClientFor(service)} .staff=${staffMe('staff')}></portal-console-tasks>`,
    );
    await waitUntil(() => part(element, 'skeleton'));
    answer.resolve(json(200, { data: [], nextCursor: null }));
    await loaded(element);
    expect(text(part(element, 'empty'))).to.equal('Nothing upcoming.');
    fail = true;
    await element.refresh().catch(() => undefined);
    await waitUntil(() => part(element, 'error'));
    expect(text(part(element, 'error')))
      .to.include('could not be loaded')
      .and.include('Something went wrong');
    await expect(element).to.be.accessible();
  });

  it('creates a task for a client and sends only what the form holds', async () => {
    const created = task('act_new', { title: 'Bring two IDs', dueOn: '2026-12-30', contactId: 'con_jordan', notes: 'Passport and a utility bill' });
    const service = tasksService().on('POST /api/v1/admin/activities', () => json(201, created));
    const element = await screenWith(service);
    part(element, 'new-task-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#form-contactId option').length === 3);
    set(element, 'form-contactId', 'con_jordan');
    set(element, 'form-title', '  Bring two IDs ');
    set(element, 'form-notes', 'Passport and a utility bill');
    set(element, 'form-dueOn', '2026-12-30');
    const saved = oneEvent(element, 'portal-console-activity-saved');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    expect((await saved).detail).to.deep.equal({ activity: created, created: true });
    expect(service.calls('POST /api/v1/admin/activities')[0]!.body).to.deep.equal({
      kind: 'task',
      contactId: 'con_jordan',
      title: 'Bring two IDs',
      notes: 'Passport and a utility bill',
      dueOn: '2026-12-30',
    });
    await waitUntil(() => text(part(element, 'announcer')) === '“Bring two IDs” was created.');
    expect(titles(element)).to.include('Bring two IDs');
    expect(part(element, 'form')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(row(element, 'act_new').querySelector('[part~="edit-button"]'));
  });

  it('creates an all-day event, checking its dates first', async () => {
    const service = tasksService().on('POST /api/v1/admin/activities', () =>
      json(201, event('act_day', { title: 'Mediation', allDay: true, startsAt: '2027-01-12', endsAt: '2027-01-13' })),
    );
    const element = await screenWith(service, { lang: 'en' });
    part(element, 'new-event-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#form-contactId option').length === 3);
    set(element, 'form-contactId', 'con_alex');
    set(element, 'form-title', 'Mediation');
    $<HTMLInputElement>(element, '#form-allDay').click();
    await element.updateComplete;
    expect($<HTMLInputElement>(element, '#form-startsAt').type).to.equal('date');
    set(element, 'form-startsAt', '2027-01-13');
    set(element, 'form-endsAt', '2027-01-12');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => $(element, '#form-endsAt-error'));
    expect(text($(element, '#form-endsAt-error'))).to.equal('It cannot end before it starts.');
    expect(service.calls('POST /api/v1/admin/activities')).to.have.length(0);
    set(element, 'form-startsAt', '2027-01-12');
    set(element, 'form-endsAt', '2027-01-13');
    set(element, 'form-location', 'Room 2');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => service.calls('POST /api/v1/admin/activities').length === 1);
    expect(service.calls('POST /api/v1/admin/activities')[0]!.body).to.deep.equal({
      kind: 'event',
      contactId: 'con_alex',
      title: 'Mediation',
      notes: null,
      allDay: true,
      startsAt: '2027-01-12',
      endsAt: '2027-01-13',
      location: 'Room 2',
    });
  });

  it('shows the service’s field problems next to their fields, and other problems in an alert', async () => {
    let answer = problem(400, 'invalid_request', 'Bad.', { errors: [{ field: 'title', message: 'must be at most 200 characters' }] });
    const service = tasksService().on('PATCH /api/v1/admin/activities/act_sign', () => answer.clone());
    const element = await screenWith(service);
    row(element, 'act_sign').querySelector<HTMLButtonElement>('[part~="edit-button"]')!.click();
    await element.updateComplete;
    expect($<HTMLInputElement>(element, '#form-title').value).to.equal('Sign the retainer');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => $(element, '#form-title-error'));
    expect(text($(element, '#form-title-error'))).to.equal('must be at most 200 characters');
    expect($(element, '#form-title').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'form-title');
    expect(service.calls('PATCH /api/v1/admin/activities/act_sign')[0]!.body).to.deep.equal({ title: 'Sign the retainer', notes: null, dueOn: '2026-12-20' });
    answer = problem(403, 'role_forbidden', 'No.');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => text($(element, 'form .alert')).includes('Your role does not allow this'));
    await expect(element).to.be.accessible();
  });

  it('marks a task done, and it moves to Done', async () => {
    const service = tasksService().on('PATCH /api/v1/admin/activities/act_sign', () =>
      json(200, task('act_sign', { title: 'Sign the retainer', completedAt: '2026-12-05T10:00:00.000Z', status: 'done' })),
    );
    const element = await screenWith(service);
    row(element, 'act_sign').querySelector<HTMLButtonElement>('[part~="complete-button"]')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === '“Sign the retainer” was marked done.');
    expect(service.calls('PATCH /api/v1/admin/activities/act_sign')[0]!.body).to.deep.equal({ completed: true });
    expect(titles(element)).to.deep.equal(['Probate hearing']);
    await chooseView(element, 'done');
    expect(text(row(element, 'act_sign'))).to.include('Reopen');
  });

  it('deletes only after a confirmation', async () => {
    const service = tasksService().on('DELETE /api/v1/admin/activities/act_hearing', () => new Response(null, { status: 204 }));
    const element = await screenWith(service);
    const button = () => row(element, 'act_hearing').querySelector<HTMLButtonElement>('[part~="delete-button"]')!;
    button().click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-title'))).to.equal('Delete this event?');
    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('DELETE /api/v1/admin/activities/act_hearing')).to.have.length(0);
    button().click();
    await confirmOpened(element);
    const deleted = oneEvent(element, 'portal-console-activity-deleted');
    part(element, 'confirm-button')!.click();
    expect((await deleted).detail.activityId).to.equal('act_hearing');
    await waitUntil(() => titles(element).join() === 'Sign the retainer');
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'act_sign').querySelector('[part~="edit-button"]'));
  });

  it('hides writing without a staff member who may write, and explains a 403', async () => {
    const element = await screenWith(tasksService(), { staff: false });
    expect(part(element, 'new-task-button')).to.equal(null);
    expect(parts(element, 'edit-button')).to.have.length(0);
    expect(parts(element, 'delete-button')).to.have.length(0);
    const forbidden = await screenWith(tasksService().on('GET /api/v1/admin/activities', () => problem(403, 'role_forbidden', 'No.')));
    expect(text(part(forbidden, 'error'))).to.include('Your role does not allow this');
  });

  it('works by keyboard: arrows move between views and the form opens and closes', async () => {
    const element = await screenWith(tasksService());
    $<HTMLInputElement>(element, 'input[name="view"][value="upcoming"]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => element.view === 'overdue');
    part(element, 'new-task-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'form-contactId');
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement?.id).to.equal('form-title');
    part(element, 'close-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'new-task-button'));
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const element = await screenWith(tasksService(), { width: '375px' });
    part(element, 'new-event-button')!.click();
    await element.updateComplete;
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await screenWith(tasksService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Tareas y eventos');
    expect(text(part(element, 'new-task-button'))).to.equal('Nueva tarea');
    expect(text(row(element, 'act_sign'))).to.include('Vence el');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-console-tasks-row-background: rgb(4, 5, 6)"></div>`);
    const element = document.createElement('portal-console-tasks');
    element.client = consoleClientFor(tasksService());
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(row(element, 'act_sign')).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});

describe('activity drafts', () => {
  it('round-trips a timed event through the form in local time', () => {
    const activity = event('act_x', { startsAt: '2026-12-10T15:00:00.000Z', endsAt: '2026-12-10T16:30:00.000Z', location: 'Zoom' });
    const draft = activityDraft('event', activity);
    expect(draft.startsAt).to.equal(localInput('2026-12-10T15:00:00.000Z'));
    expect(draftErrors(draft)).to.deep.equal({});
    expect(draftToChanges(draft, activity)).to.deep.equal({
      title: 'Event act_x',
      notes: null,
      allDay: false,
      startsAt: '2026-12-10T15:00:00.000Z',
      endsAt: '2026-12-10T16:30:00.000Z',
      location: 'Zoom',
    });
  });

  it('names what is missing', () => {
    expect(draftErrors(activityDraft('event'))).to.deep.equal({
      contactId: 'tasks.form.client-required',
      title: 'tasks.form.title-required',
      startsAt: 'tasks.form.start-required',
      endsAt: 'tasks.form.end-required',
    });
    expect(draftToNew({ ...activityDraft('task', undefined, 'con_alex'), title: 'x' })).to.deep.equal({
      kind: 'task',
      contactId: 'con_alex',
      title: 'x',
      notes: null,
      dueOn: null,
    });
  });
});
