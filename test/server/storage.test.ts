import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStorage } from '../../server/src/db/open-storage.ts';
import type { Storage } from '../../server/src/db/storage.ts';

describe('storage', () => {
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

  describe('transactions', () => {
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

    it('run one at a time: a second waits for the first to commit, and reads outside wait too', async () => {
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
