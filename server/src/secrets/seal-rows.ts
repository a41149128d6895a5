import type { Storage } from '../db/storage.ts';

/** Rows read and sealed per transaction: a large table is sealed in short transactions. */
const batchSize = 200;

/**
 * Seals the rows a table still holds in plain text, a batch at a time, each batch in one
 * transaction, until `plainRows` finds none; returns how many rows changed. `sealRow` updates a
 * row only if it still holds what was read (false otherwise), so instances doing this at once
 * never seal a value twice.
 */
export async function sealPlainRows<Row>(
  storage: Storage,
  plainRows: (limit: number) => Promise<Row[]>,
  sealRow: (row: Row) => Promise<boolean>,
): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await plainRows(batchSize);
    if (rows.length === 0) return sealed;
    await storage.transaction(async () => {
      for (const row of rows) if (await sealRow(row)) sealed += 1;
    });
  }
}
