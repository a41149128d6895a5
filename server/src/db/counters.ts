import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** What a firm numbers: each has its own sequence per firm. */
export type CounterName = 'invoice_number' | 'receipt_number';

/**
 * The firm's next value of a counter, taken with one upsert of one row, so a new number never
 * counts the firm's documents; a firm without the counter yet starts at `first`. Call inside the
 * transaction that writes the numbered document: the row stays locked until it commits.
 */
export function nextCounterQuery(db: Kysely<Schema>, firmId: string, name: CounterName, first: number) {
  return db
    .insertInto('firm_counters')
    .values({ firm_id: firmId, name, value: first })
    .onConflict((oc) => oc.columns(['firm_id', 'name']).doUpdateSet((eb) => ({ value: eb('firm_counters.value', '+', 1) })))
    .returning('value');
}

export async function nextCounterValue(db: Kysely<Schema>, firmId: string, name: CounterName, first: number): Promise<number> {
  const row = await nextCounterQuery(db, firmId, name, first).executeTakeFirstOrThrow();
  return Number(row.value);
}
