export interface PortalConsoleInboxSentDetail {
  readonly threadId: string;
  readonly messageId: string;
  readonly contactId: string;
  /** True when the message started a new thread. */
  readonly newThread: boolean;
}

/** A member of the firm replied in a thread, or started one with a client, and the service stored it. */
export class PortalConsoleInboxSentEvent extends Event {
  constructor(readonly detail: PortalConsoleInboxSentDetail) {
    super('portal-console-inbox-sent', { bubbles: true, composed: true });
  }
}

export interface PortalConsoleInboxStatusDetail {
  readonly threadId: string;
  readonly status: 'open' | 'closed';
}

/** A member of the firm closed or reopened a thread. */
export class PortalConsoleInboxStatusEvent extends Event {
  constructor(readonly detail: PortalConsoleInboxStatusDetail) {
    super('portal-console-inbox-status', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-inbox-sent': PortalConsoleInboxSentEvent;
    'portal-console-inbox-status': PortalConsoleInboxStatusEvent;
  }
}
