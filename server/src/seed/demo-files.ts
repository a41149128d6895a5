import { createHash } from 'node:crypto';
import type { Contact } from '../contacts/index.ts';
import type { FileRecord, Uploader } from '../files/index.ts';
import type { FileStore } from '../files/index.ts';
import { fileKinds, type FileKind } from '../files/index.ts';
import type { Firm } from '../firms/index.ts';
import type { Services } from '../services.ts';
import { simplePdf } from './demo-pdf.ts';

const day = 86_400_000;
export const morganMatter = 'Morgan v. Castellan Property Group (2025-0412)';
export const estateMatter = 'Estate of Eleanor Morgan (2025-0388)';
export const leeMatter = 'Lee Holdings LLC — commercial lease review (2025-0467)';
export const partner: Uploader = { type: 'staff', name: 'Margaret Hale, Partner' };
export const associate: Uploader = { type: 'staff', name: 'Daniel Okafor, Associate' };

interface DemoFile {
  name: string;
  kind: FileKind;
  folder: string;
  daysAgo: number;
  /** Who put it in the portal; the client when absent. */
  from?: Uploader;
  bytes: () => Buffer;
}

const alexFiles: DemoFile[] = [
  {
    name: 'Engagement letter.pdf',
    kind: 'pdf',
    folder: morganMatter,
    daysAgo: 70,
    from: partner,
    bytes: () =>
      simplePdf('Hale & Whitmore LLP - Engagement letter', [
        'Dear Alex Morgan,',
        '',
        'Thank you for choosing Hale & Whitmore LLP to represent you in your dispute with Castellan Property Group regarding your tenancy at 418 Alder Street. This letter confirms the terms of our engagement.',
        '',
        'Scope: investigation of your habitability and constructive eviction claims, a demand letter, and, if needed, litigation in the Superior Court through trial.',
        'Fees: Margaret Hale, Partner, $450 per hour; Daniel Okafor, Associate, $295 per hour; paralegals $150 per hour. Costs such as filing fees are billed at cost.',
        'Billing: we invoice monthly through the client portal; invoices are due within 30 days.',
        '',
        'Please sign and return a copy of this letter through the portal.',
        '',
        'Margaret Hale, Partner',
      ]),
  },
  {
    name: 'Deposition schedule.txt',
    kind: 'txt',
    folder: morganMatter,
    daysAgo: 9,
    from: associate,
    bytes: () =>
      Buffer.from(
        [
          'Morgan v. Castellan Property Group — deposition schedule',
          '',
          'Dr. Sarah Castellan (defendant’s managing member)',
          '  Date: to be confirmed with opposing counsel',
          '  Place: Hale & Whitmore LLP, 1 Market Street, Suite 2400, San Francisco',
          '  Court reporter: Bay Reporting Services',
          '',
          'Preparation session with Alex Morgan: two days before, 10:00–12:00.',
          '',
        ].join('\n'),
      ),
  },
  {
    name: 'Draft settlement agreement.pdf',
    kind: 'pdf',
    folder: morganMatter,
    daysAgo: 2,
    from: partner,
    bytes: () =>
      simplePdf('DRAFT - Settlement Agreement and Mutual Release', [
        'Parties: Alex Morgan ("Tenant") and Castellan Property Group LLC ("Landlord").',
        '',
        '1. Payment. Landlord will pay Tenant the settlement amount within 30 days of signature.',
        '2. Release of the security deposit in full.',
        '3. Mutual release of all claims arising from the tenancy at 418 Alder Street.',
        '4. No admission of liability by either party.',
        '5. Confidentiality of the terms of this agreement.',
        '',
        'DRAFT FOR DISCUSSION - NOT FOR SIGNATURE',
      ]),
  },
  {
    name: 'Probate inventory checklist.pdf',
    kind: 'pdf',
    folder: estateMatter,
    daysAgo: 15,
    from: associate,
    bytes: () =>
      simplePdf('Estate of Eleanor Morgan - Inventory and appraisal checklist', [
        'Please gather what you can of the following for the inventory (form DE-160):',
        '',
        '- Bank and brokerage statements as of the date of death',
        '- The deed and latest property tax bill for the Sacramento house',
        '- Vehicle title (2014 Subaru Outback)',
        '- Life insurance policies and beneficiary designations',
        '- Any money owed to the estate (loans, refunds, final paycheck)',
        '',
        'Upload copies through the portal; keep the originals safe.',
      ]),
  },
  {
    name: 'Bank statements summary.csv',
    kind: 'csv',
    folder: estateMatter,
    daysAgo: 12,
    bytes: () =>
      Buffer.from(
        [
          'Institution,Account,Type,Balance at date of death',
          'First Valley Credit Union,****4417,Checking,12840.22',
          'First Valley Credit Union,****4425,Savings,48310.07',
          'Northgate Brokerage,****0932,Brokerage,201775.40',
          '',
        ].join('\n'),
      ),
  },
];

const jordanFiles: DemoFile[] = [
  {
    name: 'Lease issues list.pdf',
    kind: 'pdf',
    folder: leeMatter,
    daysAgo: 6,
    from: partner,
    bytes: () =>
      simplePdf('1200 Harrison St - Lease issues list', [
        'Prepared for Jordan Lee, Lee Holdings LLC.',
        '',
        '1. Tenant improvement allowance: $35 per square foot offered; ask for $50.',
        '2. Personal guaranty: limit to 12 months of rent.',
        '3. Operating expenses: cap controllable expenses at 5% a year.',
        '4. Assignment: allow transfer to an affiliate without consent.',
      ]),
  },
];

/** The demo files by name: shared by the firm with each client, and one each client sent. */
export type DemoFiles = Record<string, FileRecord>;

/** A demo file whose bytes are stored, waiting for its record. */
export interface StoredDemoFile {
  client: 'alex' | 'jordan';
  file: DemoFile;
  size: number;
  sha256: string;
  storageKey: string;
}

/**
 * Writes the demo clients' documents to the file store (a folder or a bucket) before the seeding
 * transaction opens, as writes that no rollback undoes stay out of it; `seedDemoFiles` then records them.
 */
export async function storeDemoFiles(store: FileStore): Promise<StoredDemoFile[]> {
  const stored: StoredDemoFile[] = [];
  for (const [client, list] of [
    ['alex', alexFiles],
    ['jordan', jordanFiles],
  ] as const) {
    for (const file of list) {
      const bytes = file.bytes();
      stored.push({ client, file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), storageKey: await store.put(bytes) });
    }
  }
  return stored;
}

/** Records the stored demo files, filed by matter, dated before `now`. */
export async function seedDemoFiles(
  services: Services,
  firm: Firm,
  clients: { alex: Contact; jordan: Contact },
  stored: StoredDemoFile[],
  now: Date,
): Promise<DemoFiles> {
  const seeded: DemoFiles = {};
  for (const { client, file, size, sha256, storageKey } of stored) {
    const contact = clients[client];
    seeded[file.name] = await services.repositories.files.create(
      {
        firmId: firm.id,
        contactId: contact.id,
        name: file.name,
        contentType: fileKinds[file.kind].contentType,
        size,
        sha256,
        folder: file.folder,
        storageKey,
        uploadedBy: file.from ?? { type: 'contact', name: contact.name },
      },
      new Date(now.getTime() - file.daysAgo * day).toISOString(),
    );
  }
  return seeded;
}
