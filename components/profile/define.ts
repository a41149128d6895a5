import { defineElement } from '../base/define-element.ts';
import './autopay-settings-define.ts';
import './two-factor-settings-define.ts';
import { PortalProfile } from './profile.ts';

defineElement('portal-profile', PortalProfile);

declare global {
  interface HTMLElementTagNameMap {
    'portal-profile': PortalProfile;
  }
}
