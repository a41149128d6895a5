import type { CompiledQuery } from 'kysely';

/** Where a reused statement takes one of the call's values. */
class Slot {
  constructor(readonly name: string) {}
}

/** One shape's statement: its SQL and its parameters, each a value of its own or a slot. */
interface Shape {
  query: CompiledQuery['query'];
  sql: string;
  parameters: readonly unknown[];
}

/** The most shapes kept; more than a service's lists ever combine, but a bound all the same. */
const maxShapes = 500;

/**
 * Statements whose SQL text depends only on a query's shape (which filters it has, which order,
 * which statuses), built and compiled once per shape and run with each call's values. Building
 * and compiling a list's statement with Kysely cost as much as a seventh of a client's invoice
 * page, on every request, to produce the same text again (measured).
 *
 * `compile(values, build)` gives `build` the values with each one that is set (not undefined,
 * null or '') replaced by a placeholder, which Kysely passes through as a parameter. `build` may
 * branch on whether a value is set, and on the shape's other inputs, all of which `shape` must
 * name; it may not branch on what a set value is, nor put one into the SQL text.
 */
export class QueryShapes<Values extends Record<string, unknown>> {
  readonly #shapes = new Map<string, Shape>();

  compile<Row>(shape: string, values: Values, build: (values: Values) => { compile(): CompiledQuery<Row> }): CompiledQuery<Row> {
    const set = (value: unknown) => value !== undefined && value !== null && value !== '';
    // Which values are set, and what each unset one is, belong to the shape too.
    const key = `${shape}|${Object.entries(values)
      .map(([name, value]) => (set(value) ? name : `${name}=${String(value)}`))
      .join(',')}`;
    let known = this.#shapes.get(key);
    if (!known) {
      const placeholders = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, set(value) ? new Slot(name) : value])) as Values;
      const compiled = build(placeholders).compile();
      known = { query: compiled.query, sql: compiled.sql, parameters: compiled.parameters };
      if (this.#shapes.size >= maxShapes) this.#shapes.delete(this.#shapes.keys().next().value!);
      this.#shapes.set(key, known);
    }
    return {
      query: known.query,
      sql: known.sql,
      parameters: known.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter)),
    };
  }
}
