import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

/** "Your password was changed", with what to do if it was not the client. */
export function passwordChangedEmail(input: {
  firm: EmailFirm;
  contactName: string;
  changedAt: string;
  /** The firm's time zone (IANA name) the time is shown in; UTC unless given. */
  timeZone?: string;
  /** The contact's language; English unless given. */
  language?: Language;
}): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.password-changed.subject', { firm }),
    heading: t('email.password-changed.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.password-changed.body', { firm }) },
      { type: 'facts', rows: [{ label: t('email.password-changed.changed-at'), value: w.dateTime(input.changedAt) }] },
      { type: 'paragraph', text: t('email.password-changed.if-you') },
      { type: 'note', text: t('email.password-changed.not-you', { firm }) },
    ],
    reason: `${t('email.password-changed.reason', { firm })} ${t('email.security.always-sent')}`,
  });
}
