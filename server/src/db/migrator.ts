import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from './database.ts';
import type { Migration } from './migrations.ts';

/** One row of `schema_migrations`: a migration as it was when it was applied. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

/** Where one migration stands on a database. */
export interface MigrationStatus {
  version: number;
  name: string;
  state: 'applied' | 'pending' | 'edited' | 'unknown';
  appliedAt: string | null;
}

/** The schema cannot be brought up to date by this service: edited or unknown migrations. */
export class MigrationError extends Error {}

const ledgerDdl = (integer: string) => `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    ${integer} PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`;

/** Fingerprint of both engines' texts: editing a released migration for either engine is refused on both. */
export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(`${migration.version}\0${migration.name}\0${migration.sqlite}\0${migration.postgres}`).digest('hex');
}

/** Each known migration's state on a database with these rows in its ledger, then any the service does not know. */
export function statusOf(applied: readonly AppliedMigration[], list: readonly Migration[]): MigrationStatus[] {
  const byVersion = new Map(applied.map((row) => [Number(row.version), row]));
  const known = list.map((migration): MigrationStatus => {
    const row = byVersion.get(migration.version);
    const state = !row ? 'pending' : row.checksum === checksumOf(migration) ? 'applied' : 'edited';
    return { version: migration.version, name: migration.name, state, appliedAt: row?.applied_at ?? null };
  });
  const versions = new Set(list.map((migration) => migration.version));
  const unknown = applied
    .filter((row) => !versions.has(Number(row.version)))
    .map((row): MigrationStatus => ({ version: Number(row.version), name: row.name, state: 'unknown', appliedAt: row.applied_at }));
  return [...known, ...unknown];
}

/** The migrations to apply, in order; throws when the database has one edited since, or newer than this service. */
export function pendingOf(applied: readonly AppliedMigration[], list: readonly Migration[]): Migration[] {
  const status = statusOf(applied, list);
  const unknown = status.filter((entry) => entry.state === 'unknown');
  if (unknown.length) {
    const newest = Math.max(...unknown.map((entry) => entry.version));
    throw new MigrationError(`The database is at schema version ${newest}, newer than this service knows (${list.at(-1)?.version ?? 0}). Upgrade the service.`);
  }
  const edited = status.filter((entry) => entry.state === 'edited');
  if (edited.length) {
    const names = edited.map((entry) => `${entry.version} (${entry.name})`).join(', ');
    throw new MigrationError(
      `Migration ${names} was changed after it was applied to this database. Released migrations are never edited: restore it and add a new one.`,
    );
  }
  return list.filter((migration) => status.some((entry) => entry.version === migration.version && entry.state === 'pending'));
}

/**
 * The ledger of a SQLite database. One made before the ledger existed recorded only a number
 * (`user_version`): the migrations up to it are taken as applied, as they were released.
 */
function sqliteLedger(db: Db, list: readonly Migration[]): AppliedMigration[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) {
    const version = db.pragma('user_version', { simple: true }) as number;
    db.transaction(() => {
      db.exec(ledgerDdl('INTEGER'));
      const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
      const at = new Date().toISOString();
      for (const migration of list) if (migration.version <= version) record.run(migration.version, migration.name, checksumOf(migration), at);
      if (version > (list.at(-1)?.version ?? 0)) record.run(version, 'unknown', '', at);
    }).immediate();
  }
  return db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

export function sqliteStatus(db: Db, list: readonly Migration[]): MigrationStatus[] {
  return statusOf(sqliteLedger(db, list), list);
}

/** Applies each pending migration in its own transaction with its ledger row; returns the version reached. */
export function migrateSqlite(db: Db, list: readonly Migration[]): number {
  for (const migration of pendingOf(sqliteLedger(db, list), list)) {
    db.transaction(() => {
      // Another process opening the same file may have applied it since the ledger was read.
      if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version)) return;
      if (migration.sqlite.trim()) db.exec(migration.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        checksumOf(migration),
        new Date().toISOString(),
      );
      // Kept in step so tools that read SQLite's own version number see the same one.
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return (db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0;
}

/** Any number, the same for every instance: the advisory lock that lets one instance migrate at a time. */
const migrationLock = 7_147_001;

async function postgresLedger(client: pg.PoolClient): Promise<AppliedMigration[]> {
  await client.query(ledgerDdl('BIGINT'));
  return (await client.query<AppliedMigration>('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version')).rows;
}

export async function postgresStatus(pool: pg.Pool, list: readonly Migration[]): Promise<MigrationStatus[]> {
  const client = await pool.connect();
  try {
    return statusOf(await postgresLedger(client), list);
  } finally {
    client.release();
  }
}

/**
 * Applies each pending migration in its own transaction with its ledger row, holding an advisory
 * lock so that instances started together migrate one after another (the later ones find nothing
 * to do). Runs in the system scope (`app.firm_id = '*'`) so a data migration sees every firm.
 */
export async function migratePostgres(pool: pg.Pool, list: readonly Migration[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    try {
      for (const migration of pendingOf(await postgresLedger(client), list)) {
        await client.query('BEGIN');
        try {
          await client.query(`SELECT set_config('app.firm_id', '*', true)`);
          if (migration.postgres.trim()) await client.query(migration.postgres);
          await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
            migration.version,
            migration.name,
            checksumOf(migration),
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      const { rows } = await client.query<{ version: string | null }>('SELECT max(version) AS version FROM schema_migrations');
      return Number(rows[0]?.version ?? 0);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLock]);
    }
  } finally {
    client.release();
  }
}
