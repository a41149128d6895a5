import { defineElement } from '../base/define-element.ts';
import { PortalMessages } from './messages.ts';

defineElement('portal-messages', PortalMessages);

declare global {
  interface HTMLElementTagNameMap {
    'portal-messages': PortalMessages;
  }
}
