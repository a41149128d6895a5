#!/usr/bin/env node
// The `portico` command. The service is written in TypeScript and runs through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
