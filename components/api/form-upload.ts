import { ApiError } from './api-error.ts';
import { errorFromResponse, networkError } from './failed-call.ts';
import type { UploadProgress, XhrFactory } from './types.ts';

/** A `multipart/form-data` POST to the token service, sent with upload progress. */
export interface FormPost {
  /** The full URL, e.g. `https://portal.example-law.com/api/v1/files`. */
  url: string;
  form: FormData;
  /** The client's access token, sent as `Authorization: Bearer …`. */
  accessToken: string | undefined;
  /** Called as the body goes out, with the bytes sent so far. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Cancels the upload; the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Makes the request object; the browser's own `XMLHttpRequest` by default. */
  xhr?: XhrFactory | undefined;
}

const defaultXhr: XhrFactory = () => new XMLHttpRequest();

/**
 * Posts a form through `XMLHttpRequest`, which, unlike `fetch`, reports how much of the body has
 * gone out and can be cancelled part-way. Resolves with the parsed JSON answer and rejects as a
 * `fetch` call through the connection would: an `ApiError` for a problem answer or no answer at
 * all, the signal's reason when cancelled.
 */
export function postForm<T>({ url, form, accessToken, onProgress, signal, xhr = defaultXhr }: FormPost): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = xhr();
    const cancel = () => request.abort();
    const finish = (settle: () => void) => {
      signal?.removeEventListener('abort', cancel);
      settle();
    };
    request.open('POST', url);
    request.responseType = 'text';
    // The refresh cookie is never needed here: the access token says who is uploading.
    request.withCredentials = false;
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (accessToken) request.setRequestHeader('Authorization', `Bearer ${accessToken}`);
    request.upload.addEventListener('progress', (event: ProgressEvent) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    });
    request.addEventListener('load', () =>
      finish(() => {
        try {
          resolve(answerOf<T>(request));
        } catch (error) {
          reject(error);
        }
      }),
    );
    const unreachable = () => finish(() => reject(networkError(new TypeError('The upload could not reach the portal service.'))));
    request.addEventListener('error', unreachable);
    request.addEventListener('timeout', unreachable);
    request.addEventListener('abort', () =>
      finish(() => reject(signal?.aborted ? signal.reason : new DOMException('The upload was cancelled.', 'AbortError'))),
    );
    signal?.addEventListener('abort', cancel, { once: true });
    request.send(form);
  });
}

function answerOf<T>(request: XMLHttpRequest): T {
  const status = request.status;
  if (status < 200 || status > 599) throw networkError(new TypeError(`The upload ended with status ${status}.`));
  const headers = headersOf(request.getAllResponseHeaders());
  const text = request.responseText;
  let body: unknown;
  if (text && /[/+]json\b/i.test(headers.get('content-type') ?? '')) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new ApiError({ status, code: 'invalid_response', detail: 'The portal service sent an answer that could not be read.', cause: error });
    }
  }
  if (status >= 300) throw errorFromResponse(new Response(null, { status, headers }), body);
  return body as T;
}

/** The `getAllResponseHeaders()` text as `Headers`; lines that are not headers are skipped. */
function headersOf(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header the Headers class refuses is one the portal never reads.
    }
  }
  return headers;
}
