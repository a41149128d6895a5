/** What kind of email a message is: lets the outbox and tests find the one they want. */
export type MailKind = 'invitation' | 'password_reset' | (string & {});

export interface MailMessage {
  /**
   * A stable id for this email, so that sending it again after a crash is harmless where the
   * provider can tell: the outbox stores it once; over SMTP it becomes the Message-ID.
   */
  id?: string;
  /** The firm the email is sent for, when there is one (the outbox lists by firm). */
  firmId?: string;
  kind: MailKind;
  to: string;
  /** Shown as the sender's display name, e.g. the firm's name. */
  fromName?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

/** Where the service's emails go: the `outbox` table (development) or an SMTP server. */
export interface MailProvider {
  readonly name: 'outbox' | 'smtp';
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
  /**
   * Loads the library the provider sends with, which it otherwise loads with the first email. The
   * service calls it as it opens, so a configured provider whose package is missing stops it then.
   */
  load?(): Promise<void>;
}

/**
 * A message a provider could not hand over. `retryable` is true for failures that may pass on a
 * later attempt (a connection problem, a 4xx reply); the caller decides whether to retry.
 */
export class MailDeliveryError extends Error {
  readonly code?: string;
  readonly responseCode?: number;
  readonly retryable: boolean;

  constructor(message: string, details: { code?: string; responseCode?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'MailDeliveryError';
    this.code = details.code;
    this.responseCode = details.responseCode;
    this.retryable = details.retryable ?? false;
  }
}

const mailbox = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;
const lineBreak = /[\r\n]/;

/** True for one bare address such as `alex@example.com` (no display name, no list). */
export function isMailAddress(value: string): boolean {
  return mailbox.test(value);
}

/**
 * Checks a message before any provider takes it: a single recipient, header fields without line
 * breaks (header injection), and a subject. Throws a TypeError naming the bad field.
 */
export function assertSendable(message: MailMessage): void {
  if (!isMailAddress(message.to)) throw new TypeError(`Mail "to" must be one email address, got "${message.to}"`);
  if (message.replyTo !== undefined && !isMailAddress(message.replyTo)) {
    throw new TypeError(`Mail "replyTo" must be one email address, got "${message.replyTo}"`);
  }
  for (const field of ['subject', 'fromName', 'kind'] as const) {
    const value = message[field];
    if (value !== undefined && lineBreak.test(value)) throw new TypeError(`Mail "${field}" must be a single line`);
  }
  if (!message.subject.trim()) throw new TypeError('Mail "subject" must not be empty');
  if (!message.kind.trim()) throw new TypeError('Mail "kind" must not be empty');
}

/** `"Display Name" <address>` as an RFC 5322 mailbox, the name quoted; the bare address without a name. */
export function formatMailbox(address: string, name?: string): string {
  const display = name?.trim();
  if (!display) return address;
  return `"${display.replace(/["\\]/g, '\\$&')}" <${address}>`;
}
