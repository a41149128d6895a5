import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { withLanguage } from '../../i18n/language.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FirmProfile } from '../api/settings-api.ts';
import type { StaffMe, StaffRole } from '../api/types.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { t } from '../i18n/translate.ts';
import { ApiKeysPanel } from './api-keys-panel.ts';
import { BrandingPanel } from './branding-panel.ts';
import { PortalConsoleSettingsSavedEvent } from './events.ts';
import { PortalPanel } from './portal-panel.ts';
import { isSettingsSection, sectionsFor, type SettingsSection } from './sections.ts';
import { renderLoadError, renderLoading, type Confirmation, type Message, type SettingsHost } from './settings-host.ts';
import { settingsStyles } from './settings.styles.ts';
import { StaffPanel } from './staff-panel.ts';
import { WebhooksPanel } from './webhooks-panel.ts';

const tabLabel: Record<SettingsSection, () => string> = {
  branding: () => t('settings.tab.branding'),
  portal: () => t('settings.tab.portal'),
  webhooks: () => t('settings.tab.webhooks'),
  'api-keys': () => t('settings.tab.api-keys'),
  staff: () => t('settings.tab.staff'),
};

/**
 * The firm's settings in the console, in sections (tabs): **Branding** (logo, colours with the
 * contrast check the service applies, font, and a live preview of the portal in them),
 * **Portal** (sections clients see, payment methods and the smallest payment, allowed origins,
 * time zone, Stripe trust and operating accounts, where the portal and console live),
 * **Webhooks** (endpoints, their secrets and delivery logs), **API keys** and **Staff** (owners
 * only). Admins and owners only: what a role cannot do is not shown.
 *
 * Inside `<portal-console>` it takes the client and the signed-in staff member from context;
 * alone, set `client` and `staff`. `item-id` names the section shown and follows the tab chosen, so
 * the console keeps the section in the address.
 *
 * @tag portal-console-settings
 *
 * @attr item-id - The section shown: `branding`, `portal`, `webhooks`, `api-keys` or `staff`.
 * @prop itemId - The section shown: `branding`, `portal`, `webhooks`, `api-keys` or `staff`.
 *
 * @event portal-console-settings-saved - A change was saved. `detail.section` says which section.
 *
 * @csspart heading - The screen's heading.
 * @csspart tabs - The list of sections.
 * @csspart tab - One section's tab.
 * @csspart panel - The section shown.
 * @csspart branding-form - The branding form.
 * @csspart contrast - The live contrast check of the colours.
 * @csspart preview - The live preview of the portal in the edited branding.
 * @csspart portal-form - The form of the portal's settings.
 * @csspart surcharge - The card surcharge's fields in the portal's settings.
 * @csspart endpoint - One webhook endpoint.
 * @csspart delivery-log - An endpoint's deliveries.
 * @csspart key - One API key.
 * @csspart staff-member - One member of the staff.
 * @csspart secret - A key or secret shown once, with its copy button.
 * @csspart save-button - A form's save button.
 * @csspart confirm-dialog - The dialog asking to confirm something that cannot be undone.
 * @csspart announcer - The live region announcing results.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart empty - What a list shows when it has nothing.
 * @csspart error - The panel shown when a section cannot be loaded.
 * @csspart forbidden - What a role without access to settings sees.
 *
 * @cssprop --portal-console-settings-tab-color - An inactive tab's text (default `--portal-color-muted`).
 * @cssprop --portal-console-settings-tab-active-color - The active tab's text and underline (default `--portal-color-brand`).
 * @cssprop --portal-console-settings-border-color - Lines between tabs, cards and fields (default `--portal-color-divider`).
 * @cssprop --portal-console-settings-card-background - A list card's background (default `--portal-color-surface`).
 * @cssprop --portal-console-settings-preview-background - Behind the preview (default `--portal-color-surface-alt`).
 * @cssprop --portal-console-settings-danger-color - Destructive buttons (default `--portal-color-danger`).
 *
 * @cssstate loading - The section's data is loading.
 * @cssstate error - The section's data could not be loaded.
 * @cssstate forbidden - The role may not see settings.
 */
export class PortalConsoleSettings extends ConsoleScreen implements SettingsHost {
  static override styles = [ConsoleScreen.styles, statePanelStyles(), confirmStyles, settingsStyles];

  /** The firm's profile as last loaded or saved. */
  @state() protected profile: FirmProfile | undefined;
  @state() private announcement: Message | undefined;

  readonly #internals: ElementInternals;
  readonly #branding = new BrandingPanel(this);
  readonly #portal = new PortalPanel(this);
  readonly #webhooks = new WebhooksPanel(this);
  readonly #apiKeys = new ApiKeysPanel(this);
  readonly #staff = new StaffPanel(this);
  readonly #confirm = new ConfirmController(this);

  readonly #profileTask = new Task(this, {
    task: async ([client, needed], { signal }): Promise<FirmProfile | undefined> => {
      if (!needed) return this.profile;
      if (!client) return untilAborted(signal);
      this.profile = await client.settings.get({ signal });
      return this.profile;
    },
    args: () => [this.client, this.section === 'branding' || this.section === 'portal'] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** The client the sections call through. */
  get consoleClient(): ConsoleClient | undefined {
    return this.client;
  }

