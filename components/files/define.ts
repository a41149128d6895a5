import { defineElement } from '../base/define-element.ts';
import { PortalFiles } from './files.ts';

defineElement('portal-files', PortalFiles);

declare global {
  interface HTMLElementTagNameMap {
    'portal-files': PortalFiles;
  }
}
