import type { FirmRefund } from '../api/payments-api.ts';

/** The firm refunded all or part of a payment in `<portal-console-payments>`. */
export class PortalConsolePaymentRefundedEvent extends Event {
  constructor(readonly detail: { readonly paymentId: string; readonly refund: FirmRefund }) {
    super('portal-console-payment-refunded', { bubbles: true, composed: true });
  }
}

/** The firm saved the CSV export of the payments it filtered, in `<portal-console-payments>`. */
export class PortalConsolePaymentsExportedEvent extends Event {
  constructor(readonly detail: { readonly fileName: string; readonly from: string; readonly to: string }) {
    super('portal-console-payments-exported', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-console-payment-refunded': PortalConsolePaymentRefundedEvent;
    'portal-console-payments-exported': PortalConsolePaymentsExportedEvent;
  }
}
