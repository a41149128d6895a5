import type { Transporter } from 'nodemailer';
import { providerUnavailable } from '../config.ts';
import { assertSendable, MailDeliveryError, type MailMessage, type MailProvider } from './mail.ts';

export interface SmtpMailOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS from the start). */
  url: string;
  /** The address the service's emails come from (`MAIL_FROM`). */
  from: string;
  /** How long to wait for the connection, the greeting and any reply, in ms. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

/** Failures that are worth another attempt later: the connection, not the message, was the problem. */
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS']);

interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

/** `host:port` for messages, never the credentials in the URL. */
function describeServer(url: URL): string {
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.hostname}:${port}`;
}

function parseSmtpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError('SMTP URL is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new TypeError(`SMTP URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  }
  if (!url.hostname) throw new TypeError('SMTP URL must name a host');
  return url;
}

function deliveryError(error: unknown, message: MailMessage, server: string): MailDeliveryError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorFields;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  const retryable = (code !== undefined && RETRYABLE_CODES.has(code)) || (responseCode !== undefined && responseCode >= 400 && responseCode < 500);
  return new MailDeliveryError(`Could not send the ${message.kind} email to ${message.to} through SMTP server ${server}: ${reason}`, {
    code,
    responseCode,
    retryable,
    cause: error,
  });
}

/** Sends the service's emails through an SMTP server with nodemailer, one connection per message. */
export function createSmtpMail(options: SmtpMailOptions): MailProvider {
  const url = parseSmtpUrl(options.url);
  const server = describeServer(url);
  // nodemailer loads with the first email, or with `load` as the service opens (never when MAIL=outbox).
  let transport: Promise<Transporter> | undefined;
  const connect = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: options.url,
        connectionTimeout: options.timeouts?.connection ?? 15_000,
        greetingTimeout: options.timeouts?.greeting ?? 15_000,
        socketTimeout: options.timeouts?.socket ?? 60_000,
      }),
    ));
  let closed = false;

  return {
    name: 'smtp',
    async load() {
      await connect().catch((error: unknown) => {
        transport = undefined;
        throw providerUnavailable('MAIL=smtp', 'nodemailer', error);
      });
    },
    async send(message: MailMessage) {
      if (closed) throw new Error('The SMTP mail provider is closed');
      assertSendable(message);
      const fromName = message.fromName?.trim();
      const mailer = await connect();
      try {
        await mailer.sendMail({
          ...(message.id ? { messageId: `<${message.id}@${options.from.split('@')[1]}>` } : {}),
          from: fromName ? { name: fromName, address: options.from } : options.from,
          to: message.to,
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
        });
      } catch (error) {
        throw deliveryError(error, message, server);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (transport) (await transport).close();
    },
  };
}
