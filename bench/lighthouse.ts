/**
 * Lighthouse (its default mobile profile: a mid-range phone on a slow 4G link, simulated) on the
 * demo's signed-out client portal page, as `npm start` serves it: the performance score, first
 * contentful paint, and the accessibility and best-practices scores. Runs `scripts/start.mjs` on
 * free ports with a throwaway data folder, so it measures what a newcomer gets. `BENCH_RUNS`
 * (default 3) runs; the median run is reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { report } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` on its own ports and data folder; resolves once it says it is running. */
async function startPortal(): Promise<{ child: ChildProcess; demoUrl: string; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-lighthouse-'));
  const [port, demoPort] = [await freePort(), await freePort()];
  const env = { ...process.env, PORT: String(port), DEMO_PORT: String(demoPort), DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}` };
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in 300 s:\n${output}`)), 300_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Portico is running.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return { child, demoUrl: `http://localhost:${demoPort}`, dataDir };
}

interface Audit {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  transferKiB: number;
  /** The titles of the audits that cost the scores something (performance, best practices). */
  missed: string[];
  /** What moved, when something did: the elements of the largest layout shifts and their scores. */
  shifts: string[];
}

/** One item of Lighthouse's `layout-shifts` audit. */
interface LayoutShift {
  score: number;
  node?: { selector?: string; snippet?: string };
}

async function audit(url: string, chromePath: string): Promise<Audit> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: chromiumArgs });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const lhr = result!.lhr;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? NaN,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      transferKiB: (lhr.audits['total-byte-weight']?.numericValue ?? NaN) / 1024,
      missed: ['performance', 'best-practices'].flatMap((category) =>
        (lhr.categories[category]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
          .map((ref) => `${lhr.audits[ref.id]!.title} (${lhr.audits[ref.id]!.displayValue ?? `score ${lhr.audits[ref.id]!.score}`})`),
      ),
      shifts: ((lhr.audits['layout-shifts']?.details as { items?: LayoutShift[] } | undefined)?.items ?? [])
        .slice(0, 3)
        .map((shift) => `${shift.node?.selector ?? shift.node?.snippet ?? 'an element'} (${shift.score.toFixed(3)})`),
    };
  } finally {
    await chrome.kill();
  }
}

export async function benchLighthouse(): Promise<void> {
  const chromePath = findChromium({ install: false });
  const portal = await startPortal();
  try {
    const results: Audit[] = [];
    for (let run = 0; run < runs; run++) results.push(await audit(`${portal.demoUrl}/portal/`, chromePath));
    results.sort((a, b) => a.performance - b.performance);
    const median = results[Math.floor(results.length / 2)]!;
    report(`Lighthouse 12, mobile profile, signed-out /portal/ of the demo (median of ${runs} runs; goal: performance ≥ 95)`, [
      ['performance', `${median.performance} (runs: ${results.map((r) => r.performance).join(', ')})`],
      ['first contentful paint', `${(median.fcpMs / 1000).toFixed(2)} s`],
      ['largest contentful paint', `${(median.lcpMs / 1000).toFixed(2)} s`],
      ['accessibility', String(median.accessibility)],
      ['best practices', String(median.bestPractices)],
      ['bytes transferred', `${median.transferKiB.toFixed(1)} KiB`],
      ...median.missed.map((title): [string, string] => ['audit below 0.9', title]),
      ...median.shifts.map((shift): [string, string] => ['layout shift', shift]),
    ]);
  } finally {
    portal.child.kill('SIGTERM');
    await new Promise((resolve) => portal.child.once('exit', resolve));
    fs.rmSync(portal.dataDir, { recursive: true, force: true });
  }
}
