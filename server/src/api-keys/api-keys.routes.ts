import { Router } from 'express';
import { z } from 'zod';
import { firmOf } from '../http/principal.ts';
import { parse } from '../http/validate.ts';
import type { ApiKey } from './api-keys.repository.ts';
import { newApiKeySchema } from './api-keys.contract.ts';
import type { ApiKeysService } from './api-keys.service.ts';

/** What the firm sees of a key: enough to tell its keys apart, never the key or its hash. */
const describeKey = ({ id, name, prefix, createdAt, lastUsedAt, revokedAt }: ApiKey) => ({ id, name, prefix, createdAt, lastUsedAt, revokedAt });

/** `/api/v1/admin/api-keys`: the firm creates API keys, reviews them and revokes one it no longer trusts. */
export function adminApiKeyRoutes(deps: { apiKeys: ApiKeysService }): Router {
  const { apiKeys } = deps;
  const router = Router();

  router.get('/api-keys', async (req, res) => {
    parse(z.strictObject({}), req.query, 'query');
    res.json({ data: (await apiKeys.list(firmOf(req).firmId)).map(describeKey) });
  });

  router.post('/api-keys', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    const { name } = parse(newApiKeySchema, req.body);
    const { key, apiKey } = await apiKeys.create(firmId, name, actor);
    // The key is shown this once.
    res.status(201).json({ ...describeKey(apiKey), key });
  });

  router.delete('/api-keys/:id', async (req, res) => {
    const { firmId, actor } = firmOf(req);
    await apiKeys.revoke(firmId, req.params.id, actor);
    res.status(204).end();
  });

  return router;
}
