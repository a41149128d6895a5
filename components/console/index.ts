// The public API of the firm's console, without side effects: importing this module registers no
// element. Register them with `portico/console`.

export { ConsoleClient, type ConsoleClientOptions, type StaffSessionChange } from './api/console-client.ts';
export type { SignedInStaff, StaffAccess, StaffMe, StaffMember, StaffRole, StaffSignIn } from './api/types.ts';
export { PortalConsoleOpenEvent, type ConsoleOpenDetail } from './events.ts';
export { consoleScreens, type ConsoleScreenName } from './screens.ts';
export { PortalConsole } from './shell/shell.ts';
export { PortalStaffLoginSucceededEvent } from './staff-login/events.ts';
export { PortalStaffLogin } from './staff-login/staff-login.ts';
export { PortalConsoleAccount } from './account/account.ts';
export { PortalConsoleAccountChangeEvent } from './account/events.ts';
export { PortalConsoleInboxSentEvent, PortalConsoleInboxStatusEvent } from './inbox/events.ts';
export { PortalConsoleInbox } from './inbox/inbox.ts';
export { PortalConsoleClients } from './clients/clients.ts';
export {
  PortalConsoleClientsAddedEvent,
  PortalConsoleClientsChangedEvent,
  PortalConsoleClientsInvitedEvent,
  PortalConsoleClientsNewItemEvent,
} from './clients/events.ts';
export {
  PortalConsoleInvoiceSavedEvent,
  PortalConsoleInvoiceSentEvent,
  PortalConsoleInvoiceVoidedEvent,
  PortalConsoleInvoicePaymentRecordedEvent,
} from './invoices/events.ts';
export { PortalConsoleInvoices } from './invoices/invoices.ts';
export { PortalConsolePaymentRefundedEvent, PortalConsolePaymentsExportedEvent } from './payments/events.ts';
export { PortalConsolePayments } from './payments/payments.ts';
export { PortalConsoleFileSharedEvent, PortalConsoleFileDeletedEvent } from './files/events.ts';
export { PortalConsoleFiles } from './files/files.ts';
export { PortalConsoleActivitySavedEvent, PortalConsoleActivityDeletedEvent } from './tasks/events.ts';
export { PortalConsoleTasks } from './tasks/tasks.ts';
export { PortalConsoleSettingsSavedEvent } from './settings/events.ts';
export { PortalConsoleSettings } from './settings/settings.ts';
