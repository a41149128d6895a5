import { defineElement } from '../../base/define-element.ts';
import { PortalStaffLogin } from './staff-login.ts';

defineElement('portal-staff-login', PortalStaffLogin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-staff-login': PortalStaffLogin;
  }
}
