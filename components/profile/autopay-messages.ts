import { elementMessages } from '../i18n/element-messages.ts';
import { autopayEn } from './autopay.en.ts';

/** `<portal-autopay-settings>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: autopayMessages, t } = elementMessages(autopayEn, async () => (await import('./autopay.es.ts')).autopayEs);
