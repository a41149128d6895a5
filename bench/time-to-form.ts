/**
 * Time to the sign-in form, in Chromium: how long after navigation a client sees the portal's
 * sign-in form (`<portal-session>` with its `<portal-login>`, from the built CDN bundle against
 * the real token service on the same origin), beside a plain form of the same fields built from
 * lit and one element on the same kind of page. The figure is the first animation frame in which
 * the email field has a box, measured in a fresh browser context each run (nothing cached),
 * once over loopback and once with 50 ms added to every request (a client across town).
 *
 * It also sums the layout shifts of the portal page until the firm's name and logo are in (goal:
 * none), and checks that a returning client, reloading a signed-in tab, never sees the form.
 * `BENCH_CDN_DIR` points it at another build of dist/cdn; `BENCH_CDN_BEFORE` at an earlier build
 * to measure beside the current one, run for run (on a busy machine, only figures taken side by
 * side compare).
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import express from 'express';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { createApp } from '../server/src/app.ts';
import { hashPassword } from '../server/src/auth/passwords.ts';
import { silentLogger } from '../server/src/logger.ts';
import { openBenchServices } from './bench-service.ts';
import { percentile, report } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cdnDir = path.resolve(process.env.BENCH_CDN_DIR ?? path.join(root, 'dist/cdn'));
const earlierCdnDir = process.env.BENCH_CDN_BEFORE ? path.resolve(process.env.BENCH_CDN_BEFORE) : undefined;
const runs = Number(process.env.BENCH_RUNS ?? 9);
const email = 'client@bench.test';
const password = 'bench password 1';

// Runs in the page before anything else: watches every frame for the email field (through shadow
// roots) and adds up layout shifts. Plain JavaScript, untouched by the loader that runs this file.
const watchScript = `
window.layoutShift = 0;
window.shifted = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.layoutShift += entry.value;
    for (const source of entry.sources) {
      const node = source.node;
      const name = !node ? '?' : node.nodeType === 1 ? node.localName + (node.getAttribute('part') ? '[part=' + node.getAttribute('part') + ']' : '') : node.nodeName;
      window.shifted.push(name + ' ' + source.previousRect.y + '→' + source.currentRect.y + ' at ' + Math.round(entry.startTime) + ' ms');
    }
  }
}).observe({ type: 'layout-shift', buffered: true });
window.deepQuery = (root, selector) => {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot && window.deepQuery(element.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
};
window.formSeen = false;
// When the script has registered the page's element: what follows is the element's own wait.
window.definedAt = new Promise((resolve) => customElements.whenDefined(window.formTag).then(() => resolve(performance.now())));
window.formShown = new Promise((resolve) => {
  const tick = () => {
    const input = window.deepQuery(document, 'input[type="email"]');
    if (input && input.getBoundingClientRect().height > 0) {
      window.formSeen = true;
      resolve(performance.now());
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
`;

const page = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script>window.formTag = ${JSON.stringify(/^<([a-z-]+)/.exec(body)![1])};${watchScript}</script>
<script type="module" src="${script}"></script>
</head>
<body style="margin: 0; font-family: system-ui, sans-serif">
<main style="max-width: 48rem; margin: 0 auto; padding: 1rem">${body}</main>
</body>
</html>`;

// The same fields as the portal's sign-in, as one Lit element: what lit itself costs.
const plainFormSource = `
import { LitElement, css, html } from 'lit';
class PlainSignIn extends LitElement {
  static styles = css\`:host { display: block; max-width: 28rem; margin-inline: auto } label, input, button { display: block; width: 100% } input { margin-block-end: 1rem }\`;
  render() {
    return html\`<form @submit=\${(event) => event.preventDefault()}>
      <h2>Sign in</h2>
      <label for="email">Email address</label><input id="email" type="email" autocomplete="email" required>
      <label for="password">Password</label><input id="password" type="password" autocomplete="current-password" required>
      <button type="submit">Sign in</button>
    </form>\`;
  }
}
customElements.define('plain-sign-in', PlainSignIn);
`;

async function plainFormBundle(): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: plainFormSource, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

interface Stack {
  url: string;
  close(): Promise<void>;
}

async function startStack(): Promise<Stack> {
  const bench = await openBenchServices();
  let server: Server | undefined;
  try {
    const { services, storage } = bench;
    const plainForm = await plainFormBundle();
    const logo = fs.readFileSync(path.join(root, 'demo/public/assets/logo.svg'));
    const site = express();
    site.get('/bench/portal.html', (_req, res) => {
      res.type('html').send(page('Portal sign-in', '<portal-session firm="bench"></portal-session>', '/cdn/portal.js'));
    });
    site.get('/bench/earlier.html', (_req, res) => {
      res.type('html').send(page('Portal sign-in, earlier build', '<portal-session firm="bench"></portal-session>', '/cdn-before/portal.js'));
    });
    site.get('/bench/plain.html', (_req, res) => res.type('html').send(page('Plain sign-in', '<plain-sign-in></plain-sign-in>', '/bench/plain-form.js')));
    site.get('/bench/plain-form.js', (_req, res) => res.type('text/javascript').send(plainForm));
    site.get('/bench/logo.svg', (_req, res) => res.type('image/svg+xml').send(logo));
    site.use('/cdn', express.static(cdnDir));
    if (earlierCdnDir) site.use('/cdn-before', express.static(earlierCdnDir));
    site.use(createApp(services, { logger: silentLogger }));
    server = site.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await storage.asSystem(async () => {
      const firm = await services.firms.create({
        slug: 'bench',
        name: 'Hale & Whitmore LLP',
        allowedOrigins: [url],
        branding: { logoUrl: `${url}/bench/logo.svg`, colors: { brand: '#1f3a5f', brandContrast: '#ffffff' } },
      });
      await storage.asFirm(firm.id, async () => {
        const contact = await services.repositories.contacts.create(firm.id, { email, name: 'Bench Client' }, new Date().toISOString());
        await services.auth.setPasswordHash(contact.id, await hashPassword(password), new Date().toISOString());
      });
    });
    const listening = server;
    return {
      url,
      async close() {
        listening.closeAllConnections();
        await new Promise((resolve) => listening.close(resolve));
        await bench.close();
      },
    };
  } catch (error) {
    server?.close();
    await bench.close();
    throw error;
  }
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}

interface FormTiming {
  /** From navigation to the first frame with the form. */
  shown: number;
  /** From the element's registration to that frame: the element's own wait, without the script's download and parse. */
  afterDefined: number;
}

