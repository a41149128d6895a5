import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../api/api-error.ts';
import { saveFile } from '../base/save-file.ts';

/** What a download tells its element: that it starts, that the file was saved, or why it was not. */
export interface DownloadReport {
  started: () => void;
  saved: () => void;
  failed: (error: unknown) => void;
}

/**
 * Files an element is downloading, each once at a time: fetched, then handed to the browser
 * under the service's file name (else the element's). The host re-renders as one starts or ends.
 */
export class DownloadsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #busy: ReadonlySet<string> = new Set();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether the file `id` is on its way. */
  has(id: string): boolean {
    return this.#busy.has(id);
  }

  /** Downloads the file `id` unless it is already on its way; a cancelled download says nothing. */
  async save(id: string, name: string, fetch: () => Promise<{ blob: Blob; fileName?: string | null }>, report: DownloadReport): Promise<void> {
    if (this.#busy.has(id)) return;
    this.#set(new Set([...this.#busy, id]));
    report.started();
    try {
      const file = await fetch();
      saveFile(file.blob, file.fileName ?? name);
      report.saved();
    } catch (error) {
      if (!isAbortError(error)) report.failed(error);
    } finally {
      const busy = new Set(this.#busy);
      busy.delete(id);
      this.#set(busy);
    }
  }

  #set(busy: ReadonlySet<string>): void {
    this.#busy = busy;
    this.#host.requestUpdate();
  }
}
