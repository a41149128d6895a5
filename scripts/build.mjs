// `npm run build`: dist/ (ESM modules, the CDN file, TypeScript declarations, the demo's
// framework examples) and custom-elements.json. Prints the CDN file's gzip size.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
// TypeScript's own lib files (lib.dom.d.ts is large) are parsed once for all the programs below.
const libSources = new Map();

async function main() {
  process.chdir(root);
  fs.rmSync('dist', { recursive: true, force: true });
  const manifest = analyze();
  await bundle();
  emitDeclarations();
  checkConsumerTypes();
  await buildExamples();
  await manifest;
  report();
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

async function bundle() {
  const { default: configs } = await import(path.join(root, 'rollup.config.mjs'));
  for (const config of configs) {
    const build = await rollup({ ...config, onwarn: (warning, warn) => (warning.code === 'THIS_IS_UNDEFINED' ? undefined : warn(warning)) });
    try {
      await build.write(config.output);
    } finally {
      await build.close();
    }
  }
}

/** The folders of components/ that register an element (those with a define.ts). */
function elementFolders() {
  return fs
    .readdirSync('components', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(`components/${entry.name}/define.ts`))
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
        "import { ApiError, PortalSession, formatMoney } from 'portico';",
        "import 'portico/define/session';",
        "import 'portico/all';",
        // Every element has its own module, `portico/<folder>` (package.json `exports`).
        ...elementFolders().map((name) => `import 'portico/${name}';`),
        'export async function signIn(client: ApiClient, brand: Branding): Promise<string> {',
        "  const { contact } = await client.auth.login({ email: 'a@example.com', password: 'secret-secret' });",
        '  return `${contact.name} ${brand.name} ${formatMoney(100, brand.currency)}`;',
        '}',
        "export const session: PortalSession = document.createElement('portal-session');",
        "document.addEventListener('portal-login-succeeded', (event: PortalLoginSucceededEvent) => event.detail.contact.email);",
        'export const isApiError = (error: unknown): boolean => error instanceof ApiError;',
        // Declarations that fail to resolve degrade to `any` silently; these lines do not compile then.
        'type IsAny<T> = 0 extends 1 & T ? true : false;',
        'type Resolved<T> = IsAny<T> extends true ? never : true;',
        "export const resolved: [Resolved<ApiClient>, Resolved<PortalSession>, Resolved<Branding>, Resolved<HTMLElementTagNameMap['portal-login']>] = [true, true, true, true];",
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
 * The CDN file's Subresource Integrity hash, for `<script integrity>`: printed, and written to
 * dist/cdn/integrity.json, which the service reads to answer for its versioned URL.
 */
function integrity(cdn) {
  const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const hash = `sha384-${createHash('sha384').update(cdn).digest('base64')}`;
  fs.writeFileSync('dist/cdn/integrity.json', `${JSON.stringify({ version, file: 'portal.js', integrity: hash }, null, 2)}\n`);
  return { version, hash };
}

function report() {
  const cdn = fs.readFileSync('dist/cdn/portal.js');
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { version, hash } = integrity(cdn);
  console.log(`dist/cdn/portal.js  ${kb(cdn.length)} (${kb(gzipSync(cdn, { level: 9 }).length)} gzip)`);
  console.log(`  /sdk/v${version}/portal.js  integrity="${hash}"`);
  console.log(`built dist/ and custom-elements.json in ${seconds} s`);
}

function fail(diagnostics, heading = 'TypeScript declarations failed:') {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  console.error(heading);
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

await main();
