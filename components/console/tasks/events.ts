import type { FirmActivity } from '../api/activities-api.ts';

/** The firm created or changed a task or event in `<portal-console-tasks>`. */
export class PortalConsoleActivitySavedEvent extends Event {
  constructor(readonly detail: { readonly activity: FirmActivity; readonly created: boolean }) {
    super('portal-console-activity-saved', { bubbles: true, composed: true });
  }
}

/** The firm deleted a task or event in `<portal-console-tasks>`. */
export class PortalConsoleActivityDeletedEvent extends Event {
  constructor(readonly detail: { readonly activityId: string }) {
    super('portal-console-activity-deleted', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-activity-saved': PortalConsoleActivitySavedEvent;
    'portal-console-activity-deleted': PortalConsoleActivityDeletedEvent;
  }
}
