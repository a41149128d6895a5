import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import type { Me, SavedPaymentMethod } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController, type Words } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from './profile-messages.ts';
import { savedMethodLabel } from '../pay/saved-methods.ts';
import { alertStyles, badgeStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalProfileChangeEvent, type ProfileChange } from './events.ts';
import { profileStyles } from './profile.styles.ts';

/** The profile's forms and actions, each with its own pending state and messages. */
type Action = 'details' | 'email' | 'code' | 'password' | 'notifications' | 'methods' | 'sign-out';
type Field = 'name' | 'locale' | 'newEmail' | 'emailPassword' | 'code' | 'currentPassword' | 'newPassword';
type Notifications = Me['profile']['notifications'];

const passwordMinimum = 10;
const emptyValues: Record<Field, string> = { name: '', locale: '', newEmail: '', emailPassword: '', code: '', currentPassword: '', newPassword: '' };

interface ProfileData {
  me: Me;
  /** Null when the client's saved methods cannot be read here (the firm takes no payments in the portal). */
  methods: SavedPaymentMethod[] | null;
}

/**
 * The signed-in client's own profile: their name and language, their email address (moved to a
 * new one with a code sent there), their password, which emails they get, their saved payment
 * methods (see, remove, choose the default `<portal-pay>` offers first), their second factors
 * (`<portal-two-factor-settings>`, unless the firm has clients' two-factor off), autopay for their
 * matters (`<portal-autopay-settings>`, when the firm offers it), and "sign out
 * everywhere". Security emails and receipts always go, and the list of choices says so.
 *
 * Each action shows that it is under way, announces its result in a live region, and shows a
 * problem next to the field it names (or above the form). Choosing a language fires
 * `portal-profile-change`, which `<portal-session>` answers by switching the portal to it
 * (unless the page gave the portal a `lang` of its own). "Sign out everywhere" ends every sign-in
 * of the client, this one included: the portal then shows the sign-in form.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-profile
 *
 * @event portal-profile-change - The client changed their profile. `detail.change` (`details`, `email`, `password`, `notifications`, `payment-method`, `signed-out-everywhere`), `detail.contact`.
 *
 * @csspart heading - The heading.
 * @csspart base - The profile's sections.
 * @csspart card - Each section (also `card-details`, `card-email`, `card-password`, `card-two-factor`, `card-notifications`, `card-methods`, `card-autopay`, `card-sign-out`).
 * @csspart two-factor - The `<portal-two-factor-settings>` element, shown unless the firm has clients' two-factor off.
 * @csspart autopay - The `<portal-autopay-settings>` element, shown when the firm offers autopay.
 * @csspart card-heading - A section's heading.
 * @csspart field - A field.
 * @csspart input - A field's input or select.
 * @csspart field-error - A field's error.
 * @csspart alert - A section's error, when no single field is to blame.
 * @csspart button - Every button (also `save-button`, `default-button`, `remove-button`, `sign-out-everywhere-button`).
 * @csspart method - One saved payment method.
 * @csspart default-badge - The badge on the default method.
 * @csspart notice - The live region announcing results.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The panel shown when the profile cannot be loaded.
 * @csspart retry-button - The button that tries again.
 *
 * @cssprop --portal-profile-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-profile-card-background - Sections' background (default `--portal-color-surface`).
 * @cssprop --portal-profile-card-border-color - Sections' border (default `--portal-color-divider`).
 * @cssprop --portal-profile-danger-color - The "sign out everywhere" button (default `--portal-color-danger`).
 *
 * @cssstate loading - The profile is loading.
 * @cssstate pending - A change is under way.
 * @cssstate error - The profile could not be loaded.
 */
