import { defineElement } from '../base/define-element.ts';
import '../login/define.ts';
import { PortalSession } from './session.ts';

defineElement('portal-session', PortalSession);

declare global {
  interface HTMLElementTagNameMap {
    'portal-session': PortalSession;
  }
}
