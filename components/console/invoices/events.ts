import type { FirmInvoiceDetail, RecordedPayment } from '../api/invoices-api.ts';

/** The firm created or changed an invoice in `<portal-console-invoices>`. `detail.created` is true for a new draft. */
export class PortalConsoleInvoiceSavedEvent extends Event {
  constructor(readonly detail: { readonly invoice: FirmInvoiceDetail; readonly created: boolean }) {
    super('portal-console-invoice-saved', { bubbles: true, composed: true });
  }
}

/** The firm sent (or sent again) an invoice to its client. */
export class PortalConsoleInvoiceSentEvent extends Event {
  constructor(readonly detail: { readonly invoice: FirmInvoiceDetail }) {
    super('portal-console-invoice-sent', { bubbles: true, composed: true });
  }
}

/** The firm voided an invoice, or deleted a draft (`detail.deleted`). */
export class PortalConsoleInvoiceVoidedEvent extends Event {
  constructor(readonly detail: { readonly invoiceId: string; readonly deleted: boolean }) {
    super('portal-console-invoice-voided', { bubbles: true, composed: true });
  }
}

/** The firm recorded a check, wire or cash it received for an invoice. */
export class PortalConsoleInvoicePaymentRecordedEvent extends Event {
  constructor(readonly detail: { readonly invoiceId: string; readonly payment: RecordedPayment }) {
    super('portal-console-invoice-payment-recorded', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-invoice-saved': PortalConsoleInvoiceSavedEvent;
    'portal-console-invoice-sent': PortalConsoleInvoiceSentEvent;
    'portal-console-invoice-voided': PortalConsoleInvoiceVoidedEvent;
    'portal-console-invoice-payment-recorded': PortalConsoleInvoicePaymentRecordedEvent;
  }
}
