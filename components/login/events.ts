import type { Contact } from '../api/types.ts';
import type { LoginMode } from './validation.ts';

export interface PortalLoginSucceededDetail {
  /** The client now signed in. */
  readonly contact: Contact;
  /**
   * How they signed in: with a password, by accepting an invitation, by resetting the password,
   * with an emailed code (`enter-code`), with the email's link (`sign-in-link`), or with a
   * passkey alone (`passkey`). A second factor, when one was asked for, was given too.
   */
  readonly mode: Exclude<LoginMode, 'forgot-password' | 'email-code'> | 'passkey';
}

/** The client signed in through `<portal-login>`. */
export class PortalLoginSucceededEvent extends Event {
  constructor(readonly detail: PortalLoginSucceededDetail) {
    super('portal-login-succeeded', { bubbles: true, composed: true });
  }
}

export interface PortalPasswordResetRequestedDetail {
  readonly email: string;
}

/** The client asked for a password-reset email through `<portal-login>`. */
export class PortalPasswordResetRequestedEvent extends Event {
  constructor(readonly detail: PortalPasswordResetRequestedDetail) {
    super('portal-password-reset-requested', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-login-succeeded': PortalLoginSucceededEvent;
    'portal-password-reset-requested': PortalPasswordResetRequestedEvent;
  }
}
