import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

// The SDK warns once per process that its releases from 2027 on will need Node 22; the project
// pins its version in the lockfile, so the warning only clutters the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** s3rver's built-in credentials. */
const accessKeyId = 'S3RVER';
const secretAccessKey = 'S3RVER';

/**
 * An S3-compatible store on 127.0.0.1 at a free port (s3rver), its objects in a temporary folder,
 * with one empty bucket. `env` is what a service needs to keep its files there (FILE_STORE=s3).
 * `stop()` takes it down and `start()` brings it back on the same port with the same objects.
 */
export async function startS3Store(bucket = 'portico-files') {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-s3-'));
  let server: S3rver | undefined;
  let port = 0;
  const run = async (configureBuckets: { name: string; configs: string[] }[]) => {
    const started = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets });
    port = (await started.run()).port;
    server = started;
  };
  await run([{ name: bucket, configs: [] }]);
  const endpoint = `http://127.0.0.1:${port}`;
  // The same client settings as the service's: s3rver does not understand the SDK's default checksums.
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  return {
    endpoint,
    bucket,
    env: {
      FILE_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    /** The bucket's object keys, sorted. */
    async keys(): Promise<string[]> {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    /** One object's bytes, read straight from the store. */
    async object(key: string): Promise<Buffer> {
      const reply = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await reply.Body!.transformToByteArray());
    },
    /** Takes the store down: requests to it are refused until `start()`. */
    async stop() {
      await server?.close();
      server = undefined;
    },
    /** Brings the store back on the same port, with the objects it had. */
    async start() {
      if (!server) await run([]);
    },
    async close() {
      client.destroy();
      await server?.close();
      server = undefined;
      await fs.promises.rm(directory, { recursive: true, force: true });
    },
  };
}

export type S3Store = Awaited<ReturnType<typeof startS3Store>>;
