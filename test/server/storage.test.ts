import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openPostgresStorage, openSqliteStorage } from '../../server/src/db/open-storage.ts';
import { QueryShapes } from '../../server/src/db/query-shapes.ts';
import type { Storage } from '../../server/src/db/storage.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const now = '2026-03-02T15:00:00.000Z';

/** What both engines must do alike: transactions that follow the call chain, savepoints, callbacks after the end. */
function transactionTests(open: () => Promise<{ storage: Storage; close(): Promise<void> }>) {
  let storage: Storage;
  let close: () => Promise<void>;
  const rows = async () => (await storage.db.selectFrom('sandbox_state').select('value').orderBy('key').execute()).map((row) => row.value);
  const put = (key: string) => () => storage.db.insertInto('sandbox_state').values({ key, value: key }).execute();
  const clear = () => storage.db.deleteFrom('sandbox_state').execute();

  before(async () => ({ storage, close } = await open()));
  after(() => close());

  it('follow the call chain: a repository call inside one joins it, and a failure undoes all of it', async () => {
    await clear();
    await assert.rejects(
      storage.transaction(async () => {
        await put('a')();
        assert.equal(storage.inTransaction, true);
        assert.deepEqual(await rows(), ['a'], 'the transaction sees its own write');
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(storage.inTransaction, false);
    assert.deepEqual(await rows(), []);
  });

  it('nest as savepoints: an inner failure that is caught undoes the inner work alone', async () => {
    await clear();
    await storage.transaction(async () => {
      await put('a')();
      await storage
        .transaction(async () => {
          await put('b')();
          throw new Error('inner');
        })
        .catch(() => {});
      await storage.transaction(put('c'));
    });
    assert.deepEqual(await rows(), ['a', 'c']);
  });

  it('call back after the outermost transaction ends, committed or not, and at once outside one', async () => {
    await clear();
    const seen: string[] = [];
    await storage.transaction(async () => {
      await put('a')();
      await storage.transaction(async () => storage.afterTransaction(() => seen.push(`after commit: ${storage.inTransaction}`)));
      assert.deepEqual(seen, [], 'not before the outer commit');
    });
    await storage
      .transaction(async () => {
        storage.afterTransaction(() => seen.push('after rollback'));
        throw new Error('refused');
      })
      .catch(() => {});
    storage.afterTransaction(() => seen.push('no transaction'));
    assert.deepEqual(seen, ['after commit: false', 'after rollback', 'no transaction']);
  });
}

describe('storage on SQLite', () => {
  describe('transactions', () => {
    transactionTests(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-storage-'));
      const storage = openSqliteStorage(dir);
      return { storage, close: async () => (await storage.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    });
  });

  let dir: string;
  let storage: Storage;
  const rows = async () => (await storage.db.selectFrom('sandbox_state').select('value').orderBy('key').execute()).map((row) => row.value);
  const put = (key: string) => () => storage.db.insertInto('sandbox_state').values({ key, value: key }).execute();
  const clear = () => storage.db.deleteFrom('sandbox_state').execute();

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-storage-'));
    storage = openSqliteStorage(dir);
  });
  after(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs transactions one at a time: a second waits for the first to commit, and reads outside wait too', async () => {
    await clear();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = storage.transaction(async () => {
      await put('a')();
      order.push('first wrote');
      await held;
      order.push('first done');
    });
    const second = storage.transaction(async () => {
      order.push(`second saw ${JSON.stringify(await rows())}`);
    });
    const read = rows().then((seen) => order.push(`read saw ${JSON.stringify(seen)}`));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, second, read]);
    assert.deepEqual(order, ['first wrote', 'first done', 'second saw ["a"]', 'read saw ["a"]']);
  });

  describe('group commit', () => {
    it('commits the writes of one turn together, and each only once committed', async () => {
      await clear();
      const seen: number[] = [];
      const write = (key: string) =>
        storage.write(async () => {
          await put(key)();
          // The same transaction sees the rows of the writes before it in the batch.
          seen.push((await rows()).length);
          return storage.inTransaction;
        });
      const writes = [write('a'), write('b'), write('c')];
      assert.deepEqual(await rows(), [], 'nothing is written before the batch runs');
      assert.deepEqual(await Promise.all(writes), [true, true, true]);
      assert.deepEqual(seen, [1, 2, 3]);
      assert.deepEqual(await rows(), ['a', 'b', 'c']);
      assert.equal(storage.inTransaction, false);
    });

    it('rolls back a write that throws, alone', async () => {
      await clear();
      const results = await Promise.allSettled([
        storage.write(put('d')),
        storage.write(async () => {
          await put('e')();
          throw new Error('refused');
        }),
        storage.write(put('d')),
        storage.write(put('f')),
      ]);
      assert.deepEqual(
        results.map((result) => result.status),
        ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
        'a constraint failure rejects too',
      );
      assert.equal((results[1] as PromiseRejectedResult).reason.message, 'refused');
      assert.deepEqual(await rows(), ['d', 'f']);
    });

    it('joins the transaction it is asked for inside', async () => {
      await clear();
      await assert.rejects(
        storage.transaction(async () => {
          await storage.write(put('g'));
          throw new Error('refused');
        }),
      );
      assert.deepEqual(await rows(), [], 'the write went with the transaction it was inside');
    });
  });
});

