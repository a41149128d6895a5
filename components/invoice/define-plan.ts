import { defineElement } from '../base/define-element.ts';
import { PortalInvoicePlan } from './invoice-plan.ts';

defineElement('portal-invoice-plan', PortalInvoicePlan);

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoice-plan': PortalInvoicePlan;
  }
}
