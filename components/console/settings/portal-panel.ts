import { html, nothing, type TemplateResult } from 'lit';
import { currencyDigits, formatMoney } from '../../i18n/format.ts';
import type { FirmChanges, FirmProfile } from '../api/settings-api.ts';
import { t } from '../i18n/translate.ts';
import { FormProblems } from './field-errors.ts';
import { renderAlert, SectionRequests, textField, type Message, type SettingsHost } from './settings-host.ts';

type PortalSection = 'activities' | 'invoices' | 'messages' | 'files';
const portalSections: readonly PortalSection[] = ['activities', 'invoices', 'messages', 'files'];
type PaymentMethod = 'card' | 'bankLink' | 'bankAccount' | 'wallets';
const paymentMethods: readonly PaymentMethod[] = ['card', 'bankLink', 'bankAccount', 'wallets'];

interface PortalDraft {
  sections: Record<PortalSection, boolean>;
  showPayments: boolean;
  paymentMethods: Record<PaymentMethod, boolean>;
  /** In major units, as typed. */
  minimumPayment: string;
  surchargeEnabled: boolean;
  /** In percent, as typed. */
  surchargePercent: string;
  plansEnabled: boolean;
  /** As typed. */
  plansMaxInstalments: string;
  /** In major units, as typed. */
  plansMinInstalment: string;
  autopayEnabled: boolean;
  allowedOrigins: string[];
  newOrigin: string;
  timeZone: string;
  portalUrl: string;
  consoleUrl: string;
  inboxEmail: string;
  trustAccount: string;
  operatingAccount: string;
  staffTwoFactor: 'required' | 'optional';
  clientTwoFactor: 'off' | 'optional' | 'required';
}

// The form's fields as the service names them, in the form's order, and the input each one is.
const fieldInputs = {
  'settings.sections': 'section-activities',
  'settings.showPayments': 'section-payments',
  'settings.paymentMethods': 'method-card',
  'settings.minimumPayment': 'minimum-payment',
  'settings.surcharge.enabled': 'surcharge-enabled',
  'settings.surcharge.percent': 'surcharge-percent',
  'settings.plans.enabled': 'plans-enabled',
  'settings.plans.maxInstalments': 'plans-max',
  'settings.plans.minInstalment': 'plans-min',
  'settings.autopay.enabled': 'autopay-enabled',
  allowedOrigins: 'new-origin',
  'settings.timeZone': 'time-zone',
  'settings.portalUrl': 'portal-url',
  'settings.consoleUrl': 'console-url',
  'settings.inboxEmail': 'inbox-email',
  'settings.stripe.trustAccount': 'trust-account',
  'settings.stripe.operatingAccount': 'operating-account',
  'settings.staffTwoFactor': 'staff-two-factor',
  'settings.clientTwoFactor': 'client-two-factor',
} as const;
const fields = Object.keys(fieldInputs);

function draftOf(profile: FirmProfile): PortalDraft {
  const s = profile.settings;
  return {
    sections: { ...s.sections },
    showPayments: s.showPayments,
    paymentMethods: { ...s.paymentMethods },
    minimumPayment: toMajor(s.minimumPayment, profile.currency),
    surchargeEnabled: s.surcharge?.enabled ?? false,
    surchargePercent: String(s.surcharge?.percent ?? 0),
    plansEnabled: s.plans?.enabled ?? false,
    plansMaxInstalments: String(s.plans?.maxInstalments ?? 6),
    plansMinInstalment: toMajor(s.plans?.minInstalment ?? 5_000, profile.currency),
    autopayEnabled: s.autopay?.enabled ?? false,
    allowedOrigins: [...profile.allowedOrigins],
    newOrigin: '',
    timeZone: s.timeZone,
    portalUrl: s.portalUrl ?? '',
    consoleUrl: s.consoleUrl ?? '',
    inboxEmail: s.inboxEmail ?? '',
    trustAccount: s.stripe?.trustAccount ?? '',
    operatingAccount: s.stripe?.operatingAccount ?? '',
    staffTwoFactor: s.staffTwoFactor,
    clientTwoFactor: s.clientTwoFactor,
  };
}