async function timeToForm(browser: Browser, url: string, latencyMs: number): Promise<FormTiming> {
  const context = await newContext(browser);
  try {
    const tab = await context.newPage();
    if (latencyMs > 0) {
      // Every request of the page waits latencyMs before its answer starts.
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    }
    await tab.goto(url, { waitUntil: 'commit' });
    const [shown, defined] = (await tab.evaluate('Promise.all([window.formShown, window.definedAt])')) as [number, number];
    return { shown, afterDefined: shown - defined };
  } finally {
    await context.close();
  }
}

/** The portal page's layout shifts from navigation until the firm's name and logo are in. */
async function portalLayoutShift(browser: Browser, url: string): Promise<{ score: number; shifted: string[] }> {
  const context = await newContext(browser);
  try {
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => {
      const deep = (window as unknown as { deepQuery(root: ParentNode, selector: string): Element | null }).deepQuery;
      const logo = deep(document, '[part~="logo"]') as HTMLImageElement | null;
      return deep(document, '[part~="firm-name"]') !== null && logo !== null && logo.complete && deep(document, 'input[type="email"]') !== null;
    });
    // Shifts are reported after the frame that makes them: two frames on, every one is in.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return { score: (await tab.evaluate('window.layoutShift')) as number, shifted: (await tab.evaluate('window.shifted')) as string[] };
  } finally {
    await context.close();
  }
}

