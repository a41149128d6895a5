import { elementMessages } from '../i18n/element-messages.ts';
import { invoicesEn } from './invoices.en.ts';

/** `<portal-invoices>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: invoicesMessages, t } = elementMessages(invoicesEn, async () => (await import('./invoices.es.ts')).invoicesEs);
