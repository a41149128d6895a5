/** Files shared with and uploaded by clients: their records here, their bytes in the file store. */
export * as filesContract from './files.contract.ts';
export { createFileStore } from './create-file-store.ts';
export { createFileScanner } from './create-scanner.ts';
export type { FileStore } from './file-store.ts';
export { fileKinds } from './file-types.ts';
export type { FileKind } from './file-types.ts';
export type { Attachment, FileRecord, FileScanner, Uploader } from './file.ts';
export { FilesRepository } from './files.repository.ts';
export { adminFileRoutes, adminFileUploadRoutes, fileRoutes, fileUploadRoutes } from './files.routes.ts';
export { FilesService } from './files.service.ts';
