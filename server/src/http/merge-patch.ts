import { z } from 'zod';

/**
 * Applies a JSON Merge Patch (RFC 7396) to a JSON document: objects merge key by key, at every
 * depth; `null` removes a key; anything else (arrays included) replaces what was there. The
 * document is not changed; a new one is returned.
 */
export function applyMergePatch(document: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(document) ? { ...document } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The shape of a merge patch of `schema`, for the API's documentation: every field optional and
 * nullable, nested objects patched the same way. The document patched is validated whole.
 */
export function mergePatchOf(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return inner;
  const shape = inner.shape as Record<string, z.ZodType>;
  return z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, mergePatchOf(field).nullable().optional()])));
}
