import { defineElement } from '../base/define-element.ts';
import { PortalHome } from './home.ts';

defineElement('portal-home', PortalHome);

declare global {
  interface HTMLElementTagNameMap {
    'portal-home': PortalHome;
  }
}
