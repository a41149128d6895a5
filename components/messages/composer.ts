// The forms that write messages, shared by the client's messages and the firm's inbox: the reply
// box under a thread and the form that starts a thread. Each element passes its own words.
import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { renderAttachButton } from './composer-files.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** What both forms take: the files chosen, the words of their buttons and what they do. */
interface FormView {
  /** The rows of the files chosen to send. */
  uploads: TemplateResult | typeof nothing;
  attach: string;
  onAttach: (files: File[]) => void;
  sending: boolean;
  sendingLabel: string;
  send: () => void;
}

export interface ReplyFormView extends FormView {
  closed: boolean;
  /** What a closed thread says in place of replying. */
  closedNotice: TemplateResult;
  draft: string;
  onDraft: (value: string) => void;
  label: string;
  hint: string;
  error: Words | undefined;
  sendLabel: string;
}

export interface ComposeFormView extends FormView {
  heading: string;
  back: string;
  error: Words | undefined;
  subject: { label: string; value: string; max: number; error: Words | undefined; onInput: (value: string) => void };
  body: { label: string; value: string; hint: string; error: Words | undefined; onInput: (value: string) => void };
  sendLabel: string;
  cancelLabel: string;
  cancel: () => void;
}

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function renderReplyForm(host: LitElement, view: ReplyFormView): TemplateResult {
  const { closed, error } = view;
  return html`
    <form class="composer" part="composer" novalidate @submit=${(event: SubmitEvent) => submit(event, view.send)}>
      ${closed ? view.closedNotice : nothing}
      <label class="composer-label" for="reply">${view.label}</label>
      <textarea
        id="reply"
        part="reply-input"
        rows="3"
        .value=${live(view.draft)}
        ?disabled=${closed}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${closed ? 'closed-notice' : error ? 'reply-hint reply-error' : 'reply-hint'}
        @input=${(event: Event) => view.onDraft((event.target as HTMLTextAreaElement).value)}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.isComposing) return;
          event.preventDefault();
          view.send();
        }}
      ></textarea>
      <p class="hint" id="reply-hint">${view.hint}</p>
      ${error ? html`<p class="field-error" id="reply-error" role="alert">${error()}</p>` : nothing}
      ${view.uploads}
      <div class="actions">
        ${renderAttachButton(host, 'reply-files', closed, view.attach, view.onAttach)}
        <button class="button" part="send-button" type="submit" ?disabled=${closed} aria-disabled=${view.sending ? 'true' : 'false'}>
          ${view.sending ? view.sendingLabel : view.sendLabel}
        </button>
      </div>
    </form>
  `;
}

/** The form that starts a thread: subject, message (Ctrl+Enter sends) and files; `fields` go before the subject. */
export function renderComposeForm(host: LitElement, view: ComposeFormView, fields: TemplateResult | typeof nothing = nothing): TemplateResult {
  const { subject, body } = view;
  return html`
    <form class="compose" part="compose-form" novalidate @submit=${(event: SubmitEvent) => submit(event, view.send)}>
      <div class="thread-header">
        <button class="button secondary back" part="back-button" type="button" @click=${view.cancel}>${view.back}</button>
        <h3 id="compose-heading" tabindex="-1">${view.heading}</h3>
      </div>
      ${view.error ? html`<div class="alert" role="alert"><p>${view.error()}</p></div>` : nothing}
      ${fields}
      <div class="field">
        <label for="subject">${subject.label}</label>
        <input
          id="subject"
          part="subject-input"
          type="text"
          autocomplete="off"
          maxlength=${subject.max}
          .value=${live(subject.value)}
          aria-invalid=${subject.error ? 'true' : 'false'}
          aria-describedby=${subject.error ? 'subject-error' : nothing}
          @input=${(event: Event) => subject.onInput((event.target as HTMLInputElement).value)}
        />
        ${subject.error ? html`<p class="field-error" id="subject-error">${subject.error()}</p>` : nothing}
      </div>
      <div class="field">
        <label for="compose-body">${body.label}</label>
        <textarea
          id="compose-body"
          part="body-input"
          rows="8"
          .value=${live(body.value)}
          aria-invalid=${body.error ? 'true' : 'false'}
          aria-describedby=${body.error ? 'compose-hint body-error' : 'compose-hint'}
          @input=${(event: Event) => body.onInput((event.target as HTMLTextAreaElement).value)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return;
            event.preventDefault();
            view.send();
          }}
        ></textarea>
        <p class="hint" id="compose-hint">${body.hint}</p>
        ${body.error ? html`<p class="field-error" id="body-error">${body.error()}</p>` : nothing}
      </div>
      ${view.uploads}
      <div class="actions">
        ${renderAttachButton(host, 'compose-files', false, view.attach, view.onAttach)}
        <button class="button" part="send-button" type="submit" aria-disabled=${view.sending ? 'true' : 'false'}>
          ${view.sending ? view.sendingLabel : view.sendLabel}
        </button>
        <button class="button secondary" part="cancel-button" type="button" @click=${view.cancel}>${view.cancelLabel}</button>
      </div>
    </form>
  `;
}

function submit(event: SubmitEvent, send: () => void): void {
  event.preventDefault();
  send();
}
