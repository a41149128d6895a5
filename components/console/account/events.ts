/** What changed in the staff member's second factors. */
export type AccountChange = 'totp-added' | 'totp-removed' | 'passkey-added' | 'passkey-removed';

/** The staff member added or removed a second factor on the account screen. */
export class PortalConsoleAccountChangeEvent extends Event {
  constructor(readonly detail: { readonly change: AccountChange }) {
    super('portal-console-account-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-account-change': PortalConsoleAccountChangeEvent;
  }
}
