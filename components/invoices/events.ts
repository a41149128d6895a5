export interface PortalInvoiceSelectDetail {
  readonly invoiceId: string;
}

/**
 * The client chose an invoice in `<portal-invoices>`. Unless a listener calls
 * `preventDefault()`, the list then shows that invoice.
 */
export class PortalInvoiceSelectEvent extends Event {
  constructor(readonly detail: PortalInvoiceSelectDetail) {
    super('portal-invoice-select', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-invoice-select': PortalInvoiceSelectEvent;
  }
}
