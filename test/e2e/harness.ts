/**
 * End-to-end harness: runs the real token service (compiled, as an installed package runs it) and
 * the demo firm site as child processes on free ports with a throwaway data folder, and drives the
 * demo in Chromium, collecting page errors, console errors and Content-Security-Policy violations
 * so a test can assert there were none.
 */
import type * as AxeCore from 'axe-core';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { compiledCliArgs, compiledCliIsCurrent } from '../compiled-cli.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readyTimeoutMs = 45_000;
/** How long a locator may take to appear: generous, for a loaded two-core CI machine. */
export const uiTimeoutMs = 15_000;

export const demoPassword = 'portico-demo';
export const demoClients = { alex: 'alex@example.com', jordan: 'jordan@example.com' } as const;

/** Asks the OS for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Child {
  name: string;
  process: ChildProcess;
  output: string[];
  exited: Promise<void>;
  hasExited: boolean;
}

const running = new Set<Child>();

// A test file that is interrupted or crashes must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.process.kill('SIGKILL');
});

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry: Child = { name, process: child, output: [], hasExited: false, exited: Promise.resolve() };
  const keep = (chunk: Buffer) => {
    entry.output.push(chunk.toString('utf8'));
    if (entry.output.length > 400) entry.output.splice(0, entry.output.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  entry.exited = new Promise((resolve) => {
    child.on('exit', () => {
      entry.hasExited = true;
      running.delete(entry);
      resolve();
    });
    child.on('error', (error) => {
      entry.output.push(`could not start: ${error.message}\n`);
      entry.hasExited = true;
      running.delete(entry);
      resolve();
    });
  });
  running.add(entry);
  return entry;
}

async function stopChild(child: Child): Promise<void> {
  if (child.hasExited) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Waits for `child` to say `listening` (its own line: another process that took the port
 * meanwhile would answer `url` too, as a port from freePort() is free only until somebody else
 * binds it) and then to answer `url`.
 */
async function waitForAnswer(child: Child, listening: string, url: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited) throw new Error(`the ${child.name} exited before answering:\n${child.output.join('')}`);
    if (child.output.join('').includes(listening) && (await answers(url))) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the ${child.name} did not answer ${url} within ${readyTimeoutMs / 1000} s:\n${child.output.join('')}`);
}

export interface Stack {
  /** The token service, e.g. http://localhost:41234. */
  serviceUrl: string;
  /** The demo firm site, e.g. http://localhost:41235. */
  demoUrl: string;
  /** The demo site's page that embeds the portal. */
  portalUrl: string;
  /** The demo site's development outbox page. */
  outboxUrl: string;
  dataDir: string;
  /** The environment both servers run with. */
  env: NodeJS.ProcessEnv;
  /** Runs `portico …` against the same data folder; rejects with its output when it fails. */
  cli(args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** What both servers printed so far (the last `lines` of each), for a failure message. */
  logs(lines?: number): string;
  /** Stops both servers and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the token service (seeded with the demo firm unless told otherwise) and the demo site,
 * and resolves once both answer. On failure nothing is left running.
 */
export async function startStack(options: { seedDemo?: boolean; env?: Record<string, string> } = {}): Promise<Stack> {
  const bundle = path.join(root, 'dist/cdn/portal.js');
  if (!(await fs.stat(bundle).catch(() => null))) {
    throw new Error('The component bundle dist/cdn/portal.js is missing: run `npm run build` first.');
  }
  // The service runs as an installed package runs it, from its compiled bundle.
  if (!compiledCliIsCurrent()) {
    throw new Error('The compiled service server/dist/bundle is missing or older than server/src: run `npm run build` first.');
  }
  const [port, demoPort] = await Promise.all([freePort(), freePort()]);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'portico-e2e-'));
  const serviceUrl = `http://localhost:${port}`;
  const demoUrl = `http://localhost:${demoPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEMO_PORT: String(demoPort),
    PUBLIC_URL: serviceUrl,
    DATA_DIR: dataDir,
    MAIL: 'outbox',
    PAYMENTS: 'sandbox',
    BANK_LINK: 'sandbox',
    NODE_ENV: 'development',
    ...options.env,
  };

  const service = startChild('token service', compiledCliArgs(['serve', ...(options.seedDemo === false ? [] : ['--seed-demo'])]), env);
  const demo = startChild('demo site', ['--import', 'tsx', 'demo/server.ts'], env);
  const logs = (lines = Infinity) =>
    [service, demo].map((child) => `--- ${child.name} ---\n${child.output.join('').split('\n').slice(-lines).join('\n')}`).join('\n');

  const stop = async () => {
    await Promise.all([stopChild(service), stopChild(demo)]);
    await fs.rm(dataDir, { recursive: true, force: true });
  };

  try {
    await Promise.all([
      waitForAnswer(service, `(port ${port},`, `${serviceUrl}/healthz`),
      waitForAnswer(demo, `listening on http://localhost:${demoPort} `, `${demoUrl}/`),
    ]);
    const sdk = await fetch(`${serviceUrl}/sdk/portal.js`);
    if (!sdk.ok) throw new Error(`The service answers ${sdk.status} for /sdk/portal.js: ${await sdk.text()}`);
  } catch (error) {
    await stop();
    throw error;
  }

  const cli = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, compiledCliArgs(args), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve({ stdout, stderr });
        else reject(new Error(`portico ${args.join(' ')} exited with ${code}:\n${stdout}${stderr}`));
      });
    });

  return { serviceUrl, demoUrl, portalUrl: `${demoUrl}/portal/`, outboxUrl: `${demoUrl}/dev/outbox`, dataDir, env, cli, logs, stop };
}

