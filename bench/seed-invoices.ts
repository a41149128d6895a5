/**
 * Bulk seeding of one firm's clients and invoices for the invoice benchmarks, on either engine:
 * set-based SQL (a recursive series on SQLite, `generate_series` on PostgreSQL) writing the
 * tables directly. A million invoices through the repositories would take many minutes.
 *
 * Invoice `n` (0-based, firm-wide): the first `measured` belong to the measured client
 * (`con_b0`), the rest to the other clients in turn; issue and due dates spread over 700 days
 * from 2024-01-01; every third of the paid ones (see `paid`) has a succeeded payment for its total.
 */
import pg from 'pg';
import type { BenchServices } from './bench-service.ts';

export interface InvoiceSeed {
  firmId: string;
  /** Clients in the firm; client 0 is the measured one. */
  contacts: number;
  /** How many invoices (the first ones) the measured client owns. */
  measured: number;
  /** Every 50th invoice is a draft the client cannot see (else all are sent). */
  drafts: boolean;
  /** Which invoices with `n % 3 = 0` are paid in full: the measured client's only, or everyone's. */
  paid: 'client' | 'all';
  /** One flat-fee line per invoice. */
  lines: boolean;
}

/** Writes straight into the tables of the storage the benchmark opened. */
export class InvoiceSeeder {
  readonly #bench: BenchServices;
  readonly #seed: InvoiceSeed;
  /** The seeding connections (PostgreSQL), by number. */
  readonly #clients = new Map<number, Promise<pg.Client>>();
  #seeded = 0;

  constructor(bench: BenchServices, seed: InvoiceSeed) {
    this.#bench = bench;
    this.#seed = seed;
  }

  /** Invoices written so far. */
  get seeded(): number {
    return this.#seeded;
  }

  /** The measured client's id. */
  get clientId(): string {
    return 'con_b0';
  }

