import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ApiClient } from '../api/api-client.ts';
import type { FileFolder, FilePage, PortalFile } from '../api/types.ts';
import { PortalElement } from '../base/portal-element.ts';
import { renderEmpty, renderFailure, renderSkeleton } from '../base/section-states.ts';
import { NotConfiguredError, toggleState, untilAborted } from '../base/states.ts';
import { AnnouncerController } from '../controllers/announcer-controller.ts';
import { ApiClientController } from '../controllers/api-client-controller.ts';
import { BrandingController } from '../controllers/branding-controller.ts';
import { CursorPagesController } from '../controllers/cursor-pages-controller.ts';
import { DownloadsController } from '../controllers/downloads-controller.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { formatDate, formatFileSize, formatNumber } from '../i18n/format.ts';
import { currentLanguage, validLocale } from '../i18n/language.ts';
import { t } from './files-messages.ts';
import { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from '../styles/shared.ts';
import { PortalFileUploadedEvent } from './events.ts';
import { filesStyles } from './files.styles.ts';
import { renderUploadList } from './upload-list.ts';
import { acceptAttribute, refusalMessage, uploadErrorMessage } from './upload-rules.ts';
import { UploadTracker } from './upload-tracker.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** The files of one folder (matter), in the order listed. */
interface FolderGroup {
  name: string | null;
  files: PortalFile[];
}

// The service's largest page.
const LARGEST_PAGE = 200;

/**
 * The files the firm shared with the client and those the client uploaded, filed by matter:
 * each with its name, size, date and who shared it (someone at the firm, or "You"), and a
 * Download button. More files load with "Load more files".
 *
 * Above the list, the client uploads documents: by the "Choose files" button (the keyboard's
 * way in) or by dropping them on the drop zone, several at once, optionally into one of their
 * folders. Each file shows its own progress bar and a Cancel button. Files larger than the firm
 * allows, of a type the portal does not take, or empty are refused at once, with the reason; the
 * service's own refusals (too large, type not allowed, rejected by the virus scan) show in plain
 * words on the file. Results are announced to screen readers.
 *
 * Inside `<portal-session>` it uses the session's API client; alone, give it `api` and `firm`.
 *
 * @tag portal-files
 *
 * @event portal-file-uploaded - The client uploaded a file and the service kept it. `detail.file`.
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading.
 * @csspart heading - The heading.
 * @csspart upload-area - The drop zone and the uploads in progress.
 * @csspart drop-zone - Where files can be dropped.
 * @csspart choose-button - The "Choose files" button.
 * @csspart folder-select - The folder to upload into.
 * @csspart uploads - The files being uploaded, and how each went.
 * @csspart upload - One of them (also `upload-uploading`, `upload-done`, `upload-failed`, `upload-refused`, `upload-cancelled`).
 * @csspart progress - An upload's progress bar.
 * @csspart upload-error - Why a file was not uploaded.
 * @csspart cancel-button - The button that cancels an upload.
 * @csspart retry-upload-button - The button that tries a failed upload again.
 * @csspart dismiss-button - The button that clears a finished upload from the list.
 * @csspart folder - The files of one folder, with its heading.
 * @csspart folder-heading - A folder's name and how many files it holds.
 * @csspart file-list - The files of a folder.
 * @csspart file - One file.
 * @csspart file-name - A file's name.
 * @csspart size - A file's size.
 * @csspart date - When a file was added.
 * @csspart shared-by - Who shared a file.
 * @csspart download-button - A file's Download button.
 * @csspart load-more-button - The button that loads more files.
 * @csspart skeleton - The placeholder shown while files load.
 * @csspart empty - The message shown when there are no files.
 * @csspart error - The panel shown when the files cannot be loaded.
 * @csspart retry-button - The button that tries again.
 * @csspart disabled - What shows when the firm does not offer files in its portal.
 * @csspart announcer - The live region announcing upload and download results.
 *
 * @cssprop --portal-files-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-files-border-color - Borders of the list and the drop zone (default `--portal-color-divider`).
 * @cssprop --portal-files-row-background - A file's background (default `--portal-color-surface`).
 * @cssprop --portal-files-folder-color - Folder headings (default `--portal-color-text`).
 * @cssprop --portal-files-drop-zone-background - The drop zone (default `--portal-color-surface-alt`).
 * @cssprop --portal-files-drop-zone-active-background - The drop zone while files are dragged over it (a tint of `--portal-color-brand`).
 * @cssprop --portal-files-progress-color - Progress bars (default `--portal-color-brand`).
 * @cssprop --portal-files-error-color - Upload errors (default `--portal-color-danger`).
 *
 * @cssstate loading - The files are loading.
 * @cssstate empty - There are no files.
 * @cssstate error - The files could not be loaded.
 * @cssstate dragging - Files are being dragged over the drop zone.
 * @cssstate uploading - A file is being uploaded.
 */
export class PortalFiles extends PortalElement {
  static override styles = [PortalElement.styles, visuallyHiddenStyles, buttonStyles, fieldStyles, alertStyles, skeletonStyles, filesStyles];

  /** Files per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Base URL of the token service, when used outside `<portal-session>`. */
  @property() api = '';

  /** The firm's slug, when used outside `<portal-session>`. */
  @property() firm = '';

  /** An API client to use instead of the session's (tests, stories). */
  @property({ attribute: false }) client: ApiClient | undefined;

  @state() private folders: FileFolder[] = [];
  @state() private dragging = false;
  @state() private uploadFolder = '';
  @state() private alert: Words | undefined;

  readonly #api = new ApiClientController(this);
  readonly #branding = new BrandingController(this, () => this.#api.value);
  readonly #uploads = new UploadTracker(this);
  readonly #downloads = new DownloadsController(this);
  readonly #announcer = new AnnouncerController(this);
  readonly #internals: ElementInternals;
  #dragDepth = 0;

  /** The files loaded so far, folder by folder. */
  readonly #pages = new CursorPagesController<PortalFile, FilePage>(this, {
    fetch: (cursor, signal) => this.#api.value?.files.list({ groupBy: 'folder', limit: pageLimit(this.pageSize), cursor }, { signal }),
    key: (file) => file.id,
    added: async (page, { firstNew }) => {
      this.folders = page.folders ?? this.folders;
      await this.updateComplete;
      const next = this.#pages.items[firstNew];
      if (next) this.renderRoot.querySelector<HTMLElement>(`[data-file-id="${CSS.escape(next.id)}"] [part~="download-button"]`)?.focus();
    },
  });

  readonly #list = new Task(this, {
    task: async ([client, , pageSize, disabled], { signal }) => {
      this.#pages.restart();
      if (disabled) return undefined;
      if (!client) return this.#api.waitingForSignIn ? untilAborted(signal) : Promise.reject(new NotConfiguredError());
      const page = await client.files.list({ groupBy: 'folder', limit: pageLimit(pageSize) }, { signal });
      this.#pages.show(page);
      this.folders = page.folders ?? [];
      return page;
    },
    args: () => [this.#api.signedInClient, this.#api.contactId, this.pageSize, this.#disabled] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the files again. */
  refresh(): Promise<unknown> {
    return this.#list.run();
  }

  /** The files loaded so far, folder by folder. */
  protected get files(): readonly PortalFile[] {
    return this.#pages.items;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#list.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && !this.#disabled && this.files.length === 0);
    toggleState(this.#internals, 'dragging', this.dragging);
    toggleState(this.#internals, 'uploading', this.#uploads.busy);
  }

  get #disabled(): boolean {
    return this.#branding.value?.sections?.files === false;
  }

  get #maxBytes(): number | undefined {
    return this.#branding.value?.maxUploadBytes;
  }

  protected override render(): TemplateResult {
    return html`
      <section class="files" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading" part="heading">${t('files.heading')}</h2>
        </div>
        ${
          this.#disabled
            ? html`<div class="state" part="disabled">
              <p>${t('files.disabled', { firm: this.#branding.value?.name ?? t('files.disabled-firm') })}</p>
            </div>`
            : html`
              ${this.#renderUploadArea()}
              ${this.#list.render({
                initial: () => renderSkeleton(t('files.loading')),
                pending: () => (this.files.length ? this.#renderList() : renderSkeleton(t('files.loading'))),
                complete: () => (this.files.length ? this.#renderList() : renderEmpty(t('files.empty'), t('files.empty-detail'))),
                error: (error) =>
                  renderFailure(t('files.error-heading'), error, {
                    disabled: () => t('files.disabled', { firm: this.#branding.value?.name ?? t('files.disabled-firm') }),
                    retry: () => void this.refresh(),
                  }),
              })}
            `
        }
        <div class="visually-hidden" part="announcer" role="status">${this.#announcer.text}</div>
        <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
      </section>
    `;
  }

  #renderUploadArea(): TemplateResult {
    const limit = this.#maxBytes;
    const folders = this.folders.filter((folder): folder is FileFolder & { name: string } => folder.name !== null);
    return html`
      <div class="upload-area" part="upload-area">
        <div
          class="drop-zone"
          part="drop-zone"
          data-dragging=${this.dragging ? 'true' : 'false'}
          @dragenter=${this.#onDragEnter}
          @dragover=${this.#onDragOver}
          @dragleave=${this.#onDragLeave}
          @drop=${this.#onDrop}
        >
          <svg class="drop-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 16V4m0 0-5 5m5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3"></path>
          </svg>
          <p class="drop-text">${t('files.upload.drop')}</p>
          <input id="file-input" type="file" multiple hidden accept=${acceptAttribute} @change=${this.#onPick} />
          <button
            class="button"
            part="choose-button"
            type="button"
            aria-describedby="upload-hint"
            @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#file-input')?.click()}
          >
            ${t('files.upload.choose')}
          </button>
          <p class="hint" id="upload-hint">
            ${limit === undefined ? t('files.upload.hint') : t('files.upload.hint-limit', { limit: formatFileSize(limit) })}
          </p>
          ${
            folders.length
              ? html`<div class="folder-field">
                <label for="upload-folder">${t('files.upload.folder')}</label>
                <select id="upload-folder" part="folder-select" @change=${(event: Event) => (this.uploadFolder = (event.target as HTMLSelectElement).value)}>
                  <option value="" ?selected=${this.uploadFolder === ''}>${t('files.upload.no-folder')}</option>
                  ${folders.map((folder) => html`<option value=${folder.name} ?selected=${folder.name === this.uploadFolder}>${folder.name}</option>`)}
                </select>
              </div>`
              : nothing
          }
        </div>
        ${renderUploadList(this.#uploads.uploads, {
          kind: 'uploads',
          label: t('files.upload.list'),
          maxBytes: limit,
          onCancel: (key) => this.#uploads.cancel(key),
          onRetry: (key) => void this.#send(key),
          onDismiss: (key) => void this.#dismiss(key),
        })}
      </div>
    `;
  }

  #renderList(): TemplateResult {
    return html`
      ${groupsOf(this.files).map((group, index) => this.#renderFolder(group, index))}
      ${this.#pages.renderMore({ more: t('files.load-more'), loading: t('files.loading-more'), failed: t('files.more-error') })}
    `;
  }

  #renderFolder(group: FolderGroup, index: number): TemplateResult {
    const total = this.folders.find((folder) => folder.name === group.name)?.files ?? group.files.length;
    const name = group.name ?? t('files.folder.none');
    return html`
      <section class="folder" part="folder" aria-labelledby="folder-${index}">
        <h3 id="folder-${index}" part="folder-heading">
          <svg class="folder-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z"></path>
          </svg>
          <span class="folder-name">${name}</span>
          <span class="folder-count">${plural(total)}</span>
        </h3>
        <ul class="file-list" part="file-list">
          ${repeat(
            group.files,
            (file) => file.id,
            (file) => this.#renderFile(file),
          )}
        </ul>
      </section>
    `;
  }

  #renderFile(file: PortalFile): TemplateResult {
    const busy = this.#downloads.has(file.id);
    const nameId = `file-${domId(file.id)}`;
    return html`
      <li class="file" part="file" data-file-id=${file.id}>
        <svg class="file-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 3h8l4 4v14H6z M14 3v4h4"></path>
        </svg>
        <span class="file-name" part="file-name" id=${nameId}>${file.name}</span>
        <span class="file-meta">
          <span class="file-size" part="size">${formatFileSize(file.size)}</span>
          <span class="file-date" part="date"><time datetime=${file.createdAt}>${t('files.added', { date: formatDate(file.createdAt) })}</time></span>
          <span class="file-by" part="shared-by">
            ${file.uploadedBy.type === 'contact' ? t('files.from-you') : t('files.from', { name: file.uploadedBy.name })}
          </span>
        </span>
        <button
          class="button secondary download"
          part="download-button"
          type="button"
          aria-describedby=${nameId}
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => void this.#download(file)}
        >
          ${busy ? t('files.downloading') : t('files.download')}
        </button>
      </li>
    `;
  }

  // Choosing and dropping files

  #onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.#add(files);
  };

  #onDragEnter = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.#dragDepth += 1;
    this.dragging = true;
  };

  #onDragOver = (event: DragEvent): void => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  #onDragLeave = (): void => {
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (this.#dragDepth === 0) this.dragging = false;
  };

  #onDrop = (event: DragEvent): void => {
    event.preventDefault();
    this.#dragDepth = 0;
    this.dragging = false;
    this.#add([...(event.dataTransfer?.files ?? [])]);
  };

  /** Checks the chosen files and starts uploading those that can go. */
  #add(files: File[]): void {
    if (files.length === 0) return;
    const added = this.#uploads.add(files, this.#maxBytes);
    const refused = added.filter((upload) => upload.refusal);
    if (refused.length) {
      void this.#announcer.announce(() => refused.map((upload) => refusalMessage(upload.file.name, upload.file.size, upload.refusal!)).join(' '));
    }
    for (const upload of added) if (!upload.refusal) void this.#send(upload.key);
  }

  async #send(key: string): Promise<void> {
    const client = this.#api.value;
    if (!client) return;
    const folder = this.uploadFolder || null;
    const stored = await this.#uploads.send(key, client, folder);
    const upload = this.#uploads.uploads.find((candidate) => candidate.key === key);
    if (stored) {
      this.#insert(stored);
      void this.#announcer.announce(() => t('files.announce.uploaded', { name: stored.name }));
      this.dispatchEvent(new PortalFileUploadedEvent({ file: stored }));
    } else if (upload?.status === 'cancelled') {
      void this.#announcer.announce(() => t('files.announce.cancelled', { name: upload.file.name }));
    } else if (upload?.status === 'failed') {
      void this.#announcer.announce(() => uploadErrorMessage(upload.file.name, upload.file.size, upload.error, this.#maxBytes));
    }
  }

  async #dismiss(key: string): Promise<void> {
    const index = this.#uploads.uploads.findIndex((upload) => upload.key === key);
    this.#uploads.remove(key);
    await this.updateComplete;
    // Focus stays in the list of uploads, or goes back to where files are chosen.
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('[part~="upload"]');
    const next = rows[Math.min(index, rows.length - 1)];
    (next?.querySelector<HTMLElement>('button') ?? this.renderRoot.querySelector<HTMLElement>('[part~="choose-button"]'))?.focus();
  }

  /** Puts an uploaded file where the service lists it: first in its folder. */
  #insert(file: PortalFile): void {
    const folder = file.folder ?? '';
    const files = this.files.filter((known) => known.id !== file.id);
    let index = files.findIndex((known) => (known.folder ?? '') === folder);
    if (index === -1) {
      index = files.findIndex((known) => (known.folder ?? '') > folder);
      // A folder past the last one loaded arrives with a later page.
      if (index === -1) index = this.#pages.cursor ? -1 : files.length;
    }
    if (index !== -1) this.#pages.items = [...files.slice(0, index), file, ...files.slice(index)];
    const known = this.folders.find((candidate) => candidate.name === file.folder);
    this.folders = known
      ? this.folders.map((candidate) => (candidate === known ? { ...candidate, files: candidate.files + 1 } : candidate))
      : [...this.folders, { name: file.folder, files: 1 }].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
  }

  async #download(file: PortalFile): Promise<void> {
    const client = this.#api.value;
    if (!client) return;
    await this.#downloads.save(file.id, file.name, () => client.files.download(file.id), {
      started: () => (this.alert = undefined),
      saved: () => void this.#announcer.announce(() => t('files.announce.downloaded', { name: file.name })),
      failed: (error) => (this.alert = () => t('files.error.download', { name: file.name, reason: errorMessage(error) })),
    });
  }
}

/** Consecutive files of the same folder, as the service lists them folder by folder. */
function groupsOf(files: readonly PortalFile[]): FolderGroup[] {
  const groups: FolderGroup[] = [];
  for (const file of files) {
    const last = groups.at(-1);
    if (last && last.name === file.folder) last.files.push(file);
    else groups.push({ name: file.folder, files: [file] });
  }
  return groups;
}

/** Whether a drag carries files (rather than text or a link). */
function hasFiles(event: DragEvent): boolean {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

function plural(count: number): string {
  const one = new Intl.PluralRules(validLocale(currentLanguage())).select(count) === 'one';
  return t(one ? 'files.folder.count-one' : 'files.folder.count-other', { count: formatNumber(count) });
}

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}

/** An id the service gave, made safe for use in element ids. */
function domId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
