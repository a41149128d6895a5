import { defineElement } from '../base/define-element.ts';
import { PortalPayments } from './payments.ts';

defineElement('portal-payments', PortalPayments);

declare global {
  interface HTMLElementTagNameMap {
    'portal-payments': PortalPayments;
  }
}
