import { defineElement } from '../../base/define-element.ts';
import { PortalConsoleFiles } from './files.ts';

defineElement('portal-console-files', PortalConsoleFiles);

declare global {
  interface HTMLElementTagNameMap {
    'portal-console-files': PortalConsoleFiles;
  }
}
