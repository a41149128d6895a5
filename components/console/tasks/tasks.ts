import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { formatDate, formatDateRange, formatDateTime } from '../../i18n/format.ts';
import type { ActivityChanges, FirmActivity, NewActivity } from '../api/activities-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ClientDirectory } from '../controllers/client-directory.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import { PortalConsoleActivityDeletedEvent, PortalConsoleActivitySavedEvent } from './events.ts';
import { activityDraft, draftErrors, draftToChanges, draftToNew, type ActivityDraft, type DraftField } from './activity-draft.ts';
import { tasksScreenStyles } from './tasks.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** Which activities the screen lists, as the service's status says. */
export type ActivityView = 'upcoming' | 'overdue' | 'done';

const views: readonly ActivityView[] = ['upcoming', 'overdue', 'done'];

// The service's largest page, and how many pages are read at most: statuses are derived by the
// service, so the screen reads every activity of the filter and sorts them itself.
const PAGE = 200;
const MOST_PAGES = 10;

/**
 * The firm's Tasks and events screen: for one client or every client, what is upcoming, overdue
 * or done, with each task's due date and completion and each event's time and place. The firm
 * creates a task (title, details, due date, client) or an event (title, details, start and end or
 * all-day, location), edits it, marks a task done or open again, and deletes (after a
 * confirmation). The service's problems show next to the field they name; results are announced.
 *
 * @tag portal-console-tasks
 *
 * @attr item-id - The client (contact id) whose tasks and events are shown; empty for every client.
 * @prop itemId - The client (contact id) whose tasks and events are shown; empty for every client.
 *
 * @event portal-console-activity-saved - A task or event was created or changed. `detail.activity`, `detail.created`.
 * @event portal-console-activity-deleted - A task or event was deleted. `detail.activityId`.
 * @event portal-console-open - Asks the console to open a client's page (`screen: 'clients'`).
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading and the new-task and new-event buttons.
 * @csspart new-task-button - Opens the form for a new task.
 * @csspart new-event-button - Opens the form for a new event.
 * @csspart filters - The client and kind filters and the view.
 * @csspart view - The Upcoming / Overdue / Done choice.
 * @csspart form - The form that creates or edits a task or event.
 * @csspart list - The list of tasks and events.
 * @csspart activity - One task or event (also `activity-task` or `activity-event`).
 * @csspart title - An activity's title.
 * @csspart client-link - The button that opens an activity's client.
 * @csspart status - An activity's status badge.
 * @csspart completion - When a task was completed.
 * @csspart edit-button - Edits an activity.
 * @csspart complete-button - Marks a task done, or open again.
 * @csspart delete-button - Deletes an activity.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when nothing matches.
 * @csspart error - The panel shown when the list cannot be loaded.
 * @csspart retry-button - Tries again.
 * @csspart confirm-dialog - The confirmation before a delete.
 * @csspart announcer - The live region announcing results.
 *
 * @cssprop --portal-console-tasks-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-console-tasks-border-color - Borders of the list and the form (default `--portal-color-divider`).
 * @cssprop --portal-console-tasks-row-background - An activity's background (default `--portal-color-surface`).
 * @cssprop --portal-console-tasks-overdue-color - The mark on an overdue task (default `--portal-color-danger`).
 *
 * @cssstate loading - The list is loading.
 * @cssstate empty - Nothing matches.
 * @cssstate error - The list could not be loaded.
 * @cssstate editing - The form is open.
 */
export class PortalConsoleTasks extends ConsoleScreen {
  static override styles = [ConsoleScreen.styles, confirmStyles, tasksScreenStyles];

  /** Which activities are listed. */
  @property({ reflect: true }) view: ActivityView = 'upcoming';

  @state() private kind: '' | 'task' | 'event' = '';
  @state() private activities: FirmActivity[] = [];
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  // The form: a draft, and the activity it edits (undefined for a new one).
  @state() private draft: ActivityDraft | undefined;
  @state() private editing: FirmActivity | undefined;
  @state() private saving = false;
  @state() private fieldErrors: Partial<Record<DraftField, Words>> = {};
  @state() private formAlert: Words | undefined;

  readonly #directory = new ClientDirectory(this, () => this.client);
  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  #save: AbortController | undefined;

