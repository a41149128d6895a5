import { defineElement } from '../base/define-element.ts';
import './define-plan.ts';
import { PortalInvoice } from './invoice.ts';

defineElement('portal-invoice', PortalInvoice);

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoice': PortalInvoice;
  }
}
