import { elementMessages } from '../i18n/element-messages.ts';
import { filesEn } from './files.en.ts';

/** `<portal-files>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: filesMessages, t } = elementMessages(filesEn, async () => (await import('./files.es.ts')).filesEs);