  readonly #list = new Task(this, {
    task: async ([client, contactId, kind], { signal }) => {
      if (!client) return untilAborted(signal);
      const all: FirmActivity[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MOST_PAGES; page += 1) {
        const answer = await client.activities.list({ contactId: contactId || undefined, kind: kind || undefined, limit: PAGE, cursor }, { signal });
        all.push(...answer.data);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      this.activities = all;
      return all;
    },
    args: () => [this.client, this.itemId, this.kind] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the tasks and events (and the clients) again. */
  refresh(): Promise<unknown> {
    void this.#directory.refresh();
    return this.#list.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#save?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#list.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING || status === TaskStatus.INITIAL);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && this.#shown.length === 0);
    toggleState(this.#internals, 'editing', this.draft !== undefined);
  }

  get #canWrite(): boolean {
    return can(this.staff, 'tasks');
  }

  /** The activities of the view, in the order that suits it. */
  get #shown(): FirmActivity[] {
    const shown = this.activities.filter((activity) => activity.status === this.view);
    const order =
      this.view === 'done'
        ? (a: FirmActivity, b: FirmActivity) => doneKey(b).localeCompare(doneKey(a))
        : (a: FirmActivity, b: FirmActivity) => dueKey(a).localeCompare(dueKey(b));
    return shown.sort((a, b) => order(a, b) || a.id.localeCompare(b.id));
  }

