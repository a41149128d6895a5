// The `portico` command as an installed package runs it: the compiled CLI (dist/cli.js, from tsc)
// joined into a few files in dist/bundle/. Node 20 spends most of a cold start finding, reading
// and compiling modules one file at a time (about 250 of the service's own, 250 of Kysely's and
// 100 more of Express and its middleware), so the command starts in about half the time from a
// bundle. tsc's dist/ stays as it is: the package's library entry (`@portico/server`) and its types.
//
// Inside the bundle: the service's code and the libraries every start loads anyway. Outside it,
// loaded from node_modules as before: the native SQLite driver, and each provider's SDK (stripe,
// plaid, the AWS SDK, nodemailer, pg) and the PDF and two-factor libraries, which the service
// imports only when its configuration or a first request uses them; a dependency added later stays
// outside unless it is listed here. A dynamic `import()` of the service's own modules becomes a
// chunk of its own, loaded on first use.
//
// Whitespace and comments are left out (names are kept, for readable stack traces; the source
// maps lead back to src/): the smaller text compiles faster, and, all ASCII, V8 holds it at one
// byte a character instead of two, some 10 MB less resident memory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(serverDir, 'dist', 'bundle');
/** Dependencies every start loads: joined into the bundle. */
const bundled = new Set(['busboy', 'cookie-parser', 'etag', 'express', 'helmet', 'ipaddr.js', 'jose', 'kysely', 'pino', 'standardwebhooks', 'zod']);

/**
 * zod's error messages in 40-odd languages (`z.locales`, half of its code): the service reports
 * its problems in English and never reads them. English itself comes from zod's own import of it.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[/\\]zod[/\\]/.test(importer) ? { path: 'zod-locales', namespace: 'without-zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * One copy of each version of a package. npm nests a copy of a package under each dependent that
 * wants another version than the hoisted one (here the development tools want mime-types 2 and
 * Express and three of its middleware want 3): four identical copies of mime-types and its 200 kB
 * database would each be compiled and built at start.
 */
const onePerVersion = {
  name: 'one-per-version',
  setup(build) {
    const first = new Map();
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'one-per-version' || args.kind === 'entry-point') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'one-per-version' });
      if (resolved.errors.length || resolved.external || !resolved.path.includes('node_modules')) return resolved;
      const root = packageRoot(resolved.path);
      const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      const key = `${name}@${version}`;
      if (!first.has(key)) first.set(key, root);
      return { ...resolved, path: path.join(first.get(key), path.relative(root, resolved.path)) };
    });
  },
};

/** The folder of the package a file in node_modules belongs to. */
function packageRoot(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  return parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join(path.sep);
}

const { dependencies } = JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !bundled.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Chunks are named by their content: a bundle from an earlier build would be left beside this one.
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: path.join(serverDir, 'dist', 'cli.js') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  legalComments: 'eof',
  // The CommonJS libraries inside (Express and its middleware) call `require` for Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [withoutZodLocales, onePerVersion],
  logLevel: 'warning',
});