  get staffMe(): StaffMe | undefined {
    return this.staff;
  }

  /** The signed-in staff member's role: from `staff`, else from the client's sign-in. */
  get staffRole(): StaffRole | undefined {
    return this.staff?.staff.role ?? this.client?.staff?.role;
  }

  /** The section shown: `item-id` when the role may see it, else the first the role may see. */
  get section(): SettingsSection | undefined {
    const allowed = sectionsFor(this.staff ?? this.client?.staff);
    return isSettingsSection(this.itemId) && allowed.includes(this.itemId) ? this.itemId : allowed[0];
  }

  /** Loads the section shown again from the service. */
  refresh(): Promise<unknown> {
    switch (this.section) {
      case 'webhooks':
        return this.#webhooks.refresh();
      case 'api-keys':
        return this.#apiKeys.refresh();
      case 'staff':
        return this.#staff.refresh();
      default:
        return this.#profileTask.run();
    }
  }

  announce(message: Message): void {
    // A fresh function each time, so the same words said twice are announced twice.
    this.announcement = () => message();
  }

  confirm(confirmation: Confirmation): Promise<boolean> {
    // Asked outside rendering: the words follow this element's language all the same.
    return withLanguage(this.language, () =>
      this.#confirm.ask({ title: confirmation.title(), body: confirmation.message(), confirm: confirmation.confirmLabel(), cancel: t('settings.cancel') }),
    );
  }

  saved(section: SettingsSection): void {
    this.dispatchEvent(new PortalConsoleSettingsSavedEvent({ section }));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#sectionStatus();
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'forbidden', this.staffRole !== undefined && this.section === undefined);
  }

  #sectionStatus(): TaskStatus | undefined {
    switch (this.section) {
      case 'branding':
      case 'portal':
        return this.#profileTask.status;
      case 'webhooks':
        return this.#webhooks.status;
      case 'api-keys':
        return this.#apiKeys.status;
      case 'staff':
        return this.#staff.status;
      default:
        return undefined;
    }
  }

  protected override render(): TemplateResult {
    const section = this.section;
    return html`
      <h2 class="screen-heading" part="heading" id="settings-heading" tabindex="-1">${t('settings.heading')}</h2>
      ${
        this.staffRole === undefined
          ? renderLoading(t('settings.loading'))
          : section === undefined
            ? html`<div class="state" part="forbidden" role="status"><p>${t('settings.forbidden')}</p></div>`
            : html`${this.#renderTabs(section)}
                <div class="panel" part="panel" role="tabpanel" id="settings-panel" aria-labelledby=${`tab-${section}`}>${this.#renderSection(section)}</div>`
      }
      <p class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</p>
      ${this.#confirm.renderDialog()}
    `;
  }

  #renderTabs(current: SettingsSection): TemplateResult {
    const sections = sectionsFor(this.staff ?? this.client?.staff);
    return html`
      <div class="tabs" part="tabs" role="tablist" aria-labelledby="settings-heading" @keydown=${(e: KeyboardEvent) => this.#onTabKey(e, sections)}>
        ${sections.map(
          (section) => html`
            <button
              class="tab"
              part="tab"
              role="tab"
              type="button"
              id=${`tab-${section}`}
              data-section=${section}
              aria-selected=${section === current ? 'true' : 'false'}
              aria-controls="settings-panel"
              tabindex=${section === current ? '0' : '-1'}
              @click=${() => this.#open(section)}
            >
              ${tabLabel[section]()}
            </button>
          `,
        )}
      </div>
    `;
  }

  #renderSection(section: SettingsSection): TemplateResult | typeof nothing {
    switch (section) {
      case 'webhooks':
        return this.#webhooks.render();
      case 'api-keys':
        return this.#apiKeys.render();
      case 'staff':
        return this.#staff.render();
      default: {
        const onSaved = (profile: FirmProfile) => {
          this.profile = profile;
          this.saved(section);
        };
        return this.#profileTask.render({
          initial: () => renderLoading(t('settings.loading')),
          pending: () => (this.profile ? this.#renderProfileSection(section, this.profile, onSaved) : renderLoading(t('settings.loading'))),
          error: (error) => renderLoadError(error, () => void this.#profileTask.run()),
          complete: () => (this.profile ? this.#renderProfileSection(section, this.profile, onSaved) : nothing),
        });
      }
    }
  }

  #renderProfileSection(section: 'branding' | 'portal', profile: FirmProfile, onSaved: (profile: FirmProfile) => void): TemplateResult {
    return section === 'branding' ? this.#branding.render(profile, onSaved) : this.#portal.render(profile, onSaved);
  }

  #open(section: SettingsSection): void {
    if (section === this.section) return;
    // The console follows a screen's own item-id (and keeps focus where it is): no open event needed.
    this.itemId = section;
  }

  // Tabs follow the ARIA pattern: arrows move between tabs (and show them), Home and End go to the ends.
  #onTabKey(event: KeyboardEvent, sections: SettingsSection[]): void {
    const current = sections.indexOf(this.section!);
    const next =
      event.key === 'ArrowRight'
        ? (current + 1) % sections.length
        : event.key === 'ArrowLeft'
          ? (current - 1 + sections.length) % sections.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? sections.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    const section = sections[next]!;
    this.#open(section);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus());
  }
}
