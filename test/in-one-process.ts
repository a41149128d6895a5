// Runs test files in this one process, one after another, each as a suite named by its file:
// `node --import tsx [--test-reporter=…] test/in-one-process.ts a.test.ts b.test.ts …`.
// `npm test` runs the server, end-to-end and Storybook suites so.
//
// `node --test` gives each file a process of its own, and each of those loads its modules again
// through tsx: about 2 s of CPU a file, and the server suite has 60 files. These files need no
// process of their own: each starts what it tests (services, browsers, clusters) on folders and
// ports of its own, stops it after, and leaves the environment as it found it. A file's top-level
// `before` and `after` hooks belong to its suite, so they run around its own tests, as they would
// in its own process.
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';

const files = process.argv.slice(2);
if (!files.length) {
  process.stderr.write('usage: in-one-process.ts <test file>…\n');
  process.exit(2);
}

for (const file of files) {
  describe(path.basename(file), async () => {
    await import(pathToFileURL(path.resolve(file)).href);
  });
}
