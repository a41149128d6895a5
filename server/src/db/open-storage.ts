import path from 'node:path';
import { SqliteDialect } from 'kysely';
import { openDatabase } from './database.ts';
import { Storage } from './storage.ts';

/**
 * The service's storage: embedded SQLite in `dataDir` (`portico.db`), brought up to date.
 * `file` overrides the path (`:memory:` for a throwaway database).
 */
export function openSqliteStorage(dataDir: string, options: { file?: string } = {}): Storage {
  const database = openDatabase(options.file ?? path.join(dataDir, 'portico.db'));
  return new Storage('sqlite', new SqliteDialect({ database }), { sqlite: database });
}
