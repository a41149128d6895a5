import { brandedLayout, firmName, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

export interface ClientUploadNoticeInput {
  firm: EmailFirm;
  contact: { name: string; email: string };
  file: { id: string; name: string; size: number; folder: string | null };
}

/**
 * Tells the firm's inbox a client has uploaded a document: who, which file and into which
 * folder. The document itself is never attached: email is not secure.
 */
export function clientUploadNotice(input: ClientUploadNoticeInput): RenderedEmail {
  const name = firmName(input.firm);
  const { contact, file } = input;
  return brandedLayout({
    firm: input.firm,
    subject: `New document from ${contact.name}: ${file.name}`,
    preheader: `${contact.name} uploaded a document in the client portal.`,
    heading: 'A client uploaded a document',
    blocks: [
      {
        type: 'paragraph',
        text: `${contact.name} uploaded a document in the client portal. It is not attached to this email; download it with the firm's portal tools.`,
      },
      {
        type: 'facts',
        rows: [
          { label: 'Client', value: contact.name },
          { label: 'Email', value: contact.email },
          { label: 'File', value: file.name },
          { label: 'Folder', value: file.folder ?? 'No folder' },
          { label: 'Size', value: formatBytes(file.size) },
          { label: 'File id', value: file.id },
        ],
      },
    ],
    reason: `You received this email because it is the inbox address of ${name} in the client portal.`,
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
