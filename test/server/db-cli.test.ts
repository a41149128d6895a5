import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { migrations } from '../../server/src/db/migrations.ts';
import { openStorage } from '../../server/src/db/open-storage.ts';
import { runCli } from './helpers/cli.ts';
import { databaseEnv, removeDataDir } from './helpers/engine.ts';

const latest = migrations.at(-1)!;

describe('portico db status | migrate', () => {
  let dataDir: string;
  let env: Record<string, string>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-db-cli-'));
    env = { DATA_DIR: dataDir, ...(await databaseEnv(dataDir)) };
  });
  after(() => removeDataDir(dataDir));

  it('lists every migration as pending on a new database, without creating anything', async () => {
    const status = await runCli(['db', 'status'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^Schema of (SQLite|PostgreSQL) at /);
    assert.equal(status.stdout.match(/\bpending\b/g)?.length, migrations.length + 1, status.stdout);
    assert.match(status.stdout, new RegExp(`${migrations.length} pending: run portico db migrate`));
    if (!env.DATABASE_URL) assert.equal(fs.existsSync(path.join(dataDir, 'portico.db')), false, 'status alone made no database file');
  });

  it('applies them, says which, and then finds nothing to do', async () => {
    const migrate = await runCli(['db', 'migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.match(migrate.stdout, new RegExp(`applied ${latest.version} ${latest.name}`));
    assert.match(migrate.stdout, new RegExp(`is at schema version ${latest.version}\\.`));
    const again = await runCli(['db', 'migrate'], env);
    assert.doesNotMatch(again.stdout, /applied/);
    const status = await runCli(['db', 'status'], env);
    assert.equal(status.code, 0);
    assert.equal(status.stdout.match(/\bapplied\b/g)?.length, migrations.length, status.stdout);
    assert.match(status.stdout, /Up to date\.$/m);
  });

  it('names a migration edited after it was applied, and the service refuses to open the database', async () => {
    const storage = await openStorage({ dataDir, databaseUrl: env.DATABASE_URL ?? null });
    await sql`UPDATE schema_migrations SET checksum = ${'0'.repeat(64)} WHERE version = 3`.execute(storage.db);
    await storage.close();

    const status = await runCli(['db', 'status'], env);
    assert.equal(status.code, 1);
    assert.match(status.stdout, new RegExp(`^  3  edited +${migrations[2]!.name.slice(0, 20)}`, 'm'));
    assert.match(status.stderr, /1 migration\(s\) differ from this service's: the service will refuse to start on this database\./);

    await assert.rejects(
      openStorage({ dataDir, databaseUrl: env.DATABASE_URL ?? null }),
      /Migration 3 \(.+\) was changed after it was applied to this database/,
    );
    const serve = await runCli(['db', 'migrate'], env);
    assert.notEqual(serve.code, 0);
    assert.match(serve.stderr, /was changed after it was applied/);
  });
});
