// What a section shows while its list loads, when the list is empty and when it could not load,
// written once for the sections that share these states (files and messages).
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../api/api-error.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from '../i18n/translate.ts';
import { NotConfiguredError } from './states.ts';

/** The placeholder while loading (part `skeleton`), announced as `label`. */
export function renderSkeleton(label: string): TemplateResult {
  return html`
    <div class="skeleton" part="skeleton">
      <span class="visually-hidden" role="status">${label}</span>
      ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
    </div>
  `;
}

/** What shows when there is nothing to list (part `empty`). */
export function renderEmpty(heading: string, detail: string): TemplateResult {
  return html`
    <div class="state" part="empty">
      <h3>${heading}</h3>
      <p>${detail}</p>
    </div>
  `;
}

export interface FailureWords {
  /** Says the firm does not offer the section (`section_disabled`). */
  disabled: () => string;
  /** Says what was asked for is not there (a 404), where the section has such words. */
  notFound?: () => string;
  /** Tries again; offered unless the element is not configured or the section is off. */
  retry: () => void;
}

/** The panel of a failed load (part `error`), with the reason and a `retry-button` when trying again can help. */
export function renderFailure(heading: string, error: unknown, words: FailureWords): TemplateResult {
  const configured = !(error instanceof NotConfiguredError);
  const disabled = error instanceof ApiError && error.code === 'section_disabled';
  let text: string;
  if (!configured) text = t('error.not-configured');
  else if (disabled) text = words.disabled();
  else if (words.notFound && error instanceof ApiError && error.status === 404) text = words.notFound();
  else text = errorMessage(error);
  return html`
    <div class="state error-state" part="error">
      <h3>${heading}</h3>
      <div class="alert" role="alert"><p>${text}</p></div>
      ${configured && !disabled ? html`<button class="button" part="retry-button" type="button" @click=${words.retry}>${t('common.retry')}</button>` : nothing}
    </div>
  `;
}
