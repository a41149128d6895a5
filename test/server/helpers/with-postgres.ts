// Runs a command against a throwaway PostgreSQL cluster: `node --import tsx
// test/server/helpers/with-postgres.ts <command> [args…]` starts one, runs the command with
// TEST_DATABASE_URL (a role that may create databases, so each test service gets its own) and
// PORTICO_TEST_ENGINE=postgres, stops the cluster, and exits with the command's code.
import { spawn } from 'node:child_process';
import { startPostgres } from './postgres.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-postgres.ts <command> [args…]\n');
  process.exit(2);
}

const postgres = await startPostgres();
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: postgres.url, PORTICO_TEST_ENGINE: 'postgres' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
await postgres.stop();
process.exit(code);
