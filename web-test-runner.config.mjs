// Browser tests for components/: test/components/*.test.ts in the system Chromium, compiled by
// esbuild with the project's tsconfig (legacy decorators). Besides the usual console report,
// writes .test-results/browser.json ({ passed, failed, failures }, counting single tests) for `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(root, '.test-results/browser.json');

/**
 * Counts passed and failed tests over every session, and names the failed ones
 * (`file: suite › test: error`); a file that failed to load counts as one failure.
 */
function countTests(sessions) {
  let passed = 0;
  const failures = [];
  const visit = (suite, file, names) => {
    for (const test of suite.tests) {
      if (test.skipped) continue;
      if (test.passed) passed += 1;
      else failures.push(`${file}: ${[...names, test.name].join(' › ')}${test.error?.message ? `: ${test.error.message.split('\n')[0]}` : ''}`);
    }
    for (const child of suite.suites) visit(child, file, [...names, child.name]);
  };
  for (const session of sessions) {
    const file = path.relative(root, session.testFile);
    const before = failures.length;
    if (session.testResults) visit(session.testResults, file, []);
    if (session.passed === false && failures.length === before) {
      failures.push(`${file}: ${session.errors?.[0]?.message?.split('\n')[0] ?? 'did not run'}`);
    }
  }
  return { passed, failed: failures.length, failures };
}

/** Writes the counts the repository's test orchestrator sums up. */
function resultsFileReporter() {
  return {
    onTestRunFinished({ sessions }) {
      fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
      fs.writeFileSync(resultsFile, `${JSON.stringify(countTests(sessions))}\n`);
    },
  };
}

export default {
  rootDir: root,
  files: ['test/components/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time: focus and animation frames behave as in a foreground tab.
  concurrency: 1,
  // A guard against a hung test, not a speed limit: a test waits for its conditions, and on a
  // busy two-core machine an axe pass over a long list alone can take several seconds.
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig: path.join(root, 'tsconfig.json'), target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), resultsFileReporter()],
};
