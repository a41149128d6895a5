import type { Readable } from 'node:stream';
import busboy, { type Busboy } from 'busboy';
import { Problem } from '../http/problem.ts';

/**
 * Reads a `multipart/form-data` body (RFC 7578) with busboy, one part at a time. Nothing is held
 * in memory but a field's value and what busboy buffers for the file being read: a file's bytes
 * are handed on as they arrive and busboy waits while they are written, so the caller can stop
 * the moment a limit is passed.
 */

/** A form part, in the order the body holds them. */
export type FormPart =
  | {
      type: 'field';
      name: string;
      /** null when the value is not UTF-8 text. */
      value: string | null;
      /** The value was longer than `fieldBytes` and was cut there. */
      truncated: boolean;
    }
  | {
      type: 'file';
      name: string;
      /** As sent, unsanitised (folders included). */
      fileName: string;
      /** The file's bytes: read them all before asking for the next part. */
      data: AsyncIterable<Buffer>;
    };

export interface FormLimits {
  /** The most parts a body may hold. */
  parts: number;
  /** The most bytes a field's value may have. */
  fieldBytes: number;
}

export interface FormBody {
  contentType: string | undefined;
  body: AsyncIterable<Uint8Array>;
}

const invalid = (detail: string) => Problem.badRequest('invalid_upload', detail);

/**
 * The parts of a form, read from its body as the caller asks for them. It throws a 400
 * `invalid_upload` for anything but `multipart/form-data` with a boundary at once, and while
 * reading for a body that breaks the format (a malformed or oversized part header, too many parts,
 * a part without a form-data name, a body that ends before its closing boundary). An error of the
 * body itself (the client went away) is thrown as it is.
 */
export function readForm(upload: FormBody, limits: FormLimits): AsyncGenerator<FormPart> {
  const contentType = upload.contentType;
  if (!contentType) throw invalid('Send the file as multipart/form-data: the request has no Content-Type.');
  // Checked here: busboy would also take a urlencoded body.
  const type = contentType.split(';', 1)[0]!.trim();
  if (type.toLowerCase() !== 'multipart/form-data') throw invalid(`Send the file as multipart/form-data, not ${type || 'an unnamed type'}.`);
  let form: Busboy;
  try {
    form = busboy({
      headers: { 'content-type': contentType },
      // Names are sanitised by the caller, which also drops any folders.
      preservePath: true,
      // Browsers send a file's name as UTF-8.
      defParamCharset: 'utf8',
      // One part more than allowed, so reaching busboy's limit means there were too many; one byte
      // more than a field may have, so a truncated value is one that was too long.
      limits: { parts: limits.parts + 1, fieldSize: limits.fieldBytes + 1 },
    });
  } catch (error) {
    throw /boundary not found/i.test(String(error))
      ? invalid('The multipart/form-data Content-Type has no boundary.')
      : invalid('The Content-Type header is malformed.');
  }
  return parts(form, upload.body, limits);
}

// Busboy leaves the name undefined when the part has none, and the value when its charset is unknown.
type Received =
  | { type: 'field'; name: string | undefined; value: string | undefined; truncated: boolean }
  | { type: 'file'; name: string | undefined; fileName: string | undefined; stream: Readable };

async function* parts(form: Busboy, body: AsyncIterable<Uint8Array>, limits: FormLimits): AsyncGenerator<FormPart> {
  const received: Received[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const changed = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    changed();
    // Stopped outside busboy's own call, which may be the one that failed.
    process.nextTick(() => form.destroy(error instanceof Error ? error : undefined));
  };
  let count = 0;
  const counted = () => {
    count += 1;
    if (count > limits.parts) fail(tooManyParts(limits.parts));
    return count <= limits.parts;
  };
  form.on('field', (name, value, info) => {
    if (counted()) received.push({ type: 'field', name, value, truncated: info.valueTruncated });
    changed();
  });
  form.on('file', (name, stream, info) => {
    // Its errors reach the reader through `fileData`; one nobody reads must not go unhandled.
    stream.on('error', () => undefined);
    if (counted()) received.push({ type: 'file', name, fileName: info.filename, stream });
    else stream.resume();
    changed();
  });
  // Parts busboy skips (no Content-Disposition) count too.
  form.on('partsLimit', () => fail(tooManyParts(limits.parts)));
  form.on('error', (error) => fail(formProblem(error)));
  form.on('finish', () => {
    finished = true;
    changed();
  });

  // The body is written to busboy as it arrives, and only as fast as busboy takes it.
  const feeding = (async () => {
    for await (const chunk of body) {
      if (failure || form.destroyed) return;
      if (!form.write(chunk)) await drained(form);
      if (failure || form.destroyed) return;
    }
    form.end();
  })();
  feeding.catch(fail);

  /** The bytes of a file part; an error of the form or the body in place of busboy's own. */
  async function* fileData(stream: Readable): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw failure ? failure.error : formProblem(error);
    }
    if (failure) throw failure.error;
  }

  try {
    for (;;) {
      if (failure) throw failure.error;
      const part = received.shift();
      if (!part) {
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (part.name === undefined) throw invalid('A part of the body is not a named form-data field.');
      if (part.type === 'field') {
        // Busboy decodes a field as UTF-8 (unless it names another charset), replacing what is not with U+FFFD.
        const value = part.value === undefined || part.value.includes('\ufffd') ? null : part.value;
        yield { type: 'field', name: part.name, value, truncated: part.truncated };
      } else if (part.fileName === undefined) {
        // Busboy takes any application/octet-stream part for a file; without a file name it is a field.
        yield { type: 'field', name: part.name, ...(await fieldOf(fileData(part.stream), limits.fieldBytes)) };
      } else {
        yield { type: 'file', name: part.name, fileName: browserUnescaped(part.fileName), data: fileData(part.stream) };
        // Whatever the caller left unread is dropped, so busboy never waits on it.
        part.stream.resume();
      }
    }
  } finally {
    // Stops parsing; the rest of the body, if any, is the caller's to drain or drop.
    if (!form.writableFinished) form.destroy();
  }
}

function tooManyParts(parts: number): Problem {
  return invalid(`The body has more than ${parts} parts.`);
}

/** Busboy's errors about the body, as problems that say what is wrong with it. */
function formProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const message = error instanceof Error ? error.message : '';
  if (/unexpected end/i.test(message)) return invalid('The body ended before its closing multipart boundary.');
  if (/header/i.test(message)) return invalid('A part of the body has a malformed header, or too many header bytes.');
  return invalid('The body is not valid multipart/form-data.');
}

function drained(form: Busboy): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      form.off('drain', done);
      form.off('close', done);
      resolve();
    };
    form.on('drain', done);
    form.on('close', done);
  });
}

/** A field sent as a file part: at most `maxBytes` of it are kept, the rest is read and dropped. */
async function fieldOf(data: AsyncIterable<Buffer>, maxBytes: number): Promise<{ value: string | null; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of data) {
    const kept = chunk.subarray(0, maxBytes - size);
    chunks.push(kept);
    size += kept.length;
    if (kept.length < chunk.length) truncated = true;
  }
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)), truncated };
  } catch {
    return { value: null, truncated };
  }
}

/**
 * Browsers send a file's name unescaped inside its quotes, but for `"`, CR and LF, which they
 * encode as %22, %0D and %0A (HTML's form-data encoding): those are decoded.
 */
function browserUnescaped(fileName: string): string {
  return fileName.replace(/%(22|0D|0A)/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
