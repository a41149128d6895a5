import { defineElement } from '../base/define-element.ts';
import '../activities/define.ts';
import '../files/define.ts';
import '../home/define.ts';
import '../invoices/define.ts';
import '../messages/define.ts';
import '../pay/define.ts';
import '../payments/define.ts';
import '../session/define.ts';
import { PortalApp } from './app.ts';

defineElement('portal-app', PortalApp);

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}
