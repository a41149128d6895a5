import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FileScanner } from '../../server/src/files/file.ts';
import { S3FileStore } from '../../server/src/files/s3-file-store.ts';
import { silentLogger } from '../../server/src/logger.ts';
import { boundary, multipart, pdfBytes, pngBytes, send, sha256, storedNames, type Part } from './helpers/files.ts';
import { startS3Store, type S3Store } from './helpers/s3.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

/** Waits for `condition` to hold, checking every 20 ms, for at most `ms`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const virusMarker = 'PORTICO-TEST-VIRUS-MARKER';

describe('files in an S3 bucket (FILE_STORE=s3)', () => {
  let s3: S3Store;
  let svc: TestService;
  let alexToken: string;
  let jordanToken: string;
  let samToken: string;
  /** What the scanner read from the upload's temporary file, by name. */
  const scannedBytes = new Map<string, Buffer>();
  const scanner: FileScanner = {
    async scan(file, info) {
      const bytes = await fs.promises.readFile(file);
      scannedBytes.set(info.name, bytes);
      return bytes.includes(virusMarker) ? { clean: false, reason: 'Test-Marker' } : { clean: true };
    },
  };

  const upload = (token: string, parts: Part[]) =>
    send(`${svc.baseUrl}/api/v1/files`, multipart(parts), { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` });
  const uploadFile = (token: string, fileName: string, data: Buffer) => upload(token, [{ name: 'file', fileName, data }]);
  const download = (pathname: string, token: string) => fetch(`${svc.baseUrl}/api/v1${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  const admin = (pathname: string, options: { method?: string; body?: unknown } = {}) =>
    svc.request(`/api/v1/admin${pathname}`, { token: svc.fixtures.firmKey, ...options });
  const setLimit = (maxUploadBytes: number) => admin('/settings', { method: 'PATCH', body: { settings: { maxUploadBytes } } });
  /** Uploads being received: the temporary files in DATA_DIR/incoming. */
  const incoming = () => {
    const folder = path.join(svc.dataDir, 'incoming');
    return fs.existsSync(folder) ? fs.readdirSync(folder) : [];
  };
  const fileCount = async () => (await svc.query<{ n: number }>`SELECT count(*) AS n FROM files`)[0]!.n;

  before(async () => {
    s3 = await startS3Store();
    svc = await startTestService({ env: s3.env, fileScanner: scanner });
    alexToken = (await svc.login('alex@example.com')).token;
    jordanToken = (await svc.login('jordan@example.com')).token;
    samToken = (await svc.login('sam@example.com', 'north')).token;
  });
  after(async () => {
    await svc?.close();
    await s3?.close();
  });

  it('stores an upload as an object, after scanning it, and serves it back with its checksum', async () => {
    const bytes = pdfBytes('Retainer agreement');
    const before = await s3.keys();
    const reply = await uploadFile(alexToken, 'Retainer agreement.pdf', bytes);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.sha256, sha256(bytes));
    assert.equal(reply.body.size, bytes.length);
    assert.deepEqual(scannedBytes.get('Retainer agreement.pdf'), bytes, 'the scanner read the whole upload');

    const added = (await s3.keys()).filter((key) => !before.includes(key));
    assert.equal(added.length, 1, 'one new object');
    assert.match(added[0]!, /^[0-9a-f]{32}$/, 'named by a generated key, not by the file name');
    assert.deepEqual(await s3.object(added[0]!), bytes, 'the object holds exactly the uploaded bytes');
    assert.deepEqual(storedNames(svc.dataDir), [], 'nothing on the local disk');
    assert.deepEqual(incoming(), [], 'no temporary file left');

    for (const [pathname, token] of [
      [`/files/${reply.body.id}/content`, alexToken],
      [`/admin/files/${reply.body.id}/content`, svc.fixtures.firmKey],
    ] as const) {
      const response = await download(pathname, token);
      assert.equal(response.status, 200);
      const body = Buffer.from(await response.arrayBuffer());
      assert.deepEqual(body, bytes);
      assert.equal(sha256(body), reply.body.sha256);
      assert.equal(response.headers.get('content-length'), String(bytes.length));
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.match(response.headers.get('content-disposition')!, /^attachment; filename="Retainer agreement\.pdf"/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('stores a file larger than one part of a multipart upload', async () => {
    const bytes = Buffer.concat([pngBytes(), randomBytes(9 * 1024 * 1024)]);
    const reply = await uploadFile(alexToken, 'scan.png', bytes);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const response = await download(`/files/${reply.body.id}/content`, alexToken);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(bytes.length));
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(sha256(body), sha256(bytes));
    assert.equal(reply.body.sha256, sha256(bytes));
  });

  it('keeps another client and another firm out: 404', async () => {
    const reply = await uploadFile(alexToken, 'Private.pdf', pdfBytes('Private'));
    assert.equal(reply.status, 201);
    assertProblem(await svc.request(`/api/v1/files/${reply.body.id}/content`, { token: jordanToken }), 404, 'not_found');
    assertProblem(await svc.request(`/api/v1/files/${reply.body.id}/content`, { token: samToken }), 404, 'not_found');
    assertProblem(await svc.request(`/api/v1/admin/files/${reply.body.id}/content`, { token: svc.fixtures.otherFirmKey }), 404, 'not_found');
  });

  it('leaves no object for an upload over the limit', async () => {
    assert.equal((await setLimit(4096)).status, 200);
    try {
      const before = await s3.keys();
      const reply = await uploadFile(alexToken, 'large.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(200_000, 0x20)]));
      assertProblem(reply, 413, 'file_too_large');
      assert.deepEqual(await s3.keys(), before, 'no new object');
      assert.deepEqual(incoming(), [], 'no temporary file left');
    } finally {
      assert.equal((await setLimit(25 * 1024 * 1024)).status, 200);
    }
  });

  it('leaves no object for a refused type or a file the scanner rejects', async () => {
    const before = await s3.keys();
    const records = await fileCount();
    assertProblem(await uploadFile(alexToken, 'setup.exe', Buffer.concat([Buffer.from('MZ'), randomBytes(2048)])), 415, 'file_type_not_allowed');
    assertProblem(await uploadFile(alexToken, 'notes.txt', Buffer.from(`Hello\n${virusMarker}\n`)), 422, 'file_rejected');
    assert.deepEqual(await s3.keys(), before, 'no new object');
    assert.equal(await fileCount(), records, 'no new record');
    assert.deepEqual(incoming(), [], 'no temporary file left');
  });

  it('leaves no object when the client goes away mid-upload', async () => {
    const before = await s3.keys();
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="partial.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    const request = http.request(`${svc.baseUrl}/api/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alexToken}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(1024 * 1024) },
    });
    request.on('error', () => undefined);
    request.write(Buffer.concat([head, pdfBytes('Partial'), Buffer.alloc(16 * 1024, 0x20)]));
    await until(() => incoming().length === 1, 'the upload is being received');
    request.destroy();
    await until(() => incoming().length === 0, 'the temporary file is deleted');
    assert.deepEqual(await s3.keys(), before, 'no new object');
  });

  it('deletes the object with the file', async () => {
    const reply = await uploadFile(alexToken, 'Old.pdf', pdfBytes('Old'));
    assert.equal(reply.status, 201);
    const withFile = await s3.keys();
    assert.equal((await admin(`/files/${reply.body.id}`, { method: 'DELETE' })).status, 204);
    const left = await s3.keys();
    assert.equal(left.length, withFile.length - 1);
  });

  it('stores bytes put directly (demo files) and checks the bucket', async () => {
    const bytes = Buffer.from('Demo notes\n');
    const key = await svc.services.fileStore.put(bytes);
    assert.deepEqual(await s3.object(key), bytes);
    const stored = await svc.services.fileStore.read(key);
    assert.equal(stored.size, bytes.length);
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), bytes);
    await svc.services.fileStore.remove(key);
    assert.ok(!(await s3.keys()).includes(key));
    await svc.services.fileStore.check();

    const missing = new S3FileStore({
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
      spoolDir: path.join(svc.dataDir, 'incoming'),
      logger: silentLogger,
    });
    await assert.rejects(missing.check(), /The S3 bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ does not exist/);
  });

  it('answers 503 while the store is down, loses nothing acknowledged, and works again when it is back', async () => {
    const bytes = pdfBytes('Kept before the outage');
    const kept = await uploadFile(alexToken, 'Kept.pdf', bytes);
    assert.equal(kept.status, 201);
    const keys = await s3.keys();
    const records = await fileCount();

    await s3.stop();
    try {
      assertProblem(await uploadFile(alexToken, 'During.pdf', pdfBytes('During the outage')), 503, 'file_store_unavailable');
      assert.equal(await fileCount(), records, 'the refused upload has no record');
      assert.deepEqual(incoming(), [], 'no temporary file left');
      assertProblem(await svc.request(`/api/v1/files/${kept.body.id}/content`, { token: alexToken }), 503, 'file_store_unavailable');
      const listing = await svc.request('/api/v1/files', { token: alexToken });
      assert.equal(listing.status, 200, 'the rest of the service still answers');
      assert.ok(listing.body.data.some((file: { id: string }) => file.id === kept.body.id));
      await assert.rejects(svc.services.fileStore.check(), /The S3 bucket "portico-files" at http:\/\/127\.0\.0\.1:\d+ cannot be reached/);
    } finally {
      await s3.start();
    }

    assert.deepEqual(await s3.keys(), keys, 'the bucket has what it had, and nothing from the refused upload');
    const response = await download(`/files/${kept.body.id}/content`, alexToken);
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
    const after = await uploadFile(alexToken, 'After.pdf', pdfBytes('After the outage'));
    assert.equal(after.status, 201, JSON.stringify(after.body));
  });
});
