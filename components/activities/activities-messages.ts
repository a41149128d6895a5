import { elementMessages } from '../i18n/element-messages.ts';
import { activitiesEn } from './activities.en.ts';

/** `<portal-activities>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: activitiesMessages, t } = elementMessages(activitiesEn, async () => (await import('./activities.es.ts')).activitiesEs);
