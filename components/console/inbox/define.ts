import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleInbox } from './inbox.ts';

defineElement('portal-console-inbox', PortalConsoleInbox);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-inbox': PortalConsoleInbox;
  }
}
