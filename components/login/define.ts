import { defineElement } from '../base/define-element.ts';
import { PortalLogin } from './login.ts';

defineElement('portal-login', PortalLogin);

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
