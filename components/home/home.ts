import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.ts';
import type { ActivityEvent, ActivityTask, Home, HomeChanges, OutstandingInvoices } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatDateRange, formatDateTime, formatMoney, formatNumber } from '../i18n/format.ts';
import { t } from './home-messages.ts';
import { PortalPayRequestEvent } from '../invoice/events.ts';
import { alertStyles, badgeStyles, buttonStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalSectionOpenEvent, type HomeLinkSection } from './events.ts';
import { homeStyles } from './home.styles.ts';

/** One line of "since your last visit": what it says and where it leads. */
interface ChangeItem {
  id: string;
  text: string;
  detail: string;
  section: HomeLinkSection;
  itemId: string;
}

/**
 * The client's landing page: what needs them now and what changed since their last visit. The
 * balance due across unpaid invoices with "Pay all", the unread messages, the next events, the
 * open and overdue tasks, and — since the last visit — new invoices, documents the firm shared,
 * messages from the firm and payments settled, each a count and the newest few.
 *
 * Every item and summary links to its section: choosing one fires `portal-section-open`, which
 * `<portal-app>` answers by showing that section (and the invoice or thread). "Pay all" fires
 * `portal-pay-request`, as the invoice list's button does. A part the firm hides is left out.
 *
 * Showing home tells the service the client looked at it: "since your last visit" counts from
 * the last look of the previous visit, a visit ending after half an hour without a look, so a
 * reload does not make the news disappear.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-home
 *
 * @event portal-section-open - The client chose a link to a section. `detail.section`, `detail.itemId` (an invoice or thread id, or `''`).
 * @event portal-pay-request - The client pressed "Pay all". `detail.invoiceIds`, `detail.amount`.
 *
 * @csspart heading - The heading.
 * @csspart base - The cards and the changes.
 * @csspart card - Each card (also `card-balance`, `card-messages`, `card-events`, `card-tasks`).
 * @csspart card-heading - A card's heading.
 * @csspart amount - The balance due.
 * @csspart pay-all-button - The "Pay all" button.
 * @csspart next-plan-charge - The next charge of the client's payment plans, on the balance card.
 * @csspart next-autopay-charge - The next charge of the client's autopay, on the balance card.
 * @csspart count - A count on a card (unread messages, open and overdue tasks).
 * @csspart link - A link to a section or an item in it.
 * @csspart list - A list of events, tasks or changes.
 * @csspart item - One event, task or changed thing.
 * @csspart changes - What changed since the last visit.
 * @csspart caught-up - The note shown when nothing needs the client.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The panel shown when home cannot be loaded.
 * @csspart retry-button - The button that tries again.
 *
 * @cssprop --portal-home-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-home-card-background - Cards' background (default `--portal-color-surface`).
 * @cssprop --portal-home-card-border-color - Cards' border (default `--portal-color-divider`).
 * @cssprop --portal-home-accent - The line marking each card (default `--portal-color-brand`).
 * @cssprop --portal-home-amount-color - The balance due (default `--portal-color-text`).
 * @cssprop --portal-home-overdue-color - Overdue counts and tasks (default `--portal-color-danger`).
 *
 * @cssstate loading - Home is loading.
 * @cssstate empty - Nothing needs the client and nothing changed.
 * @cssstate error - Home could not be loaded.
 */
