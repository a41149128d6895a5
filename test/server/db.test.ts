import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../server/src/db/database.ts';
import { migrations, type Migration } from '../../server/src/db/migrations.ts';
import { checksumOf, migrateSqlite as migrate, sqliteStatus } from '../../server/src/db/migrator.ts';

const now = '2026-03-02T15:00:00.000Z';
const latest = migrations.at(-1)!.version;

function tables(db: Db): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

function insertFirm(db: Db, fields: { id?: string; slug?: string; currency?: string } = {}) {
  const id = fields.id ?? 'firm_1';
  db.prepare('INSERT INTO firms (id, slug, name, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    fields.slug ?? 'hale',
    'Hale & Whitmore LLP',
    fields.currency ?? 'USD',
    now,
    now,
  );
  return id;
}

function insertContact(db: Db, firmId: string, fields: { id?: string; email?: string; status?: string } = {}) {
  db.prepare('INSERT INTO contacts (id, firm_id, email, name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    fields.id ?? 'con_1',
    firmId,
    fields.email ?? 'alex@example.com',
    'Alex Morgan',
    fields.status ?? 'active',
    now,
    now,
  );
}

/** Asserts that `work` is refused by SQLite with the given extended result code. */
function assertRefusedBy(code: string, work: () => unknown) {
  assert.throws(work, (error: unknown) => {
    assert.ok(error instanceof Database.SqliteError, `expected an SqliteError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('openDatabase', () => {
  let dir: string;
  let file: string;
  let opened: Db[];
  const open = (target = file, options?: Parameters<typeof openDatabase>[1]) => {
    const db = openDatabase(target, options);
    opened.push(db);
    return db;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-db-'));
    file = path.join(dir, 'portico.db');
    opened = [];
  });
  afterEach(() => {
    for (const db of opened) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sets the pragmas money needs', () => {
    const db = open();
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.equal(db.pragma('busy_timeout', { simple: true }), 5000);
  });

  it('leaves the file in WAL mode for every later connection', () => {
    open();
    const raw = new Database(file);
    try {
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      raw.close();
    }
    assert.ok(fs.existsSync(`${file}-wal`));
  });

  it('creates missing parent folders', () => {
    const nested = path.join(dir, 'a', 'b', 'portico.db');
    open(nested);
    assert.ok(fs.statSync(nested).isFile());
  });

  it('brings the schema to the last migration', () => {
    const db = open();
    assert.equal(db.pragma('user_version', { simple: true }), latest);
    const names = tables(db);
    for (const table of [
      'firms',
      'contacts',
      'portal_logins',
      'invitations',
      'password_resets',
      'refresh_families',
      'refresh_tokens',
      'api_keys',
      'outbox_messages',
      'audit_log',
    ]) {
      assert.ok(names.includes(table), `table ${table} exists`);
    }
  });

  it('numbers migrations 1, 2, 3… with no gaps', () => {
    assert.ok(migrations.length > 0);
    migrations.forEach((migration, index) => {
      assert.equal(migration.version, index + 1, migration.name);
      assert.ok(migration.name.trim().length > 0);
    });
  });

  it('opens an up-to-date database again without changing it', () => {
    const first = open();
    const firmId = insertFirm(first);
    insertContact(first, firmId);
    const schema = first.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    first.close();

    const second = open();
    assert.equal(second.pragma('user_version', { simple: true }), latest);
    assert.deepEqual(second.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(), schema);
    assert.deepEqual(second.prepare('SELECT id, slug FROM firms').all(), [{ id: 'firm_1', slug: 'hale' }]);
    assert.deepEqual(second.prepare('SELECT id, email FROM contacts').all(), [{ id: 'con_1', email: 'alex@example.com' }]);
    assert.equal(migrate(second, migrations), latest);
    assert.deepEqual(second.prepare('SELECT count(*) AS n FROM contacts').get(), { n: 1 });
  });

  it('refuses a row that points at nothing', () => {
    const db = open();
    assertRefusedBy('SQLITE_CONSTRAINT_FOREIGNKEY', () => insertContact(db, 'firm_missing'));
    assert.equal((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n, 0);
    const firmId = insertFirm(db);
    insertContact(db, firmId);
    assertRefusedBy('SQLITE_CONSTRAINT_FOREIGNKEY', () => db.prepare('DELETE FROM firms WHERE id = ?').run(firmId));
  });

  it('refuses a database from a newer version of the service', () => {
    const db = open();
    insertFirm(db);
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(latest + 7, 'from a newer service', 'f00d', now);
    db.close();

    assert.throws(
      () => open(),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, new RegExp(`schema version ${latest + 7}\\b`));
        assert.match(error.message, /newer than this service knows/);
        assert.match(error.message, /Upgrade the service/);
        return true;
      },
    );

    const raw = new Database(file, { readonly: true });
    try {
      assert.equal((raw.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v, latest + 7, 'left as it was');
      assert.equal((raw.prepare('SELECT count(*) AS n FROM firms').get() as { n: number }).n, 1);
    } finally {
      raw.close();
    }
  });
});

describe('migrate', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-migrate-'));
    db = new Database(path.join(dir, 'scratch.db'));
  });
  afterEach(() => {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const first: Migration = { version: 1, name: 'ledger', sqlite: 'CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL);', postgres: '' };
  const broken: Migration = {
    version: 2,
    name: 'half a change',
    postgres: '',
    sqlite: `
      CREATE TABLE settlements (id INTEGER PRIMARY KEY);
      ALTER TABLE ledger ADD COLUMN settled_at TEXT;
      INSERT INTO ledger (id, amount) VALUES (1, 100);
      INSERT INTO no_such_table VALUES (1);
    `,
  };
  const fixed: Migration = { ...broken, sqlite: 'CREATE TABLE settlements (id INTEGER PRIMARY KEY); ALTER TABLE ledger ADD COLUMN settled_at TEXT;' };

  it('runs each migration once, in order, and records the version', () => {
    assert.equal(migrate(db, [first]), 1);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    assert.equal(migrate(db, [first, fixed]), 2);
    assert.deepEqual(tables(db), ['ledger', 'settlements']);
    assert.equal(migrate(db, [first, fixed]), 2);
  });

  it('undoes the whole of a failing migration and keeps the ones before it', () => {
    assert.throws(() => migrate(db, [first, broken]), /no such table: no_such_table/);
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    assert.deepEqual(tables(db), ['ledger']);
    const columns = (db.prepare('PRAGMA table_info(ledger)').all() as { name: string }[]).map((c) => c.name);
    assert.deepEqual(columns, ['id', 'amount']);
    assert.equal((db.prepare('SELECT count(*) AS n FROM ledger').get() as { n: number }).n, 0);

    assert.equal(migrate(db, [first, fixed]), 2);
    assert.deepEqual(tables(db), ['ledger', 'settlements']);
  });

  it('stops openDatabase when a migration fails', () => {
    db.close();
    const file = path.join(dir, 'opened.db');
    assert.throws(() => openDatabase(file, { migrations: [first, broken] }), /no_such_table/);
    const raw = new Database(file, { readonly: true });
    try {
      assert.equal(raw.pragma('user_version', { simple: true }), 1);
      assert.deepEqual(tables(raw), ['ledger']);
    } finally {
      raw.close();
    }
  });

  it('refuses to go back to an older schema', () => {
    migrate(db, [first, fixed]);
    assert.throws(() => migrate(db, [first]), /schema version 2, newer than this service knows \(1\)/);
    assert.deepEqual(tables(db), ['ledger', 'settlements']);
  });

  it('records a checksum of each migration and refuses one edited after it was applied, for either engine', () => {
    migrate(db, [first, fixed]);
    const recorded = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all();
    assert.deepEqual(recorded, [
      { version: 1, checksum: checksumOf(first) },
      { version: 2, checksum: checksumOf(fixed) },
    ]);
    for (const edited of [
      { ...fixed, sqlite: `${fixed.sqlite} CREATE INDEX settled ON ledger (settled_at);` },
      { ...fixed, postgres: 'ALTER TABLE ledger ADD COLUMN note TEXT;' },
    ]) {
      assert.throws(() => migrate(db, [first, edited]), /Migration 2 \(half a change\) was changed after it was applied/);
    }
    assert.deepEqual(
      sqliteStatus(db, [first, { ...fixed, name: 'renamed' }, { version: 3, name: 'next', sqlite: 'SELECT 1;', postgres: 'SELECT 1;' }]).map(
        (entry) => `${entry.version} ${entry.state}`,
      ),
      ['1 applied', '2 edited', '3 pending'],
    );
    assert.deepEqual(tables(db), ['ledger', 'settlements'], 'nothing was applied after the refusal');
  });

  it('adopts a database from before the ledger: the migrations up to its user_version count as applied', () => {
    db.exec(first.sqlite);
    db.pragma('user_version = 1');
    assert.equal(migrate(db, [first, fixed]), 2);
    assert.deepEqual(tables(db), ['ledger', 'settlements']);
    assert.deepEqual(
      sqliteStatus(db, [first, fixed]).map((entry) => entry.state),
      ['applied', 'applied'],
    );
  });
});

describe('schema constraints', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-schema-'));
    db = openDatabase(path.join(dir, 'portico.db'));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps currencies to three letters', () => {
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertFirm(db, { id: 'f1', slug: 'f1', currency: 'US' }));
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertFirm(db, { id: 'f2', slug: 'f2', currency: 'USDX' }));
    insertFirm(db, { id: 'f3', slug: 'f3', currency: 'EUR' });
    assert.deepEqual(db.prepare('SELECT id, currency FROM firms').all(), [{ id: 'f3', currency: 'EUR' }]);
  });

  it('defaults a firm to USD', () => {
    db.prepare("INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('f1', 'f1', 'F', ?, ?)").run(now, now);
    assert.equal((db.prepare('SELECT currency FROM firms').get() as { currency: string }).currency, 'USD');
  });

  it('keeps firm slugs lowercase and of a usable length', () => {
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertFirm(db, { id: 'f1', slug: 'Hale' }));
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertFirm(db, { id: 'f2', slug: 'h' }));
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertFirm(db, { id: 'f3', slug: 'x'.repeat(64) }));
    insertFirm(db, { id: 'f4', slug: 'hale-whitmore' });
    assertRefusedBy('SQLITE_CONSTRAINT_UNIQUE', () => insertFirm(db, { id: 'f5', slug: 'hale-whitmore' }));
  });

  it('allows only known contact statuses', () => {
    const firmId = insertFirm(db);
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insertContact(db, firmId, { id: 'c1', email: 'a@example.com', status: 'deleted' }));
    insertContact(db, firmId, { id: 'c2', email: 'b@example.com', status: 'archived' });
    insertContact(db, firmId, { id: 'c3', email: 'c@example.com', status: 'active' });
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => db.prepare("UPDATE contacts SET status = 'gone' WHERE id = 'c3'").run());
  });

  it('keeps one contact per email in a firm', () => {
    const firmId = insertFirm(db);
    insertContact(db, firmId, { id: 'c1' });
    assertRefusedBy('SQLITE_CONSTRAINT_UNIQUE', () => insertContact(db, firmId, { id: 'c2' }));
    const otherFirm = insertFirm(db, { id: 'firm_2', slug: 'north' });
    insertContact(db, otherFirm, { id: 'c3' });
  });

  it('allows only known audit actors', () => {
    const insert = db.prepare("INSERT INTO audit_log (actor_type, action, created_at) VALUES (?, 'test', ?)");
    for (const actor of ['contact', 'api_key', 'system']) insert.run(actor, now);
    assertRefusedBy('SQLITE_CONSTRAINT_CHECK', () => insert.run('robot', now));
  });
});
