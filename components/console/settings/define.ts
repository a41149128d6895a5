import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleSettings } from './settings.ts';

defineElement('portal-console-settings', PortalConsoleSettings);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-settings': PortalConsoleSettings;
  }
}
