import type { Storage } from './storage.ts';

/**
 * Runs `work` in one transaction: a change and the jobs it calls for (its emails) commit together
 * or not at all. Repositories' own transactions inside it become savepoints.
 */
export type UnitOfWork = <T>(work: () => Promise<T>) => Promise<T>;

export function unitOfWork(storage: Storage): UnitOfWork {
  return (work) => storage.transaction(work);
}
