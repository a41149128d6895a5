// The files a message carries, shared by the client's messages and the firm's inbox: choosing
// them, their rows with progress, and sending them before the message.
import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import type { PortalFile } from '../api/types.ts';
import { acceptAttribute, refusalMessage, uploadErrorMessage } from '../files/upload-rules.ts';
import { uploadFraction, type Upload, type UploadFunction, type UploadTracker } from '../files/upload-tracker.ts';
import { formatFileSize } from '../i18n/format.ts';
import { t } from '../i18n/translate.ts';

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
  const uploads = tracker.uploads;
  if (uploads.length === 0) return nothing;
  return html`
    <ul class="uploads" part="uploads" aria-label=${options.uploads}>
      ${repeat(
        uploads,
        (upload) => upload.key,
        (upload) => renderUpload(upload, tracker, options),
      )}
    </ul>
  `;
}

function renderUpload(upload: Upload, tracker: UploadTracker, options: UploadRowsOptions): TemplateResult {
  const { key, file, status } = upload;
  const percent = Math.round(uploadFraction(upload) * 100);
  let problem: string | undefined;
  if (upload.refusal) problem = refusalMessage(file.name, file.size, upload.refusal);
  else if (status === 'failed') problem = uploadErrorMessage(file.name, file.size, upload.error, options.maxBytes);
  else if (status === 'cancelled') problem = t('files.upload.cancelled');
  return html`
    <li class="upload" part="upload" data-status=${status}>
      <span class="upload-name" id="${key}-name">${file.name}</span>
      <span class="upload-size">${formatFileSize(file.size)}</span>
      ${
        status === 'uploading' || status === 'done'
          ? html`<span class="upload-progress">
              <label class="visually-hidden" for="${key}-progress">${t('files.upload.progress', { name: file.name })}</label>
              <progress id="${key}-progress" part="progress" max="100" .value=${percent}></progress>
              <span class="upload-status">${status === 'done' ? t('files.upload.done') : t('files.upload.percent', { percent })}</span>
            </span>`
          : nothing
      }
      ${problem ? html`<p class="upload-error">${problem}</p>` : nothing}
      <button class="link-button" part="remove-button" type="button" aria-describedby="${key}-name" @click=${() => tracker.remove(key)}>
        ${status === 'uploading' ? t('files.upload.cancel') : options.remove}
      </button>
    </li>
  `;
}
