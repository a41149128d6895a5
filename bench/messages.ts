/**
 * Opening a long thread: a client fetching the newest 50 of 10,000 messages (every 25th with
 * an attachment), in-process, in a database where other threads hold 100,000 more messages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SigningKeys } from '../server/src/auth/signing-keys.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { createMail } from '../server/src/mail/create-mail.ts';
import type { NewMessage } from '../server/src/messages/messages.repository.ts';
import { createServices } from '../server/src/services.ts';
import { percentile, report } from './report.ts';

const threadMessages = 10_000;
const otherThreads = 200;
const otherMessages = 500;

export async function benchMessages() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'http://bench.test' });
    const db = openDatabase(path.join(dataDir, 'portico.db'));
    const services = createServices({ config, db, keys: await SigningKeys.open(dataDir), mail: createMail(config, db) });
    const { messages: repository, files, contacts } = services.repositories;
    const firm = services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings });
    const now = new Date().toISOString();
    const client = contacts.create(firm.id, { email: 'client@example.com', name: 'Bench Client' }, now);
    const other = contacts.create(firm.id, { email: 'other@example.com', name: 'Other Client' }, now);
    const attachment = files.create(
      {
        firmId: firm.id,
        contactId: client.id,
        name: 'Exhibit.pdf',
        contentType: 'application/pdf',
        size: 1234,
        sha256: '0'.repeat(64),
        folder: null,
        storageKey: '0'.repeat(32),
        uploadedBy: { type: 'contact', name: client.name },
      },
      now,
    );
    const message = (n: number, name: string): NewMessage => ({
      author: n % 3 === 0 ? { type: 'staff', name: 'Margaret Hale, Partner' } : { type: 'contact', name },
      body: `Message ${n}: ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(1 + (n % 6))}`,
      attachments: n % 25 === 0 && name === client.name ? [{ id: attachment.id, name: attachment.name, size: attachment.size, contentType: attachment.contentType }] : [],
    });

    const seedStarted = performance.now();
    let threadId = '';
    db.transaction(() => {
      for (let t = 0; t < otherThreads; t += 1) {
        const { threadId: id } = repository.createThread({ firmId: firm.id, contactId: other.id, subject: `Other ${t}` }, message(0, other.name), now);
        for (let n = 1; n < otherMessages; n += 1) repository.addMessage(id, message(n, other.name), now);
      }
      ({ threadId } = repository.createThread({ firmId: firm.id, contactId: client.id, subject: 'The long one' }, message(0, client.name), now));
      for (let n = 1; n < threadMessages; n += 1) repository.addMessage(threadId, message(n, client.name), now);
    })();
    const seedMs = performance.now() - seedStarted;
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;

    const measure = (work: () => unknown, count: number) => {
      for (let i = 0; i < 200; i += 1) work();
      const samples: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        work();
        samples.push(performance.now() - started);
      }
      return samples;
    };
    const newest = measure(() => services.messages.messagesForClient(firm.id, client.id, threadId, {}), 2_000);
    const page = services.messages.messagesForClient(firm.id, client.id, threadId, {});
    if (page.data.length !== 50 || !page.data.some((m) => m.attachments.length)) throw new Error('the newest page is not what was seeded');
    let middle = page.nextCursor!;
    for (let i = 0; i < 100; i += 1) middle = services.messages.messagesForClient(firm.id, client.id, threadId, { before: middle }).nextCursor!;
    const older = measure(() => services.messages.messagesForClient(firm.id, client.id, threadId, { before: middle }), 1_000);
    const list = measure(() => services.messages.listForClient(firm.id, client.id, {}), 1_000);
    await services.mail.close();
    db.close();

    const p = (samples: number[]) => `${percentile(samples, 50).toFixed(3)} ms / ${percentile(samples, 99).toFixed(3)} ms`;
    report('messages', [
      ['database', `${stored.toLocaleString('en-US')} messages in ${otherThreads + 1} threads (seeded in ${(seedMs / 1000).toFixed(1)} s)`],
      ['newest 50 of 10,000, p50 / p99', `${p(newest)} (goal p99 ≤ 2 ms)`],
      ['50 from the middle (before), p50 / p99', p(older)],
      ['the client thread list, p50 / p99', p(list)],
    ]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
