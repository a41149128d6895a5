/**
 * Every story and docs page of the static Storybook (storybook-static/, from `npm run
 * build-storybook`), opened in Chromium: each renders without an error, and each story passes
 * axe (WCAG 2.2 AA) in the state it shows. The whole portal's stories and each element's full
 * story are checked on the toolbar's dark page too. A build alone proves only that the stories
 * compile; this proves they still run.
 *
 * Each page goes from story to story as Storybook's own UI does, by asking its preview to show
 * the next one, rather than loading the preview again for each.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, watchPage, type WatchedPage } from '../e2e/harness.ts';

const root = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const axeSource = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

interface Entry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
}

function readEntries(): Entry[] {
  const index = path.join(root, 'index.json');
  if (!fs.existsSync(index)) throw new Error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  const { entries } = JSON.parse(fs.readFileSync(index, 'utf8')) as { entries: Record<string, Entry> };
  return Object.values(entries);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * A static server for storybook-static on 127.0.0.1, and axe at `/axe.min.js`. The browser may
 * keep what it fetched for the run: each story is a fresh page load, and Storybook's scripts and
 * axe then come from its cache, parsed code and all, rather than over again.
 */
function serveStorybook(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://storybook.invalid').pathname);
    const file = pathname === '/axe.min.js' ? axeSource : path.resolve(root, `.${path.posix.normalize(pathname)}`);
    if (!(file === axeSource || file.startsWith(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(pathname === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const entries = readEntries();
/** Pages open at once: one per core of the machine the tests run on. */
const concurrency = 2;
/** On the dark page too: the whole portal in each of its states, and each element full of data. */
const darkToo = (entry: Entry) => entry.type === 'story' && (entry.title === 'Components/App' || entry.name === 'Full');

/** What the preview says once it has shown (or failed to show) the entry it was asked for. */
const shownEvents = ['storyRendered', 'docsRendered', 'storyErrored', 'storyThrewException', 'storyMissing', 'playFunctionThrewException'];

/** A page kept open from entry to entry, with the page theme its preview was loaded with. */
interface StoryPage {
  watched: WatchedPage;
  theme?: 'default' | 'dark';
}

describe('the Storybook', { concurrency }, () => {
  let server: http.Server;
  let browser: Browser;
  let base: string;
  /** Pages kept open from story to story (Storybook's scripts stay loaded), each used by one test at a time. */
  const idle: StoryPage[] = [];
  const waiting: ((page: StoryPage) => void)[] = [];

  before(async () => {
    server = await serveStorybook();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    // axe is injected as a script: say so, though Storybook's page sets no policy.
    for (let i = 0; i < concurrency; i += 1) idle.push({ watched: await watchPage(browser, { contextOptions: { bypassCSP: true } }) });
  });

  /** An idle page, preferring one already showing `theme`. */
  async function withPage(theme: 'default' | 'dark', body: (page: StoryPage) => Promise<void>): Promise<void> {
    const index = idle.findIndex((page) => page.theme === theme);
    const page = (index >= 0 ? idle.splice(index, 1)[0] : idle.pop()) ?? (await new Promise<StoryPage>((resolve) => waiting.push(resolve)));
    page.watched.clear();
    try {
      await body(page);
    } catch (error) {
      // After a failure the preview is loaded afresh, so that nothing of it reaches the next entry.
      page.theme = undefined;
      throw error;
    } finally {
      const next = waiting.shift();
      if (next) next(page);
      else idle.push(page);
    }
  }

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Shows the entry: asks the loaded preview for it, or loads the preview at it when the page theme differs. */
  async function show(storyPage: StoryPage, entry: Entry, theme: 'default' | 'dark'): Promise<void> {
    const { page } = storyPage.watched;
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    if (storyPage.theme === theme) {
      await page.evaluate(
        `new Promise((resolve, reject) => {
          setTimeout(() => reject(new Error('the preview did not show ${entry.id} within 30 s')), 30000);
          const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
          const events = ${JSON.stringify(shownEvents)};
          const done = () => {
            for (const event of events) channel.off(event, done);
            resolve();
          };
          for (const event of events) channel.on(event, done);
          document.body.classList.remove('sb-show-main', 'sb-show-errordisplay', 'sb-show-nopreview');
          channel.emit('setCurrentStory', { storyId: ${JSON.stringify(entry.id)}, viewMode: ${JSON.stringify(viewMode)} });
        })`,
      );
    } else {
      storyPage.theme = undefined;
      await page.goto(`${base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}&globals=theme:${theme}`);
      storyPage.theme = theme;
    }
    // Storybook marks the body once it has rendered, or shows its error display.
    await page.waitForFunction(() => /\bsb-show-(main|errordisplay|nopreview)\b/.test(document.body.className));
  }

  function check(entry: Entry, theme: 'default' | 'dark'): Promise<void> {
    return withPage(theme, async (storyPage) => {
      const { watched } = storyPage;
      const { page } = watched;
      await show(storyPage, entry, theme);
      const shown = await page.evaluate(() => document.body.className);
      const error = shown.includes('sb-show-main') ? '' : await page.locator('#error-message, #error-stack').allInnerTexts();
      assert.ok(shown.includes('sb-show-main'), `${entry.id} did not render: ${String(error)}`);
      if (entry.type === 'story') {
        // The story's own state shows once its mocks have answered (stories/answers-due.ts): two frames in a row with none due.
        await page.evaluate(async () => {
          for (let quiet = 0; quiet < 2; quiet = window.porticoAnswersDue ? 0 : quiet + 1) await new Promise((resolve) => requestAnimationFrame(resolve));
        });
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${base}/axe.min.js` });
        await assertAccessible(page, `${entry.title} › ${entry.name} (${theme} page)`, { within: '#storybook-root' });
      }
      watched.assertClean();
    });
  }

  for (const entry of entries) {
    it(`${entry.title} › ${entry.name}`, () => check(entry, 'default'));
    if (darkToo(entry)) it(`${entry.title} › ${entry.name}, on a dark page`, () => check(entry, 'dark'));
  }
});
