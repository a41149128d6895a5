import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isAbortError } from '../../api/api-error.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { StaffMe, StaffRole } from '../api/types.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import type { SettingsSection } from './sections.ts';

/** Text worked out when it is shown, so that it follows the language of the moment. */
export type Message = () => string;

/** What to ask before something that cannot be undone. */
export interface Confirmation {
  title: Message;
  message: Message;
  confirmLabel: Message;
}

/** What a settings section's controller needs of the settings element. */
export interface SettingsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly consoleClient: ConsoleClient | undefined;
  readonly staffMe: StaffMe | undefined;
  readonly staffRole: StaffRole | undefined;
  /** The section shown now. */
  readonly section: SettingsSection | undefined;
  /** Says `message` in the screen's live region. */
  announce(message: Message): void;
  /** Asks the staff member to confirm; true when they did. */
  confirm(confirmation: Confirmation): Promise<boolean>;
  /** Tells the page a section's change was saved. */
  saved(section: SettingsSection): void;
}

/**
 * The requests a section has in flight: each gets its own AbortSignal, and all of them are
 * aborted when the element leaves the page. An aborted request resolves to `undefined`.
 */
export class SectionRequests implements ReactiveController {
  readonly #running = new Set<AbortController>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const request of this.#running) request.abort();
    this.#running.clear();
  }

  /** Runs `call`; rejects with its error unless the request was aborted. */
  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | undefined> {
    const request = new AbortController();
    this.#running.add(request);
    try {
      return { value: await call(request.signal) };
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return undefined;
      throw error;
    } finally {
      this.#running.delete(request);
    }
  }
}

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'url' | 'email';
  hint?: string | undefined;
  error?: string | undefined;
  autocomplete?: string;
  placeholder?: string;
  required?: boolean;
  inputmode?: 'text' | 'decimal' | 'url' | 'email';
  /** Ids of further elements that describe the field (e.g. a live check). */
  describedBy?: string;
}

/** A labelled text field with its hint and the service's problem with it. */
export function textField(o: TextFieldOptions): TemplateResult {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : '', o.describedBy ?? ''].filter(Boolean).join(' ');
  return html`
    <div class="field">
      <label for=${o.id}>${o.label}</label>
      ${o.hint ? html`<p class="hint" id=${`${o.id}-hint`}>${o.hint}</p>` : nothing}
      <input
        id=${o.id}
        name=${o.id}
        type=${o.type ?? 'text'}
        .value=${o.value}
        autocomplete=${o.autocomplete ?? 'off'}
        placeholder=${o.placeholder ?? nothing}
        inputmode=${o.inputmode ?? nothing}
        ?required=${o.required ?? false}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)}
      />
      ${o.error ? html`<p class="field-error" id=${`${o.id}-error`}>${o.error}</p>` : nothing}
    </div>
  `;
}

/** The alert of a form or a list: the translated problem, or nothing. */
export function renderAlert(error: unknown, part = 'alert'): TemplateResult {
  return html`<div class="alert" part=${part} role="alert">${error === undefined ? nothing : html`<p>${errorMessage(error)}</p>`}</div>`;
}

/** The panel a section shows when its data failed to load, with a way to try again. */
export function renderLoadError(error: unknown, retry: () => void): TemplateResult {
  return html`
    <div class="state" part="error">
      <div class="alert" role="alert"><p>${errorMessage(error)}</p></div>
      <button class="button secondary" part="retry-button" type="button" @click=${retry}>${t('console.retry')}</button>
    </div>
  `;
}

/** The placeholder a section shows while its data loads. */
export function renderLoading(label: string): TemplateResult {
  return html`
    <div class="skeleton" part="skeleton">
      <span class="visually-hidden" role="status">${label}</span>
      ${[0, 1, 2].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
    </div>
  `;
}

export interface RevealOptions {
  id: string;
  heading: string;
  warning: string;
  value: string;
  host: SettingsHost;
  onDone: () => void;
}

/**
 * A secret the service shows once (an API key, a webhook signing secret): read-only, with a
 * copy button and the warning that it will not be shown again.
 */
export function renderSecret(o: RevealOptions): TemplateResult {
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(o.value);
      o.host.announce(() => t('settings.secret.copied'));
    } catch {
      // Clipboard access can be refused (permissions, insecure page): selecting lets the user copy by hand.
      o.host.renderRoot.querySelector<HTMLInputElement>(`#${o.id}`)?.select();
      o.host.announce(() => t('settings.secret.copy-failed'));
    }
  };
  return html`
    <div class="secret" part="secret" role="group" aria-labelledby=${`${o.id}-heading`}>
      <h4 id=${`${o.id}-heading`}>${o.heading}</h4>
      <p class="warning" id=${`${o.id}-warning`}>${o.warning}</p>
      <div class="secret-row">
        <label class="visually-hidden" for=${o.id}>${o.heading}</label>
        <input id=${o.id} class="secret-value" readonly .value=${o.value} aria-describedby=${`${o.id}-warning`} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button class="button" part="copy-button" type="button" @click=${copy}>${t('settings.secret.copy')}</button>
      </div>
      <button class="link-button" type="button" @click=${o.onDone}>${t('settings.secret.done')}</button>
    </div>
  `;
}
