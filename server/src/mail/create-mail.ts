import { ConfigError, type Config } from '../config.ts';
import type { Storage } from '../db/storage.ts';
import type { MailProvider } from './mail.ts';
import { createOutboxMail } from './outbox.ts';
import { createSmtpMail } from './smtp.ts';

/** The mail provider the configuration asks for: `outbox` (stored in the database) or `smtp`. */
export function createMail(config: Pick<Config, 'mail' | 'smtpUrl' | 'mailFrom'>, storage: Storage, options: { clock?: () => Date } = {}): MailProvider {
  switch (config.mail) {
    case 'outbox':
      return createOutboxMail(storage, { from: config.mailFrom, clock: options.clock });
    case 'smtp':
      if (!config.smtpUrl) throw new ConfigError('SMTP_URL', 'is required when MAIL=smtp');
      return createSmtpMail({ url: config.smtpUrl, from: config.mailFrom });
    default:
      throw new ConfigError('MAIL', `must be one of outbox, smtp, got "${String(config.mail)}"`);
  }
}
