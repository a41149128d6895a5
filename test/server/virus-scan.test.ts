import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { ClamdScanner, parseAnswer, ScanFailedError } from '../../server/src/files/clamd-scanner.ts';
import { freePort } from './helpers/cli.ts';
import { eicar, startClamdStandIn, type ClamdStandIn } from './helpers/clamd-stand-in.ts';
import { boundary, multipart, pdfBytes, send, sha256, storedNames, type Part } from './helpers/files.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

/** A PDF padded with spaces to `size` bytes: large enough to go to clamd in many chunks. */
const largePdf = (size: number) => Buffer.concat([pdfBytes('Discovery bundle'), Buffer.alloc(size - pdfBytes('Discovery bundle').length, 0x20)]);

describe('ClamdScanner (INSTREAM over TCP)', () => {
  let clamd: ClamdStandIn;
  let folder: string;
  const file = (name: string, bytes: string | Buffer) => {
    const where = path.join(folder, name);
    fs.writeFileSync(where, bytes);
    return where;
  };
  const scanner = (options: Partial<ConstructorParameters<typeof ClamdScanner>[0]> = {}) =>
    new ClamdScanner({ host: '127.0.0.1', port: clamd.port, ...options });

  before(async () => {
    clamd = await startClamdStandIn({ streamMaxLength: 1024 * 1024 });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-clamd-'));
  });
  afterEach(() => clamd.behave('answer'));
  after(async () => {
    await clamd.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('finds a clean file clean', async () => {
    assert.deepEqual(await scanner().scan(file('clean.txt', 'nothing to see\n')), { clean: true });
    assert.deepEqual(clamd.scans.at(-1), { command: 'INSTREAM', bytes: 15, chunks: 1, answer: 'stream: OK' });
  });

  it('names the signature in a file clamd flags', async () => {
    assert.deepEqual(await scanner().scan(file('eicar.txt', eicar)), { clean: false, reason: 'Eicar-Test-Signature' });
  });

  it('streams a large file in chunks, and sees a signature that straddles two of them', async () => {
    const bytes = Buffer.alloc(300 * 1024, 0x61);
    bytes.write(eicar, 64 * 1024 - 20, 'latin1');
    const verdict = await scanner().scan(file('straddle.bin', bytes));
    assert.deepEqual(verdict, { clean: false, reason: 'Eicar-Test-Signature' });
    assert.deepEqual(clamd.scans.at(-1), { command: 'INSTREAM', bytes: bytes.length, chunks: 5, answer: 'stream: Eicar-Test-Signature FOUND' });
    assert.deepEqual(await scanner({ chunkBytes: 1000 }).scan(file('small-chunks.bin', Buffer.alloc(10_500, 0x62))), { clean: true });
    assert.equal(clamd.scans.at(-1)!.chunks, 11);
  });

  it('rejects when nothing listens on the port', async () => {
    const port = await freePort();
    const scan = new ClamdScanner({ host: '127.0.0.1', port }).scan(file('a.txt', 'a'));
    await assert.rejects(
      scan,
      (error: Error) => error instanceof ScanFailedError && error.message.includes(`127.0.0.1:${port}`) && /ECONNREFUSED/.test(error.message),
    );
  });

  it('rejects when clamd drops the connection without answering', async () => {
    clamd.behave('drop');
    await assert.rejects(scanner().scan(file('a.txt', 'a')), (error: Error) => error instanceof ScanFailedError);
  });

  it('rejects when clamd answers with an error', async () => {
    clamd.behave('error');
    await assert.rejects(scanner().scan(file('a.txt', 'a')), (error: Error) => error instanceof ScanFailedError && /ERROR/.test(error.message));
  });

  it('rejects when the file is over clamd’s StreamMaxLength, which it answers while the bytes still come', async () => {
    await assert.rejects(scanner().scan(file('huge.bin', Buffer.alloc(3 * 1024 * 1024, 0x63))), (error: Error) => error instanceof ScanFailedError);
  });

  it('gives up after its timeout when clamd never answers, and closes the connection', async () => {
    clamd.behave('hang');
    const started = Date.now();
    await assert.rejects(
      scanner({ timeoutMs: 300 }).scan(file('a.txt', 'a')),
      (error: Error) => error instanceof ScanFailedError && /no answer within 300 ms/.test(error.message),
    );
    assert.ok(Date.now() - started >= 290, `gave up after ${Date.now() - started} ms`);
    await clamd.until(() => clamd.open === 0);
  });

  it('reads clamd’s answers', () => {
    assert.deepEqual(parseAnswer('stream: OK\0'), { clean: true });
    assert.deepEqual(parseAnswer('stream: Win.Test.EICAR_HDB-1 FOUND\0'), { clean: false, reason: 'Win.Test.EICAR_HDB-1' });
    assert.deepEqual(parseAnswer('stream: OK\n'), { clean: true });
    assert.throws(() => parseAnswer('INSTREAM size limit exceeded. ERROR\0'), ScanFailedError);
    assert.throws(() => parseAnswer("stream: Can't allocate memory ERROR\0"), ScanFailedError);
    assert.throws(() => parseAnswer('UNKNOWN COMMAND\0'), ScanFailedError);
  });
});

describe('uploads scanned by clamd (SCANNER=clamd://host:port)', () => {
  let clamd: ClamdStandIn;
  let svc: TestService;
  let alexToken: string;

  const upload = (parts: Part[], token = alexToken) =>
    send(`${svc.baseUrl}/api/v1/files`, multipart(parts), { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` });
  const uploadFile = (fileName: string, data: string | Buffer) => upload([{ name: 'file', fileName, data }]);
  const share = (fileName: string, data: string | Buffer) =>
    send(
      `${svc.baseUrl}/api/v1/admin/files`,
      multipart([
        { name: 'contactId', data: svc.fixtures.alex.id },
        { name: 'file', fileName, data },
      ]),
      {
        authorization: `Bearer ${svc.fixtures.firmKey}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    );
  const fileNames = async () => (await svc.request('/api/v1/files?limit=200', { token: alexToken })).body.data.map((f: any) => f.name) as string[];

  /** Runs `work` and checks that it left no file on disk and none in the client's list. */
  async function leavesNothing(work: () => Promise<void>) {
    const onDisk = storedNames(svc.dataDir);
    const listed = await fileNames();
    await work();
    assert.deepEqual(storedNames(svc.dataDir), onDisk, 'no stored file and no temporary file');
    assert.deepEqual(await fileNames(), listed, 'nothing new in the list');
  }

  before(async () => {
    clamd = await startClamdStandIn();
    svc = await startTestService({ env: { SCANNER: clamd.url } });
    alexToken = (await svc.login('alex@example.com')).token;
  });
  afterEach(() => clamd.behave('answer'));
  after(async () => {
    await svc.close();
    await clamd.close();
  });

  it('keeps a clean upload and serves it back', async () => {
    const bytes = pdfBytes('Signed retainer');
    const scans = clamd.scans.length;
    const reply = await uploadFile('Signed retainer.pdf', bytes);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(clamd.scans.length, scans + 1, 'clamd saw it');
    assert.deepEqual(clamd.scans.at(-1), { command: 'INSTREAM', bytes: bytes.length, chunks: 1, answer: 'stream: OK' });
    const download = await fetch(`${svc.baseUrl}/api/v1/files/${reply.body.id}/content`, { headers: { authorization: `Bearer ${alexToken}` } });
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);
  });

  it('keeps a large upload that goes to clamd in many chunks', async () => {
    const bytes = largePdf(1024 * 1024 + 123);
    const reply = await uploadFile('Discovery bundle.pdf', bytes);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.sha256, sha256(bytes));
    const scan = clamd.scans.at(-1)!;
    assert.equal(scan.bytes, bytes.length);
    assert.ok(scan.chunks >= 16, `${scan.chunks} chunks`);
    const download = await fetch(`${svc.baseUrl}/api/v1/files/${reply.body.id}/content`, { headers: { authorization: `Bearer ${alexToken}` } });
    assert.equal(sha256(Buffer.from(await download.arrayBuffer())), sha256(bytes));
  });

  it('refuses the client’s upload of the EICAR test file, keeping nothing', () =>
    leavesNothing(async () => {
      const reply = await uploadFile('eicar.txt', eicar);
      assertProblem(reply, 422, 'file_rejected');
      assert.equal(reply.body.reason, 'Eicar-Test-Signature');
      assert.match(reply.body.detail, /virus scan rejected/);
      assert.equal(clamd.scans.at(-1)!.answer, 'stream: Eicar-Test-Signature FOUND');
    }));

  it('refuses the firm’s share of the EICAR test file, keeping nothing', () =>
    leavesNothing(async () => {
      const reply = await share('eicar.txt', eicar);
      assertProblem(reply, 422, 'file_rejected');
      const rejected = await svc.query<{ data: string }>`SELECT data FROM audit_log WHERE action = 'file.rejected' ORDER BY id`;
      assert.equal(JSON.parse(rejected.at(-1)!.data).reason, 'Eicar-Test-Signature');
    }));

  it('refuses an infected message attachment on either side, and carries a clean one', async () => {
    await leavesNothing(async () => {
      assertProblem(await uploadFile('infected note.txt', `Please see below.\n${eicar}\n`), 422, 'file_rejected');
      assertProblem(await share('infected reply.txt', eicar), 422, 'file_rejected');
    });
    const clean = await uploadFile('Lease.pdf', pdfBytes('Lease'));
    assert.equal(clean.status, 201, JSON.stringify(clean.body));
    const started = await svc.request('/api/v1/threads', {
      token: alexToken,
      body: { subject: 'The lease', body: 'Attached.', attachmentIds: [clean.body.id] },
    });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    assert.deepEqual(
      started.body.message.attachments.map((a: any) => a.name),
      ['Lease.pdf'],
    );
  });

  it('refuses with a 503 when clamd drops the connection, keeping nothing', () =>
    leavesNothing(async () => {
      clamd.behave('drop');
      const reply = await uploadFile('Statement.pdf', pdfBytes('Statement'));
      assertProblem(reply, 503, 'scan_unavailable');
      assert.match(reply.body.detail, /could not be checked for viruses/);
      assertProblem(await share('Statement.pdf', pdfBytes('Statement')), 503, 'scan_unavailable');
    }));

  it('refuses with a 503 when clamd answers with an error, keeping nothing', () =>
    leavesNothing(async () => {
      clamd.behave('error');
      assertProblem(await uploadFile('Statement.pdf', pdfBytes('Statement')), 503, 'scan_unavailable');
    }));
});

describe('uploads when clamd cannot be reached or never answers', () => {
  const uploadTo = (svc: TestService, token: string, fileName: string, data: Buffer) =>
    send(`${svc.baseUrl}/api/v1/files`, multipart([{ name: 'file', fileName, data }]), {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });

  it('refuses with a 503 when nothing listens at SCANNER, keeping nothing', async () => {
    const svc = await startTestService({ env: { SCANNER: `clamd://127.0.0.1:${await freePort()}` } });
    try {
      const { token } = await svc.login('alex@example.com');
      const reply = await uploadTo(svc, token, 'Statement.pdf', pdfBytes('Statement'));
      assertProblem(reply, 503, 'scan_unavailable');
      assert.deepEqual(storedNames(svc.dataDir), []);
      assert.deepEqual((await svc.request('/api/v1/files', { token })).body.data, []);
    } finally {
      await svc.close();
    }
  });

  it('refuses with a 503 once the scan times out, keeping nothing', async () => {
    const clamd = await startClamdStandIn();
    clamd.behave('hang');
    const svc = await startTestService({ fileScanner: new ClamdScanner({ host: '127.0.0.1', port: clamd.port, timeoutMs: 400 }) });
    try {
      const { token } = await svc.login('alex@example.com');
      const started = Date.now();
      const reply = await uploadTo(svc, token, 'Statement.pdf', largePdf(200 * 1024));
      assertProblem(reply, 503, 'scan_unavailable');
      assert.ok(Date.now() - started >= 390, `answered after ${Date.now() - started} ms`);
      assert.equal(clamd.connections, 1);
      await clamd.until(() => clamd.open === 0);
      assert.deepEqual(storedNames(svc.dataDir), []);
    } finally {
      await svc.close();
      await clamd.close();
    }
  });
});
