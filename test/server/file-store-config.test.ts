import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { createFileStore } from '../../server/src/files/create-file-store.ts';
import { LocalFileStore } from '../../server/src/files/file-store.ts';
import { S3FileStore } from '../../server/src/files/s3-file-store.ts';
import { silentLogger } from '../../server/src/logger.ts';

const cwd = path.join(os.tmpdir(), 'portico-config-cwd');
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const s3 = {
  FILE_STORE: 's3',
  S3_BUCKET: 'portico-files',
  S3_REGION: 'eu-west-1',
  S3_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  S3_SECRET_ACCESS_KEY: secret,
};

/** Asserts that loading `env` fails with a ConfigError about `variable` whose message contains each of `mentions`, and never the secret key. */
function assertRefused(env: Record<string, string>, variable: string, ...mentions: string[]) {
  assert.throws(
    () => loadConfig(env, cwd),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.ok(error.message.startsWith(`${variable}: `), error.message);
      for (const mention of mentions) assert.ok(error.message.includes(mention), `"${error.message}" mentions "${mention}"`);
      assert.ok(!error.message.includes(secret), 'the secret key is never repeated');
      return true;
    },
  );
}

describe('FILE_STORE configuration', () => {
  it('keeps files in DATA_DIR/files by default', () => {
    const config = loadConfig({ DATA_DIR: '/srv/portico' }, cwd);
    assert.deepEqual(config.fileStore, { type: 'local' });
    const store = createFileStore(config, silentLogger);
    assert.ok(store instanceof LocalFileStore);
    assert.equal(store.root, '/srv/portico/files');
    assert.deepEqual(loadConfig({ FILE_STORE: 'local' }, cwd).fileStore, { type: 'local' });
  });

  it('reads an AWS bucket', () => {
    const config = loadConfig(s3, cwd);
    assert.deepEqual(config.fileStore, {
      type: 's3',
      bucket: 'portico-files',
      region: 'eu-west-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret },
    });
    const store = createFileStore(config, silentLogger);
    assert.ok(store instanceof S3FileStore);
    assert.equal(store.bucket, 'portico-files');
  });

  it('reads an S3-compatible store: path-style and us-east-1 unless told otherwise', () => {
    const config = loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'files', S3_ENDPOINT: 'http://127.0.0.1:9000/' }, cwd);
    assert.deepEqual(config.fileStore, { type: 's3', bucket: 'files', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    const virtualHosts = loadConfig(
      { FILE_STORE: 's3', S3_BUCKET: 'files', S3_ENDPOINT: 'https://s3.example.com', S3_FORCE_PATH_STYLE: 'false', S3_REGION: 'auto' },
      cwd,
    );
    assert.deepEqual(virtualHosts.fileStore, { type: 's3', bucket: 'files', region: 'auto', endpoint: 'https://s3.example.com', forcePathStyle: false });
  });

  it('leaves the credentials to the SDK when none are given', () => {
    const { S3_ACCESS_KEY_ID: _id, S3_SECRET_ACCESS_KEY: _secret, ...roleOnly } = s3;
    const config = loadConfig(roleOnly, cwd);
    assert.equal(config.fileStore.type === 's3' && config.fileStore.credentials, undefined);
  });

  it('refuses a wrong or missing value, naming the variable', () => {
    assertRefused({ FILE_STORE: 'disk' }, 'FILE_STORE', 'local, s3', '"disk"');
    assertRefused({ ...s3, S3_BUCKET: '' }, 'S3_BUCKET', 'required when FILE_STORE=s3');
    assertRefused({ ...s3, S3_BUCKET: 'Portico_Files' }, 'S3_BUCKET', 'bucket name');
    assertRefused({ ...s3, S3_BUCKET: 'ab' }, 'S3_BUCKET', 'bucket name');
    assertRefused({ ...s3, S3_REGION: '' }, 'S3_REGION', 'required', 'without S3_ENDPOINT');
    assertRefused({ ...s3, S3_REGION: 'EU West' }, 'S3_REGION', 'like us-east-1');
    assertRefused({ ...s3, S3_ENDPOINT: 'minio:9000' }, 'S3_ENDPOINT', 'http: or https:');
    assertRefused({ ...s3, S3_ENDPOINT: 'ftp://store.example.com' }, 'S3_ENDPOINT', 'http: or https:');
    assertRefused({ ...s3, S3_ENDPOINT: 'https://store.example.com/portico-files' }, 'S3_ENDPOINT', 'scheme, host and port only');
    assertRefused({ ...s3, S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE', 'true, false');
    assertRefused({ ...s3, S3_SECRET_ACCESS_KEY: '' }, 'S3_SECRET_ACCESS_KEY', 'required when S3_ACCESS_KEY_ID is set');
    assertRefused({ ...s3, S3_ACCESS_KEY_ID: '' }, 'S3_ACCESS_KEY_ID', 'required when S3_SECRET_ACCESS_KEY is set');
    assertRefused({ ...s3, S3_SECRET_ACCESS_KEY: `${secret} ` }, 'S3_SECRET_ACCESS_KEY', 'must not contain spaces');
  });

  it('refuses a bucket while FILE_STORE is still local', () => {
    assertRefused({ S3_BUCKET: 'portico-files' }, 'FILE_STORE', 'S3_BUCKET is set');
  });
});
