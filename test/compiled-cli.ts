// The `portico` command as an installed package runs it: the CLI compiled and joined into
// server/dist/bundle by `npm run build`, with no TypeScript loader. In a checkout,
// server/bin/portico.mjs runs the sources through tsx instead, which takes about three times as
// long to answer (2.4 s against 0.75 s for `serve --seed-demo` here).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtime } from '../scripts/newest-mtime.mjs';

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));

/** The compiled CLI's entry, which exports `main(argv)`. */
export const compiledCli = path.join(serverDir, 'dist', 'bundle', 'cli.js');

/** Whether server/dist/bundle was built after the last change to server/src. */
export function compiledCliIsCurrent(): boolean {
  if (!fs.existsSync(compiledCli)) return false;
  return newestMtime(path.join(serverDir, 'src')) < fs.statSync(compiledCli).mtimeMs;
}

/** Node's arguments that run `portico …args` from the compiled CLI, as server/bin/portico.mjs does when installed. */
export function compiledCliArgs(args: string[]): string[] {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(compiledCli).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return ['--input-type=module', '-e', script];
}
