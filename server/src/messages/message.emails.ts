import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, firmName, type EmailBlock, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

/*
 * Notices of new secure messages. Email is not secure, so neither notice carries a message's
 * body: they say that there is a message and where to read it.
 */

export interface NewMessageNoticeInput {
  firm: EmailFirm;
  contactName: string;
  /** The firm's portal page, opening the thread; without one the email says to sign in. */
  link?: string;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** Tells a client the firm has written to them in the portal. */
export function newMessageNotice(input: NewMessageNoticeInput): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const blocks: EmailBlock[] = [
    { type: 'paragraph', text: w.greeting(input.contactName) },
    { type: 'paragraph', text: t('email.message.body', { firm }) },
    input.link ? { type: 'action', label: t('email.message.action'), url: input.link } : { type: 'paragraph', text: t('email.message.sign-in', { firm }) },
    { type: 'note', text: t('email.message.reply-in-portal') },
  ];
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.message.subject', { firm }),
    preheader: t('email.message.preheader'),
    heading: t('email.message.heading'),
    blocks,
    reason: t('email.reason.client', { firm }),
  });
}

export interface ClientMessageNoticeInput {
  firm: EmailFirm;
  contact: { name: string; email: string };
  subject: string;
  threadId: string;
  /** Whether the client started the thread with this message, or replied in it. */
  newThread: boolean;
}

/** Tells the firm's inbox a client has written: who, and the thread's subject. */
export function clientMessageNotice(input: ClientMessageNoticeInput): RenderedEmail {
  const name = firmName(input.firm);
  const what = input.newThread ? 'started a new conversation' : 'replied';
  return brandedLayout({
    firm: input.firm,
    subject: `New secure message from ${input.contact.name}: ${input.subject}`,
    preheader: `${input.contact.name} ${what} in the client portal.`,
    heading: 'A client sent a secure message',
    blocks: [
      {
        type: 'paragraph',
        text: `${input.contact.name} ${what} in the client portal. The message is not included in this email; read and answer it with the firm's portal tools.`,
      },
      {
        type: 'facts',
        rows: [
          { label: 'Client', value: input.contact.name },
          { label: 'Email', value: input.contact.email },
          { label: 'Subject', value: input.subject },
          { label: 'Thread', value: input.threadId },
        ],
      },
    ],
    reason: `You received this email because it is the inbox address of ${name} in the client portal.`,
  });
}
