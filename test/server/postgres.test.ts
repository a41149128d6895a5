import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

// What the PostgreSQL storage will rely on, proved on a real server: row-level security that
// hides other firms' rows from the tables' own owner, and job claiming with SKIP LOCKED.
describe('a throwaway PostgreSQL', () => {
  let postgres: TestPostgres;
  const clients: pg.Client[] = [];

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  before(async () => {
    postgres = await startPostgres();
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.end()));
    await postgres?.stop();
  });

  it('is PostgreSQL, reached over TCP as a role that is neither superuser nor BYPASSRLS', async () => {
    const client = await connect();
    const { rows } = await client.query<{ version: string; address: string | null; rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT version(), host(inet_server_addr()) AS address, rolsuper, rolbypassrls
         FROM pg_roles WHERE rolname = current_user`,
    );
    assert.match(rows[0]!.version, /^PostgreSQL \d+/);
    assert.ok(rows[0]!.address, 'connected over TCP, not a Unix socket');
    if (!process.env.TEST_DATABASE_URL) assert.equal(rows[0]!.address, '127.0.0.1');
    assert.equal(rows[0]!.rolsuper, false);
    assert.equal(rows[0]!.rolbypassrls, false);
  });

  it('hides every row from a session without app.firm_id, even its owner, and shows one firm inside a transaction that sets it', async () => {
    const owner = await connect();
    await owner.query(`
      CREATE TABLE matters (id text PRIMARY KEY, firm_id text NOT NULL, title text NOT NULL);
      ALTER TABLE matters ENABLE ROW LEVEL SECURITY;
      ALTER TABLE matters FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_scope ON matters USING (firm_id = current_setting('app.firm_id', true));
    `);
    const { rows: tableOwner } = await owner.query<{ owner: string; me: string }>(
      "SELECT tableowner AS owner, current_user AS me FROM pg_tables WHERE tablename = 'matters'",
    );
    assert.equal(tableOwner[0]!.owner, tableOwner[0]!.me, 'this session owns the table');

    // Rows are written the way the repositories will: one firm per transaction.
    for (const [firm, ids] of [
      ['firm_a', ['m1', 'm2']],
      ['firm_b', ['m3']],
    ] as const) {
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL app.firm_id = '${firm}'`);
      for (const id of ids) await owner.query('INSERT INTO matters (id, firm_id, title) VALUES ($1, $2, $3)', [id, firm, `Matter ${id}`]);
      await owner.query('COMMIT');
    }

    const visible = async (client: pg.Client) => (await client.query<{ id: string }>('SELECT id FROM matters ORDER BY id')).rows.map((row) => row.id);

    const fresh = await connect();
    assert.deepEqual(await visible(fresh), [], 'a new session that never set app.firm_id sees nothing');
    assert.deepEqual(await visible(owner), [], 'after COMMIT the setting is gone again, even for the owner');

    await fresh.query('BEGIN');
    await fresh.query("SET LOCAL app.firm_id = 'firm_a'");
    assert.deepEqual(await visible(fresh), ['m1', 'm2']);
    // The policy also checks writes: another firm's row cannot be inserted from here.
    await assert.rejects(
      fresh.query("INSERT INTO matters (id, firm_id, title) VALUES ('m4', 'firm_b', 'Not ours')"),
      (error: pg.DatabaseError) => error.code === '42501' && /row-level security/.test(error.message),
    );
    await fresh.query('ROLLBACK');

    await fresh.query('BEGIN');
    await fresh.query("SET LOCAL app.firm_id = 'firm_b'");
    assert.deepEqual(await visible(fresh), ['m3']);
    await fresh.query('COMMIT');
    assert.deepEqual(await visible(fresh), []);
  });

  it('lets two connections claim different jobs at once with FOR UPDATE SKIP LOCKED', async () => {
    const setup = await connect();
    await setup.query(`
      CREATE TABLE jobs (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'waiting', worker text);
      INSERT INTO jobs (id) VALUES (1), (2), (3);
    `);
    const [first, second] = [await connect(), await connect()];
    const claim = async (worker: pg.Client, name: string) => {
      const { rows } = await worker.query<{ id: number }>("SELECT id FROM jobs WHERE state = 'waiting' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
      assert.equal(rows.length, 1, `${name} found a job`);
      await worker.query("UPDATE jobs SET state = 'running', worker = $2 WHERE id = $1", [rows[0]!.id, name]);
      return rows[0]!.id;
    };

    await Promise.all([first.query('BEGIN'), second.query('BEGIN')]);
    // Both transactions stay open while both claim: neither waits for the other.
    const claimed = await Promise.all([claim(first, 'first'), claim(second, 'second')]);
    assert.notEqual(claimed[0], claimed[1]);
    assert.deepEqual([...claimed].sort(), [1, 2]);

    // The claims are real row locks: taking one without SKIP LOCKED is refused at once.
    await assert.rejects(setup.query('SELECT id FROM jobs WHERE id = $1 FOR UPDATE NOWAIT', [claimed[0]]), (error: pg.DatabaseError) => error.code === '55P03');
    await Promise.all([first.query('COMMIT'), second.query('COMMIT')]);

    const { rows } = await setup.query<{ id: number; state: string; worker: string | null }>('SELECT id, state, worker FROM jobs ORDER BY id');
    assert.deepEqual(
      rows.map((row) => row.state),
      ['running', 'running', 'waiting'],
    );
    assert.deepEqual(new Set(rows.slice(0, 2).map((row) => row.worker)), new Set(['first', 'second']));
  });
});
