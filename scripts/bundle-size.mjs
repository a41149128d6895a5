// What an application that imports `source` loads at once, in gzip bytes: esbuild bundles it
// (minified, split at dynamic imports) with `portico` resolved to this repository's built package,
// and the entry plus its static imports are counted. Used by the build's budgets and the bench.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** gzip bytes at the highest level, as a CDN would serve them. */
export const gzipSize = (bytes) => zlib.gzipSync(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }).length;

export async function initialLoadGzip(source, { typescript = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-size-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(root, path.join(dir, 'node_modules/portico'), 'dir');
    const result = await esbuild.build({
      stdin: { contents: source, resolveDir: dir, loader: typescript ? 'ts' : 'js' },
      nodePaths: [path.join(root, 'node_modules')],
      bundle: true,
      splitting: true,
      outdir: path.join(dir, 'out'),
      absWorkingDir: dir,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      write: false,
      metafile: true,
      logLevel: 'error',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    });
    const outputs = result.metafile.outputs;
    const loaded = new Set();
    const visit = (file) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(Object.keys(outputs).find((file) => outputs[file].entryPoint === '<stdin>'));
    const bytes = new Map(result.outputFiles.map((file) => [path.relative(dir, file.path).split(path.sep).join('/'), file.contents]));
    return [...loaded].reduce((total, file) => total + gzipSize(bytes.get(file)), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
