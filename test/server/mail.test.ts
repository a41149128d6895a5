import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../server/src/config.ts';
import { openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import { createMail } from '../../server/src/mail/create-mail.ts';
import { MailDeliveryError, type MailMessage } from '../../server/src/mail/mail.ts';
import { createOutboxMail, findOutboxMessage, listOutbox } from '../../server/src/mail/outbox.ts';
import { createSmtpMail } from '../../server/src/mail/smtp.ts';
import {
  brandColors,
  brandedLayout,
  contrastRatio,
  DEFAULT_BRAND_COLOR,
  invitationEmail,
  parseHexColor,
  passwordResetEmail,
  readableTextColor,
  safeHttpUrl,
  type EmailFirm,
} from '../../server/src/mail/templates.ts';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp.ts';

const FROM = 'portal@portico.test';

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    kind: 'invitation',
    to: 'alex@example.com',
    subject: 'Welcome',
    text: 'Hello in text',
    html: '<p>Hello in HTML</p>',
    ...overrides,
  };
}

/** A clock that moves one second each time it is read. */
function steppingClock(start: string): () => Date {
  let now = new Date(start).getTime();
  return () => {
    const current = new Date(now);
    now += 1000;
    return current;
  };
}

describe('outbox mail', () => {
  let dir: string;
  let storage: Storage;
  const firmId = 'firm_obrien';

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-'));
    storage = openSqliteStorage(dir, { file: path.join(dir, 'portico.sqlite') });
    storage
      .sqlite!.prepare('INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(firmId, 'obrien', "O'Brien & Sons", '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
  });

  after(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores each message and lists them newest first', async () => {
    const mail = createOutboxMail(storage, { from: FROM, clock: steppingClock('2025-03-01T10:00:00.000Z') });
    assert.equal(mail.name, 'outbox');

    await mail.send(message({ firmId, fromName: "O'Brien & Sons", subject: 'First', kind: 'invitation' }));
    await mail.send(message({ to: 'jordan@example.com', subject: 'Second', kind: 'password_reset' }));
    await mail.send(message({ firmId, fromName: "O'Brien & Sons", subject: 'Third', kind: 'password_reset', text: 'T3', html: '<b>H3</b>' }));

    const all = await listOutbox(storage);
    assert.deepEqual(
      all.map((m) => m.subject),
      ['Third', 'Second', 'First'],
    );
    const [third, second] = all;
    assert.match(third!.id, /^msg_[A-Za-z0-9_-]{16}$/);
    assert.deepEqual(third, {
      id: third!.id,
      firmId,
      to: 'alex@example.com',
      from: `"O'Brien & Sons" <${FROM}>`,
      subject: 'Third',
      text: 'T3',
      html: '<b>H3</b>',
      kind: 'password_reset',
      createdAt: '2025-03-01T10:00:02.000Z',
    });
    assert.equal(second!.firmId, null);
    assert.equal(second!.from, FROM);
    assert.equal(second!.createdAt, '2025-03-01T10:00:01.000Z');

    assert.deepEqual(await findOutboxMessage(storage, third!.id), third);
    assert.equal(await findOutboxMessage(storage, 'msg_missing'), undefined);
  });

  it('filters by recipient, firm and kind, and honours the limit', async () => {
    assert.deepEqual(
      (await listOutbox(storage, { to: 'ALEX@example.com' })).map((m) => m.subject),
      ['Third', 'First'],
    );
    assert.deepEqual(
      (await listOutbox(storage, { to: 'jordan@example.com' })).map((m) => m.subject),
      ['Second'],
    );
    assert.deepEqual(
      (await listOutbox(storage, { firmId })).map((m) => m.subject),
      ['Third', 'First'],
    );
    assert.deepEqual(
      (await listOutbox(storage, { kind: 'password_reset' })).map((m) => m.subject),
      ['Third', 'Second'],
    );
    assert.deepEqual(
      (await listOutbox(storage, { limit: 1 })).map((m) => m.subject),
      ['Third'],
    );
    assert.equal((await listOutbox(storage, { limit: 0 })).length, 1);
    assert.deepEqual(await listOutbox(storage, { to: 'nobody@example.com' }), []);
  });

  it('keeps messages with the same timestamp in the order they were sent', async () => {
    const mail = createOutboxMail(storage, { from: FROM, clock: () => new Date('2030-01-01T00:00:00.000Z') });
    await mail.send(message({ to: 'same@example.com', subject: 'A' }));
    await mail.send(message({ to: 'same@example.com', subject: 'B' }));
    assert.deepEqual(
      (await listOutbox(storage, { to: 'same@example.com' })).map((m) => m.subject),
      ['B', 'A'],
    );
  });

  it('refuses a message with a bad recipient or a header line break, and stores nothing', async () => {
    const mail = createOutboxMail(storage, { from: FROM });
    const before = (await listOutbox(storage, { limit: 500 })).length;
    await assert.rejects(mail.send(message({ to: 'alex@example.com, eve@example.com' })), TypeError);
    await assert.rejects(mail.send(message({ to: 'not-an-address' })), TypeError);
    await assert.rejects(mail.send(message({ subject: 'Hi\r\nBcc: eve@example.com' })), /single line/);
    await assert.rejects(mail.send(message({ fromName: 'Firm\nBcc: eve@example.com' })), /single line/);
    await assert.rejects(mail.send(message({ replyTo: 'a@b.test\nX: y' })), TypeError);
    assert.equal((await listOutbox(storage, { limit: 500 })).length, before);
  });

  it('refuses to send once closed', async () => {
    const mail = createOutboxMail(storage, { from: FROM });
    await mail.close();
    await assert.rejects(mail.send(message()), /closed/);
  });

  it('is what createMail returns for MAIL=outbox', async () => {
    const mail = createMail({ mail: 'outbox', mailFrom: FROM }, storage);
    assert.equal(mail.name, 'outbox');
    await mail.send(message({ to: 'via-config@example.com' }));
    assert.equal((await listOutbox(storage, { to: 'via-config@example.com' }))[0]!.from, FROM);
    await mail.close();
  });

  it('createMail picks SMTP for MAIL=smtp and requires SMTP_URL', async () => {
    const mail = createMail({ mail: 'smtp', smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: FROM }, storage);
    assert.equal(mail.name, 'smtp');
    await mail.close();
    assert.throws(
      () => createMail({ mail: 'smtp', mailFrom: FROM }, storage),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, 'SMTP_URL');
        return true;
      },
    );
  });
});

