/** Invoices and their lines; what payments paid on each comes from the `InvoiceLedger` the payments component provides. */
export * as invoicesContract from './invoices.contract.ts';
export type { InvoiceLedger } from './invoice-ledger.ts';
export { priceLines } from './invoice.ts';
export { invoiceAdjustments, type AdjustedInvoice } from './invoice-labels.ts';
export type { AppliedPayment, DepositAccount, LineInput } from './invoice.ts';
export { invoiceCommands } from './invoices.cli.ts';
export { InvoicesRepository } from './invoices.repository.ts';
export { adminInvoiceRoutes, invoiceRoutes } from './invoices.routes.ts';
export { InvoicesService, type FirmInvoice } from './invoices.service.ts';
