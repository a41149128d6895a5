import { z } from 'zod';

/**
 * Building blocks of the API's shapes. A reply shape is a strict object: a field the contract
 * does not name is a defect the suite's reply check reports, not a silent extra.
 */

/** An ISO 8601 instant in UTC, e.g. `2026-03-02T15:00:00.000Z`. */
export const Instant = z.string().meta({ format: 'date-time', description: 'An ISO 8601 instant (UTC)' });

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: 'date' });

/** Money: integer minor units of the currency next to it. */
export const Money = z.number().int().meta({ description: 'Integer minor units of the currency' });

/** An ISO 4217 currency code. */
export const Currency = z.string().length(3).meta({ description: 'ISO 4217 currency code' });

/** One page of a list paged with opaque cursors. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last page' }),
  });
}

/** `{ data: [...] }`: a list that is never paged. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ data: z.array(item) });
}
