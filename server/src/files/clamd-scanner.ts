import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import type { FileScanner, ScanResult } from './file.ts';

/** The scanner could give no verdict: clamd was unreachable, too slow, or answered with an error. */
export class ScanFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanFailedError';
  }
}

export interface ClamdScannerOptions {
  host: string;
  port: number;
  /** How long to wait for clamd to accept the connection. */
  connectTimeoutMs?: number;
  /** How long the whole scan may take, from connecting to clamd's answer. */
  timeoutMs?: number;
  /** The most bytes sent in one INSTREAM chunk; clamd refuses a chunk over its StreamMaxLength. */
  chunkBytes?: number;
}

const instream = Buffer.from('zINSTREAM\0');
const endOfStream = Buffer.alloc(4);

/**
 * Scans a file with ClamAV's daemon over TCP: the bytes are streamed to it with the INSTREAM
 * command (each chunk after its length as 4 bytes, big-endian; a zero length ends the stream),
 * so clamd never needs to see the service's disk. A refused connection, a timeout, a dropped
 * connection or an `… ERROR` answer rejects with a ScanFailedError: no verdict is ever guessed.
 */
export class ClamdScanner implements FileScanner {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly chunkBytes: number;

  constructor(options: ClamdScannerOptions) {
    this.host = options.host;
    this.port = options.port;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.chunkBytes = options.chunkBytes ?? 64 * 1024;
  }

  scan(path: string): Promise<ScanResult> {
    const where = `clamd at ${this.host}:${this.port}`;
    return new Promise<ScanResult>((resolve, reject) => {
      const socket = net.createConnection({ host: this.host, port: this.port });
      const stop = new AbortController();
      const answer: Buffer[] = [];
      const settle = (outcome: ScanResult | Error) => {
        if (stop.signal.aborted) return;
        stop.abort();
        clearTimeout(connectTimer);
        clearTimeout(overallTimer);
        socket.destroy();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const fail = (message: string) => settle(new ScanFailedError(`${where}: ${message}`));
      /** clamd's answer so far, as a verdict; used when the connection ends before the answer's NUL. */
      const answered = (otherwise: string) => {
        const text = Buffer.concat(answer).toString('utf8');
        if (!text) return fail(otherwise);
        try {
          settle(parseAnswer(text));
        } catch (error) {
          settle(new ScanFailedError(`${where}: ${(error as Error).message}`));
        }
      };

      const connectTimer = setTimeout(() => fail(`no connection within ${this.connectTimeoutMs} ms`), this.connectTimeoutMs);
      const overallTimer = setTimeout(() => fail(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);

      socket.on('connect', () => {
        clearTimeout(connectTimer);
        this.#send(socket, path, stop.signal).catch((error: Error) => {
          // A write error after clamd answered early (its size limit) is not the story: its answer is.
          if (!stop.signal.aborted) answered(`sending the file failed: ${error.message}`);
        });
      });
      socket.on('data', (chunk: Buffer) => {
        answer.push(chunk);
        const text = Buffer.concat(answer);
        // A z-prefixed command's answer ends with a NUL.
        if (text.includes(0)) answered('empty answer');
      });
      socket.on('end', () => answered('closed the connection without an answer'));
      socket.on('error', (error) => answered(error.message));
      socket.on('close', () => answered('closed the connection without an answer'));
    });
  }

  /** Writes the INSTREAM command, the file in length-prefixed chunks, then the zero-length end, minding backpressure. */
  async #send(socket: net.Socket, path: string, signal: AbortSignal): Promise<void> {
    const write = async (bytes: Buffer) => {
      signal.throwIfAborted();
      if (!socket.write(bytes)) await once(socket, 'drain', { signal });
    };
    await write(instream);
    const source = fs.createReadStream(path, { highWaterMark: this.chunkBytes, signal });
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(chunk.length);
      await write(length);
      await write(chunk);
    }
    await write(endOfStream);
  }
}

/**
 * Reads clamd's answer to INSTREAM: `stream: OK`, `stream: <signature> FOUND`, or anything else
 * (`INSTREAM size limit exceeded. ERROR`, `… ERROR`), which is no verdict and throws.
 */
export function parseAnswer(raw: string): ScanResult {
  const text = raw.replace(/\0[\s\S]*$/, '').trim();
  if (text === 'stream: OK') return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found) return { clean: false, reason: found[1]! };
  throw new ScanFailedError(`answered "${text.slice(0, 200)}"`);
}
