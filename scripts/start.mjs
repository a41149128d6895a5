// `npm start`: builds the components when the bundle is missing or stale, then runs the token
// service (seeded with the demo firm) and the demo firm's website side by side until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// What the build makes, and what it is made from (the components and the demo's framework examples).
const builtFiles = ['dist/cdn/portal.js', 'demo/build/examples/react.js', 'demo/build/examples/vue.js'].map((file) => path.join(root, file));
const sourceDirs = ['components', 'demo/examples'];
const readyTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;

const env = { ...process.env, DATA_DIR: process.env.DATA_DIR || './data' };
const servicePort = env.PORT || '8787';
const demoPort = env.DEMO_PORT || '8080';
const serviceUrl = (env.PUBLIC_URL || `http://localhost:${servicePort}`).replace(/\/+$/, '');
const demoUrl = `http://localhost:${demoPort}`;

function fail(message) {
  process.stderr.write(`\nnpm start: ${message}\n`);
  process.exit(1);
}

function buildIfStale() {
  const built = Math.min(...builtFiles.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)));
  const sources = Math.max(...sourceDirs.map((dir) => newestMtime(path.join(root, dir))));
  const reason = !built ? 'not built yet' : sources > built ? 'sources changed' : '';
  if (!reason) return;
  process.stdout.write(`Building the components (${reason})…\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, env, stdio: 'inherit' });
  if (result.error) fail(`could not run the build: ${result.error.message}`);
  if (result.status !== 0) fail('the build failed (see above); nothing was started.');
}

/** A child whose output is shown with a prefix and whose last lines are kept for a failure report. */
function startChild(name, args) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const info = { name, child, lastLines: [], exited: false };
  const relay = (stream, target) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        target.write(`[${name}] ${line}\n`);
        info.lastLines.push(line);
        if (info.lastLines.length > 15) info.lastLines.shift();
      }
    });
    stream.on('end', () => {
      if (partial) {
        target.write(`[${name}] ${partial}\n`);
        info.lastLines.push(partial);
      }
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  info.done = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      info.exited = true;
      resolve({ code, signal });
    });
    child.on('error', (error) => {
      info.lastLines.push(error.message);
      info.exited = true;
      resolve({ code: null, signal: null, error });
    });
  });
  return info;
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Tries the IPv4 loopback and `localhost`, whichever the server listens on. */
async function waitUntilAnswering(port, pathname, child) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exited) return false;
    if ((await answers(`http://127.0.0.1:${port}${pathname}`)) || (await answers(`http://localhost:${port}${pathname}`))) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function stop(info) {
  if (info.exited) return;
  info.child.kill('SIGTERM');
  const timer = setTimeout(() => info.child.kill('SIGKILL'), stopTimeoutMs);
  await info.done;
  clearTimeout(timer);
}

buildIfStale();

const children = [];
let stopping = false;

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map(stop));
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!stopping) process.stdout.write(`\nStopping the token service and the demo site…\n`);
    shutdown(0);
  });
}

/** Starts a child and, should it stop on its own, stops the other one and exits non-zero. */
function supervise(name, args) {
  const info = startChild(name, args);
  children.push(info);
  info.done.then(async ({ code, signal }) => {
    // A terminal's Ctrl-C reaches the children too: give our own signal handler a moment to run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (stopping) return;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = info.lastLines.length ? `\n  ${info.lastLines.slice(-8).join('\n  ')}` : '';
    process.stderr.write(`\nnpm start: the ${info.name === 'service' ? 'token service' : 'demo site'} ${how}:${tail}\n`);
    await shutdown(1);
  });
  return info;
}

// The service first: it checks the configuration and reports a bad value by name.
const service = supervise('service', ['server/bin/portico.mjs', 'serve', '--seed-demo']);
const serviceReady = await waitUntilAnswering(servicePort, '/healthz', service);
const demo = serviceReady && !stopping ? supervise('demo', ['--import', 'tsx', 'demo/server.ts']) : null;
const demoReady = demo ? await waitUntilAnswering(demoPort, '/', demo) : false;

// A child that stopped on its own is reported by supervise(); what is left is a child that hangs.
if (!stopping && !children.some((info) => info.exited)) {
  if (!serviceReady || !demoReady) {
    const which = [!serviceReady && `the token service (port ${servicePort})`, !demoReady && `the demo site (port ${demoPort})`].filter(Boolean);
    process.stderr.write(`\nnpm start: ${which.join(' and ')} did not answer within ${readyTimeoutMs / 1000} s.\n`);
    await shutdown(1);
  } else {
    process.stdout.write(
      [
        '',
        'Portico is running.',
        `  Token service   ${serviceUrl}`,
        `  Demo firm site  ${demoUrl}`,
        `  Client portal   ${demoUrl}/portal/   (and under a strict CSP: ${demoUrl}/strict/)`,
        `  Single sign-on  ${demoUrl}/sso/   (signed in from the firm's own website, no portal password)`,
        `  Embedding       ${demoUrl}/examples/plain.html, react.html, vue.html`,
        ...(env.NODE_ENV === 'production' ? [] : [`  Outbox          ${demoUrl}/dev/outbox   (emails the service has sent)`]),
        '',
        'Sign in to the demo portal as alex@example.com / portico-demo',
        '  (or jordan@example.com, same password: another client with data of their own).',
        `Data is kept in ${path.resolve(root, env.DATA_DIR)}. Press Ctrl-C to stop.`,
        '',
      ].join('\n'),
    );
  }
}
