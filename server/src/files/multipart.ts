import { Problem } from '../http/problem.ts';

/**
 * A streaming reader of `multipart/form-data` bodies (RFC 7578). It never holds more than one
 * network chunk plus a boundary's length in memory: a part's bytes are handed on as they arrive,
 * so the caller can write them to disk and stop the moment a limit is passed.
 */

/** One step through the body, in order: a part begins, some of its bytes, the part ends. */
export type MultipartEvent =
  | { type: 'part'; name: string; fileName: string | null; contentType: string | null }
  | { type: 'data'; chunk: Buffer }
  | { type: 'end' };

export interface MultipartLimits {
  /** The most bytes one part's header block may take. */
  headerBytes: number;
  /** The most parts a body may hold. */
  parts: number;
}

const defaultLimits: MultipartLimits = { headerBytes: 16 * 1024, parts: 20 };
/** Bytes tolerated before the first boundary and after the last one. */
const maxPreambleBytes = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

const invalid = (detail: string) => Problem.badRequest('invalid_upload', detail);

const boundaryPattern = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/form-data` Content-Type, or a 400 `invalid_upload`. */
export function multipartBoundary(contentType: string | undefined): string {
  if (!contentType) throw invalid('Send the file as multipart/form-data: the request has no Content-Type.');
  const { value, params } = parseHeaderValue(contentType);
  if (value.toLowerCase() !== 'multipart/form-data') {
    throw invalid(`Send the file as multipart/form-data, not ${value || 'an unnamed type'}.`);
  }
  const boundary = params.get('boundary');
  if (!boundary) throw invalid('The multipart/form-data Content-Type has no boundary.');
  if (!boundaryPattern.test(boundary)) throw invalid('The multipart boundary is not valid (RFC 2046: 1 to 70 characters).');
  return boundary;
}

/**
 * Reads a multipart body as a series of events. Throws a 400 `invalid_upload` problem for a body
 * that breaks the format: no opening boundary, an oversized header block, too many parts, a part
 * without a form-data name, or a body that stops before its closing boundary.
 */
export async function* readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  limits: MultipartLimits = defaultLimits,
): AsyncGenerator<MultipartEvent> {
  // Every boundary after the first is preceded by CRLF; starting with one lets the first match too.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  let buffer: Buffer = CRLF;
  let state: 'preamble' | 'boundary' | 'headers' | 'body' | 'epilogue' = 'preamble';
  let skipped = 0;
  let parts = 0;

  for await (const received of body) {
    const chunk = Buffer.isBuffer(received) ? received : Buffer.from(received.buffer, received.byteOffset, received.byteLength);
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (state === 'preamble') {
        const at = buffer.indexOf(delimiter);
        if (at === -1) {
          skipped += Math.max(0, buffer.length - keep);
          if (skipped > maxPreambleBytes) throw invalid('The body does not start with the multipart boundary given in the Content-Type.');
          buffer = buffer.subarray(Math.max(0, buffer.length - keep));
          break;
        }
        skipped += at;
        if (skipped > maxPreambleBytes) throw invalid('The body does not start with the multipart boundary given in the Content-Type.');
        buffer = buffer.subarray(at + delimiter.length);
        state = 'boundary';
      } else if (state === 'boundary') {
        // After a boundary: "--" closes the body; otherwise optional white space, then CRLF.
        if (buffer.length < 2) break;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'epilogue';
          skipped = 0;
          continue;
        }
        const eol = buffer.indexOf(CRLF);
        if (eol === -1) {
          if (buffer.length > 256) throw invalid('A multipart boundary line is malformed.');
          break;
        }
        if (!/^[ \t]*$/.test(buffer.subarray(0, eol).toString('latin1'))) throw invalid('A multipart boundary line is malformed.');
        buffer = buffer.subarray(eol + 2);
        parts += 1;
        if (parts > limits.parts) throw invalid(`The body has more than ${limits.parts} parts.`);
        state = 'headers';
      } else if (state === 'headers') {
        const empty = buffer.length >= 2 && buffer[0] === 0x0d && buffer[1] === 0x0a;
        const end = empty ? 0 : buffer.indexOf(HEADER_END);
        if (end === -1) {
          if (buffer.length > limits.headerBytes) throw invalid('A part of the body has too many header bytes.');
          break;
        }
        if (end > limits.headerBytes) throw invalid('A part of the body has too many header bytes.');
        yield partHeaders(empty ? '' : buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(empty ? 2 : end + HEADER_END.length);
        state = 'body';
      } else if (state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at === -1) {
          // The tail might be the start of a delimiter split across chunks: hold it back.
          if (buffer.length > keep) {
            yield { type: 'data', chunk: buffer.subarray(0, buffer.length - keep) };
            buffer = buffer.subarray(buffer.length - keep);
          }
          break;
        }
        if (at > 0) yield { type: 'data', chunk: buffer.subarray(0, at) };
        yield { type: 'end' };
        buffer = buffer.subarray(at + delimiter.length);
        state = 'boundary';
      } else {
        skipped += buffer.length;
        if (skipped > maxPreambleBytes) throw invalid('The body goes on after its closing boundary.');
        buffer = Buffer.alloc(0);
        break;
      }
    }
  }
  if (state !== 'epilogue') throw invalid('The body ended before its closing multipart boundary.');
}

function partHeaders(block: string): MultipartEvent {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalid('A part of the body has a malformed header.');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (!disposition) throw invalid('A part of the body has no Content-Disposition header.');
  const { value, params } = parseHeaderValue(disposition);
  const name = params.get('name');
  if (value.toLowerCase() !== 'form-data' || name === undefined) {
    throw invalid('A part of the body is not a named form-data field.');
  }
  const fileName = params.get('filename*') ?? params.get('filename') ?? null;
  return { type: 'part', name, fileName, contentType: headers.get('content-type') ?? null };
}

/**
 * A header value and its parameters: `form-data; name="file"; filename="a.pdf"`. Quoted values
 * keep backslashes except before a quote or a backslash, because browsers send a file's name
 * unescaped (encoding only `"`, CR and LF as %22, %0D and %0A). `filename*` (RFC 5987) is decoded.
 */
