import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleClients } from './clients.ts';

defineElement('portal-console-clients', PortalConsoleClients);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-clients': PortalConsoleClients;
  }
}
