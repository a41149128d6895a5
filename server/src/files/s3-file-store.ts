import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import type * as S3Storage from '@aws-sdk/lib-storage';
import { providerUnavailable } from '../config.ts';
import type { Logger } from '../logger.ts';
import { checkKey, FileStoreUnavailable, newKey, receiveToFolder, type FileStore, type IncomingFile, type StoredFile } from './file-store.ts';

export interface S3FileStoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible store's address (MinIO, R2, …); absent: AWS S3 itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Absent: the SDK's own chain (AWS_* variables, an instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The local folder where uploads are received and checked before they go to the bucket. */
  spoolDir: string;
  logger: Logger;
  /** Bytes per part of a multipart upload; a smaller file goes in one request. */
  partBytes?: number;
}

interface Connection {
  client: S3.S3Client;
  s3: typeof S3;
  Upload: typeof S3Storage.Upload;
}

/**
 * The files' bytes in an S3 bucket (or an S3-compatible store), each object named by its key.
 *
 * An upload is received into a local temporary file and sent to the bucket only at `commit`, once
 * its size, its type and the virus scan have passed: a refused upload (too big, wrong type, a
 * virus, the client gone) therefore never becomes an object, not even for a moment, and a crash
 * part-way never leaves one behind. The type check and the scanner also need the whole file
 * (a ZIP is read from its end), which a stream on its way to the bucket could not give them.
 * Downloads stream the object through the service, which has checked who may read it.
 */
export class S3FileStore implements FileStore {
  readonly bucket: string;
  readonly #options: S3FileStoreOptions;
  readonly #partBytes: number;
  #connection?: Promise<Connection>;

  constructor(options: S3FileStoreOptions) {
    this.bucket = options.bucket;
    this.#options = options;
    this.#partBytes = Math.max(options.partBytes ?? 8 * 1024 * 1024, 5 * 1024 * 1024);
  }

  create(): Promise<IncomingFile> {
    return receiveToFolder(this.#options.spoolDir, async (temporary) => {
      const key = newKey();
      await this.#call('store', async ({ client, Upload }) => {
        const body = fs.createReadStream(temporary);
        // Multipart for a large file, so only a few parts are ever in memory; on failure the
        // parts sent so far are aborted, and no object appears.
        const upload = new Upload({
          client,
          params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
          partSize: this.#partBytes,
          queueSize: 4,
          leavePartsOnError: false,
        });
        try {
          await upload.done();
        } finally {
          // A failed upload may stop reading part-way: the file must still be closed.
          body.destroy();
        }
      });
      return key;
    });
  }

  async put(bytes: Buffer): Promise<string> {
    const key = newKey();
    await this.#call('store', ({ client, s3 }) =>
      client.send(
        new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream' }),
      ),
    );
    return key;
  }

  async read(key: string): Promise<StoredFile> {
    checkKey(key);
    const reply = await this.#call(
      'read',
      ({ client, s3 }) => client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key })),
      (error) => {
        // The record says the bytes were stored: their absence is lost data, not an outage.
        if (errorName(error) === 'NoSuchKey') return new Error(`The object ${key} is missing from the bucket ${this.bucket}`);
        return undefined;
      },
    );
    if (!reply.Body || reply.ContentLength === undefined) throw new Error(`The bucket ${this.bucket} sent ${key} without a body or a length`);
    return { size: reply.ContentLength, stream: reply.Body as Readable };
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.#call('remove', ({ client, s3 }) => client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  async check(): Promise<void> {
    await fs.promises.mkdir(this.#options.spoolDir, { recursive: true, mode: 0o700 });
    await fs.promises.access(this.#options.spoolDir, fs.constants.R_OK | fs.constants.W_OK);
    const { client, s3 } = await this.#connect();
    try {
      await client.send(new s3.HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = statusOf(error);
      const why = status === 404 ? 'does not exist' : status === 403 || status === 401 ? 'refuses these credentials' : `cannot be reached (${describe(error)})`;
      throw new Error(`The S3 bucket "${this.bucket}"${this.#options.endpoint ? ` at ${this.#options.endpoint}` : ''} ${why}`, { cause: error });
    }
  }

  /**
   * Runs one request to the store; any failure of the store becomes a 503 `file_store_unavailable`
   * (logged with its cause), unless `otherwise` names it something else.
   */
  async #call<T>(operation: string, request: (connection: Connection) => Promise<T>, otherwise?: (error: unknown) => Error | undefined): Promise<T> {
    const connection = await this.#connect();
    try {
      return await request(connection);
    } catch (error) {
      const other = otherwise?.(error);
      if (other) throw other;
      this.#options.logger.error('file store unavailable', { operation, bucket: this.bucket, error: describe(error) });
      throw new FileStoreUnavailable({ cause: error });
    }
  }

  /** Loads the SDK now (as the service opens) instead of with the first request to the store. */
  async load(): Promise<void> {
    await this.#connect().catch((error: unknown) => {
      this.#connection = undefined;
      throw providerUnavailable('FILE_STORE=s3', '@aws-sdk/client-s3', error);
    });
  }

  /** The SDK is loaded on first use (or by `load`), so a service on local files never pays for it. */
  #connect(): Promise<Connection> {
    this.#connection ??= (async () => {
      const [s3, storage] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]);
      const { region, endpoint, forcePathStyle, credentials } = this.#options;
      const client = new s3.S3Client({
        region,
        endpoint,
        forcePathStyle,
        credentials,
        // Only the checksums S3 requires: many S3-compatible stores do not understand the SDK's
        // default trailing checksums and would keep them as part of the object. The sha256 of
        // every file is kept in its record.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
        // A store that stops answering fails the request instead of holding it forever.
        requestHandler: { connectionTimeout: 5_000, socketTimeout: 60_000 },
      });
      return { client, s3, Upload: storage.Upload };
    })();
    return this.#connection;
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** What went wrong, for the log: the error's name, code, HTTP status and message (never a credential). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const status = statusOf(error);
  return [error.name, typeof code === 'string' ? code : '', status ? `HTTP ${status}` : '', error.message].filter(Boolean).join(' ');
}
