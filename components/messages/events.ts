export interface PortalMessageSentDetail {
  readonly threadId: string;
  readonly messageId: string;
  /** True when the message started a new thread. */
  readonly newThread: boolean;
}

/** The client sent a message (a reply, or the first message of a new thread) and the service stored it. */
export class PortalMessageSentEvent extends Event {
  constructor(readonly detail: PortalMessageSentDetail) {
    super('portal-message-sent', { bubbles: true, composed: true });
  }
}

export interface PortalThreadOpenDetail {
  readonly threadId: string;
}

/** `<portal-messages>` shows a thread the client chose (or one they just started). */
export class PortalThreadOpenEvent extends Event {
  constructor(readonly detail: PortalThreadOpenDetail) {
    super('portal-thread-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-message-sent': PortalMessageSentEvent;
    'portal-thread-open': PortalThreadOpenEvent;
  }
}
