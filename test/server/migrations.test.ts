import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrations, type Migration } from '../../server/src/db/migrations.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

// The two texts of every migration must leave SQLite and PostgreSQL with the same schema, and on
// PostgreSQL every firm's rows must be fenced off by row-level security.

/** Tables that hold no firm's data, so they have no row-level security (see migration 15). */
const withoutFirmData = [
  'firms',
  'rate_limits',
  'sandbox_charges',
  'sandbox_payment_methods',
  'sandbox_refunds',
  'sandbox_state',
  'signing_keys',
  'stripe_events',
];

/** Tables without firm_id whose rows belong to a firm through a parent row. */
const childTables = [
  'idempotency_keys',
  'invoice_lines',
  'job_attempts',
  'message_attachments',
  'messages',
  'password_resets',
  'payment_mandates',
  'plaid_items',
  'portal_logins',
  'refresh_tokens',
  'sandbox_link_sessions',
  'stripe_customers',
  'webhook_deliveries',
];

interface Schema {
  tables: string[];
  views: string[];
  /** table → its columns: name, coarse type, nullable, default */
  columns: Record<string, string[]>;
  /** name on table (columns) [unique] [where …], for indexes made by CREATE INDEX */
  indexes: string[];
  /** table primary|unique (columns) */
  keys: string[];
  /** table (columns) → table (columns) on delete … */
  foreignKeys: string[];
}

/** A partial index's WHERE, as both engines can be made to print it. */
function normalizeWhere(where: string | null): string {
  return where
    ? ` where ${where
        .replace(/::text/g, '')
        .replace(/[()]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase()}`
    : '';
}

function normalizeDefault(value: string | null): string {
  return value === null ? 'no default' : `default ${value.replace(/::text$/, '')}`;
}

function sqliteSchema(db: Database.Database): Schema {
  const names = (type: string) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(type) as { name: string }[]).map(
      (row) => row.name,
    );
  const tables = names('table');
  const columns: Schema['columns'] = {};
  const keys: string[] = [];
  const foreignKeys: string[] = [];
  const indexColumns = (index: string) =>
    (db.prepare(`PRAGMA index_info(${JSON.stringify(index)})`).all() as { seqno: number; name: string }[])
      .sort((a, b) => a.seqno - b.seqno)
      .map((column) => column.name);

  for (const table of tables) {
    const info = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    // A primary key column is NOT NULL on PostgreSQL; SQLite would let a TEXT one hold NULL.
    columns[table] = info.map((c) => `${c.name} ${c.type.toLowerCase()} ${c.notnull || c.pk ? 'not null' : 'null'} ${normalizeDefault(c.dflt_value)}`).sort();
    const primary = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (primary.length) keys.push(`${table} primary (${primary.map((c) => c.name).join(', ')})`);
    for (const index of db.prepare(`PRAGMA index_list(${table})`).all() as { name: string; origin: string }[]) {
      if (index.origin === 'u') keys.push(`${table} unique (${indexColumns(index.name).join(', ')})`);
    }
    const references = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as {
      id: number;
      seq: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    for (const id of new Set(references.map((r) => r.id))) {
      const parts = references.filter((r) => r.id === id).sort((a, b) => a.seq - b.seq);
      foreignKeys.push(
        `${table} (${parts.map((r) => r.from).join(', ')}) → ${parts[0]!.table} (${parts.map((r) => r.to).join(', ')}) on delete ${parts[0]!.on_delete.toLowerCase()}`,
      );
    }
  }

  const indexes = (
    db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as {
      name: string;
      tbl_name: string;
      sql: string;
    }[]
  ).map((index) => {
    const unique = /^CREATE UNIQUE/i.test(index.sql) ? ' unique' : '';
    const where = /\bWHERE\b([\s\S]*)$/i.exec(index.sql)?.[1] ?? null;
    return `${index.name} on ${index.tbl_name} (${indexColumns(index.name).join(', ')})${unique}${normalizeWhere(where)}`;
  });
  return { tables, views: names('view'), columns, indexes: indexes.sort(), keys: keys.sort(), foreignKeys: foreignKeys.sort() };
}

