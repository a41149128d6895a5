/** The append-only record of who did what; every component writes to it through `AuditLog`. */
export type { Actor, AuditEntry } from './audit.ts';
export { AuditRepository } from './audit.repository.ts';
export { AuditLog } from './audit.service.ts';
