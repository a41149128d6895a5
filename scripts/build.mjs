// `npm run build`: dist/ (ESM modules, the script-tag bundle with its chunks, integrity hashes
// and precompressed copies, TypeScript declarations, the demo's framework examples) and
// custom-elements.json. Prints the bundle's sizes against their goals and fails when one passes its ceiling.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { gzipAsync as zopfli } from '@gfx/zopfli';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import ts from 'typescript';
import { initialLoadGzip } from './bundle-size.mjs';
import { writeFrameworkModules } from './framework-types.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
// TypeScript's own lib files (lib.dom.d.ts is large) are parsed once for all the programs below.
const libSources = new Map();

async function main() {
  process.chdir(root);
  fs.rmSync('dist', { recursive: true, force: true });
  checkLazyElements();
  const manifest = analyze();
  const cdn = await bundle();
  emitDeclarations();
  // portico/react, portico/jsx and portico/vue, generated from the manifest.
  await manifest.then(() => writeFrameworkModules(root));
  checkConsumerTypes();
  await buildExamples();
  await manifest;
  const figures = await finishCdn(cdn);
  report(figures);
}

/** Writes custom-elements.json with the analyzer (in a child process, alongside the rest). */
function analyze() {
  const cli = path.join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'analyze', '--quiet'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`custom-elements-manifest analyze exited with ${code}`))));
  });
}

/** Writes dist/ with rollup; returns the client portal's script-tag bundle's chunks (dist/cdn/portal.js and its own), for its budgets. */
async function bundle() {
  const { default: configs } = await import(path.join(root, 'rollup.config.mjs'));
  let cdn;
  for (const config of configs) {
    const build = await rollup({ ...config, onwarn: (warning, warn) => (warning.code === 'THIS_IS_UNDEFINED' ? undefined : warn(warning)) });
    try {
      const { output } = await build.write(config.output);
      if (config.output.dir === 'dist/cdn' && config.input.portal) cdn = output.filter((file) => file.type === 'chunk');
    } finally {
      await build.close();
    }
  }
  return cdn;
}

/**
 * Every element a folder registers is in its script-tag bundle's table of elements loaded on
 * first use: the portal's (components/loader/cdn.ts), or for the console's folders
 * (components/console/<screen>/) the console's (components/loader/console-cdn.ts).
 */
function checkLazyElements() {
  const tagsOf = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/defineElement\(\s*'([a-z0-9-]+)'/g)].map((match) => match[1]);
  const bundles = [
    { table: 'components/loader/cdn.ts', defines: elementFolders().map((name) => `components/${name}/define.ts`) },
    { table: 'components/loader/console-cdn.ts', defines: elementFolders('components/console').map((name) => `components/console/${name}/define.ts`) },
  ];
  for (const { table, defines } of bundles) {
    const text = fs.readFileSync(table, 'utf8');
    const missing = defines.flatMap(tagsOf).filter((tag) => !text.includes(`'${tag}':`));
    if (missing.length) {
      console.error(`${table} does not load ${missing.map((tag) => `<${tag}>`).join(', ')}: add each to its table.`);
      process.exit(1);
    }
  }
}

/** The folders of components/ (or of `dir`) that register an element (those with a define.ts). */
function elementFolders(dir = 'components') {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`${dir}/${entry.name}/define.ts`))
    .map((entry) => entry.name);
}

function entryPoints() {
  return ['components/index.ts', 'components/all.ts', ...elementFolders().map((name) => `components/${name}/define.ts`)];
}

function createProgram(rootNames, options) {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (path.dirname(fileName) !== libDir) return getSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (!libSources.has(key)) libSources.set(key, getSourceFile(fileName, languageVersion, ...rest));
    return libSources.get(key);
  };
  return ts.createProgram({ rootNames, options, host });
}

function compilerOptions(overrides) {
  const { config, error } = ts.readConfigFile('tsconfig.json', ts.sys.readFile);
  if (error) fail([error]);
  const { options, errors } = ts.convertCompilerOptionsFromJson({ ...config.compilerOptions, types: [] }, root);
  if (errors.length) fail(errors);
  return { ...options, ...overrides };
}

/**
 * dist/types/components/**.d.ts. The sources import with `.ts` extensions; the declarations
 * import `.js`, which every consumer resolution mode maps back to the `.d.ts` next to it.
 */
function emitDeclarations() {
  const options = compilerOptions({
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    rootDir: root,
    outDir: path.join(root, 'dist/types'),
  });
  const program = createProgram(entryPoints(), options);
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  const relativeTs = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g;
  const result = program.emit(undefined, (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text.replace(relativeTs, '$1$2$3.js$2'));
  });
  diagnostics.push(...result.diagnostics);
  if (diagnostics.length) fail(diagnostics);
}

