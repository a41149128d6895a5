import { Problem } from './problem.ts';

/**
 * Opaque paging cursors: the position after the last item of a page, as base64url JSON.
 * A client passes `nextCursor` back untouched; anything else is a 400.
 */
export function encodeCursor(position: Record<string, string | number | null>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string | number | null> {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value && typeof value === 'object' && keys.every((key) => ['string', 'number'].includes(typeof value[key]) || value[key] === null)) {
      return value as Record<K, string | number | null>;
    }
  } catch {
    // reported below
  }
  throw Problem.badRequest('invalid_cursor', 'The paging cursor is not valid. Start again from the first page.');
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A page from up to `limit + 1` rows: the first `limit`, and the cursor after the last of them when more follow. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, string | number | null>): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

/** The `{ createdAt, id }` position a newest-first cursor holds, or undefined without one. */
export function createdPosition(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const position = decodeCursor(cursor, ['c', 'id']);
  return { createdAt: String(position.c), id: String(position.id) };
}

/** The cursor after an item of a newest-first list. */
export const createdCursor = (item: { createdAt: string; id: string }) => ({ c: item.createdAt, id: item.id });
