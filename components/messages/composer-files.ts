// The files a message carries, shared by the client's messages and the firm's inbox: choosing
// them, their rows with progress (the upload list of `<portal-files>`), and sending them before
// the message.
import { html, type nothing, type LitElement, type TemplateResult } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import type { PortalFile } from '../api/types.ts';
import { renderUploadList } from '../files/upload-list.ts';
import { acceptAttribute } from '../files/upload-rules.ts';
import type { UploadFunction, UploadTracker } from '../files/upload-tracker.ts';

/** The service's limit on the files of one message. */
export const MAX_ATTACHMENTS = 10;

/** Adds chosen files to a form's attachments up to the limit; `report` hears whether some were left out. */
export function attachFiles(tracker: UploadTracker, files: File[], maxBytes: number | undefined, report: (tooMany: boolean) => void): void {
  if (files.length === 0) return;
  const room = MAX_ATTACHMENTS - tracker.uploads.length;
  tracker.add(files.slice(0, Math.max(0, room)), maxBytes);
  report(files.length > room);
}

/**
 * Uploads a form's attachments that are not yet uploaded, all at once; resolves with their ids
 * in order, or undefined when one was refused, failed or was cancelled (its row says why).
 */
export async function uploadAttachments(tracker: UploadTracker, send: ApiClient | UploadFunction): Promise<string[] | undefined> {
  if (tracker.uploads.some((upload) => upload.status === 'refused')) return undefined;
  await Promise.all(tracker.uploads.map((upload) => upload.result ?? tracker.send(upload.key, send)));
  // A file removed while the others were uploading is left out.
  const results = tracker.uploads.map((upload) => upload.result);
  return results.every((result): result is PortalFile => result !== undefined) ? results.map((result) => result.id) : undefined;
}

/** The hidden file input `id` and the button that opens it. */
export function renderAttachButton(host: LitElement, id: string, disabled: boolean, label: string, add: (files: File[]) => void): TemplateResult {
  return html`
    <input
      id=${id}
      type="file"
      multiple
      hidden
      accept=${acceptAttribute}
      @change=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        add([...(input.files ?? [])]);
        input.value = '';
      }}
    />
    <button
      class="button secondary"
      part="attach-button"
      type="button"
      ?disabled=${disabled}
      @click=${() => host.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.click()}
    >
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M20 11.5 12.5 19a5 5 0 0 1-7-7L13 4.5a3.5 3.5 0 0 1 5 5l-7.5 7.5a2 2 0 0 1-3-3L14 7.5"></path>
      </svg>
      ${label}
    </button>
  `;
}

/** What the upload rows take from the host: words of its own catalog, and the firm's limit. */
export interface UploadRowsOptions {
  /** The list's accessible name. */
  uploads: string;
  /** The button that forgets a file not on its way. */
  remove: string;
  /** The firm's upload limit, named in a failure. */
  maxBytes: number | undefined;
}

/** The files chosen to send, each with its progress, problem and remove button. */
export function renderUploads(tracker: UploadTracker, options: UploadRowsOptions): TemplateResult | typeof nothing {
  return renderUploadList(tracker.uploads, {
    kind: 'attachments',
    label: options.uploads,
    removeLabel: options.remove,
    maxBytes: options.maxBytes,
    onRemove: (key) => tracker.remove(key),
  });
}
