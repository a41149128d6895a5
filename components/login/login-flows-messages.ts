import { elementMessages } from '../i18n/element-messages.ts';
import { loginFlowsEn } from './login-flows.en.ts';

/**
 * The messages of the login's flows other than the password sign-in, and their `t()` (these keys
 * and the portal's): loaded with those flows, so that a password sign-in never downloads them.
 */
export const { messages: loginFlowsMessages, t } = elementMessages(loginFlowsEn, async () => (await import('./login-flows.es.ts')).loginFlowsEs);
