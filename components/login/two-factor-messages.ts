import { elementMessages } from '../i18n/element-messages.ts';
import { twoFactorEn } from './two-factor.en.ts';

/**
 * The messages of two-step verification, and their `t()` (these keys and the portal's): shared
 * by the login's second step, loaded after the password, and `<portal-two-factor-settings>`.
 */
export const { messages: twoFactorMessages, t } = elementMessages(twoFactorEn, async () => (await import('./two-factor.es.ts')).twoFactorEs);
