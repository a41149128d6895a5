import { elementMessages } from '../i18n/element-messages.ts';
import { sessionEn } from './session.en.ts';

/**
 * `<portal-session>`'s messages, and its `t()` (its own keys and the portal's): kept out of the
 * portal's shared table, so that an application that bundles `<portal-login>` alone leaves them out.
 */
export const { messages: sessionMessages, t } = elementMessages(sessionEn, async () => (await import('./session.es.ts')).sessionEs);
