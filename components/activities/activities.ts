import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { Activity, ActivityEvent, ActivityGroups, ActivityTask } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { saveFile } from '../base/save-file.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatDateRange, formatRelativeDate } from '../i18n/format.ts';
import { t } from './activities-messages.ts';
import { alertStyles, badgeStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { activitiesStyles } from './activities.styles.ts';
import { calendarFileName, findTask, groupNames, placeTask, taskStatus, type GroupName } from './activity-groups.ts';
import { PortalActivityChangeEvent } from './events.ts';

/** A message produced while rendering, so that it follows the current language. */
type Message = () => string;

// The service lists this many done activities unless asked for all of them.
const RECENT_DONE = 50;

/**
 * The client's tasks and events, in three groups with their counts: overdue, upcoming and done.
 *
 * A task shows its title, notes and due date (relative and absolute), with a checkbox to mark it
 * done or not done. The change shows at once and moves the task to its new group; if the service
 * refuses it, the task goes back and the error is announced. An event shows when it happens (all
 * day, or its times in the reader's time zone), where, and an "Add to calendar" button that
 * downloads it as an `.ics` file.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-activities
 *
 * @event portal-activity-change - The client marked a task done or not done and the service recorded it. `detail.activityId`, `detail.completed`, `detail.activity`.
 *
 * @csspart base - Everything shown once loaded.
 * @csspart heading - The heading.
 * @csspart group - One group (also `group-overdue`, `group-upcoming`, `group-done`).
 * @csspart group-heading - A group's heading, with its count.
 * @csspart item - One task or event (also `task` or `event`).
 * @csspart checkbox - A task's checkbox.
 * @csspart title - A task's or event's title.
 * @csspart due - A task's due date, or when it was done.
 * @csspart when - An event's date and time.
 * @csspart location - An event's location.
 * @csspart notes - The notes on a task or event.
 * @csspart calendar-button - An event's "Add to calendar" button.
 * @csspart show-all-button - The button that lists every done activity, not only the recent ones.
 * @csspart announcer - The live region announcing changes.
 * @csspart alert - The live region for errors.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when there are no tasks or events.
 * @csspart error - The panel shown when the activities cannot be loaded.
 * @csspart retry-button - The button that tries again.
 *
 * @cssprop --portal-activities-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-activities-item-background - A task's or event's background (default `--portal-color-surface`).
 * @cssprop --portal-activities-item-border-color - Its border (default `--portal-color-divider`).
 * @cssprop --portal-activities-item-accent - The bar at its start edge (default `--portal-color-brand`).
 * @cssprop --portal-activities-overdue-color - Overdue headings, bars and dates (default `--portal-color-danger`).
 * @cssprop --portal-activities-done-color - The bar of done items (default `--portal-color-success`).
 *
 * @cssstate loading - The activities are loading.
 * @cssstate empty - There are no tasks or events.
 * @cssstate error - The activities could not be loaded.
 */
export class PortalActivities extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, badgeStyles, activitiesStyles];

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The activities as shown, including changes still on their way to the service. */
  @state() protected groups: ActivityGroups | undefined;
  @state() private allDone = false;
  @state() private announcement: Message | undefined;
  @state() private alert: Message | undefined;
  @state() private downloading: ReadonlySet<string> = new Set();

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;
  /** Changes on their way to the service, by task id. */
  readonly #saving = new Map<string, AbortController>();
  /** Each task with a change on its way, as the service last confirmed it. */
  readonly #confirmed = new Map<string, ActivityTask>();

  readonly #load = new Task(this, {
    task: async ([client, , done], { signal }) => {
      if (!client) {
        this.groups = undefined;
        return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      }
      const groups = await client.activities.list({ done }, { signal });
      this.groups = groups;
      return groups;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.allDone ? ('all' as const) : undefined] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the tasks and events again. */
  refresh(): Promise<unknown> {
    return this.#load.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const request of this.#saving.values()) request.abort();
    this.#saving.clear();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#load.status;
    const groups = this.groups;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && !!groups && groupNames.every((name) => groups[name].length === 0));
  }

  protected override render(): TemplateResult {
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('activities.heading')}</h2>
      <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
      <div class="alert" part="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      ${this.#load.render({
        initial: () => this.#renderSkeleton(),
        pending: () => (this.groups && this.allDone ? this.#renderGroups(this.groups) : this.#renderSkeleton()),
        complete: () => (this.groups ? this.#renderGroups(this.groups) : nothing),
        error: (error) => this.#renderFailure(error),
      })}
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('activities.loading')}</span>
        <span class="skeleton-block heading" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
        <span class="skeleton-block heading" aria-hidden="true"></span>
        <span class="skeleton-block" aria-hidden="true"></span>
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="state" part="error">
        <h3>${t('activities.error-heading')}</h3>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderGroups(groups: ActivityGroups): TemplateResult {
    if (groupNames.every((name) => groups[name].length === 0)) {
      return html`
        <div class="state" part="empty">
          <h3>${t('activities.empty')}</h3>
          <p>${t('activities.empty-detail')}</p>
        </div>
      `;
    }
    const moreDone = !this.allDone && groups.done.length >= RECENT_DONE;
    return html`
      <div class="groups" part="base">
        ${groupNames.map((name) => this.#renderGroup(name, groups[name]))}
      </div>
      ${
        moreDone
          ? html`<p class="show-all">
            <button class="button secondary" part="show-all-button" type="button" @click=${this.#showAllDone}>${t('activities.show-all-done')}</button>
          </p>`
          : nothing
      }
    `;
  }

  #renderGroup(name: GroupName, items: Activity[]): TemplateResult {
    const label = t(`activities.group.${name}`);
    return html`
      <section class="group" part="group group-${name}" data-group=${name} data-count=${items.length} aria-labelledby="group-${name}">
        <h3 id="group-${name}" part="group-heading" tabindex="-1">${t('activities.group.count', { group: label, count: items.length })}</h3>
        ${
          items.length
            ? html`<ul class="items">
              ${repeat(
                items,
                (item) => item.id,
                (item) => (item.kind === 'task' ? this.#renderTask(item) : this.#renderEvent(item)),
              )}
            </ul>`
            : html`<p class="group-empty">${t(`activities.group-empty.${name}`)}</p>`
        }
      </section>
    `;
  }

  #renderTask(task: ActivityTask): TemplateResult {
    const id = domId(task.id);
    const done = task.status === 'done';
    let due: string;
    if (done) due = task.completedAt ? t('activities.task.completed', { date: formatDate(task.completedAt) }) : '';
    else if (task.dueOn) due = t('activities.task.due', { relative: formatRelativeDate(task.dueOn), date: formatDate(task.dueOn) });
    else due = t('activities.task.no-due-date');
    return html`
      <li class="item task" part="item task" data-status=${task.status}>
        <span class="check">
          <input
            id="task-${id}"
            part="checkbox"
            type="checkbox"
            .checked=${live(done)}
            aria-describedby=${due ? `due-${id}` : nothing}
            @change=${(event: Event) => void this.#toggle(task.id, (event.target as HTMLInputElement).checked)}
          />
        </span>
        <div class="content">
          <label class="title" part="title" for="task-${id}">${task.title}</label>
          ${due ? html`<p class="meta ${task.status === 'overdue' ? 'overdue' : ''}" part="due" id="due-${id}">${due}</p>` : nothing}
          ${task.notes ? html`<p class="notes" part="notes">${task.notes}</p>` : nothing}
        </div>
      </li>
    `;
  }

  #renderEvent(event: ActivityEvent): TemplateResult {
    const id = domId(event.id);
    const downloading = this.downloading.has(event.id);
    return html`
      <li class="item event" part="item event" data-status=${event.status}>
        <svg class="marker" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <rect x="3" y="5" width="18" height="16" rx="2"></rect>
          <path d="M3 10h18M8 3v4M16 3v4"></path>
        </svg>
        <div class="content">
          <p class="title" part="title" id="event-${id}">${event.title}</p>
          <p class="meta when" part="when">
            ${event.allDay ? html`<span class="badge" data-tone="info">${t('activities.event.all-day')}</span>` : nothing}
            <span>${formatDateRange(event.startsAt, event.endsAt, event.allDay)}</span>
          </p>
          ${
            event.location
              ? html`<p class="meta" part="location"><span class="visually-hidden">${t('activities.event.location')}</span> ${event.location}</p>`
              : nothing
          }
          ${event.notes ? html`<p class="notes" part="notes">${event.notes}</p>` : nothing}
          ${
            event.status === 'upcoming'
              ? html`<button
                class="button secondary calendar-button"
                part="calendar-button"
                type="button"
                aria-describedby="event-${id}"
                aria-disabled=${downloading ? 'true' : 'false'}
                @click=${() => void this.#addToCalendar(event)}
              >
                ${downloading ? t('activities.event.downloading') : t('activities.event.add-to-calendar')}
              </button>`
              : nothing
          }
        </div>
      </li>
    `;
  }

  async #toggle(id: string, completed: boolean): Promise<void> {
    const client = this.#api.value;
    const task = this.groups && findTask(this.groups, id);
    if (!client || !task) return;
    // A second click while the first is saving replaces it; a failure returns the task to
    // what the service last confirmed.
    this.#saving.get(id)?.abort();
    const request = new AbortController();
    this.#saving.set(id, request);
    if (!this.#confirmed.has(id)) this.#confirmed.set(id, task);

    const saving = client.activities.setCompleted(id, completed, { signal: request.signal });
    // Handled below, once the change shows; this only keeps an early failure from being reported as unhandled.
    saving.catch(() => undefined);
    const completedAt = completed ? (task.completedAt ?? new Date().toISOString()) : null;
    this.alert = undefined;
    await this.#move({ ...task, completedAt, status: taskStatus({ completedAt, dueOn: task.dueOn }) });
    try {
      const saved = await saving;
      if (request.signal.aborted) return;
      this.#confirmed.delete(id);
      const savedTask: ActivityTask = saved.kind === 'task' ? saved : { ...task, completedAt, status: taskStatus({ completedAt, dueOn: task.dueOn }) };
      await this.#move(savedTask);
      void this.#announce(() => t(completed ? 'activities.announce.done' : 'activities.announce.not-done', { title: savedTask.title }));
      this.dispatchEvent(new PortalActivityChangeEvent({ activityId: id, completed, activity: savedTask }));
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      const confirmed = this.#confirmed.get(id) ?? task;
      this.#confirmed.delete(id);
      await this.#move(confirmed);
      this.alert = () => t('activities.error.update', { title: confirmed.title, reason: errorMessage(error) });
    } finally {
      if (this.#saving.get(id) === request) this.#saving.delete(id);
    }
  }

  /** Puts a task in its group, keeping focus on its checkbox if it had it. */
  async #move(task: ActivityTask): Promise<void> {
    if (!this.groups) return;
    const selector = `#task-${CSS.escape(domId(task.id))}`;
    const focused = this.shadowRoot?.activeElement === this.renderRoot.querySelector(selector);
    this.groups = placeTask(this.groups, task);
    await this.updateComplete;
    if (focused) this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #addToCalendar(event: ActivityEvent): Promise<void> {
    const client = this.#api.value;
    if (!client || this.downloading.has(event.id)) return;
    this.downloading = new Set([...this.downloading, event.id]);
    this.alert = undefined;
    try {
      const file = await client.activities.calendar(event.id);
      saveFile(file.blob, file.fileName ?? calendarFileName(event.title));
      void this.#announce(() => t('activities.announce.calendar', { title: event.title }));
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('activities.error.calendar', { title: event.title, reason: errorMessage(error) });
    } finally {
      const downloading = new Set(this.downloading);
      downloading.delete(event.id);
      this.downloading = downloading;
    }
  }

  /** Lists every done activity, then moves focus to the group (the button that asked is gone). */
  async #showAllDone(): Promise<void> {
    this.allDone = true;
    await this.updateComplete;
    await this.#load.taskComplete.catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#group-done')?.focus();
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  async #announce(message: Message): Promise<void> {
    this.announcement = undefined;
    await this.updateComplete;
    this.announcement = message;
  }
}

/** An id the service gave, made safe for use in element ids. */
function domId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