export function parseHeaderValue(header: string): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semicolon = header.indexOf(';');
  const value = (semicolon === -1 ? header : header.slice(0, semicolon)).trim();
  let i = semicolon === -1 ? header.length : semicolon + 1;
  while (i < header.length) {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t' || header[i] === ';')) i += 1;
    const equals = header.indexOf('=', i);
    if (equals === -1) break;
    const key = header.slice(i, equals).trim().toLowerCase();
    i = equals + 1;
    let raw: string;
    if (header[i] === '"') {
      raw = '';
      i += 1;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && (header[i + 1] === '"' || header[i + 1] === '\\')) i += 1;
        raw += header[i];
        i += 1;
      }
      i += 1;
      raw = raw.replace(/%(22|0D|0A)/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    } else {
      const end = header.indexOf(';', i);
      raw = header.slice(i, end === -1 ? header.length : end).trim();
      i = end === -1 ? header.length : end;
    }
    if (key.endsWith('*')) {
      const decoded = decodeExtendedValue(raw);
      if (decoded !== undefined) params.set(key, decoded);
    } else if (key && !params.has(key)) {
      params.set(key, raw);
    }
  }
  return { value, params };
}

/** RFC 5987 `charset'language'percent-encoded`, for UTF-8 and ISO-8859-1. */
function decodeExtendedValue(raw: string): string | undefined {
  const match = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(raw);
  if (!match) return undefined;
  const charset = match[1]!.toLowerCase();
  const encoded = match[2]!;
  if ((charset !== 'utf-8' && charset !== 'iso-8859-1') || /[^\x21-\x7e]/.test(encoded)) return undefined;
  try {
    const bytes = Buffer.from(encoded.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return charset === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes.toString('latin1');
  } catch {
    return undefined;
  }
}
