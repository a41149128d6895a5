/**
 * `<portal-messages>` opening a thread of 10,000 messages, in Chromium, from the built CDN bundle
 * (dist/cdn/portal.js; run `npm run build` first): the time from creating the element to its
 * newest messages painted, and how many message elements the DOM holds then and after scrolling
 * to the first message. The client's `fetch` is a stand-in that answers at once with the whole
 * thread in one page, so the figure is the browser's work (parsing the answer, rendering,
 * measuring, layout) rather than the network's.
 */
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { assertBundleBuilt, serveBundlePage } from './bundle-page.ts';
import { percentile, report } from './report.ts';

const messageCount = 10_000;
const runs = 7;

// The page's script is plain JavaScript text: it runs in the browser as written, untouched by the
// TypeScript loader that runs this file.
const measureScript = `
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

function thread(count) {
  const staff = { type: 'staff', name: 'Margaret Hale' };
  const client = { type: 'contact', name: 'Bench Client' };
  const start = Date.UTC(2025, 0, 1);
  const messages = Array.from({ length: count }, (_, n) => ({
    id: 'msg_' + n,
    threadId: 'thr_bench',
    author: n % 3 === 0 ? client : staff,
    body: n % 4 === 0
      ? 'Update ' + n + ': the discovery log has a new entry. The documents received today are in the shared folder; see https://example.com/matters/2025-0412/log for the index.\\n\\nPlease confirm you have read it.'
      : 'Update ' + n + ': noted, thank you.',
    attachments: n % 25 === 0 ? [{ id: 'file_' + n, name: 'Exhibit ' + n + '.pdf', size: 120000 + n, contentType: 'application/pdf' }] : [],
    createdAt: new Date(start + n * 60000).toISOString(),
  }));
  const last = messages[count - 1];
  const summary = {
    id: 'thr_bench', subject: 'Discovery log', status: 'open', unreadCount: 0,
    lastMessage: { id: last.id, author: last.author, preview: last.body.slice(0, 140), createdAt: last.createdAt },
    createdAt: messages[0].createdAt, lastActivityAt: last.createdAt,
  };
  return { summary, messages };
}

window.measureMessagesRender = async (count) => {
  const { ApiClient } = await import('/api-client.js');
  // The element's chunk is loaded before the clock starts, as the whole bundle used to be.
  await (await import('/portal.js')).load('portal-messages');
  const { summary, messages } = thread(count);
  const threadPage = JSON.stringify({ thread: summary, data: messages, nextCursor: null });
  const threadList = JSON.stringify({ data: [summary], nextCursor: null, unreadCount: 0 });
  const branding = JSON.stringify({ slug: 'bench', name: 'Bench LLP', currency: 'USD', sections: { messages: true }, maxUploadBytes: 26214400 });
  const signIn = JSON.stringify({
    accessToken: 'bench', tokenType: 'Bearer', expiresIn: 600,
    contact: { id: 'con_bench', firmId: 'firm_bench', email: 'bench@example.com', name: 'Bench Client' },
  });
  const answer = (body) => Promise.resolve(new Response(body, { headers: { 'Content-Type': 'application/json' } }));
  const client = new ApiClient({
    baseUrl: 'http://service.invalid',
    firm: 'bench',
    fetch: (input) => {
      const path = new URL(input).pathname;
      if (path.endsWith('/auth/refresh')) return answer(signIn);
      if (path.endsWith('/branding')) return answer(branding);
      if (path.endsWith('/messages')) return answer(threadPage);
      return answer(threadList);
    },
  });
  // Signed in beforehand, so that the figure is the element's own work.
  await client.auth.refresh();

  const started = performance.now();
  const element = document.createElement('portal-messages');
  element.setAttribute('poll-interval', '0');
  element.setAttribute('thread-id', 'thr_bench');
  element.client = client;
  document.querySelector('main').append(element);
  const rows = () => element.shadowRoot.querySelectorAll('[part~="message"]');
  const newest = () => element.shadowRoot.querySelector('[data-key="msg_' + (count - 1) + '"]');
  await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!newest()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(element.shadowRoot, { childList: true, subtree: true });
  });
  // The newest message is in the DOM: the next frame paints it, and a task queued from its
  // animation-frame callback runs once that frame is done.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const firstRenderMs = performance.now() - started;
  const firstRows = rows().length;
  const log = element.shadowRoot.querySelector('[part~="log"]');
  const atEnd = Math.abs(log.scrollTop + log.clientHeight - log.scrollHeight) <= 2;

  let reachedStart = false;
  for (let attempt = 0; attempt < 120 && !reachedStart; attempt += 1) {
    log.scrollTop = 0;
    await frame();
    reachedStart = element.shadowRoot.querySelector('[data-key="msg_0"]') !== null;
  }
  return { firstRenderMs, rows: firstRows, rowsAtStart: rows().length, atEnd, reachedStart };
};
`;

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>portal-messages render benchmark</title></head>
<body style="margin: 0; font-family: system-ui, sans-serif">
<main style="max-width: 72rem; margin: 0 auto; padding: 1rem"></main>
<script type="module">${measureScript}</script>
</body>
</html>`;

interface Measurement {
  firstRenderMs: number;
  rows: number;
  rowsAtStart: number;
  atEnd: boolean;
  reachedStart: boolean;
}

export async function benchMessagesRender(): Promise<void> {
  assertBundleBuilt();
  const server = await serveBundlePage(page);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const measurements: Measurement[] = [];
    // The first run warms up the browser's caches and compiler; it is not counted.
    for (let run = 0; run <= runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const tab = await context.newPage();
      await tab.goto(url);
      await tab.waitForFunction('typeof window.measureMessagesRender === "function"');
      const measurement = (await tab.evaluate(`window.measureMessagesRender(${messageCount})`)) as Measurement;
      await context.close();
      if (run > 0) measurements.push(measurement);
    }
    const times = measurements.map((m) => m.firstRenderMs);
    const rows = Math.max(...measurements.map((m) => m.rows));
    const rowsAtStart = Math.max(...measurements.map((m) => m.rowsAtStart));
    report('messages render (<portal-messages>, Chromium)', [
      ['messages', `${messageCount.toLocaleString('en-US')} in one thread, one answer, 1280×800 viewport, ${runs} runs`],
      ['first render p50 / max', `${percentile(times, 50).toFixed(1)} ms / ${Math.max(...times).toFixed(1)} ms (goal ≤ 150 ms)`],
      ['message elements in the DOM', `${rows} at first render, ${rowsAtStart} after scrolling to the first message`],
      ['opened at the newest message', measurements.every((m) => m.atEnd) ? 'yes' : 'no'],
      ['first message rendered after scrolling up', measurements.every((m) => m.reachedStart) ? 'yes' : 'no'],
    ]);
  } finally {
    await browser.close();
    server.close();
  }
}
