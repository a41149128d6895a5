import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { hashSecret } from '../db/ids.ts';
import { Problem } from '../http/problem.ts';
import type { ApiKey, ApiKeysRepository } from './api-keys.repository.ts';

const keyPattern = /^pk_[A-Za-z0-9_-]{40,64}$/;

/** A firm's API keys: `pk_` and 256 random bits. The key is shown once; only its hash is kept. */
export class ApiKeysService {
  #lastTouched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
  ) {}

  create(firmId: string, name: string): { key: string; apiKey: ApiKey } {
    const key = `pk_${randomBytes(32).toString('base64url')}`;
    const apiKey = this.keys.create({ firmId, name, prefix: key.slice(0, 10), keyHash: hashSecret(key) }, this.clock().toISOString());
    return { key, apiKey };
  }

  /** The key a request presents, or a 401 problem. */
  authenticate(presented: string): ApiKey {
    const apiKey = keyPattern.test(presented) ? this.keys.findActiveByHash(hashSecret(presented)) : undefined;
    if (!apiKey) throw Problem.unauthorized('api_key_invalid', 'The API key is not valid or has been revoked.');
    // Recording every use would write on every read; once a minute per key is enough to audit.
    const now = this.clock();
    if (now.getTime() - (this.#lastTouched.get(apiKey.id) ?? 0) > 60_000) {
      this.#lastTouched.set(apiKey.id, now.getTime());
      this.keys.touch(apiKey.id, now.toISOString());
    }
    return apiKey;
  }

  list(firmId: string): ApiKey[] {
    return this.keys.list(firmId);
  }

  revoke(firmId: string, id: string): void {
    if (!this.keys.revoke(firmId, id, this.clock().toISOString())) throw Problem.notFound('API key');
  }
}
