import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { PortalFile } from '../api/types.ts';
import { checkUpload, type UploadRefusal } from './upload-rules.ts';

/** Where one file's upload stands. */
export type UploadStatus = 'ready' | 'refused' | 'uploading' | 'done' | 'failed' | 'cancelled';

/** One file the client chose, and how its upload went. Replaced, never changed, as it moves on. */
export interface Upload {
  /** Unique within its tracker; safe in an element id. */
  readonly key: string;
  readonly file: File;
  readonly status: UploadStatus;
  /** Bytes sent and bytes to send (the form around the file included); total is 0 until known. */
  readonly loaded: number;
  readonly total: number;
  /** Why the file was not sent, found before sending. */
  readonly refusal?: UploadRefusal;
  /** Why the service refused it, or why it did not arrive. */
  readonly error?: unknown;
  /** The file as the service stored it. */
  readonly result?: PortalFile;
}

/** An upload's progress from 0 to 1. */
export function uploadFraction(upload: Upload): number {
  if (upload.status === 'done') return 1;
  return upload.total > 0 ? Math.min(1, upload.loaded / upload.total) : 0;
}

/** Sends one file with progress; the firm's console passes its own (sharing with a client). */
export type UploadFunction = (
  file: File,
  options: { signal: AbortSignal; onProgress: (progress: { loaded: number; total: number }) => void },
) => Promise<PortalFile>;

let lastKey = 0;

/**
 * The files a client chose to upload, each checked first and then sent with its own progress
 * and cancel. The host re-renders on every change; leaving the page cancels what is still going.
 */
export class UploadTracker implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #uploads: readonly Upload[] = [];
  readonly #requests = new Map<string, AbortController>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get uploads(): readonly Upload[] {
    return this.#uploads;
  }

  /** True while a file is on its way. */
  get busy(): boolean {
    return this.#uploads.some((upload) => upload.status === 'uploading');
  }

  hostDisconnected(): void {
    for (const request of this.#requests.values()) request.abort();
    this.#requests.clear();
  }

  /** Adds files, each `ready` or `refused` (too large, a type the service does not take, empty). */
  add(files: Iterable<File>, maxBytes: number | undefined): Upload[] {
    const added = [...files].map((file): Upload => {
      lastKey += 1;
      const refusal = checkUpload(file, maxBytes);
      return { key: `upload-${lastKey}`, file, status: refusal ? 'refused' : 'ready', loaded: 0, total: file.size, ...(refusal ? { refusal } : {}) };
    });
    this.#set([...this.#uploads, ...added]);
    return added;
  }

  /**
   * Sends a `ready` (or `failed`) upload; resolves with the stored file, or undefined when it was
   * cancelled or failed (the upload then says why).
   */
  async send(key: string, client: ApiClient | UploadFunction, folder?: string | null): Promise<PortalFile | undefined> {
    const upload = this.#find(key);
    if (!upload || (upload.status !== 'ready' && upload.status !== 'failed')) return upload?.result;
    const request = new AbortController();
    this.#requests.set(key, request);
    this.#update(key, { status: 'uploading', loaded: 0, total: upload.file.size, error: undefined });
    try {
      const options = {
        signal: request.signal,
        onProgress: ({ loaded, total }: { loaded: number; total: number }) => {
          if (!request.signal.aborted) this.#update(key, { loaded, total: total || upload.file.size });
        },
      };
      const result =
        typeof client === 'function' ? await client(upload.file, options) : await client.files.upload(upload.file, { ...options, folder: folder ?? null });
      this.#update(key, { status: 'done', result });
      return result;
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) this.#update(key, { status: 'cancelled' });
      else this.#update(key, { status: 'failed', error });
      return undefined;
    } finally {
      this.#requests.delete(key);
    }
  }

  /** Stops an upload on its way; it becomes `cancelled`. */
  cancel(key: string): void {
    this.#requests.get(key)?.abort();
  }

  /** Stops every upload on its way. */
  cancelAll(): void {
    for (const request of this.#requests.values()) request.abort();
  }

  /** Forgets an upload, cancelling it first if it is on its way. */
  remove(key: string): void {
    this.cancel(key);
    this.#set(this.#uploads.filter((upload) => upload.key !== key));
  }

  /** Forgets every upload, cancelling those on their way. */
  clear(): void {
    this.cancelAll();
    this.#set([]);
  }

  #find(key: string): Upload | undefined {
    return this.#uploads.find((upload) => upload.key === key);
  }

  #update(key: string, change: Partial<Omit<Upload, 'key' | 'file'>>): void {
    if (!this.#find(key)) return;
    this.#set(this.#uploads.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  }

  #set(uploads: readonly Upload[]): void {
    this.#uploads = uploads;
    this.#host.requestUpdate();
  }
}
