import { ApiError } from '../../api/api-error.ts';
import { MessageCatalog, type ArgsOf, type TableOf } from '../../i18n/catalog.ts';
import { formatDuration } from '../../i18n/format.ts';
import { en, type ConsoleMessageKey } from './en.ts';

/** A complete console table for one language: exactly the English keys. */
export type ConsoleMessages = TableOf<typeof en>;

/** The console's messages: a catalog apart from the client portal's, so clients never download them. */
export const consoleMessages = new MessageCatalog(en, new Map([['es', async () => (await import('./es.ts')).es]]));

/**
 * A console message in the current language, with `{name}` placeholders filled in.
 *
 * @example t('inbox.unread', { count: 3 })
 */
export function t<K extends ConsoleMessageKey>(key: K, ...args: ArgsOf<typeof en, K>): string {
  return consoleMessages.t(key, ...args);
}

/**
 * A readable, translated message for a failed call: the codes every screen can meet are
 * translated; any other problem shows the service's own `detail`. Call it while rendering.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('console.error.unexpected');
  switch (error.code) {
    case 'network_error':
      return t('console.error.network');
    case 'firm_not_found':
      return t('console.error.firm-not-found');
    case 'origin_not_allowed':
      return t('console.error.origin-not-allowed');
    case 'role_forbidden':
      return t('console.error.forbidden');
    case 'rate_limited':
      return error.retryAfter === undefined
        ? t('console.error.rate-limited-later')
        : t('console.error.rate-limited', { time: formatDuration(error.retryAfter) });
    default:
      return error.status >= 500 || !error.detail ? t('console.error.unexpected') : error.detail;
  }
}
