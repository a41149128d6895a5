/**
 * Opening a long thread: a client fetching the newest 50 of 10,000 messages (every 25th with
 * an attachment), in-process, in a database where other threads hold 100,000 more messages.
 */
import { defaultSettings } from '../server/src/firms/firm.ts';
import type { NewMessage } from '../server/src/messages/messages.repository.ts';
import { openBenchServices } from './bench-service.ts';
import { percentile, report } from './report.ts';

const threadMessages = 10_000;
const otherThreads = 200;
const otherMessages = 500;

export async function benchMessages() {
  const bench = await openBenchServices({ engine: 'sqlite' });
  try {
    const { services, storage } = bench;
    const { messages: repository, files, contacts } = services.repositories;
    const firm = await services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: defaultSettings });
    const now = new Date().toISOString();
    const client = await contacts.create(firm.id, { email: 'client@example.com', name: 'Bench Client' }, now);
    const other = await contacts.create(firm.id, { email: 'other@example.com', name: 'Other Client' }, now);
    const attachment = await files.create(
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
      attachments:
        n % 25 === 0 && name === client.name ? [{ id: attachment.id, name: attachment.name, size: attachment.size, contentType: attachment.contentType }] : [],
    });

    const seedStarted = performance.now();
    const threadId = await storage.transaction(async () => {
      for (let t = 0; t < otherThreads; t += 1) {
        const { threadId: id } = await repository.createThread({ firmId: firm.id, contactId: other.id, subject: `Other ${t}` }, message(0, other.name), now);
        for (let n = 1; n < otherMessages; n += 1) await repository.addMessage(id, message(n, other.name), now);
      }
      const { threadId: id } = await repository.createThread({ firmId: firm.id, contactId: client.id, subject: 'The long one' }, message(0, client.name), now);
      for (let n = 1; n < threadMessages; n += 1) await repository.addMessage(id, message(n, client.name), now);
      return id;
    });
    const seedMs = performance.now() - seedStarted;
    const stored = Number(
      (
        await storage.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

    const measure = async (work: () => Promise<unknown>, count: number) => {
      for (let i = 0; i < 200; i += 1) await work();
      const samples: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return samples;
    };
    const newest = await measure(() => services.messages.messagesForClient(firm.id, client.id, threadId, {}), 2_000);
    const page = await services.messages.messagesForClient(firm.id, client.id, threadId, {});
    if (page.data.length !== 50 || !page.data.some((m) => m.attachments.length)) throw new Error('the newest page is not what was seeded');
    let middle = page.nextCursor!;
    for (let i = 0; i < 100; i += 1) middle = (await services.messages.messagesForClient(firm.id, client.id, threadId, { before: middle })).nextCursor!;
    const older = await measure(() => services.messages.messagesForClient(firm.id, client.id, threadId, { before: middle }), 1_000);
    const list = await measure(() => services.messages.listForClient(firm.id, client.id, {}), 1_000);

    const p = (samples: number[]) => `${percentile(samples, 50).toFixed(3)} ms / ${percentile(samples, 99).toFixed(3)} ms`;
    report('messages', [
      ['database', `${stored.toLocaleString('en-US')} messages in ${otherThreads + 1} threads (seeded in ${(seedMs / 1000).toFixed(1)} s)`],
      ['newest 50 of 10,000, p50 / p99', `${p(newest)} (goal p99 ≤ 2 ms)`],
      ['50 from the middle (before), p50 / p99', p(older)],
      ['the client thread list, p50 / p99', p(list)],
    ]);
  } finally {
    await bench.close();
  }
}
