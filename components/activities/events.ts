import type { ActivityTask } from '../api/types.ts';

export interface PortalActivityChangeDetail {
  readonly activityId: string;
  /** Whether the task is now done. */
  readonly completed: boolean;
  /** The task as the service now has it. */
  readonly activity: ActivityTask;
}

/** The client marked a task done or not done, and the service recorded it. */
export class PortalActivityChangeEvent extends Event {
  constructor(readonly detail: PortalActivityChangeDetail) {
    super('portal-activity-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-activity-change': PortalActivityChangeEvent;
  }
}
