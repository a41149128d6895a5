/**
 * `<portal-invoices>` with 5,000 invoices, in Chromium, from the built CDN bundle
 * (dist/cdn/portal.js; run `npm run build` first): the time from creating the element to its
 * first rows painted, and how many row elements the DOM holds then and after scrolling to the end.
 * The client's `fetch` is a stand-in that answers at once with all 5,000 invoices, so the figure
 * is the browser's work (parsing the answer, rendering, layout) rather than the network's.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { percentile, report } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/cdn/portal.js');
const invoiceCount = 5_000;
const runs = 7;

// The page's script is plain JavaScript text: it runs in the browser as written, untouched by the
// TypeScript loader that runs this file.
const measureScript = `
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

function invoiceList(count) {
  const statuses = ['open', 'paid', 'partially_paid', 'overdue', 'paid', 'void'];
  return Array.from({ length: count }, (_, n) => {
    const total = 10000 + ((n * 7919) % 500000);
    const status = statuses[n % statuses.length];
    const balance = status === 'paid' || status === 'void' ? 0 : status === 'partially_paid' ? Math.floor(total / 2) : total;
    const day = (offset) => new Date(Date.UTC(2026, 0, 1) - (n - offset) * 86400000).toISOString().slice(0, 10);
    return {
      id: 'inv_' + n, number: 'INV-' + (100000 + n), matter: 'Matter ' + (n % 17) + ': Morgan v. Castellan Property Group',
      contactId: 'con_bench', issuedOn: day(0), dueOn: day(30), currency: 'USD',
      depositAccount: n % 9 === 0 ? 'trust' : 'operating', status, total,
      amountPaid: total - balance, amountPending: 0, balance, openBalance: balance,
    };
  });
}

window.measureInvoicesRender = async (count) => {
  const { ApiClient } = await import('/portal.js');
  const page = JSON.stringify({ data: invoiceList(count), nextCursor: null });
  const signIn = JSON.stringify({
    accessToken: 'bench', tokenType: 'Bearer', expiresIn: 600,
    contact: { id: 'con_bench', firmId: 'firm_bench', email: 'bench@example.com', name: 'Bench' },
  });
  const answer = (body) => Promise.resolve(new Response(body, { headers: { 'Content-Type': 'application/json' } }));
  const client = new ApiClient({
    baseUrl: 'http://service.invalid',
    firm: 'bench',
    fetch: (input) => answer(new URL(input).pathname.endsWith('/auth/refresh') ? signIn : page),
  });
  // Signed in beforehand, so that the figure is the element's own work.
  await client.auth.refresh();

  const started = performance.now();
  const list = document.createElement('portal-invoices');
  list.setAttribute('page-size', '200');
  list.client = client;
  document.querySelector('main').append(list);
  const rows = () => list.shadowRoot.querySelectorAll('[part~="row"]');
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (rows().length === 0) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(list.shadowRoot, { childList: true, subtree: true });
  });
  // The rows are in the DOM: the next frame paints them, and a task queued from its
  // animation-frame callback runs once that frame is done.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const firstRenderMs = performance.now() - started;
  const firstRows = rows().length;

  let lastRowIndex = 0;
  for (let attempt = 0; attempt < 120 && lastRowIndex < count + 1; attempt += 1) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await frame();
    lastRowIndex = Math.max(0, ...[...rows()].map((row) => Number(row.getAttribute('aria-rowindex'))));
  }
  return { firstRenderMs, rows: firstRows, rowsAfterScroll: rows().length, lastRowIndex };
};
`;

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>portal-invoices render benchmark</title></head>
<body style="margin: 0; font-family: system-ui, sans-serif">
<main style="max-width: 72rem; margin: 0 auto; padding: 1rem"></main>
<script type="module">${measureScript}</script>
</body>
</html>`;

interface Measurement {
  firstRenderMs: number;
  rows: number;
  rowsAfterScroll: number;
  lastRowIndex: number;
}

function serve(): Promise<http.Server> {
  const script = fs.readFileSync(bundle);
  const server = http.createServer((request, response) => {
    if (request.url === '/portal.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      response.end(script);
    } else if (request.url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function benchInvoicesRender(): Promise<void> {
  if (!fs.existsSync(bundle)) throw new Error('dist/cdn/portal.js is missing: run `npm run build` before this benchmark.');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const measurements: Measurement[] = [];
    // The first run warms up the browser's caches and compiler; it is not counted.
    for (let run = 0; run <= runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      await tab.goto(url);
      await tab.waitForFunction('typeof window.measureInvoicesRender === "function"');
      const measurement = (await tab.evaluate(`window.measureInvoicesRender(${invoiceCount})`)) as Measurement;
      await context.close();
      if (run > 0) measurements.push(measurement);
    }
    const times = measurements.map((m) => m.firstRenderMs);
    const rows = Math.max(...measurements.map((m) => m.rows));
    const rowsAfterScroll = Math.max(...measurements.map((m) => m.rowsAfterScroll));
    const reachedEnd = measurements.every((m) => m.lastRowIndex === invoiceCount + 1);
    report('invoices render (<portal-invoices>, Chromium)', [
      ['invoices', `${invoiceCount.toLocaleString('en-US')} in one answer, 1280×800 viewport, ${runs} runs`],
      ['first render p50 / max', `${percentile(times, 50).toFixed(1)} ms / ${Math.max(...times).toFixed(1)} ms (goal ≤ 100 ms)`],
      ['row elements in the DOM', `${rows} at first render, ${rowsAfterScroll} after scrolling to the end (goal ≤ 100)`],
      ['last row rendered after scrolling', reachedEnd ? `row ${invoiceCount.toLocaleString('en-US')} of ${invoiceCount.toLocaleString('en-US')}` : 'not reached'],
    ]);
  } finally {
    await browser.close();
    server.close();
  }
}
