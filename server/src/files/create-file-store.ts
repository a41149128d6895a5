import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { LocalFileStore, type FileStore } from './file-store.ts';
import { S3FileStore } from './s3-file-store.ts';

/**
 * The file store the configuration asks for: `DATA_DIR/files` (FILE_STORE=local), or an S3 bucket
 * (FILE_STORE=s3) whose uploads are received in `DATA_DIR/incoming` until they are checked.
 */
export function createFileStore(config: Pick<Config, 'fileStore' | 'dataDir'>, logger: Logger): FileStore {
  const store = config.fileStore;
  if (store.type === 'local') return LocalFileStore.inDataDir(config.dataDir);
  return new S3FileStore({
    bucket: store.bucket,
    region: store.region,
    endpoint: store.endpoint,
    forcePathStyle: store.forcePathStyle,
    credentials: store.credentials,
    spoolDir: path.join(config.dataDir, 'incoming'),
    logger,
  });
}
