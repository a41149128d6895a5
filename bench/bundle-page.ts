/**
 * A page for the render benchmarks, served on 127.0.0.1 with the built script-tag bundle
 * (dist/cdn: `/portal.js` and its `/chunks/…`), and `/api-client.js`, the API client alone, with
 * which a page answers the element's requests itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cdnDir = path.join(root, 'dist/cdn');

export function assertBundleBuilt(): void {
  if (!fs.existsSync(path.join(cdnDir, 'portal.js'))) throw new Error('dist/cdn/portal.js is missing: run `npm run build` before this benchmark.');
}

export async function serveBundlePage(page: string): Promise<http.Server> {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'components/api/api-client.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const apiClient = built.outputFiles[0]!.contents;
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    const script = (body: Uint8Array) => response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(body);
    if (url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    } else if (url === '/api-client.js') {
      script(apiClient);
    } else if (/^\/(?:chunks\/)?[\w-]+\.js$/.test(url) && fs.existsSync(path.join(cdnDir, url))) {
      script(fs.readFileSync(path.join(cdnDir, url)));
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
