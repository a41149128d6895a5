import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

/**
 * The file types the portal accepts, recognised by their content, never by their name or the
 * type a browser declares. A name's extension must agree with what the content is.
 */
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'heic' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls' | 'txt' | 'csv';

export const fileKinds: Record<FileKind, { contentType: string; extensions: readonly string[] }> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { contentType: 'image/gif', extensions: ['gif'] },
  webp: { contentType: 'image/webp', extensions: ['webp'] },
  heic: { contentType: 'image/heic', extensions: ['heic', 'heif'] },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'] },
  doc: { contentType: 'application/msword', extensions: ['doc'] },
  xls: { contentType: 'application/vnd.ms-excel', extensions: ['xls'] },
  txt: { contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
  csv: { contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
};

/**
 * What the first bytes of a file show. `zip`, `cfb` and `text` are families: which member a file
 * is (docx or xlsx, doc or xls, txt or csv) and whether it really is one takes more than the head.
 */
export type Signature = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'heic' | 'zip' | 'cfb' | 'text';

/** The kinds each signature can turn out to be. */
export const signatureKinds: Record<Signature, readonly FileKind[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  heic: ['heic'],
  zip: ['docx', 'xlsx', 'pptx'],
  cfb: ['doc', 'xls'],
  text: ['txt', 'csv'],
};

/** How many leading bytes `sniff` looks at. */
export const headBytes = 4096;

const startsWith = (head: Buffer, bytes: readonly number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
const ascii = (head: Buffer, text: string, at = 0) => head.length >= at + text.length && head.toString('latin1', at, at + text.length) === text;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** ISO base media brands of HEIF images (HEVC-coded), as iPhones write them. */
const heifBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

/**
 * The signature of a file's first bytes (up to `headBytes`), or undefined when it is none the
 * portal accepts. `complete` says the head is the whole file; otherwise a UTF-8 sequence cut
 * off at its end is not held against it.
 */
export function sniff(head: Buffer, complete: boolean): Signature | undefined {
  if (ascii(head, '%PDF-')) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return 'gif';
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return 'webp';
  if (ascii(head, 'ftyp', 4) && isHeif(head)) return 'heic';
  if (startsWith(head, ZIP)) return 'zip';
  if (startsWith(head, CFB)) return 'cfb';
  if (head.includes(0)) return undefined;
  const checked = complete ? head : head.subarray(0, head.length - incompleteTail(head));
  return isUtf8(checked) ? 'text' : undefined;
}

function isHeif(head: Buffer): boolean {
  const boxSize = head.readUInt32BE(0);
  if (boxSize < 16 || boxSize > head.length) return false;
  const brands = [head.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(head.toString('latin1', at, at + 4));
  return brands.some((brand) => heifBrands.has(brand));
}

/** How many bytes at the end of `bytes` are the start of a UTF-8 sequence that continues later. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Checks a stream of bytes is UTF-8 text without NUL bytes, chunk by chunk; a character may be
 * split across chunks.
 */
export class TextCheck {
  #carry = Buffer.alloc(0);
  #valid = true;

  get valid(): boolean {
    return this.#valid;
  }

  push(chunk: Buffer): boolean {
    if (!this.#valid) return false;
    const bytes = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
    const cut = incompleteTail(bytes);
    const whole = bytes.subarray(0, bytes.length - cut);
    this.#carry = Buffer.from(bytes.subarray(bytes.length - cut));
    this.#valid = !whole.includes(0) && isUtf8(whole);
    return this.#valid;
  }

  /** True when everything pushed was text and no character was left unfinished. */
  finish(): boolean {
    this.#valid &&= this.#carry.length === 0;
    return this.#valid;
  }
}

/** The Office Open XML formats: the folder of their main part and its content type. */
const officeFormats = [
  { kind: 'docx', folder: 'word/', mainType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  { kind: 'xlsx', folder: 'xl/', mainType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
  { kind: 'pptx', folder: 'ppt/', mainType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' },
] as const;

const maxCentralDirectory = 8 * 1024 * 1024;
const maxContentTypesXml = 1024 * 1024;

/**
 * Which Office Open XML document a ZIP file is: a `[Content_Types].xml` declaring the main part
 * of exactly one of Word, Excel or PowerPoint (not their macro-enabled or template variants), and
 * that application's folder. Anything else, including a ZIP that cannot be read, is undefined.
 */
export async function officeKind(file: FileHandle, size: number): Promise<'docx' | 'xlsx' | 'pptx' | undefined> {
  const entries = await centralDirectory(file, size);
  if (!entries) return undefined;
  const contentTypes = entries.find((entry) => entry.name === '[Content_Types].xml');
  if (!contentTypes) return undefined;
  const xml = await entryText(file, size, contentTypes);
  if (xml === undefined) return undefined;
  const matches = officeFormats.filter(
    (format) => (xml.includes(`"${format.mainType}"`) || xml.includes(`'${format.mainType}'`)) && entries.some((entry) => entry.name.startsWith(format.folder)),
  );
  return matches.length === 1 ? matches[0]!.kind : undefined;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The entries of a ZIP's central directory, found through the end-of-central-directory record. */
async function centralDirectory(file: FileHandle, size: number): Promise<ZipEntry[] | undefined> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) return undefined;
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directorySize > maxCentralDirectory || directoryOffset + directorySize > size) return undefined;
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) return undefined;
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One small entry's content as text: stored or deflated, at most 1 MiB. */
async function entryText(file: FileHandle, size: number, entry: ZipEntry): Promise<string | undefined> {
  if (entry.compressedSize > maxContentTypesXml || entry.localHeaderOffset + 30 > size) return undefined;
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return undefined;
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataOffset + entry.compressedSize > size) return undefined;
  const data = await readAt(file, dataOffset, entry.compressedSize);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxContentTypesXml }).toString('utf8');
  } catch {
    return undefined;
  }
  return undefined;
}
