import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

/** What changed about a client's second factors. */
export type SecondFactorChange = 'totp_added' | 'totp_removed' | 'passkey_added' | 'passkey_removed' | 'recovery_code_used';

export interface SecondFactorEmailInput {
  firm: EmailFirm;
  contactName: string;
  change: SecondFactorChange;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** Tells a client their second factors changed, so a change they did not make does not go unnoticed. */
export function secondFactorEmail(input: SecondFactorEmailInput): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const heading = t(`email.second-factor.${input.change}`);
  const text = t(`email.second-factor.${input.change}.text`);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.second-factor.subject', { change: heading, firm }),
    preheader: text,
    heading,
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text },
      { type: 'note', text: t('email.second-factor.not-you', { firm }) },
    ],
    reason: t('email.second-factor.reason', { firm }),
  });
}
