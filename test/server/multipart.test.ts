import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { readForm } from '../../server/src/files/multipart.ts';
import { Problem } from '../../server/src/http/problem.ts';
import { boundary, multipart, pdfBytes, send, sha256, storedNames, type Part } from './helpers/files.ts';
import { startTestService, type TestService } from './helpers/service.ts';

const formType = `multipart/form-data; boundary=${boundary}`;

/** What a form holds, read through `readForm` from a body that arrives in the given pieces. */
async function readPieces(pieces: Buffer[]) {
  async function* body() {
    for (const piece of pieces) yield piece;
  }
  const parts: { name: string; value?: string | null; fileName?: string; bytes?: Buffer }[] = [];
  for await (const part of readForm({ contentType: formType, body: body() }, { parts: 20, fieldBytes: 1024 })) {
    if (part.type === 'field') {
      parts.push({ name: part.name, value: part.value });
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of part.data) chunks.push(chunk);
      parts.push({ name: part.name, fileName: part.fileName, bytes: Buffer.concat(chunks) });
    }
  }
  return parts;
}

interface RawReply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Sends a request over a plain TCP connection, its body in the given pieces, each one written
 * and flushed before the next, so the service receives them as separate reads; `end` closes the
 * sending side after the last one.
 */
async function rawRequest(port: number, head: string, pieces: Buffer[], options: { end?: boolean } = {}): Promise<RawReply> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    socket.on('end', resolve);
    socket.on('error', reject);
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  for (const piece of [Buffer.from(head), ...pieces]) {
    await new Promise<void>((resolve, reject) => socket.write(piece, (error) => (error ? reject(error) : resolve())));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (options.end) socket.end();
  await ended;
  socket.destroy();
  const reply = Buffer.concat(received).toString('utf8');
  const split = reply.indexOf('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);
  const text = reply.slice(split + 4);
  return { status, body: text.startsWith('{') ? JSON.parse(text) : { text } };
}

/** An HTTP/1.1 chunk. */
const chunk = (bytes: Buffer) => Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);