/** Launches the system Chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs, timeout: 60_000 });
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  line: number;
  sample: string;
  page: string;
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  pageErrors: string[];
  consoleErrors: string[];
  cspViolations: CspViolation[];
  failedRequests: string[];
  /** Fails with every page error, unexpected console error and CSP violation seen so far. */
  assertClean(): void;
  /** Forgets what was seen so far, for a page used again for another check. */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Chromium logs a failed fetch as a console error. These are answers the portal expects (no
 * session yet, a wrong password) and handles on the page.
 */
export const expectedConsoleErrors: RegExp[] = [/the server responded with a status of 401\b/];

declare global {
  interface Window {
    __porticoCspViolation?: (violation: Omit<CspViolation, 'page'>) => void;
  }
}

/** A fresh browser context and page that records what would go wrong in a real visitor's browser. */
export async function watchPage(browser: Browser, options: { allowConsole?: RegExp[]; contextOptions?: BrowserContextOptions } = {}): Promise<WatchedPage> {
  const allowed = [...expectedConsoleErrors, ...(options.allowConsole ?? [])];
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options.contextOptions });
  context.setDefaultTimeout(uiTimeoutMs);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const cspViolations: CspViolation[] = [];
  const failedRequests: string[] = [];

  await context.exposeBinding('__porticoCspViolation', ({ frame }, violation: Omit<CspViolation, 'page'>) => {
    cspViolations.push({ ...violation, page: frame.url() });
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        window.__porticoCspViolation?.({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sourceFile: event.sourceFile,
          line: event.lineNumber,
          sample: event.sample,
        });
      },
      true,
    );
  });

  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (allowed.some((pattern) => pattern.test(text))) return;
    const where = message.location().url;
    consoleErrors.push(where ? `${text} (${where})` : text);
  });
  page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));

  return {
    page,
    context,
    pageErrors,
    consoleErrors,
    cspViolations,
    failedRequests,
    assertClean() {
      const problems = [
        ...pageErrors.map((error) => `page error: ${error}`),
        ...consoleErrors.map((error) => `console error: ${error}`),
        ...cspViolations.map((v) => `CSP violation on ${v.page}: ${v.directive} blocked ${v.blockedURI || v.sample || 'inline'} (${v.sourceFile}:${v.line})`),
      ];
      if (problems.length && failedRequests.length) problems.push(...failedRequests.map((request) => `failed request: ${request}`));
      assert.deepEqual(problems, [], `The page had problems:\n${problems.join('\n')}`);
    },
    clear() {
      for (const seen of [pageErrors, consoleErrors, cspViolations, failedRequests]) seen.length = 0;
    },
    async close() {
      await context.close();
    },
  };
}

/** Waits until the locator is visible, with the harness's timeout. */
export async function visible(locator: Locator, timeout = uiTimeoutMs): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout });
  return locator;
}

/** Waits until the locator is hidden or gone. */
export async function hidden(locator: Locator, timeout = uiTimeoutMs): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

const axeSource = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

/**
 * Runs axe-core (WCAG 2.2 A and AA, and best practices) on the page and fails with every
 * violation. Injecting axe is an inline script: use a context made with `bypassCSP: true`.
 * `within` checks one element's subtree only, against WCAG alone: the page-level best practices
 * (one main landmark, a level-one heading) are the page's, not a fragment's.
 */
export async function assertAccessible(page: Page, what: string, { within }: { within?: string } = {}): Promise<void> {
  // A page may have loaded axe already (from a URL it caches, say).
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async (selector) => {
    const { axe } = window as unknown as { axe: typeof AxeCore };
    const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
    const results = await axe.run(selector ?? document, {
      runOnly: { type: 'tag', values: selector ? wcag : [...wcag, 'best-practice'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)).slice(0, 5),
    }));
  }, within);
  const lines = violations.map((v) => `${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`);
  assert.deepEqual(lines, [], `Accessibility problems on ${what}:\n${lines.join('\n')}`);
}

/**
 * Adds what the browser and the servers saw to a failure (a timeout alone rarely says why):
 * the page's errors and failed requests, and the end of both servers' output.
 */
export function withLogs(error: unknown, stack: Stack, watched?: WatchedPage): unknown {
  if (!(error instanceof Error)) return error;
  if (watched) {
    const seen = [...watched.pageErrors, ...watched.consoleErrors, ...watched.failedRequests];
    if (seen.length) error.message += `\n\nIn the browser:\n${seen.join('\n')}`;
  }
  error.message += `\n\nServer output (last lines):\n${stack.logs(40)}`;
  return error;
}

/** Creates an API key for the demo firm and returns a fetch for the firm-side API. */
export async function adminApi(stack: Stack, firm = 'demo') {
  const { stdout } = await stack.cli(['apikey', 'create', '--firm', firm]);
  const key = stdout.match(/pk_[A-Za-z0-9_-]+/)?.[0];
  assert.ok(key, `no API key in the CLI's output: ${stdout}`);
  return async <T = unknown>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${stack.serviceUrl}/api/v1/admin${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
