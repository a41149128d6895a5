import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FileScanner, ScanInfo } from '../../server/src/files/file.ts';
import { boundary, docxBytes, multipart, pdfBytes, pngBytes, send, sha256, storedNames, zip, type Part } from './helpers/files.ts';
import { startTestService, type TestService } from './helpers/service.ts';

function assertProblem(reply: { status: number; body: any }, status: number, code: string) {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.code, code, JSON.stringify(reply.body));
}

/** The EICAR anti-virus test string, put together here so this file itself is not flagged. */
const eicar = ['X5O!P%@AP[4', '\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/** A stand-in virus scanner that flags the EICAR test string, and remembers what it was shown. */
function eicarScanner() {
  const scanned: { path: string; info: ScanInfo; existed: boolean }[] = [];
  const scanner: FileScanner = {
    async scan(file, info) {
      const bytes = await fs.promises.readFile(file);
      scanned.push({ path: file, info, existed: true });
      return bytes.includes(eicar) ? { clean: false, reason: 'Eicar-Test-Signature' } : { clean: true };
    },
  };
  return { scanner, scanned };
}

describe('files', () => {
  let svc: TestService;
  let alexToken: string;
  let jordanToken: string;
  let samToken: string;
  const { scanner, scanned } = eicarScanner();

  const admin = (pathname: string, options: { method?: string; body?: unknown; token?: string } = {}) =>
    svc.request(`/api/v1/admin${pathname}`, { token: svc.fixtures.firmKey, ...options });
  /** A client's upload of hand-written multipart parts. */
  const upload = (token: string, parts: Part[], headers: Record<string, string> = {}) =>
    send(`${svc.baseUrl}/api/v1/files`, multipart(parts), {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...headers,
    });
  const uploadFile = (token: string, fileName: string, data: string | Buffer, fields: Part[] = []) =>
    upload(token, [...fields, { name: 'file', fileName, data }]);
  const share = (parts: Part[], key = svc.fixtures.firmKey) =>
    send(`${svc.baseUrl}/api/v1/admin/files`, multipart(parts), {
      authorization: `Bearer ${key}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
  const download = (pathname: string, token: string) => fetch(`${svc.baseUrl}/api/v1${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  const setLimit = (maxUploadBytes: number) => admin('/settings', { method: 'PATCH', body: { settings: { maxUploadBytes } } });

  before(async () => {
    svc = await startTestService({ fileScanner: scanner });
    alexToken = (await svc.login('alex@example.com')).token;
    jordanToken = (await svc.login('jordan@example.com')).token;
    samToken = (await svc.login('sam@example.com', 'north')).token;
  });
  after(() => svc.close());

  describe('uploading', () => {
    it('stores a PDF under a generated name with its SHA-256, after scanning it', async () => {
      const bytes = pdfBytes('Retainer agreement');
      const before = storedNames(svc.dataDir);
      const form = new FormData();
      form.set('folder', 'Morgan v. Castellan');
      form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'Retainer agreement.pdf');
      const reply = await send(`${svc.baseUrl}/api/v1/files`, form, { authorization: `Bearer ${alexToken}` });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const file = reply.body;
      assert.match(file.id, /^file_/);
      assert.deepEqual(
        { name: file.name, size: file.size, contentType: file.contentType, folder: file.folder, sha256: file.sha256, uploadedBy: file.uploadedBy },
        {
          name: 'Retainer agreement.pdf',
          size: bytes.length,
          contentType: 'application/pdf',
          folder: 'Morgan v. Castellan',
          sha256: sha256(bytes),
          uploadedBy: { type: 'contact', name: 'Alex Morgan' },
        },
      );
      assert.deepEqual(Object.keys(file).sort(), ['contentType', 'createdAt', 'folder', 'id', 'name', 'sha256', 'size', 'uploadedBy']);
      const added = storedNames(svc.dataDir).filter((name) => !before.includes(name));
      assert.equal(added.length, 1);
      assert.match(added[0]!, /^[0-9a-f]{32}$/, 'a generated name, nothing of the original');
      assert.deepEqual(fs.readFileSync(path.join(svc.dataDir, 'files', added[0]!)), bytes);
      const scan = scanned.at(-1)!;
      assert.equal(scan.info.sha256, sha256(bytes));
      assert.match(path.basename(scan.path), /^\.incoming-/, 'scanned before it was kept');

      const list = await svc.request('/api/v1/files', { token: alexToken });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.data.map((f: any) => f.id),
        [file.id],
      );
      assert.deepEqual(list.body.folders, [{ name: 'Morgan v. Castellan', files: 1 }]);
    });

    it('downloads as an attachment with exact, safe headers, streamed from disk', async () => {
      const bytes = pdfBytes('Résumé');
      const { body: file } = await uploadFile(alexToken, 'Résumé — final.pdf', bytes);
      const response = await download(`/files/${file.id}/content`, alexToken);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.equal(response.headers.get('content-length'), String(bytes.length));
      assert.equal(
        response.headers.get('content-disposition'),
        `attachment; filename="Resume _ final.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E2%80%94%20final.pdf`,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('content-security-policy'), "sandbox; default-src 'none'");
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
    });

    it('quotes nothing it should not in the download name', async () => {
      const { body: file } = await uploadFile(alexToken, "it's (final) 100%.txt", 'plain words\n');
      assert.equal(file.name, "it's (final) 100%.txt");
      const response = await download(`/files/${file.id}/content`, alexToken);
      assert.equal(
        response.headers.get('content-disposition'),
        `attachment; filename="it's (final) 100%.txt"; filename*=UTF-8''it%27s%20%28final%29%20100%25.txt`,
      );
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      await response.arrayBuffer();
    });

    it('cuts off an upload over the firm limit, leaving nothing on disk', async () => {
      assert.equal((await setLimit(4096)).status, 200);
      try {
        const before = storedNames(svc.dataDir);
        const big = Buffer.concat([pdfBytes(), Buffer.alloc(200_000, 0x20)]);
        const reply = await uploadFile(alexToken, 'big.pdf', big);
        assertProblem(reply, 413, 'file_too_large');
        assert.equal(reply.body.maxBytes, 4096);
        assert.deepEqual(storedNames(svc.dataDir), before, 'no new file and no temporary file');

        const exactly = Buffer.concat([pdfBytes(), Buffer.alloc(4096 - pdfBytes().length, 0x20)]);
        assert.equal((await uploadFile(alexToken, 'exactly.pdf', exactly)).status, 201, 'the limit itself is allowed');
      } finally {
        await setLimit(25 * 1024 * 1024);
      }
    });

    it('refuses while the body is still streaming, without waiting for its end', async () => {
      assert.equal((await setLimit(4096)).status, 200);
      const before = storedNames(svc.dataDir);
      let pulls = 0;
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      const controller = new AbortController();
      // A body that does not end until the test is over: 1 KiB of PDF at a time.
      const endless = new ReadableStream<Uint8Array>({
        pull(stream) {
          if (controller.signal.aborted) return stream.error(new Error('the test is over'));
          pulls += 1;
          stream.enqueue(pulls === 1 ? Buffer.concat([head, pdfBytes()]) : Buffer.alloc(1024, 0x20));
          return new Promise((resolve) => setTimeout(resolve, 5));
        },
      });
      const timer = setTimeout(() => controller.abort(), 8_000);
      try {
        const response = await fetch(`${svc.baseUrl}/api/v1/files`, {
          method: 'POST',
          body: endless,
          duplex: 'half',
          signal: controller.signal,
          headers: { authorization: `Bearer ${alexToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        } as RequestInit);
        assert.equal(response.status, 413);
        assert.equal((await response.json()).code, 'file_too_large');
        assert.deepEqual(storedNames(svc.dataDir), before, 'no new file and no temporary file');
      } finally {
        clearTimeout(timer);
        controller.abort();
        await setLimit(25 * 1024 * 1024);
      }
    });

    it('refuses a declared length over the limit before reading the body', async () => {
      assert.equal((await setLimit(1024)).status, 200);
      try {
        const reply = await uploadFile(alexToken, 'large.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(100_000, 0x20)]));
        assertProblem(reply, 413, 'file_too_large');
      } finally {
        await setLimit(25 * 1024 * 1024);
      }
    });

    it('refuses HTML disguised as a PDF', async () => {
      const before = storedNames(svc.dataDir);
      const reply = await uploadFile(alexToken, 'invoice.pdf', '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
      assertProblem(reply, 415, 'file_type_not_allowed');
      assert.match(reply.body.detail, /ends in \.pdf but its content is plain text/);
      assert.deepEqual(storedNames(svc.dataDir), before);
    });

    it('refuses content the portal does not accept, and names that contradict their content', async () => {
      assertProblem(
        await uploadFile(alexToken, 'setup.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(600)])),
        415,
        'file_type_not_allowed',
      );
      assertProblem(
        await uploadFile(alexToken, 'tool.exe', Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(600)])),
        415,
        'file_type_not_allowed',
      );
      assertProblem(await uploadFile(alexToken, 'photo.pdf', pngBytes()), 415, 'file_type_not_allowed');
      assertProblem(await uploadFile(alexToken, 'letter.png', pdfBytes()), 415, 'file_type_not_allowed');
      assertProblem(await uploadFile(alexToken, 'page.html', '<html></html>'), 415, 'file_type_not_allowed');
      assertProblem(await uploadFile(alexToken, 'utf16.txt', Buffer.from('\ufeffhello', 'utf16le')), 415, 'file_type_not_allowed');
      assertProblem(await uploadFile(alexToken, 'latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1')), 415, 'file_type_not_allowed');
      const lateNul = Buffer.concat([Buffer.alloc(10_000, 0x61), Buffer.from([0]), Buffer.alloc(10, 0x61)]);
      assertProblem(await uploadFile(alexToken, 'late.txt', lateNul), 415, 'file_type_not_allowed');
      const png = await uploadFile(alexToken, 'photo.png', pngBytes());
      assert.equal(png.status, 201, JSON.stringify(png.body));
      assert.equal(png.body.contentType, 'image/png');
    });

    it('recognises Word documents by their parts, not by being a ZIP', async () => {
      const docx = await uploadFile(alexToken, 'Declaration.docx', docxBytes());
      assert.equal(docx.status, 201, JSON.stringify(docx.body));
      assert.equal(docx.body.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assertProblem(await uploadFile(alexToken, 'Declaration.xlsx', docxBytes()), 415, 'file_type_not_allowed');
      assertProblem(
        await uploadFile(alexToken, 'macros.docx', docxBytes('application/vnd.ms-word.document.macroEnabled.main+xml')),
        415,
        'file_type_not_allowed',
      );
      assertProblem(await uploadFile(alexToken, 'archive.docx', zip([{ name: 'payload.js', data: 'alert(1)' }])), 415, 'file_type_not_allowed');
      const named = await uploadFile(alexToken, 'Declaration', docxBytes());
      assert.equal(named.body.name, 'Declaration.docx', 'a name without an extension gets its type’s');
    });

    it('sanitises names: no folders, no control or bidi characters, at most 200 characters', async () => {
      const passwd = await uploadFile(alexToken, '../../etc/passwd.txt', 'root:x:0:0\n');
      assert.equal(passwd.status, 201, JSON.stringify(passwd.body));
      assert.equal(passwd.body.name, 'passwd.txt');
      assert.equal((await uploadFile(alexToken, 'C:\\Users\\alex\\notes.txt', 'notes\n')).body.name, 'notes.txt');
      const bidi = await uploadFile(alexToken, 'invoice\u202etxt.pdf', pdfBytes());
      assert.equal(bidi.body.name, 'invoicetxt.pdf');
      const isolates = await uploadFile(alexToken, '\u2066report\u2069\u202a \u202b\u202c\u202d.pdf', pdfBytes());
      assert.equal(isolates.body.name, 'report .pdf');
      // A header may not hold raw control bytes (RFC 9110 field-vchar): they come percent-encoded in filename*.
      const encoded = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''%20%20a%07b%1Bc.pdf%20%20\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdfBytes(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const controls = await send(`${svc.baseUrl}/api/v1/files`, encoded, {
        authorization: `Bearer ${alexToken}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      assert.equal(controls.body.name, 'abc.pdf');
      assertProblem(await uploadFile(alexToken, '  a\u0007b\u001bc.pdf  ', pdfBytes()), 400, 'invalid_upload');
      const long = await uploadFile(alexToken, `${'x'.repeat(300)}.pdf`, pdfBytes());
      assert.equal(long.body.name, `${'x'.repeat(196)}.pdf`);
      assert.equal(Array.from(long.body.name).length, 200);
      const escaped = await uploadFile(alexToken, 'a%22b.pdf', pdfBytes());
      assert.equal(escaped.body.name, 'a_b.pdf', 'a browser-escaped quote is decoded, then replaced');
    });

    it('refuses an empty file, a missing boundary and anything but multipart', async () => {
      assertProblem(await uploadFile(alexToken, 'empty.pdf', ''), 400, 'file_empty');
      assertProblem(
        await upload(alexToken, [{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }], { 'content-type': 'multipart/form-data' }),
        400,
        'invalid_upload',
      );
      assertProblem(
        await upload(alexToken, [{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }], { 'content-type': 'multipart/form-data; boundary=other' }),
        400,
        'invalid_upload',
      );
      assertProblem(
        await send(`${svc.baseUrl}/api/v1/files`, JSON.stringify({ file: 'x' }), { authorization: `Bearer ${alexToken}`, 'content-type': 'application/json' }),
        400,
        'invalid_upload',
      );
      assertProblem(await send(`${svc.baseUrl}/api/v1/files`, 'x', { authorization: `Bearer ${alexToken}` }), 400, 'invalid_upload');
      const truncated = multipart([{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }]).subarray(0, 300);
      assertProblem(
        await send(`${svc.baseUrl}/api/v1/files`, truncated, {
          authorization: `Bearer ${alexToken}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        }),
        400,
        'invalid_upload',
      );
      assertProblem(await upload(alexToken, [{ name: 'folder', data: 'Matter' }]), 400, 'invalid_upload');
      assertProblem(
        await upload(alexToken, [
          { name: 'file', fileName: 'a.pdf', data: pdfBytes() },
          { name: 'file', fileName: 'b.pdf', data: pdfBytes() },
        ]),
        400,
        'invalid_upload',
      );
      assertProblem(
        await upload(alexToken, [
          { name: 'contactId', data: svc.fixtures.jordan.id },
          { name: 'file', fileName: 'a.pdf', data: pdfBytes() },
        ]),
        400,
        'invalid_upload',
      );
      assertProblem(await upload(alexToken, [{ name: 'document', fileName: 'a.pdf', data: pdfBytes() }]), 400, 'invalid_upload');
    });

    it('asks for sign-in before reading an upload', async () => {
      const reply = await send(`${svc.baseUrl}/api/v1/files`, multipart([{ name: 'file', fileName: 'a.pdf', data: pdfBytes() }]), {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
      assertProblem(reply, 401, 'token_missing');
    });

    it('deletes a file the scanner rejects: the EICAR test string', async () => {
      const before = storedNames(svc.dataDir);
      const reply = await uploadFile(alexToken, 'eicar.txt', eicar);
      assertProblem(reply, 422, 'file_rejected');
      assert.equal(reply.body.reason, 'Eicar-Test-Signature');
      assert.deepEqual(storedNames(svc.dataDir), before, 'nothing kept');
      assert.ok(!fs.existsSync(scanned.at(-1)!.path), 'the scanned temporary file is gone');
      const list = await svc.request('/api/v1/files?limit=200', { token: alexToken });
      assert.ok(!list.body.data.some((f: any) => f.name === 'eicar.txt'));
      const audit = await svc.query<{ data: string }>`SELECT data FROM audit_log WHERE action = 'file.rejected' ORDER BY id`;
      assert.equal(JSON.parse(audit.at(-1)!.data).reason, 'Eicar-Test-Signature');
    });
  });

  describe('the firm side', () => {
    it('shares a file with a contact, in a folder, from a named member of staff', async () => {
      const bytes = pdfBytes('Engagement letter');
      const reply = await share([
        { name: 'contactId', data: svc.fixtures.jordan.id },
        { name: 'folder', data: 'Lee Holdings — formation' },
        { name: 'staffName', data: 'Margaret Hale, Partner' },
        { name: 'file', fileName: 'Engagement letter.pdf', data: bytes },
      ]);
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      assert.equal(reply.body.contactId, svc.fixtures.jordan.id);
      assert.deepEqual(reply.body.uploadedBy, { type: 'staff', name: 'Margaret Hale, Partner' });
      assert.equal(reply.body.folder, 'Lee Holdings — formation');
      const jordanList = await svc.request('/api/v1/files', { token: jordanToken });
      assert.deepEqual(
        jordanList.body.data.map((f: any) => f.id),
        [reply.body.id],
      );
      const alexList = await svc.request('/api/v1/files?limit=200', { token: alexToken });
      assert.ok(!alexList.body.data.some((f: any) => f.id === reply.body.id));
      const firmList = await admin(`/files?contactId=${svc.fixtures.jordan.id}`);
      assert.deepEqual(
        firmList.body.data.map((f: any) => f.id),
        [reply.body.id],
      );
      const content = await download(`/admin/files/${reply.body.id}/content`, svc.fixtures.firmKey);
      assert.equal(content.status, 200);
      assert.deepEqual(Buffer.from(await content.arrayBuffer()), bytes);
    });

    it('names the firm as the sender when no staff name is given, and needs the contact', async () => {
      const reply = await share([
        { name: 'contactId', data: svc.fixtures.alex.id },
        { name: 'file', fileName: 'Notice.pdf', data: pdfBytes() },
      ]);
      assert.deepEqual(reply.body.uploadedBy, { type: 'staff', name: 'Hale & Whitmore LLP' });
      assertProblem(await share([{ name: 'file', fileName: 'Notice.pdf', data: pdfBytes() }]), 400, 'invalid_request');
      assertProblem(
        await share([
          { name: 'contactId', data: 'con_nobody' },
          { name: 'file', fileName: 'Notice.pdf', data: pdfBytes() },
        ]),
        422,
        'contact_not_found',
      );
      assertProblem(
        await share([
          { name: 'contactId', data: svc.fixtures.alex.id },
          { name: 'staffName', data: '' },
          { name: 'file', fileName: 'a.pdf', data: pdfBytes() },
        ]),
        400,
        'invalid_request',
      );
    });

    it('deletes a file: its record and its stored bytes', async () => {
      const before = storedNames(svc.dataDir);
      const { body: file } = await share([
        { name: 'contactId', data: svc.fixtures.alex.id },
        { name: 'file', fileName: 'Mistake.pdf', data: pdfBytes() },
      ]);
      const added = storedNames(svc.dataDir).filter((name) => !before.includes(name));
      assert.equal(added.length, 1);
      assert.equal((await admin(`/files/${file.id}`, { method: 'DELETE' })).status, 204);
      assert.deepEqual(storedNames(svc.dataDir), before, 'the stored bytes are gone');
      assertProblem(await admin(`/files/${file.id}`), 404, 'not_found');
      assert.equal((await download(`/files/${file.id}/content`, alexToken)).status, 404);
      assertProblem(await admin(`/files/${file.id}`, { method: 'DELETE' }), 404, 'not_found');
    });
  });

  describe('listing', () => {
    it('pages newest first, or folder by folder, each file once', async () => {
      for (const [folder, name] of [
        ['B matter', 'b1.txt'],
        ['A matter', 'a1.txt'],
        ['B matter', 'b2.txt'],
        ['', 'loose.txt'],
      ]) {
        const reply = await uploadFile(jordanToken, name!, `${name}\n`, folder ? [{ name: 'folder', data: folder }] : []);
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
      }
      for (const query of ['', '&groupBy=folder']) {
        const seen: any[] = [];
        let cursor: string | null = null;
        do {
          const page: any = await svc.request(`/api/v1/files?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: jordanToken });
          assert.equal(page.status, 200, JSON.stringify(page.body));
          seen.push(...page.body.data);
          cursor = page.body.nextCursor;
        } while (cursor);
        assert.equal(seen.length, 5, query);
        assert.equal(new Set(seen.map((f) => f.id)).size, 5, query);
        if (query)
          assert.deepEqual(
            seen.map((f) => f.folder ?? ''),
            ['', 'A matter', 'B matter', 'B matter', 'Lee Holdings — formation'],
          );
      }
      const inFolder = await svc.request(`/api/v1/files?folder=${encodeURIComponent('B matter')}`, { token: jordanToken });
      assert.deepEqual(inFolder.body.data.map((f: any) => f.name).sort(), ['b1.txt', 'b2.txt']);
      const loose = await svc.request('/api/v1/files?folder=', { token: jordanToken });
      assert.deepEqual(
        loose.body.data.map((f: any) => f.name),
        ['loose.txt'],
      );
      assert.deepEqual(loose.body.folders, [
        { name: null, files: 1 },
        { name: 'A matter', files: 1 },
        { name: 'B matter', files: 2 },
        { name: 'Lee Holdings — formation', files: 1 },
      ]);
      const first = await svc.request('/api/v1/files?limit=1', { token: jordanToken });
      assertProblem(await svc.request(`/api/v1/files?groupBy=folder&cursor=${first.body.nextCursor}`, { token: jordanToken }), 400, 'invalid_cursor');
      assertProblem(await svc.request('/api/v1/files?groupBy=size', { token: jordanToken }), 400, 'invalid_request');
    });
  });

  describe('isolation', () => {
    it("answers 404 for another client's file, in the firm and outside it", async () => {
      const { body: file } = await uploadFile(alexToken, 'private.pdf', pdfBytes());
      for (const token of [jordanToken, samToken]) {
        const response = await download(`/files/${file.id}/content`, token);
        assert.equal(response.status, 404);
        assert.equal((await response.json()).code, 'not_found');
        const list = await svc.request('/api/v1/files?limit=200', { token });
        assert.ok(!list.body.data.some((f: any) => f.id === file.id));
      }
      assert.equal((await download('/files/file_doesnotexist/content', alexToken)).status, 404);
    });

    it("gives another firm's API key nothing", async () => {
      const { body: file } = await uploadFile(alexToken, 'mine.pdf', pdfBytes());
      const other = svc.fixtures.otherFirmKey;
      assertProblem(await admin(`/files/${file.id}`, { token: other }), 404, 'not_found');
      assert.equal((await download(`/admin/files/${file.id}/content`, other)).status, 404);
      assertProblem(await admin(`/files/${file.id}`, { method: 'DELETE', token: other }), 404, 'not_found');
      assert.deepEqual((await admin('/files', { token: other })).body.data, []);
      assertProblem(await admin(`/files?contactId=${svc.fixtures.alex.id}`, { token: other }), 404, 'not_found');
      assertProblem(
        await share(
          [
            { name: 'contactId', data: svc.fixtures.alex.id },
            { name: 'file', fileName: 'x.pdf', data: pdfBytes() },
          ],
          other,
        ),
        422,
        'contact_not_found',
      );
      assert.equal((await download(`/files/${file.id}/content`, alexToken)).status, 200, 'untouched');
    });

    it('keeps client tokens and API keys to their own side', async () => {
      assert.equal((await svc.request('/api/v1/files', { token: svc.fixtures.firmKey })).status, 401);
      assert.equal((await svc.request('/api/v1/admin/files', { token: alexToken })).status, 401);
      const reply = await share(
        [
          { name: 'contactId', data: svc.fixtures.alex.id },
          { name: 'file', fileName: 'x.pdf', data: pdfBytes() },
        ],
        alexToken,
      );
      assert.equal(reply.status, 401);
    });
  });

  describe("the firm's inbox", () => {
    const inbox = 'files-inbox@hale.example';

    it('is emailed when a client uploads, with who and what but not the document', async () => {
      assert.equal((await admin('/settings', { method: 'PATCH', body: { settings: { inboxEmail: inbox } } })).status, 200);
      const before = (await svc.outbox(inbox)).length;
      const bytes = pdfBytes('Signed lease');
      const reply = await uploadFile(alexToken, 'Signed lease.pdf', bytes, [{ name: 'folder', data: 'Morgan v. Castellan' }]);
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const mails = await svc.outbox(inbox);
      assert.equal(mails.length, before + 1);
      const notice = mails[0]!;
      assert.equal(notice.kind, 'file_to_firm');
      assert.equal(notice.subject, 'New document from Alex Morgan: Signed lease.pdf');
      for (const expected of ['alex@example.com', 'Morgan v. Castellan', reply.body.id]) assert.ok(notice.text.includes(expected), expected);
      assert.ok(!notice.text.includes('%PDF') && !notice.html.includes('%PDF'), 'the document is never in the email');
    });

    it('is not emailed for what the firm shares, nor for a refused upload', async () => {
      const before = (await svc.outbox(inbox)).length;
      const shared = await share([
        { name: 'contactId', data: svc.fixtures.alex.id },
        { name: 'file', fileName: 'From the firm.pdf', data: pdfBytes() },
      ]);
      assert.equal(shared.status, 201, JSON.stringify(shared.body));
      assertProblem(await uploadFile(alexToken, 'eicar.txt', eicar), 422, 'file_rejected');
      assert.equal((await svc.outbox(inbox)).length, before);
    });

    it('lists only the client uploads or only the firm shares, with the contact folders', async () => {
      const clients = await admin(`/files?contactId=${svc.fixtures.alex.id}&uploadedBy=contact&limit=200`);
      assert.equal(clients.status, 200, JSON.stringify(clients.body));
      assert.ok(clients.body.data.length > 0);
      assert.ok(clients.body.data.every((f: any) => f.uploadedBy.type === 'contact' && f.contactId === svc.fixtures.alex.id));
      const firm = await admin(`/files?contactId=${svc.fixtures.alex.id}&uploadedBy=staff&limit=200`);
      assert.ok(firm.body.data.length > 0);
      assert.ok(firm.body.data.every((f: any) => f.uploadedBy.type === 'staff'));
      const all = await admin(`/files?contactId=${svc.fixtures.alex.id}&limit=200`);
      assert.equal(all.body.data.length, clients.body.data.length + firm.body.data.length);
      const folders = all.body.folders as { name: string | null; files: number }[];
      assert.ok(folders.some((folder) => folder.name === 'Morgan v. Castellan'));
      assert.equal(
        folders.reduce((sum, folder) => sum + folder.files, 0),
        all.body.data.length,
      );
      assert.equal((await admin('/files')).body.folders, undefined, 'folders come with one contact only');
      assertProblem(await admin('/files?uploadedBy=robot'), 400, 'invalid_request');
    });
  });
});
