import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from '../cli/command.ts';
import type { Config } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrations } from './migrations.ts';
import { MigrationError, migratePostgres, postgresStatus, sqliteStatus, statusOf, type MigrationStatus } from './migrator.ts';

const where = (config: Config) =>
  config.databaseUrl ? `PostgreSQL at ${new URL(config.databaseUrl).host}` : `SQLite at ${path.join(config.dataDir, 'portico.db')}`;

/** A one-connection pool to `url`; the driver loads only for PostgreSQL. */
async function onePool(url: string) {
  const { default: pg } = await import('pg');
  return new pg.Pool({ connectionString: url, max: 1 });
}

/** Where each migration stands, without changing anything. */
async function status(config: Config): Promise<MigrationStatus[]> {
  if (config.databaseUrl) {
    const pool = await onePool(config.databaseUrl);
    try {
      return await postgresStatus(pool, migrations);
    } finally {
      await pool.end();
    }
  }
  const file = path.join(config.dataDir, 'portico.db');
  if (!fs.existsSync(file)) return statusOf([], migrations);
  const db = new Database(file);
  try {
    return sqliteStatus(db, migrations);
  } finally {
    db.close();
  }
}

const describe = (entry: MigrationStatus) =>
  [String(entry.version).padStart(3), entry.state.padEnd(7), entry.name.padEnd(36), entry.appliedAt ?? ''].join('  ').trimEnd();

export const dbCommands: Record<string, Command> = {
  'db status': {
    usage: 'portico db status',
    summary: 'List the schema migrations and whether each is applied, pending, or edited since it was applied (DATABASE_URL, else DATA_DIR).',
    options: {},
    async run(_values, { config, out }) {
      const entries = await status(config);
      out(`Schema of ${where(config)}:`);
      for (const entry of entries) out(describe(entry));
      const pending = entries.filter((entry) => entry.state === 'pending').length;
      const wrong = entries.filter((entry) => entry.state === 'edited' || entry.state === 'unknown');
      if (wrong.length) {
        throw new MigrationError(`${wrong.length} migration(s) differ from this service's: the service will refuse to start on this database.`);
      } else {
        out(pending ? `${pending} pending: run portico db migrate (the service also applies them when it starts).` : 'Up to date.');
      }
    },
  },
  'db migrate': {
    usage: 'portico db migrate',
    summary: 'Apply the pending schema migrations, each in its own transaction (several instances may run it at once: one migrates, the others wait).',
    options: {},
    async run(_values, { config, out }) {
      const before = (await status(config)).filter((entry) => entry.state === 'pending');
      let version: number;
      if (config.databaseUrl) {
        const pool = await onePool(config.databaseUrl);
        try {
          version = await migratePostgres(pool, migrations);
        } finally {
          await pool.end();
        }
      } else {
        const db = openDatabase(path.join(config.dataDir, 'portico.db'));
        version = (db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number }).version;
        db.close();
      }
      for (const entry of before) out(`applied ${entry.version} ${entry.name}`);
      out(`${where(config)} is at schema version ${version}.`);
    },
  },
};