const coarsePostgresType: Record<string, string> = { bigint: 'integer', text: 'text', 'double precision': 'real', bytea: 'blob' };
const onDelete: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

async function postgresSchema(client: pg.Client): Promise<Schema> {
  const relations = async (kind: string) =>
    (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind = $1 ORDER BY c.relname COLLATE "C"`,
        [kind],
      )
    ).rows.map((row) => row.name);
  const tables = await relations('r');

  const columns: Schema['columns'] = {};
  const { rows: columnRows } = await client.query<{ table: string; name: string; type: string; nullable: string; default: string | null }>(
    `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS default
       FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  for (const c of columnRows) {
    if (!tables.includes(c.table)) continue;
    (columns[c.table] ??= []).push(
      `${c.name} ${coarsePostgresType[c.type] ?? `postgres ${c.type}`} ${c.nullable === 'NO' ? 'not null' : 'null'} ${normalizeDefault(c.default)}`,
    );
  }
  for (const list of Object.values(columns)) list.sort();

  const columnList = (table: string, keys: string) =>
    `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = ${table} AND a.attnum = k.attnum ORDER BY k.n)`;

  const { rows: indexRows } = await client.query<{ name: string; table: string; unique: boolean; where: string | null; columns: string[] }>(
    `SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, pg_get_expr(x.indpred, x.indrelid) AS where,
            ${columnList('t.oid', 'x.indkey::int2[]')} AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))`,
  );
  const indexes = indexRows.map(
    (index) => `${index.name} on ${index.table} (${index.columns.join(', ')})${index.unique ? ' unique' : ''}${normalizeWhere(index.where)}`,
  );

  const { rows: constraintRows } = await client.query<{
    type: string;
    table: string;
    columns: string[];
    references: string | null;
    referenced: string[] | null;
    on_delete: string;
  }>(
    `SELECT c.contype AS type, t.relname AS table, ${columnList('c.conrelid', 'c.conkey')} AS columns,
            r.relname AS references, ${columnList('c.confrelid', 'c.confkey')} AS referenced, c.confdeltype AS on_delete
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class r ON r.oid = c.confrelid
      WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')`,
  );
  const keys = constraintRows.filter((c) => c.type !== 'f').map((c) => `${c.table} ${c.type === 'p' ? 'primary' : 'unique'} (${c.columns.join(', ')})`);
  const foreignKeys = constraintRows
    .filter((c) => c.type === 'f')
    .map((c) => `${c.table} (${c.columns.join(', ')}) → ${c.references} (${c.referenced!.join(', ')}) on delete ${onDelete[c.on_delete]}`);

  return { tables, views: await relations('v'), columns, indexes: indexes.sort(), keys: keys.sort(), foreignKeys: foreignKeys.sort() };
}

function applySqlite(db: Database.Database, list: readonly Migration[]): void {
  for (const migration of list) db.transaction(() => db.exec(migration.sqlite))();
}

async function applyPostgres(client: pg.Client, list: readonly Migration[]): Promise<void> {
  for (const migration of list) {
    await client.query('BEGIN');
    try {
      await client.query(migration.postgres);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`migration ${migration.version} (${migration.name}) failed on PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
  }
}

/**
 * A schema of its own on PostgreSQL and an in-memory SQLite database, each migrated up to `upTo`,
 * for a migration's test to fill alike and then migrate on. The PostgreSQL session writes for
 * every firm, as the migrator does.
 */
async function bothEnginesAt(client: pg.Client, schema: string, upTo: number): Promise<Database.Database> {
  await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  await client.query("SET app.firm_id = '*'");
  const list = migrations.filter((m) => m.version <= upTo);
  await applyPostgres(client, list);
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  applySqlite(db, list);
  return db;
}

/** Runs each statement on both engines. */
async function execOnBoth(db: Database.Database, client: pg.Client, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    db.exec(statement);
    await client.query(statement);
  }
}

/** Migration `version` on both engines. */
async function migrateBoth(db: Database.Database, client: pg.Client, version: number): Promise<void> {
  const list = migrations.filter((m) => m.version === version);
  applySqlite(db, list);
  await applyPostgres(client, list);
}

/**
 * The rows of each select on both engines (closing the SQLite database), PostgreSQL's bigint
 * strings read as numbers as SQLite gives them.
 */
async function readOnBoth(db: Database.Database, client: pg.Client, selects: readonly string[]): Promise<{ fromSqlite: unknown[]; fromPostgres: unknown[] }> {
  const fromSqlite = selects.map((select) => db.prepare(select).all());
  db.close();
  const fromPostgres: unknown[] = [];
  for (const select of selects) {
    fromPostgres.push(
      (await client.query(select)).rows.map((row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            typeof value === 'string' && /^\d+$/.test(value) && key !== 'invoice_number' ? Number(value) : value,
          ]),
        ),
      ),
    );
  }
  return { fromSqlite, fromPostgres };
}

const now = '2025-01-01T00:00:00.000Z';

describe('the migrations, on SQLite and on PostgreSQL', () => {
  let postgres: TestPostgres;
  const clients: pg.Client[] = [];
  let owner: pg.Client;
  let sqlite: Database.Database;

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  before(async () => {
    postgres = await startPostgres();
    owner = await connect();
    await applyPostgres(owner, migrations);
    sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    applySqlite(sqlite, migrations);
  });

  after(async () => {
    sqlite?.close();
    await Promise.all(clients.map((client) => client.end()));
    await postgres?.stop();
  });

  it('are numbered 1, 2, 3… with a text for each engine', () => {
    assert.deepEqual(
      migrations.map((m) => m.version),
      migrations.map((_, i) => i + 1),
    );
    for (const m of migrations) {
      assert.equal(typeof m.sqlite, 'string');
      assert.ok(m.postgres.trim(), `migration ${m.version} has PostgreSQL text`);
      assert.doesNotMatch(m.postgres.replace(/--.*$/gm, ''), /\bPRAGMA\b|\bGLOB\b|WITHOUT ROWID|AUTOINCREMENT/i, `migration ${m.version} is PostgreSQL only`);
    }
  });

  it('leave both engines with the same tables, columns, keys and indexes', async () => {
    const [lite, postgresql] = [sqliteSchema(sqlite), await postgresSchema(owner)];
    assert.ok(lite.tables.length > 30);
    assert.deepEqual(postgresql.tables, lite.tables);
    assert.deepEqual(postgresql.views, lite.views);
    for (const table of lite.tables) assert.deepEqual(postgresql.columns[table], lite.columns[table], `columns of ${table}`);
    assert.deepEqual(postgresql.indexes, lite.indexes);
    assert.deepEqual(postgresql.keys, lite.keys);
    assert.deepEqual(postgresql.foreignKeys, lite.foreignKeys);
  });

  it('turn row-level security on, and force it, for every table that holds a firm’s rows', async () => {
    const { rows } = await owner.query<{ name: string; has_firm: boolean; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'firm_id' AND NOT a.attisdropped) AS has_firm,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
    );
    const firmTables = rows.filter((row) => row.has_firm).map((row) => row.name);
    assert.ok(firmTables.includes('invoices') && firmTables.includes('jobs'));
    for (const row of rows) {
      const covered = row.has_firm || childTables.includes(row.name);
      // Every table is one or the other, so a new table has to be placed deliberately.
      assert.ok(covered !== withoutFirmData.includes(row.name), `${row.name} is either covered or listed as holding no firm's data`);
      if (covered) {
        assert.ok(row.rls && row.forced && row.policies === 1, `${row.name} has forced row-level security and its policy`);
      } else {
        assert.ok(!row.rls, `${row.name} has no row-level security`);
      }
    }
    const { rows: views } = await owner.query<{ options: string[] | null }>("SELECT reloptions AS options FROM pg_class WHERE relname = 'payment_status'");
    assert.deepEqual(views[0]!.options, ['security_invoker=true']);
  });

  it('hide a firm’s invoice from its owner without app.firm_id, and from another firm', async () => {
    const count = async (client: pg.Client, table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    await owner.query(
      `INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_a', 'alpha', 'Alpha LLP', $1, $1), ('firm_b', 'beta', 'Beta LLP', $1, $1)`,
      [now],
    );
    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = 'firm_a'");
    await owner.query(`INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('con_a', 'firm_a', 'a@example.com', 'Ann', $1, $1)`, [
      now,
    ]);
    await owner.query(
      `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
       VALUES ('inv_a', 'firm_a', 'con_a', 'INV-1001', '2025-01-01', '2025-01-31', 'USD', $1, $1)`,
      [now],
    );
    await owner.query(
      `INSERT INTO invoice_lines (id, invoice_id, position, kind, description, amount) VALUES ('line_a', 'inv_a', 1, 'flat_fee', 'Advice', 5000)`,
    );
    assert.equal(await count(owner, 'invoices'), 1);
    await owner.query('COMMIT');

    assert.equal(await count(owner, 'invoices'), 0, 'after COMMIT app.firm_id is empty: nothing is visible, even to the owner');
    assert.equal(await count(owner, 'invoice_lines'), 0);
    assert.equal(await count(await connect(), 'invoices'), 0, 'a session that never set app.firm_id sees nothing');
    assert.equal(await count(owner, 'firms'), 2, 'firms has no row-level security');

    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = 'firm_b'");
    assert.equal(await count(owner, 'invoices'), 0);
    assert.equal(await count(owner, 'invoice_lines'), 0, "a child row follows its parent's firm");
    await assert.rejects(
      owner.query(`INSERT INTO invoice_lines (id, invoice_id, position, kind, description, amount) VALUES ('line_b', 'inv_a', 2, 'flat_fee', 'Not ours', 1)`),
      (error: pg.DatabaseError) => error.code === '42501',
    );
    await owner.query('ROLLBACK');

    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = '*'");
    assert.equal(await count(owner, 'invoices'), 1, "'*' sees every firm");
    assert.equal(await count(owner, 'invoice_lines'), 1);
    await owner.query('ROLLBACK');
  });

  it("fence the ledger's rows by their own firm, as the invoices are", async () => {
    const count = async (table: string) => Number((await owner.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = '*'");
    await owner.query(
      `INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_l1', 'ledger-one', 'One', $1, $1), ('firm_l2', 'ledger-two', 'Two', $1, $1)`,
      [now],
    );
    await owner.query(`INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('con_l1', 'firm_l1', 'l@example.com', 'L', $1, $1)`, [
      now,
    ]);
    await owner.query(
      `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
       VALUES ('inv_l1', 'firm_l1', 'con_l1', 'INV-1001', '2025-01-01', '2025-01-31', 'USD', $1, $1)`,
      [now],
    );
    await owner.query(
      `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
       VALUES ('pay_l1', 'firm_l1', 'con_l1', 500, 'USD', 'check', 'firm', 'R-100001', $1)`,
      [now],
    );
    await owner.query('COMMIT');

    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = 'firm_l1'");
    await owner.query(
      `INSERT INTO payment_allocations (firm_id, contact_id, payment_id, invoice_id, amount, deposit_account) VALUES ('firm_l1', 'con_l1', 'pay_l1', 'inv_l1', 500, 'operating')`,
    );
    await owner.query(
      `INSERT INTO payment_events (firm_id, contact_id, payment_id, status, occurred_at) VALUES ('firm_l1', 'con_l1', 'pay_l1', 'succeeded', $1)`,
      [now],
    );
    assert.equal(await count('payment_allocations'), 1);
    await owner.query('COMMIT');

    await owner.query('BEGIN');
    await owner.query("SET LOCAL app.firm_id = 'firm_l2'");
    assert.equal(await count('payment_allocations'), 0, "another firm sees none of the firm's allocations");
    assert.equal(await count('payment_events'), 0);
    await assert.rejects(
      owner.query(`INSERT INTO payment_events (firm_id, contact_id, payment_id, status, occurred_at) VALUES ('firm_l1', 'con_l1', 'pay_l1', 'refunded', $1)`, [
        now,
      ]),
      (error: pg.DatabaseError) => error.code === '42501',
      'a row naming another firm is refused',
    );
    await owner.query('ROLLBACK');

    const { rows } = await owner.query<{ table: string; using: string }>(
      `SELECT c.relname AS table, pg_get_expr(p.polqual, p.polrelid) AS using FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
        WHERE c.relname IN ('payment_allocations', 'payment_events', 'refund_allocations') ORDER BY c.relname`,
    );
    assert.equal(rows.length, 3);
    for (const row of rows) assert.match(row.using, /^\(\(firm_id = NULLIF/, `${row.table}: a check of the row's own firm, no lookup of its parent`);
  });

  it('check slugs and dates alike on both engines', async () => {
    const slugs = ['ab', 'a-b', '9lives', 'Ab', '-ab', 'a', 'ab\n', 'é1'];
    const dates = ['2025-01-31', '2025-1-31', '2025-01-31T00:00', 'x025-01-31', '2025-01-31\n'];
    const sqliteAccepts = (sql: string, value: string) => {
      try {
        sqlite.transaction(() => {
          sqlite.prepare(sql).run({ value, now });
          throw new RollBack();
        })();
      } catch (error) {
        if (error instanceof RollBack) return true;
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') return false;
        throw error;
      }
      return true;
    };
    const postgresAccepts = async (sql: string, value: string) => {
      await owner.query('BEGIN');
      await owner.query("SET LOCAL app.firm_id = '*'");
      try {
        await owner.query(sql.replace('@value', '$1').replaceAll('@now', '$2'), [value, now]);
        return true;
      } catch (error) {
        if ((error as pg.DatabaseError).code === '23514') return false;
        throw error;
      } finally {
        await owner.query('ROLLBACK');
      }
    };
    // A firm and a contact for the invoices, on both engines (the other test may have made them).
    const firmSql = "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_a', 'alpha', 'Alpha LLP', @now, @now) ON CONFLICT DO NOTHING";
    const contactSql = `INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at)
      VALUES ('con_a', 'firm_a', 'a@example.com', 'Ann', @now, @now) ON CONFLICT DO NOTHING`;
    for (const sql of [firmSql, contactSql]) {
      sqlite.prepare(sql).run({ now });
      await owner.query('BEGIN');
      await owner.query("SET LOCAL app.firm_id = '*'");
      await owner.query(sql.replaceAll('@now', '$1'), [now]);
      await owner.query('COMMIT');
    }

    const slugSql = "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('firm_x', @value, 'X', @now, @now)";
    for (const slug of slugs) assert.equal(await postgresAccepts(slugSql, slug), sqliteAccepts(slugSql, slug), `slug ${JSON.stringify(slug)}`);
    const dateSql = `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
      VALUES ('inv_x', 'firm_a', 'con_a', 'INV-9', @value, '2025-02-01', 'USD', @now, @now)`;
    for (const date of dates) assert.equal(await postgresAccepts(dateSql, date), sqliteAccepts(dateSql, date), `date ${JSON.stringify(date)}`);
  });

  it('continue invoice and receipt numbers alike on both engines (migration 14)', async () => {
    // A schema of its own, brought to migration 13 with data, then migrated once more.
    const client = await connect();
    await client.query('CREATE SCHEMA numbering; SET search_path TO numbering');
    const [upTo13, fourteen] = [migrations.filter((m) => m.version <= 13), migrations.filter((m) => m.version === 14)];
    await applyPostgres(client, upTo13);
    const db = new Database(':memory:');
    applySqlite(db, upTo13);

    const data = [
      [
        "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('f1', 'one', 'One', 'now', 'now'), ('f2', 'two', 'Two', 'now', 'now'), ('f3', 'three', 'Three', 'now', 'now')",
      ],
      [
        "INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('c1', 'f1', 'c@x', 'C', 'now', 'now'), ('c3', 'f3', 'c@x', 'C', 'now', 'now')",
      ],
      ...['INV-1001', 'INV-1005', 'INV-00042', 'INV-12a', 'X-99999', 'INV-', 'INV-99999999999999999999999'].map((number, i) => [
        `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
         VALUES ('i${i}', 'f1', 'c1', '${number}', '2025-01-01', '2025-01-31', 'USD', 'now', 'now')`,
      ]),
      ...['R-100003', 'R-7x', 'R-0100009'].map((receipt, i) => [
        `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
         VALUES ('p${i}', 'f3', 'c3', 100, 'USD', 'check', 'firm', '${receipt}', 'now')`,
      ]),
    ];
    for (const [sql] of data) {
      db.exec(sql!);
      await client.query(sql!);
    }
    applySqlite(db, fourteen);
    await applyPostgres(client, fourteen);

    const select = 'SELECT firm_id, name, value FROM firm_counters ORDER BY firm_id, name';
    const fromSqlite = db.prepare(select).all();
    db.close();
    const fromPostgres = (await client.query(select)).rows.map((row) => ({ ...row, value: Number(row.value) }));
    assert.equal(fromSqlite.length, 6);
    assert.deepEqual(fromPostgres, fromSqlite);
  });

  it("give each ledger row its payment's or refund's firm alike on both engines, events numbered on (migration 19)", async () => {
    const client = await connect();
    // Row-level security is on from migration 15: this session writes and backfills for every firm, as the migrator does.
    const db = await bothEnginesAt(client, 'ledger_firms', 18);

    await execOnBoth(db, client, [
      "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('f1', 'one', 'One', 'now', 'now'), ('f2', 'two', 'Two', 'now', 'now')",
      "INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('c1', 'f1', 'c@x', 'C', 'now', 'now'), ('c2', 'f2', 'd@x', 'D', 'now', 'now')",
      `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
       VALUES ('i1', 'f1', 'c1', 'INV-1', '2025-01-01', '2025-01-31', 'USD', 'now', 'now'), ('i2', 'f2', 'c2', 'INV-1', '2025-01-01', '2025-01-31', 'USD', 'now', 'now')`,
      `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
       VALUES ('p1', 'f1', 'c1', 300, 'USD', 'check', 'firm', 'R-1', 'now'), ('p2', 'f2', 'c2', 200, 'USD', 'check', 'firm', 'R-1', 'now')`,
      `INSERT INTO payment_allocations (payment_id, invoice_id, amount, deposit_account, invoice_number)
       VALUES ('p1', 'i1', 300, 'operating', 'INV-1'), ('p2', 'i2', 200, 'trust', 'INV-1')`,
      `INSERT INTO payment_events (payment_id, status, occurred_at)
       VALUES ('p1', 'succeeded', 'now'), ('p2', 'processing', 'now'), ('p2', 'succeeded', 'now')`,
      `INSERT INTO refunds (id, firm_id, payment_id, amount, currency, status, origin, created_at, updated_at)
       VALUES ('r2', 'f2', 'p2', 50, 'USD', 'succeeded', 'api', 'now', 'now')`,
      "INSERT INTO refund_allocations (refund_id, invoice_id, amount) VALUES ('r2', 'i2', 50)",
    ]);
    await migrateBoth(db, client, 19);
    // A new event after the rebuild carries on from the last id.
    await execOnBoth(db, client, ["INSERT INTO payment_events (firm_id, payment_id, status, occurred_at) VALUES ('f1', 'p1', 'refunded', 'later')"]);

    const { fromSqlite, fromPostgres } = await readOnBoth(db, client, [
      'SELECT payment_id, invoice_id, amount, deposit_account, invoice_number, firm_id FROM payment_allocations ORDER BY payment_id',
      'SELECT id, payment_id, status, firm_id FROM payment_events ORDER BY id',
      'SELECT refund_id, invoice_id, amount, firm_id FROM refund_allocations ORDER BY refund_id',
      'SELECT payment_id, status FROM payment_status ORDER BY payment_id',
    ]);
    assert.deepEqual(fromSqlite, [
      [
        { payment_id: 'p1', invoice_id: 'i1', amount: 300, deposit_account: 'operating', invoice_number: 'INV-1', firm_id: 'f1' },
        { payment_id: 'p2', invoice_id: 'i2', amount: 200, deposit_account: 'trust', invoice_number: 'INV-1', firm_id: 'f2' },
      ],
      [
        { id: 1, payment_id: 'p1', status: 'succeeded', firm_id: 'f1' },
        { id: 2, payment_id: 'p2', status: 'processing', firm_id: 'f2' },
        { id: 3, payment_id: 'p2', status: 'succeeded', firm_id: 'f2' },
        { id: 4, payment_id: 'p1', status: 'refunded', firm_id: 'f1' },
      ],
      [{ refund_id: 'r2', invoice_id: 'i2', amount: 50, firm_id: 'f2' }],
      [
        { payment_id: 'p1', status: 'refunded' },
        { payment_id: 'p2', status: 'succeeded' },
      ],
    ]);
    assert.deepEqual(fromPostgres, fromSqlite);
  });

  it("give each allocation its invoice's client alike on both engines (migration 29)", async () => {
    const client = await connect();
    const db = await bothEnginesAt(client, 'allocation_clients', 28);

    await execOnBoth(db, client, [
      "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('f1', 'one', 'One', 'now', 'now')",
      "INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('c1', 'f1', 'c@x', 'C', 'now', 'now'), ('c2', 'f1', 'd@x', 'D', 'now', 'now')",
      `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
       VALUES ('i1', 'f1', 'c1', 'INV-1', '2025-01-01', '2025-01-31', 'USD', 'now', 'now'), ('i2', 'f1', 'c2', 'INV-2', '2025-01-01', '2025-01-31', 'USD', 'now', 'now')`,
      `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
       VALUES ('p1', 'f1', 'c1', 300, 'USD', 'check', 'firm', 'R-1', 'now'), ('p2', 'f1', 'c2', 200, 'USD', 'check', 'firm', 'R-2', 'now')`,
      `INSERT INTO payment_allocations (firm_id, payment_id, invoice_id, amount, deposit_account, invoice_number)
       VALUES ('f1', 'p1', 'i1', 300, 'operating', 'INV-1'), ('f1', 'p2', 'i2', 200, 'trust', 'INV-2')`,
    ]);
    await migrateBoth(db, client, 29);

    const { fromSqlite, fromPostgres } = await readOnBoth(db, client, [
      'SELECT payment_id, invoice_id, contact_id, firm_id, amount, deposit_account, invoice_number FROM payment_allocations ORDER BY payment_id',
    ]);
    assert.deepEqual(fromSqlite, [
      [
        { payment_id: 'p1', invoice_id: 'i1', contact_id: 'c1', firm_id: 'f1', amount: 300, deposit_account: 'operating', invoice_number: 'INV-1' },
        { payment_id: 'p2', invoice_id: 'i2', contact_id: 'c2', firm_id: 'f1', amount: 200, deposit_account: 'trust', invoice_number: 'INV-2' },
      ],
    ]);
    assert.deepEqual(fromPostgres, fromSqlite);
  });

  it("give each payment event and refund allocation its payment's client alike on both engines, events numbered on (migration 30)", async () => {
    const client = await connect();
    const db = await bothEnginesAt(client, 'event_clients', 29);

    await execOnBoth(db, client, [
      "INSERT INTO firms (id, slug, name, created_at, updated_at) VALUES ('f1', 'one', 'One', 'now', 'now')",
      "INSERT INTO contacts (id, firm_id, email, name, created_at, updated_at) VALUES ('c1', 'f1', 'c@x', 'C', 'now', 'now'), ('c2', 'f1', 'd@x', 'D', 'now', 'now')",
      `INSERT INTO invoices (id, firm_id, contact_id, number, issued_on, due_on, currency, created_at, updated_at)
       VALUES ('i1', 'f1', 'c1', 'INV-1', '2025-01-01', '2025-01-31', 'USD', 'now', 'now'), ('i2', 'f1', 'c2', 'INV-2', '2025-01-01', '2025-01-31', 'USD', 'now', 'now')`,
      `INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
       VALUES ('p1', 'f1', 'c1', 300, 'USD', 'check', 'firm', 'R-1', 'now'), ('p2', 'f1', 'c2', 200, 'USD', 'check', 'firm', 'R-2', 'now')`,
      `INSERT INTO payment_allocations (firm_id, contact_id, payment_id, invoice_id, amount, deposit_account, invoice_number)
       VALUES ('f1', 'c1', 'p1', 'i1', 300, 'operating', 'INV-1'), ('f1', 'c2', 'p2', 'i2', 200, 'trust', 'INV-2')`,
      `INSERT INTO payment_events (firm_id, payment_id, status, occurred_at)
       VALUES ('f1', 'p1', 'succeeded', 'now'), ('f1', 'p2', 'processing', 'now'), ('f1', 'p2', 'succeeded', 'now')`,
      `INSERT INTO refunds (id, firm_id, payment_id, amount, currency, status, origin, created_at, updated_at)
       VALUES ('r2', 'f1', 'p2', 50, 'USD', 'succeeded', 'api', 'now', 'now')`,
      "INSERT INTO refund_allocations (firm_id, refund_id, invoice_id, amount) VALUES ('f1', 'r2', 'i2', 50)",
    ]);
    await migrateBoth(db, client, 30);
    // A new event after the rebuild carries on from the last id.
    await execOnBoth(db, client, [
      "INSERT INTO payment_events (firm_id, contact_id, payment_id, status, occurred_at) VALUES ('f1', 'c1', 'p1', 'refunded', 'later')",
    ]);

    const { fromSqlite, fromPostgres } = await readOnBoth(db, client, [
      'SELECT id, payment_id, status, firm_id, contact_id FROM payment_events ORDER BY id',
      'SELECT refund_id, invoice_id, amount, firm_id, contact_id FROM refund_allocations ORDER BY refund_id',
      'SELECT payment_id, status FROM payment_status ORDER BY payment_id',
    ]);
    assert.deepEqual(fromSqlite, [
      [
        { id: 1, payment_id: 'p1', status: 'succeeded', firm_id: 'f1', contact_id: 'c1' },
        { id: 2, payment_id: 'p2', status: 'processing', firm_id: 'f1', contact_id: 'c2' },
        { id: 3, payment_id: 'p2', status: 'succeeded', firm_id: 'f1', contact_id: 'c2' },
        { id: 4, payment_id: 'p1', status: 'refunded', firm_id: 'f1', contact_id: 'c1' },
      ],
      [{ refund_id: 'r2', invoice_id: 'i2', amount: 50, firm_id: 'f1', contact_id: 'c2' }],
      [
        { payment_id: 'p1', status: 'refunded' },
        { payment_id: 'p2', status: 'succeeded' },
      ],
    ]);
    assert.deepEqual(fromPostgres, fromSqlite);
  });
});

class RollBack extends Error {}
