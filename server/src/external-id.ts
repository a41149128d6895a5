import { z } from 'zod';
import { isUniqueViolation } from './db/errors.ts';
import { Problem } from './http/problem.ts';

/**
 * External ids: the id a firm's own practice system gives a contact, an invoice or an activity,
 * so it can sync without keeping ours. Unique per firm and kind; any text of 1 to 200 printable
 * characters (no control, format or line-separator characters), compared exactly.
 */
const printable = /^[^\p{C}\p{Zl}\p{Zp}]{1,200}$/u;

export function isExternalId(value: unknown): value is string {
  return typeof value === 'string' && printable.test(value);
}

export const externalIdSchema = z.string().refine(isExternalId, 'must be 1 to 200 printable characters');

/** `?externalId=` on the firm's lists. */
export const externalIdFilter = z.string().refine(isExternalId, 'must be 1 to 200 printable characters').optional();

/** The externalId of a PUT path, checked like a body field so a bad one is a 400 naming it. */
export function externalIdFromPath(value: unknown): string {
  if (isExternalId(value)) return value;
  throw Problem.badRequest('invalid_request', 'The path is invalid: externalId must be 1 to 200 printable characters.', {
    errors: [{ field: 'externalId', message: 'must be 1 to 200 printable characters' }],
  });
}

/** A body sent to `PUT …/by-external-id/:externalId` may repeat the path's externalId, not contradict it. */
export function assertSameExternalId(fromPath: string, inBody: string | null | undefined): void {
  if (inBody === undefined || inBody === fromPath) return;
  throw Problem.badRequest('invalid_request', 'The request body is invalid: externalId must equal the externalId in the path (or be left out).', {
    errors: [{ field: 'externalId', message: 'must equal the externalId in the path' }],
  });
}

export type ExternalIdKind = 'contact' | 'invoice' | 'activity';

export function externalIdTaken(kind: ExternalIdKind, externalId: string): Problem {
  return new Problem(409, 'external_id_taken', `Another ${kind} of this firm already has the externalId "${externalId}".`, {
    errors: [{ field: 'externalId', message: `is already used by another ${kind}` }],
  });
}

/**
 * Runs a write that may break a unique externalId index (two requests racing past the check):
 * that failure becomes the same 409 as the check's.
 */
export async function guardExternalId<T>(kind: ExternalIdKind, externalId: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (externalId && isUniqueViolation(error, 'external_id')) throw externalIdTaken(kind, externalId);
    throw error;
  }
}
