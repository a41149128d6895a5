import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { adminApi, demoClients, demoPassword, launchBrowser, startStack, visible, watchPage, withLogs, type Stack } from './harness.ts';

const unreadThread = 'Deposition of Dr. Castellan — scheduling and preparation';

declare global {
  interface Window {
    __portalXss?: boolean;
  }
}

interface AdminThread {
  id: string;
  subject: string;
  unreadCount: number;
  contact: { email: string };
}

interface AdminMessage {
  body: string;
  attachments: { name: string }[];
}

async function signIn(page: Page, stack: Stack): Promise<void> {
  await page.goto(stack.portalUrl);
  await (await visible(page.getByLabel('Email address', { exact: true }))).fill(demoClients.alex);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
}

/** Follows the portal's navigation to a section and waits for its heading. */
async function openSection(page: Page, name: 'Messages' | 'Files'): Promise<Locator> {
  // The link's name may end with its count: "Messages, 1 unread".
  await page
    .getByRole('navigation', { name: 'Client portal sections' })
    .getByRole('link', { name: new RegExp(`^${name}(, .+)?$`) })
    .click();
  const element = page.locator(name === 'Messages' ? 'portal-messages' : 'portal-files');
  await visible(element.getByRole('heading', { level: 2, name: new RegExp(`^${name}`) }));
  return element;
}

function threadButton(messages: Locator, subject: string): Locator {
  return messages
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button')
    .filter({ has: messages.page().getByText(subject, { exact: true }) });
}

/** A PDF the service accepts (it checks the type by content), padded to `size` bytes. */
async function pdfFile(name: string, size: number): Promise<string> {
  const head = Buffer.from('%PDF-1.4\n% Portico end-to-end test document\n');
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'portico-upload-')), name);
  await fs.writeFile(file, Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]));
  return file;
}

