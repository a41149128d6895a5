/**
 * The entry of the console's script-tag bundle (`dist/cdn/console.js`), apart from the client
 * portal's (`portal.js`), so that clients never download the firm's screens: claims every
 * console tag at once and loads each element's chunk when its first instance appears.
 * `<portal-console>` always renders `<portal-staff-login>` or a screen; each screen loads the
 * first time it is shown. The ESM module for bundlers (`portico/console`) registers them
 * statically instead.
 */
import { loadElement, registerLazyElements, watch } from './lazy-elements.ts';

registerLazyElements({
  'portal-console': { load: async () => (await import('../console/shell/shell.ts')).PortalConsole, with: ['portal-staff-login'] },
  'portal-staff-login': { load: async () => (await import('../console/staff-login/staff-login.ts')).PortalStaffLogin },
  'portal-console-account': { load: async () => (await import('../console/account/account.ts')).PortalConsoleAccount },
  'portal-console-inbox': { load: async () => (await import('../console/inbox/inbox.ts')).PortalConsoleInbox },
  'portal-console-clients': { load: async () => (await import('../console/clients/clients.ts')).PortalConsoleClients },
  'portal-console-invoices': { load: async () => (await import('../console/invoices/invoices.ts')).PortalConsoleInvoices },
  'portal-console-payments': { load: async () => (await import('../console/payments/payments.ts')).PortalConsolePayments },
  'portal-console-files': { load: async () => (await import('../console/files/files.ts')).PortalConsoleFiles },
  'portal-console-tasks': { load: async () => (await import('../console/tasks/tasks.ts')).PortalConsoleTasks },
  'portal-console-settings': { load: async () => (await import('../console/settings/settings.ts')).PortalConsoleSettings },
});

watch(document);

/** `load('portal-console-inbox')` defines an element now; `watch(shadowRoot)` loads those a page renders in shadow roots of its own. */
export { loadElement as load, watch };
