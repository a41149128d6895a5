import type { FirmFile } from '../api/files-api.ts';

/** The firm shared a document with a client in `<portal-console-files>`. */
export class PortalConsoleFileSharedEvent extends Event {
  constructor(readonly detail: { readonly file: FirmFile }) {
    super('portal-console-file-shared', { bubbles: true, composed: true });
  }
}

/** The firm deleted a file it had shared, in `<portal-console-files>`. */
export class PortalConsoleFileDeletedEvent extends Event {
  constructor(readonly detail: { readonly fileId: string }) {
    super('portal-console-file-deleted', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-file-shared': PortalConsoleFileSharedEvent;
    'portal-console-file-deleted': PortalConsoleFileDeletedEvent;
  }
}
