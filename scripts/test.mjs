// `npm test`: every suite in order, each one run even when an earlier one failed, ending with
// one plain line `N passed, N failed` that CI can read. A suite that cannot run or crashes
// counts as failed, never as zero tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, '.test-results');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const minutes = (n) => n * 60_000;

const env = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' };
if (!process.stdout.isTTY) env.NO_COLOR = '1';

/** @type {{ name: string, passed: number, failed: number, note?: string }[]} */
const results = [];
/** @type {import('node:child_process').ChildProcess | null} */
let running = null;

function heading(text) {
  process.stdout.write(`\n=== ${text} ===\n`);
}

function record(name, passed, failed, note) {
  results.push({ name, passed, failed, note });
  process.stdout.write(`--- ${name}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''}\n`);
}

/** Runs a command with the terminal's output, in its own process group so a timeout can end all of it. */
function run(command, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: process.platform !== 'win32' });
    running = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.stdout.write(`\n${command} ${args.join(' ')} is still running after ${timeoutMs / 60_000} min: stopping it.\n`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running = null;
      resolve({ code: null, signal: null, timedOut, error });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running = null;
      resolve({ code, signal, timedOut });
    });
  });
}

function killGroup(child, signal) {
  try {
    if (child.pid && process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

function why(outcome) {
  if (outcome.error) return `could not start: ${outcome.error.message}`;
  if (outcome.timedOut) return 'timed out';
  if (outcome.signal) return `killed by ${outcome.signal}`;
  return `exit code ${outcome.code}`;
}

/** A step that is one check: it passed when the command exits 0 (and returns whether it did). */
async function check(name, script, timeoutMs) {
  heading(`${name}: npm run ${script}`);
  const outcome = await run(npm, ['run', script], timeoutMs);
  if (outcome.code === 0) record(name, 1, 0);
  else record(name, 0, 1, why(outcome));
  return outcome.code === 0;
}

function testFiles(dir) {
  const folder = path.join(root, dir);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.posix.join(dir, file));
}

/** The last `# pass N`, `# fail N` and `# cancelled N` of a TAP stream, or null when it has none. */
function tapCounts(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const last = (key) => {
    const matches = [...text.matchAll(new RegExp(`^# ${key} (\\d+)\\s*$`, 'gm'))];
    return matches.length ? Number(matches.at(-1)[1]) : null;
  };
  const pass = last('pass');
  const fail = last('fail');
  if (pass === null || fail === null) return null;
  return { pass, fail: fail + (last('cancelled') ?? 0) };
}

/**
 * A node:test suite: readable output on the terminal, counts from a TAP copy. `options.engine`
 * runs it on PostgreSQL (a throwaway cluster for the run), leaving out `options.except`.
 */
async function nodeTests(name, dir, timeoutMs, unavailable, options = {}) {
  heading(`${name}: ${dir}/*.test.ts`);
  if (unavailable) return record(name, 0, 1, unavailable);
  const files = testFiles(dir).filter((file) => !(options.except ?? []).includes(path.basename(file)));
  if (!files.length) return record(name, 0, 1, `no test files in ${dir}`);
  const tap = path.join(resultsDir, `${path.basename(dir)}${options.engine ? `-${options.engine}` : ''}.tap`);
  fs.rmSync(tap, { force: true });
  const onPostgres = options.engine === 'postgres' ? ['--import', 'tsx', 'test/server/helpers/with-postgres.ts', process.execPath] : [];
  const outcome = await run(
    process.execPath,
    [
      ...onPostgres,
      '--import', 'tsx',
      '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    timeoutMs,
  );
  const counts = tapCounts(tap);
  if (!counts) return record(name, 0, 1, `no results (${why(outcome)})`);
  if (outcome.code !== 0 && counts.fail === 0) return record(name, counts.pass, 1, `the run failed: ${why(outcome)}`);
  record(name, counts.pass, counts.fail);
}

/** The browser tests: their runner's reporter writes `.test-results/browser.json`. */
async function browserTests(timeoutMs, unavailable) {
  const name = 'browser tests';
  heading(`${name}: npm run test:browser`);
  if (unavailable) return record(name, 0, 1, unavailable);
  const file = path.join(resultsDir, 'browser.json');
  fs.rmSync(file, { force: true });
  const outcome = await run(npm, ['run', 'test:browser'], timeoutMs);
  let counts = null;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Number.isInteger(parsed.passed) && Number.isInteger(parsed.failed)) counts = parsed;
  } catch {
    // Missing or unreadable: the run crashed before reporting.
  }
  if (!counts) return record(name, 0, 1, `no results in .test-results/browser.json (${why(outcome)})`);
  if (outcome.code !== 0 && counts.failed === 0) return record(name, counts.passed, 1, `the run failed: ${why(outcome)}`);
  record(name, counts.passed, counts.failed);
}

/** Why the PostgreSQL suite cannot run here, if it cannot: no server binaries and no TEST_DATABASE_URL. */
function noPostgres() {
  if (process.env.TEST_DATABASE_URL) return '';
  const root = '/usr/lib/postgresql';
  const found = fs.existsSync(root) && fs.readdirSync(root).some((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')));
  return found ? '' : 'no PostgreSQL: install Debian\'s postgresql package, or set TEST_DATABASE_URL';
}

function onSignal(signal) {
  process.stdout.write(`\nnpm test: ${signal}, stopping.\n`);
  if (running) killGroup(running, 'SIGTERM');
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

fs.mkdirSync(resultsDir, { recursive: true });
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};

heading('Chromium');
let noBrowser = '';
try {
  env.CHROME_PATH = findChromium();
  process.stdout.write(`using ${env.CHROME_PATH}\n`);
} catch (error) {
  noBrowser = error instanceof Error ? error.message : String(error);
  process.stdout.write(`${noBrowser}\n`);
}

await check('typecheck', 'typecheck', minutes(5));
await check('build', 'build', minutes(5));
await nodeTests('server tests', 'test/server', minutes(15));
// The same suite on PostgreSQL, but for the files that test one engine or both by themselves.
await nodeTests('server tests on PostgreSQL', 'test/server', minutes(20), noPostgres(), {
  engine: 'postgres',
  except: ['db.test.ts', 'migrations.test.ts', 'postgres.test.ts', 'query-plans.test.ts', 'query-plans-postgres.test.ts', 'fleet.test.ts', 'storage.test.ts', 'config.test.ts', 'openapi.test.ts', 'boundaries.test.ts', 'health.test.ts', 'packages.test.ts'],
});
await browserTests(minutes(15), noBrowser && 'no Chromium');
await nodeTests('end-to-end tests', 'test/e2e', minutes(15), noBrowser && 'no Chromium');
if (scripts['build-storybook']) {
  const built = await check('storybook build', 'build-storybook', minutes(10));
  await nodeTests('storybook stories', 'test/storybook', minutes(10), (noBrowser && 'no Chromium') || (!built && 'the Storybook did not build'));
}

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
heading('Summary');
const width = Math.max(...results.map((result) => result.name.length));
for (const result of results) {
  const mark = result.failed ? 'FAIL' : 'ok  ';
  process.stdout.write(`${mark} ${result.name.padEnd(width)}  ${result.passed} passed, ${result.failed} failed${result.note ? `  (${result.note})` : ''}\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
