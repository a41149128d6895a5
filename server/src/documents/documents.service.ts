import type { Clock } from '../clock.ts';
import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { documentLocale } from '../i18n/index.ts';
import { documentQuery } from './documents.contract.ts';
import type { DocumentContext, InvoiceDetail, Payment } from './documents.ts';
import type { FirmLogos } from './firm-logos.ts';

/** The layouts, and the PDF library with them, load with the first document asked for rather than at start. */
const layouts = () => import('./documents.ts');

/** Payments that were received: they have a receipt (a failed or unfinished attempt has none). */
const receiptStatuses: readonly string[] = ['succeeded', 'refunded', 'disputed'];

export interface DocumentsServiceDeps {
  invoices: { getForClient(firm: Firm, contactId: string, id: string): Promise<InvoiceDetail> };
  payments: { getForClient(firmId: string, contactId: string, id: string): Promise<Payment> };
  logos: FirmLogos;
  clock: Clock;
}

/** A document ready to send: its bytes and the name to save it under. */
export interface RenderedDocument {
  fileName: string;
  content: Buffer;
}

/** The client who asks, and how their request asks for a language. */
export interface DocumentRequest {
  firm: Firm;
  contact: Pick<Contact, 'id' | 'name' | 'email'>;
  query: unknown;
  acceptLanguage: string | undefined;
}

/** A file name's part taken from a number the firm chose: letters, digits, dots, dashes and underscores only. */
const fileNamePart = (value: string) => value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'document';

/**
 * The client's documents as PDFs: an invoice, and the receipt of a payment that was received.
 * Only the client's own (another client's is a 404, as everywhere), in their language.
 */
export class DocumentsService {
  constructor(private readonly deps: DocumentsServiceDeps) {}

  async invoice(request: DocumentRequest, invoiceId: string): Promise<RenderedDocument> {
    const { lang } = parse(documentQuery, request.query, 'query');
    const invoice = await this.deps.invoices.getForClient(request.firm, request.contact.id, invoiceId);
    const context = await this.#context(request, lang, invoice.currency);
    return { fileName: `Invoice-${fileNamePart(invoice.number)}.pdf`, content: await (await layouts()).invoicePdf(invoice, context) };
  }

  async receipt(request: DocumentRequest, paymentId: string): Promise<RenderedDocument> {
    const { lang } = parse(documentQuery, request.query, 'query');
    const payment = await this.deps.payments.getForClient(request.firm.id, request.contact.id, paymentId);
    if (!receiptStatuses.includes(payment.status) || !payment.receiptNumber) {
      throw new Problem(
        404,
        'receipt_not_available',
        payment.status === 'processing'
          ? 'This payment has no receipt yet: a bank payment has one once it settles.'
          : 'This payment has no receipt: it did not go through.',
      );
    }
    const context = await this.#context(request, lang, payment.currency);
    return { fileName: `Receipt-${fileNamePart(payment.receiptNumber)}.pdf`, content: await (await layouts()).receiptPdf(payment, context) };
  }

  async #context(request: DocumentRequest, lang: string | undefined, currency: string): Promise<DocumentContext> {
    const { firm, contact } = request;
    return {
      firm: {
        name: firm.name,
        address:
          firm.settings.address
            ?.split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean) ?? [],
        logo: await this.deps.logos.get(firm.branding.logoUrl),
        brandColor: firm.branding.colors.brand,
        portalUrl: firm.settings.portalUrl,
        timeZone: firm.settings.timeZone,
      },
      client: { name: contact.name, email: contact.email },
      locale: documentLocale(lang, request.acceptLanguage, currency),
      createdAt: this.deps.clock(),
    };
  }
}
