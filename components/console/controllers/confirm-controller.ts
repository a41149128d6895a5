import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

import { tokens } from '../../styles/tokens.ts';

/** What a confirmation asks: its words come from the screen's own catalog. */
export interface Confirmation {
  title: string;
  body: string;
  /** The button that goes ahead, e.g. "Delete the file". */
  confirm: string;
  cancel: string;
}

/**
 * Asks before something destructive, in a modal `<dialog>` (focus moves into it and comes back,
 * Escape cancels). The host renders `renderDialog()` once and awaits `ask()`.
 *
 * Style hooks: `dialog.confirm`, `.confirm-actions`, `.button.danger`; part `confirm-dialog`,
 * `confirm-button`, `cancel-button`.
 */
export class ConfirmController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #asking: Confirmation | undefined;
  #settle: ((confirmed: boolean) => void) | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#finish(false);
  }

  /** True while a question is open. */
  get open(): boolean {
    return this.#asking !== undefined;
  }

  /** Shows the question; resolves true when the user goes ahead, false when they cancel or close it. */
  async ask(question: Confirmation): Promise<boolean> {
    this.#finish(false);
    this.#asking = question;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = this.#dialog();
    if (!dialog) return false;
    if (!dialog.open) dialog.showModal();
    // The safe choice has focus first.
    dialog.querySelector<HTMLButtonElement>('[part~="cancel-button"]')?.focus();
    return new Promise<boolean>((resolve) => {
      this.#settle = resolve;
    });
  }

  renderDialog(): TemplateResult {
    const question = this.#asking;
    return html`
      <dialog class="confirm" part="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" @close=${this.#onClose}>
        <h3 id="confirm-title">${question?.title ?? ''}</h3>
        <p id="confirm-body">${question?.body ?? ''}</p>
        <div class="confirm-actions">
          <button class="button secondary" part="cancel-button" type="button" @click=${() => this.#finish(false)}>${question?.cancel ?? ''}</button>
          <button class="button danger" part="confirm-button" type="button" @click=${() => this.#finish(true)}>${question?.confirm ?? ''}</button>
        </div>
      </dialog>
    `;
  }

  // Escape closes the dialog natively. A close event can arrive after the dialog was opened
  // again for the next question: that one is left alone.
  readonly #onClose = (event: Event): void => {
    if (!(event.target as HTMLDialogElement).open) this.#finish(false);
  };

  #dialog(): HTMLDialogElement | null | undefined {
    return this.#host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.confirm');
  }

  #finish(confirmed: boolean): void {
    const settle = this.#settle;
    this.#settle = undefined;
    if (this.#asking === undefined) return;
    this.#asking = undefined;
    const dialog = this.#dialog();
    if (dialog?.open) dialog.close();
    this.#host.requestUpdate();
    settle?.(confirmed);
  }
}

/** The confirmation's look: a centred card over a dimmed page, a danger-coloured button. */
export const confirmStyles = css`
  dialog.confirm {
    width: min(28rem, calc(100vw - 2rem));
    padding: calc(${tokens.space} * 1.25);
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: ${tokens.colorText};
  }
  dialog.confirm::backdrop {
    background: ${tokens.colorBackdrop};
  }
  dialog.confirm h3 {
    margin: 0 0 0.5em;
    font-size: 1.125em;
  }
  dialog.confirm p {
    margin: 0 0 ${tokens.space};
  }
  .confirm-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.75em;
  }
  .button.danger {
    border-color: ${tokens.colorDanger};
    background: ${tokens.colorDanger};
    /* The surface colour reads on the danger colour in light and dark themes alike. */
    color: ${tokens.colorSurface};
  }
  .button.danger:hover {
    background: color-mix(in srgb, ${tokens.colorDanger} 85%, ${tokens.colorHoverMix});
  }
`;
