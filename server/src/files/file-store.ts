import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Problem } from '../http/problem.ts';

const keyPattern = /^[0-9a-f]{32}$/;
const incomingPrefix = '.incoming-';

/**
 * An upload being received. Its bytes go to a local temporary file, whichever the store: the
 * type check reads a ZIP's directory at the end of the file and the virus scanner reads the whole
 * file, both before anything is kept. `commit` then hands the complete file to the store.
 */
export interface IncomingFile {
  /** The temporary file's path, for a scanner to read before the file is kept. */
  readonly path: string;
  readonly handle: FileHandle;
  write(chunk: Buffer): Promise<void>;
  /** Stores the complete file under a new generated key, durably, and returns the key. */
  commit(): Promise<string>;
  /** Closes and deletes the temporary file; safe to call more than once, and after `commit`. */
  discard(): Promise<void>;
}

/** A stored file's bytes, to stream out, and how many there are. */
export interface StoredFile {
  size: number;
  stream: Readable;
}

/**
 * Where the files' bytes live: a folder on local disk (`FILE_STORE=local`) or an S3 bucket
 * (`FILE_STORE=s3`). Each file is stored under a random 128-bit key, never under a name a user
 * chose, and only once it is complete and checked, so a stored key always has all its bytes.
 */
export interface FileStore {
  /** Starts receiving an upload; nothing is stored until its `commit`. */
  create(): Promise<IncomingFile>;
  /** Stores bytes already in memory (demo files), durably, and returns their key. */
  put(bytes: Buffer): Promise<string>;
  /** A stored file's bytes as a stream, with its size. */
  read(key: string): Promise<StoredFile>;
  /** Deletes a stored file; one already gone is not an error. */
  remove(key: string): Promise<void>;
  /** Resolves when files can be stored and read now; rejects saying why not (for a readiness check). */
  check(): Promise<void>;
  /**
   * Loads the library the store calls, which it otherwise loads on first use. The service calls it
   * as it opens, so a configured store whose package is missing stops it then.
   */
  load?(): Promise<void>;
}

/**
 * The store could not be reached or refused the request (down, too slow, credentials or bucket
 * wrong). Nothing was kept or changed; the request can be tried again once it is back.
 */
export class FileStoreUnavailable extends Problem {
  constructor(options?: { cause?: unknown }) {
    super(503, 'file_store_unavailable', 'Files cannot be stored or read just now. Nothing was kept or changed: please try again in a few minutes.');
    this.name = 'FileStoreUnavailable';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A new storage key: 128 random bits as hex. */
export function newKey(): string {
  return randomBytes(16).toString('hex');
}

/** Checks that `key` is one this service generated, so no key can reach outside the store. */
export function checkKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error(`Not a file store key: "${key}"`);
  return key;
}

/**
 * Opens an upload's temporary file in `folder`; its `commit` calls `keep` with the complete file
 * (its handle still open) to store it, then deletes whatever is left of the temporary file.
 */
export async function receiveToFolder(folder: string, keep: (temporary: string, handle: FileHandle) => Promise<string>): Promise<IncomingFile> {
  await fs.promises.mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = path.join(folder, `${incomingPrefix}${randomBytes(16).toString('hex')}`);
  const handle = await fs.promises.open(temporary, 'wx+', 0o600);
  let state: 'open' | 'committing' | 'committed' | 'discarded' = 'open';
  const cleanUp = async () => {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(temporary, { force: true });
  };
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
      state = 'committing';
      let key: string;
      try {
        key = await keep(temporary, handle);
      } catch (error) {
        // Not stored: `discard` still deletes the temporary file.
        state = 'open';
        throw error;
      }
      state = 'committed';
      await cleanUp();
      return key;
    },
    async discard() {
      if (state !== 'open') return;
      state = 'discarded';
      await cleanUp();
    },
  };
}

/**
 * The files' bytes on local disk, in one folder that nothing serves (`DATA_DIR/files`). A file is
 * written under a temporary name in the same folder and renamed only once complete.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  /** The store of a service's data folder: `DATA_DIR/files`. */
  static inDataDir(dataDir: string): LocalFileStore {
    return new LocalFileStore(path.join(dataDir, 'files'));
  }

  create(): Promise<IncomingFile> {
    const root = this.root;
    return receiveToFolder(root, async (temporary, handle) => {
      const key = newKey();
      await handle.sync();
      await handle.close();
      await fs.promises.rename(temporary, path.join(root, key));
      await syncFolder(root);
      return key;
    });
  }

  async put(bytes: Buffer): Promise<string> {
    const incoming = await this.create();
    try {
      await incoming.write(bytes);
      return await incoming.commit();
    } finally {
      await incoming.discard();
    }
  }

  async read(key: string): Promise<StoredFile> {
    const handle = await fs.promises.open(this.#path(key), 'r');
    try {
      const { size } = await handle.stat();
      return { size, stream: handle.createReadStream() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.#path(key), { force: true });
  }

  async check(): Promise<void> {
    await fs.promises.mkdir(this.root, { recursive: true, mode: 0o700 });
    await fs.promises.access(this.root, fs.constants.R_OK | fs.constants.W_OK);
  }

  #path(key: string): string {
    return path.join(this.root, checkKey(key));
  }
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
