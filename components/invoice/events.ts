export interface PortalPayRequestDetail {
  /** The invoices to pay, in the order shown. */
  readonly invoiceIds: string[];
  /** The amount suggested, in minor units of the invoices' currency: what can be paid now. */
  readonly amount?: number;
}

/**
 * The client asked to pay: "Pay now" on an invoice, or "Pay all open invoices". The page (or
 * `<portal-app>`) answers by opening `<portal-pay>` for these invoices.
 */
export class PortalPayRequestEvent extends Event {
  constructor(readonly detail: PortalPayRequestDetail) {
    super('portal-pay-request', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-pay-request': PortalPayRequestEvent;
  }
}

export interface PortalPlanDetail {
  readonly planId: string;
  readonly invoiceId: string;
}

/** The client put an invoice on a payment plan. */
export class PortalPlanCreatedEvent extends Event {
  constructor(readonly detail: PortalPlanDetail) {
    super('portal-plan-created', { bubbles: true, composed: true });
  }
}

/** The client cancelled a payment plan; its authorization is revoked. */
export class PortalPlanCancelledEvent extends Event {
  constructor(readonly detail: PortalPlanDetail) {
    super('portal-plan-cancelled', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-plan-created': PortalPlanCreatedEvent;
    'portal-plan-cancelled': PortalPlanCancelledEvent;
  }
}
