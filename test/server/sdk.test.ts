import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { rawRequest } from './helpers/raw-request.ts';
import { startTestService, type TestService } from './helpers/service.ts';

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
const entry = `export const entry = true;\n${'// padding that compresses well\n'.repeat(40)}`;
const chunkName = 'chunks/invoices-Ab12_-cd.js';
const chunk = `export const chunk = "invoices";\n${'// more padding\n'.repeat(40)}`;

/** A built bundle as `npm run build` leaves it: each file with its `.br` and `.gz` beside it. */
function writeBundle(dir: string): void {
  fs.mkdirSync(path.join(dir, 'chunks'), { recursive: true });
  for (const [name, text] of [
    ['portal.js', entry],
    [chunkName, chunk],
    ['integrity.json', '{"version":"test"}\n'],
  ] as const) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  // A source map built without compressed copies: sent as it is.
  fs.writeFileSync(path.join(dir, 'portal.js.map'), '{"version":3}');
  // Beside the bundle, never served.
  fs.writeFileSync(path.join(dir, '..', 'secret.txt'), 'not part of the bundle');
}

describe('the SDK route', () => {
  let svc: TestService;
  let sdkDir: string;
  let parent: string;

  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-sdk-'));
    sdkDir = path.join(parent, 'cdn');
    writeBundle(sdkDir);
    svc = await startTestService({ sdkDir });
  });
  after(async () => {
    await svc.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('sends the brotli copy to a browser that accepts it, with the headers of the file it stands for', async () => {
    const reply = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd', Origin: 'https://any.example' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-encoding'], 'br');
    assert.equal(zlib.brotliDecompressSync(reply.body).toString(), entry);
    assert.equal(reply.headers['content-length'], String(reply.body.length));
    assert.equal(reply.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(String(reply.headers.vary), /Accept-Encoding/);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    assert.equal(reply.headers['access-control-allow-origin'], '*');
    assert.equal(reply.headers['cache-control'], 'public, max-age=300');
    assert.match(String(reply.headers.etag), /^"[^"]+"$/);
  });

  it('sends the gzip copy when brotli is not accepted, or weighs less', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0.5, gzip', 'br;q=0, *']) {
      const reply = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': acceptEncoding } });
      assert.equal(reply.status, 200, acceptEncoding);
      assert.equal(reply.headers['content-encoding'], 'gzip', acceptEncoding);
      assert.equal(zlib.gunzipSync(reply.body).toString(), entry);
      assert.equal(reply.headers['content-length'], String(reply.body.length));
      assert.match(String(reply.headers.vary), /Accept-Encoding/);
    }
  });

  it('sends the file itself without Accept-Encoding, or when nothing compressed is accepted', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'gzip;q=0, br;q=0' }] as Record<string, string>[]) {
      const reply = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['content-encoding'], undefined);
      assert.equal(reply.body.toString(), entry);
      assert.equal(reply.headers['content-length'], String(Buffer.byteLength(entry)));
      assert.match(String(reply.headers.vary), /Accept-Encoding/);
    }
  });

  it('gives each encoding its own entity tag', async () => {
    const tags = new Set<string>();
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const reply = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': acceptEncoding } });
      tags.add(String(reply.headers.etag));
    }
    assert.equal(tags.size, 3);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'br' } });
    const head = await rawRequest(svc.baseUrl, '/sdk/portal.js', { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) {
      assert.equal(head.headers[name], get.headers[name], name);
    }
  });

  it('answers 304 to a matching If-None-Match, and 200 to a stale one', async () => {
    const first = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const etag = String(first.headers.etag);
    const again = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `"other", ${etag}` } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, etag);
    assert.equal(again.headers['cache-control'], 'public, max-age=300');
    assert.match(String(again.headers.vary), /Accept-Encoding/);
    const weak = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `W/${etag}` } });
    assert.equal(weak.status, 304);
    // The tag of the gzip copy does not stand for the brotli one.
    const otherEncoding = await rawRequest(svc.baseUrl, '/sdk/portal.js', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } });
    assert.equal(otherEncoding.status, 200);
    assert.equal(otherEncoding.headers['content-encoding'], 'br');
  });

  it('serves the pinned version for a year, immutable, and its chunks under the same path', async () => {
    const pinned = await rawRequest(svc.baseUrl, `/sdk/v${version}/portal.js`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(pinned.status, 200);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(zlib.brotliDecompressSync(pinned.body).toString(), entry);

    const pinnedChunk = await rawRequest(svc.baseUrl, `/sdk/v${version}/${chunkName}`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(pinnedChunk.status, 200);
    assert.equal(pinnedChunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(pinnedChunk.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(zlib.gunzipSync(pinnedChunk.body).toString(), chunk);

    const currentChunk = await rawRequest(svc.baseUrl, `/sdk/${chunkName}`);
    assert.equal(currentChunk.status, 200);
    assert.equal(currentChunk.headers['cache-control'], 'public, max-age=300');
    assert.equal(currentChunk.body.toString(), chunk);

    assert.equal((await rawRequest(svc.baseUrl, '/sdk/v0.0.0-other/portal.js')).status, 404);
    assert.equal((await rawRequest(svc.baseUrl, `/sdk/v${version}/chunks/missing-0000.js`)).status, 404);
  });

  it('serves source maps and integrity.json as JSON, with or without a compressed copy', async () => {
    const map = await rawRequest(svc.baseUrl, '/sdk/portal.js.map', { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(map.status, 200);
    assert.equal(map.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(map.headers['content-encoding'], undefined);
    assert.equal(map.body.toString(), '{"version":3}');
    const integrity = await rawRequest(svc.baseUrl, `/sdk/v${version}/integrity.json`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(integrity.status, 200);
    assert.equal(integrity.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(zlib.gunzipSync(integrity.body).toString(), '{"version":"test"}\n');
  });

  it('serves nothing outside the bundle, nor the compressed copies by their own names', async () => {
    for (const pathname of [
      '/sdk/../secret.txt',
      '/sdk/%2e%2e/secret.txt',
      '/sdk/chunks/%2e%2e/%2e%2e/secret.txt',
      '/sdk/chunks/..%2f..%2fsecret.txt',
      `/sdk/v${version}/..%2fsecret.txt`,
      '/sdk/chunks/.%2e/portal.js',
      '/sdk/portal.js.br',
      '/sdk/portal.js.gz',
      '/sdk/%70ortal.js',
      '/sdk/chunks',
      '/sdk/',
    ]) {
      const reply = await rawRequest(svc.baseUrl, pathname, { headers: { 'Accept-Encoding': 'br, gzip' } });
      assert.equal(reply.status, 404, pathname);
      assert.ok(!reply.body.toString().includes('not part of the bundle'), pathname);
      assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, pathname);
    }
  });

  it('takes no other method than GET and HEAD', async () => {
    const reply = await rawRequest(svc.baseUrl, '/sdk/portal.js', { method: 'POST' });
    assert.equal(reply.status, 404);
  });
});

describe('the SDK route before a build', () => {
  it('answers every bundle file with a 503 problem saying so', async () => {
    const svc = await startTestService();
    try {
      for (const pathname of ['/sdk/portal.js', `/sdk/v${version}/portal.js`, `/sdk/${chunkName}`]) {
        const reply = await svc.request(pathname);
        assert.equal(reply.status, 503, pathname);
        assert.match(reply.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(reply.body.code, 'sdk_not_built');
        assert.match(reply.body.detail, /npm run build/);
      }
    } finally {
      await svc.close();
    }
  });
});
