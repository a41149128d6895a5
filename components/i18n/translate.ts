import { currentLanguage } from './language.ts';
import { messagesFor, type MessageArgs, type MessageKey } from './translations.ts';

/**
 * The message for `key` in the current language, with `{name}` placeholders filled in.
 *
 * @example t('session.signed-in-as', { name: contact.name })
 */
export function t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
  const template = messagesFor(currentLanguage())[key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : placeholder));
}
