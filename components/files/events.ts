import type { PortalFile } from '../api/types.ts';

export interface PortalFileUploadedDetail {
  /** The file as the service stored it (its name may differ from the one chosen). */
  readonly file: PortalFile;
}

/** The client uploaded a file in `<portal-files>` and the service kept it. */
export class PortalFileUploadedEvent extends Event {
  constructor(readonly detail: PortalFileUploadedDetail) {
    super('portal-file-uploaded', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-file-uploaded': PortalFileUploadedEvent;
  }
}
