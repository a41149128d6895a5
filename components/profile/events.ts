import type { Contact } from '../api/types.ts';

/** What the client changed in `<portal-profile>`. */
export type ProfileChange = 'details' | 'email' | 'password' | 'notifications' | 'payment-method' | 'signed-out-everywhere';

export interface PortalProfileChangeDetail {
  /** What changed. */
  readonly change: ProfileChange;
  /** The client as they are now (their name, email and language). */
  readonly contact: Contact;
}

/**
 * The client changed their profile. `<portal-session>` answers by showing the new name and, when
 * the page gave the portal no `lang` of its own, by switching to the language the client chose.
 */
export class PortalProfileChangeEvent extends Event {
  constructor(readonly detail: PortalProfileChangeDetail) {
    super('portal-profile-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-profile-change': PortalProfileChangeEvent;
  }
}
