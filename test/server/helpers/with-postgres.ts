// Runs a command against a throwaway PostgreSQL cluster: `node --import tsx
// test/server/helpers/with-postgres.ts <command> [args…]` starts one, runs the command with
// TEST_DATABASE_URL (a role that may create databases, so each test service gets its own) and
// PORTICO_TEST_ENGINE=postgres, stops the cluster, and exits with the command's code.
//
// Two savings that the cluster being thrown away allows (see `startPostgres`): a database with
// every migration applied, once, that test services' databases are cloned from
// (TEST_DATABASE_TEMPLATE) instead of each running the migrations again; and databases left for
// the cluster's removal (TEST_DATABASE_THROWAWAY) instead of each drop forcing a checkpoint.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { migrations } from '../../../server/src/db/migrations.ts';
import { migratePostgres } from '../../../server/src/db/migrator.ts';
import { startPostgres } from './postgres.ts';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-postgres.ts <command> [args…]\n');
  process.exit(2);
}

const postgres = await startPostgres();
const template = 'portico_migrated';
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`).finally(() => admin.end());
  const url = new URL(postgres.url);
  url.pathname = `/${template}`;
  // Cloning needs the template to have no session: this pool is ended before the command starts.
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migratePostgres(pool, migrations).finally(() => pool.end());
} catch (error) {
  await postgres.stop();
  throw error;
}

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: postgres.url, TEST_DATABASE_TEMPLATE: template, TEST_DATABASE_THROWAWAY: '1', PORTICO_TEST_ENGINE: 'postgres' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
await postgres.stop();
process.exit(code);
