// `npm test`: every suite, each one run even when an earlier one failed, ending with one plain
// line `N passed, N failed` that CI can read. A suite that cannot run or crashes counts as
// failed, never as zero tests.
//
// Suites that share no port and no file run side by side, two at a time (TEST_LANES): each
// suite's output goes to .test-results/<suite>.log and is printed whole when the suite ends, so
// that the outputs of suites running together never interleave.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, '.test-results');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const minutes = (n) => n * 60_000;

// The suites set and check passwords thousands of times, at about 0.1 s a hash at scrypt's
// production cost (the auth, staff, checkout and admin files took 50 s at it, 38 s at the low
// cost). test/server/passwords.test.ts checks the production cost.
const env = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', PASSWORD_HASH_COST: 'low' };
if (!process.stdout.isTTY) env.NO_COLOR = '1';

/** @type {{ name: string, passed: number, failed: number, seconds: number, started: number, note?: string, failures?: string[] }[]} */
const results = [];
/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
const startedAt = Date.now();

const since = (start) => (Date.now() - start) / 1000;

/**
 * One suite's output: written to its log file while it runs, then printed whole under its heading
 * with its result line, so suites running side by side never interleave.
 */
class Step {
  constructor(name, what) {
    this.name = name;
    this.what = what;
    this.started = Date.now();
    this.log = path.join(resultsDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.log`);
    fs.writeFileSync(this.log, '');
    process.stdout.write(`[${since(startedAt).toFixed(0)} s] started ${name}: ${what}\n`);
  }

  note(text) {
    fs.appendFileSync(this.log, text);
  }

  /** `failures` names the failed tests, repeated in the summary so the end of the output says what failed. */
  record(passed, failed, note, failures = []) {
    const seconds = since(this.started);
    results.push({ name: this.name, passed, failed, seconds, note, started: this.started, failures });
    process.stdout.write(`\n=== ${this.name}: ${this.what} ===\n`);
    process.stdout.write(fs.readFileSync(this.log, 'utf8'));
    process.stdout.write(`--- ${this.name}: ${passed} passed, ${failed} failed${note ? ` (${note})` : ''} in ${seconds.toFixed(0)} s\n`);
  }
}

/** Runs a command with its output in the step's log, in its own process group so a timeout can end all of it. */
function run(step, command, args, timeoutMs) {
  return new Promise((resolve) => {
    const output = fs.openSync(step.log, 'a');
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', output, output], detached: process.platform !== 'win32' });
    fs.closeSync(output);
    running.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      step.note(`\n${command} ${args.join(' ')} is still running after ${timeoutMs / 60_000} min: stopping it.\n`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code: null, signal: null, timedOut, error });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
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
  const step = new Step(name, `npm run ${script}`);
  const outcome = await run(step, npm, ['run', script], timeoutMs);
  if (outcome.code === 0) step.record(1, 0);
  else step.record(0, 1, why(outcome));
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

/**
 * The failed tests of a TAP stream as `file: suite › test: error`, the file taken from the
 * failure's `location` and the error cut to its first lines. A suite that failed only because a
 * test in it did is not listed again.
 */
function tapFailures(text) {
  /** @type {{ name: string, file?: string, error: string[] }[]} */
  const failures = [];
  /** The names of the subtests open at each depth. */
  const open = [];
  let lastFailedDepth = -1;
  /** The failure whose YAML block is being read, and whether its error's lines are being read. */
  let pending;
  let readingError = false;
  for (const line of text.split('\n')) {
    if (pending && readingError) {
      if (/^ *[a-z_]+: /i.test(line) || /^ *\.\.\.$/.test(line)) readingError = false;
      else {
        if (line.trim()) pending.error.push(line.trim());
        continue;
      }
    }
    const subtest = /^( *)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const depth = subtest[1].length / 4;
      open.length = depth;
      open.push(subtest[2]);
      pending = undefined;
      continue;
    }
    if (pending) {
      const location = /^ *location: '(.*):\d+:\d+'$/.exec(line);
      if (location) pending.file = path.relative(root, location[1]);
      const error = /^ *error: (.*)$/.exec(line);
      if (error) {
        if (error[1].startsWith('|')) readingError = true;
        else pending.error.push(unquoteYaml(error[1]));
      }
      if (/^ *\.\.\.$/.test(line)) pending = undefined;
      if (location || error) continue;
    }
    const failed = /^( *)not ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!failed) continue;
    const depth = failed[1].length / 4;
    pending = undefined;
    if (lastFailedDepth !== depth + 1) {
      pending = { name: [...open.slice(0, depth), failed[2]].join(' › '), error: [] };
      failures.push(pending);
    }
    lastFailedDepth = depth;
    open.length = depth;
  }
  return failures.map(({ name, file, error }) => {
    const reason = error.slice(0, 3).join(' ⏎ ');
    return `${file ? `${file}: ` : ''}${name}${reason ? `: ${reason.length > 300 ? `${reason.slice(0, 299)}…` : reason}` : ''}`;
  });
}

/** A one-line YAML scalar as TAP writes it: bare, 'single' or "double" quoted. */
function unquoteYaml(value) {
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  if (value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value);
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
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
  return { pass, fail: fail + (last('cancelled') ?? 0), failures: tapFailures(text) };
}

/**
 * A node:test suite, its files in one process (test/in-one-process.ts): readable output on the
 * terminal, counts from a TAP copy. `options.engine` runs it on PostgreSQL (a throwaway cluster
 * for the run), leaving out `options.except`.
 */
async function nodeTests(name, dir, timeoutMs, unavailable, options = {}) {
  const step = new Step(name, `${dir}/*.test.ts`);
  if (unavailable) return step.record(0, 1, unavailable);
  const files = testFiles(dir).filter((file) => !(options.except ?? []).includes(path.basename(file)));
  if (!files.length) return step.record(0, 1, `no test files in ${dir}`);
  const tap = path.join(resultsDir, `${path.basename(dir)}${options.engine ? `-${options.engine}` : ''}.tap`);
  fs.rmSync(tap, { force: true });
  const onPostgres = options.engine === 'postgres' ? ['--import', 'tsx', 'test/server/helpers/with-postgres.ts', process.execPath] : [];
  const outcome = await run(
    step,
    process.execPath,
    [
      ...onPostgres,
      '--import',
      'tsx',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      'test/in-one-process.ts',
      ...files,
    ],
    timeoutMs,
  );
  const counts = tapCounts(tap);
  if (!counts) return step.record(0, 1, `no results (${why(outcome)})`);
  if (outcome.code !== 0 && counts.fail === 0) return step.record(counts.pass, 1, `the run failed: ${why(outcome)}`);
  step.record(counts.pass, counts.fail, undefined, counts.failures);
}

/** The browser tests: their runner's reporter writes `.test-results/browser.json`. */
async function browserTests(timeoutMs, unavailable) {
  const step = new Step('browser tests', 'npm run test:browser');
  if (unavailable) return step.record(0, 1, unavailable);
  const file = path.join(resultsDir, 'browser.json');
  fs.rmSync(file, { force: true });
  const outcome = await run(step, npm, ['run', 'test:browser'], timeoutMs);
  let counts = null;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (Number.isInteger(parsed.passed) && Number.isInteger(parsed.failed))
      counts = { ...parsed, failures: Array.isArray(parsed.failures) ? parsed.failures : [] };
  } catch {
    // Missing or unreadable: the run crashed before reporting.
  }
  if (!counts) return step.record(0, 1, `no results in .test-results/browser.json (${why(outcome)})`);
  if (outcome.code !== 0 && counts.failed === 0) return step.record(counts.passed, 1, `the run failed: ${why(outcome)}`);
  step.record(counts.passed, counts.failed, undefined, counts.failures);
}

/** Why the PostgreSQL suite cannot run here, if it cannot: no server binaries and no TEST_DATABASE_URL. */
function noPostgres() {
  if (process.env.TEST_DATABASE_URL) return '';
  const root = '/usr/lib/postgresql';
  const found = fs.existsSync(root) && fs.readdirSync(root).some((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')));
  return found ? '' : "no PostgreSQL: install Debian's postgresql package, or set TEST_DATABASE_URL";
}

function onSignal(signal) {
  process.stdout.write(`\nnpm test: ${signal}, stopping.\n`);
  for (const child of running) killGroup(child, 'SIGTERM');
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

fs.mkdirSync(resultsDir, { recursive: true });
const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};

process.stdout.write('\n=== Chromium ===\n');
let noBrowser = '';
try {
  env.CHROME_PATH = findChromium();
  process.stdout.write(`using ${env.CHROME_PATH}\n`);
} catch (error) {
  noBrowser = error instanceof Error ? error.message : String(error);
  process.stdout.write(`${noBrowser}\n`);
}

let storybookBuilt = false;

/**
 * How many steps run at once: two by default (the machine this is tuned on has two cores);
 * TEST_LANES=1 runs one step at a time.
 */
const laneCount = Number.parseInt(process.env.TEST_LANES ?? '', 10) > 0 ? Number.parseInt(process.env.TEST_LANES, 10) : 2;

/** Runs the steps, `laneCount` at a time, each starting as soon as a lane is free, in the order given. */
async function inLanes(steps) {
  const queue = [...steps];
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) await step();
  };
  await Promise.all(Array.from({ length: laneCount }, lane));
}

// The type check reads what the build writes only when it changed (and then fails either way);
// the Storybook build rewrites custom-elements.json, so it runs here, before anything reads it.
await inLanes([
  async () => {
    await check('typecheck', 'typecheck', minutes(5));
    await check('lint', 'lint', minutes(5));
  },
  async () => {
    await check('build', 'build', minutes(5));
    if (scripts['build-storybook']) storybookBuilt = await check('storybook build', 'build-storybook', minutes(10));
  },
]);
// Then the test suites, on the build, longest first. Each listens on free ports of its own and
// writes in folders of its own (the PostgreSQL suite on a cluster of its own); the Chromium
// suites each start their own browser. A time limit is there to stop a hung suite: each is at
// least twice the suite's time on a machine shared with another step.
await inLanes([
  // The same suite on PostgreSQL, but for the files that test one engine or both by themselves.
  () =>
    nodeTests('server tests on PostgreSQL', 'test/server', minutes(30), noPostgres(), {
      engine: 'postgres',
      except: [
        'db.test.ts',
        'migrations.test.ts',
        'postgres.test.ts',
        'query-plans.test.ts',
        'query-plans-postgres.test.ts',
        'fleet.test.ts',
        'storage.test.ts',
        'config.test.ts',
        'passwords.test.ts',
        'openapi.test.ts',
        'boundaries.test.ts',
        'health.test.ts',
        'packages.test.ts',
        'framework-types.test.ts',
        'sdk.test.ts',
      ],
    }),
  // One file at a time here, though many mostly wait (on services they kill and restart, on
  // leases, on child processes) and `npm run test:server` alone runs three at once (292 → 199 s):
  // beside the PostgreSQL suite, three at once made the whole run slower (1,306 s against 1,232 s
  // in a run of the same hour with one; that suite took 510 s against 406 s).
  () => nodeTests('server tests', 'test/server', minutes(25)),
  () => nodeTests('end-to-end tests', 'test/e2e', minutes(25), noBrowser && 'no Chromium'),
  async () => {
    if (!scripts['build-storybook']) return;
    await nodeTests('storybook stories', 'test/storybook', minutes(20), (noBrowser && 'no Chromium') || (!storybookBuilt && 'the Storybook did not build'));
  },
  () => browserTests(minutes(15), noBrowser && 'no Chromium'),
]);

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
process.stdout.write('\n=== Summary ===\n');
const width = Math.max(...results.map((result) => result.name.length));
for (const result of results.toSorted((a, b) => a.started - b.started)) {
  const mark = result.failed ? 'FAIL' : 'ok  ';
  process.stdout.write(
    `${mark} ${result.name.padEnd(width)}  ${result.passed} passed, ${result.failed} failed  ${result.seconds.toFixed(0).padStart(4)} s${result.note ? `  (${result.note})` : ''}\n`,
  );
}
const failures = results.flatMap((result) => (result.failures ?? []).map((failure) => `${result.name}: ${failure}`));
if (failures.length) {
  process.stdout.write('Failed:\n');
  const shown = 30;
  for (const failure of failures.slice(0, shown)) process.stdout.write(`  ${failure}\n`);
  if (failures.length > shown) process.stdout.write(`  … and ${failures.length - shown} more\n`);
}
process.stdout.write(`in ${since(startedAt).toFixed(0)} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
