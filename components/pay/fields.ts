import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

/** A message made while rendering, so that it follows the element's current language. */
export type Message = () => string;

export interface TextFieldOptions {
  id: string;
  label: string;
  value: string;
  error?: Message | undefined;
  hint?: string | undefined;
  /** Shown after the label, e.g. the card's brand; described to assistive technology with the hint. */
  adornment?: TemplateResult | undefined;
  /** Text before the input, e.g. a currency symbol. */
  prefix?: string | undefined;
  type?: 'text' | 'password';
  autocomplete: string;
  inputmode?: 'numeric' | 'decimal' | 'text';
  maxlength?: number | undefined;
  required?: boolean;
  /** Extra ids for `aria-describedby`. */
  describedBy?: readonly string[];
  onInput: (event: InputEvent) => void;
  onBlur?: (event: FocusEvent) => void;
}

/**
 * One labelled input with its hint and its error, tied together with `aria-describedby` and
 * `aria-invalid`; the error has the id `<id>-error`, the hint `<id>-hint`.
 */
export function textField(options: TextFieldOptions): TemplateResult {
  const { id, error, hint, adornment, prefix } = options;
  const describedBy = [hint ? `${id}-hint` : '', adornment ? `${id}-adornment` : '', ...(options.describedBy ?? []), error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const input = html`<input
    id=${id}
    name=${id}
    part="input"
    type=${options.type ?? 'text'}
    autocomplete=${options.autocomplete}
    inputmode=${ifDefined(options.inputmode)}
    maxlength=${ifDefined(options.maxlength)}
    autocapitalize="off"
    spellcheck="false"
    ?required=${options.required ?? true}
    .value=${live(options.value)}
    aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${describedBy || nothing}
    @input=${options.onInput}
    @blur=${options.onBlur ? (event: FocusEvent) => whileConnected(event, options.onBlur!) : undefined}
  />`;
  return html`
    <div class="field" part="field">
      <div class="label-row">
        <label for=${id} part="label">${options.label}</label>
        ${adornment ? html`<span class="adornment" id="${id}-adornment">${adornment}</span>` : nothing}
      </div>
      ${hint ? html`<p class="hint" id="${id}-hint" part="hint">${hint}</p>` : nothing}
      ${prefix ? html`<div class="affixed"><span class="prefix" aria-hidden="true">${prefix}</span>${input}</div>` : input}
      ${error ? html`<p class="field-error" id="${id}-error" part="field-error">${error()}</p>` : nothing}
    </div>
  `;
}

/** The value of the input an event came from. */
export function inputValue(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

// Removing a focused input (the form giving way to the result) blurs it: that is not the client
// leaving the field, and it happens in the middle of rendering.
function whileConnected(event: FocusEvent, handler: (event: FocusEvent) => void): void {
  const input = event.target as Element;
  queueMicrotask(() => {
    if (input.isConnected) handler(event);
  });
}
