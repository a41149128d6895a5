import { elementMessages } from '../i18n/element-messages.ts';
import { invoiceEn } from './invoice.en.ts';

/** `<portal-invoice>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: invoiceMessages, t } = elementMessages(invoiceEn, async () => (await import('./invoice.es.ts')).invoiceEs);
