import { defineElement } from '../../base/define-element.ts';
import '../staff-login/define.ts';
import { PortalConsole } from './shell.ts';

defineElement('portal-console', PortalConsole);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console': PortalConsole;
  }
}
