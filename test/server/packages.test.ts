// The two packages a web developer or an operator installs: `portico` (the browser elements only)
// and `@portico/server` (the token service, compiled). Checked from what `npm pack` would publish,
// so `npm run build` must have run first (`npm test` runs it before this suite).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { cliEnv, freePort, repoRoot } from './helpers/cli.ts';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const serverDir = path.join(repoRoot, 'server');

interface Packed {
  name: string;
  files: { path: string }[];
}

/** The files `npm pack` would put in the tarball of the package in `dir`. */
async function packList(dir: string): Promise<string[]> {
  const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspaces=false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Packed[];
  return packed!.files.map((file) => file.path);
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

before(() => {
  for (const file of ['dist/cdn/portal.js', 'dist/index.js', 'server/dist/cli.js', 'server/dist/bundle/cli.js', 'server/dist/main.d.ts']) {
    assert.ok(fs.existsSync(path.join(repoRoot, file)), `${file} is missing: run \`npm run build\` first`);
  }
});

describe('the browser package `portico`', () => {
  test('publishes the elements and nothing of the service', async () => {
    const files = await packList(repoRoot);
    for (const wanted of ['package.json', 'custom-elements.json', 'dist/index.js', 'dist/cdn/portal.js', 'dist/types/components/index.d.ts']) {
      assert.ok(files.includes(wanted), `${wanted} is published`);
    }
    const serverFiles = files.filter(
      (file) => /^(server|bin|test|scripts|demo|bench|stories)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    assert.deepEqual(serverFiles, [], 'no service, source or tooling file is published');
  });

  test('carries no decorator code: every element declares its properties as static properties', () => {
    const modules = fs
      .readdirSync(path.join(repoRoot, 'dist'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => ({ file, text: fs.readFileSync(path.join(repoRoot, 'dist', file), 'utf8') }));
    const decorated = modules.filter(({ text }) => /lit\/decorators|__decorate|Unsupported decorator location/.test(text)).map(({ file }) => file);
    assert.deepEqual(decorated, [], 'no module imports or bundles a decorator');
    const login = modules.find(({ text }) => text.includes('class PortalLogin extends'));
    assert.ok(login, 'the login is built');
    assert.match(login.text, /this\.properties = \{[^}]*mode: \{ reflect: true \}/, "the login's properties are declared for Lit");
  });

  test('depends on lit, its family and the Stripe loader only', () => {
    const { dependencies = {} } = readJson<{ dependencies?: Record<string, string> }>(path.join(repoRoot, 'package.json'));
    const others = Object.keys(dependencies).filter((name) => !/^(lit|@lit\/[^/]+|@lit-labs\/[^/]+|@stripe\/stripe-js)$/.test(name));
    assert.deepEqual(others, []);
    assert.ok(dependencies.lit, 'lit is a dependency');
  });
});

describe('the service package `@portico/server`', () => {
  test('publishes its command and compiled JavaScript, no TypeScript source and no browser build', async () => {
    const files = await packList(serverDir);
    for (const wanted of ['package.json', 'bin/portico.mjs', 'dist/bundle/cli.js', 'dist/cli.js', 'dist/main.js', 'dist/main.d.ts']) {
      assert.ok(files.includes(wanted), `${wanted} is published`);
    }
    const unwanted = files.filter(
      (file) => file.startsWith('src/') || file.includes('/cdn/') || file.startsWith('components/') || (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    assert.deepEqual(unwanted, []);
  });

  test('runs from its published files: compiled JavaScript, no tsx', { timeout: 60_000 }, async (t) => {
    // The tarball's contents, laid out as an install would: the package beside node_modules that
    // holds its dependencies and the `portico` browser package it serves the bundle of.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-installed-'));
    t.after(() => fs.rmSync(home, { recursive: true, force: true }));
    const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--workspaces=false', '--pack-destination', home], {
      cwd: serverDir,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    await run('tar', ['-xzf', path.join(home, packed!.filename), '-C', home]);
    const modules = path.join(home, 'node_modules');
    fs.mkdirSync(modules);
    for (const entry of fs.readdirSync(path.join(repoRoot, 'node_modules'))) {
      // Not tsx (the package must run without it), nor the workspace's own links.
      if (entry === 'tsx' || entry === 'portico' || entry === '@portico' || entry.startsWith('.')) continue;
      fs.symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
    }
    fs.symlinkSync(repoRoot, path.join(modules, 'portico'));
    const installed = path.join(home, 'package');
    assert.ok(!fs.existsSync(path.join(installed, 'src')), 'no source in the package');

    const port = await freePort();
    const child = spawn(process.execPath, [path.join(installed, 'bin/portico.mjs'), 'serve', '--seed-demo'], {
      cwd: home,
      env: cliEnv({ PORT: String(port), DATA_DIR: path.join(home, 'data'), PUBLIC_URL: `http://127.0.0.1:${port}` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    t.after(() => child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => output.includes('listening on') && resolve());
      void exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
    });

    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    const branding = await fetch(`${base}/api/v1/firms/demo/branding`);
    assert.equal(branding.status, 200);
    assert.equal(((await branding.json()) as { name: string }).name.length > 0, true);
    const sdk = await fetch(`${base}/sdk/portal.js`);
    assert.equal(sdk.status, 200, 'the bundle of the installed `portico` package is served');
    await sdk.arrayBuffer();
    // An invoice's PDF: code the command loads only when first used (a chunk of its own, and pdfkit).
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firm: 'demo', email: 'alex@example.com', password: 'portico-demo' }),
    });
    assert.equal(login.status, 200);
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const invoices = (await (await fetch(`${base}/api/v1/invoices`, { headers: { authorization } })).json()) as { data: { id: string }[] };
    const pdf = await fetch(`${base}/api/v1/invoices/${invoices.data[0]!.id}/pdf`, { headers: { authorization } });
    assert.equal(pdf.status, 200, output);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
  });

  test("types resolve for a consumer of the package's exports", { timeout: 60_000 }, async (t) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-consumer-'));
    t.after(() => fs.rmSync(home, { recursive: true, force: true }));
    fs.mkdirSync(path.join(home, 'node_modules', '@portico'), { recursive: true });
    fs.symlinkSync(serverDir, path.join(home, 'node_modules', '@portico', 'server'));
    fs.symlinkSync(path.join(repoRoot, 'node_modules', '@types'), path.join(home, 'node_modules', '@types'));
    // Library files are not checked (fast); what proves the declarations resolved is that a wrong
    // argument is an error: had `Config` not resolved it would be \`any\` and the directive unused.
    fs.writeFileSync(
      path.join(home, 'index.ts'),
      [
        "import { startService, type RunningService } from '@portico/server';",
        'export async function start(config: Parameters<typeof startService>[0]): Promise<RunningService> {',
        '  return startService(config, { seedDemo: true });',
        '}',
        '// @ts-expect-error a configuration needs its fields',
        'export const wrong = () => startService({});',
        '',
      ].join('\n'),
    );
    const compilerOptions = {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    };
    fs.writeFileSync(path.join(home, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', home]).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    assert.ok(!('failed' in result), `the consumer does not type-check:\n${result.stdout}`);
  });
});

describe('publint', () => {
  for (const [name, dir] of [
    ['portico', repoRoot],
    ['@portico/server', serverDir],
  ] as const) {
    test(`${name} is clean`, async () => {
      const { messages, pkg } = await publint({ pkgDir: dir, strict: true, pack: 'npm' });
      assert.deepEqual(
        messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`),
        [],
      );
    });
  }
});
