import { brandedLayout, firmName, greeting, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

export interface SignInCodeEmailInput {
  firm: EmailFirm;
  contactName: string;
  /** The six digits, as the client types them. */
  code: string;
  /** The one-click sign-in link carrying the code's token. */
  link: string;
  expiresInMinutes: number;
}

/** A sign-in code and its one-click link, for a client who asked to sign in without a password. */
export function signInCodeEmail(input: SignInCodeEmailInput): RenderedEmail {
  const name = firmName(input.firm);
  const expiresIn = `${input.expiresInMinutes} minutes`;
  return brandedLayout({
    firm: input.firm,
    subject: `Your ${name} client portal sign-in code`,
    preheader: `The code expires in ${expiresIn}.`,
    heading: 'Your sign-in code',
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      { type: 'paragraph', text: `Enter this code on the ${name} client portal's sign-in page:` },
      { type: 'facts', rows: [{ label: 'Sign-in code', value: input.code }] },
      { type: 'paragraph', text: 'Or sign in with one click:' },
      { type: 'action', label: 'Sign in to the portal', url: input.link },
      { type: 'note', text: `The code and the link work once, for ${expiresIn}. A new request replaces them.` },
      { type: 'note', text: "If you didn't ask to sign in, you can ignore this email: nobody can sign in without the code." },
    ],
    reason: `You received this email because someone asked to sign in to your ${name} client portal account with this address.`,
  });
}