function toMajor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** Minor units from what was typed ("12.50", "12,50"), or undefined when it is not an amount. */
export function toMinor(typed: string, currency: string): number | undefined {
  const text = typed.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const digits = currencyDigits(currency);
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > digits) return undefined;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/**
 * An origin as the service accepts it (scheme, host and port), from what was typed: a trailing
 * slash is dropped; a path, query or anything but http(s) is refused.
 */
export function originOf(typed: string): string | undefined {
  try {
    const url = new URL(typed.trim());
    if (!/^https?:$/.test(url.protocol) || url.username || url.password) return undefined;
    if (url.pathname !== '/' || url.search || url.hash) return undefined;
    return typed.trim().replace(/\/$/, '') === url.origin ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** A surcharge rate as typed ("3", "2,5"): 0 to 3 with at most two decimals, else undefined. */
export function surchargePercentOf(typed: string): number | undefined {
  const text = typed.trim().replace(',', '.') || '0';
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  const percent = Number(text);
  return percent <= 3 ? percent : undefined;
}

let timeZoneList: string[] | undefined;
function timeZones(current: string): string[] {
  timeZoneList ??= (() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  })();
  return timeZoneList.includes(current) ? timeZoneList : [current, ...timeZoneList];
}

/**
 * What clients see and how they pay: the portal's sections, payment methods (Apple Pay and Google
 * Pay among them) and the smallest payment, the card surcharge, the origins allowed to embed the portal, the firm's time zone, its Stripe trust and
 * operating accounts, and where the portal and console live.
 */
export class PortalPanel {
  readonly #host: SettingsHost;
  readonly #requests: SectionRequests;
  #draft: PortalDraft | undefined;
  #source: FirmProfile | undefined;
  #problems: FormProblems | undefined;
  /** Problems found here before sending, by field. */
  #local = new Map<string, Message>();
  #saving = false;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#requests = new SectionRequests(host);
  }

  render(profile: FirmProfile, onSaved: (profile: FirmProfile) => void): TemplateResult {
    if (this.#source !== profile) {
      this.#source = profile;
      this.#draft = draftOf(profile);
      this.#problems = undefined;
      this.#local.clear();
    }
    const d = this.#draft!;
    const error = (field: string) => this.#local.get(field)?.() ?? this.#problems?.of(field);
    const text = (key: 'portalUrl' | 'consoleUrl' | 'inboxEmail' | 'trustAccount' | 'operatingAccount') => (value: string) => this.#change({ [key]: value });
    return html`
      <form class="portal" part="portal-form" novalidate aria-labelledby="portal-heading" @submit=${(e: Event) => this.#save(e, profile, onSaved)}>
        <h3 id="portal-heading">${t('settings.portal.heading')}</h3>

        <fieldset part="sections">
          <legend>${t('settings.portal.sections')}</legend>
          ${portalSections.map((section) =>
            this.#checkbox(`section-${section}`, t(`settings.portal.section.${section}`), d.sections[section], (on) =>
              this.#change({ sections: { ...this.#draft!.sections, [section]: on } }),
            ),
          )}
          ${this.#checkbox('section-payments', t('settings.portal.section.payments'), d.showPayments, (on) => this.#change({ showPayments: on }))}
          ${error('settings.sections') ? html`<p class="field-error">${error('settings.sections')}</p>` : nothing}
        </fieldset>

        <fieldset part="payment-methods">
          <legend>${t('settings.portal.payment-methods')}</legend>
          ${paymentMethods.map((method) =>
            this.#checkbox(`method-${method}`, t(`settings.portal.method.${method}`), d.paymentMethods[method], (on) =>
              this.#change({ paymentMethods: { ...this.#draft!.paymentMethods, [method]: on } }),
            ),
          )}
          ${error('settings.paymentMethods') ? html`<p class="field-error">${error('settings.paymentMethods')}</p>` : nothing}
          ${textField({
            id: 'minimum-payment',
            label: t('settings.portal.minimum', { currency: profile.currency }),
            hint: t('settings.portal.minimum-hint', { example: formatMoney(profile.settings.minimumPayment, profile.currency) }),
            inputmode: 'decimal',
            value: d.minimumPayment,
            error: error('settings.minimumPayment'),
            onInput: (value) => this.#change({ minimumPayment: value }),
          })}
        </fieldset>

        <fieldset part="surcharge">
          <legend>${t('settings.portal.surcharge')}</legend>
          <p class="hint">${t('settings.portal.surcharge-hint')}</p>
          ${this.#checkbox('surcharge-enabled', t('settings.portal.surcharge-enabled'), d.surchargeEnabled, (on) => this.#change({ surchargeEnabled: on }))}
          ${textField({
            id: 'surcharge-percent',
            label: t('settings.portal.surcharge-percent'),
            hint: t('settings.portal.surcharge-percent-hint'),
            inputmode: 'decimal',
            value: d.surchargePercent,
            error: error('settings.surcharge.percent'),
            onInput: (value) => this.#change({ surchargePercent: value }),
          })}
        </fieldset>

        <fieldset part="plans">
          <legend>${t('settings.portal.plans')}</legend>
          <p class="hint">${t('settings.portal.plans-hint')}</p>
          ${this.#checkbox('plans-enabled', t('settings.portal.plans-enabled'), d.plansEnabled, (on) => this.#change({ plansEnabled: on }))}
          ${textField({
            id: 'plans-max',
            label: t('settings.portal.plans-max'),
            hint: t('settings.portal.plans-max-hint'),
            inputmode: 'decimal',
            value: d.plansMaxInstalments,
            error: error('settings.plans.maxInstalments'),
            onInput: (value) => this.#change({ plansMaxInstalments: value }),
          })}
          ${textField({
            id: 'plans-min',
            label: t('settings.portal.plans-min', { currency: profile.currency }),
            inputmode: 'decimal',
            value: d.plansMinInstalment,
            error: error('settings.plans.minInstalment'),
            onInput: (value) => this.#change({ plansMinInstalment: value }),
          })}
          ${this.#checkbox('autopay-enabled', t('settings.portal.autopay-enabled'), d.autopayEnabled, (on) => this.#change({ autopayEnabled: on }))}
          <p class="hint">${t('settings.portal.autopay-hint')}</p>
        </fieldset>

        <fieldset part="origins">
          <legend>${t('settings.portal.origins')}</legend>
          <p class="hint">${t('settings.portal.origins-hint')}</p>
          ${
            d.allowedOrigins.length
              ? html`<ul class="origins" part="origin-list">
                  ${d.allowedOrigins.map(
                    (origin) => html`<li>
                      <code>${origin}</code>
                      <button class="link-button" type="button" part="remove-origin-button" @click=${() => this.#removeOrigin(origin)}>
                        ${t('settings.portal.origin-remove')}<span class="visually-hidden"> ${origin}</span>
                      </button>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="empty-note">${t('settings.portal.origins-none')}</p>`
          }
          <div class="inline-add">
            ${textField({
              id: 'new-origin',
              label: t('settings.portal.origin-new'),
              type: 'url',
              inputmode: 'url',
              placeholder: 'https://www.example-law.com',
              value: d.newOrigin,
              error: error('allowedOrigins'),
              onInput: (value) => this.#change({ newOrigin: value }),
            })}
            <button class="button secondary" part="add-origin-button" type="button" @click=${() => this.#addOrigin()}>${t('settings.portal.origin-add')}</button>
          </div>
        </fieldset>

        <fieldset part="accounts">
          <legend>${t('settings.portal.where')}</legend>
          <div class="field">
            <label for="time-zone">${t('settings.portal.time-zone')}</label>
            <p class="hint" id="time-zone-hint">${t('settings.portal.time-zone-hint')}</p>
            <select
              id="time-zone"
              aria-describedby="time-zone-hint${error('settings.timeZone') ? ' time-zone-error' : ''}"
              aria-invalid=${error('settings.timeZone') ? 'true' : 'false'}
              @change=${(event: Event) => this.#change({ timeZone: (event.target as HTMLSelectElement).value })}
            >
              ${timeZones(d.timeZone).map((zone) => html`<option value=${zone} ?selected=${zone === d.timeZone}>${zone.replaceAll('_', ' ')}</option>`)}
            </select>
            ${error('settings.timeZone') ? html`<p class="field-error" id="time-zone-error">${error('settings.timeZone')}</p>` : nothing}
          </div>
          ${textField({ id: 'portal-url', label: t('settings.portal.portal-url'), hint: t('settings.portal.portal-url-hint'), type: 'url', inputmode: 'url', value: d.portalUrl, error: error('settings.portalUrl'), onInput: text('portalUrl') })}
          ${textField({ id: 'console-url', label: t('settings.portal.console-url'), hint: t('settings.portal.console-url-hint'), type: 'url', inputmode: 'url', value: d.consoleUrl, error: error('settings.consoleUrl'), onInput: text('consoleUrl') })}
          ${textField({ id: 'inbox-email', label: t('settings.portal.inbox-email'), hint: t('settings.portal.inbox-email-hint'), type: 'email', inputmode: 'email', value: d.inboxEmail, error: error('settings.inboxEmail'), onInput: text('inboxEmail') })}
          ${textField({ id: 'trust-account', label: t('settings.portal.trust-account'), hint: t('settings.portal.trust-account-hint'), placeholder: 'acct_…', value: d.trustAccount, error: error('settings.stripe.trustAccount'), onInput: text('trustAccount') })}
          ${textField({
            id: 'operating-account',
            label: t('settings.portal.operating-account'),
            hint: t('settings.portal.operating-account-hint'),
            placeholder: 'acct_…',
            value: d.operatingAccount,
            error: error('settings.stripe.operatingAccount'),
            onInput: text('operatingAccount'),
          })}
          <div class="field">
            <label for="staff-two-factor">${t('settings.portal.staff-two-factor')}</label>
            <p class="hint" id="staff-two-factor-hint">${t('settings.portal.staff-two-factor-hint')}</p>
            <select
              id="staff-two-factor"
              aria-describedby="staff-two-factor-hint"
              @change=${(event: Event) => this.#change({ staffTwoFactor: (event.target as HTMLSelectElement).value as PortalDraft['staffTwoFactor'] })}
            >
              <option value="required" ?selected=${d.staffTwoFactor === 'required'}>${t('settings.portal.staff-two-factor.required')}</option>
              <option value="optional" ?selected=${d.staffTwoFactor === 'optional'}>${t('settings.portal.staff-two-factor.optional')}</option>
            </select>
            ${error('settings.staffTwoFactor') ? html`<p class="field-error">${error('settings.staffTwoFactor')}</p>` : nothing}
          </div>
          <div class="field">
            <label for="client-two-factor">${t('settings.portal.client-two-factor')}</label>
            <p class="hint" id="client-two-factor-hint">${t('settings.portal.client-two-factor-hint')}</p>
            <select
              id="client-two-factor"
              aria-describedby="client-two-factor-hint"
              @change=${(event: Event) => this.#change({ clientTwoFactor: (event.target as HTMLSelectElement).value as PortalDraft['clientTwoFactor'] })}
            >
              ${(['off', 'optional', 'required'] as const).map(
                (value) => html`<option value=${value} ?selected=${d.clientTwoFactor === value}>${t(`settings.portal.client-two-factor.${value}`)}</option>`,
              )}
            </select>
            ${error('settings.clientTwoFactor') ? html`<p class="field-error">${error('settings.clientTwoFactor')}</p>` : nothing}
          </div>
        </fieldset>

        ${renderAlert(this.#problems?.general)}
        <div class="actions">
          <button class="button" part="save-button" type="submit" aria-disabled=${this.#saving ? 'true' : 'false'}>
            ${this.#saving ? t('settings.saving') : t('settings.portal.save')}
          </button>
          <button class="button secondary" part="reset-button" type="button" @click=${() => this.#reset(profile)}>${t('settings.reset')}</button>
        </div>
      </form>
    `;
  }

  #checkbox(id: string, label: string, checked: boolean, onChange: (on: boolean) => void): TemplateResult {
    return html`
      <div class="check">
        <input id=${id} type="checkbox" .checked=${checked} @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)} />
        <label for=${id}>${label}</label>
      </div>
    `;
  }

  #change(changes: Partial<PortalDraft>): void {
    this.#draft = { ...this.#draft!, ...changes };
    if ('newOrigin' in changes) this.#local.delete('allowedOrigins');
    if ('minimumPayment' in changes) this.#local.delete('settings.minimumPayment');
    if ('surchargePercent' in changes) this.#local.delete('settings.surcharge.percent');
    if ('plansMaxInstalments' in changes) this.#local.delete('settings.plans.maxInstalments');
    if ('plansMinInstalment' in changes) this.#local.delete('settings.plans.minInstalment');
    this.#host.requestUpdate();
  }

  #addOrigin(): void {
    const d = this.#draft!;
    const origin = originOf(d.newOrigin);
    if (!origin) this.#local.set('allowedOrigins', () => t('settings.portal.origin-invalid'));
    else if (d.allowedOrigins.includes(origin)) this.#local.set('allowedOrigins', () => t('settings.portal.origin-duplicate'));
    else {
      this.#draft = { ...d, allowedOrigins: [...d.allowedOrigins, origin], newOrigin: '' };
      this.#local.delete('allowedOrigins');
      this.#host.announce(() => t('settings.portal.origin-added', { origin }));
    }
    this.#host.requestUpdate();
    if (this.#local.has('allowedOrigins')) void this.#focus('new-origin');
  }

  #removeOrigin(origin: string): void {
    this.#draft = { ...this.#draft!, allowedOrigins: this.#draft!.allowedOrigins.filter((o) => o !== origin) };
    this.#host.announce(() => t('settings.portal.origin-removed', { origin }));
    this.#host.requestUpdate();
    void this.#focus('new-origin');
  }

  #reset(profile: FirmProfile): void {
    this.#draft = draftOf(profile);
    this.#problems = undefined;
    this.#local.clear();
    this.#host.requestUpdate();
  }

  async #focus(id: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  async #save(event: Event, profile: FirmProfile, onSaved: (profile: FirmProfile) => void): Promise<void> {
    event.preventDefault();
    const client = this.#host.consoleClient;
    const d = this.#draft;
    if (!client || !d || this.#saving) return;
    const minimum = toMinor(d.minimumPayment, profile.currency);
    if (minimum === undefined) {
      this.#local.set('settings.minimumPayment', () => t('settings.portal.minimum-invalid'));
      this.#host.requestUpdate();
      return void this.#focus('minimum-payment');
    }
    const percent = surchargePercentOf(d.surchargePercent);
    if (percent === undefined) {
      this.#local.set('settings.surcharge.percent', () => t('settings.portal.surcharge-percent-invalid'));
      this.#host.requestUpdate();
      return void this.#focus('surcharge-percent');
    }
    const maxInstalments = /^\d+$/.test(d.plansMaxInstalments.trim()) ? Number(d.plansMaxInstalments.trim()) : NaN;
    if (!(maxInstalments >= 2 && maxInstalments <= 24)) {
      this.#local.set('settings.plans.maxInstalments', () => t('settings.portal.plans-max-invalid'));
      this.#host.requestUpdate();
      return void this.#focus('plans-max');
    }
    const minInstalment = toMinor(d.plansMinInstalment, profile.currency);
    if (minInstalment === undefined) {
      this.#local.set('settings.plans.minInstalment', () => t('settings.portal.minimum-invalid'));
      this.#host.requestUpdate();
      return void this.#focus('plans-min');
    }
    const optional = (value: string) => value.trim() || null;
    const changes: FirmChanges = {
      allowedOrigins: d.allowedOrigins,
      settings: {
        sections: d.sections,
        showPayments: d.showPayments,
        paymentMethods: d.paymentMethods,
        minimumPayment: minimum,
        surcharge: { enabled: d.surchargeEnabled, percent },
        plans: { enabled: d.plansEnabled, maxInstalments, minInstalment },
        autopay: { enabled: d.autopayEnabled },
        timeZone: d.timeZone,
        portalUrl: optional(d.portalUrl),
        consoleUrl: optional(d.consoleUrl),
        inboxEmail: optional(d.inboxEmail),
        stripe: { trustAccount: optional(d.trustAccount), operatingAccount: optional(d.operatingAccount) },
        staffTwoFactor: d.staffTwoFactor,
        clientTwoFactor: d.clientTwoFactor,
      },
    };
    this.#saving = true;
    this.#problems = undefined;
    this.#host.requestUpdate();
    try {
      const answer = await this.#requests.run((signal) => client.settings.update(changes, { signal }));
      if (!answer) return;
      onSaved(answer.value);
      this.#host.announce(() => t('settings.portal.saved'));
    } catch (error) {
      this.#problems = new FormProblems(error, fields);
      this.#host.announce(() => t('settings.not-saved'));
      const first = this.#problems.first(fields);
      if (first) void this.#focus(fieldInputs[first as keyof typeof fieldInputs]);
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
  }
}
