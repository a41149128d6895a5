import { createHash, type Hash } from 'node:crypto';
import { Problem } from '../http/problem.ts';
import type { UploadStream } from './file.ts';
import { extensionOf, sanitizeFileName } from './file-names.ts';
import type { FileStore, IncomingFile } from './file-store.ts';
import { fileKinds, headBytes, officeKind, signatureKinds, sniff, TextCheck, type FileKind, type Signature } from './file-types.ts';
import { readForm } from './multipart.ts';

/** Room for the multipart framing and the text fields around the file, on top of the file limit. */
const envelopeBytes = 64 * 1024;
/** The longest text field (a folder name, an id, a staff member's name), in bytes. */
const maxFieldBytes = 1024;
/** The most parts a form may hold; a valid one has at most four. */
const maxParts = 20;

export interface ReceiveOptions {
  store: FileStore;
  /** The most bytes the file may have; one byte more and the upload stops. */
  maxBytes: number;
  /** The text fields the form may carry besides `file`. */
  fields: readonly string[];
  /** Called as each text field completes, so a bad value stops the upload before the file is read. */
  onField?: (name: string, value: string) => void | Promise<void>;
}

/** A complete, checked upload, still under its temporary name: the caller commits or discards it. */
export interface ReceivedUpload {
  /** The sanitised name, with the extension of its type when it had none. */
  name: string;
  kind: FileKind;
  contentType: string;
  size: number;
  sha256: string;
  fields: Map<string, string>;
  incoming: IncomingFile;
}

const invalid = (detail: string) => Problem.badRequest('invalid_upload', detail);
const accepted = 'PDF, PNG, JPEG, GIF, WebP or HEIC images, Word, Excel or PowerPoint documents, plain text or CSV';
const notAllowed = (detail: string) => new Problem(415, 'file_type_not_allowed', detail);

export function tooLarge(maxBytes: number): Problem {
  return new Problem(413, 'file_too_large', `The file is larger than the limit of ${formatBytes(maxBytes)}.`, { maxBytes });
}

/** e.g. "25 MB", "512 KB", "100 bytes" (binary units, as file managers count). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Reads a `multipart/form-data` upload of one file (the part named `file`) and a few text
 * fields, writing the file to a temporary name as it arrives. It stops as soon as the file passes
 * `maxBytes` (413 `file_too_large`) or its first bytes show a type the portal does not accept or
 * one its name's extension contradicts (415 `file_type_not_allowed`); an empty file is a 400
 * `file_empty` and a malformed body a 400 `invalid_upload`. Whatever goes wrong, nothing is left
 * behind: the file is only in the store's temporary file, which is deleted, until the caller commits it.
 */
export async function receiveUpload(upload: UploadStream, options: ReceiveOptions): Promise<ReceivedUpload> {
  const maxBodyBytes = options.maxBytes + envelopeBytes;
  const form = readForm(
    { contentType: upload.contentType, body: limited(upload.body, maxBodyBytes, () => tooLarge(options.maxBytes)) },
    { parts: maxParts, fieldBytes: maxFieldBytes },
  );
  if (upload.contentLength !== undefined && upload.contentLength > maxBodyBytes) throw tooLarge(options.maxBytes);
  const fields = new Map<string, string>();
  let file: FileReceiver | undefined;
  try {
    for await (const part of form) {
      if (part.type === 'file') {
        if (part.name !== 'file') throw invalid(`Send the file in a part named "file", not "${part.name}".`);
        if (file) throw invalid('Send one file per upload.');
        file = new FileReceiver(sanitizeFileName(part.fileName), await options.store.create(), options.maxBytes);
        for await (const chunk of part.data) await file.write(chunk);
      } else {
        if (!options.fields.includes(part.name)) {
          throw invalid(`The form has an unexpected field "${part.name}"; it may hold ${['file', ...options.fields].join(', ')}.`);
        }
        if (fields.has(part.name)) throw invalid(`The form has the field "${part.name}" twice.`);
        if (part.truncated) throw invalid(`The field "${part.name}" is longer than ${maxFieldBytes} bytes.`);
        if (part.value === null) throw invalid(`The field "${part.name}" is not UTF-8 text.`);
        fields.set(part.name, part.value);
        await options.onField?.(part.name, part.value);
      }
    }
    if (!file) throw invalid('The form has no file: send it in a part named "file".');
    return { ...(await file.finish()), fields, incoming: file.incoming };
  } catch (error) {
    await file?.incoming.discard();
    throw error;
  }
}

