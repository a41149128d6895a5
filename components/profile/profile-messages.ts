import { elementMessages } from '../i18n/element-messages.ts';
import { profileEn } from './profile.en.ts';

/** `<portal-profile>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: profileMessages, t } = elementMessages(profileEn, async () => (await import('./profile.es.ts')).profileEs);
