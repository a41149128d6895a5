/** The sections `<portal-home>` links to. */
export type HomeLinkSection = 'activities' | 'invoices' | 'payments' | 'messages' | 'files';

export interface PortalSectionOpenDetail {
  /** The section to show. */
  readonly section: HomeLinkSection;
  /** The item to open in it (an invoice or thread id), or `''` for the section's own view. */
  readonly itemId: string;
}

/**
 * The client chose a link on `<portal-home>` (an invoice, a message, "Read your messages"…).
 * `<portal-app>` answers by showing that section; a page using `<portal-home>` alone shows it
 * its own way.
 */
export class PortalSectionOpenEvent extends Event {
  constructor(readonly detail: PortalSectionOpenDetail) {
    super('portal-section-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-section-open': PortalSectionOpenEvent;
  }
}
