import { invoicesEn } from '../invoices/invoices.en.ts';
import { inboxEn } from '../inbox/inbox.en.ts';
import { shellEn } from '../shell/shell.en.ts';
import { staffLoginEn } from '../staff-login/staff-login.en.ts';
import { accountEn } from '../account/account.en.ts';
import { filesEn } from '../files/files.en.ts';
import { tasksEn } from '../tasks/tasks.en.ts';
import { settingsEn } from '../settings/settings.en.ts';
import { clientsEn } from '../clients/clients.en.ts';
import { paymentsEn } from '../payments/payments.en.ts';

/**
 * The console's English, the reference language for its other tables. Each screen keeps its
 * own messages beside it (`inbox/inbox.en.ts`) and joins here; `{name}` marks a parameter.
 */
export const en = {
  'console.loading': 'Loading the console…',
  'console.label': 'Firm console',
  'console.error.network': 'The console could not reach the service. Check your connection and try again.',
  'console.error.firm-not-found': 'This console is not set up: the firm could not be found.',
  'console.error.origin-not-allowed': 'This website is not one of the firm’s allowed origins, so the console cannot run here.',
  'console.error.forbidden': 'Your role does not allow this. Ask an owner of the firm’s account.',
  'console.error.rate-limited': 'Too many attempts. Please wait {time} and try again.',
  'console.error.rate-limited-later': 'Too many attempts. Please wait a little and try again.',
  'console.error.unexpected': 'Something went wrong. Please try again.',
  ...shellEn,
  ...staffLoginEn,
  ...accountEn,
  ...inboxEn,
  ...filesEn,
  ...invoicesEn,
  ...tasksEn,
  'console.retry': 'Try again',
  ...settingsEn,
  ...clientsEn,
  ...paymentsEn,
} as const satisfies Record<string, string>;

/** Every console message key. */
export type ConsoleMessageKey = keyof typeof en;
