import { defineElement } from '../base/define-element.ts';
import { PortalPay } from './pay.ts';

defineElement('portal-pay', PortalPay);

declare global {
  interface HTMLElementTagNameMap {
    'portal-pay': PortalPay;
  }
}
