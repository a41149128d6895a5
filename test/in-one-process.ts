// Runs test files in this one process, each as a suite named by its file:
// `node --import tsx [--test-reporter=…] test/in-one-process.ts [--files-at-once=N] a.test.ts b.test.ts …`.
// `npm test` runs the server, end-to-end and Storybook suites so.
//
// `node --test` gives each file a process of its own, and each of those loads its modules again
// through tsx: about 2 s of CPU a file, and the server suite has 60 files. These files need no
// process of their own: each starts what it tests (services, browsers, clusters) on folders and
// ports of its own, stops it after, and leaves the environment as it found it. A file's top-level
// `before` and `after` hooks belong to its suite, so they run around its own tests, as they would
// in its own process.
//
// `--files-at-once=N` runs up to N files at the same time (one by one without it). A file's own
// tests still run one at a time. Many files mostly wait (on a service they started and killed, a
// lease to expire, a child process); meanwhile others use the processor.
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';

const option = '--files-at-once=';
const args = process.argv.slice(2);
const atOnce = Number.parseInt(args.find((arg) => arg.startsWith(option))?.slice(option.length) ?? '1', 10);
const files = args.filter((arg) => !arg.startsWith(option));
if (!files.length || !(atOnce >= 1)) {
  process.stderr.write('usage: in-one-process.ts [--files-at-once=N] <test file>…\n');
  process.exit(2);
}

const fileSuites = () => {
  for (const file of files) {
    // Tests inherit their suite's concurrency unless they set their own: a file's go one at a time.
    describe(path.basename(file), { concurrency: 1 }, async () => {
      await import(pathToFileURL(path.resolve(file)).href);
    });
  }
};
// Named by the files' folder, which failures then begin with.
if (atOnce > 1) describe(path.relative(process.cwd(), path.dirname(path.resolve(files[0]!))) || '.', { concurrency: atOnce }, fileSuites);
else fileSuites();