/** Resolves once `condition` holds, checking every 20 ms for up to 10 s. */
async function waitFor(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function assertProblem(reply: { status: number; body: unknown }, status: number, code: string, detail?: RegExp) {
  const problem = reply.body as { code?: string; detail?: string };
  assert.equal(reply.status, status, JSON.stringify(problem));
  assert.equal(problem.code, code, JSON.stringify(problem));
  if (detail) assert.match(problem.detail ?? '', detail);
}

describe('multipart uploads', () => {
  let svc: TestService;
  let token: string;
  let port: number;
  const temporaryNames = () => storedNames(svc.dataDir).filter((name) => name.startsWith('.incoming-'));

  const upload = (body: Buffer | string, contentType = formType) =>
    send(`${svc.baseUrl}/api/v1/files`, body, { authorization: `Bearer ${token}`, 'content-type': contentType });
  const requestHead = (headers: string) =>
    `POST /api/v1/files HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n${headers}\r\n`;

  before(async () => {
    svc = await startTestService();
    token = (await svc.login('alex@example.com')).token;
    port = Number(new URL(svc.baseUrl).port);
  });
  after(() => svc.close());

  describe('reading a form', () => {
    const parts: Part[] = [
      { name: 'folder', data: 'Estate of Hale' },
      { name: 'file', fileName: 'Deed.pdf', contentType: 'application/pdf', data: pdfBytes('Deed') },
    ];
    const body = multipart(parts);
    const expected = [
      { name: 'folder', value: 'Estate of Hale' },
      { name: 'file', fileName: 'Deed.pdf', bytes: pdfBytes('Deed') },
    ];

    it('reads the same parts wherever the body is split in two', async () => {
      for (let at = 1; at < body.length; at += 1) {
        assert.deepEqual(await readPieces([body.subarray(0, at), body.subarray(at)]), expected, `split at byte ${at}`);
      }
    });

    it('reads the same parts from a body that arrives a byte at a time', async () => {
      const bytes = Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
      assert.deepEqual(await readPieces(bytes), expected);
    });

    it('throws a problem for a body that ends early, without waiting for more', async () => {
      for (const at of [10, body.indexOf('\r\n\r\n') - 3, body.length - 40, body.length - 5]) {
        await assert.rejects(
          readPieces([body.subarray(0, at)]),
          (error) => error instanceof Problem && error.code === 'invalid_upload' && /ended before/.test(error.message),
          `cut at byte ${at}`,
        );
      }
    });
  });

  describe('over the network', () => {
    it('accepts a body whose boundary line and part header are split across network reads', async () => {
      const file = pdfBytes('Split');
      const body = multipart([
        { name: 'folder', data: 'Split matter' },
        { name: 'file', fileName: 'Split.pdf', contentType: 'application/pdf', data: file },
      ]);
      const secondBoundary = body.indexOf(`--${boundary}`, 10);
      const disposition = body.indexOf('Content-Disposition', secondBoundary);
      // Cuts inside the first boundary, inside the second boundary, inside a header name, inside
      // the file name and inside the closing boundary; then the rest in 7-byte pieces.
      const cuts = [5, 17, secondBoundary + 3, secondBoundary + 20, disposition + 9, body.indexOf('Split.pdf') + 4, body.length - 12];
      const pieces: Buffer[] = [];
      let from = 0;
      for (const cut of cuts) {
        pieces.push(body.subarray(from, cut));
        from = cut;
      }
      for (; from < body.length; from += 7) pieces.push(body.subarray(from, Math.min(from + 7, body.length)));
      const reply = await rawRequest(port, requestHead(`Content-Type: ${formType}\r\nContent-Length: ${body.length}\r\n`), pieces);
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.name, 'Split.pdf');
      assert.equal(reply.body.folder, 'Split matter');
      assert.equal(reply.body.sha256, sha256(file));
      assert.equal(reply.body.size, file.length);
    });

    it('refuses a body that ends in the middle of the file, leaving no temporary file', async () => {
      const before = storedNames(svc.dataDir);
      const body = multipart([
        { name: 'file', fileName: 'Cut.pdf', contentType: 'application/pdf', data: Buffer.concat([pdfBytes('Cut'), Buffer.alloc(40_000, 0x20)]) },
      ]);
      const half = body.subarray(0, 20_000);
      // Chunked, so the request itself is complete: only the form is cut short.
      const reply = await rawRequest(port, requestHead(`Content-Type: ${formType}\r\nTransfer-Encoding: chunked\r\n`), [
        chunk(half.subarray(0, 9_000)),
        chunk(half.subarray(9_000)),
        Buffer.from('0\r\n\r\n'),
      ]);
      assertProblem(reply, 400, 'invalid_upload', /ended before its closing multipart boundary/);
      assert.deepEqual(storedNames(svc.dataDir), before, 'no new file and no temporary file');
    });

    it('answers a body shorter than its Content-Length with a 400, and deletes the temporary file', async () => {
      const before = storedNames(svc.dataDir);
      const body = multipart([
        { name: 'file', fileName: 'Short.pdf', contentType: 'application/pdf', data: Buffer.concat([pdfBytes('Short'), Buffer.alloc(40_000, 0x20)]) },
      ]);
      // The client stops half-way and closes its side: the request can never be complete.
      const reply = await rawRequest(port, requestHead(`Content-Type: ${formType}\r\nContent-Length: ${body.length}\r\n`), [body.subarray(0, 20_000)], {
        end: true,
      });
      assert.equal(reply.status, 400);
      await waitFor(() => temporaryNames().length === 0, 'the temporary file to be deleted');
      assert.deepEqual(storedNames(svc.dataDir), before);
    });

    it('deletes the temporary file when the client goes away mid-file, and goes on serving', async () => {
      // The test before may still be ending its upload (Node answers a request cut short itself,
      // before the route has deleted its file): this upload's file is the one not there yet.
      const earlier = new Set(temporaryNames());
      const before = storedNames(svc.dataDir).filter((name) => !earlier.has(name));
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Gone.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(requestHead(`Content-Type: ${formType}\r\nContent-Length: 1000000\r\n`));
      socket.write(Buffer.concat([head, pdfBytes('Gone'), Buffer.alloc(10_000, 0x20)]));
      await waitFor(() => temporaryNames().some((name) => !earlier.has(name)), 'the upload to start');
      socket.destroy();
      await waitFor(() => temporaryNames().length === 0, 'the temporary files to be deleted');
      assert.deepEqual(storedNames(svc.dataDir), before);
      const reply = await upload(multipart([{ name: 'file', fileName: 'After.pdf', data: pdfBytes('After') }]));
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    });

    it('refuses a multipart type without a boundary', async () => {
      const body = multipart([{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }]);
      assertProblem(await upload(body, 'multipart/form-data'), 400, 'invalid_upload', /has no boundary/);
      assertProblem(await upload(body, 'multipart/form-data; charset=utf-8'), 400, 'invalid_upload', /has no boundary/);
    });

    it('refuses every type but multipart/form-data, a urlencoded form included', async () => {
      assertProblem(await upload('file=a.pdf', 'application/x-www-form-urlencoded'), 400, 'invalid_upload', /not application\/x-www-form-urlencoded/);
      assertProblem(
        await upload(multipart([{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }]), `multipart/mixed; boundary=${boundary}`),
        400,
        'invalid_upload',
        /not multipart\/mixed/,
      );
      assertProblem(await upload('%PDF-1.4', 'application/pdf'), 400, 'invalid_upload', /not application\/pdf/);
    });

    it('refuses more parts than allowed, those without a Content-Disposition too', async () => {
      const filler = (count: number) => Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nfiller\r\n`.repeat(count));
      const file = multipart([{ name: 'file', fileName: 'Parts.pdf', data: pdfBytes('Parts') }]);
      const before = storedNames(svc.dataDir);
      assertProblem(await upload(Buffer.concat([filler(21), file])), 400, 'invalid_upload', /more than 20 parts/);
      assertProblem(await upload(Buffer.concat([filler(200), file])), 400, 'invalid_upload', /more than 20 parts/);
      assert.deepEqual(storedNames(svc.dataDir), before);
      const twenty = await upload(Buffer.concat([filler(19), file]));
      assert.equal(twenty.status, 201, `twenty parts are allowed: ${JSON.stringify(twenty.body)}`);
      const named = Array.from({ length: 21 }, () => ({ name: 'folder', data: 'x' }));
      assertProblem(await upload(multipart([...named, { name: 'file', fileName: 'a.pdf', data: pdfBytes() }])), 400, 'invalid_upload');
    });

    it('refuses malformed part headers with a 400, never a 5xx', async () => {
      const file = pdfBytes('Malformed');
      const bodies = [
        `--${boundary}\r\nContent-Disposition form-data; name="file"; filename="a.pdf"\r\n\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nX-Long: ${'a'.repeat(17_000)}\r\n\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; filename="a.pdf"\r\n\r\n`,
      ];
      for (const head of bodies) {
        const reply = await upload(Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]));
        assertProblem(reply, 400, 'invalid_upload');
      }
      assert.deepEqual(temporaryNames(), []);
    });

    it('holds fields to their limits, also when sent as application/octet-stream', async () => {
      const file: Part = { name: 'file', fileName: 'Fields.pdf', data: pdfBytes('Fields') };
      assertProblem(await upload(multipart([{ name: 'folder', data: 'x'.repeat(1025) }, file])), 400, 'invalid_upload', /longer than 1024 bytes/);
      assertProblem(await upload(multipart([{ name: 'folder', data: Buffer.from('caf\xe9', 'latin1') }, file])), 400, 'invalid_upload', /not UTF-8 text/);
      const octet = (data: string | Buffer) =>
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\nContent-Type: application/octet-stream\r\n\r\n${Buffer.isBuffer(data) ? data.toString('latin1') : data}\r\n`,
          'latin1',
        );
      assertProblem(await upload(Buffer.concat([octet('y'.repeat(2000)), multipart([file])])), 400, 'invalid_upload', /longer than 1024 bytes/);
      assertProblem(await upload(Buffer.concat([octet(Buffer.from([0xff, 0xfe])), multipart([file])])), 400, 'invalid_upload', /not UTF-8 text/);
      const unknownCharset = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="folder"\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nMatter\r\n`,
      );
      assertProblem(await upload(Buffer.concat([unknownCharset, multipart([file])])), 400, 'invalid_upload', /not UTF-8 text/);
      const kept = await upload(Buffer.concat([octet(Buffer.from('Matter é')), multipart([file])]));
      assert.equal(kept.status, 201, JSON.stringify(kept.body));
      assert.equal(kept.body.folder, 'Matter é');
      const exactly = await upload(multipart([{ name: 'folder', data: 'z'.repeat(1024) }, file]));
      assert.equal(exactly.status, 201, JSON.stringify(exactly.body));
    });
  });
});
