import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import type * as schemas from '../../api/contract.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FirmAutopay } from '../api/autopay-api.ts';
import type { ContactChanges, FirmContact } from '../api/contacts-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { LoadMoreController } from '../controllers/load-more-controller.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import type { ConsoleScreenName } from '../screens.ts';
import { FormProblems } from '../settings/field-errors.ts';
import { clientsStyles } from './clients.styles.ts';
import {
  PortalConsoleClientsAddedEvent,
  PortalConsoleClientsChangedEvent,
  PortalConsoleClientsInvitedEvent,
  PortalConsoleClientsNewItemEvent,
} from './events.ts';

/** A message made while rendering, so that it follows the current language. */
type Words = () => string;

/** Which clients the list shows. */
export type ClientStatusFilter = 'active' | 'archived' | 'all';

/** Where a client stands with the portal, as the firm reads it. */
export type ClientStanding = 'active' | 'invited' | 'invitation-expired' | 'not-invited' | 'archived';

/** The fields of the add and edit forms, as the service names them. */
type AddressField = 'addressLine1' | 'addressCity' | 'addressState' | 'addressPostalCode';
/** The postal address's fields, and the name the service gives each. */
const addressFields: Record<AddressField, string> = {
  addressLine1: 'address.line1',
  addressCity: 'address.city',
  addressState: 'address.state',
  addressPostalCode: 'address.postalCode',
};
type ContactField = 'name' | 'email' | 'phone' | AddressField;
const contactFields: readonly ContactField[] = ['name', 'email', 'phone', 'addressLine1', 'addressCity', 'addressState', 'addressPostalCode'];
/** A field of the form as the service names it. */
const serviceField = (name: ContactField): string => (name in addressFields ? addressFields[name as AddressField] : name);

/** The address as the service takes it, from the form; null when every part is blank. */
function addressOf(values: Pick<ContactForm, AddressField>): ContactChanges['address'] {
  const part = (value: string) => value.trim() || null;
  const address = {
    line1: part(values.addressLine1),
    city: part(values.addressCity),
    state: part(values.addressState)?.toUpperCase() ?? null,
    postalCode: part(values.addressPostalCode),
  };
  return Object.values(address).some((value) => value !== null) ? address : null;
}

/** A contact's address on one line: "1 Congress St, Portland, ME 04101"; '' when none. */
function addressText(address: FirmContact['address']): string {
  if (!address) return '';
  const place = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [address.line1, address.city, place].filter(Boolean).join(', ');
}

const LARGEST_PAGE = 200;
// Each list on a client's page shows this many of the latest; the screen of each lists them all.
const SHORT_LIST = 5;

/**
 * Where a client stands: archived; active once they have a login or have signed in; invited
 * while an invitation waits (or expired unanswered); else not invited yet.
 */
export function clientStanding(contact: Pick<FirmContact, 'status' | 'hasLogin' | 'lastSignInAt' | 'invitationStatus'>): ClientStanding {
  if (contact.status === 'archived') return 'archived';
  if (contact.hasLogin || contact.lastSignInAt) return 'active';
  if (contact.invitationStatus === 'pending') return 'invited';
  if (contact.invitationStatus === 'expired') return 'invitation-expired';
  return 'not-invited';
}

/** The language of a client's portal and emails: '' until chosen (their emails follow the portal page they sign in from). */
type ContactLanguage = '' | 'en' | 'es';
const contactLanguages: readonly ContactLanguage[] = ['', 'en', 'es'];

interface ContactForm {
  name: string;
  email: string;
  phone: string;
  locale: ContactLanguage;
  addressLine1: string;
  addressCity: string;
  addressState: string;
  addressPostalCode: string;
  invite: boolean;
}

const noAddress = { addressLine1: '', addressCity: '', addressState: '', addressPostalCode: '' };
const emptyForm = (): ContactForm => ({ name: '', email: '', phone: '', locale: '', ...noAddress, invite: true });

/** A payment as the firm's payment list gives it. */
type PaymentRow = schemas.FirmPaymentPage['data'][number];

/** One short list of a client's page: its rows, or why it could not be loaded. */
type Related<T> = { rows: T[]; more: boolean } | { error: unknown };

interface ClientRecords {
  invoices: Related<schemas.FirmInvoice>;
  payments: Related<PaymentRow>;
  files: Related<schemas.FirmFile>;
  activities: Related<schemas.FirmActivity>;
  threads: Related<schemas.FirmThread>;
}

