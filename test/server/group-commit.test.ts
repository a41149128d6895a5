import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type Db } from '../../server/src/db/database.ts';
import { GroupCommit } from '../../server/src/db/group-commit.ts';

describe('group commit', () => {
  let dir: string;
  let db: Db;
  let group: GroupCommit;
  const rows = () => (db.prepare('SELECT value FROM sandbox_state ORDER BY key').all() as { value: string }[]).map((row) => row.value);
  const put = (key: string) => () => db.prepare('INSERT INTO sandbox_state (key, value) VALUES (?, ?)').run(key, key);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-group-'));
    db = openDatabase(path.join(dir, 'portico.db'));
    group = new GroupCommit(db);
  });
  after(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('commits the writes of one turn together, and each only once committed', async () => {
    const transactions = new Set<number>();
    const marker = () => {
      // The same transaction sees the rows of the writes before it in the batch.
      transactions.add(rows().length);
      return db.inTransaction;
    };
    const writes = [group.write(() => (put('a')(), marker())), group.write(() => (put('b')(), marker())), group.write(() => (put('c')(), marker()))];
    assert.deepEqual(rows(), [], 'nothing is written before the batch runs');
    assert.deepEqual(await Promise.all(writes), [true, true, true]);
    assert.deepEqual([...transactions], [1, 2, 3]);
    assert.deepEqual(rows(), ['a', 'b', 'c']);
    assert.equal(db.inTransaction, false);
  });

  it('rolls back a write that throws, alone', async () => {
    const results = await Promise.allSettled([
      group.write(put('d')),
      group.write(() => {
        put('e')();
        throw new Error('refused');
      }),
      group.write(put('d')),
      group.write(put('f')),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
      'a constraint failure rejects too',
    );
    assert.equal((results[1] as PromiseRejectedResult).reason.message, 'refused');
    assert.deepEqual(rows(), ['a', 'b', 'c', 'd', 'f']);
  });
});
