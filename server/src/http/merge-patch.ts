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