describe('secure messages and files on the demo portal', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('reads and answers the firm, starts a thread, exchanges files, and hears back from the firm', async () => {
    const admin = await adminApi(stack);
    const watched = await watchPage(browser);
    const { page } = watched;
    try {
      await signIn(page, stack);
      const messages = await openSection(page, 'Messages');

      // A seeded thread with an unread message from the firm: opening it marks it read.
      const seeded = threadButton(messages, unreadThread);
      await visible(seeded);
      assert.match(await seeded.innerText(), /1 unread message/);
      await seeded.click();
      await visible(messages.getByRole('heading', { level: 3, name: unreadThread }));
      const log = messages.getByRole('region', { name: `Messages in “${unreadThread}”` });
      await visible(log.getByText('The deposition is confirmed for the 24th', { exact: false }));
      await visible(log.getByRole('button', { name: /Draft settlement agreement\.pdf/ }));
      await seeded.locator('[part~="unread-badge"]').waitFor({ state: 'detached' });

      // A reply with an attachment: the file is uploaded first, then the message sent with it.
      const receipts = await pdfFile('Rent receipts.pdf', 40_000);
      const chooser = page.waitForEvent('filechooser');
      await messages.getByRole('button', { name: 'Attach files' }).click();
      await (await chooser).setFiles(receipts);
      await visible(messages.getByRole('list', { name: 'Files to send' }).getByText('Rent receipts.pdf'));
      const reply = messages.getByLabel('Your reply');
      await reply.fill('Here are my rent receipts for the deposition.');
      await reply.press('Enter');
      await visible(log.getByText('Here are my rent receipts for the deposition.'));
      await visible(log.getByRole('button', { name: /Rent receipts\.pdf/ }));
      await visible(messages.getByRole('status').filter({ hasText: 'Your message was sent.' }));
      assert.equal(await reply.inputValue(), '');

      const { body: threads } = await admin<{ data: AdminThread[] }>('GET', '/threads?limit=100');
      const deposition = threads.data.find((thread) => thread.subject === unreadThread)!;
      const { body: page1 } = await admin<{ data: AdminMessage[] }>('GET', `/threads/${deposition.id}`);
      const sent = page1.data.at(-1)!;
      assert.equal(sent.body, 'Here are my rent receipts for the deposition.');
      assert.deepEqual(
        sent.attachments.map((file) => file.name),
        ['Rent receipts.pdf'],
      );

      // A new thread.
      await messages.getByRole('button', { name: 'New message' }).first().click();
      await messages.getByLabel('Subject').fill('Copy of the deed');
      await messages.getByLabel('Message', { exact: true }).fill('I got the deed from the safe deposit box. Should I upload it here?');
      await messages.getByRole('button', { name: 'Send message' }).click();
      await visible(messages.getByRole('heading', { level: 3, name: 'Copy of the deed' }));
      await visible(threadButton(messages, 'Copy of the deed'));
      await visible(
        messages.getByRole('region', { name: 'Messages in “Copy of the deed”' }).getByText('I got the deed from the safe deposit box.', { exact: false }),
      );

      // Files: an upload whose progress bar reaches the end, and the file in the list.
      const files = await openSection(page, 'Files');
      const lease = await pdfFile('Signed lease.pdf', 3 * 1024 * 1024);
      const picker = page.waitForEvent('filechooser');
      await files.getByRole('button', { name: 'Choose files to upload' }).click();
      await (await picker).setFiles(lease);
      const upload = files.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: 'Signed lease.pdf' });
      await visible(upload.getByText('Uploaded', { exact: true }));
      const progress = upload.getByRole('progressbar', { name: 'Uploading Signed lease.pdf' });
      assert.equal(await progress.evaluate((bar) => (bar as HTMLProgressElement).value), 100);
      const listed = files.locator('[part~="file"]').filter({ hasText: 'Signed lease.pdf' });
      await visible(listed);
      assert.match(await listed.innerText(), /Uploaded by you/);
      await visible(files.getByRole('status').filter({ hasText: '“Signed lease.pdf” was uploaded.' }));

      // A download of a file the firm shared, under its own name.
      const shared = files.locator('[part~="file"]').filter({ hasText: 'Engagement letter.pdf' });
      assert.match(await shared.innerText(), /From Margaret Hale/);
      const download = page.waitForEvent('download');
      await shared.getByRole('button', { name: 'Download' }).click();
      assert.equal((await download).suggestedFilename(), 'Engagement letter.pdf');

      // The firm answers the new thread; its text is markup, which must stay text.
      const { body: after } = await admin<{ data: AdminThread[] }>('GET', '/threads?limit=100');
      const deed = after.data.find((thread) => thread.subject === 'Copy of the deed')!;
      const hostile = '<script>window.__portalXss = true</script><img src=x onerror="window.__portalXss = true"> Yes, please upload it.';
      const answered = await admin('POST', `/threads/${deed.id}/messages`, { body: hostile, staffName: 'Margaret Hale' });
      assert.equal(answered.status, 201);

      await page.reload();
      await visible(page.getByRole('button', { name: 'Sign out' }));
      const again = await openSection(page, 'Messages');
      const deedButton = threadButton(again, 'Copy of the deed');
      await visible(deedButton.locator('[part~="unread-badge"]'));
      assert.match(await deedButton.innerText(), /1 unread message/);
      await deedButton.click();
      const deedLog = again.getByRole('region', { name: 'Messages in “Copy of the deed”' });
      await visible(deedLog.getByText(hostile));
      const planted = await again.evaluate((element) => element.shadowRoot!.querySelectorAll('.messages script, .messages img').length);
      assert.equal(planted, 0);
      assert.equal(await page.evaluate(() => window.__portalXss), undefined);

      // The client was told by email, without the message's text.
      const outbox = await fetch(`${stack.serviceUrl}/dev/outbox?to=${encodeURIComponent(demoClients.alex)}`);
      const { data: mail } = (await outbox.json()) as { data: { kind: string; subject: string; text: string }[] };
      const notice = mail.find((email) => email.kind === 'message_notice');
      assert.ok(notice, `no message notice in the outbox: ${JSON.stringify(mail.map((email) => email.kind))}`);
      assert.match(notice.subject, /new secure message/i);
      assert.ok(!notice.text.includes('Yes, please upload it.'), 'the notice carries no message text');

      watched.assertClean();
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  });
});
