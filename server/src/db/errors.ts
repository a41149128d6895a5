/** What both engines say when a write breaks a constraint, read the same way. */
interface DriverError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  constraint?: unknown;
}

const asDriverError = (error: unknown): DriverError => (typeof error === 'object' && error !== null ? (error as DriverError) : {});

/**
 * True when `error` is a unique-constraint violation (SQLite `SQLITE_CONSTRAINT_UNIQUE` /
 * `…_PRIMARYKEY`, PostgreSQL 23505); with `column`, only one that involves that column.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  const { code, message, detail, constraint } = asDriverError(error);
  const unique = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
  if (!unique || !column) return unique;
  // SQLite: "UNIQUE constraint failed: invoices.firm_id, invoices.external_id". PostgreSQL names
  // the index (`invoices_external_id`); its detail, "Key (firm_id, external_id)=…", is left out
  // under row-level security.
  const text = `${String(message ?? '')} ${String(detail ?? '')} ${String(constraint ?? '')}`;
  return new RegExp(`[.(, _]${column}\\b`).test(text);
}

/** True when `error` is a foreign-key violation (SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`, PostgreSQL 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code } = asDriverError(error);
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
