import { ApiError } from '../api/api-error.ts';
import { formatDuration } from './duration.ts';
import { t } from './translate.ts';

/**
 * A readable, translated message for a failed call. Codes every view can meet are translated;
 * any other `ApiError` shows the service's own `detail`. Call it while rendering.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  switch (error.code) {
    case 'network_error':
      return t('error.network');
    case 'firm_not_found':
      return t('error.firm-not-found');
    case 'origin_not_allowed':
      return t('error.origin-not-allowed');
    case 'rate_limited':
      return error.retryAfter === undefined ? t('error.rate-limited-later') : t('error.rate-limited', { time: formatDuration(error.retryAfter) });
    default:
      return error.status >= 500 || !error.detail ? t('error.unexpected') : error.detail;
  }
}
