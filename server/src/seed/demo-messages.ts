import type { Contact } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import type { Author } from '../messages/index.ts';
import type { Services } from '../services.ts';
import { associate, partner, type DemoFiles } from './demo-files.ts';

const hour = 3_600_000;

interface DemoMessage {
  /** How long before now it was written, in hours. */
  hoursAgo: number;
  /** Staff write as themselves; the client when absent. */
  from?: Author;
  body: string;
  attachments?: string[];
}

interface DemoThread {
  client: 'alex' | 'jordan';
  subject: string;
  messages: DemoMessage[];
  /** Whether the client has read the thread's last message from the firm. */
  readByClient: boolean;
  /** Whether the firm has read the thread's last message from the client. */
  readByFirm: boolean;
  closed?: boolean;
}

const staff = (uploader: { name: string }): Author => ({ type: 'staff', name: uploader.name });

const threads: DemoThread[] = [
  {
    client: 'alex',
    subject: 'Welcome to your client portal',
    readByClient: true,
    readByFirm: true,
    closed: true,
    messages: [
      {
        hoursAgo: 70 * 24,
        from: staff(partner),
        body: 'Hi Alex,\n\nWelcome to the Hale & Whitmore client portal. You will find your invoices, documents and our messages here. Your signed engagement letter is under Files.\n\nBest,\nMargaret',
        attachments: ['Engagement letter.pdf'],
      },
      { hoursAgo: 69 * 24, body: 'Thank you, Margaret. Got it.' },
    ],
  },
  {
    client: 'alex',
    subject: 'Probate inventory — documents we need',
    readByClient: true,
    readByFirm: true,
    messages: [
      {
        hoursAgo: 15 * 24,
        from: staff(associate),
        body: 'Hi Alex,\n\nTo prepare the inventory and appraisal for your mother’s estate, we need the documents on the attached checklist. Copies are fine; please upload them here.\n\nDaniel',
        attachments: ['Probate inventory checklist.pdf'],
      },
      {
        hoursAgo: 12 * 24,
        body: 'Hi Daniel, I put the account balances in a spreadsheet (attached). The deed is in a safe deposit box; I can get to it next week.',
        attachments: ['Bank statements summary.csv'],
      },
      {
        hoursAgo: 11 * 24 - 3,
        from: staff(associate),
        body: 'Thank you, that is exactly what we need for now. A copy of the deed whenever you can get to the box is perfect.',
      },
    ],
  },
  {
    client: 'alex',
    subject: 'Deposition of Dr. Castellan — scheduling and preparation',
    readByClient: false,
    readByFirm: true,
    messages: [
      {
        hoursAgo: 9 * 24,
        from: staff(associate),
        body: 'Hi Alex,\n\nOpposing counsel has offered the 18th or the 24th for Dr. Castellan’s deposition. We would like you to attend. Which date works better for you? The draft schedule is under Files.\n\nDaniel',
        attachments: ['Deposition schedule.txt'],
      },
      { hoursAgo: 8 * 24 + 5, body: 'The 24th works best for me. Should I bring anything?' },
      {
        hoursAgo: 2 * 24,
        from: staff(partner),
        body: 'Alex,\n\nThe deposition is confirmed for the 24th at our office. Please bring your photos of the water damage and your rent receipts.\n\nSeparately, Castellan’s counsel has sent a settlement proposal. I have attached our draft agreement; let’s discuss it at the preparation session before we respond.\n\nMargaret',
        attachments: ['Draft settlement agreement.pdf'],
      },
    ],
  },
  {
    client: 'jordan',
    subject: 'Commercial lease — tenant improvement allowance',
    readByClient: true,
    readByFirm: false,
    messages: [
      {
        hoursAgo: 6 * 24,
        from: staff(partner),
        body: 'Hi Jordan,\n\nI have reviewed the lease for 1200 Harrison St. The attached issues list is what I suggest we raise with the landlord, starting with the tenant improvement allowance.\n\nMargaret',
        attachments: ['Lease issues list.pdf'],
      },
      { hoursAgo: 5 * 24 - 2, body: 'Thanks Margaret. Agreed on all four points. Can we also ask for two months of free rent during the build-out?' },
    ],
  },
];

/**
 * Writes the demo clients' conversations with the firm, in the order they happened, with their
 * attachments from `files`. Alex has a thread they have not read yet; the firm has not read
 * Jordan's latest message.
 */
export async function seedDemoMessages(
  services: Services,
  firm: Firm,
  clients: { alex: Contact; jordan: Contact },
  files: DemoFiles,
  now: Date,
): Promise<void> {
  const repository = services.repositories.messages;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * hour).toISOString();
  const attachments = (names: string[] = []) =>
    names.map((name) => {
      const file = files[name];
      if (!file) throw new Error(`demo attachment "${name}" was not seeded`);
      return { id: file.id, name: file.name, size: file.size, contentType: file.contentType };
    });
  const written = threads
    .flatMap((thread) => thread.messages.map((message, index) => ({ thread, message, first: index === 0 })))
    .sort((a, b) => b.message.hoursAgo - a.message.hoursAgo);
  const ids = new Map<DemoThread, string>();
  for (const { thread, message, first } of written) {
    const contact = clients[thread.client];
    const content = {
      author: message.from ?? { type: 'contact' as const, name: contact.name },
      body: message.body,
      attachments: attachments(message.attachments),
    };
    if (first) {
      const { threadId } = await repository.createThread({ firmId: firm.id, contactId: contact.id, subject: thread.subject }, content, at(message.hoursAgo));
      ids.set(thread, threadId);
    } else {
      await repository.addMessage(ids.get(thread)!, content, at(message.hoursAgo));
    }
  }
  for (const thread of threads) {
    const id = ids.get(thread)!;
    if (thread.readByClient) await repository.markReadByContact(id);
    if (thread.readByFirm) await repository.markReadByFirm(id);
    if (thread.closed) await repository.setStatus(firm.id, id, 'closed', at(thread.messages.at(-1)!.hoursAgo - 1));
  }
}
