/** The longest name a file keeps, in characters (code points), extension included. */
export const maxFileNameLength = 200;
const maxExtensionLength = 16;

/** C0 and C1 control characters and DEL. */
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Characters that reorder text: the bidi embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and marks (U+200E, U+200F, U+061C). They let `invoice‮fdp.exe` display as
 * `invoiceexe.pdf`.
 */
const bidi = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** Characters Windows refuses in a file name; replaced so a download saves everywhere. */
const reserved = /[<>:"|?*]/g;

/**
 * A file name safe to store and to offer as a download: the last path component only (so
 * `../../etc/passwd.txt` and `C:\Users\x\a.pdf` lose their folders), without control or bidi
 * characters, trimmed, without leading or trailing dots, and at most 200 characters with the
 * extension kept. An empty result becomes `file`.
 */
export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC').replace(controls, '').replace(bidi, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name
    .replace(reserved, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!name) return 'file';
  const chars = Array.from(name);
  if (chars.length <= maxFileNameLength) return name;
  const extension = extensionOf(name);
  const keep = extension && extension.length + 1 <= maxExtensionLength ? `.${extension}` : '';
  const stem = chars
    .slice(0, maxFileNameLength - Array.from(keep).length)
    .join('')
    .replace(/[.\s]+$/, '');
  return `${stem || 'file'}${keep}`;
}

/** The extension of a name, lowercase and without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/** A folder (matter) name: one line of text without control or bidi characters, at most 200 characters. */
export function sanitizeFolder(raw: string): string {
  const folder = raw.normalize('NFC').replace(controls, ' ').replace(bidi, '').replace(/\s+/g, ' ').trim();
  return Array.from(folder).slice(0, maxFileNameLength).join('').trim();
}

/** RFC 5987 attr-char: everything else is percent-encoded. */
function encodeExtended(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII stand-in for a name: accents dropped where they decompose, anything else becomes `_`. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return ascii.trim() || 'file';
}

/**
 * `Content-Disposition: attachment` for a download (RFC 6266): an ASCII `filename` for old
 * clients and the exact name, UTF-8 and percent-encoded, in `filename*`.
 */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeExtended(name)}`;
}
