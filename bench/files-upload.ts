/**
 * Uploading a 20 MB PDF: throughput of `POST /api/v1/files` over HTTP on 127.0.0.1 (multipart
 * parsing, size and type checks, SHA-256, writing and fsync to disk), next to the same upload
 * fed to the service in-process, without HTTP.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/src/app.ts';
import { defaultSettings } from '../server/src/firms/firm.ts';
import { silentLogger } from '../server/src/logger.ts';
import { simplePdf } from '../server/src/seed/demo-pdf.ts';
import { openBenchServices } from './bench-service.ts';
import { percentile, report } from './report.ts';

const megabyte = 1024 * 1024;
const fileBytes = 20 * megabyte;
const runs = 8;

/** A PDF padded to `size` bytes with a comment after its end, as scanners' PDFs often are. */
function largePdf(size: number): Buffer {
  const pdf = simplePdf('Bench document', ['Twenty megabytes of scanned exhibits.']);
  const padding = Buffer.alloc(size - pdf.length, 0x20);
  padding[0] = 0x25;
  return Buffer.concat([pdf, padding]);
}

/** The upload as a browser would send it, as chunks of 64 KiB. */
async function* chunks(body: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += 64 * 1024) yield body.subarray(at, at + 64 * 1024);
}

export async function benchFilesUpload() {
  const bench = await openBenchServices({ engine: 'sqlite' });
  try {
    const { services } = bench;
    const firm = await services.firms.create({ slug: 'bench', name: 'Bench LLP', settings: { ...defaultSettings, maxUploadBytes: 25 * megabyte } });
    const contact = await services.repositories.contacts.create(firm.id, { email: 'client@example.com', name: 'Bench Client' }, new Date().toISOString());
    const pdf = largePdf(fileBytes);
    const digest = createHash('sha256').update(pdf).digest('hex');

    const app = createApp(services, { logger: silentLogger });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/files`;
    const { token } = await services.tokens.issue({ contactId: contact.id, firmId: firm.id });

    const upload = new Uint8Array(pdf);
    const overHttp: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const form = new FormData();
      form.set('file', new Blob([upload], { type: 'application/pdf' }), `Exhibits ${run}.pdf`);
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      const file = (await response.json()) as { sha256?: string };
      const seconds = (performance.now() - started) / 1000;
      if (response.status !== 201 || file.sha256 !== digest) throw new Error(`the upload failed: ${response.status} ${JSON.stringify(file)}`);
      if (run > 0) overHttp.push(fileBytes / megabyte / seconds);
    }
    server.close();

    const boundary = 'BenchBoundary7MA4YWxkTrZu0gW';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Exhibits.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const inProcess: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const started = performance.now();
      const file = await services.files.uploadForClient(firm.id, contact.id, {
        contentType: `multipart/form-data; boundary=${boundary}`,
        contentLength: body.length,
        body: chunks(body),
      });
      const seconds = (performance.now() - started) / 1000;
      if (file.sha256 !== digest) throw new Error('the in-process upload stored other bytes');
      if (run > 0) inProcess.push(fileBytes / megabyte / seconds);
    }

    const figures = (samples: number[]) =>
      `median ${percentile(samples, 50).toFixed(0)} MB/s, slowest ${Math.min(...samples).toFixed(0)} MB/s, fastest ${Math.max(...samples).toFixed(0)} MB/s`;
    report('files upload', [
      ['file', `${fileBytes / megabyte} MB PDF, ${runs} runs after one warm-up`],
      ['POST /api/v1/files over HTTP', figures(overHttp)],
      ['service in-process (64 KiB chunks)', figures(inProcess)],
    ]);
  } finally {
    await bench.close();
  }
}
