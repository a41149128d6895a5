// Emails in the client's language: every email to a client, rendered in Spanish, has no English
// left in it; the contact's language comes from the firm (the admin API) or from the portal page
// they asked from; real emails in the outbox read in Spanish.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { passwordChangedEmail } from '../../server/src/auth/password-changed-email.ts';
import { secondFactorEmail } from '../../server/src/auth/second-factor-email.ts';
import { signInCodeEmail } from '../../server/src/auth/sign-in-code-email.ts';
import { emailChangeCodeEmail, emailChangeNoticeEmail } from '../../server/src/contacts/profile.emails.ts';
import { catalogEntries, type Language } from '../../server/src/i18n/index.ts';
import { invoiceEmail } from '../../server/src/invoices/invoice.emails.ts';
import { invitationEmail, passwordResetEmail, type RenderedEmail } from '../../server/src/mail/templates.ts';
import { newMessageNotice } from '../../server/src/messages/message.emails.ts';
import { methodLabel } from '../../server/src/payments/method-labels.ts';
import { paymentFailedEmail, receiptEmail, refundEmail } from '../../server/src/payments/payment.emails.ts';
import type { PaymentRecord } from '../../server/src/payments/payment.ts';
import { instalmentFailedEmail, instalmentPaidEmail, instalmentReminderEmail, planCancelledEmail } from '../../server/src/plans/plan.emails.ts';
import { assertProblem, paymentKit, testCard, type PaymentKit } from './helpers/payments.ts';
import { password, startTestService, type TestService } from './helpers/service.ts';

const firm = { name: 'Hale & Whitmore LLP', colors: { brand: '#1f3a5f' } };
const link = 'https://www.hale.example/portal';
const invoice = {
  number: 'INV-0042',
  matter: 'Estate of R. Chen',
  dueOn: '2026-03-27',
  currency: 'USD',
  total: 123_456,
  amountPaid: 20_000,
  balance: 103_456,
  depositAccount: 'operating' as const,
};
const payment = (method: PaymentRecord['method'], depositAccount: 'operating' | 'trust' = 'operating'): PaymentRecord => ({
  id: 'pay_1',
  status: 'succeeded',
  amount: 123_456,
  currency: 'USD',
  method,
  source: 'portal',
  reference: null,
  receiptNumber: 'R-0007',
  allocations: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-0042', amount: 123_456, depositAccount }],
  failure: null,
  amountRefunded: 23_456,
  refunds: [],
  checkoutId: null,
  createdAt: '2026-03-02T15:00:00.000Z',
  updatedAt: '2026-03-02T15:00:00.000Z',
});
const card = { type: 'card' as const, brand: 'amex', last4: '0005' };
const bank = { type: 'us_bank_account' as const, brand: 'STRIPE TEST BANK', last4: '6789' };
const instalment = { seq: 2, count: 3, amount: 33_333, currency: 'USD', on: '2026-04-10', invoiceNumber: 'INV-0042', method: { ...card } };

