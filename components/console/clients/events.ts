import type { FirmContact, Invitation } from '../api/contacts-api.ts';

/** The firm added a client in `<portal-console-clients>`; `detail.invited` is true when the invitation went out with it. */
export class PortalConsoleClientsAddedEvent extends Event {
  constructor(readonly detail: { readonly contact: FirmContact; readonly invited: boolean }) {
    super('portal-console-clients-added', { bubbles: true, composed: true });
  }
}

/** The firm changed a client's details, or archived or restored them. */
export class PortalConsoleClientsChangedEvent extends Event {
  constructor(readonly detail: { readonly contact: FirmContact; readonly change: 'updated' | 'archived' | 'restored' }) {
    super('portal-console-clients-changed', { bubbles: true, composed: true });
  }
}

/** The firm emailed a client an invitation (or a new one) to create their portal login. */
export class PortalConsoleClientsInvitedEvent extends Event {
  constructor(readonly detail: { readonly contactId: string; readonly invitation: Invitation }) {
    super('portal-console-clients-invited', { bubbles: true, composed: true });
  }
}

/**
 * The firm pressed "New message" or "New invoice" on a client's page. Fired before the console is
 * asked to open that screen, so a page can start the new item for this client; `preventDefault()`
 * stops the screen from opening.
 */
export class PortalConsoleClientsNewItemEvent extends Event {
  constructor(readonly detail: { readonly contactId: string; readonly screen: 'inbox' | 'invoices' }) {
    super('portal-console-clients-new-item', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-clients-added': PortalConsoleClientsAddedEvent;
    'portal-console-clients-changed': PortalConsoleClientsChangedEvent;
    'portal-console-clients-invited': PortalConsoleClientsInvitedEvent;
    'portal-console-clients-new-item': PortalConsoleClientsNewItemEvent;
  }
}
