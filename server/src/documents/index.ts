/** The client's documents as PDFs: invoices and payment receipts, in the firm's branding and the client's language. */
export * as documentsContract from './documents.contract.ts';
export { documentRoutes } from './documents.routes.ts';
export { DocumentsService } from './documents.service.ts';
export { FirmLogos } from './firm-logos.ts';
