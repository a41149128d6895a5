import type { DownloadedFile } from './types.ts';

/**
 * A successful answer's body as a file, named by its Content-Disposition. Apart from the
 * connection because only a signed-in client downloads: a signed-out page does not fetch it.
 */
export async function readFile(response: Response): Promise<DownloadedFile> {
  const blob = await response.blob();
  return { blob, fileName: fileNameOf(response.headers.get('content-disposition')) };
}

// Content-Disposition is only readable cross-origin when the service exposes it; callers supply
// their own name otherwise.
function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}