/**
 * The firm's Clients screen. The list: search by name or email, show active, archived or all
 * clients, each with their standing (active, invited, not invited, archived) and last sign-in,
 * a page at a time. "Add a client" asks for the name, email and phone, the language and the
 * postal address (whose state decides the card surcharge rules when a card gives no billing ZIP),
 * and sends the portal invitation at once unless unticked.
 *
 * A client's page (`item-id` = the contact id): their details and standing, when they were
 * invited and last signed in; Edit, Send (or Resend) invitation, Archive / Restore (after a
 * confirmation); and their latest invoices, payments, files, tasks and threads, each opening in
 * its own screen, with "New message" and "New invoice" shortcuts. The service's problems show next
 * to the field they name; results are announced in a live region. What the role cannot do is not
 * shown.
 *
 * @tag portal-console-clients
 *
 * @attr item-id - The client (contact id) whose page is shown; empty for the list.
 * @prop itemId - The client (contact id) whose page is shown; empty for the list.
 *
 * @event portal-console-open - Asks the console to show one of the client's items in its screen (`invoices`, `payments`, `files`, `tasks`, `inbox`). A client's own page is opened by changing `item-id`, which the console follows.
 * @event portal-console-clients-added - The firm added a client. `detail.contact`, `detail.invited`.
 * @event portal-console-clients-changed - The firm edited, archived or restored a client. `detail.contact`, `detail.change`.
 * @event portal-console-clients-invited - The firm emailed a client an invitation. `detail.contactId`, `detail.invitation`.
 * @event portal-console-clients-new-item - "New message" or "New invoice" was pressed. `detail.contactId`, `detail.screen`. Cancelable.
 *
 * @csspart address - The postal address fields of the add and edit forms.
 * @csspart base - Everything inside the element.
 * @csspart header - The heading and its buttons.
 * @csspart heading - The screen's heading, or the client's name on their page.
 * @csspart add-button - Opens the form that adds a client.
 * @csspart form - The add or edit form.
 * @csspart save-button - The form's save button.
 * @csspart filters - The search and the status filter.
 * @csspart search - The search field.
 * @csspart status-filter - The status filter.
 * @csspart list - The list of clients.
 * @csspart row - One client.
 * @csspart open-button - A client's name, a button that opens their page.
 * @csspart status - A client's standing badge.
 * @csspart load-more-button - Loads the next page of clients.
 * @csspart detail - A client's page.
 * @csspart back-button - Returns from a client's page to the list.
 * @csspart actions - A client's action buttons.
 * @csspart edit-button - Opens the edit form.
 * @csspart invite-button - Sends (or sends again) the invitation.
 * @csspart archive-button - Archives the client.
 * @csspart restore-button - Restores an archived client.
 * @csspart new-message-button - Opens the inbox to write to the client.
 * @csspart new-invoice-button - Opens the invoices screen to bill the client.
 * @csspart facts - The client's details.
 * @csspart records - The client's invoices, payments, files, tasks and threads.
 * @csspart record - One of those lists.
 * @csspart record-row - One item of those lists, a button that opens it.
 * @csspart autopay - The client's autopay for each matter, when they have any.
 * @csspart autopay-cancel-button - Turns a matter's autopay off (after a confirmation).
 * @csspart autopay-under-way - Under autopay turned off: a charge already under way, which turning it off did not stop.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - The message shown when no client matches.
 * @csspart error - The panel shown when clients cannot be loaded.
 * @csspart retry-button - Tries again.
 * @csspart confirm-dialog - The confirmation before archiving.
 * @csspart announcer - The live region announcing results.
 *
 * @cssprop --portal-console-clients-heading-color - Headings (default `--portal-color-text`).
 * @cssprop --portal-console-clients-border-color - Borders of the list, forms and records (default `--portal-color-divider`).
 * @cssprop --portal-console-clients-row-background - A client's row (default `--portal-color-surface`).
 * @cssprop --portal-console-clients-row-hover-background - A row under the pointer (default `--portal-color-surface-alt`).
 * @cssprop --portal-console-clients-panel-background - The form and the client's details (default `--portal-color-surface-alt`).
 *
 * @cssstate loading - The list or the client's page is loading.
 * @cssstate empty - No client matches.
 * @cssstate error - The list or the client could not be loaded.
 * @cssstate detail - A client's page is shown.
 * @cssstate editing - The add or edit form is open.
 */
export class PortalConsoleClients extends ConsoleScreen {
  static override styles = [ConsoleScreen.styles, confirmStyles, clientsStyles];

  /** Clients per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private statusFilter: ClientStatusFilter = 'active';
  @state() private query = '';
  @state() private contacts: FirmContact[] = [];
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  /** The open form: adding a client, or editing the one shown. */
  @state() private form: 'add' | 'edit' | undefined;
  @state() private values: ContactForm = emptyForm();
  @state() private fieldErrors: Partial<Record<ContactField, string>> = {};
  @state() private formAlert: unknown;
  @state() private saving = false;
  /** An action on the client shown that is on its way: its button is busy. */
  @state() private pending: 'invite' | 'archive' | 'restore' | undefined;
  /** The client shown as this screen last changed them, until their page loads again. */
  @state() private changed: FirmContact | undefined;

  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  readonly #more = new LoadMoreController(this, { fetch: (cursor, signal) => this.client && this.#loadMore(this.client, cursor, signal) });
  #action: AbortController | undefined;
  #returnTo: string | undefined;
  // Announce how many clients a search found, once its answer is in.
  #announceResults = false;