/** Type-checks a consumer of the built package, the way an application would import it. */
function checkConsumerTypes() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-consumer-'));
  try {
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(root, path.join(dir, 'node_modules/portico'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const file = path.join(dir, 'consumer.ts');
    fs.writeFileSync(
      file,
      [
        "import type { ApiClient, Branding, PortalLoginSucceededEvent } from 'portico';",
        "import { ApiError, PortalSession, formatMoney, isSignedIn } from 'portico';",
        "import 'portico/define/session';",
        "import 'portico/all';",
        // Every element has its own module, `portico/<folder>` (package.json `exports`).
        ...elementFolders().map((name) => `import 'portico/${name}';`),
        'export async function signIn(client: ApiClient, brand: Branding): Promise<string> {',
        "  const answer = await client.auth.login({ email: 'a@example.com', password: 'secret-secret' });",
        // A second factor may be asked for before the sign-in completes.
        '  if (!isSignedIn(answer)) return answer.mfaToken;',
        '  return `${answer.contact.name} ${brand.name} ${formatMoney(100, brand.currency)}`;',
        '}',
        "export const session: PortalSession = document.createElement('portal-session');",
        "document.addEventListener('portal-login-succeeded', (event: PortalLoginSucceededEvent) => event.detail.contact.email);",
        'export const isApiError = (error: unknown): boolean => error instanceof ApiError;',
        // Declarations that fail to resolve degrade to `any` silently; these lines do not compile then.
        'type IsAny<T> = 0 extends 1 & T ? true : false;',
        'type Resolved<T> = IsAny<T> extends true ? never : true;',
        "export const resolved: [Resolved<ApiClient>, Resolved<PortalSession>, Resolved<Branding>, Resolved<HTMLElementTagNameMap['portal-login']>] = [true, true, true, true];",
        // The generated framework modules (scripts/framework-types.mjs) resolve the same ways.
        "import { PortalApp as PortalAppComponent } from 'portico/react';",
        "import type { CustomElements } from 'portico/jsx';",
        "import type { PortalAppProps } from 'portico/vue';",
        "export const frameworks: [Resolved<typeof PortalAppComponent>, Resolved<CustomElements['portal-app']['section']>, Resolved<PortalAppProps['onPortalNavigate']>] = [true, true, true];",
        '',
      ].join('\n'),
    );
    for (const moduleResolution of [ts.ModuleResolutionKind.Bundler, ts.ModuleResolutionKind.NodeNext]) {
      const options = {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: moduleResolution === ts.ModuleResolutionKind.Bundler ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext,
        moduleResolution,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
      };
      const program = createProgram([file], options);
      const diagnostics = ts.getPreEmitDiagnostics(program);
      if (diagnostics.length) fail(diagnostics, `A consumer cannot use dist/types (moduleResolution ${ts.ModuleResolutionKind[moduleResolution]}):`);
    }
    // Node's own resolver, as a bundler or SSR build would use it, finds each element's module.
    const require = createRequire(path.join(dir, 'package.json'));
    for (const name of elementFolders()) {
      let resolved;
      try {
        resolved = require.resolve(`portico/${name}`);
      } catch (error) {
        console.error(`\`portico/${name}\` does not resolve: add it to package.json "exports" (${error.code ?? error.message}).`);
        process.exit(1);
      }
      if (fs.realpathSync(resolved) !== path.join(root, `dist/define/${name}.js`)) {
        console.error(`\`portico/${name}\` resolves to ${resolved}, not dist/define/${name}.js.`);
        process.exit(1);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The demo's React and Vue examples (demo/examples/), applications that import the package by
 * name as a firm's would: type-checked against dist/types, then bundled into demo/build/examples/,
 * which the demo site serves at /examples/ (outside dist/, so the published package does not
 * carry React and Vue).
 */
async function buildExamples() {
  const dir = path.join(root, 'demo/examples');
  const { config, error } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
  if (error) fail([error]);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
  if (parsed.errors.length) fail(parsed.errors);
  const diagnostics = ts.getPreEmitDiagnostics(createProgram(parsed.fileNames, parsed.options));
  if (diagnostics.length) fail(diagnostics, 'The framework examples do not type-check against dist/types:');

  const outdir = path.join(root, 'demo/build/examples');
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { react: path.join(dir, 'react.tsx'), vue: path.join(dir, 'vue.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    // What an application's bundler sets for a production build of React and Vue.
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
  });
}

/**
 * Budgets for the script-tag bundle, in gzip bytes (what the service sends a browser that accepts
 * gzip). `goal` is where the bundle is headed; `ceiling` is enforced: a build over it fails. The
 * ceilings sit just above today's sizes so that nothing grows while the sizes come down to the goals.
 */
const budgets = {
  signedOut: {
    goal: 25 * 1024,
    ceiling: 24.3 * 1024,
    what: 'a signed-out <portal-app> up to its sign-in form (portal.js and the chunks of portal-app, portal-session and portal-login)',
  },
  allChunks: { goal: 80 * 1024, ceiling: 160.6 * 1024, what: 'every file of the script-tag bundle together (portal.js and all of dist/cdn/chunks/)' },
  login: { goal: 15 * 1024, ceiling: 15 * 1024, what: "`import 'portico/login'` bundled with lit by esbuild, minified" },
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * Finishes dist/cdn: integrity.json with the Subresource Integrity hash of every file (the
 * service and the demo read it; `integrity` is portal.js's, for `<script integrity>`), and each
 * file compressed once, as `.br` and `.gz` beside it, for the service to send as they are.
 * Returns the sizes the budgets are about.
 */
async function finishCdn(chunks) {
  const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const files = fs
    .readdirSync('dist/cdn', { recursive: true })
    .filter((file) => fs.statSync(path.join('dist/cdn', file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
  const hashes = Object.fromEntries(
    files.map((file) => [
      file,
      `sha384-${createHash('sha384')
        .update(fs.readFileSync(path.join('dist/cdn', file)))
        .digest('base64')}`,
    ]),
  );
  // `file`/`integrity` are the client portal's entry; `console` the firm's console's.
  const manifest = {
    version,
    file: 'portal.js',
    integrity: hashes['portal.js'],
    console: { file: 'console.js', integrity: hashes['console.js'] },
    files: hashes,
  };
  fs.writeFileSync('dist/cdn/integrity.json', `${JSON.stringify(manifest, null, 2)}\n`);

  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  const gzipped = new Map();
  await Promise.all(
    [...files, 'integrity.json'].map(async (file) => {
      const bytes = fs.readFileSync(path.join('dist/cdn', file));
      const [br, gz] = await Promise.all([
        brotli(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
        // Scripts through Zopfli: gzip any browser reads, some 4 % smaller than zlib's best, at a
        // cost (about 0.3 s for a 75 kB chunk) paid once here. Source maps, which only developer
        // tools fetch, with zlib.
        file.endsWith('.js') ? zopfli(bytes, { numiterations: 15 }) : gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
      ]);
      fs.writeFileSync(path.join('dist/cdn', `${file}.br`), br);
      fs.writeFileSync(path.join('dist/cdn', `${file}.gz`), gz);
      gzipped.set(file, gz.length);
    }),
  );

  // What a signed-out <portal-app> loads before its sign-in form: the entry, and the chunks of
  // the three elements with everything they import (rollup hoists a chunk's imports, so each
  // chunk lists them all). A chunk is found by a module it holds: one that other chunks import
  // from as well (<portal-app>'s, which its signed-in part reads) has no facade module.
  const byModule = new Map(chunks.flatMap((chunk) => chunk.moduleIds.map((id) => [path.relative(root, id).split(path.sep).join('/'), chunk])));
  const signedOut = new Set(['portal.js']);
  for (const module of ['components/app/app.ts', 'components/session/session.ts', 'components/login/login.ts']) {
    const chunk = byModule.get(module);
    if (!chunk) fail([], `No chunk of dist/cdn holds ${module}.`);
    for (const file of [chunk.fileName, ...chunk.imports]) signedOut.add(file);
  }
  // The console's files (console.js and chunks/console-…) are a bundle apart: not the portal's to count.
  const isConsole = (file) => file === 'console.js' || file.startsWith('chunks/console-');
  const scripts = files.filter((file) => file.endsWith('.js') && !isConsole(file));
  const consoleScripts = files.filter((file) => file.endsWith('.js') && isConsole(file));
  const sum = (names) => [...names].reduce((total, file) => total + gzipped.get(file), 0);
  return {
    version,
    integrity: hashes['portal.js'],
    entry: gzipped.get('portal.js'),
    chunkCount: scripts.length - 1,
    console: { integrity: hashes['console.js'], entry: gzipped.get('console.js'), chunkCount: consoleScripts.length - 1, all: sum(consoleScripts) },
    signedOut: sum(signedOut),
    allChunks: sum(scripts),
    login: await initialLoadGzip("import 'portico/login';"),
  };
}

function report(figures) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`dist/cdn/portal.js  ${kb(figures.entry)} gzip, and ${figures.chunkCount} chunks loaded on first use`);
  console.log(`  /sdk/v${figures.version}/portal.js  integrity="${figures.integrity}"`);
  const consoleBundle = figures.console;
  console.log(
    `dist/cdn/console.js  ${kb(consoleBundle.entry)} gzip, and ${consoleBundle.chunkCount} chunks loaded on first use (${kb(consoleBundle.all)} gzip in all)`,
  );
  console.log(`  /sdk/v${figures.version}/console.js  integrity="${consoleBundle.integrity}"`);
  const over = [];
  for (const [key, { goal, ceiling, what }] of Object.entries(budgets)) {
    const size = figures[key];
    if (size > ceiling) over.push(`${what}: ${kb(size)} gzip, over its ceiling of ${kb(ceiling)} by ${kb(size - ceiling)}`);
    const state = size > ceiling ? 'OVER CEILING' : size > goal ? 'over goal' : 'within goal';
    console.log(`  ${state.padEnd(12)} ${kb(size).padStart(8)} (goal ${kb(goal)}, ceiling ${kb(ceiling)})  ${what}`);
  }
  console.log(`built dist/ and custom-elements.json in ${seconds} s`);
  if (over.length) {
    console.error(`\nThe script-tag bundle grew past a ceiling (scripts/build.mjs, \`budgets\`):\n${over.map((line) => `  - ${line}`).join('\n')}`);
    process.exit(1);
  }
}

function fail(diagnostics, heading = 'TypeScript declarations failed:') {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  console.error(heading);
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

await main();
