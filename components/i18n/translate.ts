import { portalMessages, type MessageArgs, type MessageKey } from './translations.ts';

/**
 * The message for `key` in the current language, with `{name}` placeholders filled in.
 *
 * @example t('session.signed-in-as', { name: contact.name })
 */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  return portalMessages.t(key, ...args);
}