/**
 * The body, stopped with `tooLarge` once it passes `maxBytes`: a request without a length (sent
 * in chunks) is held to the same bound as one whose declared length is checked up front.
 */
async function* limited(body: AsyncIterable<Uint8Array>, maxBytes: number, tooLarge: () => Error): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    yield chunk;
  }
}

/** One file part on its way to disk: counted, hashed and its type checked as the bytes pass. */
class FileReceiver {
  size = 0;
  #hash: Hash = createHash('sha256');
  #head: Buffer[] = [];
  #headLength = 0;
  #signature: Signature | undefined;
  #text = new TextCheck();
  readonly #extension: string;

  constructor(
    readonly name: string,
    readonly incoming: IncomingFile,
    readonly maxBytes: number,
  ) {
    this.#extension = extensionOf(name);
  }

  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw tooLarge(this.maxBytes);
    this.#hash.update(chunk);
    if (this.#headLength < headBytes) {
      const wanted = chunk.subarray(0, headBytes - this.#headLength);
      this.#head.push(Buffer.from(wanted));
      this.#headLength += wanted.length;
      if (this.#headLength >= headBytes) this.#checkHead(false);
    }
    if (this.#signature === undefined || this.#signature === 'text') {
      if (!this.#text.push(chunk) && this.#signature === 'text') throw this.#notText();
    }
    await this.incoming.write(chunk);
  }

  async finish(): Promise<Omit<ReceivedUpload, 'fields' | 'incoming'>> {
    if (this.size === 0) throw Problem.badRequest('file_empty', 'The file is empty.');
    if (this.#signature === undefined) this.#checkHead(true);
    const kind = await this.#kind();
    const name = this.#extension ? this.name : sanitizeFileName(`${this.name}.${fileKinds[kind].extensions[0]}`);
    return { name, kind, contentType: fileKinds[kind].contentType, size: this.size, sha256: this.#hash.digest('hex') };
  }

  /** Decides from the first bytes whether the file can be one the portal accepts, under its name. */
  #checkHead(complete: boolean) {
    const signature = sniff(Buffer.concat(this.#head), complete);
    if (!signature) throw notAllowed(`This kind of file cannot be uploaded. The portal accepts ${accepted}.`);
    const extensions = signatureKinds[signature].flatMap((kind) => fileKinds[kind].extensions);
    if (this.#extension && !extensions.includes(this.#extension)) throw this.#mismatch(signature);
    this.#signature = signature;
  }

  async #kind(): Promise<FileKind> {
    const signature = this.#signature!;
    const extension = this.#extension;
    if (signature === 'text') {
      if (!this.#text.finish()) throw this.#notText();
      return extension === 'csv' ? 'csv' : 'txt';
    }
    if (signature === 'cfb') {
      if (extension === 'doc' || extension === 'xls') return extension;
      throw notAllowed('This is a legacy Office file: its name must end in .doc or .xls.');
    }
    if (signature === 'zip') {
      const kind = await officeKind(this.incoming.handle, this.size);
      if (!kind) throw notAllowed(`This ZIP file is not a Word, Excel or PowerPoint document. The portal accepts ${accepted}.`);
      if (extension && !fileKinds[kind].extensions.includes(extension)) throw this.#mismatch(signature, kind);
      return kind;
    }
    return signatureKinds[signature][0]!;
  }

  #notText() {
    return notAllowed(`This file is not plain UTF-8 text, and its content is no other type the portal accepts (${accepted}).`);
  }

  #mismatch(signature: Signature, kind?: FileKind) {
    const what: Record<Signature, string> = {
      pdf: 'a PDF',
      png: 'a PNG image',
      jpeg: 'a JPEG image',
      gif: 'a GIF image',
      webp: 'a WebP image',
      heic: 'a HEIC image',
      zip: kind ? `a ${kind} document` : 'a ZIP archive',
      cfb: 'a legacy Office document',
      text: 'plain text',
    };
    return notAllowed(`The file's name ends in .${this.#extension} but its content is ${what[signature]}.`);
  }
}
