import { defineElement } from '../../base/define-element.ts';
import { PortalConsolePayments } from './payments.ts';

defineElement('portal-console-payments', PortalConsolePayments);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-payments': PortalConsolePayments;
  }
}