/** Every email a client can receive, in every variant, in one language. */
function clientEmails(language: Language): Record<string, RenderedEmail> {
  const refund = { amount: 23_456, allocations: [{ invoiceNumber: 'INV-0042', amount: 23_456 }], at: '2026-03-04T15:00:00.000Z' };
  const base = { firm, contactName: 'Alex Morgan', language };
  return {
    invitation: invitationEmail({ ...base, link, expiresAt: '2026-03-09T15:00:00.000Z', timeZone: 'America/New_York' }),
    'invitation from someone': invitationEmail({ ...base, link, expiresAt: '2026-03-09T15:00:00.000Z', invitedBy: 'Margaret Hale' }),
    'invitation with a login': invitationEmail({ ...base, link, expiresAt: '2026-03-09T15:00:00.000Z', hasLogin: true }),
    'password reset': passwordResetEmail({ ...base, link, expiresInMinutes: 60 }),
    'sign-in code': signInCodeEmail({ ...base, code: '123456', link, expiresInMinutes: 10 }),
    invoice: invoiceEmail({ ...base, invoice, link }),
    'retainer request': invoiceEmail({ ...base, invoice: { ...invoice, depositAccount: 'trust' }, link }),
    'invoice reminder': invoiceEmail({ ...base, invoice, link, reminder: true }),
    'invoice reminder, nothing paid': invoiceEmail({ ...base, invoice: { ...invoice, amountPaid: 0 }, link, reminder: true }),
    'retainer reminder': invoiceEmail({ ...base, invoice: { ...invoice, depositAccount: 'trust' }, link, reminder: true }),
    'message notice': newMessageNotice({ ...base, link }),
    'message notice without a link': newMessageNotice({ ...base, firm: { ...firm, name: '' } }),
    receipt: receiptEmail({ ...base, payment: payment(card), link, timeZone: 'America/Chicago' }),
    'trust receipt': receiptEmail({ ...base, payment: payment(bank, 'trust'), link }),
    'card refund': refundEmail({ ...base, payment: payment(card), refund, link }),
    'bank refund': refundEmail({ ...base, payment: payment(bank), refund: { ...refund, allocations: [] }, link }),
    'check refund': refundEmail({ ...base, payment: { ...payment({ type: 'check', brand: null, last4: null }), amountRefunded: 123_456 }, refund, link }),
    'returned debit': paymentFailedEmail({ ...base, payment: payment(bank), reason: 'The account has insufficient funds.', link }),
    'email change code': emailChangeCodeEmail({ ...base, code: '123456', expiresInMinutes: 10 }),
    'email change notice': emailChangeNoticeEmail({ ...base, newEmail: 'alex.new@example.com' }),
    'password changed': passwordChangedEmail({ ...base, changedAt: '2026-03-02T15:00:00.000Z', timeZone: 'America/New_York' }),
    ...Object.fromEntries(
      (['totp_added', 'totp_removed', 'passkey_added', 'passkey_removed', 'recovery_code_used'] as const).map((change) => [
        `second factor ${change}`,
        secondFactorEmail({ ...base, change }),
      ]),
    ),
    'plan reminder': instalmentReminderEmail({ ...base, instalment, link }),
    'plan payment received': instalmentPaidEmail({ ...base, instalment, next: { on: '2026-05-10', amount: 33_334 }, link }),
    'plan payment received, the last': instalmentPaidEmail({ ...base, instalment: { ...instalment, seq: 3, method: bank }, next: null, link }),
    'plan payment failed': instalmentFailedEmail({ ...base, instalment, failure: 'Your card was declined.', retryOn: '2026-04-13', link }),
    'plan stopped': instalmentFailedEmail({ ...base, instalment, failure: 'Your card was declined.', retryOn: null, link }),
    'plan cancelled by the client': planCancelledEmail({ ...base, invoiceNumber: 'INV-0042', byFirm: false, link }),
    'plan cancelled by the firm': planCancelledEmail({ ...base, invoiceNumber: 'INV-0042', byFirm: true, link }),
  };
}

const unescape = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const words = (email: RenderedEmail) => [email.subject, email.text, unescape(email.html)].join('\n');

/**
 * The English of the catalog: every run of words between placeholders, of entries whose Spanish
 * differs, long enough not to be a name or a number ("Invoice", "Total" are the same in both).
 */
const englishPhrases = catalogEntries()
  .filter((entry) => entry.en !== entry.es)
  .flatMap((entry) => entry.en.split(/\{\w+\}/).map((part) => ({ key: entry.key, phrase: part.trim().replace(/^[,.:;—–-]\s*|\s*[,.:;—–-]$/g, '') })))
  .filter(({ phrase }) => phrase.length >= 8 && /[a-z]{3}/i.test(phrase));

const englishIn = (text: string) => englishPhrases.filter(({ phrase }) => text.includes(phrase));

