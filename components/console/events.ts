import type { ConsoleScreenName } from './screens.ts';

export interface ConsoleOpenDetail {
  /** The screen to show. */
  readonly screen: ConsoleScreenName;
  /** The item to open in it (a thread, client, invoice or payment id), or `''` for the screen's own view. */
  readonly itemId: string;
}

/**
 * A screen asks `<portal-console>` to show another screen or item: a client's page opening one
 * of their invoices, a payment opening its invoice, a list opening one of its rows. The console
 * moves there and keeps the place in the address.
 */
export class PortalConsoleOpenEvent extends Event {
  constructor(readonly detail: ConsoleOpenDetail) {
    super('portal-console-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-open': PortalConsoleOpenEvent;
  }
}