  protected override render(): TemplateResult {
    return html`
      <section class="screen" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading">${t('tasks.heading')}</h2>
          ${
            this.#canWrite && !this.draft
              ? html`<div class="header-actions">
                <button class="button" part="new-task-button" type="button" @click=${() => void this.#open('task')}>${t('tasks.new-task')}</button>
                <button class="button secondary" part="new-event-button" type="button" @click=${() => void this.#open('event')}>${t('tasks.new-event')}</button>
              </div>`
              : nothing
          }
        </div>
        ${this.draft ? this.#renderForm(this.draft) : nothing}
        ${this.#renderFilters()}
        <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
        ${this.#list.render({
          initial: () => this.#renderSkeleton(),
          pending: () => (this.activities.length ? this.#renderList() : this.#renderSkeleton()),
          complete: () => this.#renderList(),
          error: (error) => this.#renderFailure(error),
        })}
        <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
        ${this.#confirm.renderDialog()}
      </section>
    `;
  }

  #renderFilters(): TemplateResult {
    const clients = this.#directory.clients;
    const counts = Object.fromEntries(views.map((view) => [view, this.activities.filter((activity) => activity.status === view).length]));
    return html`
      <div class="filters" part="filters">
        <div class="field">
          <label for="filter-client">${t('tasks.filter.client')}</label>
          <select id="filter-client" @change=${(event: Event) => (this.itemId = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.itemId === ''}>${t('tasks.filter.all-clients')}</option>
            ${clients.map((client) => html`<option value=${client.id} ?selected=${client.id === this.itemId}>${client.name}</option>`)}
            ${
              this.itemId && !clients.some((client) => client.id === this.itemId)
                ? html`<option value=${this.itemId} selected>${t('tasks.filter.this-client')}</option>`
                : nothing
            }
          </select>
        </div>
        <div class="field">
          <label for="filter-kind">${t('tasks.filter.kind')}</label>
          <select id="filter-kind" @change=${(event: Event) => (this.kind = (event.target as HTMLSelectElement).value as '' | 'task' | 'event')}>
            <option value="" ?selected=${this.kind === ''}>${t('tasks.filter.all-kinds')}</option>
            <option value="task" ?selected=${this.kind === 'task'}>${t('tasks.filter.tasks')}</option>
            <option value="event" ?selected=${this.kind === 'event'}>${t('tasks.filter.events')}</option>
          </select>
        </div>
        <fieldset class="view" part="view">
          <legend>${t('tasks.view')}</legend>
          ${views.map(
            (view) => html`<label class="view-option">
              <input type="radio" name="view" value=${view} .checked=${this.view === view} @change=${() => (this.view = view)} />
              <span>${t(`tasks.view.${view}`)}</span>
              ${this.#list.status === TaskStatus.COMPLETE ? html`<span class="count">(${counts[view]})</span>` : nothing}
            </label>`,
          )}
        </fieldset>
      </div>
    `;
  }

  #renderForm(draft: ActivityDraft): TemplateResult {
    const clients = this.#directory.activeClients;
    const editingClient = this.editing?.contactId;
    const error = (field: DraftField) => this.fieldErrors[field];
    const described = (field: DraftField) => (error(field) ? `form-${field}-error` : nothing);
    const invalid = (field: DraftField) => (error(field) ? 'true' : 'false');
    const errorText = (field: DraftField) => {
      const words = error(field);
      return words ? html`<p class="field-error" id="form-${field}-error">${words()}</p>` : nothing;
    };
    // Reads the draft when called, not when rendered: several fields can change between renders.
    const set = (change: Partial<ActivityDraft>, field: DraftField) => {
      if (!this.draft) return;
      this.draft = { ...this.draft, ...change };
      if (this.fieldErrors[field]) {
        const { [field]: _cleared, ...rest } = this.fieldErrors;
        this.fieldErrors = rest;
      }
    };
    const text = (field: 'title' | 'location') => (event: Event) => set({ [field]: (event.target as HTMLInputElement).value }, field);
    const isTask = draft.kind === 'task';
    const dateType = draft.allDay ? 'date' : 'datetime-local';
    const heading = this.editing ? t(isTask ? 'tasks.form.edit-task' : 'tasks.form.edit-event') : t(isTask ? 'tasks.form.new-task' : 'tasks.form.new-event');
    return html`
      <form class="form" part="form" aria-labelledby="form-heading" novalidate @submit=${this.#submit}>
        <h3 id="form-heading">${heading}</h3>
        <div class="alert" role="alert">${this.formAlert ? html`<p>${this.formAlert()}</p>` : nothing}</div>
        <div class="field">
          <label for="form-contactId">${t('tasks.form.client')}</label>
          <select id="form-contactId" aria-invalid=${invalid('contactId')} aria-describedby=${described('contactId')} @change=${(event: Event) => set({ contactId: (event.target as HTMLSelectElement).value }, 'contactId')}>
            <option value="" ?selected=${draft.contactId === ''}>${t('tasks.form.choose-client')}</option>
            ${clients.map((client) => html`<option value=${client.id} ?selected=${client.id === draft.contactId}>${client.name} (${client.email})</option>`)}
            ${
              editingClient && !clients.some((client) => client.id === editingClient)
                ? html`<option value=${editingClient} ?selected=${draft.contactId === editingClient}>
                  ${this.#directory.nameOf(editingClient) ?? t('tasks.filter.this-client')}
                </option>`
                : nothing
            }
          </select>
          ${errorText('contactId')}
        </div>
        <div class="field">
          <label for="form-title">${t('tasks.form.title')}</label>
          <input id="form-title" type="text" maxlength="200" autocomplete="off" .value=${draft.title} aria-invalid=${invalid('title')} aria-describedby=${described('title')} @input=${text('title')} />
          ${errorText('title')}
        </div>
        <div class="field">
          <label for="form-notes">${t('tasks.form.notes')}</label>
          <textarea
            id="form-notes"
            rows="3"
            maxlength="4000"
            .value=${draft.notes}
            aria-invalid=${invalid('notes')}
            aria-describedby=${described('notes')}
            @input=${(event: Event) => set({ notes: (event.target as HTMLTextAreaElement).value }, 'notes')}
          ></textarea>
          ${errorText('notes')}
        </div>
        ${
          isTask
            ? html`<div class="field">
              <label for="form-dueOn">${t('tasks.form.due')}</label>
              <p class="hint" id="form-dueOn-hint">${t('tasks.form.due-hint')}</p>
              <input
                id="form-dueOn"
                type="date"
                .value=${draft.dueOn}
                aria-invalid=${invalid('dueOn')}
                aria-describedby=${error('dueOn') ? 'form-dueOn-hint form-dueOn-error' : 'form-dueOn-hint'}
                @input=${(event: Event) => set({ dueOn: (event.target as HTMLInputElement).value }, 'dueOn')}
              />
              ${errorText('dueOn')}
            </div>`
            : html`
              <div class="field checkbox">
                <input
                  id="form-allDay"
                  type="checkbox"
                  .checked=${draft.allDay}
                  @change=${(event: Event) => set(switchAllDay(this.draft ?? draft, (event.target as HTMLInputElement).checked), 'startsAt')}
                />
                <label for="form-allDay">${t('tasks.form.all-day')}</label>
              </div>
              <div class="when">
                <div class="field">
                  <label for="form-startsAt">${draft.allDay ? t('tasks.form.first-day') : t('tasks.form.starts')}</label>
                  <input
                    id="form-startsAt"
                    type=${dateType}
                    .value=${draft.startsAt}
                    aria-invalid=${invalid('startsAt')}
                    aria-describedby=${described('startsAt')}
                    @input=${(event: Event) => set({ startsAt: (event.target as HTMLInputElement).value }, 'startsAt')}
                  />
                  ${errorText('startsAt')}
                </div>
                <div class="field">
                  <label for="form-endsAt">${draft.allDay ? t('tasks.form.last-day') : t('tasks.form.ends')}</label>
                  <input
                    id="form-endsAt"
                    type=${dateType}
                    .value=${draft.endsAt}
                    aria-invalid=${invalid('endsAt')}
                    aria-describedby=${described('endsAt')}
                    @input=${(event: Event) => set({ endsAt: (event.target as HTMLInputElement).value }, 'endsAt')}
                  />
                  ${errorText('endsAt')}
                </div>
              </div>
              <div class="field">
                <label for="form-location">${t('tasks.form.location')}</label>
                <input id="form-location" type="text" maxlength="500" .value=${draft.location} aria-invalid=${invalid('location')} aria-describedby=${described('location')} @input=${text('location')} />
                ${errorText('location')}
              </div>
            `
        }
        <div class="form-actions">
          <button class="button" part="save-button" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>
            ${this.saving ? t('tasks.form.saving') : t('tasks.form.save')}
          </button>
          <button class="button secondary" part="close-button" type="button" @click=${() => void this.#close()}>${t('tasks.form.cancel')}</button>
        </div>
      </form>
    `;
  }

  #renderList(): TemplateResult {
    const shown = this.#shown;
    if (this.#list.status === TaskStatus.COMPLETE && shown.length === 0) {
      const filtered = this.itemId !== '' || this.kind !== '';
      return html`<div class="state" part="empty"><p>${t(`tasks.empty.${this.view}`)}${filtered ? ` ${t('tasks.empty.filtered')}` : ''}</p></div>`;
    }
    return html`
      <ul class="list" part="list" aria-label=${t(`tasks.view.${this.view}`)} aria-busy=${this.#list.status === TaskStatus.PENDING ? 'true' : 'false'}>
        ${shown.map((activity) => this.#renderActivity(activity))}
      </ul>
    `;
  }

  #renderActivity(activity: FirmActivity): TemplateResult {
    const titleId = `activity-${domId(activity.id)}`;
    const working = this.busy.has(activity.id);
    const clientName = this.#directory.nameOf(activity.contactId) ?? t('tasks.unknown-client');
    return html`
      <li class="activity" part="activity activity-${activity.kind}" data-activity-id=${activity.id} data-status=${activity.status}>
        <span class="kind badge" data-tone=${activity.kind === 'task' ? 'neutral' : 'info'}>${t(activity.kind === 'task' ? 'tasks.kind.task' : 'tasks.kind.event')}</span>
        <span class="title" part="title" id=${titleId}>${activity.title}</span>
        <span class="client">
          <span class="visually-hidden">${t('tasks.form.client')}: </span>
          <button class="link-button" part="client-link" type="button" @click=${() => this.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'clients', itemId: activity.contactId }))}>
            ${clientName}
          </button>
        </span>
        <span class="when">${this.#when(activity)}</span>
        ${activity.kind === 'event' && activity.location ? html`<span class="location">${t('tasks.location', { location: activity.location })}</span>` : nothing}
        <span class="status badge" part="status" data-tone=${toneOf(activity.status)}>${t(`tasks.status.${activity.status}`)}</span>
        ${
          activity.kind === 'task' && activity.completedAt
            ? html`<span class="completion" part="completion">${t('tasks.completed-on', { date: formatDateTime(activity.completedAt) })}</span>`
            : nothing
        }
        ${activity.notes ? html`<p class="notes">${activity.notes}</p>` : nothing}
        ${
          this.#canWrite
            ? html`<span class="actions">
              <button class="button secondary small" part="edit-button" type="button" aria-describedby=${titleId} @click=${() => void this.#open(activity.kind, activity)}>
                ${t('tasks.edit')}
              </button>
              ${
                activity.kind === 'task'
                  ? html`<button
                    class="button secondary small"
                    part="complete-button"
                    type="button"
                    aria-describedby=${titleId}
                    aria-disabled=${working ? 'true' : 'false'}
                    @click=${() => void this.#setCompleted(activity, activity.completedAt === null)}
                  >
                    ${activity.completedAt === null ? t('tasks.mark-done') : t('tasks.reopen')}
                  </button>`
                  : nothing
              }
              <button
                class="button secondary small delete"
                part="delete-button"
                type="button"
                aria-describedby=${titleId}
                aria-disabled=${working ? 'true' : 'false'}
                @click=${() => void this.#delete(activity)}
              >
                ${t('tasks.delete')}
              </button>
            </span>`
            : nothing
        }
      </li>
    `;
  }

  #when(activity: FirmActivity): string {
    if (activity.kind === 'event') return formatDateRange(activity.startsAt, activity.endsAt, activity.allDay);
    return activity.dueOn ? t('tasks.due-on', { date: formatDate(activity.dueOn) }) : t('tasks.no-due-date');
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('tasks.loading')}</span>
        ${[0, 1, 2].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    return html`
      <div class="state error-state" part="error">
        <div class="alert" role="alert"><p>${t('tasks.error.load', { reason: errorMessage(error) })}</p></div>
        <button class="button secondary" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('console.retry')}</button>
      </div>
    `;
  }

  async #open(kind: 'task' | 'event', activity?: FirmActivity): Promise<void> {
    this.editing = activity;
    this.draft = activityDraft(kind, activity, this.itemId);
    this.fieldErrors = {};
    this.formAlert = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.draft.contactId ? '#form-title' : '#form-contactId')?.focus();
  }

  async #close(focus?: string): Promise<void> {
    const editing = this.editing;
    this.#save?.abort();
    this.draft = undefined;
    this.editing = undefined;
    await this.updateComplete;
    const row = focus ?? editing?.id;
    const back = row ? this.renderRoot.querySelector<HTMLElement>(`[data-activity-id="${CSS.escape(row)}"] [part~="edit-button"]`) : null;
    (back ?? this.renderRoot.querySelector<HTMLElement>('[part~="new-task-button"]'))?.focus();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const draft = this.draft;
    if (!client || !draft || this.saving) return;
    const local = draftErrors(draft);
    this.fieldErrors = Object.fromEntries(Object.entries(local).map(([field, key]) => [field, () => t(key)]));
    this.formAlert = undefined;
    if (Object.keys(local).length) {
      await this.#focusFirstError();
      return;
    }
    const request = new AbortController();
    this.#save = request;
    this.saving = true;
    const editing = this.editing;
    try {
      const saved = editing
        ? await client.activities.update(editing.id, draftToChanges(draft, editing) as ActivityChanges, { signal: request.signal })
        : await client.activities.create(draftToNew(draft) as NewActivity, { signal: request.signal });
      this.activities = [saved, ...this.activities.filter((known) => known.id !== saved.id)];
      this.dispatchEvent(new PortalConsoleActivitySavedEvent({ activity: saved, created: !editing }));
      this.#announce(() => t(editing ? 'tasks.announce.saved' : 'tasks.announce.created', { title: saved.title }));
      // Show the view the saved activity is in, so the firm sees it.
      this.view = saved.status;
      this.saving = false;
      await this.#close(saved.id);
    } catch (error) {
      this.saving = false;
      if (request.signal.aborted || isAbortError(error)) return;
      this.#showProblem(error);
      await this.#focusFirstError();
    } finally {
      if (this.#save === request) this.#save = undefined;
    }
  }

  /** Puts the service's problem next to the field it names, else in the form's alert. */
  #showProblem(error: unknown): void {
    const errors: Partial<Record<DraftField, Words>> = {};
    const fields: readonly DraftField[] = ['contactId', 'title', 'notes', 'dueOn', 'startsAt', 'endsAt', 'location'];
    if (error instanceof ApiError) {
      for (const { field, message } of error.errors) {
        const name = field.split('.').at(-1) as DraftField;
        if (fields.includes(name)) errors[name] = () => message;
      }
      if (error.code === 'contact_not_found') errors.contactId = () => t('tasks.form.client-not-found');
    }
    this.fieldErrors = errors;
    if (Object.keys(errors).length === 0) this.formAlert = () => t('tasks.form.failed', { reason: errorMessage(error) });
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const order: readonly DraftField[] = ['contactId', 'title', 'notes', 'dueOn', 'startsAt', 'endsAt', 'location'];
    const first = order.find((field) => this.fieldErrors[field]);
    this.renderRoot.querySelector<HTMLElement>(first ? `#form-${first}` : '#form-heading')?.focus();
  }

  async #setCompleted(activity: FirmActivity, completed: boolean): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(activity.id)) return;
    this.#setBusy(activity.id, true);
    this.alert = undefined;
    try {
      const saved = await client.activities.update(activity.id, { completed });
      this.activities = this.activities.map((known) => (known.id === saved.id ? saved : known));
      this.#announce(() => t(completed ? 'tasks.announce.done' : 'tasks.announce.reopened', { title: saved.title }));
      this.dispatchEvent(new PortalConsoleActivitySavedEvent({ activity: saved, created: false }));
      await this.updateComplete;
      // When the task has left this view, focus goes to the view's choice.
      const same = this.renderRoot.querySelector<HTMLElement>(`[data-activity-id="${CSS.escape(saved.id)}"] [part~="complete-button"]`);
      (same ?? this.renderRoot.querySelector<HTMLElement>('input[name="view"]:checked'))?.focus();
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('tasks.error.save', { title: activity.title, reason: errorMessage(error) });
    } finally {
      this.#setBusy(activity.id, false);
    }
  }

  async #delete(activity: FirmActivity): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(activity.id)) return;
    const confirmed = await this.#confirm.ask({
      title: t(activity.kind === 'task' ? 'tasks.delete.title-task' : 'tasks.delete.title-event'),
      body: t('tasks.delete.body', { title: activity.title, client: this.#directory.nameOf(activity.contactId) ?? t('tasks.unknown-client') }),
      confirm: t('tasks.delete.confirm'),
      cancel: t('tasks.delete.cancel'),
    });
    if (!confirmed) {
      this.renderRoot.querySelector<HTMLElement>(`[data-activity-id="${CSS.escape(activity.id)}"] [part~="delete-button"]`)?.focus();
      return;
    }
    this.#setBusy(activity.id, true);
    this.alert = undefined;
    const shown = this.#shown;
    const index = shown.findIndex((known) => known.id === activity.id);
    try {
      await client.activities.remove(activity.id);
      this.activities = this.activities.filter((known) => known.id !== activity.id);
      this.#announce(() => t('tasks.announce.deleted', { title: activity.title }));
      this.dispatchEvent(new PortalConsoleActivityDeletedEvent({ activityId: activity.id }));
      await this.updateComplete;
      const rest = this.#shown;
      const next = rest[Math.min(index, rest.length - 1)];
      (next
        ? this.renderRoot.querySelector<HTMLElement>(`[data-activity-id="${CSS.escape(next.id)}"] [part~="edit-button"]`)
        : this.renderRoot.querySelector<HTMLElement>('input[name="view"]:checked')
      )?.focus();
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('tasks.error.delete', { title: activity.title, reason: errorMessage(error) });
    } finally {
      this.#setBusy(activity.id, false);
    }
  }

  #setBusy(id: string, on: boolean): void {
    const busy = new Set(this.busy);
    if (on) busy.add(id);
    else busy.delete(id);
    this.busy = busy;
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  #announce(words: Words): void {
    this.announcement = undefined;
    void this.updateComplete.then(() => {
      this.announcement = words;
    });
  }
}

/** Sorts open activities soonest first: by due date or start; undated tasks last. */
function dueKey(activity: FirmActivity): string {
  if (activity.kind === 'event') return activity.startsAt;
  return activity.dueOn ?? '\uffff';
}

/** Sorts done activities most recent first: by completion or end. */
function doneKey(activity: FirmActivity): string {
  if (activity.kind === 'event') return activity.endsAt;
  return activity.completedAt ?? activity.dueOn ?? '';
}

function toneOf(status: FirmActivity['status']): string {
  return status === 'overdue' ? 'danger' : status === 'done' ? 'success' : 'info';
}

/** Turning all-day on or off keeps the dates the firm typed, with or without their times. */
function switchAllDay(draft: ActivityDraft, allDay: boolean): Partial<ActivityDraft> {
  if (allDay) return { allDay, startsAt: draft.startsAt.slice(0, 10), endsAt: draft.endsAt.slice(0, 10) };
  return { allDay, startsAt: draft.startsAt ? `${draft.startsAt.slice(0, 10)}T09:00` : '', endsAt: draft.endsAt ? `${draft.endsAt.slice(0, 10)}T10:00` : '' };
}

/** An id the service gave, made safe for use in element ids. */
function domId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
