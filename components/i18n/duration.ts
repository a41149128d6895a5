import { currentLocale, validLocale } from './language.ts';

/**
 * A duration in seconds as words, rounded up to whole minutes past a minute: "45 seconds", "2 minutes".
 * Apart from format.ts because a signed-out page needs it (a sign-in refused for too many attempts)
 * and none of the rest.
 */
export function formatDuration(seconds: number, locale: string = currentLocale()): string {
  const [value, unit] = seconds < 60 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(validLocale(locale), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
