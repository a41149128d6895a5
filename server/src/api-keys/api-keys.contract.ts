import { z } from 'zod';
import { Instant, listOf } from '../http/schema.ts';

// Requests

export const newApiKeySchema = z
  .strictObject({ name: z.string().trim().min(1, 'is required').max(100).meta({ description: 'What the key is for, e.g. "Accounting export"' }) })
  .meta({ id: 'NewApiKey' });

// Replies

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

export const NewApiKeyResult = ApiKey.extend({ key: z.string().meta({ description: 'pk_…: shown once; only its hash is kept' }) }).meta({
  id: 'NewApiKeyResult',
});
