import { CompiledQuery } from 'kysely';
import type { Storage } from './storage.ts';

/** A statement as the query-plan checks read it: SQL with the engine's placeholders and their values. */
export type Statement = Pick<CompiledQuery, 'sql' | 'parameters'>;

interface PostgresPlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Alias?: string;
  Plans?: PostgresPlanNode[];
}

/**
 * The engine's plan for a statement, one line per step: SQLite's `EXPLAIN QUERY PLAN` details
 * (`SEARCH i USING INDEX invoices_contact_issued (contact_id=?)`), or PostgreSQL's plan nodes
 * (`Index Scan using invoices_contact_issued on invoices i`, `Seq Scan on invoices i`, `Sort`).
 *
 * PostgreSQL plans from table statistics: a plan says what it would do with a table of the size
 * and shape it last analysed (a small table is read whole whatever its indexes).
 */
export async function queryPlan(storage: Storage, statement: Statement): Promise<string[]> {
  if (storage.engine === 'sqlite') {
    const { rows } = await storage.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${statement.sql}`, [...statement.parameters]));
    return rows.map((row) => row.detail);
  }
  const { rows } = await storage.db.executeQuery<{ 'QUERY PLAN': { Plan: PostgresPlanNode }[] }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
  );
  const lines: string[] = [];
  const walk = (node: PostgresPlanNode) => {
    const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const relation = node['Relation Name'] ? ` on ${node['Relation Name']}${node.Alias && node.Alias !== node['Relation Name'] ? ` ${node.Alias}` : ''}` : '';
    lines.push(`${node['Node Type']}${index}${relation}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]!['QUERY PLAN'][0]!.Plan);
  return lines;
}
