import { elementMessages, type ElementPlainKey } from '../i18n/element-messages.ts';
import { payEn } from './pay.en.ts';

/** `<portal-pay>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: payMessages, t } = elementMessages(payEn, async () => (await import('./pay.es.ts')).payEs);

/** A key of `t()` whose message takes no parameters. */
export type PayMessageKey = ElementPlainKey<typeof payEn>;
