import type { PortalSectionName } from './sections.ts';

/** What made the portal change place. */
export type PortalNavigateTrigger =
  /** The client chose a link in the portal's navigation (cancelable). */
  | 'link'
  /** Back, Forward, or a change of the address's `#portal/…` or `?portal=…` part. */
  | 'history'
  /** The section itself opened or closed one of its items (an invoice, a thread). */
  | 'content';

export interface PortalNavigateDetail {
  /** The section shown next. */
  readonly section: PortalSectionName;
  /** The item opened in it (an invoice or thread id), or `''` for the section's own view. */
  readonly itemId: string;
  /** The section and item shown before. */
  readonly from: { readonly section: PortalSectionName | ''; readonly itemId: string };
  readonly trigger: PortalNavigateTrigger;
}

/**
 * `<portal-app>` moved to another section or item because the client asked for it. When the
 * client chose a navigation link (`trigger: 'link'`) the event is cancelable, and
 * `preventDefault()` keeps the current section.
 */
export class PortalNavigateEvent extends Event {
  constructor(readonly detail: PortalNavigateDetail) {
    super('portal-navigate', { bubbles: true, composed: true, cancelable: detail.trigger === 'link' });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-navigate': PortalNavigateEvent;
  }
}
