/** Email: the branded templates, the outbox or SMTP, and the queue that sends after a commit. */
export { createMail } from './create-mail.ts';
export type { MailProvider } from './mail.ts';
export { Mailer } from './mailer.ts';
export { listOutbox } from './outbox.ts';
export { brandedLayout, emailWords, firmName, greeting, invitationEmail, passwordResetEmail, staffInvitationEmail } from './templates.ts';
export type { EmailBlock, EmailFirm, EmailWords, RenderedEmail } from './templates.ts';
