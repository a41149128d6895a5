import { defineElement } from '../base/define-element.ts';
import { PortalTwoFactorSettings } from './two-factor-settings.ts';

defineElement('portal-two-factor-settings', PortalTwoFactorSettings);

declare global {
  interface HTMLElementTagNameMap {
    'portal-two-factor-settings': PortalTwoFactorSettings;
  }
}
