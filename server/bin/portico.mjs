#!/usr/bin/env node
// The `portico` command. An installed package runs its compiled JavaScript, joined into a few
// files (dist/bundle/, see scripts/bundle.mjs) because a process that loads hundreds of modules one
// by one starts slowly; a source checkout, which has src/ and no need to build before every run,
// runs the TypeScript through tsx.
import fs from 'node:fs';

const fromSource = fs.existsSync(new URL('../src/cli.ts', import.meta.url));
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
}
// Output piped into something that stops reading early (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import(fromSource ? '../src/cli.ts' : '../dist/bundle/cli.js');
process.exitCode = await main(process.argv.slice(2));
