import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

/** The code that proves the client reads the new address, sent to that address. */
export function emailChangeCodeEmail(input: {
  firm: EmailFirm;
  contactName: string;
  code: string;
  expiresInMinutes: number;
  /** The contact's language; English unless given. */
  language?: Language;
}): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const duration = w.minutes(input.expiresInMinutes);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.email-change.subject', { firm }),
    preheader: t('email.email-change.preheader', { duration }),
    heading: t('email.email-change.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.email-change.body', { firm }) },
      { type: 'facts', rows: [{ label: t('email.email-change.code'), value: input.code }] },
      { type: 'note', text: t('email.email-change.expiry', { duration }) },
      { type: 'note', text: t('email.email-change.not-you') },
    ],
    reason: t('email.email-change.reason', { firm }),
  });
}

/** Tells the current address that a move to another one was asked for, and what to do if it was not the client. */
export function emailChangeNoticeEmail(input: { firm: EmailFirm; contactName: string; newEmail: string; language?: Language }): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.email-change-notice.subject', { firm }),
    heading: t('email.email-change-notice.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.email-change-notice.body', { firm }) },
      { type: 'facts', rows: [{ label: t('email.email-change-notice.new-address'), value: input.newEmail }] },
      { type: 'paragraph', text: t('email.email-change-notice.takes-effect') },
      { type: 'note', text: t('email.email-change-notice.not-you', { firm }) },
    ],
    reason: `${t('email.email-change-notice.reason', { firm })} ${t('email.security.always-sent')}`,
  });
}