export class PortalHome extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, alertStyles, skeletonStyles, badgeStyles, homeStyles];

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  /** The soonest charge of the client's payment plans, when the firm offers plans. */
  @state() private nextPlanCharge: { amount: number; currency: string; on: string; invoiceNumber: string } | undefined;
  /** The soonest charge of the client's autopay, when the firm offers autopay. */
  @state() private nextAutopayCharge: { amount: number; currency: string; on: string; invoiceNumber: string } | undefined;

  readonly #api = new ApiClientController(this);
  readonly #internals: ElementInternals;

  readonly #home = new Task(this, {
    task: async ([client], { signal }): Promise<Home> => {
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const [home, plans, autopay] = await Promise.all([
        client.home.get({ signal }),
        // Only adds a line to the balance card: home reads the same without it.
        this.sessionBranding?.plans?.enabled ? client.plans.list({}, { signal }).catch(() => []) : [],
        this.sessionBranding?.autopay?.enabled ? client.autopay.list({ status: 'active' }, { signal }).catch(() => []) : [],
      ]);
      const soonest = autopay.filter((enrolment) => enrolment.nextCharge).sort((a, b) => a.nextCharge!.on.localeCompare(b.nextCharge!.on))[0];
      this.nextAutopayCharge = soonest && { ...soonest.nextCharge!, currency: soonest.currency };
      const next = plans.filter((plan) => plan.status === 'active' && plan.nextCharge).sort((a, b) => a.nextCharge!.on.localeCompare(b.nextCharge!.on))[0];
      this.nextPlanCharge = next && { ...next.nextCharge!, currency: next.currency, invoiceNumber: next.invoiceNumber };
      // The look is recorded once home is on screen; losing it only means the same news next time.
      client.home.seen({ signal }).catch(() => undefined);
      return home;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads home again (e.g. after a payment). */
  refresh(): Promise<unknown> {
    return this.#home.run();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#home.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && !!this.#home.value && caughtUp(this.#home.value));
  }

  protected override render(): TemplateResult {
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('home.heading')}</h2>
      ${this.#home.render({
        initial: () => this.#renderSkeleton(),
        pending: () => this.#renderSkeleton(),
        complete: (home) => this.#renderHome(home),
        error: (error) => this.#renderFailure(error),
      })}
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('home.loading')}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="state" part="error">
        <h3>${t('home.error-heading')}</h3>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderHome(home: Home): TemplateResult {
    return html`
      <div class="home" part="base">
        ${caughtUp(home) ? html`<p class="caught-up" part="caught-up">${t('home.caught-up')}</p>` : nothing}
        <div class="cards">
          ${home.balance ? this.#renderBalance(home.balance) : nothing} ${home.unreadMessages !== null ? this.#renderMessages(home.unreadMessages) : nothing}
          ${home.nextEvents ? this.#renderEvents(home.nextEvents) : nothing} ${home.tasks ? this.#renderTasks(home.tasks) : nothing}
        </div>
        ${this.#renderChanges(home)}
      </div>
    `;
  }

  #renderBalance(balance: OutstandingInvoices): TemplateResult {
    const unpaid = balance.invoiceIds.length;
    const amount = balance.amount !== null && balance.currency ? formatMoney(balance.amount, balance.currency) : undefined;
    return html`
      <section class="card" part="card card-balance" aria-labelledby="balance-heading">
        <h3 id="balance-heading" part="card-heading">${t('home.balance.heading')}</h3>
        ${
          unpaid
            ? html`
              ${amount ? html`<p class="amount" part="amount">${amount}</p>` : html`<p>${t('home.balance.mixed')}</p>`}
              <p class="muted" part="count">${t('home.balance.count', { count: formatNumber(unpaid) })}</p>
              ${
                this.nextPlanCharge
                  ? html`<p part="next-plan-charge">
                      ${t('plan.home-next', {
                        amount: formatMoney(this.nextPlanCharge.amount, this.nextPlanCharge.currency),
                        date: formatDate(this.nextPlanCharge.on),
                        number: this.nextPlanCharge.invoiceNumber,
                      })}
                    </p>`
                  : nothing
              }
              ${
                this.nextAutopayCharge
                  ? html`<p part="next-autopay-charge">
                      ${t('autopay.home-next', {
                        amount: formatMoney(this.nextAutopayCharge.amount, this.nextAutopayCharge.currency),
                        date: formatDate(this.nextAutopayCharge.on),
                        number: this.nextAutopayCharge.invoiceNumber,
                      })}
                    </p>`
                  : nothing
              }
              <div class="actions">
                <button class="button" part="pay-all-button" type="button" @click=${() => this.#payAll(balance)}>
                  ${amount ? t('home.pay-all', { amount }) : t('home.pay-all-plain')}
                </button>
                ${this.#link('invoices', '', t('home.balance.view'))}
              </div>
            `
            : html`<p class="muted">${t('home.balance.none')}</p>
              <div class="actions">${this.#link('invoices', '', t('home.balance.view'))}</div>`
        }
      </section>
    `;
  }

  #renderMessages(unread: number): TemplateResult {
    return html`
      <section class="card" part="card card-messages" aria-labelledby="messages-heading">
        <h3 id="messages-heading" part="card-heading">${t('home.messages.heading')}</h3>
        <p part="count" class=${unread ? 'count' : 'muted'}>${unread ? t('home.messages.unread', { count: formatNumber(unread) }) : t('home.messages.none')}</p>
        <div class="actions">${this.#link('messages', '', t('home.messages.open'))}</div>
      </section>
    `;
  }

  #renderEvents(events: ActivityEvent[]): TemplateResult {
    return html`
      <section class="card" part="card card-events" aria-labelledby="events-heading">
        <h3 id="events-heading" part="card-heading">${t('home.events.heading')}</h3>
        ${
          events.length
            ? html`<ul class="list" part="list">
              ${events.map(
                (event) =>
                  html`<li class="item" part="item">
                    <span class="title">${event.title}</span>
                    <span class="muted">${formatDateRange(event.startsAt, event.endsAt, event.allDay)}</span>
                  </li>`,
              )}
            </ul>`
            : html`<p class="muted">${t('home.events.none')}</p>`
        }
        <div class="actions">${this.#link('activities', '', t('home.events.all'))}</div>
      </section>
    `;
  }

  #renderTasks(tasks: NonNullable<Home['tasks']>): TemplateResult {
    return html`
      <section class="card" part="card card-tasks" aria-labelledby="tasks-heading">
        <h3 id="tasks-heading" part="card-heading">${t('home.tasks.heading')}</h3>
        ${
          tasks.openCount
            ? html`<p part="count">
                ${t('home.tasks.open', { count: formatNumber(tasks.openCount) })}
                ${tasks.overdueCount ? html` · <span class="overdue">${t('home.tasks.overdue', { count: formatNumber(tasks.overdueCount) })}</span>` : nothing}
              </p>
              <ul class="list" part="list">
                ${tasks.first.map((task) => this.#renderTask(task))}
              </ul>`
            : html`<p class="muted">${t('home.tasks.none')}</p>`
        }
        <div class="actions">${this.#link('activities', '', t('home.tasks.all'))}</div>
      </section>
    `;
  }

  #renderTask(task: ActivityTask): TemplateResult {
    return html`<li class="item" part="item" data-status=${task.status}>
      <span class="title">${task.title}</span>
      <span class=${task.status === 'overdue' ? 'overdue' : 'muted'}>
        ${task.dueOn ? t(task.status === 'overdue' ? 'home.tasks.overdue-since' : 'home.tasks.due', { date: formatDate(task.dueOn) }) : t('home.tasks.no-date')}
      </span>
    </li>`;
  }

  #renderChanges(home: Home): TemplateResult | typeof nothing {
    const groups = changeGroups(home.changes);
    if (!groups.length) return nothing;
    const total = groups.reduce((sum, group) => sum + group.count, 0);
    return html`
      <section class="changes" part="changes" aria-labelledby="changes-heading">
        <h3 id="changes-heading" part="card-heading">
          ${home.since ? t('home.changes.since', { date: formatDateTime(home.since) }) : t('home.changes.first')}
        </h3>
        ${
          total
            ? groups
                .filter((group) => group.count)
                .map(
                  (group) => html`
                  <div class="group" data-kind=${group.kind}>
                    <h4>${t('home.changes.group', { label: group.label, count: formatNumber(group.count) })}</h4>
                    <ul class="list" part="list">
                      ${group.items.map(
                        (item) =>
                          html`<li class="item" part="item">${this.#link(item.section, item.itemId, item.text)}<span class="muted">${item.detail}</span></li>`,
                      )}
                    </ul>
                    ${
                      group.count > group.items.length
                        ? html`<p class="muted">${this.#link(group.section, '', t('home.changes.more', { count: formatNumber(group.count - group.items.length) }))}</p>`
                        : nothing
                    }
                  </div>
                `,
                )
            : html`<p class="muted">${t('home.changes.none')}</p>`
        }
      </section>
    `;
  }

  /** A link to a section (and an item in it): a button, since where it leads is the page's to decide. */
  #link(section: HomeLinkSection, itemId: string, text: string): TemplateResult {
    return html`<button class="link-button" part="link" type="button" data-section=${section} data-item=${itemId} @click=${() => this.#open(section, itemId)}>
      ${text}
    </button>`;
  }

  #open(section: HomeLinkSection, itemId: string): void {
    this.dispatchEvent(new PortalSectionOpenEvent({ section, itemId }));
  }

  #payAll(balance: OutstandingInvoices): void {
    this.dispatchEvent(new PortalPayRequestEvent({ invoiceIds: [...balance.invoiceIds], amount: balance.amount ?? undefined }));
  }
}

/** Nothing to pay, read or do, and nothing new. */
function caughtUp(home: Home): boolean {
  const changed = Object.values(home.changes).some((group) => (group?.count ?? 0) > 0);
  return !home.balance?.invoiceIds.length && !home.unreadMessages && !home.nextEvents?.length && !home.tasks?.openCount && !changed;
}

/** The kinds of change home shows, in order, each with its items as lines linking to their place. */
function changeGroups(changes: HomeChanges): { kind: string; label: string; count: number; section: HomeLinkSection; items: ChangeItem[] }[] {
  const groups: { kind: string; label: string; count: number; section: HomeLinkSection; items: ChangeItem[] }[] = [];
  if (changes.invoices) {
    groups.push({
      kind: 'invoices',
      label: t('home.changes.invoices'),
      count: changes.invoices.count,
      section: 'invoices',
      items: changes.invoices.latest.map((invoice) => ({
        id: invoice.id,
        text: t('home.changes.invoice', { number: invoice.number, amount: formatMoney(invoice.total, invoice.currency) }),
        detail: t('home.changes.invoice-due', { date: formatDate(invoice.dueOn) }),
        section: 'invoices',
        itemId: invoice.id,
      })),
    });
  }
  if (changes.documents) {
    groups.push({
      kind: 'documents',
      label: t('home.changes.documents'),
      count: changes.documents.count,
      section: 'files',
      items: changes.documents.latest.map((file) => ({ id: file.id, text: file.name, detail: formatDate(file.createdAt), section: 'files', itemId: '' })),
    });
  }
  if (changes.messages) {
    groups.push({
      kind: 'messages',
      label: t('home.changes.messages'),
      count: changes.messages.count,
      section: 'messages',
      items: changes.messages.latest.map((message) => ({
        id: message.id,
        text: message.subject,
        detail: t('home.changes.message-from', { name: message.author.name, date: formatDate(message.createdAt) }),
        section: 'messages',
        itemId: message.threadId,
      })),
    });
  }
  if (changes.payments) {
    groups.push({
      kind: 'payments',
      label: t('home.changes.payments'),
      count: changes.payments.count,
      section: 'payments',
      items: changes.payments.latest.map((payment) => ({
        id: payment.id,
        text: t('home.changes.payment', { amount: formatMoney(payment.amount, payment.currency), receipt: payment.receiptNumber }),
        detail: formatDate(payment.settledAt),
        section: 'payments',
        itemId: '',
      })),
    });
  }
  return groups;
}
