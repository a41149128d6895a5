/** What the client did in `<portal-autopay-settings>`. */
export type AutopayChange = 'enrolled' | 'cancelled';

export interface PortalAutopayChangeDetail {
  readonly change: AutopayChange;
  /** The matter autopay was turned on or off for. */
  readonly matter: string;
  readonly enrolmentId: string;
}

/** The client turned autopay on or off for a matter. */
export class PortalAutopayChangeEvent extends Event {
  constructor(readonly detail: PortalAutopayChangeDetail) {
    super('portal-autopay-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-autopay-change': PortalAutopayChangeEvent;
  }
}
