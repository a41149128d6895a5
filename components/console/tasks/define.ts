import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleTasks } from './tasks.ts';

defineElement('portal-console-tasks', PortalConsoleTasks);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-tasks': PortalConsoleTasks;
  }
}