/**
 * A returning client: signs in with the form, then reloads the tab twice (the first reload finds
 * the sign-in from the refresh cookie; later ones also know the tab was signed in). True when the
 * form showed at any point of the last reload before the portal did.
 */
async function returningClientSeesForm(browser: Browser, base: string): Promise<boolean> {
  const context = await newContext(browser);
  try {
    const tab = await context.newPage();
    await tab.goto(`${base}/bench/portal.html`);
    const portalShown = () =>
      tab.waitForFunction(() => {
        const deep = (window as unknown as { deepQuery(root: ParentNode, selector: string): Element | null }).deepQuery;
        return deep(document, '[part~="sign-out-button"]') !== null;
      });
    // Through the form, as a client does: the session resumes at a reload only in a browser that signed in.
    await tab.getByLabel('Email address', { exact: true }).fill(email);
    await tab.getByLabel('Password', { exact: true }).fill(password);
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
    await portalShown();
    await tab.reload();
    await portalShown();
    return (await tab.evaluate('window.formSeen')) as boolean;
  } finally {
    await context.close();
  }
}

export async function benchTimeToForm(): Promise<void> {
  if (!fs.existsSync(path.join(cdnDir, 'portal.js'))) throw new Error(`${cdnDir}/portal.js is missing: run \`npm run build\` before this benchmark.`);
  const stack = await startStack();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const pages = { portal: `${stack.url}/bench/portal.html`, plain: `${stack.url}/bench/plain.html`, earlier: `${stack.url}/bench/earlier.html` };
    const measured = earlierCdnDir ? (['portal', 'earlier', 'plain'] as const) : (['portal', 'plain'] as const);
    const rows: [string, string][] = [
      ['runs', `${runs} each, a fresh browser context per run, 1280×800, bundle from ${path.relative(root, cdnDir) || cdnDir}`],
    ];
    if (earlierCdnDir) rows.push(['earlier build', earlierCdnDir]);
    const p50 = (timings: FormTiming[], key: keyof FormTiming) =>
      percentile(
        timings.map((timing) => timing[key]),
        50,
      );
    const figure = (timings: FormTiming[]) =>
      `p50 ${p50(timings, 'shown').toFixed(0)} ms (max ${Math.max(...timings.map((timing) => timing.shown)).toFixed(0)}; ` +
      `${p50(timings, 'afterDefined').toFixed(0)} ms after its element is defined)`;
    for (const latencyMs of [0, 50]) {
      const times = { portal: [] as FormTiming[], plain: [] as FormTiming[], earlier: [] as FormTiming[] };
      // The first round warms up the browser process; it is not counted.
      for (let round = 0; round <= runs; round += 1) {
        for (const name of measured) {
          const timing = await timeToForm(browser, pages[name], latencyMs);
          if (round > 0) times[name].push(timing);
        }
      }
      const network = latencyMs ? `${latencyMs} ms per request` : 'loopback';
      const ratio = p50(times.portal, 'shown') / p50(times.plain, 'shown');
      rows.push([`sign-in form, ${network}`, `portal ${figure(times.portal)}`]);
      if (earlierCdnDir) rows.push([`  earlier build`, `portal ${figure(times.earlier)}`]);
      rows.push([`  lit + one form element`, `${figure(times.plain)}; the portal takes ×${ratio.toFixed(2)}`]);
    }
    const shift = await portalLayoutShift(browser, pages.portal);
    rows.push(['layout shift until name and logo are in', `${shift.score.toFixed(4)} (goal 0)${shift.shifted.length ? `: ${shift.shifted.join('; ')}` : ''}`]);
    const flashed = await returningClientSeesForm(browser, stack.url);
    rows.push(['returning client (reload) sees the form', flashed ? 'yes' : 'no (goal: no)']);
    report('time to the sign-in form (<portal-session> in Chromium)', rows);
  } finally {
    await browser.close();
    await stack.close();
  }
}
