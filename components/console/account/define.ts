import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleAccount } from './account.ts';

defineElement('portal-console-account', PortalConsoleAccount);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-account': PortalConsoleAccount;
  }
}
