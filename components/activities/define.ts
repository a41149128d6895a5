import { defineElement } from '../base/define-element.ts';
import { PortalActivities } from './activities.ts';

defineElement('portal-activities', PortalActivities);

declare global {
  interface HTMLElementTagNameMap {
    'portal-activities': PortalActivities;
  }
}
