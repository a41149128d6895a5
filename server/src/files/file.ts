import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type * as contract from './files.contract.ts';

/** Who put a file in the portal: the client, or someone at the firm (by name). */
export type Uploader = z.output<typeof contract.Uploader>;

/** A stored file as the repository holds it. */
export interface FileRecord {
  id: string;
  firmId: string;
  contactId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The matter the file is filed under; null when it is in no folder. */
  folder: string | null;
  /** The generated name of the bytes in the file store; never shown to anyone. */
  storageKey: string;
  uploadedBy: Uploader;
  createdAt: string;
}

/** A file as the client sees it: shared with them by the firm, or uploaded by them. */
export type ClientFile = z.output<typeof contract.ClientFile>;

/** A file as the firm sees it: the client's file plus whose it is. */
export type FirmFile = z.output<typeof contract.FirmFile>;

/** A file on a message. */
export type Attachment = z.output<typeof contract.Attachment>;

export function toClientFile(record: FileRecord): ClientFile {
  const { id, name, size, contentType, folder, sha256, uploadedBy, createdAt } = record;
  return { id, name, size, contentType, folder, sha256, uploadedBy, createdAt };
}

export function toFirmFile(record: FileRecord): FirmFile {
  return { ...toClientFile(record), contactId: record.contactId };
}

/** What a scanner is told about the file it checks. */
export interface ScanInfo {
  firmId: string;
  contactId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export type ScanResult = { clean: true } | { clean: false; reason: string };

/**
 * A virus scanner's hook. It reads the complete upload at `path` before the file is kept; a file
 * it does not find clean is deleted and the upload refused. It rejects when it can give no
 * verdict (unreachable, too slow, an error): that upload is refused too, as unavailable.
 */
export interface FileScanner {
  scan(path: string, info: ScanInfo): Promise<ScanResult>;
}

/** The default: no scanner is configured, so every file passes. */
export const noScanner: FileScanner = {
  scan: () => Promise.resolve({ clean: true }),
};

/** An upload as it arrives: the request's Content-Type and length, and its body as a stream of bytes. */
export interface UploadStream {
  contentType: string | undefined;
  /** The declared length of the whole body, when the request gave one. */
  contentLength?: number;
  body: AsyncIterable<Uint8Array>;
}

/** A stored file ready to send: what it is called, its type and size, and its bytes. */
export interface FileContent {
  name: string;
  contentType: string;
  size: number;
  stream: Readable;
}