describe('SMTP mail', () => {
  let server: TestSmtpServer;

  before(async () => {
    server = await startSmtpServer({ rejectRecipients: ['bounce@example.com'] });
  });

  after(async () => {
    await server.close();
  });

  it('delivers subject, from, to, reply-to, text and html to a real SMTP server', async () => {
    const mail = createSmtpMail({ url: server.url, from: FROM });
    assert.equal(mail.name, 'smtp');
    try {
      await mail.send(
        message({
          fromName: "O'Brien & Sons",
          replyTo: 'lawyer@obrien.test',
          subject: "Your invitation — O'Brien & Sons",
          text: 'Plain words\nand a second line',
          html: '<p>Rich <strong>words</strong></p>',
        }),
      );
      const received = await server.nextMessage();
      assert.deepEqual(received.envelope, { from: FROM, to: ['alex@example.com'] });
      assert.equal(received.subject, "Your invitation — O'Brien & Sons");
      assert.equal(received.headers.get('from'), `"O'Brien & Sons" <${FROM}>`);
      assert.equal(received.headers.get('to'), 'alex@example.com');
      assert.equal(received.headers.get('reply-to'), 'lawyer@obrien.test');
      assert.match(received.headers.get('content-type') ?? '', /^multipart\/alternative/);
      assert.equal(received.text, 'Plain words\nand a second line');
      assert.equal(received.html, '<p>Rich <strong>words</strong></p>');
    } finally {
      await mail.close();
    }
  });

  it('sends the bare address as From when there is no display name', async () => {
    const mail = createSmtpMail({ url: server.url, from: FROM });
    try {
      await mail.send(message({ to: 'jordan@example.com' }));
      const received = await server.nextMessage();
      assert.equal(received.headers.get('from'), FROM);
      assert.equal(received.headers.get('reply-to'), undefined);
      assert.deepEqual(received.envelope.to, ['jordan@example.com']);
    } finally {
      await mail.close();
    }
  });

  it('delivers a branded invitation whose parts match the template', async () => {
    const email = invitationEmail({
      firm: { name: "O'Brien & <Sons>", colors: { brand: '#0b3d91' } },
      contactName: 'Alex Doe',
      link: 'https://portal.obrien.test/accept?token=abc&firm=obrien',
      expiresAt: '2025-03-08T17:30:00.000Z',
    });
    const mail = createSmtpMail({ url: server.url, from: FROM });
    try {
      await mail.send({ kind: 'invitation', to: 'alex@example.com', fromName: "O'Brien & <Sons>", ...email });
      const received = await server.nextMessage();
      assert.equal(received.subject, email.subject);
      assert.equal(received.text, email.text);
      assert.equal(received.html, email.html);
      assert.equal(received.headers.get('from'), `"O'Brien & <Sons>" <${FROM}>`);
    } finally {
      await mail.close();
    }
  });

  it('authenticates with the credentials in the URL', async () => {
    const secured = await startSmtpServer({ auth: { user: 'portal', pass: 's3cret/pass' } });
    const mail = createSmtpMail({ url: secured.url, from: FROM });
    try {
      await mail.send(message());
      const received = await secured.nextMessage();
      assert.equal(received.user, 'portal');
    } finally {
      await mail.close();
      await secured.close();
    }
  });

  it('turns a refused login into a MailDeliveryError that does not reveal the password', async () => {
    const secured = await startSmtpServer({ auth: { user: 'portal', pass: 'right' } });
    const mail = createSmtpMail({ url: `smtp://portal:wrong-password@127.0.0.1:${secured.port}`, from: FROM });
    try {
      await assert.rejects(mail.send(message()), (error: unknown) => {
        assert.ok(error instanceof MailDeliveryError);
        assert.equal(error.code, 'EAUTH');
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${secured.port}`));
        assert.doesNotMatch(error.message, /wrong-password/);
        return true;
      });
      assert.equal(secured.received.length, 0);
    } finally {
      await mail.close();
      await secured.close();
    }
  });

  it('turns a refused recipient into a clear, permanent MailDeliveryError', async () => {
    const mail = createSmtpMail({ url: server.url, from: FROM });
    try {
      await assert.rejects(mail.send(message({ to: 'bounce@example.com', kind: 'password_reset' })), (error: unknown) => {
        assert.ok(error instanceof MailDeliveryError);
        assert.match(error.message, /password_reset email to bounce@example\.com/);
        assert.match(error.message, new RegExp(`SMTP server 127\\.0\\.0\\.1:${server.port}`));
        assert.equal(error.responseCode, 550);
        assert.equal(error.retryable, false);
        assert.ok(error.cause instanceof Error);
        return true;
      });
    } finally {
      await mail.close();
    }
  });

  it('reports an unreachable server as a retryable MailDeliveryError', async () => {
    const gone = await startSmtpServer();
    const port = gone.port;
    await gone.close();
    const mail = createSmtpMail({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeouts: { connection: 2000, greeting: 2000 } });
    try {
      await assert.rejects(mail.send(message()), (error: unknown) => {
        assert.ok(error instanceof MailDeliveryError);
        assert.equal(error.retryable, true);
        assert.match(error.message, /Could not send the invitation email to alex@example\.com/);
        return true;
      });
    } finally {
      await mail.close();
    }
  });

  it('refuses a URL that is not smtp:// or smtps://, and sending after close', async () => {
    assert.throws(() => createSmtpMail({ url: 'http://mail.example.com', from: FROM }), /smtp:\/\/ or smtps:\/\//);
    assert.throws(() => createSmtpMail({ url: 'not a url', from: FROM }), /not a valid URL/);
    const mail = createSmtpMail({ url: server.url, from: FROM });
    await mail.close();
    await assert.rejects(mail.send(message()), /closed/);
  });
});

describe('email templates', () => {
  const firm: EmailFirm = {
    name: "O'Brien & <Sons>",
    logoUrl: 'https://cdn.obrien.test/logo.png?v=2&size=large',
    colors: { brand: '#0B3D91' },
  };

  it('escapes every interpolated value in the HTML and keeps the plain text readable', () => {
    const email = invitationEmail({
      firm,
      contactName: '<script>alert("x")</script>',
      invitedBy: 'Mary "Mae" <b>Smith</b>',
      link: 'https://portal.obrien.test/accept?token=abc&firm=obrien',
      expiresAt: new Date('2025-03-08T17:30:00.000Z'),
    });
    assert.doesNotMatch(email.html, /<script>/);
    assert.doesNotMatch(email.html, /<Sons>/);
    assert.doesNotMatch(email.html, /<b>Smith<\/b>/);
    assert.match(email.html, /O&#39;Brien &amp; &lt;Sons&gt;/);
    assert.match(email.html, /Hi &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;,/);
    assert.match(email.html, /href="https:\/\/portal\.obrien\.test\/accept\?token=abc&amp;firm=obrien"/);
    assert.match(email.html, /<img src="https:\/\/cdn\.obrien\.test\/logo\.png\?v=2&amp;size=large" alt="O&#39;Brien &amp; &lt;Sons&gt;"/);

    assert.match(email.text, /Hi <script>alert\("x"\)<\/script>,/);
    assert.match(email.text, /Mary "Mae" <b>Smith<\/b> at O'Brien & <Sons> has invited you/);
    assert.match(email.text, /\nhttps:\/\/portal\.obrien\.test\/accept\?token=abc&firm=obrien\n/);
    assert.equal(email.subject, "O'Brien & <Sons> invited you to its client portal");
  });

  it('says who invited the contact and when the link expires, in en-US', () => {
    const email = invitationEmail({
      firm,
      contactName: 'Alex Doe',
      link: 'https://portal.obrien.test/accept?token=abc',
      expiresAt: '2025-03-08T17:30:00.000Z',
    });
    const expected = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    }).format(new Date('2025-03-08T17:30:00.000Z'));
    assert.match(expected, /^March 8, 2025/);
    assert.ok(email.text.includes(`This invitation expires on ${expected}.`));
    assert.ok(email.html.includes(`This invitation expires on ${expected}.`));
    assert.match(email.text, /O'Brien & <Sons> has invited you to the O'Brien & <Sons> client portal/);
    assert.match(email.text, /^Hi Alex Doe,$/m);
    assert.match(email.text, /Sent by O'Brien & <Sons> through its secure client portal\. You received this email because/);
    assert.match(email.html, /Create your login<\/a>/);

    const inZone = invitationEmail({
      firm,
      contactName: 'Alex',
      link: 'https://p.test/a',
      expiresAt: '2025-03-08T17:30:00.000Z',
      timeZone: 'America/New_York',
    });
    assert.match(inZone.text, /March 8, 2025 at 12:30\sPM EST/);
    assert.throws(() => invitationEmail({ firm, contactName: 'Alex', link: 'https://p.test/a', expiresAt: 'someday' }), /not a valid date/);
  });

  it('tells a reset requester when the link expires and that they can ignore it', () => {
    const email = passwordResetEmail({ firm, contactName: 'Jordan', link: 'https://portal.obrien.test/reset?token=xyz', expiresInMinutes: 60 });
    assert.equal(email.subject, "Reset your O'Brien & <Sons> client portal password");
    assert.match(email.text, /This link expires in 1 hour\./);
    assert.match(email.text, /If you didn't ask to reset your password, you can ignore this email\./);
    assert.match(email.html, /If you didn&#39;t ask to reset your password, you can ignore this email\./);
    assert.match(email.text, /\nhttps:\/\/portal\.obrien\.test\/reset\?token=xyz\n/);
    assert.match(email.text, /^Hi Jordan,$/m);

    const anonymous = passwordResetEmail({ firm, contactName: '  ', link: 'https://p.test/r', expiresInMinutes: 30 });
    assert.match(anonymous.text, /This link expires in 30 minutes\./);
    assert.match(anonymous.text, /^Hello,$/m);
    assert.match(passwordResetEmail({ firm, contactName: 'J', link: 'https://p.test/r', expiresInMinutes: 120 }).text, /expires in 2 hours\./);
    assert.throws(() => passwordResetEmail({ firm, contactName: 'J', link: 'https://p.test/r', expiresInMinutes: 0 }), TypeError);
  });

  it('refuses call-to-action links that are not http(s)', () => {
    for (const link of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', '/relative/accept', 'vbscript:msgbox', '']) {
      assert.throws(() => passwordResetEmail({ firm, contactName: 'Jordan', link, expiresInMinutes: 60 }), /must be an absolute http\(s\) URL/, link);
    }
    assert.equal(safeHttpUrl(' https://example.com/a b '), 'https://example.com/a%20b');
    assert.equal(safeHttpUrl('http://example.com'), 'http://example.com/');
    assert.equal(safeHttpUrl('ftp://example.com'), undefined);
  });

  it('drops a logo whose URL is not http(s) and shows the firm name instead', () => {
    const email = passwordResetEmail({
      firm: { ...firm, logoUrl: 'javascript:alert(1)' },
      contactName: 'Jordan',
      link: 'https://p.test/r',
      expiresInMinutes: 60,
    });
    assert.doesNotMatch(email.html, /<img/);
    assert.doesNotMatch(email.html, /javascript:/i);
    assert.match(email.html, /<span[^>]*>O&#39;Brien &amp; &lt;Sons&gt;<\/span>/);
  });

  it('inlines only hex colours and falls back to the default brand colour', () => {
    const hostile = passwordResetEmail({
      firm: { name: 'Firm', colors: { brand: 'red;background:url(https://evil.test/x)', brandContrast: '#fff" onclick="x' } },
      contactName: 'Jordan',
      link: 'https://p.test/r',
      expiresInMinutes: 60,
    });
    assert.doesNotMatch(hostile.html, /evil\.test|onclick|red;/);
    assert.match(hostile.html, new RegExp(`bgcolor="${DEFAULT_BRAND_COLOR}"`));

    assert.equal(parseHexColor('#ABC'), '#aabbcc');
    assert.equal(parseHexColor('#0B3D91'), '#0b3d91');
    for (const bad of ['red', '#abcd', '#12345g', 'rgb(0,0,0)', '0b3d91', '#0b3d9', '', undefined]) {
      assert.equal(parseHexColor(bad), undefined, String(bad));
    }
  });

  it('picks white text on a dark brand and black text on a light one', () => {
    assert.equal(readableTextColor('#0b3d91'), '#ffffff');
    assert.equal(readableTextColor('#1f2937'), '#ffffff');
    assert.equal(readableTextColor('#ffd700'), '#000000');
    assert.equal(readableTextColor('#f5f5f5'), '#000000');
    assert.equal(Math.round(contrastRatio('#000000', '#ffffff')), 21);
    assert.equal(contrastRatio('#777777', '#777777'), 1);

    const render = (colors: EmailFirm['colors']) =>
      passwordResetEmail({ firm: { name: 'Firm', colors }, contactName: 'J', link: 'https://p.test/r', expiresInMinutes: 60 }).html;
    assert.match(render({ brand: '#0b3d91' }), /bgcolor="#0b3d91"[\s\S]*?<a [^>]*color:#ffffff;/);
    assert.match(render({ brand: '#FFD700' }), /bgcolor="#ffd700"[\s\S]*?<a [^>]*color:#000000;/);
  });

  it('uses brandContrast when it is readable on the brand and computes one when it is not', () => {
    assert.deepEqual(brandColors({ brand: '#0b3d91', brandContrast: '#fdf6e3' }), { brand: '#0b3d91', contrast: '#fdf6e3' });
    assert.deepEqual(brandColors({ brand: '#0b3d91', brandContrast: '#1a1a1a' }), { brand: '#0b3d91', contrast: '#ffffff' });
    assert.deepEqual(brandColors({ brand: '#ffd700', brandContrast: 'blue' }), { brand: '#ffd700', contrast: '#000000' });
    assert.deepEqual(brandColors(undefined), { brand: DEFAULT_BRAND_COLOR, contrast: '#ffffff' });
  });

  it('gives later emails a shared layout with facts, notes and a footer that says who sent it and why', () => {
    const email = brandedLayout({
      firm: { name: 'Lee & Park <LLP>', colors: { brand: '#123456' } },
      subject: 'Receipt\r\nBcc: eve@example.com',
      preheader: 'Thanks for your payment',
      heading: 'Payment received',
      blocks: [
        { type: 'paragraph', text: 'We received your payment.\nThank you.' },
        {
          type: 'facts',
          rows: [
            { label: 'Amount', value: '$125.00' },
            { label: 'Receipt <no>', value: 'R-1 & 2' },
          ],
        },
        { type: 'note', text: 'Keep this email for your records.' },
      ],
      reason: 'You received this email because you made a payment.',
    });
    assert.equal(email.subject, 'Receipt Bcc: eve@example.com');
    assert.match(email.html, /<title>Receipt Bcc: eve@example\.com<\/title>/);
    assert.match(email.html, /We received your payment\.<br>Thank you\./);
    assert.match(email.html, /Receipt &lt;no&gt;<\/td>.*R-1 &amp; 2<\/td>/);
    assert.match(email.html, /Sent by Lee &amp; Park &lt;LLP&gt; through its secure client portal\. You received this email because you made a payment\./);
    assert.match(email.html, /<table role="presentation"/);
    assert.match(email.html, /border-top:6px solid #123456/);
    assert.match(
      email.text,
      /^Lee & Park <LLP>\n\nPayment received\n\nWe received your payment\.\nThank you\.\n\nAmount: \$125\.00\nReceipt <no>: R-1 & 2\n\nKeep this email for your records\.\n\n--\nSent by Lee & Park <LLP> through its secure client portal\. You received this email because you made a payment\.\n$/,
    );
  });
});