/** The entries that name the processor's reason for a failure, which is in English. */
const processorReason = new Set([
  'email.payment-failed.body',
  'email.plan-failed.body',
  'email.plan-stopped.body',
  'email.autopay-failed.body',
  'email.autopay-stopped.body',
]);

describe('the email catalog', () => {
  it('has every key in Spanish, with the same placeholders', () => {
    for (const { key, en, es } of catalogEntries()) {
      assert.ok(es.trim(), `${key} has Spanish`);
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      // The processor's reason for a returned debit or a failed instalment is in English: the Spanish email leaves it out.
      const expected = processorReason.has(key) ? names(en).filter((name) => name !== 'reason') : names(en);
      assert.deepEqual(names(es), expected, `${key}: the same placeholders`);
    }
  });

  it('finds English in an English email (the check below can fail)', () => {
    for (const [kind, email] of Object.entries(clientEmails('en'))) {
      assert.ok(englishIn(words(email)).length >= 3, `${kind} reads as English`);
    }
  });

  it('leaves no English in any email to a client written in Spanish', () => {
    for (const [kind, email] of Object.entries(clientEmails('es'))) {
      const text = words(email);
      assert.deepEqual(
        englishIn(text).map(({ key, phrase }) => `${key}: "${phrase}"`),
        [],
        `${kind}: no English left`,
      );
      assert.doesNotMatch(text, /\{\w+\}/, `${kind}: every placeholder filled`);
      assert.match(email.html, /<html lang="es">/, `${kind}: the page says its language`);
      assert.doesNotMatch(text, /\b(?:Hi|Hello|Your|the|and|you|ending in|Sent by)\b/, `${kind}: no stray English word`);
    }
  });

  it('writes money, dates and durations as a US firm’s Spanish-speaking clients read them', () => {
    const emails = clientEmails('es');
    assert.match(emails.invoice!.subject, /^Hale & Whitmore LLP: Factura INV-0042 — \$1,034\.56, vence el 27 de marzo de 2026$/);
    assert.match(emails.invitation!.text, /Esta invitación vence el 9 de marzo de 2026 a las 11:00 a\.\s?m\. EDT\./);
    assert.match(emails['sign-in code']!.text, /durante 10 minutos/);
    assert.match(emails['password reset']!.text, /vence en 1 hora/);
    assert.match(emails.receipt!.text, /Forma de pago: American Express terminada en 0005/);
    assert.match(emails.receipt!.text, /Fecha: 2 de marzo de 2026/);
    assert.match(emails['trust receipt']!.text, /Cuenta de Test bank terminada en 6789/);
    assert.match(emails['message notice without a link']!.text, /^Su bufete/);
    assert.match(emails.receipt!.text, /^Hola, Alex Morgan:$/m);
    assert.match(emails['email change code']!.text, /durante 10 minutos/);
    assert.match(emails['password changed']!.text, /Fecha del cambio: 2 de marzo de 2026 a las 10:00 a\.\s?m\. EST/);
    assert.equal(emails['plan reminder']!.subject, 'Hale & Whitmore LLP cobrará $333.33 el 10 de abril de 2026');
    assert.match(
      emails['plan reminder']!.text,
      /Cuota: 2 de 3\nImporte: \$333\.33\nFecha: 10 de abril de 2026\nForma de pago: American Express terminada en 0005/,
    );
    assert.match(emails['plan payment failed']!.text, /Se volverá a intentar una vez más el 13 de abril de 2026/);
    assert.match(clientEmails('en')['plan payment failed']!.text, /could not be charged: Your card was declined\. It will be tried/);
  });

  it('names a payment method one way, in receipts, invoices and emails alike', () => {
    assert.equal(methodLabel(card, 'en'), 'American Express ending in 0005');
    assert.equal(methodLabel({ type: 'card', brand: 'visa', last4: '4242' }, 'es'), 'Visa terminada en 4242');
    assert.equal(methodLabel(bank, 'en'), 'Test bank account ending in 6789', 'a test bank is never named as the processor wrote it');
    assert.equal(
      methodLabel({ type: 'us_bank_account', brand: 'WELLS FARGO BANK, NA', last4: '1111' }, 'es'),
      'Cuenta de Wells Fargo Bank, NA terminada en 1111',
    );
    assert.equal(methodLabel({ type: 'wire', brand: null, last4: null }, 'es'), 'Transferencia bancaria');
    assert.equal(clientEmails('en').receipt!.text.match(/Paid with: (.*)/)?.[1], 'American Express ending in 0005');
  });
});

