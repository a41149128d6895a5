import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

export interface SignInCodeEmailInput {
  firm: EmailFirm;
  contactName: string;
  /** The six digits, as the client types them. */
  code: string;
  /** The one-click sign-in link carrying the code's token. */
  link: string;
  expiresInMinutes: number;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** A sign-in code and its one-click link, for a client who asked to sign in without a password. */
export function signInCodeEmail(input: SignInCodeEmailInput): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const duration = w.minutes(input.expiresInMinutes);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.sign-in-code.subject', { firm }),
    preheader: t('email.sign-in-code.preheader', { duration }),
    heading: t('email.sign-in-code.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.sign-in-code.body', { firm }) },
      { type: 'facts', rows: [{ label: t('email.sign-in-code.code'), value: input.code }] },
      { type: 'paragraph', text: t('email.sign-in-code.or-link') },
      { type: 'action', label: t('email.sign-in-code.action'), url: input.link },
      { type: 'note', text: t('email.sign-in-code.expiry', { duration }) },
      { type: 'note', text: t('email.sign-in-code.not-you') },
    ],
    reason: t('email.sign-in-code.reason', { firm }),
  });
}
