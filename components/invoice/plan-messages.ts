import { elementMessages } from '../i18n/element-messages.ts';
import { planEn } from './plan.en.ts';

/** `<portal-invoice-plan>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: planMessages, t } = elementMessages(planEn, async () => (await import('./plan.es.ts')).planEs);
