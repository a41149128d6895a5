import type { PaymentMethodSummary } from '../api/types.ts';

/** What every payment event says about the checkout. */
export interface PortalPaymentDetail {
  /** The first payment of the checkout. */
  readonly paymentId: string;
  /** Every payment the event is about: one per deposit account (trust, operating) the invoices are paid into. */
  readonly paymentIds: readonly string[];
  /** Minor units of `currency`. */
  readonly amount: number;
  readonly currency: string;
  readonly status: 'succeeded' | 'processing' | 'failed';
  /** The invoices paid. */
  readonly invoiceIds: readonly string[];
  readonly method: PaymentMethodSummary;
}

export interface PortalPaymentSucceededDetail extends PortalPaymentDetail {
  readonly status: 'succeeded';
  /** The receipt number of the first payment (as on the emailed receipt). */
  readonly receiptNumber: string;
  readonly receiptNumbers: readonly string[];
}

export interface PortalPaymentProcessingDetail extends PortalPaymentDetail {
  readonly status: 'processing';
  readonly receiptNumber: string;
  readonly receiptNumbers: readonly string[];
}

export interface PortalPaymentFailedDetail extends PortalPaymentDetail {
  readonly status: 'failed';
  /** Why, in the processor's terms: `code`, `declineCode` (e.g. `insufficient_funds`), `message`. */
  readonly failure: { readonly code: string; readonly declineCode?: string; readonly message: string };
}

/** A payment made in `<portal-pay>` succeeded (a card payment, at once). */
export class PortalPaymentSucceededEvent extends Event {
  constructor(readonly detail: PortalPaymentSucceededDetail) {
    super('portal-payment-succeeded', { bubbles: true, composed: true });
  }
}

/** A payment made in `<portal-pay>` is on its way: a bank debit, until the bank settles it. */
export class PortalPaymentProcessingEvent extends Event {
  constructor(readonly detail: PortalPaymentProcessingDetail) {
    super('portal-payment-processing', { bubbles: true, composed: true });
  }
}

/** A payment made in `<portal-pay>` was declined, or its 3-D Secure check failed. */
export class PortalPaymentFailedEvent extends Event {
  constructor(readonly detail: PortalPaymentFailedDetail) {
    super('portal-payment-failed', { bubbles: true, composed: true });
  }
}

export interface PortalPayCloseDetail {
  /** How the client left: after paying, after a payment on its way, after a refusal, or without paying. */
  readonly outcome: 'succeeded' | 'processing' | 'failed' | 'cancelled';
}

/** The client left `<portal-pay>` ("Done", "Cancel"): the page closes or hides it. */
export class PortalPayCloseEvent extends Event {
  constructor(readonly detail: PortalPayCloseDetail) {
    super('portal-pay-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-payment-succeeded': PortalPaymentSucceededEvent;
    'portal-payment-processing': PortalPaymentProcessingEvent;
    'portal-payment-failed': PortalPaymentFailedEvent;
    'portal-pay-close': PortalPayCloseEvent;
  }
}