describe("emails in the contact's language, over HTTP", () => {
  let svc: TestService;
  let kit: PaymentKit;

  const contactLocale = async (id: string, locale: Language | null) => {
    const reply = await kit.admin(`/contacts/${id}`, { method: 'PATCH', body: { locale } });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.locale, locale);
  };
  const latest = async (to: string, kind: string) => {
    const emails = await kit.emails(to, kind);
    assert.ok(emails.length > 0, `a ${kind} email to ${to}`);
    return emails[0]!;
  };
  const assertSpanish = (email: { subject: string; text: string; html: string }) => {
    const found = englishIn(words(email)).map(({ phrase }) => phrase);
    assert.deepEqual(found, [], `no English in "${email.subject}"`);
    assert.match(email.html, /<html lang="es">/);
  };

  before(async () => {
    svc = await startTestService();
    kit = paymentKit(svc);
    const settings = await kit.admin('/settings', { method: 'PATCH', body: { settings: { showPayments: true } } });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
  });
  after(() => svc.close());

  it('keeps a contact’s language through the admin API, and refuses one the portal is not written in', async () => {
    const created = await kit.admin('/contacts', { body: { email: 'lucia@example.com', name: 'Lucía Fernández', locale: 'es' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.locale, 'es');
    assert.equal((await kit.admin(`/contacts/${created.body.id}`)).body.locale, 'es');
    const plain = await kit.admin('/contacts', { body: { email: 'pat@example.com', name: 'Pat Doe' } });
    assert.equal(plain.body.locale, null, 'null until chosen');
    assertProblem(await kit.admin('/contacts', { body: { email: 'x@example.com', name: 'X', locale: 'fr' } }), 400, 'invalid_request');
    assertProblem(await kit.admin(`/contacts/${created.body.id}`, { method: 'PATCH', body: { locale: 'ES-mx' } }), 400, 'invalid_request');
    const { token } = await svc.login('alex@example.com');
    const me = await svc.request('/api/v1/me', { token });
    assert.equal(me.body.contact.locale, null);
  });

  it('invites a Spanish-speaking contact in Spanish, and an English one in English', async () => {
    const lucia = (await kit.admin('/contacts?q=lucia')).body.data[0];
    assert.equal((await kit.admin(`/contacts/${lucia.id}/invitations`, { body: {} })).status, 201);
    const invitation = await latest('lucia@example.com', 'invitation');
    assert.equal(invitation.subject, 'Hale & Whitmore LLP le invitó a su portal del cliente');
    assert.match(invitation.text, /^Hola, Lucía Fernández:$/m);
    assertSpanish(invitation);

    const pat = (await kit.admin('/contacts?q=pat')).body.data[0];
    assert.equal((await kit.admin(`/contacts/${pat.id}/invitations`, { body: {} })).status, 201);
    assert.equal((await latest('pat@example.com', 'invitation')).subject, 'Hale & Whitmore LLP invited you to its client portal');
  });

  it('sends a Spanish-speaking client their invoice, message notice and receipt in Spanish', async () => {
    const jordan = svc.fixtures.jordan.id;
    await contactLocale(jordan, 'es');
    const sent = await kit.invoice({ contactId: jordan, amount: 125_000 });
    const invoiceMail = await latest('jordan@example.com', 'invoice');
    assert.equal(invoiceMail.subject, `Hale & Whitmore LLP: Factura ${sent.number} — $1,250.00, vence el 27 de marzo de 2026`);
    assertSpanish(invoiceMail);

    const thread = await kit.admin('/threads', { body: { contactId: jordan, subject: 'Contrato', body: 'Vea mis notas.', staffName: 'Margaret Hale' } });
    assert.equal(thread.status, 201, JSON.stringify(thread.body));
    const notice = await latest('jordan@example.com', 'message_notice');
    assert.equal(notice.subject, 'Tiene un mensaje seguro nuevo de Hale & Whitmore LLP');
    assertSpanish(notice);

    const { token } = await svc.login('jordan@example.com');
    const paid = await kit.pay(token, {
      allocations: [{ invoiceId: sent.id, amount: 125_000 }],
      paymentMethod: { type: 'card', token: await kit.cardToken(testCard.visa) },
    });
    assert.equal(paid.body.payment?.status, 'succeeded', JSON.stringify(paid.body));
    const receipt = await latest('jordan@example.com', 'receipt');
    assert.match(receipt.subject, /^Recibo R-\d+ de Hale & Whitmore LLP: \$1,250\.00$/);
    assert.match(receipt.text, /Forma de pago: Visa terminada en 4242/);
    assert.match(receipt.text, /Fecha: 2 de marzo de 2026/);
    assertSpanish(receipt);
    // The firm's own notice stays in English.
    await contactLocale(jordan, null);
  });

  it('sends a Spanish-speaking client the security notices of their profile in Spanish', async () => {
    const jordan = svc.fixtures.jordan;
    await contactLocale(jordan.id, 'es');
    const { token } = await svc.login(jordan.email);
    const call = (path: string, body: unknown) => svc.request(`/api/v1${path}`, { token, body });

    assert.equal((await call('/me/email-change', { newEmail: 'jordan.nuevo@example.com', password })).status, 202);
    const code = await latest('jordan.nuevo@example.com', 'email_change_code');
    assert.equal(code.subject, 'Confirme su nueva dirección de correo electrónico para el portal del cliente de Hale & Whitmore LLP');
    assertSpanish(code);
    const notice = await latest(jordan.email, 'email_change_notice');
    assert.match(notice.text, /Nueva dirección: jordan\.nuevo@example\.com/);
    assertSpanish(notice);

    assert.equal((await call('/me/password', { currentPassword: password, newPassword: 'una frase de paso nueva' })).status, 204);
    const changed = await latest(jordan.email, 'password_changed');
    assert.equal(changed.subject, 'Se cambió su contraseña del portal del cliente de Hale & Whitmore LLP');
    assertSpanish(changed);
    assert.equal((await call('/me/password', { currentPassword: 'una frase de paso nueva', newPassword: password })).status, 204);
    await contactLocale(jordan.id, null);
  });

  it('writes a sign-in code in the language of the page that asked, and later emails follow it until the client chooses', async () => {
    const alex = svc.fixtures.alex;
    const asked = await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: alex.email, locale: 'es' } });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const code = await latest(alex.email, 'sign_in_code');
    assert.equal(code.subject, 'Su código de acceso al portal del cliente de Hale & Whitmore LLP');
    assertSpanish(code);

    await kit.invoice({ amount: 5_000 });
    assertSpanish(await latest(alex.email, 'invoice'));

    // A language the client chose wins over the page's.
    await contactLocale(alex.id, 'en');
    const before = new Set((await kit.emails(alex.email, 'sign_in_code')).map((email) => email.id));
    svc.clock.advance(60_000);
    const again = await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: alex.email, locale: 'es' } });
    assert.equal(again.status, 202, JSON.stringify(again.body));
    const fresh = (await kit.emails(alex.email, 'sign_in_code')).filter((email) => !before.has(email.id));
    assert.deepEqual(
      fresh.map((email) => email.subject),
      ['Your Hale & Whitmore LLP client portal sign-in code'],
    );
    assertProblem(await svc.request('/api/v1/auth/email-code/request', { body: { firm: 'hale', email: alex.email, locale: 'de' } }), 400, 'invalid_request');
    await contactLocale(alex.id, null);
  });
});
