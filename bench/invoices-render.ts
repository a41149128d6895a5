/**
 * `<portal-invoices>` with 5,000 invoices, in Chromium, from the built CDN bundle
 * (dist/cdn/portal.js; run `npm run build` first): the time from creating the element to its
 * first rows painted, and the most row elements the DOM holds while the list is scrolled to its
 * end. The client's `fetch` is a stand-in that answers at once, so the figure is the browser's
 * work (parsing the answer, rendering, layout) rather than the network's. Three cases: all 5,000
 * in one answer on a fresh page (the first use of Intl and of the element's templates and styles
 * count too); the same on a page that has rendered the list before; and pages, as the
 * service sends them (50 at a time, the element's default), on a fresh page.
 */
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { assertBundleBuilt, serveBundlePage } from './bundle-page.ts';
import { percentile, report } from './report.ts';

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

window.measureInvoicesRender = async (count, paged) => {
  const { ApiClient } = await import('/api-client.js');
  // The element's chunk is loaded before the clock starts, as the whole bundle used to be.
  await (await import('/portal.js')).load('portal-invoices');
  const invoices = invoiceList(count);
  // Either every invoice in one answer, or pages as the service sends them (the element asks
  // for 50 at a time). Answers are encoded ahead, as bytes off the network would be: the page
  // only parses them.
  const encode = (value) => new TextEncoder().encode(JSON.stringify(value));
  const whole = encode({ data: invoices, nextCursor: null });
  const pages = new Map();
  const pageOf = (url) => {
    const start = Number(url.searchParams.get('cursor') || 0);
    const limit = Math.min(200, Number(url.searchParams.get('limit') || 50));
    const key = start + '/' + limit;
    if (!pages.has(key)) {
      const next = start + limit < count ? String(start + limit) : null;
      pages.set(key, encode({ data: invoices.slice(start, start + limit), nextCursor: next }));
    }
    return pages.get(key);
  };
  if (paged) pageOf(new URL('http://service.invalid/api/v1/invoices?limit=50'));
  const signIn = encode({
    accessToken: 'bench', tokenType: 'Bearer', expiresIn: 600,
    contact: { id: 'con_bench', firmId: 'firm_bench', email: 'bench@example.com', name: 'Bench' },
  });
  // The balance due that the list shows above it, as the service sums it.
  const unpaid = invoices.filter((invoice) => invoice.balance > 0);
  const outstanding = encode({
    invoiceIds: unpaid.map((invoice) => invoice.id),
    amount: unpaid.reduce((sum, invoice) => sum + invoice.balance, 0),
    currency: 'USD',
    processing: null,
  });
  const answer = (bytes) => Promise.resolve(new Response(bytes, { headers: { 'Content-Type': 'application/json' } }));
  const client = new ApiClient({
    baseUrl: 'http://service.invalid',
    firm: 'bench',
    fetch: (input) => {
      const url = new URL(input);
      if (url.pathname.endsWith('/auth/refresh')) return answer(signIn);
      if (url.pathname.endsWith('/invoices/outstanding')) return answer(outstanding);
      return answer(paged ? pageOf(url) : whole);
    },
  });
  // Signed in beforehand, so that the figure is the element's own work.
  await client.auth.refresh();
  document.querySelector('main').replaceChildren();
  window.scrollTo(0, 0);
  await frame();

  const started = performance.now();
  const list = document.createElement('portal-invoices');
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

  // Scrolls to the end, again and again while further pages load, until the last row shows.
  let lastRowIndex = 0;
  let mostRows = firstRows;
  const scrollStarted = performance.now();
  let frames = 0;
  for (; frames < 2000 && lastRowIndex < count + 1; frames += 1) {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await frame();
    mostRows = Math.max(mostRows, rows().length);
    lastRowIndex = Math.max(0, ...[...rows()].map((row) => Number(row.getAttribute('aria-rowindex'))));
  }
  return { firstRenderMs, rows: firstRows, mostRows, lastRowIndex, framesToEnd: frames, msToEnd: performance.now() - scrollStarted };
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
  /** Row elements at first render. */
  rows: number;
  /** The most row elements at any frame while scrolling to the end. */
  mostRows: number;
  /** The `aria-rowindex` of the last row rendered (the header row is 1). */
  lastRowIndex: number;
  /** Frames of scrolling to the end (the page's end, once a frame) until the last row showed. */
  framesToEnd: number;
  /** The time those frames took. */
  msToEnd: number;
}

interface Scenario {
  label: string;
  paged: boolean;
  /** Measured a second time in the same page: the browser's caches, Intl data and templates warm. */
  warm: boolean;
}

const scenarios: Scenario[] = [
  { label: 'one answer of 5,000, fresh page', paged: false, warm: false },
  { label: 'one answer of 5,000, page already used', paged: false, warm: true },
  { label: 'pages of 50 (the default), fresh page', paged: true, warm: false },
];

export async function benchInvoicesRender(): Promise<void> {
  assertBundleBuilt();
  const server = await serveBundlePage(page);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const results = new Map<Scenario, Measurement[]>(scenarios.map((scenario) => [scenario, []]));
    // The first round warms up the browser process (compilers, caches on disk); it is not counted.
    for (let round = 0; round <= runs; round += 1) {
      for (const scenario of scenarios) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const tab = await context.newPage();
        // A figure from an element that failed is no figure: an error on the page stops the bench.
        const pageErrors: Error[] = [];
        tab.on('pageerror', (error) => pageErrors.push(error));
        await tab.goto(url);
        await tab.waitForFunction('typeof window.measureInvoicesRender === "function"');
        const measure = () => tab.evaluate(`window.measureInvoicesRender(${invoiceCount}, ${scenario.paged})`) as Promise<Measurement>;
        let measurement = await measure();
        if (scenario.warm) measurement = await measure();
        await context.close();
        if (pageErrors.length) throw new Error(`the page failed while measuring "${scenario.label}": ${pageErrors[0]!.stack ?? pageErrors[0]!.message}`);
        if (round > 0) results.get(scenario)!.push(measurement);
      }
    }
    const rows: [string, string][] = [['invoices', `${invoiceCount.toLocaleString('en-US')}, 1280×800 viewport, ${runs} runs each`]];
    for (const [scenario, measurements] of results) {
      const times = measurements.map((m) => m.firstRenderMs);
      const firstRows = Math.max(...measurements.map((m) => m.rows));
      const mostRows = Math.max(...measurements.map((m) => m.mostRows));
      const reachedEnd = measurements.every((m) => m.lastRowIndex === invoiceCount + 1);
      rows.push([
        `first render: ${scenario.label}`,
        `p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (goal ≤ 100 ms); ` +
          `${firstRows} row elements at first, at most ${mostRows} scrolling to the end (goal ≤ 100)` +
          (reachedEnd
            ? `; the last row in ${percentile(
                measurements.map((m) => m.framesToEnd),
                50,
              )} frames, ${(
                percentile(
                  measurements.map((m) => m.msToEnd),
                  50,
                ) / 1000
              ).toFixed(1)} s (p50) of holding End`
            : '; the last row never rendered'),
      ]);
    }
    report('invoices render (<portal-invoices> in Chromium)', rows);
  } finally {
    await browser.close();
    server.close();
  }
}
