import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

const keyPattern = /^[0-9a-f]{32}$/;
const incomingPrefix = '.incoming-';

/** An upload being written: bytes go to a temporary name until `commit` renames it into place. */
export interface IncomingFile {
  /** The temporary file's path, for a scanner to read before the file is kept. */
  readonly path: string;
  readonly handle: FileHandle;
  write(chunk: Buffer): Promise<void>;
  /** Flushes the bytes to disk and gives the file its stored name; returns the storage key. */
  commit(): Promise<string>;
  /** Closes and deletes the temporary file; safe to call more than once, and after `commit`. */
  discard(): Promise<void>;
}

/**
 * The files' bytes on local disk, in one folder that nothing serves (`DATA_DIR/files`). Each file
 * is stored under a random 128-bit key, never under a name a user chose; a file is written under
 * a temporary name and renamed only once complete, so a stored key always has all its bytes.
 * Only this class knows where bytes live, so object storage can replace it.
 */
export class FileStore {
  constructor(readonly root: string) {}

  /** The store of a service's data folder: `DATA_DIR/files`. */
  static inDataDir(dataDir: string): FileStore {
    return new FileStore(path.join(dataDir, 'files'));
  }

  async create(): Promise<IncomingFile> {
    await fs.promises.mkdir(this.root, { recursive: true, mode: 0o700 });
    const temporary = path.join(this.root, `${incomingPrefix}${randomBytes(16).toString('hex')}`);
    const handle = await fs.promises.open(temporary, 'wx+', 0o600);
    let state: 'open' | 'committed' | 'discarded' = 'open';
    const root = this.root;
    return {
      path: temporary,
      handle,
      async write(chunk) {
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
      },
      async commit() {
        if (state !== 'open') throw new Error(`An upload that was ${state} cannot be committed`);
        const key = newKey();
        await handle.sync();
        await handle.close();
        await fs.promises.rename(temporary, path.join(root, key));
        state = 'committed';
        await syncFolder(root);
        return key;
      },
      async discard() {
        if (state !== 'open') return;
        state = 'discarded';
        await handle.close().catch(() => undefined);
        await fs.promises.rm(temporary, { force: true });
      },
    };
  }

  /** Stores bytes already in memory (demo files), durably, and returns their key. */
  async put(bytes: Buffer): Promise<string> {
    const incoming = await this.create();
    try {
      await incoming.write(bytes);
      return await incoming.commit();
    } finally {
      await incoming.discard();
    }
  }

  /** Opens a stored file for reading. */
  open(key: string): Promise<FileHandle> {
    return fs.promises.open(this.#path(key), 'r');
  }

  /** Deletes a stored file; one already gone is not an error. */
  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.#path(key), { force: true });
  }

  #path(key: string): string {
    if (!keyPattern.test(key)) throw new Error(`Not a file store key: "${key}"`);
    return path.join(this.root, key);
  }
}

function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** Makes a rename durable: the folder's entry is flushed too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a folder; the rename has still happened.
  } finally {
    await handle.close();
  }
}
