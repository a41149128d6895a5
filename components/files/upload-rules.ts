import { ApiError } from '../api/api-error.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatFileSize } from '../i18n/format.ts';
import { t } from './files-messages.ts';

/**
 * The name endings the service accepts. It decides by a file's content, so this only catches the
 * obvious early: a name with one of these endings may still be refused.
 */
export const acceptedExtensions: readonly string[] = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'heic',
  'heif',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
  'txt',
  'csv',
];

/** The file picker's `accept` attribute: the accepted endings. */
export const acceptAttribute = acceptedExtensions.map((extension) => `.${extension}`).join(',');

/** Why a file cannot be uploaded, found before sending it. */
export type UploadRefusal = { reason: 'too-large'; limit: number } | { reason: 'type' } | { reason: 'empty' };

/** The ending of a name, lowercase and without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Checks a file the client chose against what the service will accept: its size against the
 * firm's limit (when known), and its name's ending. A name without an ending is left to the
 * service, which names the file by its content.
 */
export function checkUpload(file: Blob & { name: string }, maxBytes: number | undefined): UploadRefusal | undefined {
  if (file.size === 0) return { reason: 'empty' };
  if (maxBytes !== undefined && file.size > maxBytes) return { reason: 'too-large', limit: maxBytes };
  const extension = extensionOf(file.name);
  if (extension && !acceptedExtensions.includes(extension)) return { reason: 'type' };
  return undefined;
}

/** A plain-words explanation of a refusal found before sending. Call it while rendering. */
export function refusalMessage(name: string, size: number, refusal: UploadRefusal): string {
  switch (refusal.reason) {
    case 'empty':
      return t('files.error.empty', { name });
    case 'type':
      return t('files.error.type', { name });
    case 'too-large':
      return tooLarge(name, size, refusal.limit);
  }
}

/** Too large: by how much, unless the two sizes round to the same words ("5 MB" and "5 MB"). */
function tooLarge(name: string, size: number, limit: number): string {
  const [sizeText, limitText] = [formatFileSize(size), formatFileSize(limit)];
  return sizeText === limitText
    ? t('files.error.too-large-limit', { name, limit: limitText })
    : t('files.error.too-large', { name, size: sizeText, limit: limitText });
}

/**
 * A plain-words explanation of an upload the service refused or that did not arrive. Call it
 * while rendering.
 */
export function uploadErrorMessage(name: string, size: number, error: unknown, maxBytes?: number): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'file_too_large': {
        const limit = typeof error.extensions.maxBytes === 'number' ? error.extensions.maxBytes : maxBytes;
        return limit === undefined ? t('files.error.too-large-unknown', { name }) : tooLarge(name, size, limit);
      }
      case 'file_type_not_allowed':
        return t('files.error.type-content', { name });
      case 'file_rejected':
        return t('files.error.rejected', { name });
      case 'file_empty':
        return t('files.error.empty', { name });
      case 'scan_unavailable':
        return t('files.error.scan-unavailable', { name });
    }
  }
  return t('files.error.generic', { name, reason: errorMessage(error) });
}
