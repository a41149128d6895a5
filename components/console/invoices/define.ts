import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleInvoices } from './invoices.ts';

defineElement('portal-console-invoices', PortalConsoleInvoices);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-invoices': PortalConsoleInvoices;
  }
}
