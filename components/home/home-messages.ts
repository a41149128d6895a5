import { elementMessages } from '../i18n/element-messages.ts';
import { homeEn } from './home.en.ts';

/** `<portal-home>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: homeMessages, t } = elementMessages(homeEn, async () => (await import('./home.es.ts')).homeEs);
