import { defineElement } from '../base/define-element.ts';
import '../invoice/define.ts';
import { PortalInvoices } from './invoices.ts';

defineElement('portal-invoices', PortalInvoices);

declare global {
  interface HTMLElementTagNameMap {
    'portal-invoices': PortalInvoices;
  }
}
