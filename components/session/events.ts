import type { Contact, SessionChangeReason } from '../api/types.ts';

export interface PortalSessionChangeDetail {
  /** Where the client stands now. */
  readonly status: 'signed-in' | 'signed-out';
  /** The signed-in client (when `status` is `signed-in`). */
  readonly contact?: Contact;
  /**
   * What happened: `sign-in`, `sign-out`, `expired` (the service ended the sign-in), or `resume`
   * (the session started: an earlier sign-in was resumed, or there was none to resume).
   */
  readonly reason: SessionChangeReason;
}

/** The client's sign-in changed: they signed in or out, an earlier sign-in was resumed, or it ended. */
export class PortalSessionChangeEvent extends Event {
  constructor(readonly detail: PortalSessionChangeDetail) {
    super('portal-session-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-session-change': PortalSessionChangeEvent;
  }
}
