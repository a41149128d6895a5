import { z } from 'zod';
import { Instant, listOf } from '../http/schema.ts';

/** An API key as the firm reviews it: never the key itself. */
export const ApiKey = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The key's first characters, to tell keys apart" }),
    createdAt: Instant,
    lastUsedAt: Instant.nullable().meta({ description: 'Recorded at most once a minute' }),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const ApiKeyList = listOf(ApiKey).meta({ id: 'ApiKeyList' });
