// The files on their way to the service, shown the same way wherever a client or the firm
// uploads: `<portal-files>` (each file goes at once) and the forms that write messages (files
// wait for the message). The rows render in the host's own shadow root, so their parts are the
// host's parts and its styles and tokens apply to them.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError } from '../api/api-error.ts';
import { formatFileSize } from '../i18n/format.ts';
import { t } from './files-messages.ts';
import { refusalMessage, uploadErrorMessage } from './upload-rules.ts';
import { uploadFraction, type Upload } from './upload-tracker.ts';

interface UploadListCommon {
  /** The list's accessible name. */
  label: string;
  /** The firm's upload limit, named in a failure. */
  maxBytes: number | undefined;
}

/** Files chosen to go with a message: each can be removed (cancelled while on its way). */
export interface AttachmentListView extends UploadListCommon {
  kind: 'attachments';
  /** The button that forgets a file not on its way. */
  removeLabel: string;
  onRemove: (key: string) => void;
}

/** Files sent as soon as chosen: cancel one on its way, try a failed one again, clear a finished one. */
export interface UploadQueueView extends UploadListCommon {
  kind: 'uploads';
  onCancel: (key: string) => void;
  onRetry: (key: string) => void;
  onDismiss: (key: string) => void;
}

export type UploadListView = AttachmentListView | UploadQueueView;

/**
 * The list of uploads (part `uploads`), each row (part `upload`) with the file's name and size,
 * its progress bar (part `progress`) while it goes, why it did not go, and its buttons. Nothing
 * when there are no uploads.
 */
export function renderUploadList(uploads: readonly Upload[], view: UploadListView): TemplateResult | typeof nothing {
  if (uploads.length === 0) return nothing;
  return html`
    <ul class="uploads" part="uploads" aria-label=${view.label}>
      ${repeat(
        uploads,
        (upload) => upload.key,
        (upload) => renderUpload(upload, view),
      )}
    </ul>
  `;
}

/** True when trying the same file again can help: not after the service refused what it is. */
export function retryable(upload: Upload): boolean {
  return upload.status === 'failed' && !isRefusal(upload.error);
}

/**
 * One row: the file's name and size, its progress while it goes and once it arrived, why it did
 * not go, and its buttons: remove (attachments), or cancel, retry and dismiss (uploads).
 */
function renderUpload(upload: Upload, view: UploadListView): TemplateResult {
  const { key, file, status } = upload;
  const queued = view.kind === 'uploads';
  const uploading = status === 'uploading';
  const cancelled = status === 'cancelled' ? t('files.upload.cancelled') : undefined;
  const percent = Math.round(uploadFraction(upload) * 100);
  let problem: string | undefined;
  if (upload.refusal) problem = refusalMessage(file.name, file.size, upload.refusal);
  else if (status === 'failed') problem = uploadErrorMessage(file.name, file.size, upload.error, view.maxBytes);
  else if (!queued) problem = cancelled;
  const button = (part: string, label: string, action: (key: string) => void, className = 'link-button') =>
    html`<button class=${className} part=${part} type="button" aria-describedby="${key}-name" @click=${() => action(key)}>${label}</button>`;
  return html`
    <li class="upload" part=${queued ? `upload upload-${status}` : 'upload'} data-status=${status} data-key=${queued ? key : nothing}>
      <span class="upload-name" id="${key}-name">${file.name}</span>
      <span class="upload-size">${formatFileSize(file.size)}</span>
      ${
        uploading || status === 'done'
          ? html`<span class="upload-progress">
            <label class="visually-hidden" for="${key}-progress">${t('files.upload.progress', { name: file.name })}</label>
            <progress id="${key}-progress" part="progress" max="100" .value=${percent}></progress>
            <span class="upload-status">${uploading ? t('files.upload.percent', { percent }) : t('files.upload.done')}</span>
          </span>`
          : nothing
      }
      ${queued && cancelled ? html`<span class="upload-status">${cancelled}</span>` : nothing}
      ${problem ? html`<p class="upload-error" part=${queued ? 'upload-error' : nothing}>${problem}</p>` : nothing}
      ${
        !queued
          ? button('remove-button', uploading ? t('files.upload.cancel') : view.removeLabel, view.onRemove)
          : html`<span class="upload-actions">
            ${retryable(upload) ? button('retry-upload-button', t('common.retry'), view.onRetry, 'button secondary small') : nothing}
            ${
              uploading
                ? button('cancel-button', t('files.upload.cancel'), view.onCancel, 'button secondary small')
                : button('dismiss-button', t('files.upload.dismiss'), view.onDismiss)
            }
          </span>`
      }
    </li>
  `;
}

/** Refusals by the service that the same file will meet again: trying again does not help. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && ['file_too_large', 'file_type_not_allowed', 'file_rejected', 'file_empty', 'section_disabled'].includes(error.code);
}
