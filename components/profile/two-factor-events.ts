/** What changed about the client's second factors. */
export type TwoFactorChange = 'totp-added' | 'totp-removed' | 'passkey-added' | 'passkey-removed' | 'recovery-codes-replaced';

export interface PortalTwoFactorChangeDetail {
  readonly change: TwoFactorChange;
  /** The passkey added or removed, for passkey changes. */
  readonly passkeyId?: string;
}

/** The client changed their second factors in `<portal-two-factor-settings>`. */
export class PortalTwoFactorChangeEvent extends Event {
  constructor(readonly detail: PortalTwoFactorChangeDetail) {
    super('portal-two-factor-change', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-two-factor-change': PortalTwoFactorChangeEvent;
  }
}
