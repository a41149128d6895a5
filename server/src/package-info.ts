// Where the service's package is, and the browser package whose bundle it serves at /sdk/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `@portico/server`'s folder: the nearest one above this module with the package's package.json.
 * This module is in `src/` when run from source, in `dist/` when compiled, and somewhere under
 * `dist/bundle/` in the command's bundle (`scripts/bundle.mjs`).
 */
export const serverRoot = findServerRoot(path.dirname(fileURLToPath(import.meta.url)));

function findServerRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (readPackage(path.join(dir, 'package.json'))?.name === '@portico/server') return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export interface SdkPackage {
  /** The folder of the built bundle (`dist/cdn` of the `portico` package). */
  dir: string;
  version: string;
}

/**
 * The `portico` browser package: the repository's root in a source checkout (the service is its
 * workspace), else the installed `portico` package beside `@portico/server`. Null when neither is
 * there: the service then answers `/sdk/` requests with a problem saying the bundle is missing.
 */
export function findSdkPackage(): SdkPackage | null {
  const candidates = [path.join(serverRoot, '..', 'package.json')];
  try {
    candidates.push(createRequire(path.join(serverRoot, 'package.json')).resolve('portico/package.json'));
  } catch {
    // Not installed: only the checkout's root can hold it.
  }
  for (const file of candidates) {
    const pkg = readPackage(file);
    if (pkg?.name === 'portico' && pkg.version) return { dir: path.join(path.dirname(file), 'dist', 'cdn'), version: pkg.version };
  }
  return null;
}

function readPackage(file: string): { name?: string; version?: string } | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
  } catch {
    return null;
  }
}
