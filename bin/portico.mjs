#!/usr/bin/env node
// The `portico` command. The service is written in TypeScript and runs through tsx's loader.
import { register } from 'tsx/esm/api';

register();
// Output piped into something that stops reading early (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../server/src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
