import { defineElement } from '../base/define-element.ts';
import { PortalAutopaySettings } from './autopay-settings.ts';

defineElement('portal-autopay-settings', PortalAutopaySettings);

declare global {
  interface HTMLElementTagNameMap {
    'portal-autopay-settings': PortalAutopaySettings;
  }
}