  /** The clients, then the measured client's invoices. */
  async start(): Promise<void> {
    const { firmId, contacts } = this.#seed;
    const now = new Date().toISOString();
    await this.#run([
      `${this.#series(0, contacts)}
       INSERT INTO contacts (id, firm_id, email, name, status, created_at, updated_at)
       SELECT 'con_b' || n, ${literal(firmId)}, 'client' || n || '@example.com', 'Client ' || n, 'active', ${literal(now)}, ${literal(now)} FROM s`,
    ]);
    await this.growTo(this.#seed.measured);
  }

  /** Adds invoices until the firm has `total`. */
  async growTo(total: number): Promise<void> {
    if (total <= this.#seeded) return;
    // PostgreSQL loads two halves on two connections at once (the rows of one never touch the other's).
    const parts = this.#bench.engine === 'postgres' && total - this.#seeded >= 50_000 ? 2 : 1;
    const step = Math.ceil((total - this.#seeded) / parts);
    await Promise.all(
      Array.from({ length: parts }, (_, part) => {
        const from = this.#seeded + part * step;
        return this.#run(this.#invoiceStatements(from, Math.min(total, from + step)), { connection: part });
      }),
    );
    this.#seeded = total;
    // What autovacuum does after a bulk load: the planner's statistics, and the visibility map
    // that lets a read answer from an index alone (it vacuums a table after enough inserts too).
    if (this.#bench.engine === 'postgres') {
      await this.#run(['VACUUM ANALYZE contacts, invoices, invoice_lines, payments, payment_allocations, payment_events'], { transaction: false });
    }
  }

  /** Invoices `from` to `to - 1`, with their lines and payments. */
  #invoiceStatements(from: number, total: number): string[] {
    const { firmId, contacts, measured, drafts, paid, lines } = this.#seed;
    const now = literal(new Date().toISOString());
    const firm = literal(firmId);
    const day =
      this.#bench.engine === 'postgres' ? `to_char(DATE '2024-01-01' + (n % 700)::int, 'YYYY-MM-DD')` : `date('2024-01-01', '+' || (n % 700) || ' days')`;
    const amount = '(10000 + (n * 7919) % 500000)';
    const isPaid = paid === 'all' ? 'n % 3 = 0' : `n % 3 = 0 AND n < ${measured}`;
    const series = this.#series(from, total);
    const statements = [
      `${series}
       INSERT INTO invoices (id, firm_id, contact_id, number, matter, issued_on, due_on, currency, state, subtotal, total, created_at, updated_at)
       SELECT 'inv_b' || n, ${firm}, CASE WHEN n < ${measured} THEN 'con_b0' ELSE 'con_b' || (1 + n % ${contacts - 1}) END,
              'INV-' || (n + 1001), 'Matter', ${day}, ${day}, 'USD',
              ${drafts ? `CASE WHEN n % 50 = 49 THEN 'draft' ELSE 'sent' END` : `'sent'`}, ${amount}, ${amount}, ${now}, ${now}
       FROM s`,
    ];
    if (lines) {
      statements.push(`${series}
       INSERT INTO invoice_lines (id, invoice_id, position, kind, description, amount)
       SELECT 'line_b' || n, 'inv_b' || n, 0, 'flat_fee', 'Fees', ${amount} FROM s`);
    }
    statements.push(
      `${series}
       INSERT INTO payments (id, firm_id, contact_id, amount, currency, method_type, source, receipt_number, created_at)
       SELECT 'pay_b' || n, ${firm}, CASE WHEN n < ${measured} THEN 'con_b0' ELSE 'con_b' || (1 + n % ${contacts - 1}) END,
              ${amount}, 'USD', 'card', 'portal', 'R-' || (n + 100001), ${now}
       FROM s WHERE ${isPaid}`,
      `${series}
       INSERT INTO payment_allocations (firm_id, contact_id, payment_id, invoice_id, amount, deposit_account)
       SELECT ${firm}, CASE WHEN n < ${measured} THEN 'con_b0' ELSE 'con_b' || (1 + n % ${contacts - 1}) END,
              'pay_b' || n, 'inv_b' || n, ${amount}, 'operating'
       FROM s WHERE ${isPaid}`,
      `${series}
       INSERT INTO payment_events (firm_id, contact_id, payment_id, status, occurred_at)
       SELECT ${firm}, CASE WHEN n < ${measured} THEN 'con_b0' ELSE 'con_b' || (1 + n % ${contacts - 1}) END, 'pay_b' || n, 'succeeded', ${now}
       FROM s WHERE ${isPaid}`,
    );
    return statements;
  }

  /** The rows of one statement, on the seeding connection (system scope on PostgreSQL): counts, EXPLAIN. */
  async query<Row>(text: string, parameters: readonly unknown[] = []): Promise<Row[]> {
    if (this.#bench.engine === 'sqlite') return this.#bench.storage.sqlite!.prepare(text).all(...parameters) as Row[];
    return (await (await this.#pg()).query(text, [...parameters])).rows as Row[];
  }

  /** PostgreSQL's plan for a statement as one firm runs it (row-level security as in service), with timings. */
  async explainAsFirm(firmId: string, statement: { sql: string; parameters: readonly unknown[] }): Promise<string[]> {
    const client = await this.#pg();
    await client.query(`SELECT set_config('app.firm_id', $1, false)`, [firmId]);
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters]);
      return rows.map((row) => row['QUERY PLAN']);
    } finally {
      await client.query(`SET app.firm_id = '*'`);
    }
  }

  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(async (client) => (await client).end()));
  }

  /** A CTE `s(n)` counting from `from` to `to - 1`. */
  #series(from: number, to: number): string {
    return this.#bench.engine === 'postgres'
      ? `WITH s(n) AS (SELECT generate_series(${from}::bigint, ${to - 1}::bigint))`
      : `WITH RECURSIVE s(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM s WHERE n < ${to - 1})`;
  }

  async #run(statements: string[], options: { transaction?: boolean; connection?: number } = {}): Promise<void> {
    if (this.#bench.engine === 'sqlite') {
      const db = this.#bench.storage.sqlite!;
      // A bigger cache for the load, then the service's own again: the figures are the service's.
      const serviceCache = db.pragma('cache_size', { simple: true }) as number;
      db.pragma('cache_size = -262144');
      try {
        db.transaction(() => {
          for (const statement of statements) db.exec(statement);
        })();
      } finally {
        db.pragma(`cache_size = ${serviceCache}`);
      }
      return;
    }
    const client = await this.#pg(options.connection);
    if (options.transaction === false) {
      for (const statement of statements) await client.query(statement);
      return;
    }
    await client.query('BEGIN');
    try {
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }

  /** A connection as the service's own role, in the system scope row-level security lets see every firm. */
  #pg(number = 0): Promise<pg.Client> {
    let client = this.#clients.get(number);
    if (!client) {
      client = (async () => {
        const connection = new pg.Client({ connectionString: this.#bench.databaseUrl });
        await connection.connect();
        await connection.query(`SET app.firm_id = '*'`);
        // Seeding only: a lost tail of the load on a crash is of no consequence.
        await connection.query('SET synchronous_commit = off');
        return connection;
      })();
      this.#clients.set(number, client);
    }
    return client;
  }
}

/** A string as an SQL literal (the values here are ours: ids and timestamps). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