describe('storage on PostgreSQL', () => {
  let postgres: TestPostgres;
  before(async () => {
    postgres = await startPostgres();
  });
  after(() => postgres?.stop());

  describe('transactions', () => {
    transactionTests(async () => {
      const storage = await openPostgresStorage(postgres.url);
      return { storage, close: () => storage.close() };
    });
  });

  describe('tenancy', () => {
    let storage: Storage;
    const contactEmails = async () => (await storage.db.selectFrom('contacts').select('email').orderBy('email').execute()).map((row) => row.email);

    before(async () => {
      storage = await openPostgresStorage(postgres.url);
      // Firms are the tenant registry (no row-level security); contacts are one firm's each.
      for (const firm of ['firm_a', 'firm_b']) {
        await storage.db
          .insertInto('firms')
          .values({ id: firm, slug: firm.replace('_', '-'), name: firm, created_at: now, updated_at: now })
          .execute();
        await storage.asFirm(firm, () =>
          storage.db
            .insertInto('contacts')
            .values({ id: `con_${firm}`, firm_id: firm, email: `${firm}@example.com`, name: firm, created_at: now, updated_at: now })
            .execute(),
        );
      }
    });
    after(() => storage?.close());

    it("shows a call chain acting for a firm that firm's rows only, in and out of transactions", async () => {
      assert.deepEqual(await storage.asFirm('firm_a', contactEmails), ['firm_a@example.com']);
      assert.deepEqual(await storage.asFirm('firm_b', () => storage.transaction(contactEmails)), ['firm_b@example.com']);
    });

    it('shows nothing to a call chain that has not said which firm it acts for, and everything to the system scope', async () => {
      assert.deepEqual(await contactEmails(), []);
      assert.deepEqual(await storage.transaction(contactEmails), []);
      assert.deepEqual(await storage.asSystem(contactEmails), ['firm_a@example.com', 'firm_b@example.com']);
    });

    it("refuses to write a row into another firm's data", async () => {
      await assert.rejects(
        storage.asFirm('firm_a', () =>
          storage.db
            .insertInto('contacts')
            .values({ id: 'con_x', firm_id: 'firm_b', email: 'x@example.com', name: 'X', created_at: now, updated_at: now })
            .execute(),
        ),
        /row-level security/,
      );
      assert.equal(
        await storage
          .asFirm('firm_a', () => storage.db.updateTable('contacts').set({ name: 'changed' }).where('id', '=', 'con_firm_b').execute())
          .then((result) => Number(result[0]!.numUpdatedRows)),
        0,
      );
    });

    it("does not carry one call chain's firm to the next user of a pooled connection", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const firm = index % 2 ? 'firm_a' : 'firm_b';
          return storage.asFirm(firm, async () => assert.deepEqual(await contactEmails(), [`${firm}@example.com`]));
        }),
      );
      assert.deepEqual(await contactEmails(), [], 'a connection used for a firm a moment ago');
    });

    it('tells a reused connection each change of firm, however the firms alternate', async () => {
      // One connection for every query: it is told its firm only when the firm changes.
      const single = await openPostgresStorage(postgres.url, { poolSize: 1 });
      try {
        const seen = async () => (await single.db.selectFrom('contacts').select('email').orderBy('email').execute()).map((row) => row.email);
        for (const firm of ['firm_a', 'firm_a', 'firm_b', undefined, 'firm_b', '*', 'firm_a', undefined]) {
          const expected = firm === undefined ? [] : firm === '*' ? ['firm_a@example.com', 'firm_b@example.com'] : [`${firm}@example.com`];
          const emails = firm === undefined ? await seen() : firm === '*' ? await single.asSystem(seen) : await single.asFirm(firm, seen);
          assert.deepEqual(emails, expected, `acting for ${firm ?? 'no firm'}`);
        }
        await assert.rejects(
          single.asFirm('firm_a', () =>
            single.transaction(() =>
              single.db
                .selectFrom('nowhere' as 'contacts')
                .selectAll()
                .execute(),
            ),
          ),
        );
        assert.deepEqual(await single.asFirm('firm_b', seen), ['firm_b@example.com'], 'after a failed transaction');
      } finally {
        await single.close();
      }
    });
  });
});

describe('query shapes', () => {
  let storage: Storage;
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-shapes-'));
    storage = openSqliteStorage(dir);
  });
  after(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("compiles a shape once and runs it with each call's values; which values are set is part of the shape", async () => {
    const shapes = new QueryShapes<{ firmId: string; email?: string }>();
    let builds = 0;
    const statement = (values: { firmId: string; email?: string }) =>
      shapes.compile('contacts', values, (slots) => {
        builds += 1;
        return storage.db
          .selectFrom('contacts')
          .select('id')
          .where('firm_id', '=', slots.firmId)
          .$if(slots.email !== undefined, (query) => query.where('email', '=', slots.email!));
      });
    const a = statement({ firmId: 'firm_a' });
    const b = statement({ firmId: 'firm_b' });
    assert.equal(builds, 1);
    assert.equal(a.sql, b.sql);
    assert.deepEqual([a.parameters, b.parameters], [['firm_a'], ['firm_b']]);
    const filtered = statement({ firmId: 'firm_b', email: 'b@example.com' });
    assert.equal(builds, 2);
    assert.match(filtered.sql, /email/);
    assert.deepEqual(filtered.parameters, ['firm_b', 'b@example.com']);
    // An empty value is not a placeholder: it is part of its shape's text and parameters.
    const empty = statement({ firmId: 'firm_b', email: '' });
    assert.equal(builds, 3);
    assert.deepEqual(empty.parameters, ['firm_b', '']);
    assert.deepEqual(statement({ firmId: 'firm_c', email: 'c@example.com' }).parameters, ['firm_c', 'c@example.com']);
    assert.equal(builds, 3);
    assert.deepEqual((await storage.db.executeQuery(a)).rows, []);
  });
});