export class PortalProfile extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, badgeStyles, profileStyles];

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @state() private values: Record<Field, string> = { ...emptyValues };
  @state() private notifications: Notifications | undefined;
  @state() private fieldMessages: Partial<Record<Field, Words>> = {};
  @state() private alerts: Partial<Record<Action, Words>> = {};
  @state() private pending: Action | undefined;
  @state() private confirmingSignOut = false;
  @state() private data: ProfileData | undefined;

  readonly #api = new ApiClientController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  #request: AbortController | undefined;

  readonly #profile = new Task(this, {
    task: async ([client], { signal }): Promise<ProfileData> => {
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const [me, methods] = await Promise.all([
        client.profile.get({ signal }),
        // Saved methods are a part of paying: a firm whose portal takes no payments has none to show.
        client.paymentMethods.list({ signal }).catch((error: unknown) => {
          if (signal.aborted || isAbortError(error)) throw error;
          return null;
        }),
      ]);
      this.#show({ me, methods });
      return { me, methods };
    },
    args: () => [this.#api.signedInClient, this.#api.contactId] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the profile again. */
  refresh(): Promise<unknown> {
    return this.#profile.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#profile.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING && !this.data);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'pending', this.pending !== undefined);
  }

  protected override render(): TemplateResult {
    return html`
      <h2 id="heading" part="heading" tabindex="-1">${t('profile.heading')}</h2>
      <div class="visually-hidden" part="notice" role="status">${this.#announcer.text}</div>
      ${this.#profile.render({
        initial: () => this.#renderSkeleton(),
        pending: () => (this.data ? this.#renderProfile(this.data) : this.#renderSkeleton()),
        complete: () => (this.data ? this.#renderProfile(this.data) : this.#renderSkeleton()),
        error: (error) => this.#renderFailure(error),
      })}
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('profile.loading')}</span>
        ${[0, 1, 2].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderFailure(error: unknown): TemplateResult {
    const configured = !(error instanceof NotConfiguredError);
    return html`
      <div class="card" part="error">
        <h3>${t('profile.error-heading')}</h3>
        <div class="alert" role="alert"><p>${configured ? errorMessage(error) : t('error.not-configured')}</p></div>
        ${configured ? html`<button class="button" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('common.retry')}</button>` : nothing}
      </div>
    `;
  }

  #renderProfile({ me, methods }: ProfileData): TemplateResult {
    return html`
      <div class="sections" part="base">
        ${this.#renderDetails()} ${this.#renderEmail(me)} ${me.profile.hasPassword ? this.#renderPassword() : nothing}
        ${
          me.firm.clientTwoFactor !== 'off'
            ? html`<div class="card" part="card card-two-factor"><portal-two-factor-settings part="two-factor"></portal-two-factor-settings></div>`
            : nothing
        }
        ${this.#renderNotifications()} ${methods ? this.#renderMethods(methods) : nothing}
        ${
          methods && me.firm.autopay?.enabled
            ? html`<div class="card" part="card card-autopay"><portal-autopay-settings
                part="autopay"
                .client=${this.client}
                .api=${this.api}
                .firm=${this.firm}
              ></portal-autopay-settings></div>`
            : nothing
        }
        ${this.#renderSignOut()}
      </div>
    `;
  }

  #renderDetails(): TemplateResult {
    return html`
      <section class="card" part="card card-details" aria-labelledby="details-heading">
        <h3 id="details-heading" part="card-heading">${t('profile.details.heading')}</h3>
        ${this.#alert('details')}
        <form novalidate @submit=${this.#saveDetails}>
          ${this.#input('name', t('profile.details.name'), { autocomplete: 'name', maxlength: 200 })}
          <div class="field" part="field">
            <label for="locale">${t('profile.details.language')}</label>
            <p class="hint" id="locale-hint">${t('profile.details.language-hint')}</p>
            <select
              id="locale"
              name="locale"
              part="input"
              aria-describedby="locale-hint"
              @change=${(event: Event) => this.#set('locale', (event.target as HTMLSelectElement).value)}
            >
              <option value="" ?selected=${this.values.locale === ''}>${t('profile.details.language-page')}</option>
              <option value="en" lang="en" ?selected=${this.values.locale === 'en'}>English</option>
              <option value="es" lang="es" ?selected=${this.values.locale === 'es'}>Español</option>
            </select>
          </div>
          ${this.#submit('details', t('profile.details.save'), t('profile.saving'))}
        </form>
      </section>
    `;
  }

  #renderEmail(me: Me): TemplateResult {
    const pending = me.profile.pendingEmail;
    return html`
      <section class="card" part="card card-email" aria-labelledby="email-heading">
        <h3 id="email-heading" part="card-heading">${t('profile.email.heading')}</h3>
        <p>${t('profile.email.current')} <strong data-email>${me.contact.email}</strong></p>
        ${
          pending
            ? html`
              ${this.#alert('code')}
              <form novalidate @submit=${this.#confirmEmail}>
                <p>${t('profile.email.code-sent', { email: pending.email, time: formatDateTime(pending.expiresAt) })}</p>
                ${this.#input('code', t('profile.email.code'), { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 })}
                <div class="actions">
                  ${this.#submit('code', t('profile.email.confirm'), t('profile.saving'))}
                  <button class="button secondary" part="button" type="button" @click=${this.#startOver}>${t('profile.email.start-over')}</button>
                </div>
              </form>
            `
            : html`
              ${this.#alert('email')}
              <form novalidate @submit=${this.#requestEmail}>
                ${this.#input('newEmail', t('profile.email.new'), { type: 'email', autocomplete: 'email', maxlength: 254 })}
                ${
                  me.profile.hasPassword
                    ? this.#input('emailPassword', t('profile.password.current'), { type: 'password', autocomplete: 'current-password', maxlength: 200 })
                    : html`<p class="muted">${t('profile.no-password')}</p>`
                }
                ${me.profile.hasPassword ? this.#submit('email', t('profile.email.send'), t('profile.sending')) : nothing}
              </form>
            `
        }
      </section>
    `;
  }

  #renderPassword(): TemplateResult {
    return html`
      <section class="card" part="card card-password" aria-labelledby="password-heading">
        <h3 id="password-heading" part="card-heading">${t('profile.password.heading')}</h3>
        ${this.#alert('password')}
        <form novalidate @submit=${this.#changePassword}>
          ${this.#input('currentPassword', t('profile.password.current'), { type: 'password', autocomplete: 'current-password', maxlength: 200 })}
          ${this.#input('newPassword', t('profile.password.new'), {
            type: 'password',
            autocomplete: 'new-password',
            maxlength: 200,
            hint: t('profile.password.rule', { count: String(passwordMinimum) }),
          })}
          ${this.#submit('password', t('profile.password.save'), t('profile.saving'))}
        </form>
      </section>
    `;
  }

  #renderNotifications(): TemplateResult {
    const choices = this.notifications ?? { invoices: true, messages: true };
    const check = (kind: keyof Notifications, label: string) => html`
      <label class="check">
        <input
          type="checkbox"
          name=${kind}
          .checked=${live(choices[kind])}
          @change=${(event: Event) => {
            this.notifications = { ...choices, [kind]: (event.target as HTMLInputElement).checked };
          }}
        />
        <span>${label}</span>
      </label>
    `;
    return html`
      <section class="card" part="card card-notifications" aria-labelledby="notifications-heading">
        <h3 id="notifications-heading" part="card-heading">${t('profile.notifications.heading')}</h3>
        ${this.#alert('notifications')}
        <form novalidate @submit=${this.#saveNotifications}>
          <fieldset aria-describedby="notifications-always">
            <legend>${t('profile.notifications.legend')}</legend>
            ${check('invoices', t('profile.notifications.invoices'))} ${check('messages', t('profile.notifications.messages'))}
          </fieldset>
          <p class="muted" id="notifications-always">${t('profile.notifications.always')}</p>
          ${this.#submit('notifications', t('profile.notifications.save'), t('profile.saving'))}
        </form>
      </section>
    `;
  }

  #renderMethods(methods: SavedPaymentMethod[]): TemplateResult {
    const busy = this.pending === 'methods';
    return html`
      <section class="card" part="card card-methods" aria-labelledby="methods-heading">
        <h3 id="methods-heading" part="card-heading">${t('profile.methods.heading')}</h3>
        ${this.#alert('methods')}
        ${
          methods.length
            ? html`<p class="muted">${t('profile.methods.hint')}</p>
              <ul class="methods">
                ${methods.map((method) => {
                  const label = savedMethodLabel(method);
                  return html`<li class="method" part="method" data-method=${method.id}>
                    <span class="method-name">
                      <span>${label}</span>
                      ${method.isDefault ? html`<span class="badge" data-tone="info" part="default-badge">${t('profile.methods.default')}</span>` : nothing}
                    </span>
                    <span class="actions">
                      ${
                        method.isDefault
                          ? nothing
                          : html`<button
                            class="button secondary"
                            part="button default-button"
                            type="button"
                            aria-disabled=${busy ? 'true' : 'false'}
                            aria-label=${t('profile.methods.make-default-label', { method: label })}
                            @click=${() => void this.#makeDefault(method)}
                          >
                            ${t('profile.methods.make-default')}
                          </button>`
                      }
                      <button
                        class="button secondary"
                        part="button remove-button"
                        type="button"
                        aria-disabled=${busy ? 'true' : 'false'}
                        aria-label=${t('profile.methods.remove-label', { method: label })}
                        @click=${() => void this.#remove(method)}
                      >
                        ${t('profile.methods.remove')}
                      </button>
                    </span>
                  </li>`;
                })}
              </ul>`
            : html`<p class="muted">${t('profile.methods.none')}</p>`
        }
      </section>
    `;
  }

  #renderSignOut(): TemplateResult {
    const busy = this.pending === 'sign-out';
    return html`
      <section class="card" part="card card-sign-out" aria-labelledby="sign-out-heading">
        <h3 id="sign-out-heading" part="card-heading">${t('profile.sign-out.heading')}</h3>
        ${this.#alert('sign-out')}
        <p class="muted">${t('profile.sign-out.hint')}</p>
        ${
          this.confirmingSignOut
            ? html`<div role="group" aria-labelledby="sign-out-question">
              <p id="sign-out-question">${t('profile.sign-out.question')}</p>
              <div class="actions">
                <button
                  id="confirm-sign-out"
                  class="button danger"
                  part="button sign-out-everywhere-button"
                  type="button"
                  aria-disabled=${busy ? 'true' : 'false'}
                  @click=${() => void this.#signOutEverywhere()}
                >
                  ${busy ? t('profile.sign-out.pending') : t('profile.sign-out.confirm')}
                </button>
                <button class="button secondary" part="button" type="button" @click=${this.#cancelSignOut}>${t('profile.sign-out.cancel')}</button>
              </div>
            </div>`
            : html`<button id="sign-out-everywhere" class="button secondary" part="button sign-out-everywhere-button" type="button" @click=${this.#askSignOut}>
              ${t('profile.sign-out.button')}
            </button>`
        }
      </section>
    `;
  }

  #input(
    field: Field,
    label: string,
    options: { type?: string; autocomplete?: string; inputmode?: string; maxlength?: number; hint?: string } = {},
  ): TemplateResult {
    const message = this.fieldMessages[field];
    const describedBy = [options.hint ? `${field}-hint` : '', message ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field" part="field">
        <label for=${field}>${label}</label>
        ${options.hint ? html`<p class="hint" id="${field}-hint">${options.hint}</p>` : nothing}
        <input
          id=${field}
          name=${field}
          part="input"
          type=${options.type ?? 'text'}
          inputmode=${options.inputmode ?? nothing}
          autocomplete=${options.autocomplete ?? 'off'}
          maxlength=${options.maxlength ?? nothing}
          .value=${live(this.values[field])}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
          @input=${(event: InputEvent) => this.#set(field, (event.target as HTMLInputElement).value)}
        />
        ${message ? html`<p class="field-error" id="${field}-error" part="field-error">${message()}</p>` : nothing}
      </div>
    `;
  }

  #submit(action: Action, label: string, pendingLabel: string): TemplateResult {
    const busy = this.pending === action;
    return html`<button class="button" part="button save-button" type="submit" data-action=${action} aria-disabled=${this.pending ? 'true' : 'false'}>
      ${busy ? pendingLabel : label}
    </button>`;
  }

  #alert(action: Action): TemplateResult {
    const words = this.alerts[action];
    return html`<div class="alert" part="alert" role="alert" data-for=${action}>${words ? html`<p>${words()}</p>` : nothing}</div>`;
  }

  #set(field: Field, value: string): void {
    this.values = { ...this.values, [field]: value };
  }

  /** Takes a loaded or changed profile into the forms. */
  #show(data: ProfileData): void {
    this.data = data;
    const { contact, profile } = data.me;
    this.values = { ...this.values, name: contact.name, locale: contact.locale ?? '' };
    this.notifications = { ...profile.notifications };
  }

  /** Runs one change with its pending state and an abort signal; its problems are shown next to its form. */
  async #run(action: Action, work: (client: ApiClient, signal: AbortSignal) => Promise<void>): Promise<void> {
    const client = this.#api.value;
    if (!client || this.pending) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.pending = action;
    this.alerts = {};
    this.fieldMessages = {};
    try {
      await work(client, request.signal);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#problem(action, error);
    } finally {
      if (this.#request === request) {
        this.#request = undefined;
        this.pending = undefined;
      }
    }
  }

  #changed(change: ProfileChange, me: Me, said: Words): void {
    this.#show({ me, methods: this.data?.methods ?? null });
    void this.#announcer.announce(said);
    this.dispatchEvent(new PortalProfileChangeEvent({ change, contact: me.contact }));
  }

  #saveDetails = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const name = this.values.name.trim();
    if (!name) return this.#fieldProblem('name', () => t('profile.error.name-required'));
    const locale = this.values.locale === 'en' || this.values.locale === 'es' ? this.values.locale : null;
    await this.#run('details', async (client, signal) => {
      const me = await client.profile.update({ name, locale }, { signal });
      this.#changed('details', me, () => t('profile.details.saved'));
    });
  };

  #requestEmail = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const newEmail = this.values.newEmail.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(newEmail)) return this.#fieldProblem('newEmail', () => t('profile.error.email-format'));
    if (!this.values.emailPassword) return this.#fieldProblem('emailPassword', () => t('profile.error.password-required'));
    await this.#run('email', async (client, signal) => {
      const started = await client.profile.requestEmailChange({ newEmail, password: this.values.emailPassword }, { signal });
      const me = this.data!.me;
      this.data = { ...this.data!, me: { ...me, profile: { ...me.profile, pendingEmail: started } } };
      this.values = { ...this.values, newEmail: '', emailPassword: '', code: '' };
      void this.#announcer.announce(() => t('profile.email.code-sent-said', { email: started.email }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus();
    });
  };

  #confirmEmail = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const code = this.values.code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) return this.#fieldProblem('code', () => t('profile.error.code-format'));
    await this.#run('code', async (client, signal) => {
      const me = await client.profile.confirmEmailChange({ code }, { signal });
      this.values = { ...this.values, code: '' };
      this.#changed('email', me, () => t('profile.email.changed', { email: me.contact.email }));
    });
  };

  #startOver = (): void => {
    const me = this.data?.me;
    if (!me) return;
    this.alerts = {};
    this.fieldMessages = {};
    this.data = { ...this.data!, me: { ...me, profile: { ...me.profile, pendingEmail: null } } };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#newEmail')?.focus());
  };

  #changePassword = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const { currentPassword, newPassword } = this.values;
    if (!currentPassword) return this.#fieldProblem('currentPassword', () => t('profile.error.password-required'));
    if ([...newPassword].length < passwordMinimum) {
      return this.#fieldProblem('newPassword', () => t('profile.password.rule', { count: String(passwordMinimum) }));
    }
    await this.#run('password', async (client, signal) => {
      await client.profile.changePassword({ currentPassword, newPassword }, { signal });
      this.values = { ...this.values, currentPassword: '', newPassword: '' };
      void this.#announcer.announce(() => t('profile.password.changed'));
      this.dispatchEvent(new PortalProfileChangeEvent({ change: 'password', contact: this.data!.me.contact }));
    });
  };

  #saveNotifications = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const notifications = this.notifications;
    if (!notifications) return;
    await this.#run('notifications', async (client, signal) => {
      const me = await client.profile.update({ notifications }, { signal });
      this.#changed('notifications', me, () => t('profile.notifications.saved'));
    });
  };

  async #makeDefault(method: SavedPaymentMethod): Promise<void> {
    const label = savedMethodLabel(method);
    await this.#run('methods', async (client, signal) => {
      const methods = await client.paymentMethods.setDefault(method.id, { signal });
      this.data = { ...this.data!, methods };
      void this.#announcer.announce(() => t('profile.methods.default-set', { method: label }));
      this.dispatchEvent(new PortalProfileChangeEvent({ change: 'payment-method', contact: this.data.me.contact }));
    });
  }

  async #remove(method: SavedPaymentMethod): Promise<void> {
    const label = savedMethodLabel(method);
    await this.#run('methods', async (client, signal) => {
      await client.paymentMethods.remove(method.id, { signal });
      this.data = { ...this.data!, methods: (this.data!.methods ?? []).filter((saved) => saved.id !== method.id) };
      void this.#announcer.announce(() => t('profile.methods.removed', { method: label }));
      this.dispatchEvent(new PortalProfileChangeEvent({ change: 'payment-method', contact: this.data.me.contact }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#methods-heading')?.focus();
    });
  }

  #askSignOut = (): void => {
    this.confirmingSignOut = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#confirm-sign-out')?.focus());
  };

  #cancelSignOut = (): void => {
    this.confirmingSignOut = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#sign-out-everywhere')?.focus());
  };

  async #signOutEverywhere(): Promise<void> {
    const contact = this.data?.me.contact;
    await this.#run('sign-out', async (client, signal) => {
      await client.profile.signOutEverywhere({ signal });
      this.confirmingSignOut = false;
      void this.#announcer.announce(() => t('profile.sign-out.done'));
      if (contact) this.dispatchEvent(new PortalProfileChangeEvent({ change: 'signed-out-everywhere', contact }));
      // This sign-in was ended with the others: forget it here too, and the session shows the sign-in form.
      await client.auth.logout().catch(() => undefined);
    });
  }

  #fieldProblem(field: Field, message: Words): void {
    this.fieldMessages = { [field]: message };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus());
  }

  #problem(action: Action, error: unknown): void {
    if (error instanceof ApiError) {
      switch (error.code) {
        case 'password_incorrect':
          return this.#fieldProblem(action === 'password' ? 'currentPassword' : 'emailPassword', () => t('profile.error.password-incorrect'));
        case 'weak_password':
          return this.#fieldProblem('newPassword', () => t('profile.password.rule', { count: String(passwordMinimum) }));
        case 'email_in_use':
          return this.#fieldProblem('newEmail', () => t('profile.error.email-in-use'));
        case 'email_unchanged':
          return this.#fieldProblem('newEmail', () => t('profile.error.email-unchanged'));
        case 'email_change_invalid':
          return this.#fieldProblem('code', () => t('profile.error.code-invalid'));
        case 'email_change_expired':
          this.alerts = { [action]: () => t('profile.error.code-expired') };
          return;
        case 'password_not_set':
          this.alerts = { [action]: () => t('profile.no-password') };
          return;
      }
    }
    this.alerts = { [action]: () => errorMessage(error) };
  }
}
