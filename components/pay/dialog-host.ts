import type { ReactiveControllerHost } from 'lit';

/** An element whose controllers render dialogs into its shadow root. */
export type DialogHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/** The `<dialog>` with `id` in the host's shadow root, once rendered. */
export async function renderedDialog(host: DialogHost, id: string): Promise<HTMLDialogElement | null> {
  await host.updateComplete;
  return host.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
}

/** Moves focus to the first element `selector` matches in `root`, once it is rendered. */
export async function focusIn(host: DialogHost, selector: string): Promise<void> {
  // The state that renders the target may have changed without asking for an update yet.
  host.requestUpdate();
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}
