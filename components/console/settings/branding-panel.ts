import { html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '../../i18n/format.ts';
import { cssProperties } from '../../styles/css-properties.ts';
import { firmDeclarations } from '../../styles/firm-theme.ts';
import type { FirmChanges, FirmProfile } from '../api/settings-api.ts';
import { t } from '../i18n/translate.ts';
import { brandContrast, parseHexColor, type ContrastCheck } from './contrast.ts';
import { FormProblems } from './field-errors.ts';
import { renderAlert, SectionRequests, textField, type SettingsHost } from './settings-host.ts';

interface BrandingDraft {
  logoUrl: string;
  brand: string;
  brandContrast: string;
  accent: string;
  fontFamily: string;
}

const fields = ['branding.logoUrl', 'branding.colors.brand', 'branding.colors.brandContrast', 'branding.colors.accent', 'branding.fontFamily'] as const;
const inputIds: Record<(typeof fields)[number], string> = {
  'branding.logoUrl': 'logo-url',
  'branding.colors.brand': 'brand-color',
  'branding.colors.brandContrast': 'brand-contrast-color',
  'branding.colors.accent': 'accent-color',
  'branding.fontFamily': 'font-family',
};

function draftOf(profile: FirmProfile): BrandingDraft {
  const { branding } = profile;
  return {
    logoUrl: branding.logoUrl ?? '',
    brand: branding.colors.brand,
    brandContrast: branding.colors.brandContrast ?? '',
    accent: branding.colors.accent ?? '',
    fontFamily: branding.fontFamily ?? '',
  };
}

/** The tokens the preview applies: the page's own `--portal-*` ones, so the edit wins over any theme around the console. */
export function previewTokens(draft: BrandingDraft): Record<string, string> {
  const look = {
    colors: { brand: draft.brand, brandContrast: draft.brandContrast || undefined, accent: draft.accent || undefined },
    fontFamily: draft.fontFamily || undefined,
  };
  const tokens: Record<string, string> = {};
  for (const [name, value] of firmDeclarations(look)) tokens[name.replace('--portal-firm-', '--portal-')] = value;
  // The portal writes on the brand colour in the readable text colour the service would choose.
  const check = brandContrast(draft.brand, draft.brandContrast || undefined);
  if (check) tokens['--portal-color-brand-contrast'] = check.text.color;
  return tokens;
}

/**
 * The firm's look: logo, brand, text-on-brand and accent colours with the contrast check the
 * service applies, and the font, beside a live preview of the portal in them. Saves the branding
 * alone as a JSON Merge Patch.
 */
export class BrandingPanel {
  readonly #host: SettingsHost;
  readonly #requests: SectionRequests;
  #draft: BrandingDraft | undefined;
  #source: FirmProfile | undefined;
  #problems: FormProblems | undefined;
  #saving = false;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#requests = new SectionRequests(host);
  }

  /** The branding being edited, for tests and the preview. */
  get draft(): BrandingDraft | undefined {
    return this.#draft;
  }

  render(profile: FirmProfile, onSaved: (profile: FirmProfile) => void): TemplateResult {
    // A newly loaded or saved profile replaces the draft; typing never does.
    if (this.#source !== profile) {
      this.#source = profile;
      this.#draft = draftOf(profile);
      this.#problems = undefined;
    }
    const draft = this.#draft!;
    const problems = this.#problems;
    const set = (key: keyof BrandingDraft) => (value: string) => {
      this.#draft = { ...this.#draft!, [key]: value };
      this.#host.requestUpdate();
    };
    const check = brandContrast(draft.brand, draft.brandContrast || undefined);
    const logo = safeLogo(draft.logoUrl);
    return html`
      <form class="branding" part="branding-form" novalidate aria-labelledby="branding-heading" @submit=${(e: Event) => this.#save(e, onSaved)}>
        <h3 id="branding-heading">${t('settings.branding.heading')}</h3>
        <p class="intro">${t('settings.branding.intro')}</p>
        <div class="branding-layout">
          <div class="branding-fields">
            ${textField({
              id: 'logo-url',
              label: t('settings.branding.logo'),
              hint: t('settings.branding.logo-hint'),
              type: 'url',
              inputmode: 'url',
              value: draft.logoUrl,
              error: problems?.of('branding.logoUrl'),
              onInput: set('logoUrl'),
            })}
            ${logo ? html`<img class="logo-preview" part="logo-preview" src=${logo} alt=${t('settings.branding.logo-preview')} />` : nothing}
            <fieldset class="colors">
              <legend>${t('settings.branding.colors')}</legend>
              ${this.#colorField({
                id: 'brand-color',
                label: t('settings.branding.brand'),
                hint: t('settings.branding.brand-hint'),
                value: draft.brand,
                shown: '#1f3a5f',
                error: problems?.of('branding.colors.brand'),
                onInput: set('brand'),
                describedBy: 'contrast-check',
              })}
              ${this.#colorField({
                id: 'brand-contrast-color',
                label: t('settings.branding.brand-contrast'),
                hint: t('settings.branding.brand-contrast-hint'),
                value: draft.brandContrast,
                shown: check?.text.color ?? '#ffffff',
                error: problems?.of('branding.colors.brandContrast'),
                onInput: set('brandContrast'),
                describedBy: 'contrast-check',
              })}
              ${this.#colorField({
                id: 'accent-color',
                label: t('settings.branding.accent'),
                hint: t('settings.branding.accent-hint'),
                value: draft.accent,
                shown: '#8a5a00',
                error: problems?.of('branding.colors.accent'),
                onInput: set('accent'),
              })}
              ${this.#renderContrast(check)}
            </fieldset>
            ${textField({
              id: 'font-family',
              label: t('settings.branding.font'),
              hint: t('settings.branding.font-hint'),
              value: draft.fontFamily,
              placeholder: 'Georgia, serif',
              error: problems?.of('branding.fontFamily'),
              onInput: set('fontFamily'),
            })}
          </div>
          ${this.#renderPreview(profile, draft, logo)}
        </div>
        ${
          profile.warnings.length
            ? html`<ul class="warnings" part="warnings">
                ${profile.warnings.map((warning) => html`<li>${warning.message}</li>`)}
              </ul>`
            : nothing
        }
        ${renderAlert(problems?.general)}
        <div class="actions">
          <button class="button" part="save-button" type="submit" aria-disabled=${this.#saving ? 'true' : 'false'}>
            ${this.#saving ? t('settings.saving') : t('settings.branding.save')}
          </button>
          <button class="button secondary" part="reset-button" type="button" @click=${() => this.#reset(profile)}>${t('settings.reset')}</button>
        </div>
      </form>
    `;
  }

  /** A hex field with a colour picker beside it; `shown` is what an empty field means (the picker starts there). */
  #colorField(o: {
    id: string;
    label: string;
    hint: string;
    value: string;
    shown: string;
    error: string | undefined;
    onInput: (value: string) => void;
    describedBy?: string;
  }) {
    const { id, label, hint, value, error, onInput } = o;
    return html`
      <div class="color-field">
        ${textField({ id, label, hint, value, error, onInput, placeholder: o.shown, ...(o.describedBy ? { describedBy: o.describedBy } : {}) })}
        <label class="picker">
          <span class="visually-hidden">${t('settings.branding.pick', { color: label })}</span>
          <input type="color" .value=${parseHexColor(value) ?? o.shown} @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)} />
        </label>
      </div>
    `;
  }

  #renderContrast(check: ReturnType<typeof brandContrast>): TemplateResult {
    const line = (label: string, result: ContrastCheck) => html`
      <li>
        <span>${label}</span>
        <strong class="ratio">${t('settings.branding.ratio', { ratio: result.ratio.toFixed(2) })}</strong>
        <span class="badge" data-tone=${result.passes ? 'success' : 'danger'}>${result.passes ? t('settings.branding.passes') : t('settings.branding.fails')}</span>
      </li>
    `;
    return html`
      <div class="contrast" part="contrast" id="contrast-check">
        <h4>${t('settings.branding.contrast')}</h4>
        ${
          check
            ? html`<ul>
                  ${line(t('settings.branding.contrast-on-white'), check.onWhite)} ${line(t('settings.branding.contrast-text', { color: check.text.color }), check.text)}
                </ul>
                ${check.text.replaced ? html`<p class="hint">${t('settings.branding.contrast-replaced', { color: check.text.color })}</p>` : nothing}
                ${!check.onWhite.passes ? html`<p class="hint">${t('settings.branding.contrast-darker')}</p>` : nothing}`
            : html`<p class="hint">${t('settings.branding.contrast-none')}</p>`
        }
      </div>
    `;
  }

  #renderPreview(profile: FirmProfile, draft: BrandingDraft, logo: string | undefined): TemplateResult {
    return html`
      <figure class="preview-frame" part="preview-frame">
        <figcaption>${t('settings.branding.preview')}</figcaption>
        <!-- A picture of the portal, not part of this form: inert, so its sample text (which may be
          the very contrast the check warns about) is neither focusable nor read as content. -->
        <div class="preview" part="preview" inert ${cssProperties(previewTokens(draft))}>
          <div class="preview-header">
            ${logo ? html`<img src=${logo} alt="" />` : nothing}
            <span class="preview-name">${profile.name}</span>
          </div>
          <div class="preview-nav" aria-hidden="true">
            <span class="current">${t('settings.branding.preview-invoices')}</span><span>${t('settings.branding.preview-messages')}</span>
          </div>
          <div class="preview-row">
            <span>
              <span class="preview-link">INV-1042</span>
              <span class="preview-muted">${t('settings.branding.preview-due')}</span>
            </span>
            <strong>${formatMoney(125000, profile.currency)}</strong>
          </div>
          <span class="preview-button">${t('settings.branding.preview-pay')}</span>
        </div>
      </figure>
    `;
  }

  #reset(profile: FirmProfile): void {
    this.#draft = draftOf(profile);
    this.#problems = undefined;
    this.#host.requestUpdate();
  }

  async #save(event: Event, onSaved: (profile: FirmProfile) => void): Promise<void> {
    event.preventDefault();
    const client = this.#host.consoleClient;
    if (!client || this.#saving || !this.#draft) return;
    const d = this.#draft;
    const changes: FirmChanges = {
      branding: {
        logoUrl: d.logoUrl.trim() || null,
        colors: { brand: d.brand.trim(), brandContrast: d.brandContrast.trim() || null, accent: d.accent.trim() || null },
        fontFamily: d.fontFamily.trim() || null,
      },
    };
    this.#saving = true;
    this.#problems = undefined;
    this.#host.requestUpdate();
    try {
      const answer = await this.#requests.run((signal) => client.settings.update(changes, { signal }));
      if (!answer) return;
      onSaved(answer.value);
      this.#host.announce(() => t('settings.branding.saved'));
    } catch (error) {
      this.#problems = new FormProblems(error, fields);
      const first = this.#problems.first(fields);
      this.#host.announce(() => t('settings.not-saved'));
      await this.#host.updateComplete;
      if (first) this.#host.renderRoot.querySelector<HTMLElement>(`#${inputIds[first as (typeof fields)[number]]}`)?.focus();
    } finally {
      this.#saving = false;
      this.#host.requestUpdate();
    }
  }
}

// A logo is previewed only from an http(s) URL, as the service accepts; nothing else is loaded.
function safeLogo(value: string): string | undefined {
  const url = value.trim();
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