  readonly #list = new Task(this, {
    task: async ([client, status, q, pageSize], { signal }) => {
      this.#more.reset();
      if (!client) return untilAborted(signal);
      const page = await client.contacts.list({ status, q: q || undefined, limit: pageLimit(pageSize) }, { signal });
      this.contacts = page.data;
      this.#more.cursor = page.nextCursor;
      if (this.#announceResults) {
        this.#announceResults = false;
        const count = page.data.length;
        this.#announce(() =>
          page.nextCursor ? t('clients.results-more', { count }) : count === 1 ? t('clients.results-one') : t('clients.results', { count }),
        );
      }
      return page;
    },
    args: () => [this.client, this.statusFilter, this.query, this.pageSize] as const,
  });

  readonly #contact = new Task(this, {
    task: async ([client, id], { signal }): Promise<FirmContact | undefined> => {
      this.changed = undefined;
      if (!id) return undefined;
      if (!client) return untilAborted(signal);
      return client.contacts.get(id, { signal });
    },
    args: () => [this.client, this.itemId] as const,
  });

  // The client's autopay; the page reads the same without it.
  readonly #autopay = new Task(this, {
    task: async ([client, id], { signal }): Promise<FirmAutopay[]> => {
      if (!id || !can(this.staff, 'read-money')) return [];
      if (!client) return untilAborted(signal);
      return client.autopay.list({ contactId: id }, { signal }).catch((error: unknown) => {
        if (isAbortError(error)) throw error;
        return [];
      });
    },
    args: () => [this.client, this.itemId] as const,
  });

  readonly #records = new Task(this, {
    task: async ([client, id], { signal }): Promise<ClientRecords | undefined> => {
      if (!id) return undefined;
      if (!client) return untilAborted(signal);
      const limit = SHORT_LIST;
      const [invoices, payments, files, activities, threads] = await Promise.all([
        related(client.invoices.list({ contactId: id, sort: '-issuedOn', limit }, { signal })),
        related(client.contacts.payments(id, { limit, signal })),
        related(client.files.list({ contactId: id, limit }, { signal })),
        related(client.activities.list({ contactId: id, limit }, { signal })),
        related(client.threads.list({ contactId: id, limit }, { signal })),
      ]);
      signal.throwIfAborted();
      return { invoices, payments, files, activities, threads };
    },
    args: () => [this.client, this.itemId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the list, and the client shown, again. */
  async refresh(): Promise<void> {
    await Promise.all([this.#list.run(), this.itemId ? this.#contact.run() : undefined, this.itemId ? this.#records.run() : undefined]);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#action?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another client's page starts without the last one's form, alert or pending action.
    if (changed.has('itemId') && changed.get('itemId') !== undefined) {
      this.#action?.abort();
      this.pending = undefined;
      this.alert = undefined;
      if (this.form === 'edit' || this.itemId) this.#closeForm();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const task = this.itemId ? this.#contact : this.#list;
    const status = task.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING || status === TaskStatus.INITIAL);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', !this.itemId && status === TaskStatus.COMPLETE && this.contacts.length === 0);
    toggleState(this.#internals, 'detail', Boolean(this.itemId));
    toggleState(this.#internals, 'editing', this.form !== undefined);
  }

  protected override render(): TemplateResult {
    return html`
      <div class="base" part="base">
        <p class="visually-hidden" part="announcer" role="status" aria-live="polite">${this.announcement?.() ?? ''}</p>
        ${this.itemId ? this.#renderPage() : this.#renderList()} ${this.#confirm.renderDialog()}
      </div>
    `;
  }

  // ── The list ─────────────────────────────────────────────────────────────────────────────────

  #renderList(): TemplateResult {
    const canWrite = can(this.staff, 'clients');
    return html`
      <section aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" part="heading" tabindex="-1">${t('clients.heading')}</h2>
          ${
            canWrite && this.form !== 'add'
              ? html`<button class="button" part="add-button" type="button" @click=${this.#openAdd}>${t('clients.add')}</button>`
              : nothing
          }
        </div>
        ${this.form === 'add' ? this.#renderForm() : nothing} ${this.#renderFilters()}
        ${this.#list.render({
          initial: () => this.#renderSkeleton(),
          pending: () => this.#renderSkeleton(),
          complete: () => (this.contacts.length ? this.#renderRows() : this.#renderEmpty()),
          error: (error) => this.#renderFailure(t('clients.error-heading'), error, () => void this.#list.run()),
        })}
      </section>
    `;
  }

  #renderFilters(): TemplateResult {
    return html`
      <div class="filters" part="filters">
        <form class="search" role="search" @submit=${this.#onSearch}>
          <div class="field">
            <label for="search">${t('clients.search.label')}</label>
            <div class="search-row">
              <input id="search" part="search" type="search" name="q" .value=${live(this.query)} autocomplete="off" maxlength="200" />
              <button class="button secondary" type="submit">${t('clients.search.submit')}</button>
            </div>
          </div>
        </form>
        <div class="field">
          <label for="status-filter">${t('clients.filter.label')}</label>
          <select id="status-filter" part="status-filter" @change=${this.#onStatusChange}>
            ${(['active', 'archived', 'all'] as const).map(
              (value) => html`<option value=${value} ?selected=${value === this.statusFilter}>${t(`clients.filter.${value}`)}</option>`,
            )}
          </select>
        </div>
      </div>
    `;
  }

  #renderRows(): TemplateResult {
    return html`
      <ul class="list" part="list" aria-labelledby="heading" aria-busy=${this.#more.loading ? 'true' : 'false'}>
        ${repeat(
          this.contacts,
          (contact) => contact.id,
          (contact) => html`
            <li class="row" part="row" data-contact-id=${contact.id}>
              <span class="who">
                <button class="link-button open-button" part="open-button" type="button" @click=${() => this.#open(contact.id)}>${contact.name}</button>
                <span class="email">${contact.email}</span>
              </span>
              ${this.#renderBadge(contact)}
              <span class="last-sign-in">
                ${contact.lastSignInAt ? t('clients.last-sign-in', { when: formatDateTime(contact.lastSignInAt) }) : t('clients.never-signed-in')}
              </span>
            </li>
          `,
        )}
      </ul>
      <div class="more">
        ${this.#more.renderError(t('clients.more-error'))}
        ${this.#more.renderButton({ more: t('clients.load-more'), loading: t('clients.loading-more'), retry: t('console.retry') })}
      </div>
    `;
  }

  #renderBadge(contact: FirmContact): TemplateResult {
    const standing = clientStanding(contact);
    return html`<span class="badge" part="status" data-tone=${standingTone[standing]}>${t(`clients.standing.${standing}`)}</span>`;
  }

  #renderEmpty(): TemplateResult {
    const filtered = this.query !== '' || this.statusFilter !== 'active';
    return html`
      <div class="state" part="empty">
        <h3>${filtered ? t('clients.empty-filtered') : t('clients.empty')}</h3>
        ${
          filtered
            ? html`<p><button class="link-button" type="button" @click=${this.#clearFilters}>${t('clients.clear-filters')}</button></p>`
            : html`<p>${t('clients.empty-detail')}</p>`
        }
      </div>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('clients.loading')}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderFailure(heading: string, error: unknown, retry: () => void): TemplateResult {
    return html`
      <div class="state error-state" part="error">
        <h3>${heading}</h3>
        <div class="alert" role="alert"><p>${errorMessage(error)}</p></div>
        <button class="button" part="retry-button" type="button" @click=${retry}>${t('console.retry')}</button>
      </div>
    `;
  }

  // ── The add and edit form ────────────────────────────────────────────────────────────────────

  #renderForm(): TemplateResult {
    const adding = this.form === 'add';
    const errors = this.fieldErrors;
    const field = (name: ContactField, type: string, autocomplete: string, required: boolean) => html`
      <div class="field">
        <label for="field-${name}">${t(`clients.field.${name}`)}${required ? nothing : html` <span class="optional">${t('clients.optional')}</span>`}</label>
        <input
          id="field-${name}"
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          .value=${live(this.values[name])}
          ?required=${required}
          aria-invalid=${errors[name] ? 'true' : 'false'}
          aria-describedby=${errors[name] ? `error-${name}` : nothing}
          @input=${(event: Event) => this.#setValue(name, (event.target as HTMLInputElement).value)}
        />
        ${errors[name] ? html`<p class="field-error" id="error-${name}">${errors[name]}</p>` : nothing}
      </div>
    `;
    return html`
      <form class="panel form" part="form" aria-labelledby="form-heading" novalidate @submit=${this.#onSubmit}>
        <h3 id="form-heading" tabindex="-1">${adding ? t('clients.form.add-heading') : t('clients.form.edit-heading')}</h3>
        <div class="alert" role="alert">${this.formAlert === undefined ? nothing : html`<p>${errorMessage(this.formAlert)}</p>`}</div>
        <div class="form-fields">
          ${field('name', 'text', 'off', true)} ${field('email', 'email', 'off', true)} ${field('phone', 'tel', 'off', false)}
          <div class="field">
            <label for="field-locale">${t('clients.field.locale')}</label>
            <select
              id="field-locale"
              name="locale"
              part="locale-select"
              aria-describedby="hint-locale"
              @change=${(event: Event) => (this.values = { ...this.values, locale: (event.target as HTMLSelectElement).value as ContactLanguage })}
            >
              ${contactLanguages.map(
                (language) =>
                  html`<option value=${language} ?selected=${this.values.locale === language}>${t(`clients.locale.${language || 'none'}`)}</option>`,
              )}
            </select>
            <p class="hint" id="hint-locale">${t('clients.locale.hint')}</p>
          </div>
          <fieldset class="address" part="address">
            <legend>${t('clients.address')}</legend>
            <p class="hint">${t('clients.address.hint')}</p>
            ${field('addressLine1', 'text', 'off', false)} ${field('addressCity', 'text', 'off', false)} ${field('addressState', 'text', 'off', false)}
            ${field('addressPostalCode', 'text', 'off', false)}
          </fieldset>
        </div>
        ${
          adding
            ? html`<div class="check">
                <input
                  id="field-invite"
                  type="checkbox"
                  .checked=${live(this.values.invite)}
                  @change=${(event: Event) => (this.values = { ...this.values, invite: (event.target as HTMLInputElement).checked })}
                />
                <label for="field-invite">${t('clients.field.invite')}</label>
              </div>`
            : nothing
        }
        <div class="form-actions">
          <button class="button" part="save-button" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>
            ${this.saving ? t('clients.form.saving') : adding ? t('clients.form.add') : t('clients.form.save')}
          </button>
          <button class="button secondary" type="button" @click=${this.#cancelForm}>${t('clients.form.cancel')}</button>
        </div>
      </form>
    `;
  }

  // ── A client's page ──────────────────────────────────────────────────────────────────────────

  #renderPage(): TemplateResult {
    return html`
      <section class="detail" part="detail" aria-labelledby="client-heading">
        <button class="button secondary back" part="back-button" type="button" @click=${this.#back}>${t('clients.back')}</button>
        ${this.#contact.render({
          initial: () => this.#renderSkeleton(),
          pending: () => (this.#shown ? this.#renderContact(this.#shown) : this.#renderSkeleton()),
          complete: () => (this.#shown ? this.#renderContact(this.#shown) : nothing),
          error: (error) =>
            error instanceof ApiError && error.status === 404
              ? html`<div class="state" part="error"><h2 id="client-heading" tabindex="-1">${t('clients.not-found')}</h2><p>${t('clients.not-found-detail')}</p></div>`
              : this.#renderFailure(t('clients.page-error-heading'), error, () => void this.refresh()),
        })}
      </section>
    `;
  }

  #renderContact(contact: FirmContact): TemplateResult {
    const canWrite = can(this.staff, 'clients');
    const standing = clientStanding(contact);
    const archived = contact.status === 'archived';
    const busy = (what: typeof this.pending) => (this.pending === what ? 'true' : 'false');
    return html`
      <div class="header" part="header">
        <div class="title">
          <h2 id="client-heading" part="heading" tabindex="-1">${contact.name}</h2>
          ${this.#renderBadge(contact)}
        </div>
      </div>
      <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      ${
        canWrite && this.form === undefined
          ? html`<div class="actions" part="actions">
              <button class="button secondary" part="edit-button" type="button" @click=${() => this.#openEdit(contact)}>${t('clients.edit')}</button>
              ${
                !archived && !contact.hasLogin
                  ? html`<button class="button secondary" part="invite-button" type="button" aria-disabled=${busy('invite')} @click=${() => void this.#invite(contact)}>
                      ${this.pending === 'invite' ? t('clients.inviting') : standing === 'not-invited' ? t('clients.invite') : t('clients.reinvite')}
                    </button>`
                  : nothing
              }
              ${
                archived
                  ? html`<button class="button secondary" part="restore-button" type="button" aria-disabled=${busy('restore')} @click=${() => void this.#restore(contact)}>
                      ${this.pending === 'restore' ? t('clients.restoring') : t('clients.restore')}
                    </button>`
                  : html`<button class="button secondary danger-outline" part="archive-button" type="button" aria-disabled=${busy('archive')} @click=${() => void this.#archive(contact)}>
                      ${this.pending === 'archive' ? t('clients.archiving') : t('clients.archive')}
                    </button>`
              }
              ${
                !archived && can(this.staff, 'messages')
                  ? html`<button class="button" part="new-message-button" type="button" @click=${() => this.#newItem(contact, 'inbox')}>${t('clients.new-message')}</button>`
                  : nothing
              }
              ${
                !archived && can(this.staff, 'write-money')
                  ? html`<button class="button" part="new-invoice-button" type="button" @click=${() => this.#newItem(contact, 'invoices')}>${t('clients.new-invoice')}</button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${this.form === 'edit' ? this.#renderForm() : this.#renderFacts(contact, standing)} ${this.#renderRecords()} ${this.#renderAutopay()}
    `;
  }

  #renderFacts(contact: FirmContact, standing: ClientStanding): TemplateResult {
    const invitation =
      contact.invitedAt === null
        ? t('clients.invitation.none')
        : t(`clients.invitation.${contact.invitationStatus === 'none' ? 'pending' : contact.invitationStatus}`, { date: formatDate(contact.invitedAt) });
    return html`
      <dl class="panel facts" part="facts">
        <div><dt>${t('clients.field.email')}</dt><dd>${contact.email}</dd></div>
        <div><dt>${t('clients.field.phone')}</dt><dd>${contact.phone ?? html`<span class="muted">${t('clients.none')}</span>`}</dd></div>
        <div>
          <dt>${t('clients.field.locale')}</dt>
          <dd>${contact.locale ? t(`clients.locale.${contact.locale}`) : html`<span class="muted">${t('clients.locale.none')}</span>`}</dd>
        </div>
        <div>
          <dt>${t('clients.address')}</dt>
          <dd>${addressText(contact.address) || html`<span class="muted">${t('clients.none')}</span>`}</dd>
        </div>
        <div><dt>${t('clients.status')}</dt><dd>${t(`clients.standing.${standing}`)}</dd></div>
        <div><dt>${t('clients.invitation')}</dt><dd>${invitation}</dd></div>
        <div>
          <dt>${t('clients.last-sign-in-label')}</dt>
          <dd>${contact.lastSignInAt ? formatDateTime(contact.lastSignInAt) : html`<span class="muted">${t('clients.never')}</span>`}</dd>
        </div>
        <div><dt>${t('clients.since')}</dt><dd>${formatDate(contact.createdAt)}</dd></div>
      </dl>
    `;
  }

  #renderRecords(): TemplateResult {
    const records = this.#records.value;
    const loading = this.#records.status !== TaskStatus.COMPLETE && this.#records.status !== TaskStatus.ERROR;
    const id = this.itemId;
    const section = <T>(key: string, heading: string, list: Related<T> | undefined, row: (item: T) => TemplateResult, all: () => void) => html`
      <section class="record" part="record" aria-labelledby="records-${key}">
        <div class="record-header">
          <h3 id="records-${key}">${heading}</h3>
          <button class="link-button" type="button" @click=${all}>${t('clients.records.see-all')}<span class="visually-hidden">: ${heading}</span></button>
        </div>
        ${
          !list
            ? loading
              ? html`<span class="skeleton-block" aria-hidden="true"></span><span class="visually-hidden">${t('clients.loading')}</span>`
              : html`<div class="alert" role="alert"><p>${errorMessage(this.#records.error)}</p></div>`
            : 'error' in list
              ? html`<p class="muted">${errorMessage(list.error)}</p>`
              : list.rows.length === 0
                ? html`<p class="muted">${t('clients.records.none')}</p>`
                : html`<ul>
                    ${list.rows.map((item) => html`<li>${row(item)}</li>`)}
                  </ul>`
        }
      </section>
    `;
    const open = (screen: ConsoleScreenName, itemId: string) => () => this.dispatchEvent(new PortalConsoleOpenEvent({ screen, itemId }));
    const rowButton = (onClick: () => void, main: unknown, aside: unknown) =>
      html`<button class="record-row" part="record-row" type="button" @click=${onClick}><span class="main">${main}</span><span class="aside">${aside}</span></button>`;
    return html`
      <div class="records" part="records">
        ${section(
          'invoices',
          t('clients.records.invoices'),
          records?.invoices,
          (invoice: schemas.FirmInvoice) =>
            rowButton(
              open('invoices', invoice.id),
              html`${invoice.number} · ${t(`clients.invoice-status.${invoice.status}`)}`,
              formatMoney(invoice.balance, invoice.currency),
            ),
          open('invoices', ''),
        )}
        ${
          can(this.staff, 'read-money')
            ? section(
                'payments',
                t('clients.records.payments'),
                records?.payments,
                (payment: PaymentRow) =>
                  rowButton(
                    open('payments', payment.id),
                    html`${formatDate(payment.createdAt)} · ${t(`clients.payment-status.${payment.status}`)}`,
                    formatMoney(payment.amount, payment.currency),
                  ),
                open('payments', ''),
              )
            : nothing
        }
        ${section(
          'files',
          t('clients.records.files'),
          records?.files,
          (file: schemas.FirmFile) => rowButton(open('files', id), file.name, formatDate(file.createdAt)),
          open('files', id),
        )}
        ${section(
          'tasks',
          t('clients.records.tasks'),
          records?.activities,
          (activity: schemas.FirmActivity) => rowButton(open('tasks', id), activity.title, t(`clients.activity-status.${activity.status}`)),
          open('tasks', id),
        )}
        ${section(
          'threads',
          t('clients.records.threads'),
          records?.threads,
          (thread: schemas.FirmThread) =>
            rowButton(
              open('inbox', thread.id),
              html`${thread.subject}${thread.unreadCount ? html` · ${t('clients.unread', { count: thread.unreadCount })}` : nothing}`,
              formatDate(thread.lastActivityAt),
            ),
          open('inbox', ''),
        )}
      </div>
    `;
  }

  #renderAutopay(): TemplateResult | typeof nothing {
    const enrolments = this.#autopay.value ?? [];
    if (!enrolments.length) return nothing;
    const canWrite = can(this.staff, 'write-money');
    return html`
      <section class="record" part="autopay" aria-labelledby="records-autopay">
        <div class="record-header"><h3 id="records-autopay" tabindex="-1">${t('clients.autopay.heading')}</h3></div>
        <ul>
          ${enrolments.map(
            (enrolment) => html`<li class="autopay" data-enrolment=${enrolment.id}>
              <p>
                <strong>${enrolment.matter}</strong> · ${t(`clients.autopay.status.${enrolment.status}`)} · ${methodWords(enrolment.method)}
                ${
                  enrolment.nextCharge
                    ? html` · ${t('clients.autopay.next', {
                        amount: formatMoney(enrolment.nextCharge.amount, enrolment.currency),
                        date: formatDate(enrolment.nextCharge.on),
                        number: enrolment.nextCharge.invoiceNumber,
                      })}`
                    : nothing
                }
              </p>
              ${
                enrolment.status === 'active'
                  ? nothing
                  : enrolment.chargesUnderWay.map((charge) => html`<p class="muted" part="autopay-under-way">${underWayWords(charge)}</p>`)
              }
              ${
                enrolment.status === 'active' && canWrite
                  ? html`<button
                      class="button secondary"
                      part="autopay-cancel-button"
                      type="button"
                      aria-label=${t('clients.autopay.cancel-label', { matter: enrolment.matter })}
                      @click=${() => void this.#cancelAutopay(enrolment)}
                    >
                      ${t('clients.autopay.cancel')}
                    </button>`
                  : nothing
              }
            </li>`,
          )}
        </ul>
      </section>
    `;
  }

  async #cancelAutopay(enrolment: FirmAutopay): Promise<void> {
    const client = this.client;
    if (!client || this.pending) return;
    const confirmed = await this.#confirm.ask({
      title: t('clients.autopay.cancel-title', { matter: enrolment.matter }),
      body: t('clients.autopay.cancel-body'),
      confirm: t('clients.autopay.cancel'),
      cancel: t('clients.archive-confirm.cancel'),
    });
    const focusRow = async () => {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-enrolment="${enrolment.id}"] [part~="autopay-cancel-button"]`)?.focus();
    };
    if (!confirmed) return focusRow();
    const request = this.#startAction();
    this.alert = undefined;
    try {
      const { chargesUnderWay } = await client.autopay.cancel(enrolment.id, { signal: request.signal });
      await this.#autopay.run();
      // Staff hear what was not stopped, as the client is told.
      this.#announce(() => [t('clients.autopay.cancelled', { matter: enrolment.matter }), ...chargesUnderWay.map(underWayWords)].join(' '));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#records-autopay')?.focus();
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      // The alert says why; the button is back under focus, to try again.
      this.alert = () => errorMessage(error);
      await focusRow();
    }
  }

  /** The client on screen: as last changed here, else as loaded. */
  get #shown(): FirmContact | undefined {
    const shown = this.changed ?? this.#contact.value;
    return shown?.id === this.itemId ? shown : undefined;
  }

  // ── Actions ──────────────────────────────────────────────────────────────────────────────────

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    this.#announceResults = true;
    const q = input.value.trim();
    // The same search again still answers (and announces) afresh.
    if (q === this.query) void this.#list.run();
    else this.query = q;
  }

  #onStatusChange(event: Event): void {
    this.#announceResults = true;
    this.statusFilter = (event.target as HTMLSelectElement).value as ClientStatusFilter;
  }

  #clearFilters(): void {
    this.#announceResults = true;
    this.query = '';
    this.statusFilter = 'active';
  }

  async #loadMore(client: ConsoleClient, cursor: string, signal: AbortSignal): Promise<void> {
    const firstNew = this.contacts.length;
    const page = await client.contacts.list({ status: this.statusFilter, q: this.query || undefined, limit: pageLimit(this.pageSize), cursor }, { signal });
    this.contacts = [...this.contacts, ...page.data];
    this.#more.cursor = page.nextCursor;
    this.#announce(() => t('clients.loaded-more', { count: page.data.length }));
    await this.updateComplete;
    // Whoever pressed "Load more" continues at the first client it brought.
    this.renderRoot.querySelectorAll<HTMLElement>('[part~="open-button"]')[firstNew]?.focus();
  }

  async #open(contactId: string): Promise<void> {
    this.#returnTo = contactId;
    this.#closeForm();
    // The console follows the reflected item-id (and keeps focus where this screen puts it).
    this.itemId = contactId;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="back-button"]')?.focus();
  }

  async #back(): Promise<void> {
    const returnTo = this.#returnTo;
    this.#returnTo = undefined;
    this.itemId = '';
    await this.updateComplete;
    const row = returnTo ? this.renderRoot.querySelector<HTMLElement>(`[data-contact-id="${CSS.escape(returnTo)}"] [part~="open-button"]`) : null;
    (row ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
  }

  async #openAdd(): Promise<void> {
    this.values = emptyForm();
    this.fieldErrors = {};
    this.formAlert = undefined;
    this.form = 'add';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#field-name')?.focus();
  }

  async #openEdit(contact: FirmContact): Promise<void> {
    const address = contact.address;
    this.values = {
      name: contact.name,
      email: contact.email,
      phone: contact.phone ?? '',
      locale: contact.locale ?? '',
      addressLine1: address?.line1 ?? '',
      addressCity: address?.city ?? '',
      addressState: address?.state ?? '',
      addressPostalCode: address?.postalCode ?? '',
      invite: false,
    };
    this.fieldErrors = {};
    this.formAlert = undefined;
    this.alert = undefined;
    this.form = 'edit';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#field-name')?.focus();
  }

  async #cancelForm(): Promise<void> {
    const was = this.form;
    this.#closeForm();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(was === 'add' ? '[part~="add-button"]' : '[part~="edit-button"]')?.focus();
  }

  #closeForm(): void {
    this.#action?.abort();
    this.form = undefined;
    this.saving = false;
    this.fieldErrors = {};
    this.formAlert = undefined;
  }

  #setValue(name: ContactField, value: string): void {
    this.values = { ...this.values, [name]: value };
    if (this.fieldErrors[name]) this.fieldErrors = { ...this.fieldErrors, [name]: undefined };
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.saving) return;
    const missing = this.#missingFields();
    if (Object.keys(missing).length) {
      this.fieldErrors = missing;
      this.formAlert = undefined;
      await this.updateComplete;
      this.#focusField(contactFields.find((name) => missing[name]));
      return;
    }
    const request = this.#startAction();
    this.saving = true;
    this.formAlert = undefined;
    try {
      if (this.form === 'add') await this.#add(client, request.signal);
      else await this.#save(client, request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#showFormProblem(error);
    } finally {
      if (this.#action === request) this.saving = false;
    }
  }

  #missingFields(): Partial<Record<ContactField, string>> {
    const missing: Partial<Record<ContactField, string>> = {};
    if (!this.values.name.trim()) missing.name = t('clients.error.name-required');
    if (!this.values.email.trim()) missing.email = t('clients.error.email-required');
    else if (!/^[^\s@]+@[^\s@]+$/.test(this.values.email.trim())) missing.email = t('clients.error.email-invalid');
    return missing;
  }

  async #add(client: ConsoleClient, signal: AbortSignal): Promise<void> {
    const { name, email, phone, locale, invite } = this.values;
    const address = addressOf(this.values);
    const contact = await client.contacts.create(
      {
        name: name.trim(),
        email: email.trim(),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(locale ? { locale } : {}),
        ...(address ? { address } : {}),
      },
      { signal },
    );
    // The client exists from here on: a failed invitation is reported on their page, where it can be sent again.
    let inviteError: unknown;
    if (invite) {
      try {
        const invitation = await client.contacts.invite(contact.id, { signal });
        this.dispatchEvent(new PortalConsoleClientsInvitedEvent({ contactId: contact.id, invitation }));
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw error;
        inviteError = error;
      }
    }
    const invited = invite && inviteError === undefined;
    this.dispatchEvent(new PortalConsoleClientsAddedEvent({ contact, invited }));
    this.#closeForm();
    void this.#list.run();
    await this.#open(contact.id);
    if (inviteError !== undefined) this.alert = () => t('clients.added-invite-failed', { reason: errorMessage(inviteError) });
    this.#announce(() => (invited ? t('clients.added-invited', { name: contact.name }) : t('clients.added', { name: contact.name })));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#client-heading')?.focus();
  }

  async #save(client: ConsoleClient, signal: AbortSignal): Promise<void> {
    const current = this.#shown;
    if (!current) return;
    const { name, email, phone, locale } = this.values;
    const changes: ContactChanges = {};
    if (name.trim() !== current.name) changes.name = name.trim();
    if (email.trim().toLowerCase() !== current.email) changes.email = email.trim();
    const nextPhone = phone.trim() || null;
    if (nextPhone !== current.phone) changes.phone = nextPhone;
    if ((locale || null) !== current.locale) changes.locale = locale || null;
    const address = addressOf(this.values);
    if (JSON.stringify(address) !== JSON.stringify(current.address ?? null)) changes.address = address;
    const contact = Object.keys(changes).length ? await client.contacts.update(current.id, changes, { signal }) : current;
    this.changed = contact;
    this.#replaceRow(contact);
    this.#closeForm();
    if (contact !== current) this.dispatchEvent(new PortalConsoleClientsChangedEvent({ contact, change: 'updated' }));
    this.#announce(() => t('clients.saved', { name: contact.name }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="edit-button"]')?.focus();
  }

  #showFormProblem(error: unknown): void {
    // A taken email is a problem of the email field, though the service names no field for it.
    const problem = error instanceof ApiError && error.code === 'contact_exists' ? new ApiError({ ...error, extensions: { field: 'email' } }) : error;
    const problems = new FormProblems(problem, contactFields.map(serviceField));
    this.fieldErrors = Object.fromEntries(contactFields.flatMap((name) => (problems.of(serviceField(name)) ? [[name, problems.of(serviceField(name))!]] : [])));
    this.formAlert = problems.general;
    void this.updateComplete.then(() => {
      const first = contactFields.find((name) => problems.of(serviceField(name)));
      if (first) this.#focusField(first);
      else this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus();
    });
  }

  #focusField(name: ContactField | undefined): void {
    if (name) this.renderRoot.querySelector<HTMLElement>(`#field-${name}`)?.focus();
  }

  async #invite(contact: FirmContact): Promise<void> {
    const client = this.client;
    if (!client || this.pending) return;
    const request = this.#startAction();
    this.pending = 'invite';
    this.alert = undefined;
    try {
      const invitation = await client.contacts.invite(contact.id, { signal: request.signal });
      this.dispatchEvent(new PortalConsoleClientsInvitedEvent({ contactId: contact.id, invitation }));
      this.#announce(() => t('clients.invited', { email: contact.email }));
      const fresh = await client.contacts.get(contact.id, { signal: request.signal });
      this.changed = fresh;
      this.#replaceRow(fresh);
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => errorMessage(error);
    } finally {
      if (this.#action === request) this.pending = undefined;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="invite-button"]')?.focus();
  }

  async #archive(contact: FirmContact): Promise<void> {
    if (this.pending) return;
    const confirmed = await this.#confirm.ask({
      title: t('clients.archive-confirm.title', { name: contact.name }),
      body: t('clients.archive-confirm.body'),
      confirm: t('clients.archive-confirm.confirm'),
      cancel: t('clients.archive-confirm.cancel'),
    });
    if (!confirmed) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="archive-button"]')?.focus();
      return;
    }
    await this.#setArchived(contact, true);
  }

  #restore(contact: FirmContact): Promise<void> {
    return this.#setArchived(contact, false);
  }

  async #setArchived(contact: FirmContact, archived: boolean): Promise<void> {
    const client = this.client;
    if (!client || this.pending) return;
    const request = this.#startAction();
    this.pending = archived ? 'archive' : 'restore';
    this.alert = undefined;
    try {
      const changed = archived
        ? await client.contacts.archive(contact.id, { signal: request.signal })
        : await client.contacts.restore(contact.id, { signal: request.signal });
      this.changed = changed;
      this.#replaceRow(changed);
      this.dispatchEvent(new PortalConsoleClientsChangedEvent({ contact: changed, change: archived ? 'archived' : 'restored' }));
      this.#announce(() => (archived ? t('clients.archived', { name: changed.name }) : t('clients.restored', { name: changed.name })));
    } catch (error) {
      if (!request.signal.aborted && !isAbortError(error)) this.alert = () => errorMessage(error);
    } finally {
      if (this.#action === request) this.pending = undefined;
    }
    await this.updateComplete;
    // The button pressed is gone (archive became restore): its counterpart takes the focus.
    this.renderRoot.querySelector<HTMLElement>('[part~="restore-button"], [part~="archive-button"]')?.focus();
  }

  #newItem(contact: FirmContact, screen: 'inbox' | 'invoices'): void {
    const event = new PortalConsoleClientsNewItemEvent({ contactId: contact.id, screen });
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.dispatchEvent(new PortalConsoleOpenEvent({ screen, itemId: '' }));
  }

  /** A client changed on their page is changed in the list too; one that left the filter leaves it. */
  #replaceRow(contact: FirmContact): void {
    const fits = this.statusFilter === 'all' || this.statusFilter === contact.status;
    this.contacts = fits ? this.contacts.map((row) => (row.id === contact.id ? contact : row)) : this.contacts.filter((row) => row.id !== contact.id);
  }

  /** The latest action wins: a new one cancels the request of the one before. */
  #startAction(): AbortController {
    this.#action?.abort();
    const request = new AbortController();
    this.#action = request;
    return request;
  }

  #announce(words: Words): void {
    // Cleared first, so that the same words twice are announced twice.
    this.announcement = undefined;
    void this.updateComplete.then(() => (this.announcement = words));
  }
}

const standingTone: Record<ClientStanding, string> = {
  active: 'success',
  invited: 'info',
  'invitation-expired': 'warning',
  'not-invited': 'neutral',
  archived: 'neutral',
};

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}

/** One short list: its failure stays in its own section, so the others still show. */
async function related<T>(page: Promise<{ data: T[]; nextCursor: string | null }>): Promise<Related<T>> {
  try {
    const { data, nextCursor } = await page;
    return { rows: data, more: nextCursor !== null };
  } catch (error) {
    if (isAbortError(error)) throw error;
    return { error };
  }
}

/** A charge turning autopay off did not stop, in words. */
function underWayWords(charge: FirmAutopay['chargesUnderWay'][number]): string {
  return t('clients.autopay.under-way', { amount: formatMoney(charge.amount, charge.currency), number: charge.invoiceNumber });
}

/** A saved method in words: "Card •••• 4242", "Bank account •••• 6789". */
function methodWords(method: FirmAutopay['method']): string {
  return `${method.type === 'card' ? t('clients.autopay.card') : t('clients.autopay.bank')} •••• ${method.last4}`;
}
