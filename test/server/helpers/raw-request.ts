import http from 'node:http';

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A request as it goes over the wire: the path exactly as given (a URL would resolve its `..`
 * first), no decompression, and only the headers given. `fetch` would add `Cache-Control:
 * no-cache` to a conditional request, as the Fetch standard asks, and a server then sends the
 * whole reply; a browser revalidating what its cache keeps sends only `If-None-Match`.
 */
export function rawRequest(baseUrl: string, pathname: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}
