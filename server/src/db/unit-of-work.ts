import type { Db } from './database.ts';

/**
 * Runs `work` in one IMMEDIATE transaction: a change and the jobs it calls for (its emails)
 * commit together or not at all. Repositories' own transactions inside it become savepoints.
 */
export type UnitOfWork = <T>(work: () => T) => T;

export function unitOfWork(db: Db): UnitOfWork {
  return (work) => db.transaction(work).immediate();
}
