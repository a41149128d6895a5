import { elementMessages } from '../i18n/element-messages.ts';
import { messagesEn } from './messages.en.ts';

/** `<portal-messages>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: messagesCatalog, t } = elementMessages(messagesEn, async () => (await import('./messages.es.ts')).messagesEs);
