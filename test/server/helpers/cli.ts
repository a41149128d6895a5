import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCliArgs, compiledCliIsCurrent } from '../../compiled-cli.ts';
import { databaseEnv } from './engine.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const porticoBin = path.join(repoRoot, 'server', 'bin', 'portico.mjs');

/**
 * Node's arguments that run `portico …args` in a process of its own, for what the service does as
 * a process (killed, restarted, one of a fleet): the compiled CLI when `npm run build` made it after
 * the last change to server/src (as an installed package runs it, and ready in a third of the
 * time), else the sources through server/bin/portico.mjs. Tests of the binary itself run `porticoBin`.
 */
export function porticoProcessArgs(args: string[]): string[] {
  return compiledCliIsCurrent() ? compiledCliArgs(args) : [porticoBin, ...args];
}

/** Variables the service reads; the spawned CLI must see only the ones a test sets. */
const configVariables = [
  'PORT',
  'DEMO_PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'SECRETS_KEY',
  'PUBLIC_URL',
  'PAYMENTS',
  'BANK_LINK',
  'MAIL',
  'SMTP_URL',
  'MAIL_FROM',
  'STRIPE_SECRET_KEY',
  'STRIPE_PUBLISHABLE_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'PLAID_CLIENT_ID',
  'PLAID_SECRET',
  'PLAID_ENV',
  'TRUST_PROXY',
  'SCANNER',
  'NODE_ENV',
  'NODE_TEST_CONTEXT',
];

export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of configVariables) delete base[name];
  return { ...base, ...env };
}

/**
 * `env` with the store of its DATA_DIR on the engine under test: on PostgreSQL the folder's own
 * database (`DATABASE_URL`, the same for every process on that folder) unless the test names one.
 */
export async function withDatabase(env: Record<string, string>): Promise<Record<string, string>> {
  if (env.DATABASE_URL !== undefined || env.DATA_DIR === undefined) return env;
  return { ...(await databaseEnv(env.DATA_DIR)), ...env };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from start to finish, in milliseconds. */
  ms: number;
}

/**
 * Runs `portico …args` to completion in this process, through the CLI's `main` (on DATA_DIR's
 * store, see `withDatabase`), with the environment a spawned CLI would see; fails after `timeoutMs`.
 * An error `main` throws comes out as a process would show it: its stack on stderr, exit code 1.
 * `serve` and `worker` stop by themselves at `timeoutMs`, as if signalled.
 */
export async function runCli(args: string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<CliResult> {
  const { main } = await import('../../../server/src/cli.ts');
  const timeoutMs = options.timeoutMs ?? 20_000;
  const cliEnvironment = cliEnv(await withDatabase(env));
  let stdout = '';
  let stderr = '';
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`portico ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`)),
      timeoutMs,
    );
  });
  const run = main(args, {
    env: cliEnvironment,
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    stopRequested: () => new Promise((resolve) => setTimeout(resolve, timeoutMs / 2, 'time limit').unref()),
  }).catch((error: unknown) => {
    stderr += `${error instanceof Error ? error.stack : String(error)}\n`;
    return 1;
  });
  try {
    const code = await Promise.race([run, timedOut]);
    return { code, signal: null, stdout, stderr, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `node server/bin/portico.mjs …args` to completion as its own process (on DATA_DIR's store,
 * see `withDatabase`); kills it after `timeoutMs`. For what only a process shows: exit codes,
 * signals, the binary itself.
 */
export async function runCliProcess(args: string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<CliResult> {
  const childEnv = cliEnv(await withDatabase(env));
  const started = Date.now();
  const child = spawn(process.execPath, [porticoBin, ...args], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Runs `script` (an ES module, TypeScript through tsx) in a process of its own from the
 * repository's root and returns what its last line printed, as JSON. For what only a fresh process
 * shows: which modules it loads, what is read once at load, two instances at once.
 */
export function runScript<T>(script: string, options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<T> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: repoRoot, env: options.env, timeout: options.timeoutMs },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T)),
    ),
  );
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `portico serve …args` (on DATA_DIR's store, see `withDatabase`) and waits until it prints `listening on`. */
export function startServe(args: string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<ServeProcess> {
  return startCommand(['serve', ...args], env, 'listening on', options);
}

/** Starts `portico worker` (on DATA_DIR's store) and waits until it says it is running. */
export function startWorkerCommand(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<ServeProcess> {
  return startCommand(['worker'], env, 'worker running', options);
}

async function startCommand(args: string[], env: Record<string, string>, ready: string, options: { timeoutMs?: number }): Promise<ServeProcess> {
  const port = Number(env.PORT);
  const child = spawn(process.execPath, [porticoBin, ...args], { cwd: repoRoot, env: cliEnv(await withDatabase(env)), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} did not start within ${options.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${code ?? signal}) before it was ready\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  return { child, baseUrl: `http://127.0.0.1:${port}`, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Matches the frames of a JavaScript stack trace. */
export const stackTrace = /^\s+at .+(:\d+:\d+\)?|\(node:)/m;
