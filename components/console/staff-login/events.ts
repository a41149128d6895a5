import type { StaffMember } from '../api/types.ts';

export interface PortalStaffLoginSucceededDetail {
  /** The staff member now signed in. */
  readonly staff: StaffMember;
  /** The last step that signed them in: `password`, `invitation`, `totp`, `recovery_code`, `passkey`, or `enrolment` (a second factor set up at sign-in). */
  readonly method: 'password' | 'invitation' | 'totp' | 'recovery_code' | 'passkey' | 'enrolment';
}

/** A staff member signed in through `<portal-staff-login>` (after any recovery codes were shown). */
export class PortalStaffLoginSucceededEvent extends Event {
  constructor(readonly detail: PortalStaffLoginSucceededDetail) {
    super('portal-staff-login-succeeded', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-staff-login-succeeded': PortalStaffLoginSucceededEvent;
  }
}
