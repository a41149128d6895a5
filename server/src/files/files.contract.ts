import { z } from 'zod';
import { Instant } from '../http/schema.ts';

// Requests

export const listQuery = z.strictObject({
  folder: z.string().max(200).optional(),
  groupBy: z.literal('folder', { error: 'must be "folder"' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const firmListQuery = listQuery.extend({
  contactId: z.string().max(64).optional(),
  uploadedBy: z.enum(['contact', 'staff'], { error: 'must be "contact" or "staff"' }).optional(),
});

// Replies

export const Uploader = z
  .strictObject({ type: z.enum(['contact', 'staff']), name: z.string() })
  .meta({ id: 'Uploader', description: 'Who put a file in the portal: the client, or someone at the firm' });

/** A file the firm shared with the client, or one the client uploaded. */
export const ClientFile = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    size: z.number().int().meta({ description: 'Bytes' }),
    contentType: z.string(),
    folder: z.string().nullable().meta({ description: 'The matter the file is filed under; null when it is in no folder' }),
    sha256: z.string().meta({ description: 'Hex SHA-256 of the bytes' }),
    uploadedBy: Uploader,
    createdAt: Instant,
  })
  .meta({ id: 'File' });

/** A file as the firm sees it: also whose it is. */
export const FirmFile = ClientFile.extend({ contactId: z.string() }).meta({ id: 'FirmFile' });

export const FileFolder = z
  .strictObject({ name: z.string().nullable(), files: z.number().int() })
  .meta({ id: 'FileFolder', description: 'A folder (matter) and how many files it holds; `name` is null for files in no folder' });

export const FilePage = z.strictObject({ data: z.array(ClientFile), nextCursor: z.string().nullable(), folders: z.array(FileFolder) }).meta({ id: 'FilePage' });

export const FirmFilePage = z
  .strictObject({
    data: z.array(FirmFile),
    nextCursor: z.string().nullable(),
    folders: z.array(FileFolder).optional().meta({ description: "With `contactId`: every folder of that contact's and how many files each holds" }),
  })
  .meta({ id: 'FirmFilePage' });

/** A file on a message. */
export const Attachment = z.strictObject({ id: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() }).meta({ id: 'Attachment' });
