// A stand-in for XMLHttpRequest that uploads go through: a test sees each request as it is sent,
// reports its progress and answers it (or lets it fail) when it chooses. Nothing reaches the network.
import type { XhrFactory } from '../../components/index.ts';

export class FakeXhr extends EventTarget {
  readonly upload = new EventTarget();
  method = '';
  url = '';
  readonly headers: Record<string, string> = {};
  body: FormData | undefined;
  status = 0;
  statusText = '';
  responseText = '';
  responseType: XMLHttpRequestResponseType = '';
  withCredentials = false;
  readyState = 0;
  aborted = false;
  #responseHeaders = '';
  readonly #server: FakeUploads;

  constructor(server: FakeUploads) {
    super();
    this.#server = server;
  }

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: FormData): void {
    this.body = body;
    this.#server.received(this);
  }

  abort(): void {
    if (this.readyState === 4) return;
    this.aborted = true;
    this.readyState = 4;
    this.dispatchEvent(new ProgressEvent('abort'));
  }

  getAllResponseHeaders(): string {
    return this.#responseHeaders;
  }

  /** The file part of the form. */
  get file(): File {
    return this.body!.get('file') as File;
  }

  /** Reports that `loaded` of `total` bytes have gone out. */
  progress(loaded: number, total: number): void {
    this.upload.dispatchEvent(new ProgressEvent('progress', { loaded, total, lengthComputable: true }));
  }

  /** Answers with `status` and a JSON (or problem+json, for 4xx and 5xx) body. */
  respond(status: number, body: unknown): void {
    if (this.readyState === 4) return;
    const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.#responseHeaders = `content-type: ${contentType}\r\n`;
    this.readyState = 4;
    this.dispatchEvent(new ProgressEvent('load'));
  }

  /** Answers with a problem document. */
  refuse(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
    this.respond(status, { type: 'about:blank', title: code, status, code, detail, ...extra });
  }

  /** The connection fails. */
  fail(): void {
    this.readyState = 4;
    this.dispatchEvent(new ProgressEvent('error'));
  }
}

/** Records every upload request; `next()` waits for the next one. */
export class FakeUploads {
  readonly requests: FakeXhr[] = [];
  /** Answers each request as it arrives, unless the test answers it itself. */
  autoRespond: ((request: FakeXhr) => void) | undefined;
  #waiting: (() => boolean)[] = [];

  readonly xhr: XhrFactory = () => new FakeXhr(this) as unknown as XMLHttpRequest;

  received(request: FakeXhr): void {
    this.requests.push(request);
    this.#waiting = this.#waiting.filter((done) => !done());
    this.autoRespond?.(request);
  }

  /** The request with this index (by default the next one to be sent), once it is sent. */
  next(index = this.requests.length): Promise<FakeXhr> {
    return new Promise((resolve) => {
      const done = () => {
        const request = this.requests[index];
        if (request) resolve(request);
        return request !== undefined;
      };
      if (!done()) this.#waiting.push(done);
    });
  }
}
