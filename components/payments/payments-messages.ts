import { elementMessages, type ElementPlainKey } from '../i18n/element-messages.ts';
import { paymentsEn } from './payments.en.ts';

/** `<portal-payments>`'s messages, and its `t()` (its own keys and the portal's). */
export const { messages: paymentsMessages, t } = elementMessages(paymentsEn, async () => (await import('./payments.es.ts')).paymentsEs);

/** A key of `t()` whose message takes no parameters. */
export type PaymentsMessageKey = ElementPlainKey<typeof paymentsEn>;
