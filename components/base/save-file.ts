/**
 * Hands a file to the browser's download manager under `fileName`, through a temporary object
 * URL and an `<a download>` (no navigation, nothing inline, so it works under a strict CSP).
 */
export function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started by the time the click returns in every engine, but Safari
    // needs the URL to live a moment longer.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** A file name made of letters, digits, `-`, `_` and `.` only, e.g. for `INV/2026#12` → `INV-2026-12`. */
export function safeFileName(name: string, fallback = 'file'): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return base || fallback;
}
